// SPDX-License-Identifier: Apache-2.0
#include "net/tcp_stream_reassembler.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

using namespace sipladder::core;

namespace {

struct Delivered {
    std::string bytes;
    std::uint64_t frameNumber = 0;
    bool gapBefore = false;
    const std::uint8_t* data = nullptr;
};

class Collector : public TcpStreamConsumer {
public:
    void onStreamData(const TcpStreamChunk& chunk) override
    {
        chunks.push_back({ std::string(asText(chunk.bytes)), chunk.frameNumber, chunk.gapBefore, chunk.bytes.data() });
    }
    void onStreamEnd() override { ++ends; }

    std::string joined() const
    {
        std::string all;
        for (const auto& c : chunks)
            all += c.bytes;
        return all;
    }

    std::vector<Delivered> chunks;
    int ends = 0;
};

TcpSegment segment(std::uint32_t sequence, const std::string& payload, std::uint8_t flags = TcpAck)
{
    TcpSegment s;
    s.source.address = IpAddress::v4(192, 0, 2, 1);
    s.source.port = 5060;
    s.destination.address = IpAddress::v4(192, 0, 2, 2);
    s.destination.port = 5060;
    s.sequence = sequence;
    s.flags = flags;
    s.payload = asBytes(payload);
    return s;
}

struct Fixture {
    DissectorLimits limits;
    DissectorStats stats;
    Collector out;
};

} // namespace

TEST(TcpStreamReassembler, DeliversInOrderSegmentsWithoutCopying)
{
    Fixture f;
    TcpStreamReassembler r(f.limits, f.stats);
    const std::string a = "hello ", b = "tcp ", c = "world";
    r.push(segment(999, "", TcpSyn), 1, f.out);
    const auto sa = segment(1000, a), sb = segment(1006, b), sc = segment(1010, c);
    r.push(sa, 2, f.out);
    r.push(sb, 3, f.out);
    r.push(sc, 4, f.out);
    ASSERT_EQ(f.out.chunks.size(), 3u);
    EXPECT_EQ(f.out.joined(), "hello tcp world");
    EXPECT_EQ(f.out.chunks[0].data, sa.payload.data());
    EXPECT_EQ(f.out.chunks[1].data, sb.payload.data());
    EXPECT_EQ(f.out.chunks[2].frameNumber, 4u);
    EXPECT_FALSE(f.out.chunks[0].gapBefore);
    EXPECT_EQ(r.bufferedBytes(), 0u);
    EXPECT_EQ(f.stats.tcpOutOfOrderSegments, 0u);
}

TEST(TcpStreamReassembler, ReordersReversedSegments)
{
    Fixture f;
    TcpStreamReassembler r(f.limits, f.stats);
    r.push(segment(99, "", TcpSyn), 1, f.out);
    r.push(segment(110, "ccc"), 2, f.out);
    r.push(segment(105, "bbbbb"), 3, f.out);
    EXPECT_TRUE(f.out.chunks.empty());
    EXPECT_EQ(r.bufferedBytes(), 8u);
    EXPECT_EQ(r.bufferedSegments(), 2u);
    r.push(segment(100, "aaaaa"), 4, f.out);
    EXPECT_EQ(f.out.joined(), "aaaaabbbbbccc");
    ASSERT_EQ(f.out.chunks.size(), 3u);
    EXPECT_EQ(f.out.chunks[0].frameNumber, 4u);
    EXPECT_EQ(f.out.chunks[1].frameNumber, 3u);
    EXPECT_EQ(f.out.chunks[2].frameNumber, 2u);
    EXPECT_EQ(f.stats.tcpOutOfOrderSegments, 2u);
    EXPECT_EQ(r.bufferedBytes(), 0u);
}

TEST(TcpStreamReassembler, DropsRetransmissionsAndTrimsOverlaps)
{
    Fixture f;
    TcpStreamReassembler r(f.limits, f.stats);
    r.push(segment(0, "0123456789"), 1, f.out);
    r.push(segment(0, "0123456789"), 2, f.out); // retransmitted whole
    r.push(segment(5, "56789abcde"), 3, f.out); // overlaps the first
    r.push(segment(3, "34"), 4, f.out); // old bytes again
    EXPECT_EQ(f.out.joined(), "0123456789abcde");
    ASSERT_EQ(f.out.chunks.size(), 2u);
    EXPECT_EQ(f.out.chunks[1].bytes, "abcde");
    EXPECT_EQ(f.stats.tcpRetransmittedSegments, 2u);
    EXPECT_EQ(f.stats.tcpOverlappingSegments, 1u);
}

TEST(TcpStreamReassembler, DropsDuplicateOutOfOrderSegmentAndTrimsBufferedOverlap)
{
    Fixture f;
    TcpStreamReassembler r(f.limits, f.stats);
    r.push(segment(0, "ab"), 1, f.out);
    r.push(segment(4, "efgh"), 2, f.out);
    r.push(segment(4, "efgh"), 3, f.out);
    r.push(segment(3, "defg"), 4, f.out);
    r.push(segment(2, "c"), 5, f.out);
    EXPECT_EQ(f.out.joined(), "abcdefgh");
    EXPECT_EQ(f.stats.tcpRetransmittedSegments, 1u);
    EXPECT_GE(f.stats.tcpOverlappingSegments, 1u);
}

TEST(TcpStreamReassembler, FlushSkipsGapAndFlagsIt)
{
    Fixture f;
    TcpStreamReassembler r(f.limits, f.stats);
    r.push(segment(0, "first"), 1, f.out);
    r.push(segment(100, "later"), 2, f.out);
    r.push(segment(105, "more"), 3, f.out);
    ASSERT_EQ(f.out.chunks.size(), 1u);
    r.flush(f.out);
    ASSERT_EQ(f.out.chunks.size(), 3u);
    EXPECT_TRUE(f.out.chunks[1].gapBefore);
    EXPECT_FALSE(f.out.chunks[2].gapBefore);
    EXPECT_EQ(f.out.chunks[1].bytes, "later");
    EXPECT_EQ(f.stats.tcpGaps, 1u);
    // After the gap the stream continues in order from there.
    r.push(segment(109, "!"), 4, f.out);
    EXPECT_EQ(f.out.chunks.back().bytes, "!");
    EXPECT_FALSE(f.out.chunks.back().gapBefore);
}

TEST(TcpStreamReassembler, SkipsGapWhenSegmentBoundIsHit)
{
    Fixture f;
    f.limits.maxOutOfOrderSegments = 2;
    TcpStreamReassembler r(f.limits, f.stats);
    r.push(segment(0, "aa"), 1, f.out);
    r.push(segment(4, "cc"), 2, f.out); // "bb" at 2 is lost
    r.push(segment(6, "dd"), 3, f.out);
    EXPECT_EQ(f.out.chunks.size(), 1u);
    r.push(segment(8, "ee"), 4, f.out); // third out-of-order segment: over the bound
    EXPECT_EQ(f.out.joined(), "aaccddee");
    EXPECT_TRUE(f.out.chunks[1].gapBefore);
    EXPECT_EQ(f.stats.tcpGaps, 1u);
    EXPECT_EQ(r.bufferedSegments(), 0u);
}

TEST(TcpStreamReassembler, SkipsGapWhenByteBoundIsHit)
{
    Fixture f;
    f.limits.maxOutOfOrderBytes = 10;
    TcpStreamReassembler r(f.limits, f.stats);
    r.push(segment(0, "x"), 1, f.out);
    r.push(segment(20, "0123456789"), 2, f.out);
    EXPECT_EQ(r.bufferedBytes(), 10u);
    r.push(segment(30, "abc"), 3, f.out);
    EXPECT_EQ(f.out.joined(), "x0123456789abc");
    EXPECT_LE(r.bufferedBytes(), f.limits.maxOutOfOrderBytes);
    // A segment bigger than the whole bound is delivered past its gap at once.
    r.push(segment(1000, std::string(50, 'z')), 4, f.out);
    EXPECT_TRUE(f.out.chunks.back().gapBefore);
    EXPECT_EQ(r.bufferedBytes(), 0u);
}

TEST(TcpStreamReassembler, BoundKeepsEarlierNewSegmentBeforeBufferedOnes)
{
    Fixture f;
    f.limits.maxOutOfOrderSegments = 1;
    TcpStreamReassembler r(f.limits, f.stats);
    r.push(segment(0, "a"), 1, f.out);
    r.push(segment(10, "k"), 2, f.out);
    r.push(segment(5, "f"), 3, f.out); // earlier than the buffered one: delivered first, not skipped
    r.flush(f.out);
    EXPECT_EQ(f.out.joined(), "afk");
}

TEST(TcpStreamReassembler, HandlesSequenceWrapAround)
{
    Fixture f;
    TcpStreamReassembler r(f.limits, f.stats);
    const std::uint32_t isn = 0xFFFFFFF0u;
    r.push(segment(isn, "", TcpSyn), 1, f.out);
    const std::uint32_t first = isn + 1; // 0xFFFFFFF1
    r.push(segment(first + 20, "CCCC"), 2, f.out); // past the wrap
    r.push(segment(first, "AAAAAAAAAA"), 3, f.out); // 10 bytes up to 0xFFFFFFFB
    r.push(segment(first + 10, "BBBBBBBBBB"), 4, f.out); // crosses 2^32
    r.push(segment(first + 10, "BBBBBBBBBB"), 5, f.out); // retransmission across the wrap
    EXPECT_EQ(f.out.joined(), "AAAAAAAAAABBBBBBBBBBCCCC");
    EXPECT_EQ(f.stats.tcpRetransmittedSegments, 1u);
    EXPECT_EQ(r.bufferedBytes(), 0u);
}

TEST(TcpStreamReassembler, StartsMidStreamAtFirstSeenSequence)
{
    Fixture f;
    TcpStreamReassembler r(f.limits, f.stats);
    r.push(segment(123456, "middle"), 7, f.out);
    r.push(segment(123462, " end"), 8, f.out);
    EXPECT_EQ(f.out.joined(), "middle end");
    EXPECT_FALSE(f.out.chunks[0].gapBefore);
}

TEST(TcpStreamReassembler, FinEndsDirectionOnceAfterLastByte)
{
    Fixture f;
    TcpStreamReassembler r(f.limits, f.stats);
    r.push(segment(0, "abc"), 1, f.out);
    r.push(segment(6, "", TcpFin | TcpAck), 2, f.out); // FIN arrives before "def"
    EXPECT_EQ(f.out.ends, 0);
    EXPECT_FALSE(r.ended());
    r.push(segment(3, "def"), 3, f.out);
    EXPECT_EQ(f.out.ends, 1);
    EXPECT_TRUE(r.ended());
    r.push(segment(3, "def"), 4, f.out); // retransmitted after the end
    r.push(segment(6, "", TcpFin | TcpAck), 5, f.out);
    EXPECT_EQ(f.out.joined(), "abcdef");
    EXPECT_EQ(f.out.ends, 1);
}

TEST(TcpStreamReassembler, RstFlushesAndEnds)
{
    Fixture f;
    TcpStreamReassembler r(f.limits, f.stats);
    r.push(segment(0, "abc"), 1, f.out);
    r.push(segment(10, "xyz"), 2, f.out);
    r.push(segment(13, "", TcpRst), 3, f.out);
    EXPECT_EQ(f.out.joined(), "abcxyz");
    EXPECT_EQ(f.out.ends, 1);
    EXPECT_EQ(r.bufferedBytes(), 0u);
}

TEST(TcpStreamReassembler, RecognisesNewConnectionOnReusedPorts)
{
    Fixture f;
    TcpStreamReassembler r(f.limits, f.stats);
    r.push(segment(1000, "", TcpSyn), 1, f.out);
    r.push(segment(1001, "data"), 2, f.out);
    EXPECT_FALSE(r.isNewConnection(segment(1000, "", TcpSyn))); // the same SYN again
    EXPECT_TRUE(r.isNewConnection(segment(777777, "", TcpSyn)));
    EXPECT_FALSE(r.isNewConnection(segment(777777, "x")));

    TcpStreamReassembler midStream(f.limits, f.stats);
    midStream.push(segment(5000, "data"), 1, f.out);
    EXPECT_FALSE(midStream.isNewConnection(segment(4000, "", TcpSyn))); // its own SYN, seen late
    EXPECT_TRUE(midStream.isNewConnection(segment(90000, "", TcpSyn)));
}

TEST(TcpStreamReassembler, WithoutBufferingKeepsNothingAndCountsNothing)
{
    Fixture f;
    TcpStreamReassembler r(f.limits, f.stats);
    r.setBuffering(false);
    r.push(segment(0, "aaaa"), 1, f.out);
    r.push(segment(100, "cccc"), 2, f.out);
    EXPECT_EQ(r.bufferedBytes(), 0u);
    ASSERT_EQ(f.out.chunks.size(), 2u);
    EXPECT_TRUE(f.out.chunks[1].gapBefore);
    r.push(segment(4, "bbbb"), 3, f.out); // too late now: dropped
    r.push(segment(100, "cccc"), 4, f.out);
    EXPECT_EQ(f.out.joined(), "aaaacccc");
    EXPECT_EQ(f.stats.tcpGaps, 0u);
    EXPECT_EQ(f.stats.tcpRetransmittedSegments, 0u);
    EXPECT_EQ(f.stats.tcpOutOfOrderSegments, 0u);
}

TEST(TcpStreamReassembler, RandomSegmentationReorderingAndDuplicationRebuildsTheStream)
{
    for (unsigned seed : { 1u, 2u, 3u, 42u, 2024u }) {
        std::mt19937 rng(seed);
        std::string stream(20000, '\0');
        for (auto& c : stream)
            c = static_cast<char>('a' + rng() % 26);
        const std::uint32_t isn = static_cast<std::uint32_t>(rng()) | 0xFFFF0000u; // wraps soon
        std::vector<std::pair<std::size_t, std::size_t>> pieces;
        for (std::size_t pos = 0; pos < stream.size();) {
            const std::size_t length = std::min<std::size_t>(1 + rng() % 700, stream.size() - pos);
            pieces.emplace_back(pos, length);
            pos += length;
        }
        // Duplicates and overlapping resends, then a local shuffle (reordering within a small window).
        const std::size_t original = pieces.size();
        for (std::size_t i = 0; i < original / 4; ++i) {
            const auto& p = pieces[rng() % original];
            const std::size_t extra = std::min<std::size_t>(rng() % 50, stream.size() - p.first - p.second);
            pieces.emplace_back(p.first, p.second + extra);
        }
        std::sort(pieces.begin(), pieces.end());
        for (std::size_t i = 0; i + 1 < pieces.size(); ++i) {
            if (rng() % 3 == 0)
                std::swap(pieces[i], pieces[i + 1 + rng() % std::min<std::size_t>(5, pieces.size() - i - 1)]);
        }

        Fixture f;
        TcpStreamReassembler r(f.limits, f.stats);
        r.push(segment(isn, "", TcpSyn), 0, f.out);
        std::vector<std::string> payloads;
        payloads.reserve(pieces.size());
        std::uint64_t frame = 1;
        for (const auto& [offset, length] : pieces) {
            payloads.push_back(stream.substr(offset, length));
            r.push(segment(isn + 1 + static_cast<std::uint32_t>(offset), payloads.back()), frame++, f.out);
        }
        r.flush(f.out);
        EXPECT_EQ(f.out.joined(), stream) << "seed " << seed;
        EXPECT_EQ(f.stats.tcpGaps, 0u);
        EXPECT_EQ(r.bufferedBytes(), 0u);
    }
}
