// SPDX-License-Identifier: Apache-2.0
#include "net/udp_decoder.h"

#include "support/packet_builder.h"

#include <gtest/gtest.h>

using namespace sipladder::core;
using sipladder::testing::PacketBuilder;

TEST(UdpDecoder, PortsAndPayloadBoundedByLengthAndCapture)
{
    PacketBuilder builder;
    builder.payload("0123456789").udp({ IpAddress::v4(1, 1, 1, 1), 5060 }, { IpAddress::v4(2, 2, 2, 2), 40000 });
    auto bytes = builder.toVector();
    UdpHeader udp;
    ASSERT_TRUE(UdpDecoder::decode(bytes, udp));
    EXPECT_EQ(udp.sourcePort, 5060);
    EXPECT_EQ(udp.destinationPort, 40000);
    EXPECT_EQ(asText(udp.payload), "0123456789");

    auto padded = bytes;
    padded.resize(padded.size() + 6, 0);
    ASSERT_TRUE(UdpDecoder::decode(padded, udp));
    EXPECT_EQ(asText(udp.payload), "0123456789");

    ASSERT_TRUE(UdpDecoder::decode(ByteView(bytes).first(12), udp)); // snap length cut
    EXPECT_EQ(asText(udp.payload), "0123");

    auto zeroLength = bytes;
    zeroLength[4] = 0;
    zeroLength[5] = 0;
    ASSERT_TRUE(UdpDecoder::decode(zeroLength, udp));
    EXPECT_EQ(udp.payload.size(), 10u);

    EXPECT_FALSE(UdpDecoder::decode(ByteView(bytes).first(7), udp));
}
