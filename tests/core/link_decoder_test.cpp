// SPDX-License-Identifier: Apache-2.0
#include "net/link_decoder.h"

#include "support/packet_builder.h"

#include <gtest/gtest.h>

using namespace sipladder::core;
using sipladder::testing::EthernetOptions;
using sipladder::testing::PacketBuilder;
using sipladder::testing::PppOptions;

namespace {

const Endpoint kAlice { IpAddress::v4(192, 0, 2, 1), 5060 };
const Endpoint kBob { IpAddress::v4(192, 0, 2, 2), 5060 };

Endpoint v6(const char* text, std::uint16_t port)
{
    IpAddress address;
    EXPECT_TRUE(IpAddress::parse(text, address));
    return { address, port };
}

// A UDP/IPv4 packet whose IP header is what every test expects to find.
PacketBuilder& ipv4Packet(PacketBuilder& builder)
{
    return builder.payload("hello").udp(kAlice, kBob).ip();
}

std::size_t ipv4Length()
{
    return 20 + 8 + 5;
}

} // namespace

TEST(LinkDecoder, EthernetCarriesIpv4AndIpv6)
{
    PacketBuilder builder;
    ipv4Packet(builder).ethernet();
    LinkLayer link;
    ASSERT_EQ(LinkDecoder::decode(1, builder.bytes(), link), LinkStatus::Ip);
    EXPECT_EQ(link.ipPacket.data(), builder.bytes().data() + 14);
    EXPECT_EQ(link.ipPacket[0] >> 4, 4);
    EXPECT_TRUE(link.encapsulation.empty());

    builder.payload("hello").udp(v6("2001:db8::1", 5060), v6("2001:db8::2", 5060)).ip().ethernet();
    LinkLayer link6;
    ASSERT_EQ(LinkDecoder::decode(1, builder.bytes(), link6), LinkStatus::Ip);
    EXPECT_EQ(link6.ipPacket[0] >> 4, 6);
}

TEST(LinkDecoder, FollowsVlanAndQinQTags)
{
    PacketBuilder builder;
    ipv4Packet(builder).ethernet({ 100 });
    LinkLayer single;
    ASSERT_EQ(LinkDecoder::decode(1, builder.bytes(), single), LinkStatus::Ip);
    EXPECT_EQ(single.ipPacket.data(), builder.bytes().data() + 18);
    EXPECT_TRUE(single.encapsulation.has(Encapsulation::Vlan));
    EXPECT_FALSE(single.encapsulation.has(Encapsulation::QinQ));

    for (std::uint16_t tpid : { 0x88A8, 0x9100, 0x8100 }) {
        ipv4Packet(builder).ethernet({ 100, 200 }, tpid);
        LinkLayer stacked;
        ASSERT_EQ(LinkDecoder::decode(1, builder.bytes(), stacked), LinkStatus::Ip) << tpid;
        EXPECT_EQ(stacked.ipPacket.data(), builder.bytes().data() + 22);
        EXPECT_TRUE(stacked.encapsulation.has(Encapsulation::Vlan));
        EXPECT_TRUE(stacked.encapsulation.has(Encapsulation::QinQ));
    }
}

TEST(LinkDecoder, MplsStackGuessesTheInnerVersion)
{
    PacketBuilder builder;
    ipv4Packet(builder).mpls({ 16, 17, 18 }).ethernet();
    LinkLayer link;
    ASSERT_EQ(LinkDecoder::decode(1, builder.bytes(), link), LinkStatus::Ip);
    EXPECT_EQ(link.ipPacket.data(), builder.bytes().data() + 14 + 12);
    EXPECT_TRUE(link.encapsulation.has(Encapsulation::Mpls));

    builder.payload("hello").udp(v6("2001:db8::1", 1), v6("2001:db8::2", 2)).ip().mpls({ 16 }).ethernet({ 5 });
    LinkLayer link6;
    ASSERT_EQ(LinkDecoder::decode(1, builder.bytes(), link6), LinkStatus::Ip);
    EXPECT_EQ(link6.ipPacket[0] >> 4, 6);
    EXPECT_TRUE(link6.encapsulation.has(Encapsulation::Vlan));

    // An Ethernet pseudowire (first nibble 0: a control word) is not IP.
    builder.payload("\x00\x00\x00\x00whatever").mpls({ 16 }).ethernet();
    LinkLayer pseudowire;
    EXPECT_EQ(LinkDecoder::decode(1, builder.bytes(), pseudowire), LinkStatus::NotIp);
}

TEST(LinkDecoder, PppoeSessionCarriesPpp)
{
    PacketBuilder builder;
    ipv4Packet(builder).pppoe(42).ethernet();
    LinkLayer link;
    ASSERT_EQ(LinkDecoder::decode(1, builder.bytes(), link), LinkStatus::Ip);
    EXPECT_EQ(link.ipPacket.data(), builder.bytes().data() + 14 + 8);
    // The PPPoE length field excludes the Ethernet padding of this short frame.
    EXPECT_EQ(link.ipPacket.size(), ipv4Length());
    EXPECT_TRUE(link.encapsulation.has(Encapsulation::Pppoe));
    EXPECT_TRUE(link.encapsulation.has(Encapsulation::Ppp));
}

TEST(LinkDecoder, Ieee8023LengthFramesAndArpAreNotIp)
{
    PacketBuilder builder;
    ipv4Packet(builder).ethernet();
    auto frame = builder.toVector();
    frame[12] = 0x00; // a length, not an EtherType
    frame[13] = 0x40;
    LinkLayer link;
    EXPECT_EQ(LinkDecoder::decode(1, frame, link), LinkStatus::NotIp);
    frame[12] = 0x08;
    frame[13] = 0x06;
    EXPECT_EQ(LinkDecoder::decode(1, frame, link), LinkStatus::NotIp);
}

TEST(LinkDecoder, LinuxCookedV1AndV2)
{
    PacketBuilder builder;
    ipv4Packet(builder).sll();
    ASSERT_EQ(builder.linkType(), 113u);
    LinkLayer link;
    ASSERT_EQ(LinkDecoder::decode(113, builder.bytes(), link), LinkStatus::Ip);
    EXPECT_EQ(link.ipPacket.data(), builder.bytes().data() + 16);
    EXPECT_TRUE(link.encapsulation.has(Encapsulation::LinuxCooked));

    ipv4Packet(builder).sll2();
    LinkLayer link2;
    ASSERT_EQ(LinkDecoder::decode(276, builder.bytes(), link2), LinkStatus::Ip);
    EXPECT_EQ(link2.ipPacket.data(), builder.bytes().data() + 20);
    EXPECT_TRUE(link2.encapsulation.has(Encapsulation::LinuxCooked));
}

TEST(LinkDecoder, NullAcceptsBothByteOrdersAndEveryIpv6Family)
{
    PacketBuilder builder;
    for (bool bigEndian : { false, true }) {
        ipv4Packet(builder).nullLoopback(2, bigEndian);
        LinkLayer link;
        ASSERT_EQ(LinkDecoder::decode(0, builder.bytes(), link), LinkStatus::Ip) << bigEndian;
        EXPECT_EQ(link.ipPacket.data(), builder.bytes().data() + 4);
        EXPECT_TRUE(link.encapsulation.has(Encapsulation::Loopback));
        for (std::uint32_t family : { 10u, 24u, 28u, 30u }) {
            builder.payload("x").udp(v6("::1", 1), v6("::1", 2)).ip().nullLoopback(family, bigEndian);
            LinkLayer link6;
            EXPECT_EQ(LinkDecoder::decode(0, builder.bytes(), link6), LinkStatus::Ip) << family;
        }
    }
    // AF_INET with an IPv6 packet behind it, or an unknown family: not IP.
    builder.payload("x").udp(v6("::1", 1), v6("::1", 2)).ip().nullLoopback(2);
    LinkLayer mismatch;
    EXPECT_EQ(LinkDecoder::decode(0, builder.bytes(), mismatch), LinkStatus::NotIp);
    ipv4Packet(builder).nullLoopback(7);
    EXPECT_EQ(LinkDecoder::decode(0, builder.bytes(), mismatch), LinkStatus::NotIp);
}

TEST(LinkDecoder, LoopUsesNetworkOrder)
{
    PacketBuilder builder;
    builder.payload("x").udp(v6("::1", 1), v6("::1", 2)).ip().loop();
    ASSERT_EQ(builder.linkType(), 108u);
    LinkLayer link;
    ASSERT_EQ(LinkDecoder::decode(108, builder.bytes(), link), LinkStatus::Ip);
    EXPECT_TRUE(link.encapsulation.has(Encapsulation::Loopback));
}

TEST(LinkDecoder, RawIpUnderEveryRawLinkType)
{
    PacketBuilder builder;
    ipv4Packet(builder);
    for (std::uint32_t linkType : { 101u, 12u, 14u, 228u }) {
        LinkLayer link;
        ASSERT_EQ(LinkDecoder::decode(linkType, builder.bytes(), link), LinkStatus::Ip) << linkType;
        EXPECT_EQ(link.ipPacket.data(), builder.bytes().data());
    }
    builder.payload("x").udp(v6("::1", 1), v6("::1", 2)).ip();
    LinkLayer link6;
    EXPECT_EQ(LinkDecoder::decode(229, builder.bytes(), link6), LinkStatus::Ip);
    const std::uint8_t notIp[] = { 0x20, 0, 0, 0 };
    EXPECT_EQ(LinkDecoder::decode(101, notIp, link6), LinkStatus::NotIp);
}

TEST(LinkDecoder, PppWithAndWithoutAddressControlAndCompression)
{
    PacketBuilder builder;
    struct Case {
        PppOptions options;
        std::size_t header;
    };
    for (const Case& c : { Case { { true, false }, 4 }, Case { { false, false }, 2 }, Case { { true, true }, 3 },
             Case { { false, true }, 1 } }) {
        ipv4Packet(builder).ppp(c.options);
        ASSERT_EQ(builder.linkType(), 9u);
        LinkLayer link;
        ASSERT_EQ(LinkDecoder::decode(9, builder.bytes(), link), LinkStatus::Ip) << c.header;
        EXPECT_EQ(link.ipPacket.data(), builder.bytes().data() + c.header);
        EXPECT_TRUE(link.encapsulation.has(Encapsulation::Ppp));
    }
    const std::uint8_t lcp[] = { 0xFF, 0x03, 0xC0, 0x21, 0x01, 0x01, 0x00, 0x04 };
    LinkLayer link;
    EXPECT_EQ(LinkDecoder::decode(9, lcp, link), LinkStatus::NotIp);
}

TEST(LinkDecoder, TruncatedHeadersAndUnknownLinkTypes)
{
    PacketBuilder builder;
    ipv4Packet(builder).ethernet({ 1, 2 });
    const auto frame = builder.bytes();
    LinkLayer link;
    EXPECT_EQ(LinkDecoder::decode(1, frame.first(13), link), LinkStatus::Truncated);
    EXPECT_EQ(LinkDecoder::decode(1, frame.first(20), link), LinkStatus::Truncated);
    EXPECT_EQ(LinkDecoder::decode(113, frame.first(15), link), LinkStatus::Truncated);
    EXPECT_EQ(LinkDecoder::decode(276, frame.first(19), link), LinkStatus::Truncated);
    EXPECT_EQ(LinkDecoder::decode(0, frame.first(3), link), LinkStatus::Truncated);
    EXPECT_EQ(LinkDecoder::decode(101, frame.first(0), link), LinkStatus::Truncated);
    EXPECT_EQ(LinkDecoder::decode(147, frame, link), LinkStatus::UnsupportedLinkType);
    EXPECT_EQ(LinkDecoder::decode(105, frame, link), LinkStatus::UnsupportedLinkType);
}
