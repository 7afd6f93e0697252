// SPDX-License-Identifier: Apache-2.0
#include "net/tcp_sip_dissector.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <random>
#include <string>
#include <vector>

using namespace sipladder::core;

namespace {

using Bytes = std::vector<std::uint8_t>;

struct Delivered {
    std::string bytes;
    SipPayload payload;
    std::uint64_t contextFrame = 0;
    std::uint64_t fileOffset = kUnknownFileOffset;
};

class TestSink : public DissectorSink {
public:
    void onSipPayload(const FrameContext& frame, const SipPayload& payload) override
    {
        Delivered d;
        d.bytes = std::string(asText(payload.bytes));
        d.payload = payload;
        d.payload.bytes = {};
        d.contextFrame = frame.frameNumber;
        d.fileOffset = frame.fileOffsetOf(payload.bytes);
        delivered.push_back(std::move(d));
    }
    void onIcmpError(const FrameContext&, const IcmpErrorEvent&) override { }
    void onWarning(const FrameContext&, std::string) override { }

    std::vector<Delivered> delivered;
};

const Endpoint kClient { IpAddress::v4(192, 0, 2, 10), 40000 };
const Endpoint kServer { IpAddress::v4(198, 51, 100, 1), 5060 };

std::string invite(const std::string& callId, const std::string& body = "v=0\r\n")
{
    return "INVITE sip:bob@example.test SIP/2.0\r\nVia: SIP/2.0/TCP 192.0.2.10:40000;branch=z9hG4bK-" + callId
        + "\r\nCall-ID: " + callId + "\r\nCSeq: 1 INVITE\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n"
        + body;
}

std::string ok(const std::string& callId)
{
    return "SIP/2.0 200 OK\r\nCall-ID: " + callId + "\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n";
}

// Feeds segments as frames whose data is the payload itself (file offset 1000 * frame number).
class Harness {
public:
    explicit Harness(DissectorLimits limits = {})
        : m_limits(limits)
        , m_dissector(m_limits, stats)
    {
    }

    void send(const Endpoint& from, const Endpoint& to, std::uint32_t sequence, ByteView payload,
        std::uint8_t flags = TcpAck | TcpPsh, EncapsulationSet encapsulation = {})
    {
        ++m_frame;
        FrameContext frame;
        frame.frameNumber = m_frame;
        frame.timestampNs = m_timeNs;
        frame.frameData = payload;
        frame.dataFileOffset = 1000 * m_frame;
        TcpSegment segment;
        segment.source = from;
        segment.destination = to;
        segment.sequence = sequence;
        segment.flags = flags;
        segment.payload = payload;
        segment.encapsulation = encapsulation;
        m_dissector.push(frame, segment, sink);
    }

    void send(const Endpoint& from, const Endpoint& to, std::uint32_t sequence, const std::string& payload,
        std::uint8_t flags = TcpAck | TcpPsh)
    {
        send(from, to, sequence, asBytes(payload), flags);
    }

    void advanceTime(std::int64_t ns) { m_timeNs += ns; }
    void finish() { m_dissector.finish(sink); }
    std::uint64_t frame() const { return m_frame; }
    TcpSipDissector& dissector() { return m_dissector; }

    DissectorStats stats;
    TestSink sink;

private:
    DissectorLimits m_limits;
    TcpSipDissector m_dissector;
    std::uint64_t m_frame = 0;
    std::int64_t m_timeNs = 1'000'000'000;
};

Bytes wsFrame(std::uint8_t opcode, const std::string& payload, bool fin = true, bool masked = false)
{
    const std::uint8_t mask[4] = { 0xa1, 0x07, 0x5c, 0xe2 };
    Bytes out;
    out.push_back(static_cast<std::uint8_t>((fin ? 0x80 : 0) | opcode));
    const std::uint8_t maskBit = masked ? 0x80 : 0;
    if (payload.size() < 126) {
        out.push_back(static_cast<std::uint8_t>(maskBit | payload.size()));
    } else {
        out.push_back(maskBit | 126);
        out.push_back(static_cast<std::uint8_t>(payload.size() >> 8));
        out.push_back(static_cast<std::uint8_t>(payload.size()));
    }
    if (masked)
        out.insert(out.end(), mask, mask + 4);
    for (std::size_t i = 0; i < payload.size(); ++i)
        out.push_back(static_cast<std::uint8_t>(payload[i] ^ (masked ? mask[i % 4] : 0)));
    return out;
}

Bytes concat(std::initializer_list<Bytes> parts)
{
    Bytes out;
    for (const auto& p : parts)
        out.insert(out.end(), p.begin(), p.end());
    return out;
}

Bytes hepPacket(const std::string& sip, bool compress, std::uint8_t lastOctet = 7)
{
    Bytes body;
    const auto chunk = [&](std::uint16_t type, const Bytes& data) {
        body.push_back(0);
        body.push_back(0);
        body.push_back(static_cast<std::uint8_t>(type >> 8));
        body.push_back(static_cast<std::uint8_t>(type));
        const std::size_t length = data.size() + 6;
        body.push_back(static_cast<std::uint8_t>(length >> 8));
        body.push_back(static_cast<std::uint8_t>(length));
        body.insert(body.end(), data.begin(), data.end());
    };
    chunk(1, { 2 });
    chunk(2, { 17 });
    chunk(3, { 10, 0, 0, lastOctet });
    chunk(4, { 10, 0, 0, 99 });
    chunk(7, { 0x13, 0xc4 });
    chunk(8, { 0x13, 0xc4 });
    chunk(11, { 1 });
    if (compress) {
        uLongf size = compressBound(sip.size());
        Bytes packed(size);
        compress2(packed.data(), &size, reinterpret_cast<const Bytef*>(sip.data()), sip.size(), 9);
        packed.resize(size);
        chunk(16, packed);
    } else {
        chunk(15, Bytes(sip.begin(), sip.end()));
    }
    Bytes out = { 'H', 'E', 'P', '3' };
    const std::size_t total = body.size() + 6;
    out.push_back(static_cast<std::uint8_t>(total >> 8));
    out.push_back(static_cast<std::uint8_t>(total));
    out.insert(out.end(), body.begin(), body.end());
    return out;
}

} // namespace

TEST(TcpSipDissector, OneSegmentMessageIsZeroCopyInsideTheFrame)
{
    Harness h;
    const std::string message = invite("zc");
    h.send(kClient, kServer, 100, "", TcpSyn);
    EncapsulationSet vlan;
    vlan.add(Encapsulation::Vlan);
    h.send(kClient, kServer, 101, asBytes(message), TcpAck | TcpPsh, vlan);
    ASSERT_EQ(h.sink.delivered.size(), 1u);
    const auto& d = h.sink.delivered[0];
    EXPECT_EQ(d.bytes, message);
    EXPECT_EQ(d.payload.source, kClient);
    EXPECT_EQ(d.payload.destination, kServer);
    EXPECT_EQ(d.payload.transport, Transport::Tcp);
    EXPECT_EQ(d.payload.framing, PayloadFraming::Stream);
    EXPECT_EQ(d.payload.encapsulation, vlan);
    EXPECT_EQ(d.payload.firstFrameNumber, 2u);
    EXPECT_EQ(d.contextFrame, 2u);
    EXPECT_EQ(d.fileOffset, 2000u); // the bytes lie in the frame: the loader can point at the file
    EXPECT_EQ(h.dissector().bufferedBytes(), 0u);
    EXPECT_EQ(h.stats.tcpSegments, 2u);
}

TEST(TcpSipDissector, TwoMessagesInOneSegmentBothInsideTheFrame)
{
    Harness h;
    const std::string a = invite("two"), b = ok("two");
    h.send(kServer, kClient, 5000, a + b);
    ASSERT_EQ(h.sink.delivered.size(), 2u);
    EXPECT_EQ(h.sink.delivered[0].bytes, a);
    EXPECT_EQ(h.sink.delivered[1].bytes, b);
    EXPECT_EQ(h.sink.delivered[0].fileOffset, 1000u);
    EXPECT_EQ(h.sink.delivered[1].fileOffset, 1000u + a.size());
}

TEST(TcpSipDissector, MessageAcrossFiveSegmentsIsFlaggedAndCopied)
{
    Harness h;
    const std::string message = invite("five", std::string(500, 's') + "\r\n");
    const std::size_t step = message.size() / 5 + 1;
    for (std::size_t i = 0; i < 5; ++i)
        h.send(kClient, kServer, 1 + static_cast<std::uint32_t>(i * step), message.substr(i * step, step));
    ASSERT_EQ(h.sink.delivered.size(), 1u);
    const auto& d = h.sink.delivered[0];
    EXPECT_EQ(d.bytes, message);
    EXPECT_EQ(d.payload.firstFrameNumber, 1u);
    EXPECT_EQ(d.contextFrame, 5u);
    EXPECT_TRUE(d.payload.encapsulation.has(Encapsulation::TcpSegments));
    EXPECT_EQ(d.fileOffset, kUnknownFileOffset);
}

TEST(TcpSipDissector, ReversedSegmentsGiveOneMessage)
{
    Harness h;
    const std::string message = invite("rev", std::string(200, 'r') + "\r\n");
    h.send(kClient, kServer, 999, "", TcpSyn);
    const std::size_t third = message.size() / 3;
    const std::string p1 = message.substr(0, third), p2 = message.substr(third, third), p3 = message.substr(2 * third);
    h.send(kClient, kServer, 1000 + static_cast<std::uint32_t>(2 * third), p3);
    h.send(kClient, kServer, 1000 + static_cast<std::uint32_t>(third), p2);
    EXPECT_TRUE(h.sink.delivered.empty());
    h.send(kClient, kServer, 1000, p1);
    ASSERT_EQ(h.sink.delivered.size(), 1u);
    EXPECT_EQ(h.sink.delivered[0].bytes, message);
    EXPECT_EQ(h.sink.delivered[0].payload.firstFrameNumber, 4u);
    EXPECT_EQ(h.stats.tcpOutOfOrderSegments, 2u);
}

TEST(TcpSipDissector, RetransmissionDoesNotRepeatTheMessage)
{
    Harness h;
    const std::string a = invite("rtx"), b = ok("rtx");
    h.send(kClient, kServer, 1, a);
    h.send(kClient, kServer, 1, a); // retransmitted
    h.send(kClient, kServer, 1 + static_cast<std::uint32_t>(a.size()), b);
    h.send(kClient, kServer, 1 + static_cast<std::uint32_t>(a.size() - 10), a.substr(a.size() - 10) + b); // overlap
    h.finish();
    ASSERT_EQ(h.sink.delivered.size(), 2u);
    EXPECT_EQ(h.sink.delivered[0].bytes, a);
    EXPECT_EQ(h.sink.delivered[1].bytes, b);
    EXPECT_EQ(h.stats.tcpRetransmittedSegments, 2u);
}

TEST(TcpSipDissector, GapThenResynchronisesOnNextMessage)
{
    Harness h;
    const std::string a = invite("gap-a", std::string(300, 'a') + "\r\n"), b = invite("gap-b"), c = ok("gap-b");
    h.send(kClient, kServer, 1, a.substr(0, 100));
    // a[100..200) is never captured.
    const std::string later = a.substr(200) + b;
    h.send(kClient, kServer, 201, later);
    h.send(kClient, kServer, 201 + static_cast<std::uint32_t>(later.size()), c);
    h.finish();
    ASSERT_EQ(h.sink.delivered.size(), 3u);
    EXPECT_EQ(h.sink.delivered[0].payload.framing, PayloadFraming::StreamTruncated);
    EXPECT_EQ(h.sink.delivered[0].bytes, a.substr(0, 100));
    EXPECT_EQ(h.sink.delivered[1].bytes, b);
    EXPECT_EQ(h.sink.delivered[2].bytes, c);
    EXPECT_EQ(h.stats.tcpGaps, 1u);
    EXPECT_EQ(h.stats.truncatedMessages, 1u);
}

TEST(TcpSipDissector, SequenceWrapAround)
{
    Harness h;
    const std::string message = invite("wrap", std::string(100, 'w') + "\r\n");
    const std::uint32_t isn = 0xFFFFFF80u;
    h.send(kClient, kServer, isn, "", TcpSyn);
    h.send(kClient, kServer, isn + 1, message.substr(0, 150));
    h.send(kClient, kServer, isn + 151, message.substr(150));
    ASSERT_EQ(h.sink.delivered.size(), 1u);
    EXPECT_EQ(h.sink.delivered[0].bytes, message);
}

TEST(TcpSipDissector, KeepAlivesAndMissingContentLength)
{
    Harness h;
    const std::string bye = "BYE sip:a@example.test SIP/2.0\r\nCall-ID: ka\r\nCSeq: 2 BYE\r\n\r\n";
    h.send(kClient, kServer, 1, "\r\n\r\n");
    h.send(kClient, kServer, 5, bye + "\r\n\r\n");
    h.send(kClient, kServer, 5 + static_cast<std::uint32_t>(bye.size() + 4), "\r\n\r\n" + ok("ka"));
    ASSERT_EQ(h.sink.delivered.size(), 2u);
    EXPECT_EQ(h.sink.delivered[0].bytes, bye);
    EXPECT_EQ(h.sink.delivered[1].bytes, ok("ka"));
}

TEST(TcpSipDissector, HugeBodyHitsTheBound)
{
    DissectorLimits limits;
    limits.maxPendingMessageBytes = 1 << 20;
    Harness h(limits);
    const std::string big = invite("big", std::string(1 << 20, 'x') + "\r\n");
    const std::string stream = big + ok("big");
    std::uint32_t sequence = 1;
    for (std::size_t pos = 0; pos < stream.size(); pos += 1460) {
        const std::string piece = stream.substr(pos, 1460);
        h.send(kClient, kServer, sequence, piece);
        sequence += static_cast<std::uint32_t>(piece.size());
    }
    ASSERT_EQ(h.sink.delivered.size(), 2u);
    EXPECT_EQ(h.sink.delivered[0].payload.framing, PayloadFraming::StreamTruncated);
    EXPECT_EQ(h.sink.delivered[0].bytes.size(), limits.maxPendingMessageBytes);
    EXPECT_EQ(h.sink.delivered[1].bytes, ok("big"));
    EXPECT_LT(h.dissector().bufferedBytes(), 2000u);
}

TEST(TcpSipDissector, FinishFlushesPartialMessageAsTruncated)
{
    Harness h;
    const std::string message = invite("cut");
    h.send(kClient, kServer, 1, message.substr(0, 50));
    EXPECT_GT(h.dissector().bufferedBytes(), 0u);
    h.finish();
    ASSERT_EQ(h.sink.delivered.size(), 1u);
    EXPECT_EQ(h.sink.delivered[0].payload.framing, PayloadFraming::StreamTruncated);
    EXPECT_EQ(h.sink.delivered[0].payload.firstFrameNumber, 1u);
    EXPECT_EQ(h.dissector().bufferedBytes(), 0u);
    EXPECT_EQ(h.dissector().streamCount(), 0u);
}

TEST(TcpSipDissector, FinFlushesPartialMessage)
{
    Harness h;
    const std::string message = invite("fin");
    h.send(kClient, kServer, 1, message.substr(0, 50));
    h.send(kClient, kServer, 51, "", TcpFin | TcpAck);
    ASSERT_EQ(h.sink.delivered.size(), 1u);
    EXPECT_EQ(h.sink.delivered[0].payload.framing, PayloadFraming::StreamTruncated);
}

TEST(TcpSipDissector, CaptureStartingMidMessageSyncsOnNextMessage)
{
    Harness h;
    const std::string a = invite("mid-a", std::string(100, 'm') + "\r\n"), b = ok("mid-a");
    h.send(kClient, kServer, 70000, a.substr(60) + b.substr(0, 20));
    h.send(kClient, kServer, 70000 + static_cast<std::uint32_t>(a.size() - 60 + 20), b.substr(20));
    ASSERT_EQ(h.sink.delivered.size(), 1u);
    EXPECT_EQ(h.sink.delivered[0].bytes, b);
}

TEST(TcpSipDissector, NonSipStreamSyncsWhenASegmentStartsWithSip)
{
    Harness h;
    std::string junk(1400, 'j');
    std::uint32_t sequence = 1;
    for (int i = 0; i < 20; ++i) {
        h.send(kClient, kServer, sequence, junk);
        sequence += static_cast<std::uint32_t>(junk.size());
    }
    const std::string message = invite("late");
    h.send(kClient, kServer, sequence, message);
    ASSERT_EQ(h.sink.delivered.size(), 1u);
    EXPECT_EQ(h.sink.delivered[0].bytes, message);
}

TEST(TcpSipDissector, ReverseDirectionFollowsTheSipDirection)
{
    Harness h;
    const std::string a = invite("both"), b = ok("both");
    h.send(kClient, kServer, 1, a);
    // The response's first segment starts mid-message (its start was lost), then a whole message.
    h.send(kServer, kClient, 900, "Content-Length: 0\r\n\r\n" + b);
    ASSERT_EQ(h.sink.delivered.size(), 2u);
    EXPECT_EQ(h.sink.delivered[1].bytes, b);
    EXPECT_EQ(h.sink.delivered[1].payload.source, kServer);
}

TEST(TcpSipDissector, NonSipStreamKeepsNoBufferedBytes)
{
    Harness h;
    std::mt19937 rng(99);
    Bytes block(1460);
    std::uint32_t sequence = 12345;
    std::size_t fed = 0;
    std::size_t i = 0;
    while (fed < (100u << 20)) {
        for (auto& b : block)
            b = static_cast<std::uint8_t>(rng());
        // Reorder now and then: a non-SIP stream must still buffer nothing.
        const bool skip = (i % 97) == 50;
        if (!skip)
            h.send(kClient, kServer, sequence, ByteView(block));
        sequence += static_cast<std::uint32_t>(block.size());
        fed += block.size();
        ++i;
        if ((i & 1023) == 0) {
            ASSERT_EQ(h.dissector().bufferedBytes(), 0u);
        }
    }
    EXPECT_EQ(h.dissector().bufferedBytes(), 0u);
    EXPECT_EQ(h.dissector().streamCount(), 1u);
    EXPECT_TRUE(h.sink.delivered.empty());
    EXPECT_EQ(h.stats.tcpGaps, 0u);
    EXPECT_EQ(h.stats.tcpOutOfOrderSegments, 0u);
}

TEST(TcpSipDissector, WebSocketHandshakeMaskedFramesFragmentsAndPing)
{
    Harness h;
    const Endpoint browser { IpAddress::v4(203, 0, 113, 5), 51000 };
    const Endpoint proxy { IpAddress::v4(198, 51, 100, 1), 8080 };
    const std::string request = "GET / HTTP/1.1\r\nHost: proxy.example.test\r\nUpgrade: websocket\r\n"
                                "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                                "Sec-WebSocket-Protocol: sip\r\nSec-WebSocket-Version: 13\r\n\r\n";
    const std::string response
        = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
          "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\nSec-WebSocket-Protocol: sip\r\n\r\n";
    const std::string reg
        = "REGISTER sip:example.test SIP/2.0\r\nCall-ID: ws\r\nCSeq: 1 REGISTER\r\nContent-Length: 0\r\n\r\n";
    const std::string challenge
        = "SIP/2.0 401 Unauthorized\r\nCall-ID: ws\r\nCSeq: 1 REGISTER\r\nContent-Length: 0\r\n\r\n";
    const std::string reg2
        = "REGISTER sip:example.test SIP/2.0\r\nCall-ID: ws\r\nCSeq: 2 REGISTER\r\nContent-Length: 0\r\n\r\n";

    std::uint32_t cseq = 1000, sseq = 5000;
    h.send(browser, proxy, cseq - 1, "", TcpSyn);
    h.send(proxy, browser, sseq - 1, "", TcpSyn | TcpAck);
    h.send(browser, proxy, cseq, request);
    cseq += static_cast<std::uint32_t>(request.size());
    const Bytes serverFirst = concat({ Bytes(response.begin(), response.end()), wsFrame(1, "not sip") });
    h.send(proxy, browser, sseq, ByteView(serverFirst));
    sseq += static_cast<std::uint32_t>(serverFirst.size());

    const Bytes regFrame = wsFrame(1, reg, true, true);
    h.send(browser, proxy, cseq, ByteView(regFrame));
    cseq += static_cast<std::uint32_t>(regFrame.size());
    const Bytes challengeFrame = wsFrame(1, challenge);
    h.send(proxy, browser, sseq, ByteView(challengeFrame));
    sseq += static_cast<std::uint32_t>(challengeFrame.size());

    // A fragmented, masked message with a ping between its fragments, split over two segments.
    const Bytes fragmented = concat({ wsFrame(1, reg2.substr(0, 30), false, true), wsFrame(9, "hb", true, true),
        wsFrame(0, reg2.substr(30), true, true) });
    h.send(browser, proxy, cseq, ByteView(fragmented).first(25));
    h.send(browser, proxy, cseq + 25, ByteView(fragmented).subspan(25));
    cseq += static_cast<std::uint32_t>(fragmented.size());
    h.finish();

    ASSERT_EQ(h.sink.delivered.size(), 3u);
    EXPECT_EQ(h.sink.delivered[0].bytes, reg);
    EXPECT_EQ(h.sink.delivered[0].payload.transport, Transport::WebSocket);
    EXPECT_TRUE(h.sink.delivered[0].payload.encapsulation.has(Encapsulation::WebSocket));
    EXPECT_FALSE(h.sink.delivered[0].payload.encapsulation.has(Encapsulation::TcpSegments));
    EXPECT_EQ(h.sink.delivered[0].payload.framing, PayloadFraming::Datagram);
    EXPECT_EQ(h.sink.delivered[0].payload.source, browser);
    EXPECT_EQ(h.sink.delivered[1].bytes, challenge);
    EXPECT_NE(h.sink.delivered[1].fileOffset, kUnknownFileOffset); // unmasked: still inside the frame
    EXPECT_EQ(h.sink.delivered[2].bytes, reg2);
    EXPECT_TRUE(h.sink.delivered[2].payload.encapsulation.has(Encapsulation::TcpSegments));
    EXPECT_EQ(h.stats.websocketMessages, 4u);
}

TEST(TcpSipDissector, WebSocketDetectedMidStream)
{
    Harness h;
    const std::string notify = "NOTIFY sip:a@example.test SIP/2.0\r\nCall-ID: mid\r\nContent-Length: 0\r\n\r\n";
    const Bytes server = concat({ wsFrame(1, notify), wsFrame(1, ok("mid")) });
    h.send(kServer, kClient, 777, ByteView(server));
    const Bytes client = wsFrame(1, ok("mid"), true, true);
    h.send(kClient, kServer, 888, ByteView(client));
    ASSERT_EQ(h.sink.delivered.size(), 3u);
    EXPECT_EQ(h.sink.delivered[0].bytes, notify);
    EXPECT_EQ(h.sink.delivered[1].bytes, ok("mid"));
    EXPECT_EQ(h.sink.delivered[2].bytes, ok("mid"));
    EXPECT_EQ(h.sink.delivered[2].payload.transport, Transport::WebSocket);
}

TEST(TcpSipDissector, HepOverTcp)
{
    Harness h;
    const Endpoint agent { IpAddress::v4(10, 1, 1, 1), 41000 };
    const Endpoint collector { IpAddress::v4(10, 1, 1, 2), 9060 };
    const Bytes p1 = hepPacket(invite("hep1"), false, 1);
    const Bytes p2 = hepPacket(ok("hep1"), true, 2);
    const Bytes p3 = hepPacket(invite("hep3"), false, 3);
    const Bytes first = concat({ p1, p2, Bytes(p3.begin(), p3.begin() + 4) });
    const Bytes second(p3.begin() + 4, p3.end());
    h.send(agent, collector, 1, ByteView(first));
    h.send(agent, collector, 1 + static_cast<std::uint32_t>(first.size()), ByteView(second));
    ASSERT_EQ(h.sink.delivered.size(), 3u);
    EXPECT_EQ(h.sink.delivered[0].bytes, invite("hep1"));
    EXPECT_EQ(h.sink.delivered[0].payload.source.toString(), "10.0.0.1:5060");
    EXPECT_EQ(h.sink.delivered[0].payload.destination.toString(), "10.0.0.99:5060");
    EXPECT_EQ(h.sink.delivered[0].payload.transport, Transport::Udp);
    EXPECT_TRUE(h.sink.delivered[0].payload.encapsulation.has(Encapsulation::Hep));
    EXPECT_EQ(h.sink.delivered[0].payload.framing, PayloadFraming::Datagram);
    EXPECT_NE(h.sink.delivered[0].fileOffset, kUnknownFileOffset);
    EXPECT_EQ(h.sink.delivered[1].bytes, ok("hep1"));
    EXPECT_TRUE(h.sink.delivered[1].payload.encapsulation.has(Encapsulation::HepCompressed));
    EXPECT_EQ(h.sink.delivered[2].bytes, invite("hep3"));
    EXPECT_TRUE(h.sink.delivered[2].payload.encapsulation.has(Encapsulation::TcpSegments));
    EXPECT_EQ(h.sink.delivered[2].payload.firstFrameNumber, 1u);
    EXPECT_EQ(h.stats.hepPackets, 3u);
}

TEST(TcpSipDissector, EvictsLeastRecentlyUsedStream)
{
    DissectorLimits limits;
    limits.maxTcpStreams = 2;
    Harness h(limits);
    const Endpoint a { IpAddress::v4(10, 0, 0, 1), 1 }, b { IpAddress::v4(10, 0, 0, 2), 2 },
        c { IpAddress::v4(10, 0, 0, 3), 3 };
    const std::string partial = invite("evict").substr(0, 40);
    h.send(a, kServer, 1, partial);
    h.send(b, kServer, 1, ok("b"));
    h.send(c, kServer, 1, ok("c")); // evicts a, flushing its partial message
    EXPECT_EQ(h.dissector().streamCount(), 2u);
    EXPECT_EQ(h.stats.tcpStreamsEvicted, 1u);
    ASSERT_EQ(h.sink.delivered.size(), 3u);
    EXPECT_EQ(h.sink.delivered[0].bytes, ok("b"));
    EXPECT_EQ(h.sink.delivered[1].payload.framing, PayloadFraming::StreamTruncated);
    EXPECT_EQ(h.sink.delivered[1].payload.source, a);
    EXPECT_EQ(h.sink.delivered[1].contextFrame, 1u); // reported at the last frame it saw, not the current one
    EXPECT_EQ(h.sink.delivered[1].fileOffset, kUnknownFileOffset);
    EXPECT_EQ(h.sink.delivered[2].bytes, ok("c"));
}

TEST(TcpSipDissector, IdleStreamsAreFlushed)
{
    DissectorLimits limits;
    limits.tcpIdleTimeoutNs = 1'000'000'000;
    Harness h(limits);
    h.send(kClient, kServer, 1, invite("idle").substr(0, 60));
    h.advanceTime(5'000'000'000);
    h.send(kServer, kClient, 1, ok("other"));
    EXPECT_EQ(h.dissector().streamCount(), 1u);
    ASSERT_EQ(h.sink.delivered.size(), 2u);
    EXPECT_EQ(h.sink.delivered[0].payload.framing, PayloadFraming::StreamTruncated);
    EXPECT_EQ(h.stats.tcpStreamsEvicted, 0u);
}

TEST(TcpSipDissector, NewConnectionOnReusedPortsStartsFresh)
{
    Harness h;
    h.send(kClient, kServer, 100, "", TcpSyn);
    h.send(kClient, kServer, 101, invite("c1"));
    h.send(kClient, kServer, 50000, "", TcpSyn);
    h.send(kClient, kServer, 50001, invite("c2"));
    ASSERT_EQ(h.sink.delivered.size(), 2u);
    EXPECT_EQ(h.sink.delivered[1].bytes, invite("c2"));
}

TEST(TcpSipDissector, RandomSegmentsNeverCrash)
{
    DissectorLimits limits;
    limits.maxTcpStreams = 16;
    limits.maxOutOfOrderSegments = 8;
    limits.maxOutOfOrderBytes = 8192;
    limits.maxPendingMessageBytes = 8192;
    Harness h(limits);
    std::mt19937 rng(4242);
    const std::string sip = invite("fz") + ok("fz");
    const Bytes hep = hepPacket(invite("fzh"), true);
    const Bytes ws = wsFrame(1, ok("fzw"), true, true);
    for (int i = 0; i < 30000; ++i) {
        Endpoint from { IpAddress::v4(10, 9, 0, static_cast<std::uint8_t>(rng() % 8)), 5060 };
        Endpoint to { IpAddress::v4(10, 9, 1, static_cast<std::uint8_t>(rng() % 4)), 5060 };
        Bytes payload;
        switch (rng() % 5) {
        case 0:
            payload.assign(sip.begin() + static_cast<std::ptrdiff_t>(rng() % sip.size()), sip.end());
            break;
        case 1:
            payload = hep;
            break;
        case 2:
            payload = ws;
            break;
        default:
            payload.resize(rng() % 200);
            for (auto& b : payload)
                b = static_cast<std::uint8_t>(rng());
        }
        if (!payload.empty() && rng() % 3 == 0)
            payload[rng() % payload.size()] = static_cast<std::uint8_t>(rng());
        const std::uint8_t flags = static_cast<std::uint8_t>(rng() % 16 == 0 ? (1u << (rng() % 3)) : 0x10u);
        h.send(from, to, static_cast<std::uint32_t>(rng() % 4000), ByteView(payload), flags);
        ASSERT_LE(h.dissector().streamCount(), 16u);
    }
    EXPECT_LE(h.dissector().bufferedBytes(), 16u * (8192u * 3 + 65536u));
    h.finish();
    EXPECT_EQ(h.dissector().bufferedBytes(), 0u);
    EXPECT_FALSE(h.sink.delivered.empty());
}
