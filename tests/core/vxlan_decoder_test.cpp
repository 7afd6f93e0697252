// SPDX-License-Identifier: Apache-2.0
#include "net/vxlan_decoder.h"

#include "net/ip_decoder.h"
#include "net/udp_decoder.h"
#include "support/packet_builder.h"

#include <gtest/gtest.h>

using namespace sipladder::core;
using sipladder::testing::PacketBuilder;

TEST(VxlanDecoder, UnwrapsTheInnerEthernetFrame)
{
    PacketBuilder builder;
    builder.payload("data")
        .udp({ IpAddress::v4(1, 2, 3, 4), 5060 }, { IpAddress::v4(1, 2, 3, 5), 5060 })
        .ip()
        .ethernet()
        .vxlan(IpAddress::v4(10, 0, 0, 1), IpAddress::v4(10, 0, 0, 2), 4242);
    IpPacket outer;
    ASSERT_EQ(IpDecoder::decode(builder.bytes(), outer), IpStatus::Ok);
    UdpHeader udp;
    ASSERT_TRUE(UdpDecoder::decode(outer.payload, udp));
    EXPECT_EQ(udp.destinationPort, VxlanDecoder::kPort);
    ByteView inner;
    ASSERT_TRUE(VxlanDecoder::decode(udp.payload, inner));
    EXPECT_EQ(inner.data(), udp.payload.data() + 8);
    EXPECT_EQ(inner.size(), 60u);
    EXPECT_EQ(readBe16(inner.data() + 12), 0x0800);

    EXPECT_FALSE(VxlanDecoder::decode(udp.payload.first(7), inner));
    std::vector<std::uint8_t> noVni(udp.payload.begin(), udp.payload.end());
    noVni[0] = 0;
    EXPECT_FALSE(VxlanDecoder::decode(noVni, inner));
}
