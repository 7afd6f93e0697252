// SPDX-License-Identifier: Apache-2.0
#include "net/icmp_decoder.h"

#include "net/ip_decoder.h"
#include "net/sctp_decoder.h"
#include "net/tcp_decoder.h"
#include "net/udp_decoder.h"
#include "sip/sip_start_line.h"

#include <algorithm>
#include <cstring>
#include <string_view>

namespace sipladder::core {

namespace {

constexpr std::size_t kIcmpHeader = 8;

bool isErrorType(std::uint8_t type, bool isV6)
{
    if (isV6)
        return type >= 1 && type <= 4;
    return type == 3 || type == 4 || type == 5 || type == 11 || type == 12;
}

bool isTokenChar(std::uint8_t c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
        || c == '!' || c == '%' || c == '*' || c == '_' || c == '+' || c == '`' || c == '\'' || c == '~';
}

bool startsWithNoCase(ByteView bytes, std::string_view prefix)
{
    if (bytes.size() < prefix.size())
        return false;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        auto c = static_cast<char>(bytes[i]);
        if (c >= 'a' && c <= 'z')
            c = static_cast<char>(c - 'a' + 'A');
        if (c != prefix[i])
            return false;
    }
    return true;
}

} // namespace

bool IcmpDecoder::decodeError(ByteView message, bool isV6, IcmpErrorEvent& out)
{
    if (message.size() < kIcmpHeader || !isErrorType(message[0], isV6))
        return false;
    out.isV6 = isV6;
    out.type = message[0];
    out.code = message[1];

    IpPacket quoted;
    const auto status = IpDecoder::decode(message.subspan(kIcmpHeader), quoted);
    // A quote cut inside the IPv6 extension headers is reported as truncated: nothing to use then.
    if (status != IpStatus::Ok || quoted.fragmentOffset != 0)
        return false;
    out.quotedSource.address = quoted.source;
    out.quotedDestination.address = quoted.destination;

    switch (quoted.protocol) {
    case static_cast<std::uint8_t>(IpProtocol::Udp): {
        UdpHeader udp;
        if (!UdpDecoder::decode(quoted.payload, udp))
            return false;
        out.quotedTransport = Transport::Udp;
        out.quotedSource.port = udp.sourcePort;
        out.quotedDestination.port = udp.destinationPort;
        out.quotedPayload = udp.payload;
        return true;
    }
    case static_cast<std::uint8_t>(IpProtocol::Tcp): {
        TcpHeader tcp;
        if (!TcpDecoder::decode(quoted.payload, tcp))
            return false;
        out.quotedTransport = Transport::Tcp;
        out.quotedSource.port = tcp.sourcePort;
        out.quotedDestination.port = tcp.destinationPort;
        out.quotedPayload = tcp.payload;
        return true;
    }
    case static_cast<std::uint8_t>(IpProtocol::Sctp): {
        SctpHeader sctp;
        if (!SctpDecoder::decodeHeader(quoted.payload, sctp))
            return false;
        out.quotedTransport = Transport::Sctp;
        out.quotedSource.port = sctp.sourcePort;
        out.quotedDestination.port = sctp.destinationPort;
        SctpDataChunk chunk;
        auto chunks = sctp.chunks;
        out.quotedPayload = SctpDecoder::nextDataChunk(chunks, chunk) && chunk.beginning ? chunk.userData : ByteView {};
        return true;
    }
    default:
        return false;
    }
}

bool IcmpDecoder::quotedPayloadLooksLikeSip(ByteView payload)
{
    std::size_t offset = 0;
    while (offset < payload.size() && (payload[offset] == '\r' || payload[offset] == '\n'))
        ++offset;
    payload = payload.subspan(offset);
    if (looksLikeSipStart(payload))
        return true;
    // Only a quote that ends inside its first line gets the benefit of the doubt.
    if (std::memchr(payload.data(), '\n', payload.size()) != nullptr)
        return false;
    if (startsWithNoCase(payload, "SIP/2.0 "))
        return payload.size() < 9 || (payload[8] >= '1' && payload[8] <= '6');
    std::size_t i = 0;
    while (i < payload.size() && isTokenChar(payload[i]))
        ++i;
    if (i == 0 || i == payload.size() || payload[i] != ' ')
        return false;
    // METHOD SP scheme ":" ... with a URI scheme SIP uses, so that "GET /" or random text is not taken.
    const auto uri = payload.subspan(i + 1);
    return startsWithNoCase(uri, "SIP:") || startsWithNoCase(uri, "SIPS:") || startsWithNoCase(uri, "TEL:")
        || startsWithNoCase(uri, "URN:");
}

} // namespace sipladder::core
