// SPDX-License-Identifier: Apache-2.0
#include "net/websocket_decoder.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

using namespace sipladder::core;

namespace {

using Bytes = std::vector<std::uint8_t>;

struct Received {
    std::string payload;
    bool text = false;
    std::uint64_t firstFrame = 0;
    bool spans = false;
    bool truncated = false;
    const std::uint8_t* data = nullptr;
};

class Collector : public WebSocketMessageConsumer {
public:
    void onWebSocketMessage(const WebSocketMessage& m) override
    {
        messages.push_back({ std::string(asText(m.payload)), m.text, m.firstFrameNumber, m.spansChunks, m.truncated,
            m.payload.data() });
    }
    std::vector<Received> messages;
};

// RFC 6455 §5.2 frame; `mask` empty for a server frame.
Bytes frame(std::uint8_t opcode, const std::string& payload, bool fin = true, const Bytes& mask = {})
{
    Bytes out;
    out.push_back(static_cast<std::uint8_t>((fin ? 0x80 : 0) | opcode));
    const std::uint8_t maskBit = mask.empty() ? 0 : 0x80;
    const std::size_t n = payload.size();
    if (n < 126) {
        out.push_back(static_cast<std::uint8_t>(maskBit | n));
    } else if (n <= 0xffff) {
        out.push_back(maskBit | 126);
        out.push_back(static_cast<std::uint8_t>(n >> 8));
        out.push_back(static_cast<std::uint8_t>(n));
    } else {
        out.push_back(maskBit | 127);
        for (int shift = 56; shift >= 0; shift -= 8)
            out.push_back(static_cast<std::uint8_t>(static_cast<std::uint64_t>(n) >> shift));
    }
    out.insert(out.end(), mask.begin(), mask.end());
    for (std::size_t i = 0; i < n; ++i)
        out.push_back(static_cast<std::uint8_t>(payload[i] ^ (mask.empty() ? 0 : mask[i % 4])));
    return out;
}

Bytes operator+(Bytes a, const Bytes& b)
{
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

const Bytes kMask = { 0x37, 0xfa, 0x21, 0x3d };
const std::string kRegister
    = "REGISTER sip:example.test SIP/2.0\r\nVia: SIP/2.0/WSS df7jal23ls0d.invalid;branch=z9hG4bK\r\n"
      "Call-ID: ws-1\r\nContent-Length: 0\r\n\r\n";
const std::string kOk = "SIP/2.0 200 OK\r\nCall-ID: ws-1\r\nContent-Length: 0\r\n\r\n";

} // namespace

TEST(WebSocketDecoder, UnmaskedFrameIsAViewIntoTheChunk)
{
    WebSocketDecoder decoder;
    Collector out;
    const Bytes bytes = frame(1, kOk);
    decoder.feed(bytes, 3, false, out);
    ASSERT_EQ(out.messages.size(), 1u);
    EXPECT_EQ(out.messages[0].payload, kOk);
    EXPECT_TRUE(out.messages[0].text);
    EXPECT_EQ(out.messages[0].firstFrame, 3u);
    EXPECT_EQ(out.messages[0].data, bytes.data() + 2);
    EXPECT_FALSE(out.messages[0].spans);
    EXPECT_EQ(decoder.bufferedBytes(), 0u);
}

TEST(WebSocketDecoder, UnmasksClientFrames)
{
    WebSocketDecoder decoder;
    Collector out;
    decoder.feed(frame(1, kRegister, true, kMask), 1, false, out);
    ASSERT_EQ(out.messages.size(), 1u);
    EXPECT_EQ(out.messages[0].payload, kRegister);
}

TEST(WebSocketDecoder, SixteenAndSixtyFourBitLengths)
{
    WebSocketDecoder decoder;
    Collector out;
    const std::string medium = kOk + std::string(300, 'm');
    const std::string large = kOk + std::string(70000, 'L');
    decoder.feed(frame(2, medium, true, kMask) + frame(2, large), 1, false, out);
    ASSERT_EQ(out.messages.size(), 2u);
    EXPECT_EQ(out.messages[0].payload, medium);
    EXPECT_FALSE(out.messages[0].text);
    EXPECT_EQ(out.messages[1].payload, large);
}

TEST(WebSocketDecoder, FragmentedMessageWithPingBetween)
{
    WebSocketDecoder decoder;
    Collector out;
    const Bytes stream = frame(1, kRegister.substr(0, 20), false, kMask) + frame(9, "ping", true, kMask)
        + frame(0, kRegister.substr(20, 30), false, kMask) + frame(10, "", true, kMask)
        + frame(0, kRegister.substr(50), true, kMask) + frame(8, "\x03\xe8", true, kMask);
    decoder.feed(stream, 5, false, out);
    ASSERT_EQ(out.messages.size(), 1u);
    EXPECT_EQ(out.messages[0].payload, kRegister);
    EXPECT_EQ(out.messages[0].firstFrame, 5u);
}

TEST(WebSocketDecoder, FramesSplitAcrossChunksAtEveryByte)
{
    const Bytes stream = frame(1, kRegister, true, kMask) + frame(1, kOk) + frame(9, "p")
        + frame(1, kOk.substr(0, 10), false) + frame(0, kOk.substr(10), true);
    for (std::size_t cut = 1; cut < stream.size(); ++cut) {
        WebSocketDecoder decoder;
        Collector out;
        decoder.feed(ByteView(stream).first(cut), 1, false, out);
        decoder.feed(ByteView(stream).subspan(cut), 2, false, out);
        ASSERT_EQ(out.messages.size(), 3u) << cut;
        EXPECT_EQ(out.messages[0].payload, kRegister);
        EXPECT_EQ(out.messages[1].payload, kOk);
        EXPECT_EQ(out.messages[2].payload, kOk);
        EXPECT_EQ(decoder.bufferedBytes(), 0u);
    }
    // Byte by byte: every message spans chunks and starts at the frame of its first header byte.
    WebSocketDecoder decoder;
    Collector out;
    for (std::size_t i = 0; i < stream.size(); ++i)
        decoder.feed(ByteView(stream).subspan(i, 1), 100 + i, false, out);
    ASSERT_EQ(out.messages.size(), 3u);
    EXPECT_TRUE(out.messages[0].spans);
    EXPECT_EQ(out.messages[0].firstFrame, 100u);
    EXPECT_EQ(out.messages[2].payload, kOk);
}

TEST(WebSocketDecoder, MessageOverTheBoundIsTruncated)
{
    WebSocketDecoder decoder(1000);
    Collector out;
    decoder.feed(frame(1, kOk + std::string(5000, 'x'), true, kMask) + frame(1, kOk), 1, false, out);
    ASSERT_EQ(out.messages.size(), 2u);
    EXPECT_TRUE(out.messages[0].truncated);
    EXPECT_EQ(out.messages[0].payload.size(), 1000u);
    EXPECT_EQ(out.messages[1].payload, kOk);
    EXPECT_FALSE(out.messages[1].truncated);
}

TEST(WebSocketDecoder, RecognisesSipFramesMidStream)
{
    EXPECT_TRUE(WebSocketDecoder::looksLikeSipFrame(frame(1, kOk)));
    EXPECT_TRUE(WebSocketDecoder::looksLikeSipFrame(frame(1, kRegister, true, kMask)));
    EXPECT_TRUE(WebSocketDecoder::looksLikeSipFrame(frame(2, "\r\n" + kOk)));
    EXPECT_FALSE(WebSocketDecoder::looksLikeSipFrame(frame(1, "{\"json\": true}")));
    EXPECT_FALSE(WebSocketDecoder::looksLikeSipFrame(frame(9, kOk)));
    EXPECT_FALSE(WebSocketDecoder::looksLikeSipFrame(asBytes(kOk)));

    const Bytes junk = { 0x12, 0x99, 0x00, 0x7f, 0x41 };
    const Bytes stream = junk + frame(1, kOk, true, kMask);
    const auto found = WebSocketDecoder::findSipFrame(stream);
    ASSERT_TRUE(found.has_value());
    EXPECT_EQ(*found, junk.size());
}

TEST(WebSocketDecoder, GapResynchronisesOnNextSipFrame)
{
    WebSocketDecoder decoder;
    Collector out;
    const Bytes first = frame(1, kRegister, true, kMask);
    decoder.feed(ByteView(first).first(40), 1, false, out);
    // Bytes were lost; the next chunk starts inside some frame, followed by a whole one.
    const Bytes next = Bytes { 't', 'a', 'i', 'l' } + frame(1, kOk, true, kMask);
    decoder.feed(next, 3, true, out);
    ASSERT_EQ(out.messages.size(), 2u);
    EXPECT_TRUE(out.messages[0].truncated);
    EXPECT_EQ(out.messages[1].payload, kOk);
}

TEST(WebSocketDecoder, FlushEmitsPartialMessageAsTruncated)
{
    WebSocketDecoder decoder;
    Collector out;
    const Bytes first = frame(1, kRegister, true, kMask);
    decoder.feed(ByteView(first).first(first.size() - 5), 1, false, out);
    EXPECT_GT(decoder.bufferedBytes(), 0u);
    decoder.flush(out);
    ASSERT_EQ(out.messages.size(), 1u);
    EXPECT_TRUE(out.messages[0].truncated);
    EXPECT_EQ(decoder.bufferedBytes(), 0u);
}

TEST(WebSocketDecoder, SkipsCompressedAndStrayContinuationFrames)
{
    WebSocketDecoder decoder;
    Collector out;
    Bytes compressed = frame(1, "deflated bytes");
    compressed[0] |= 0x40; // RSV1: permessage-deflate
    decoder.feed(frame(0, "stray continuation") + compressed + frame(1, kOk), 1, false, out);
    ASSERT_EQ(out.messages.size(), 1u);
    EXPECT_EQ(out.messages[0].payload, kOk);
}

TEST(WebSocketDecoder, RandomBytesNeverCrash)
{
    std::mt19937 rng(777);
    WebSocketDecoder decoder(4096);
    Collector out;
    const Bytes good = frame(1, kRegister, true, kMask) + frame(1, kOk);
    for (int i = 0; i < 20000; ++i) {
        Bytes chunk;
        if (i % 3 == 0) {
            chunk = good;
            chunk[rng() % chunk.size()] = static_cast<std::uint8_t>(rng());
            chunk.resize(rng() % (chunk.size() + 1));
        } else {
            chunk.resize(rng() % 100);
            for (auto& b : chunk)
                b = static_cast<std::uint8_t>(rng());
        }
        decoder.feed(chunk, static_cast<std::uint64_t>(i), rng() % 20 == 0, out);
        ASSERT_LE(decoder.bufferedBytes(), 4096u + 14u);
    }
    decoder.flush(out);
    for (const auto& m : out.messages)
        EXPECT_LE(m.payload.size(), 4096u);
}
