// SPDX-License-Identifier: Apache-2.0
#include "net/gre_decoder.h"

#include "net/ip_decoder.h"
#include "support/packet_builder.h"

#include <gtest/gtest.h>

using namespace sipladder::core;
using sipladder::testing::ErspanType;
using sipladder::testing::GreOptions;
using sipladder::testing::PacketBuilder;

namespace {

const Endpoint kAlice { IpAddress::v4(192, 0, 2, 1), 5060 };
const Endpoint kBob { IpAddress::v4(198, 51, 100, 7), 5080 };
const IpAddress kOuterA = IpAddress::v4(10, 0, 0, 1);
const IpAddress kOuterB = IpAddress::v4(10, 0, 0, 2);

// The GRE packet inside the builder's outer IPv4 header.
ByteView grePart(const PacketBuilder& builder)
{
    IpPacket outer;
    EXPECT_EQ(IpDecoder::decode(builder.bytes(), outer), IpStatus::Ok);
    EXPECT_EQ(outer.protocol, 47);
    return outer.payload;
}

std::size_t innerIpLength()
{
    return 20 + 8 + 4;
}

} // namespace

TEST(GreDecoder, PlainIpv4AndIpv6WithEveryOptionalField)
{
    PacketBuilder builder;
    for (const GreOptions& options :
        { GreOptions {}, GreOptions { true, std::nullopt, std::nullopt }, GreOptions { false, 7, std::nullopt },
            GreOptions { false, std::nullopt, 9 }, GreOptions { true, 7, 9 } }) {
        builder.payload("data").udp(kAlice, kBob).ip().gre(kOuterA, kOuterB, options);
        GreTunnel tunnel;
        ASSERT_TRUE(GreDecoder::decode(grePart(builder), tunnel));
        EXPECT_EQ(tunnel.content, GreContent::EtherType);
        EXPECT_EQ(tunnel.etherType, 0x0800);
        EXPECT_EQ(tunnel.payload.size(), innerIpLength());
        EXPECT_EQ(tunnel.payload[0], 0x45);
        EXPECT_TRUE(tunnel.encapsulation.has(Encapsulation::Gre));
        EXPECT_FALSE(tunnel.encapsulation.has(Encapsulation::EthernetOverGre));
    }
    IpAddress a;
    IpAddress b;
    ASSERT_TRUE(IpAddress::parse("2001:db8::1", a));
    ASSERT_TRUE(IpAddress::parse("2001:db8::2", b));
    builder.payload("data").udp({ a, 5060 }, { b, 5060 }).ip().gre(kOuterA, kOuterB);
    GreTunnel tunnel6;
    ASSERT_TRUE(GreDecoder::decode(grePart(builder), tunnel6));
    EXPECT_EQ(tunnel6.etherType, 0x86DD);
    EXPECT_EQ(tunnel6.payload[0] >> 4, 6);
}

TEST(GreDecoder, TransparentEthernetBridging)
{
    PacketBuilder builder;
    builder.payload("data").udp(kAlice, kBob).ip().ethernet().gre(kOuterA, kOuterB, { false, 1, std::nullopt });
    GreTunnel tunnel;
    ASSERT_TRUE(GreDecoder::decode(grePart(builder), tunnel));
    EXPECT_EQ(tunnel.content, GreContent::Ethernet);
    EXPECT_EQ(tunnel.etherType, 0x6558);
    EXPECT_EQ(tunnel.payload.size(), 60u); // a padded minimum Ethernet frame
    EXPECT_TRUE(tunnel.encapsulation.has(Encapsulation::EthernetOverGre));
}

TEST(GreDecoder, ErspanTypesOneTwoAndThree)
{
    PacketBuilder builder;
    struct Case {
        ErspanType type;
        bool platform;
    };
    for (const Case& c : { Case { ErspanType::TypeI, false }, Case { ErspanType::TypeII, false },
             Case { ErspanType::TypeIII, false }, Case { ErspanType::TypeIII, true } }) {
        builder.payload("data").udp(kAlice, kBob).ip().ethernet().erspan(kOuterA, kOuterB, c.type, c.platform);
        GreTunnel tunnel;
        ASSERT_TRUE(GreDecoder::decode(grePart(builder), tunnel)) << int(c.type);
        EXPECT_EQ(tunnel.content, GreContent::Ethernet);
        EXPECT_TRUE(tunnel.encapsulation.has(Encapsulation::Erspan));
        ASSERT_EQ(tunnel.payload.size(), 60u) << int(c.type) << c.platform;
        // The mirrored frame starts with the builder's destination MAC and carries IPv4.
        EXPECT_EQ(tunnel.payload[0], 0x02);
        EXPECT_EQ(readBe16(tunnel.payload.data() + 12), 0x0800);
    }
}

TEST(GreDecoder, EnhancedGreCarriesPpp)
{
    PacketBuilder builder;
    for (int variant = 0; variant < 4; ++variant) {
        const std::optional<std::uint32_t> sequence
            = (variant & 1) != 0 ? std::optional<std::uint32_t>(5) : std::nullopt;
        const std::optional<std::uint32_t> ack = (variant & 2) != 0 ? std::optional<std::uint32_t>(4) : std::nullopt;
        builder.payload("data").udp(kAlice, kBob).ip().ppp().pptp(kOuterA, kOuterB, 77, sequence, ack);
        GreTunnel tunnel;
        ASSERT_TRUE(GreDecoder::decode(grePart(builder), tunnel)) << variant;
        EXPECT_EQ(tunnel.content, GreContent::Ppp);
        EXPECT_EQ(tunnel.payload.size(), innerIpLength() + 4);
        EXPECT_EQ(tunnel.payload[0], 0xFF);
    }
    // An acknowledgement without payload.
    builder.payload("").pptp(kOuterA, kOuterB, 77, std::nullopt, 9);
    GreTunnel ackOnly;
    ASSERT_TRUE(GreDecoder::decode(grePart(builder), ackOnly));
    EXPECT_EQ(ackOnly.content, GreContent::Nothing);
}

TEST(GreDecoder, TruncatedAndUnknownVersions)
{
    PacketBuilder builder;
    builder.payload("data").udp(kAlice, kBob).ip().gre(kOuterA, kOuterB, { true, 7, 9 });
    const auto gre = grePart(builder);
    GreTunnel tunnel;
    for (std::size_t length = 0; length < 16; ++length)
        EXPECT_FALSE(GreDecoder::decode(gre.first(length), tunnel)) << length;
    std::vector<std::uint8_t> badVersion(gre.begin(), gre.end());
    badVersion[1] = 0x02;
    EXPECT_FALSE(GreDecoder::decode(badVersion, tunnel));

    builder.payload("data").udp(kAlice, kBob).ip().ethernet().erspan(kOuterA, kOuterB, ErspanType::TypeIII, true);
    const auto erspan = grePart(builder);
    // GRE (8) + ERSPAN III (12) + platform sub-header (8): cut anywhere before that fails.
    for (std::size_t length = 8; length < 28; ++length)
        EXPECT_FALSE(GreDecoder::decode(erspan.first(length), tunnel)) << length;
    EXPECT_TRUE(GreDecoder::decode(erspan.first(28), tunnel));
    EXPECT_TRUE(tunnel.payload.empty());
}
