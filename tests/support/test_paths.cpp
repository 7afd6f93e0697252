// SPDX-License-Identifier: Apache-2.0
#include "support/test_paths.h"

#include <atomic>
#include <cstdlib>
#include <string>
#include <unistd.h>

namespace sipladder::testing {

std::filesystem::path testDataDir()
{
    return SIPLADDER_TEST_DATA_DIR;
}

std::optional<std::filesystem::path> corpusDir()
{
    std::filesystem::path dir = SIPLADDER_CORPUS_DIR;
    if (const char* overrideDir = std::getenv("SIPLADDER_CORPUS_DIR"))
        dir = overrideDir;
    std::error_code ec;
    if (std::filesystem::is_directory(dir, ec) && std::filesystem::exists(dir / "expected.tsv", ec))
        return std::filesystem::canonical(dir, ec);
    return std::nullopt;
}

std::filesystem::path makeTempDir(const char* prefix)
{
    static std::atomic<int> counter{0};
    auto dir = std::filesystem::temp_directory_path()
        / (std::string(prefix) + "-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
}

} // namespace sipladder::testing
