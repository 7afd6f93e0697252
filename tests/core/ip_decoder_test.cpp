// SPDX-License-Identifier: Apache-2.0
#include "net/ip_decoder.h"

#include "support/packet_builder.h"

#include <gtest/gtest.h>

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

} // namespace

TEST(IpDecoder, Ipv4HeaderWithOptions)
{
    PacketBuilder builder;
    IpOptions options;
    options.ipv4OptionWords = 3;
    options.identification = 0xBEEF;
    builder.payload("payload").udp(kAlice, kBob).ip(options);
    IpPacket packet;
    ASSERT_EQ(IpDecoder::decode(builder.bytes(), packet), IpStatus::Ok);
    EXPECT_EQ(packet.source, kAlice.address);
    EXPECT_EQ(packet.destination, kBob.address);
    EXPECT_FALSE(packet.isV6());
    EXPECT_EQ(packet.protocol, 17);
    EXPECT_EQ(packet.identification, 0xBEEFu);
    EXPECT_FALSE(packet.isFragment);
    EXPECT_FALSE(packet.truncated);
    EXPECT_EQ(packet.payload.data(), builder.bytes().data() + 32);
    EXPECT_EQ(packet.payload.size(), 8u + 7u);
}

TEST(IpDecoder, Ipv4TotalLengthBoundsThePayloadBothWays)
{
    PacketBuilder builder;
    builder.payload("payload").udp(kAlice, kBob).ip();
    auto padded = builder.toVector();
    padded.resize(padded.size() + 10, 0); // Ethernet padding after the datagram
    IpPacket packet;
    ASSERT_EQ(IpDecoder::decode(padded, packet), IpStatus::Ok);
    EXPECT_EQ(packet.payload.size(), 15u);
    EXPECT_FALSE(packet.truncated);

    // Snap length shorter than the datagram: the captured part only, flagged.
    const auto cut = builder.bytes().first(25);
    ASSERT_EQ(IpDecoder::decode(cut, packet), IpStatus::Ok);
    EXPECT_EQ(packet.payload.size(), 5u);
    EXPECT_TRUE(packet.truncated);

    // Total length 0 (segmentation offload on the capturing host): the capture decides.
    auto offloaded = builder.toVector();
    offloaded[2] = 0;
    offloaded[3] = 0;
    ASSERT_EQ(IpDecoder::decode(offloaded, packet), IpStatus::Ok);
    EXPECT_EQ(packet.payload.size(), 15u);
}

TEST(IpDecoder, Ipv4MalformedAndTruncatedHeaders)
{
    PacketBuilder builder;
    IpOptions options;
    options.ipv4OptionWords = 2;
    builder.payload("payload").udp(kAlice, kBob).ip(options);
    auto bytes = builder.toVector();
    IpPacket packet;
    EXPECT_EQ(IpDecoder::decode(ByteView(bytes).first(19), packet), IpStatus::Truncated);
    EXPECT_EQ(IpDecoder::decode(ByteView(bytes).first(27), packet), IpStatus::Truncated);
    auto badIhl = bytes;
    badIhl[0] = 0x44;
    EXPECT_EQ(IpDecoder::decode(badIhl, packet), IpStatus::Malformed);
    auto shortTotal = bytes;
    shortTotal[2] = 0;
    shortTotal[3] = 20; // less than the 28-byte header
    EXPECT_EQ(IpDecoder::decode(shortTotal, packet), IpStatus::Malformed);
    auto version = bytes;
    version[0] = 0x57;
    EXPECT_EQ(IpDecoder::decode(version, packet), IpStatus::NotIp);
    EXPECT_EQ(IpDecoder::decode({}, packet), IpStatus::Truncated);
}

TEST(IpDecoder, Ipv4FragmentFields)
{
    PacketBuilder builder;
    builder.payload(std::string(100, 'a')).udp(kAlice, kBob).ip();
    const auto fragments = PacketBuilder::fragmentIp(builder.bytes(), 48);
    ASSERT_EQ(fragments.size(), 3u);
    IpPacket first;
    ASSERT_EQ(IpDecoder::decode(fragments[0], first), IpStatus::Ok);
    EXPECT_TRUE(first.isFragment);
    EXPECT_TRUE(first.moreFragments);
    EXPECT_EQ(first.fragmentOffset, 0u);
    EXPECT_EQ(first.payload.size(), 48u);
    IpPacket last;
    ASSERT_EQ(IpDecoder::decode(fragments[2], last), IpStatus::Ok);
    EXPECT_TRUE(last.isFragment);
    EXPECT_FALSE(last.moreFragments);
    EXPECT_EQ(last.fragmentOffset, 96u);
    EXPECT_EQ(last.payload.size(), 108u - 96u);
    EXPECT_EQ(last.protocol, 17);
}

TEST(IpDecoder, Ipv6WithExtensionHeaderChain)
{
    const std::uint8_t chain[] = { 0, 43, 60, 51 };
    IpOptions options;
    options.ipv6ExtensionHeaders = chain;
    PacketBuilder builder;
    builder.payload("payload").udp(v6("2001:db8::1", 5060), v6("2001:db8::2", 5060)).ip(options);
    IpPacket packet;
    ASSERT_EQ(IpDecoder::decode(builder.bytes(), packet), IpStatus::Ok);
    EXPECT_TRUE(packet.isV6());
    EXPECT_EQ(packet.source.toString(), "2001:db8::1");
    EXPECT_EQ(packet.destination.toString(), "2001:db8::2");
    EXPECT_EQ(packet.protocol, 17);
    EXPECT_FALSE(packet.isFragment);
    EXPECT_EQ(packet.payload.data(), builder.bytes().data() + 40 + 8 + 24 + 8 + 16);
    EXPECT_EQ(packet.payload.size(), 15u);

    // Every cut inside the chain is reported as truncated, never read past.
    for (std::size_t length = 0; length < 40 + 56; ++length)
        EXPECT_EQ(IpDecoder::decode(builder.bytes().first(length), packet), IpStatus::Truncated) << length;
}

TEST(IpDecoder, Ipv6EspAndNoNextHeaderStop)
{
    PacketBuilder builder;
    builder.payload("opaque").ipHeader(v6("2001:db8::1", 0).address, v6("2001:db8::2", 0).address, 50);
    IpPacket packet;
    EXPECT_EQ(IpDecoder::decode(builder.bytes(), packet), IpStatus::Opaque);
    builder.payload("").ipHeader(v6("2001:db8::1", 0).address, v6("2001:db8::2", 0).address, 59);
    EXPECT_EQ(IpDecoder::decode(builder.bytes(), packet), IpStatus::Opaque);
}

TEST(IpDecoder, Ipv6FragmentHeaderStopsTheWalk)
{
    const std::uint8_t destinationOptions[] = { 60 };
    IpOptions options;
    options.ipv6ExtensionHeaders = destinationOptions;
    PacketBuilder builder;
    builder.payload(std::string(200, 'b')).udp(v6("2001:db8::1", 5060), v6("2001:db8::2", 5060)).ip(options);
    const auto fragments = PacketBuilder::fragmentIp(builder.bytes(), 104, 0xABCDEF01);
    ASSERT_EQ(fragments.size(), 3u);
    IpPacket first;
    ASSERT_EQ(IpDecoder::decode(fragments[0], first), IpStatus::Ok);
    EXPECT_TRUE(first.isFragment);
    EXPECT_TRUE(first.moreFragments);
    EXPECT_EQ(first.identification, 0xABCDEF01u);
    // The destination options header travels in the fragmentable part: still the next header.
    EXPECT_EQ(first.protocol, 60);
    EXPECT_EQ(first.payload.size(), 104u);

    std::uint8_t protocol = first.protocol;
    ByteView rest = first.payload;
    ASSERT_EQ(IpDecoder::skipExtensionHeaders(protocol, rest), IpStatus::Ok);
    EXPECT_EQ(protocol, 17);
    EXPECT_EQ(rest.size(), 96u);

    IpPacket last;
    ASSERT_EQ(IpDecoder::decode(fragments[2], last), IpStatus::Ok);
    EXPECT_FALSE(last.moreFragments);
    EXPECT_EQ(last.fragmentOffset, 208u);
}

TEST(IpDecoder, AtomicIpv6FragmentIsAWholeDatagram)
{
    PacketBuilder builder;
    builder.payload("12345678").udp(v6("2001:db8::1", 1), v6("2001:db8::2", 2)).ip();
    // One fragment holding everything: offset 0, M clear.
    auto fragments = PacketBuilder::fragmentIp(builder.bytes(), 1000);
    ASSERT_EQ(fragments.size(), 1u);
    IpPacket packet;
    ASSERT_EQ(IpDecoder::decode(fragments[0], packet), IpStatus::Ok);
    EXPECT_FALSE(packet.isFragment);
    EXPECT_EQ(packet.protocol, 17);
    EXPECT_EQ(packet.payload.size(), 16u);
}

TEST(IpDecoder, Ipv4AuthenticationHeaderIsSkipped)
{
    PacketBuilder builder;
    builder.payload("payload").udp(kAlice, kBob);
    auto udp = builder.toVector();
    std::vector<std::uint8_t> ah(16, 0);
    ah[0] = 17;
    ah[1] = 2;
    ah.insert(ah.end(), udp.begin(), udp.end());
    builder.payload(ah).ipHeader(kAlice.address, kBob.address, 51);
    IpPacket packet;
    ASSERT_EQ(IpDecoder::decode(builder.bytes(), packet), IpStatus::Ok);
    EXPECT_EQ(packet.protocol, 17);
    EXPECT_EQ(packet.payload.size(), udp.size());
}
