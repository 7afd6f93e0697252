// SPDX-License-Identifier: Apache-2.0
// Text logs as they arrive in tickets: cut, mangled, mixed with binary, with stray markers and control
// bytes. Every mutation of every fixture loads (or is refused with an error) and is diagnosed without a
// crash; the sanitizer build runs this too. The mutations are drawn from a fixed seed, so a failure
// repeats.
#include "analysis/diagnoser.h"
#include "load/capture_loader.h"
#include "support/test_paths.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace core = sipladder::core;
namespace st = sipladder::testing;

namespace {

std::string readFile(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

// One mutation of `text`: bytes flipped to control or random values, a range deleted or repeated, a
// marker or a start line thrown in, or the text cut short.
std::string mutate(const std::string& text, std::mt19937& random)
{
    std::string out = text;
    if (out.empty())
        return out;
    auto at = [&](std::size_t size) { return std::uniform_int_distribution<std::size_t>(0, size - 1)(random); };
    static const std::vector<std::string> inserts { "\n<--- Received SIP request (99 bytes) from UDP:[::1]:5060 --->\n",
        "\nrecv 12 bytes from tcp/[2001:db8::1]:5061/7 at 25:61:61.9:\n", "\nU +1.5 1.2.3.4:5 -> 5.6.7.8:9 1@0:10\n",
        "\nINVITE sip:x SIP/2.0\n", "\nSIP/2.0 200\n", "Content-Length: 99999999999999999999\n",
        "\nContent-Type: message/sipfrag\n", "\n[Nov 31 99:99:99] VERBOSE[1] x\n", "\x1b[31m", "\r", std::string(1, '\0'),
        "\xFF\xFE", "\nReceived:\n", "\n#\n", std::string(300, '-') };
    const int edits = 1 + static_cast<int>(at(4));
    for (int edit = 0; edit < edits && !out.empty(); ++edit) {
        switch (at(5)) {
        case 0: // flip a few bytes
            for (int i = 0; i < 8; ++i)
                out[at(out.size())] = static_cast<char>(at(256));
            break;
        case 1: { // delete a range
            const auto from = at(out.size());
            out.erase(from, std::min<std::size_t>(out.size() - from, at(200) + 1));
            break;
        }
        case 2: { // repeat a range
            const auto from = at(out.size());
            out.insert(at(out.size()), out.substr(from, at(400) + 1));
            break;
        }
        case 3: // throw something in
            out.insert(at(out.size()), inserts[at(inserts.size())]);
            break;
        default: // cut short
            out.resize(at(out.size()) + 1);
            break;
        }
    }
    return out;
}

} // namespace

TEST(TextLogFuzz, MangledLogsLoadAndAreDiagnosedWithoutACrash)
{
    const auto dir = st::makeTempDir("sipladder-textlog-fuzz");
    std::mt19937 random(20261204);
    std::size_t loaded = 0;
    std::size_t refused = 0;
    for (const auto& entry : std::filesystem::directory_iterator(st::testDataDir() / "textlogs")) {
        const std::string original = readFile(entry.path());
        for (int round = 0; round < 20; ++round) {
            SCOPED_TRACE(entry.path().filename().string() + " round " + std::to_string(round));
            const auto path = dir / "mutated.log";
            std::ofstream(path, std::ios::binary | std::ios::trunc) << mutate(original, random);
            core::LoadOptions options;
            options.paths = {path.string()};
            const auto result = core::CaptureLoader::load(options);
            if (!result) {
                EXPECT_FALSE(result.error().message.empty());
                ++refused;
                continue;
            }
            ++loaded;
            const auto& snapshot = *result.value();
            // Never more messages than start lines could begin (one per line at the most).
            EXPECT_LE(snapshot.messages().size(), original.size());
            const auto diagnosis = core::Diagnoser(snapshot).diagnoseAll();
            EXPECT_LE(diagnosis->failures().size(), snapshot.messages().size());
        }
    }
    std::filesystem::remove_all(dir);
    // Most mutations leave a readable log behind.
    EXPECT_GT(loaded, refused);
}
