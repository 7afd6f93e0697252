// SPDX-License-Identifier: Apache-2.0
#include "net/ip_reassembler.h"

#include "support/packet_builder.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>

using namespace sipladder::core;
using sipladder::testing::IpOptions;
using sipladder::testing::PacketBuilder;

namespace {

const Endpoint kAlice { IpAddress::v4(192, 0, 2, 1), 5060 };
const Endpoint kBob { IpAddress::v4(198, 51, 100, 7), 5080 };

Endpoint v6(const char* text, std::uint16_t port)
{
    IpAddress address;
    EXPECT_TRUE(IpAddress::parse(text, address));
    return { address, port };
}

std::string body(std::size_t length, char seed)
{
    std::string text(length, ' ');
    for (std::size_t i = 0; i < length; ++i)
        text[i] = static_cast<char>('a' + (seed + i) % 26);
    return text;
}

// The UDP segment (header + payload) of the datagram, which is what reassembly must give back.
std::vector<std::uint8_t> udpSegment(const std::string& payload, const Endpoint& from, const Endpoint& to)
{
    PacketBuilder builder;
    builder.payload(payload).udp(from, to);
    return builder.toVector();
}

std::vector<std::vector<std::uint8_t>> fragmentsOf(const std::string& payload, std::size_t size, std::uint16_t id = 1,
    const Endpoint& from = kAlice, const Endpoint& to = kBob)
{
    PacketBuilder builder;
    IpOptions options;
    options.identification = id;
    builder.payload(payload).udp(from, to).ip(options);
    return PacketBuilder::fragmentIp(builder.bytes(), size, 0x1000u + id);
}

IpPacket decoded(const std::vector<std::uint8_t>& bytes)
{
    IpPacket packet;
    EXPECT_EQ(IpDecoder::decode(bytes, packet), IpStatus::Ok);
    EXPECT_TRUE(packet.isFragment);
    return packet;
}

std::vector<std::uint8_t> toVector(ByteView bytes)
{
    return { bytes.begin(), bytes.end() };
}

} // namespace

TEST(IpReassembler, InOrderAndReverseOrder)
{
    const auto payload = body(3000, 1);
    const auto expected = udpSegment(payload, kAlice, kBob);
    for (bool reverse : { false, true }) {
        DissectorStats stats;
        IpReassembler reassembler({}, stats);
        auto fragments = fragmentsOf(payload, 1000);
        ASSERT_EQ(fragments.size(), 4u);
        if (reverse)
            std::reverse(fragments.begin(), fragments.end());
        std::optional<IpDatagram> result;
        for (std::size_t i = 0; i < fragments.size(); ++i) {
            result = reassembler.push(decoded(fragments[i]), 1000, 10 + i);
            if (i + 1 < fragments.size()) {
                EXPECT_FALSE(result.has_value()) << i;
            }
        }
        ASSERT_TRUE(result.has_value());
        EXPECT_EQ(toVector(result->payload), expected);
        EXPECT_EQ(result->protocol, 17);
        EXPECT_EQ(result->source, kAlice.address);
        EXPECT_EQ(result->destination, kBob.address);
        EXPECT_EQ(result->firstFrameNumber, 10u);
        EXPECT_EQ(stats.ipFragments, 4u);
        EXPECT_EQ(stats.ipDatagramsReassembled, 1u);
        EXPECT_EQ(reassembler.pendingCount(), 0u);
    }
}

TEST(IpReassembler, AnyOrderWithDuplicates)
{
    const auto payload = body(2000, 3);
    const auto expected = udpSegment(payload, kAlice, kBob);
    std::mt19937 random(42);
    for (int round = 0; round < 20; ++round) {
        DissectorStats stats;
        IpReassembler reassembler({}, stats);
        auto fragments = fragmentsOf(payload, 256);
        std::shuffle(fragments.begin(), fragments.end(), random);
        std::optional<IpDatagram> result;
        std::size_t pushed = 0;
        for (const auto& fragment : fragments) {
            result = reassembler.push(decoded(fragment), 0, 1);
            ++pushed;
            if (result)
                break;
            if (pushed == 2) {
                EXPECT_FALSE(reassembler.push(decoded(fragments.front()), 0, 1)); // a duplicate
            }
        }
        ASSERT_TRUE(result.has_value()) << round;
        EXPECT_EQ(pushed, fragments.size());
        EXPECT_EQ(toVector(result->payload), expected);
        EXPECT_EQ(reassembler.pendingCount(), 0u);
    }
}

TEST(IpReassembler, OverlappingFragmentsKeepTheEarlierBytes)
{
    DissectorStats stats;
    IpReassembler reassembler({}, stats);
    IpPacket fragment;
    fragment.source = kAlice.address;
    fragment.destination = kBob.address;
    fragment.protocol = 17;
    fragment.isFragment = true;
    fragment.identification = 5;
    const std::string first = "AAAAAAAAAAAAAAAA"; // 0..16
    const std::string second = "BBBBBBBBBBBBBBBB"; // 8..24, overlaps 8..16
    const std::string third = "CCCC"; // 24..28, last
    fragment.moreFragments = true;
    fragment.fragmentOffset = 8;
    fragment.payload = asBytes(second);
    EXPECT_FALSE(reassembler.push(fragment, 0, 1));
    fragment.fragmentOffset = 0;
    fragment.payload = asBytes(first);
    EXPECT_FALSE(reassembler.push(fragment, 0, 2));
    fragment.moreFragments = false;
    fragment.fragmentOffset = 24;
    fragment.payload = asBytes(third);
    auto result = reassembler.push(fragment, 0, 3);
    ASSERT_TRUE(result);
    EXPECT_EQ(asText(result->payload), "AAAAAAAABBBBBBBBBBBBBBBBCCCC");
}

TEST(IpReassembler, NoCompletionWithAHoleOrWithoutTheLastFragment)
{
    DissectorStats stats;
    IpReassembler reassembler({}, stats);
    auto fragments = fragmentsOf(body(3000, 2), 1000);
    ASSERT_EQ(fragments.size(), 4u);
    // Everything but the last fragment: no completion even though the covered bytes are contiguous.
    for (std::size_t i = 0; i + 1 < fragments.size(); ++i)
        EXPECT_FALSE(reassembler.push(decoded(fragments[i]), 0, i + 1));
    // The last one alone with a hole before it.
    auto holes = fragmentsOf(body(3000, 2), 1000, 2);
    EXPECT_FALSE(reassembler.push(decoded(holes[0]), 0, 5));
    EXPECT_FALSE(reassembler.push(decoded(holes[3]), 0, 6));
    EXPECT_FALSE(reassembler.push(decoded(holes[1]), 0, 7));
    EXPECT_EQ(reassembler.pendingCount(), 2u);
    reassembler.finish();
    EXPECT_EQ(stats.ipDatagramsIncompleteAtEnd, 2u);
    EXPECT_EQ(stats.ipDatagramsReassembled, 0u);
    EXPECT_EQ(reassembler.pendingCount(), 0u);
}

TEST(IpReassembler, KeysSeparateDatagramsThatInterleave)
{
    DissectorStats stats;
    IpReassembler reassembler({}, stats);
    const auto payloadA = body(1500, 1);
    const auto payloadB = body(1500, 7);
    auto a = fragmentsOf(payloadA, 800, 77);
    auto b = fragmentsOf(payloadB, 800, 77, kBob, kAlice); // same id, other direction
    auto c = fragmentsOf(payloadB, 800, 78);
    ASSERT_EQ(a.size(), 2u);
    EXPECT_FALSE(reassembler.push(decoded(a[0]), 0, 1));
    EXPECT_FALSE(reassembler.push(decoded(b[1]), 0, 2));
    EXPECT_FALSE(reassembler.push(decoded(c[0]), 0, 3));
    auto doneB = reassembler.push(decoded(b[0]), 0, 4);
    ASSERT_TRUE(doneB);
    EXPECT_EQ(toVector(doneB->payload), udpSegment(payloadB, kBob, kAlice));
    EXPECT_EQ(doneB->firstFrameNumber, 2u);
    auto doneA = reassembler.push(decoded(a[1]), 0, 5);
    ASSERT_TRUE(doneA);
    EXPECT_EQ(toVector(doneA->payload), udpSegment(payloadA, kAlice, kBob));
    // The previous result is still readable after the next completion (nested tunnels rely on it).
    EXPECT_EQ(toVector(doneB->payload), udpSegment(payloadB, kBob, kAlice));
    EXPECT_EQ(reassembler.pendingCount(), 1u);
}

TEST(IpReassembler, Ipv6FragmentsWithHeadersInTheFragmentablePart)
{
    const std::uint8_t destinationOptions[] = { 60 };
    IpOptions options;
    options.ipv6ExtensionHeaders = destinationOptions;
    const auto from = v6("2001:db8::10", 5060);
    const auto to = v6("2001:db8::20", 5062);
    const auto payload = body(2500, 4);
    PacketBuilder builder;
    builder.payload(payload).udp(from, to).ip(options);
    auto fragments = PacketBuilder::fragmentIp(builder.bytes(), 1200, 99);
    ASSERT_EQ(fragments.size(), 3u);
    std::reverse(fragments.begin(), fragments.end());
    DissectorStats stats;
    IpReassembler reassembler({}, stats);
    std::optional<IpDatagram> result;
    for (const auto& fragment : fragments)
        result = reassembler.push(decoded(fragment), 0, 3);
    ASSERT_TRUE(result);
    EXPECT_TRUE(result->source.isV6);
    EXPECT_EQ(result->protocol, 60);
    std::uint8_t protocol = result->protocol;
    ByteView rest = result->payload;
    ASSERT_EQ(IpDecoder::skipExtensionHeaders(protocol, rest), IpStatus::Ok);
    EXPECT_EQ(protocol, 17);
    EXPECT_EQ(toVector(rest), udpSegment(payload, from, to));
}

TEST(IpReassembler, OldestIsEvictedWhenTheBoundIsHit)
{
    DissectorLimits limits;
    limits.maxPendingIpDatagrams = 3;
    DissectorStats stats;
    IpReassembler reassembler(limits, stats);
    std::vector<std::vector<std::vector<std::uint8_t>>> datagrams;
    for (std::uint16_t id = 1; id <= 4; ++id)
        datagrams.push_back(fragmentsOf(body(1200, static_cast<char>(id)), 800, id));
    for (std::size_t i = 0; i < 4; ++i)
        EXPECT_FALSE(reassembler.push(decoded(datagrams[i][0]), std::int64_t(i), i + 1));
    EXPECT_EQ(stats.ipDatagramsEvicted, 1u);
    EXPECT_EQ(reassembler.pendingCount(), 3u);
    // Datagram 1 was the oldest: its second half now starts a new, incomplete datagram.
    EXPECT_FALSE(reassembler.push(decoded(datagrams[0][1]), 10, 10));
    EXPECT_EQ(stats.ipDatagramsEvicted, 2u); // datagram 2 made room
    EXPECT_TRUE(reassembler.push(decoded(datagrams[3][1]), 11, 11));
    EXPECT_TRUE(reassembler.push(decoded(datagrams[2][1]), 12, 12));
}

TEST(IpReassembler, TimeOutByCaptureTime)
{
    DissectorLimits limits;
    limits.ipFragmentTimeoutNs = 1'000'000'000;
    DissectorStats stats;
    IpReassembler reassembler(limits, stats);
    auto slow = fragmentsOf(body(1200, 1), 800, 1);
    auto fast = fragmentsOf(body(1200, 2), 800, 2);
    EXPECT_FALSE(reassembler.push(decoded(slow[0]), 0, 1));
    EXPECT_FALSE(reassembler.push(decoded(fast[0]), 900'000'000, 2));
    reassembler.expire(1'000'000'000); // exactly the time-out: still kept
    EXPECT_EQ(stats.ipDatagramsEvicted, 0u);
    EXPECT_TRUE(reassembler.push(decoded(fast[1]), 1'500'000'000, 3));
    EXPECT_EQ(stats.ipDatagramsEvicted, 1u); // the slow one went on that push
    EXPECT_FALSE(reassembler.push(decoded(slow[1]), 1'600'000'000, 4));
    EXPECT_EQ(reassembler.pendingCount(), 1u);
    reassembler.expire(3'000'000'000);
    EXPECT_EQ(stats.ipDatagramsEvicted, 2u);
    EXPECT_EQ(reassembler.pendingCount(), 0u);
}

TEST(IpReassembler, OversizedDatagramIsDroppedOnceAndItsOtherFragmentsIgnored)
{
    DissectorLimits limits;
    limits.maxIpDatagramBytes = 2000;
    DissectorStats stats;
    IpReassembler reassembler(limits, stats);
    auto fragments = fragmentsOf(body(3000, 5), 1000, 3);
    ASSERT_EQ(fragments.size(), 4u);
    EXPECT_FALSE(reassembler.push(decoded(fragments[0]), 0, 1));
    EXPECT_FALSE(reassembler.push(decoded(fragments[3]), 0, 2));
    EXPECT_EQ(stats.ipDatagramsEvicted, 1u);
    EXPECT_FALSE(reassembler.push(decoded(fragments[1]), 0, 3));
    EXPECT_FALSE(reassembler.push(decoded(fragments[2]), 0, 4));
    EXPECT_EQ(stats.ipDatagramsEvicted, 1u);
    reassembler.finish();
    EXPECT_EQ(stats.ipDatagramsIncompleteAtEnd, 0u);
}
