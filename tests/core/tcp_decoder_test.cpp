// SPDX-License-Identifier: Apache-2.0
#include "net/tcp_decoder.h"

#include "net/tcp_segment.h"
#include "support/packet_builder.h"

#include <gtest/gtest.h>

using namespace sipladder::core;
using sipladder::testing::PacketBuilder;

TEST(TcpDecoder, HeaderFieldsAndPayload)
{
    PacketBuilder builder;
    builder.payload("INVITE").tcp({ IpAddress::v4(1, 1, 1, 1), 5060 }, { IpAddress::v4(2, 2, 2, 2), 5061 }, 0x01020304,
        0xA0B0C0D0, TcpPsh | TcpAck);
    auto bytes = builder.toVector();
    TcpHeader tcp;
    ASSERT_TRUE(TcpDecoder::decode(bytes, tcp));
    EXPECT_EQ(tcp.sourcePort, 5060);
    EXPECT_EQ(tcp.destinationPort, 5061);
    EXPECT_EQ(tcp.sequence, 0x01020304u);
    EXPECT_EQ(tcp.acknowledgment, 0xA0B0C0D0u);
    EXPECT_EQ(tcp.flags, TcpPsh | TcpAck);
    EXPECT_EQ(asText(tcp.payload), "INVITE");
    EXPECT_EQ(tcp.payload.data(), bytes.data() + 20);
}

TEST(TcpDecoder, DataOffsetWithOptionsAndBadOffsets)
{
    PacketBuilder builder;
    builder.payload("xxxxxxxxOK").tcp({ IpAddress::v4(1, 1, 1, 1), 1 }, { IpAddress::v4(2, 2, 2, 2), 2 }, 1, 2, TcpSyn);
    auto bytes = builder.toVector();
    bytes[12] = 7 << 4; // 8 bytes of options
    TcpHeader tcp;
    ASSERT_TRUE(TcpDecoder::decode(bytes, tcp));
    EXPECT_EQ(asText(tcp.payload), "OK");
    EXPECT_FALSE(TcpDecoder::decode(ByteView(bytes).first(27), tcp));
    bytes[12] = 4 << 4;
    EXPECT_FALSE(TcpDecoder::decode(bytes, tcp));
    bytes[12] = 15 << 4; // 60 bytes: more than the segment
    EXPECT_FALSE(TcpDecoder::decode(bytes, tcp));
    EXPECT_FALSE(TcpDecoder::decode(ByteView(bytes).first(19), tcp));
}
