// SPDX-License-Identifier: Apache-2.0
#include "search/message_text_search.h"
#include "search/substring_finder.h"
#include "support/capture_file_writer.h"
#include "support/sample_calls.h"
#include "support/test_paths.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

using namespace sipladder::core;
namespace st = sipladder::testing;

namespace {

class RecordingSink final : public ProgressSink {
public:
    void report(const LoadProgress& progress) override { reports.push_back(progress); }
    std::vector<LoadProgress> reports;
};

class MessageTextSearchTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        m_dir = st::makeTempDir("sipladder-text-search");
        m_path = m_dir / "sample.pcap";
        m_snapshot = st::loadSampleCalls(m_path);
        ASSERT_EQ(m_snapshot->calls().size(), std::size_t(st::SampleCallCount));
    }
    void TearDown() override
    {
        m_snapshot.reset();
        std::filesystem::remove_all(m_dir);
    }

    std::vector<std::uint32_t> search(std::string_view needle)
    {
        auto result = MessageTextSearch::run(*m_snapshot, needle);
        EXPECT_TRUE(result);
        return result ? result.value().calls : std::vector<std::uint32_t>();
    }

    std::filesystem::path m_dir;
    std::filesystem::path m_path;
    SnapshotPtr m_snapshot;
};

} // namespace

TEST_F(MessageTextSearchTest, FindsTheCallsWhoseMessagesContainTheNeedle)
{
    EXPECT_EQ(search(st::kSampleRareAgent), std::vector<std::uint32_t> { st::SampleBusy });
    EXPECT_EQ(search("Call-ID: sample-3@test.example"), std::vector<std::uint32_t> { st::SampleRegister });
    std::vector<std::uint32_t> all;
    for (std::uint32_t call = 0; call < st::SampleCallCount; ++call)
        all.push_back(call);
    EXPECT_EQ(search("SIP/2.0"), all) << "every call has SIP/2.0 in its messages";
    EXPECT_TRUE(search("no such text anywhere").empty());
}

TEST_F(MessageTextSearchTest, IgnoresAsciiCase)
{
    const std::vector<std::uint32_t> busy { st::SampleBusy };
    EXPECT_EQ(search("rareagent/7.1"), busy);
    EXPECT_EQ(search("RAREAGENT/7.1"), busy);
    EXPECT_EQ(search("rArEaGeNt"), busy);
    EXPECT_EQ(search("busy here"), busy);
}

TEST_F(MessageTextSearchTest, EmptyNeedleMatchesNothingAndReadsNothing)
{
    const auto result = MessageTextSearch::run(*m_snapshot, "");
    ASSERT_TRUE(result);
    EXPECT_TRUE(result.value().calls.empty());
    EXPECT_EQ(result.value().messagesSearched, 0u);
}

TEST_F(MessageTextSearchTest, ReportsProgressOverTheMessagesBytesUpToTheEnd)
{
    RecordingSink sink;
    const auto result = MessageTextSearch::run(*m_snapshot, "no such text", &sink);
    ASSERT_TRUE(result);
    EXPECT_EQ(result.value().messagesSearched, m_snapshot->messages().size());
    ASSERT_GE(sink.reports.size(), 2u);
    std::uint64_t total = 0;
    for (const auto& message : m_snapshot->messages())
        total += message.location.length;
    for (std::size_t i = 1; i < sink.reports.size(); ++i) {
        EXPECT_GE(sink.reports[i].bytesDone, sink.reports[i - 1].bytesDone);
        EXPECT_EQ(sink.reports[i].bytesTotal, total);
    }
    EXPECT_EQ(sink.reports.back().stage, LoadStage::Finished);
    EXPECT_EQ(sink.reports.back().bytesDone, total);
}

TEST_F(MessageTextSearchTest, StopsWhenCancelled)
{
    CancellationToken token;
    token.cancel();
    const auto result = MessageTextSearch::run(*m_snapshot, "SIP/2.0", nullptr, token);
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, ErrorCode::Cancelled);
}

TEST_F(MessageTextSearchTest, MessagesWhoseFileShrankAreCountedNotRead)
{
    // The snapshot keeps its file open; cutting the file makes the later messages unreadable.
    st::truncateFile(m_path, 2000);
    const auto result = MessageTextSearch::run(*m_snapshot, "no such text");
    ASSERT_TRUE(result);
    EXPECT_GT(result.value().messagesUnreadable, 0u);
    EXPECT_EQ(result.value().messagesSearched + result.value().messagesUnreadable, m_snapshot->messages().size());
    EXPECT_TRUE(result.value().calls.empty());
}

TEST(FoldAsciiCase, MatchesTheBytewiseDefinitionAtEveryAlignment)
{
    std::string all;
    for (int c = 0; c < 256; ++c)
        all.push_back(static_cast<char>(c));
    for (std::size_t shift = 0; shift < 9; ++shift) {
        std::string text = std::string(shift, 'Q') + all;
        foldAsciiCase(text.data(), text.size());
        for (std::size_t i = 0; i < text.size(); ++i) {
            const auto original = static_cast<unsigned char>(i < shift ? 'Q' : all[i - shift]);
            const auto expected = original >= 'A' && original <= 'Z' ? original + 32 : original;
            ASSERT_EQ(static_cast<unsigned char>(text[i]), expected) << "byte " << int(original) << " shift " << shift;
        }
    }
}

TEST(SubstringFinder, FindsFromAPositionAndHandlesEdges)
{
    const SubstringFinder finder("abc");
    EXPECT_EQ(finder.find("xxabcxxabc"), 2u);
    EXPECT_EQ(finder.find("xxabcxxabc", 3), 7u);
    EXPECT_EQ(finder.find("xxabcxxabc", 8), std::string_view::npos);
    EXPECT_EQ(finder.find("ab"), std::string_view::npos);
    EXPECT_EQ(finder.find("abc", 4), std::string_view::npos);
    const SubstringFinder empty("");
    EXPECT_EQ(empty.find("xyz", 1), 1u);
    EXPECT_EQ(foldedAsciiCase("INVITE sip:Bob@X \xc3\x89"), "invite sip:bob@x \xc3\x89");
}
