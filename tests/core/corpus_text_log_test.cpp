// SPDX-License-Identifier: Apache-2.0
// The public corpus's text logs (real Asterisk console output cut from its documentation, and a
// Zeek sip.log that is not a message dump): each log gives the requests and responses its MANIFEST
// row counts, with the Call-IDs it names; the Zeek log is refused as holding no SIP messages.
#include "load/capture_loader.h"
#include "support/test_paths.h"

#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

using namespace sipladder::core;
using sipladder::testing::corpusDir;

namespace {

struct ManifestRow {
    std::string path;
    std::uint64_t requests = 0;
    std::uint64_t responses = 0;
    std::uint64_t callIds = 0;
};

std::string trim(const std::string& text)
{
    const auto first = text.find_first_not_of(' ');
    const auto last = text.find_last_not_of(' ');
    return first == std::string::npos ? std::string() : text.substr(first, last - first + 1);
}

// The rows of MANIFEST.md's "Text logs" table: | Path | Source | License | Kind | Requests |
// Responses (codes) | Call-IDs | 404 | Description |, counts as leading numbers.
std::vector<ManifestRow> textLogRows(const std::filesystem::path& dir)
{
    std::vector<ManifestRow> rows;
    std::ifstream in(dir / "MANIFEST.md");
    std::string line;
    bool inTable = false;
    while (std::getline(in, line)) {
        if (line.rfind("## ", 0) == 0)
            inTable = line == "## Text logs";
        if (!inTable || line.rfind("| textlogs/", 0) != 0)
            continue;
        std::vector<std::string> cells;
        std::istringstream fields(line.substr(1));
        std::string cell;
        while (std::getline(fields, cell, '|'))
            cells.push_back(trim(cell));
        // Message dumps only: the Zeek log counts transactions, not messages.
        if (cells.size() < 8 || cells[3].find("SIP debug") == std::string::npos)
            continue;
        ManifestRow row;
        row.path = cells[0];
        try {
            row.requests = std::stoull(cells[4]);
            row.responses = std::stoull(cells[5]);
            row.callIds = std::stoull(cells[6]);
        } catch (const std::exception&) {
            continue;
        }
        rows.push_back(row);
    }
    return rows;
}

} // namespace

TEST(CorpusTextLogs, EachAsteriskLogGivesTheMessagesItsManifestCounts)
{
    const auto dir = corpusDir();
    if (!dir)
        GTEST_SKIP() << "the public corpus is not present";
    const auto rows = textLogRows(*dir);
    ASSERT_GE(rows.size(), 5u) << "MANIFEST.md's text log table";
    for (const auto& row : rows) {
        SCOPED_TRACE(row.path);
        LoadOptions options;
        options.paths.push_back((*dir / row.path).string());
        auto loaded = CaptureLoader::load(options);
        ASSERT_TRUE(loaded) << loaded.error().message;
        const auto& snapshot = *loaded.value();
        std::uint64_t requests = 0;
        std::uint64_t responses = 0;
        for (const auto& message : snapshot.messages())
            (message.isRequest() ? requests : responses) += 1;
        EXPECT_EQ(requests, row.requests);
        EXPECT_EQ(responses, row.responses);
        EXPECT_EQ(snapshot.calls().size(), row.callIds);
        ASSERT_EQ(snapshot.files().size(), 1u);
        EXPECT_EQ(snapshot.files()[0].format.rfind("text/asterisk-", 0), 0u) << snapshot.files()[0].format;
        for (const auto& message : snapshot.messages())
            EXPECT_GT(message.frameNumber, 0u) << "the line of its start line";
    }
}

TEST(CorpusTextLogs, AZeekTransactionLogIsNotTakenForSipMessages)
{
    const auto dir = corpusDir();
    if (!dir)
        GTEST_SKIP() << "the public corpus is not present";
    LoadOptions options;
    options.paths.push_back((*dir / "textlogs/zeek/sip.log").string());
    const auto loaded = CaptureLoader::load(options);
    ASSERT_FALSE(loaded);
    EXPECT_NE(loaded.error().message.find("no SIP"), std::string::npos) << loaded.error().message;
}
