// SPDX-License-Identifier: Apache-2.0
#include "sip/sip_framer.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

using namespace sipladder::core;

namespace {

struct Framed {
    std::string bytes;
    std::uint64_t firstFrame = 0;
    bool truncated = false;
    bool spans = false;
    const std::uint8_t* data = nullptr;
};

class Collector : public SipFramerConsumer {
public:
    void onSipMessage(const SipFramedMessage& m) override
    {
        messages.push_back(
            { std::string(asText(m.bytes)), m.firstFrameNumber, m.truncated, m.spansChunks, m.bytes.data() });
    }
    std::vector<Framed> messages;
};

std::string request(const std::string& callId, const std::string& body = "", const std::string& lengthHeader = "")
{
    std::string text = "INVITE sip:bob@example.test SIP/2.0\r\n"
                       "Via: SIP/2.0/TCP 192.0.2.1:5060;branch=z9hG4bK"
        + callId
        + "\r\n"
          "Call-ID: "
        + callId + "\r\nCSeq: 1 INVITE\r\n";
    text += lengthHeader.empty() ? "Content-Length: " + std::to_string(body.size()) + "\r\n" : lengthHeader;
    text += "\r\n" + body;
    return text;
}

std::string response(const std::string& callId)
{
    return "SIP/2.0 200 OK\r\nCall-ID: " + callId + "\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n";
}

void feedText(SipFramer& framer, const std::string& text, std::uint64_t frame, Collector& out, bool gap = false)
{
    framer.feed(asBytes(text), frame, gap, out);
}

} // namespace

TEST(SipFramer, TwoMessagesInOneChunkAreViewsIntoIt)
{
    SipFramer framer;
    Collector out;
    const std::string a = request("a", "v=0\r\n"), b = response("a");
    const std::string chunk = a + b;
    framer.feed(asBytes(chunk), 7, false, out);
    ASSERT_EQ(out.messages.size(), 2u);
    EXPECT_EQ(out.messages[0].bytes, a);
    EXPECT_EQ(out.messages[1].bytes, b);
    EXPECT_EQ(out.messages[0].data, reinterpret_cast<const std::uint8_t*>(chunk.data()));
    EXPECT_EQ(out.messages[1].data, reinterpret_cast<const std::uint8_t*>(chunk.data()) + a.size());
    EXPECT_FALSE(out.messages[0].spans);
    EXPECT_EQ(out.messages[1].firstFrame, 7u);
    EXPECT_EQ(framer.pendingBytes(), 0u);
}

TEST(SipFramer, OneMessageAcrossFiveChunks)
{
    SipFramer framer;
    Collector out;
    const std::string body(300, 'b');
    const std::string message = request("five", body);
    const std::size_t step = message.size() / 5 + 1;
    for (std::size_t i = 0; i < 5; ++i) {
        feedText(framer, message.substr(i * step, step), 10 + i, out);
        if (i < 4) {
            EXPECT_TRUE(out.messages.empty());
        }
    }
    ASSERT_EQ(out.messages.size(), 1u);
    EXPECT_EQ(out.messages[0].bytes, message);
    EXPECT_EQ(out.messages[0].firstFrame, 10u);
    EXPECT_TRUE(out.messages[0].spans);
    EXPECT_FALSE(out.messages[0].truncated);
    EXPECT_EQ(framer.pendingBytes(), 0u);
}

TEST(SipFramer, TailOfOneMessageAndStartOfNextInOneChunk)
{
    SipFramer framer;
    Collector out;
    const std::string a = request("a", "body-a"), b = request("b", "body-b"), c = response("b");
    const std::string all = a + b + c;
    const std::size_t cut1 = a.size() - 10, cut2 = a.size() + b.size() + 5;
    feedText(framer, all.substr(0, cut1), 1, out);
    feedText(framer, all.substr(cut1, cut2 - cut1), 2, out);
    feedText(framer, all.substr(cut2), 3, out);
    ASSERT_EQ(out.messages.size(), 3u);
    EXPECT_EQ(out.messages[0].bytes, a);
    EXPECT_EQ(out.messages[0].firstFrame, 1u);
    EXPECT_EQ(out.messages[1].bytes, b);
    EXPECT_EQ(out.messages[1].firstFrame, 2u);
    EXPECT_EQ(out.messages[2].bytes, c);
    EXPECT_EQ(out.messages[2].firstFrame, 2u);
    EXPECT_TRUE(out.messages[2].spans);
}

TEST(SipFramer, BodyContainingBlankLinesIsFramedByContentLength)
{
    SipFramer framer;
    Collector out;
    const std::string body = "--boundary\r\nContent-Type: application/sdp\r\n\r\nv=0\r\n\r\n\r\n--boundary--\r\n";
    const std::string a = request("multi", body), b = response("multi");
    feedText(framer, a + b, 1, out);
    ASSERT_EQ(out.messages.size(), 2u);
    EXPECT_EQ(out.messages[0].bytes, a);
    EXPECT_EQ(out.messages[1].bytes, b);
}

TEST(SipFramer, SkipsKeepAlivesBetweenMessages)
{
    SipFramer framer;
    Collector out;
    feedText(framer, "\r\n\r\n", 1, out);
    feedText(framer, "\r\n" + response("k") + "\r\n\r\n\r\n" + response("l") + "\r\n", 2, out);
    feedText(framer, "\r\n\r\n", 3, out);
    feedText(framer, response("m"), 4, out);
    ASSERT_EQ(out.messages.size(), 3u);
    EXPECT_EQ(out.messages[0].bytes, response("k"));
    EXPECT_EQ(out.messages[1].bytes, response("l"));
    EXPECT_EQ(out.messages[2].bytes, response("m"));
    EXPECT_EQ(framer.pendingBytes(), 0u);
}

TEST(SipFramer, MissingContentLengthMeansNoBody)
{
    SipFramer framer;
    Collector out;
    const std::string a = "BYE sip:a@example.test SIP/2.0\r\nCall-ID: x\r\n\r\n";
    feedText(framer, a + response("x"), 1, out);
    ASSERT_EQ(out.messages.size(), 2u);
    EXPECT_EQ(out.messages[0].bytes, a);
}

TEST(SipFramer, CompactAndOddlySpacedContentLength)
{
    EXPECT_EQ(SipFramer::contentLength(asBytes("SIP/2.0 200 OK\r\nl: 12\r\n\r\n")), 12u);
    EXPECT_EQ(SipFramer::contentLength(asBytes("SIP/2.0 200 OK\r\nCONTENT-length \t:   7 \r\n\r\n")), 7u);
    EXPECT_EQ(SipFramer::contentLength(asBytes("SIP/2.0 200 OK\r\nContent-Type: x\r\n\r\n")), 0u);
    EXPECT_EQ(SipFramer::contentLength(asBytes("SIP/2.0 200 OK\r\nX-Content-Length: 9\r\nL:3\r\n\r\n")), 3u);
    EXPECT_EQ(SipFramer::contentLength(asBytes("SIP/2.0 200 OK\r\nContent-Length: abc\r\n\r\n")), 0u);
    EXPECT_EQ(SipFramer::contentLength(asBytes("SIP/2.0 200 OK\r\nContent-Length: 99999999999999999999\r\n\r\n")),
        std::uint64_t(1) << 40);

    SipFramer framer;
    Collector out;
    const std::string compact = request("c", "12345", "l:5\r\n");
    feedText(framer, compact + response("c"), 1, out);
    ASSERT_EQ(out.messages.size(), 2u);
    EXPECT_EQ(out.messages[0].bytes, compact);
}

TEST(SipFramer, ToleratesBareLineFeeds)
{
    SipFramer framer;
    Collector out;
    const std::string a = "OPTIONS sip:a@example.test SIP/2.0\nCall-ID: lf\nContent-Length: 3\n\nabc";
    const std::string b = "SIP/2.0 200 OK\nCall-ID: lf\n\n";
    feedText(framer, a + b, 1, out);
    ASSERT_EQ(out.messages.size(), 2u);
    EXPECT_EQ(out.messages[0].bytes, a);
    EXPECT_EQ(out.messages[1].bytes, b);
    EXPECT_EQ(SipFramer::findHeaderEnd(asBytes("A\r\nB\r\n\r\nbody")), 8u);
    EXPECT_EQ(SipFramer::findHeaderEnd(asBytes("A\nB\n\nbody")), 5u);
    EXPECT_FALSE(SipFramer::findHeaderEnd(asBytes("A\r\nB\r\n\r")).has_value());
}

TEST(SipFramer, HeaderEndSplitAcrossChunks)
{
    const std::string message = request("split", "xyz");
    const std::size_t blank = message.find("\r\n\r\n");
    for (std::size_t cut = blank; cut <= blank + 4; ++cut) {
        SipFramer framer;
        Collector out;
        feedText(framer, message.substr(0, cut), 1, out);
        feedText(framer, message.substr(cut), 2, out);
        ASSERT_EQ(out.messages.size(), 1u) << cut;
        EXPECT_EQ(out.messages[0].bytes, message);
    }
}

TEST(SipFramer, StartLineSplitAcrossChunks)
{
    SipFramer framer;
    Collector out;
    const std::string message = response("s");
    feedText(framer, message.substr(0, 5), 1, out);
    feedText(framer, message.substr(5), 2, out);
    ASSERT_EQ(out.messages.size(), 1u);
    EXPECT_EQ(out.messages[0].bytes, message);
    EXPECT_EQ(out.messages[0].firstFrame, 1u);
}

TEST(SipFramer, GapCutsPendingMessageAndResynchronises)
{
    SipFramer framer;
    Collector out;
    const std::string a = request("gap", std::string(100, 'x'));
    feedText(framer, a.substr(0, 60), 1, out);
    // The rest of `a` was never captured; the next chunk starts inside another message's body.
    feedText(framer, "tail of something\r\nmore junk\r\n" + response("next"), 3, out, true);
    ASSERT_EQ(out.messages.size(), 2u);
    EXPECT_TRUE(out.messages[0].truncated);
    EXPECT_EQ(out.messages[0].bytes, a.substr(0, 60));
    EXPECT_FALSE(out.messages[1].truncated);
    EXPECT_EQ(out.messages[1].bytes, response("next"));
    EXPECT_TRUE(framer.inSync());
}

TEST(SipFramer, GarbageBetweenMessagesIsSkipped)
{
    SipFramer framer;
    Collector out;
    feedText(framer, "\x16\x03\x01 binary junk\r\n", 1, out);
    EXPECT_FALSE(framer.inSync());
    EXPECT_EQ(framer.pendingBytes(), 0u);
    feedText(framer, response("g1") + "NOT SIP AT ALL\r\n\r\n" + response("g2"), 2, out);
    ASSERT_EQ(out.messages.size(), 2u);
    EXPECT_EQ(out.messages[0].bytes, response("g1"));
    EXPECT_EQ(out.messages[1].bytes, response("g2"));
}

TEST(SipFramer, WrongContentLengthResynchronisesOnNextStartLine)
{
    SipFramer framer;
    Collector out;
    const std::string shortBody = request("cl", "abc\r\ndef\r\n", "Content-Length: 3\r\n");
    feedText(framer, shortBody + response("cl"), 1, out);
    ASSERT_EQ(out.messages.size(), 2u);
    EXPECT_EQ(out.messages[0].bytes, shortBody.substr(0, shortBody.size() - 7));
    EXPECT_EQ(out.messages[1].bytes, response("cl"));
}

TEST(SipFramer, HugeBodyHitsTheBoundAndIsTruncated)
{
    const std::size_t bound = 1 << 20;
    SipFramer framer(bound);
    Collector out;
    // The body ends with a line end, as SDP and most bodies do: after the cut, the framer finds the
    // next start line at a line start.
    const std::string big = request("big", std::string(bound + 1000, 'B') + "\r\n");
    const std::string next = response("after");
    const std::string stream = big + next;
    std::uint64_t frame = 1;
    for (std::size_t pos = 0; pos < stream.size(); pos += 1448)
        feedText(framer, stream.substr(pos, 1448), frame++, out);
    ASSERT_EQ(out.messages.size(), 2u);
    EXPECT_TRUE(out.messages[0].truncated);
    EXPECT_EQ(out.messages[0].bytes.size(), bound);
    EXPECT_EQ(out.messages[0].bytes, big.substr(0, bound));
    EXPECT_EQ(out.messages[0].firstFrame, 1u);
    EXPECT_EQ(out.messages[1].bytes, next);
    EXPECT_FALSE(out.messages[1].truncated);
    EXPECT_EQ(framer.pendingBytes(), 0u);
}

TEST(SipFramer, FlushEmitsPendingPartialAsTruncated)
{
    SipFramer framer;
    Collector out;
    feedText(framer, request("f", "0123456789").substr(0, 70), 4, out);
    EXPECT_GT(framer.pendingBytes(), 0u);
    framer.flush(out);
    ASSERT_EQ(out.messages.size(), 1u);
    EXPECT_TRUE(out.messages[0].truncated);
    EXPECT_EQ(out.messages[0].firstFrame, 4u);
    EXPECT_EQ(framer.pendingBytes(), 0u);

    // A partial start line that never became SIP is not a message.
    SipFramer other;
    Collector none;
    feedText(other, "INV", 1, none);
    other.flush(none);
    EXPECT_TRUE(none.messages.empty());
}

TEST(SipFramer, AnySplitGivesTheSameMessages)
{
    const std::string stream = "\r\n" + request("r1", "v=0\r\n\r\nx") + response("r1") + "\r\n\r\n"
        + request("r2", "", "l: 0\r\n") + "OPTIONS sip:x@y SIP/2.0\nCall-ID: r3\nContent-Length: 4\n\nabcd"
        + response("r3");
    SipFramer whole;
    Collector expected;
    feedText(whole, stream, 1, expected);
    ASSERT_EQ(expected.messages.size(), 5u);

    for (unsigned seed : { 1u, 7u, 99u, 12345u }) {
        std::mt19937 rng(seed);
        for (int round = 0; round < 200; ++round) {
            SipFramer framer;
            Collector out;
            std::uint64_t frame = 1;
            for (std::size_t pos = 0; pos < stream.size();) {
                const std::size_t length = 1 + rng() % 40;
                feedText(framer, stream.substr(pos, length), frame++, out);
                pos += length;
            }
            ASSERT_EQ(out.messages.size(), expected.messages.size()) << seed << "/" << round;
            for (std::size_t i = 0; i < out.messages.size(); ++i)
                EXPECT_EQ(out.messages[i].bytes, expected.messages[i].bytes);
            EXPECT_EQ(framer.pendingBytes(), 0u);
        }
    }
}

TEST(SipFramer, RandomBytesNeverCrashAndStayBounded)
{
    std::mt19937 rng(31337);
    const std::size_t bound = 4096;
    SipFramer framer(bound);
    Collector out;
    const std::string seedText = request("fz", "body") + response("fz");
    for (int i = 0; i < 20000; ++i) {
        std::string chunk;
        if (i % 4 == 0) {
            chunk = seedText.substr(rng() % seedText.size());
        } else {
            chunk.resize(rng() % 300);
            for (auto& c : chunk)
                c = static_cast<char>((rng() % 4 == 0) ? "\r\n: 0lL"[rng() % 7] : static_cast<char>(rng()));
        }
        framer.feed(asBytes(chunk), static_cast<std::uint64_t>(i), rng() % 50 == 0, out);
        ASSERT_LE(framer.pendingBytes(), bound);
    }
    for (const auto& m : out.messages)
        EXPECT_LE(m.bytes.size(), std::max<std::size_t>(bound, 300));
    EXPECT_FALSE(out.messages.empty());
}
