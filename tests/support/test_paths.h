// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <filesystem>
#include <optional>

namespace sipladder::testing {

// tests/data in the source tree.
std::filesystem::path testDataDir();

// ../shared/corpus/public beside the checkout (or $SIPLADDER_CORPUS_DIR); nullopt when absent, so
// corpus tests can skip cleanly on machines without it.
std::optional<std::filesystem::path> corpusDir();

// A fresh empty directory under the system temp dir, unique per call.
std::filesystem::path makeTempDir(const char* prefix);

} // namespace sipladder::testing
