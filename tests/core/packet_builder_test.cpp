// SPDX-License-Identifier: Apache-2.0
#include "support/packet_builder.h"

#include <gtest/gtest.h>

#include <string>

using namespace sipladder::core;
using sipladder::testing::PacketBuilder;
using sipladder::testing::SctpChunkSpec;

namespace {

std::uint32_t sumWords(ByteView bytes, std::uint32_t sum = 0)
{
    for (std::size_t i = 0; i + 1 < bytes.size(); i += 2)
        sum += readBe16(bytes.data() + i);
    if (bytes.size() % 2 != 0)
        sum += std::uint32_t(bytes.back()) << 8;
    return sum;
}

// True when the one's complement sum including the checksum field is all ones.
bool checksumVerifies(std::uint32_t sum)
{
    while ((sum >> 16) != 0)
        sum = (sum & 0xFFFF) + (sum >> 16);
    return sum == 0xFFFF;
}

std::uint32_t pseudoHeader(
    const IpAddress& source, const IpAddress& destination, std::uint8_t protocol, std::size_t length)
{
    const std::size_t addressLength = source.isV6 ? 16 : 4;
    std::uint32_t sum = sumWords(ByteView(source.bytes.data(), addressLength));
    sum = sumWords(ByteView(destination.bytes.data(), addressLength), sum);
    return sum + protocol + std::uint32_t(length);
}

} // namespace

TEST(PacketBuilder, Crc32cKnownVector)
{
    EXPECT_EQ(PacketBuilder::crc32c(asBytes("123456789")), 0xE3069283u);
    EXPECT_EQ(PacketBuilder::crc32c({}), 0u);
}

TEST(PacketBuilder, Ipv4UdpChecksumsVerify)
{
    const Endpoint a { IpAddress::v4(192, 0, 2, 1), 5060 };
    const Endpoint b { IpAddress::v4(192, 0, 2, 2), 5080 };
    PacketBuilder builder;
    builder.payload("odd length!").udp(a, b).ip();
    const auto packet = builder.bytes();
    ASSERT_EQ(packet.size(), 20u + 8u + 11u);
    EXPECT_EQ(packet[0], 0x45);
    EXPECT_EQ(readBe16(packet.data() + 2), packet.size());
    EXPECT_EQ(packet[9], 17);
    EXPECT_TRUE(checksumVerifies(sumWords(packet.first(20))));
    const auto udp = packet.subspan(20);
    EXPECT_EQ(readBe16(udp.data() + 4), udp.size());
    EXPECT_TRUE(checksumVerifies(sumWords(udp, pseudoHeader(a.address, b.address, 17, udp.size()))));

    builder.payload("x").udp(a, b, false);
    EXPECT_EQ(readBe16(builder.bytes().data() + 6), 0);
}

TEST(PacketBuilder, Ipv6TcpAndIcmpv6ChecksumsVerify)
{
    Endpoint a;
    Endpoint b;
    ASSERT_TRUE(IpAddress::parse("2001:db8::1", a.address));
    ASSERT_TRUE(IpAddress::parse("2001:db8::2", b.address));
    a.port = 5060;
    b.port = 5060;
    PacketBuilder builder;
    builder.payload("INVITE").tcp(a, b, 7, 9, 0x18).ip();
    const auto tcp = builder.bytes().subspan(40);
    EXPECT_EQ(builder.bytes()[6], 6);
    EXPECT_EQ(readBe16(builder.bytes().data() + 4), tcp.size());
    EXPECT_TRUE(checksumVerifies(sumWords(tcp, pseudoHeader(a.address, b.address, 6, tcp.size()))));

    builder.icmpError(b.address, a.address, 1, 4, 60);
    const auto icmp = builder.bytes().subspan(40);
    EXPECT_EQ(icmp.size(), 8u + 60u);
    EXPECT_TRUE(checksumVerifies(sumWords(icmp, pseudoHeader(b.address, a.address, 58, icmp.size()))));
}

TEST(PacketBuilder, SctpChecksumIsCrc32cLittleEndian)
{
    SctpChunkSpec chunk;
    chunk.userData = asBytes("MESSAGE sip:x SIP/2.0\r\n\r\n");
    PacketBuilder builder;
    builder.sctp({ IpAddress::v4(1, 2, 3, 4), 5060 }, { IpAddress::v4(1, 2, 3, 5), 5060 }, std::span(&chunk, 1));
    std::vector<std::uint8_t> packet = builder.toVector();
    ASSERT_EQ(packet.size() % 4, 0u);
    const std::uint32_t stored = readLe32(packet.data() + 8);
    std::fill(packet.begin() + 8, packet.begin() + 12, 0);
    EXPECT_EQ(PacketBuilder::crc32c(packet), stored);
}

TEST(PacketBuilder, FragmentsCoverTheDatagramExactly)
{
    PacketBuilder builder;
    builder.payload(std::string(1000, 'f'))
        .udp({ IpAddress::v4(1, 1, 1, 1), 1 }, { IpAddress::v4(2, 2, 2, 2), 2 })
        .ip();
    const auto datagram = builder.toVector();
    const auto fragments = PacketBuilder::fragmentIp(datagram, 300);
    ASSERT_EQ(fragments.size(), 4u); // 1008 bytes in 296-byte pieces
    std::vector<std::uint8_t> joined(datagram.begin(), datagram.begin() + 20);
    for (std::size_t i = 0; i < fragments.size(); ++i) {
        const auto& fragment = fragments[i];
        EXPECT_TRUE(checksumVerifies(sumWords(ByteView(fragment).first(20))));
        const std::uint16_t flags = readBe16(fragment.data() + 6);
        EXPECT_EQ((flags & 0x1FFF) * 8u, joined.size() - 20);
        EXPECT_EQ((flags & 0x2000) != 0, i + 1 < fragments.size());
        joined.insert(joined.end(), fragment.begin() + 20, fragment.end());
    }
    EXPECT_TRUE(std::equal(joined.begin() + 20, joined.end(), datagram.begin() + 20, datagram.end()));
}

TEST(PacketBuilder, ReuseKeepsTheBufferAndLinkTypeFollowsTheOutermostLayer)
{
    PacketBuilder builder;
    const Endpoint a { IpAddress::v4(1, 1, 1, 1), 1 };
    const Endpoint b { IpAddress::v4(2, 2, 2, 2), 2 };
    builder.payload(std::string(500, 'r')).udp(a, b).ip().ethernet({ 1, 2 });
    const auto* first = builder.bytes().data() + builder.size();
    builder.payload(std::string(400, 'r')).udp(a, b).ip().ethernet();
    EXPECT_EQ(builder.linkType(), 1u);
    // The same storage is reused: the content still ends inside the first packet's buffer.
    EXPECT_LE(builder.bytes().data() + builder.size(), first);
    EXPECT_EQ(builder.payload("x").udp(a, b).ip().linkType(), 101u);
    EXPECT_EQ(builder.sll2().linkType(), 276u);
}
