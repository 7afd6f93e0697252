// SPDX-License-Identifier: Apache-2.0
#include "net/gtp_u_decoder.h"

#include "net/ip_decoder.h"
#include "net/udp_decoder.h"
#include "support/packet_builder.h"

#include <gtest/gtest.h>

using namespace sipladder::core;
using sipladder::testing::GtpUOptions;
using sipladder::testing::PacketBuilder;

namespace {

const IpAddress kOuterA = IpAddress::v4(10, 0, 0, 1);
const IpAddress kOuterB = IpAddress::v4(10, 0, 0, 2);

ByteView udpPayload(const PacketBuilder& builder)
{
    IpPacket outer;
    EXPECT_EQ(IpDecoder::decode(builder.bytes(), outer), IpStatus::Ok);
    UdpHeader udp;
    EXPECT_TRUE(UdpDecoder::decode(outer.payload, udp));
    EXPECT_EQ(udp.destinationPort, GtpUDecoder::kPort);
    return udp.payload;
}

} // namespace

TEST(GtpUDecoder, GPduWithAndWithoutOptionalFieldsAndExtensionHeaders)
{
    IpAddress a;
    IpAddress b;
    ASSERT_TRUE(IpAddress::parse("2001:db8::1", a));
    ASSERT_TRUE(IpAddress::parse("2001:db8::2", b));
    PacketBuilder builder;
    struct Case {
        GtpUOptions options;
        std::size_t header;
    };
    for (const Case& c : { Case { { 1, std::nullopt, std::nullopt, 0 }, 8 }, Case { { 1, 7, std::nullopt, 0 }, 12 },
             Case { { 1, std::nullopt, 3, 0 }, 12 }, Case { { 1, 7, 3, 1 }, 16 },
             Case { { 1, std::nullopt, std::nullopt, 3 }, 24 } }) {
        builder.payload("data").udp({ a, 5060 }, { b, 5060 }).ip().gtpU(kOuterA, kOuterB, c.options);
        const auto gtp = udpPayload(builder);
        ByteView inner;
        ASSERT_TRUE(GtpUDecoder::decode(gtp, inner)) << c.header;
        EXPECT_EQ(inner.data(), gtp.data() + c.header);
        EXPECT_EQ(inner.size(), 40u + 8u + 4u);
        EXPECT_EQ(inner[0] >> 4, 6);
        // Every cut before the inner packet's first byte fails cleanly.
        for (std::size_t length = 0; length <= c.header; ++length)
            EXPECT_FALSE(GtpUDecoder::decode(gtp.first(length), inner)) << c.header << " " << length;
    }
}

TEST(GtpUDecoder, RejectsOtherMessagesVersionsAndPayloads)
{
    PacketBuilder builder;
    builder.payload("data")
        .udp({ IpAddress::v4(1, 2, 3, 4), 1 }, { IpAddress::v4(1, 2, 3, 5), 2 })
        .ip()
        .gtpU(kOuterA, kOuterB);
    const auto gtp = udpPayload(builder);
    std::vector<std::uint8_t> bytes(gtp.begin(), gtp.end());
    ByteView inner;
    ASSERT_TRUE(GtpUDecoder::decode(bytes, inner));
    auto echo = bytes;
    echo[1] = 1; // echo request
    EXPECT_FALSE(GtpUDecoder::decode(echo, inner));
    auto version2 = bytes;
    version2[0] = 0x48;
    EXPECT_FALSE(GtpUDecoder::decode(version2, inner));
    auto notIp = bytes;
    notIp[8] = 0x20;
    EXPECT_FALSE(GtpUDecoder::decode(notIp, inner));
    // A zero-length extension header would loop forever if it were accepted.
    std::vector<std::uint8_t> loop = { 0x34, 0xFF, 0x00, 0x08, 0, 0, 0, 1, 0, 0, 0, 0x85, 0, 0, 0, 0 };
    EXPECT_FALSE(GtpUDecoder::decode(loop, inner));
}
