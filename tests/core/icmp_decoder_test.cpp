// SPDX-License-Identifier: Apache-2.0
#include "net/icmp_decoder.h"

#include "net/ip_decoder.h"
#include "support/packet_builder.h"

#include <gtest/gtest.h>

#include <string>

using namespace sipladder::core;
using sipladder::testing::PacketBuilder;
using sipladder::testing::SctpChunkSpec;

namespace {

const Endpoint kAlice { IpAddress::v4(192, 0, 2, 1), 5062 };
const Endpoint kBob { IpAddress::v4(198, 51, 100, 7), 5060 };
const std::string kInvite = "INVITE sip:bob@example.test SIP/2.0\r\nCall-ID: q\r\nContent-Length: 0\r\n\r\n";

// The ICMP message inside the builder's outer IP header.
ByteView icmpPart(const PacketBuilder& builder)
{
    IpPacket outer;
    EXPECT_EQ(IpDecoder::decode(builder.bytes(), outer), IpStatus::Ok);
    return outer.payload;
}

Endpoint v6(const char* text, std::uint16_t port)
{
    IpAddress address;
    EXPECT_TRUE(IpAddress::parse(text, address));
    return { address, port };
}

} // namespace

TEST(IcmpDecoder, PortUnreachableQuotingUdp)
{
    PacketBuilder builder;
    builder.payload(kInvite).udp(kAlice, kBob).ip().icmpError(kBob.address, kAlice.address, 3, 3);
    IcmpErrorEvent event;
    ASSERT_TRUE(IcmpDecoder::decodeError(icmpPart(builder), false, event));
    EXPECT_FALSE(event.isV6);
    EXPECT_EQ(event.type, 3);
    EXPECT_EQ(event.code, 3);
    EXPECT_EQ(event.quotedSource, kAlice);
    EXPECT_EQ(event.quotedDestination, kBob);
    EXPECT_EQ(event.quotedTransport, Transport::Udp);
    EXPECT_EQ(asText(event.quotedPayload), kInvite);
    EXPECT_TRUE(IcmpDecoder::quotedPayloadLooksLikeSip(event.quotedPayload));
}

TEST(IcmpDecoder, EveryErrorTypeAndNothingElse)
{
    PacketBuilder builder;
    for (std::uint8_t type = 0; type < 20; ++type) {
        builder.payload(kInvite).udp(kAlice, kBob).ip().icmpError(kBob.address, kAlice.address, type, 0);
        IcmpErrorEvent event;
        const bool isError = type == 3 || type == 4 || type == 5 || type == 11 || type == 12;
        EXPECT_EQ(IcmpDecoder::decodeError(icmpPart(builder), false, event), isError) << int(type);
    }
    for (std::uint8_t type : { 1, 2, 3, 4, 128, 129, 135 }) {
        builder.payload(kInvite)
            .udp(v6("2001:db8::1", 5060), v6("2001:db8::2", 5060))
            .ip()
            .icmpError(v6("2001:db8::2", 0).address, v6("2001:db8::1", 0).address, type, 0);
        IcmpErrorEvent event;
        EXPECT_EQ(IcmpDecoder::decodeError(icmpPart(builder), true, event), type <= 4) << int(type);
        if (type <= 4) {
            EXPECT_TRUE(event.isV6);
            EXPECT_EQ(event.quotedDestination.port, 5060);
        }
    }
}

TEST(IcmpDecoder, TruncatedQuotesStillShowTheirStartLine)
{
    PacketBuilder builder;
    // RFC 792 routers quote the IP header and 8 bytes only: ports but no payload.
    builder.payload(kInvite).udp(kAlice, kBob).ip().icmpError(kBob.address, kAlice.address, 11, 0, 28);
    IcmpErrorEvent event;
    ASSERT_TRUE(IcmpDecoder::decodeError(icmpPart(builder), false, event));
    EXPECT_EQ(event.quotedDestination, kBob);
    EXPECT_TRUE(event.quotedPayload.empty());
    EXPECT_FALSE(IcmpDecoder::quotedPayloadLooksLikeSip(event.quotedPayload));

    // A quote cut inside the request line is still recognised by its beginning.
    builder.payload(kInvite).udp(kAlice, kBob).ip().icmpError(kBob.address, kAlice.address, 3, 3, 28 + 14);
    ASSERT_TRUE(IcmpDecoder::decodeError(icmpPart(builder), false, event));
    EXPECT_EQ(asText(event.quotedPayload), "INVITE sip:bob");
    EXPECT_TRUE(IcmpDecoder::quotedPayloadLooksLikeSip(event.quotedPayload));

    // The quoted IP header itself cut: not decodable.
    builder.payload(kInvite).udp(kAlice, kBob).ip().icmpError(kBob.address, kAlice.address, 3, 3, 24);
    EXPECT_FALSE(IcmpDecoder::decodeError(icmpPart(builder), false, event));
}

TEST(IcmpDecoder, QuotedTcpAndSctp)
{
    PacketBuilder builder;
    builder.payload(kInvite).tcp(kAlice, kBob, 1, 1, 0x18).ip().icmpError(kBob.address, kAlice.address, 3, 1);
    IcmpErrorEvent event;
    ASSERT_TRUE(IcmpDecoder::decodeError(icmpPart(builder), false, event));
    EXPECT_EQ(event.quotedTransport, Transport::Tcp);
    EXPECT_EQ(asText(event.quotedPayload), kInvite);

    SctpChunkSpec chunk;
    chunk.userData = asBytes(kInvite);
    builder.sctp(kAlice, kBob, std::span(&chunk, 1)).ip().icmpError(kBob.address, kAlice.address, 3, 3);
    ASSERT_TRUE(IcmpDecoder::decodeError(icmpPart(builder), false, event));
    EXPECT_EQ(event.quotedTransport, Transport::Sctp);
    EXPECT_EQ(asText(event.quotedPayload), kInvite);
}

TEST(IcmpDecoder, QuotedPayloadHeuristic)
{
    EXPECT_TRUE(IcmpDecoder::quotedPayloadLooksLikeSip(asBytes("SIP/2.0 180 Ringing\r\n")));
    EXPECT_TRUE(IcmpDecoder::quotedPayloadLooksLikeSip(asBytes("SIP/2.0 18")));
    EXPECT_TRUE(IcmpDecoder::quotedPayloadLooksLikeSip(asBytes("\r\nBYE sips:al")));
    EXPECT_FALSE(IcmpDecoder::quotedPayloadLooksLikeSip(asBytes("GET /index.html HTTP/1.1")));
    EXPECT_FALSE(IcmpDecoder::quotedPayloadLooksLikeSip(asBytes("SIP/2.0 999")));
    EXPECT_FALSE(IcmpDecoder::quotedPayloadLooksLikeSip(asBytes("INVITE http://x\r\nmore")));
    EXPECT_FALSE(IcmpDecoder::quotedPayloadLooksLikeSip(asBytes("")));
}
