// SPDX-License-Identifier: Apache-2.0
// TextLogPrefetcher: read ahead on its own thread or not, it hands out what the reader reads, in the
// reader's order, with each warning after the same message; it stops cleanly when left half read.
#include "support/test_paths.h"

#include "textlog/text_log_prefetcher.h"

#include <gtest/gtest.h>

#include <fstream>

namespace core = sipladder::core;
namespace st = sipladder::testing;

namespace {

struct Taken {
    std::string bytes;
    std::uint64_t line = 0;
    std::int64_t timeNs = 0;
    core::Endpoint source;
    core::Endpoint destination;
    bool sourceInferred = false;
    bool destinationInferred = false;
    core::Transport transport = core::Transport::Udp;
    std::vector<std::string> warningsBefore; // warnings handed out with this message
    bool operator==(const Taken&) const = default;
};

struct Reading {
    std::vector<Taken> messages;
    std::vector<std::string> warningsAtEnd;
    std::uint64_t lines = 0;
    core::TextLogFormat format = core::TextLogFormat::RawSip;
    std::uint64_t bytesConsumed = 0;
};

// A PJSIP console log of `count` requests; every 97th says a Content-Length its body does not have.
std::string pjsipLog(int count)
{
    std::string log;
    for (int i = 0; i < count; ++i) {
        const bool wrongLength = i % 97 == 5;
        log += "[2026-11-24 10:00:" + std::to_string(10 + i / 1000) + "." + std::to_string(100000 + i % 1000)
            + "] VERBOSE[4190] res_pjsip_logger.c: <--- Received SIP request (300 bytes) from UDP:192.0.2."
            + std::to_string(1 + i % 200) + ":5060 --->\n";
        log += "OPTIONS sip:pbx.example.test SIP/2.0\r\n"
               "Via: SIP/2.0/UDP 192.0.2."
            + std::to_string(1 + i % 200) + ":5060;branch=z9hG4bK" + std::to_string(i)
            + "\r\n"
              "From: <sip:probe@example.test>;tag="
            + std::to_string(i)
            + "\r\n"
              "To: <sip:pbx.example.test>\r\n"
              "Call-ID: prefetch-"
            + std::to_string(i)
            + "\r\n"
              "CSeq: 1 OPTIONS\r\n"
              "Content-Type: application/sdp\r\n"
              "Content-Length: "
            + (wrongLength ? "40" : "5") + "\r\n\r\nv=0\r\n\r\n";
    }
    return log;
}

Reading readAll(core::TextLogPrefetcher& prefetcher)
{
    Reading reading;
    core::TextLogMessage message;
    while (prefetcher.next(message)) {
        Taken taken {std::string(core::asText(message.bytes)), message.line, message.timestampNs, message.source,
            message.destination, message.sourceInferred, message.destinationInferred, message.transport, {}};
        for (const auto& warning : prefetcher.warnings())
            taken.warningsBefore.push_back(std::to_string(warning.line) + " " + warning.text);
        prefetcher.warnings().clear();
        reading.messages.push_back(std::move(taken));
    }
    for (const auto& warning : prefetcher.warnings())
        reading.warningsAtEnd.push_back(std::to_string(warning.line) + " " + warning.text);
    reading.lines = prefetcher.reader().linesRead();
    reading.format = prefetcher.reader().format();
    reading.bytesConsumed = prefetcher.bytesConsumed();
    return reading;
}

class TextLogPrefetcherTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        m_dir = st::makeTempDir("sipladder-prefetch");
        m_path = m_dir / "pjsip.log";
        std::ofstream(m_path, std::ios::binary) << pjsipLog(kMessages);
    }
    void TearDown() override { std::filesystem::remove_all(m_dir); }

    std::unique_ptr<core::TextLogPrefetcher> open(core::HostNameTable& hosts, bool background)
    {
        auto file = core::FileByteSource::open(m_path.string());
        EXPECT_TRUE(file);
        return std::make_unique<core::TextLogPrefetcher>(
            std::make_unique<core::TextLogReader>(file.value(), hosts), background);
    }

    // More than one chunk of messages and of bytes goes between the threads, and the log is longer
    // than the reader's first look at it.
    static constexpr int kMessages = 30000;
    std::filesystem::path m_dir;
    std::filesystem::path m_path;
};

} // namespace

TEST_F(TextLogPrefetcherTest, ReadingAheadChangesNothingInWhatComesOut)
{
    core::HostNameTable inlineHosts;
    const auto inline_ = open(inlineHosts, false);
    const Reading expected = readAll(*inline_);
    ASSERT_EQ(expected.messages.size(), static_cast<std::size_t>(kMessages));
    // Message by message, also across the end of the reader's first look at the log (8 MB): each in
    // its place, the wrong Content-Lengths noticed with their own messages.
    for (std::size_t i = 0; i < expected.messages.size(); ++i) {
        ASSERT_EQ(expected.messages[i].line, i * 12 + 2) << i;
        ASSERT_NE(expected.messages[i].bytes.find("Call-ID: prefetch-" + std::to_string(i) + "\r\n"), std::string::npos) << i;
        ASSERT_EQ(expected.messages[i].warningsBefore.size(), i % 97 == 5 ? 1u : 0u) << i;
        ASSERT_EQ(expected.messages[i].source.toString(), "192.0.2." + std::to_string(1 + i % 200) + ":5060") << i;
        // The PBX's own end is inferred (read ahead, the loading thread infers it).
        ASSERT_FALSE(expected.messages[i].sourceInferred) << i;
        ASSERT_TRUE(expected.messages[i].destinationInferred) << i;
    }
    EXPECT_EQ(expected.format, core::TextLogFormat::AsteriskPjsip);
    EXPECT_EQ(expected.bytesConsumed, std::filesystem::file_size(m_path));

    core::HostNameTable aheadHosts;
    const auto ahead = open(aheadHosts, true);
    const Reading got = readAll(*ahead);
    ASSERT_EQ(got.messages.size(), expected.messages.size());
    for (std::size_t i = 0; i < got.messages.size(); ++i)
        ASSERT_EQ(got.messages[i], expected.messages[i]) << "message " << i;
    EXPECT_EQ(got.warningsAtEnd, expected.warningsAtEnd);
    EXPECT_EQ(got.lines, expected.lines);
    EXPECT_EQ(got.format, expected.format);
    EXPECT_EQ(got.bytesConsumed, expected.bytesConsumed);

    // Asked again after the end, it still says the log is over.
    core::TextLogMessage message;
    EXPECT_FALSE(ahead->next(message));
}

TEST_F(TextLogPrefetcherTest, LeftHalfReadItStopsItsThread)
{
    for (const int taken : {0, 1, 700}) {
        core::HostNameTable hosts;
        auto ahead = open(hosts, true);
        core::TextLogMessage message;
        for (int i = 0; i < taken; ++i)
            ASSERT_TRUE(ahead->next(message));
        if (taken > 0) {
            EXPECT_GT(ahead->bytesConsumed(), 0u);
            EXPECT_EQ(message.line, static_cast<std::uint64_t>(taken - 1) * 12 + 2);
        }
        ahead.reset(); // joins the thread, whether it is reading or waiting for room
    }
}
