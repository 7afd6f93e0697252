// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "net/endpoint.h"
#include "util/bytes.h"

#include <cstdint>

namespace sipladder::core {

enum class IpProtocol : std::uint8_t {
    HopByHop = 0,
    Icmp = 1,
    IpInIp = 4,
    Tcp = 6,
    Udp = 17,
    Ipv6InIp = 41,
    Ipv6Routing = 43,
    Ipv6Fragment = 44,
    Gre = 47,
    Esp = 50,
    Ah = 51,
    Icmpv6 = 58,
    Ipv6NoNext = 59,
    Ipv6DestinationOptions = 60,
    Sctp = 132,
};

enum class IpStatus : std::uint8_t {
    Ok,
    NotIp, // the version nibble is neither 4 nor 6
    Truncated, // the capture ends inside the IP header or its extension headers
    Malformed, // header fields contradict each other
    Opaque, // ESP or "no next header": nothing readable follows
};

// One IP packet as far as its headers tell: for a fragment, `payload` is the fragment's data and
// `protocol` the upper-layer protocol of the whole datagram.
struct IpPacket {
    IpAddress source;
    IpAddress destination;
    std::uint8_t protocol = 0; // after IPv6 extension headers (and an IPv4/IPv6 AH)
    bool isFragment = false;
    bool moreFragments = false;
    bool truncated = false; // the capture holds less than the header's length says
    std::uint32_t fragmentOffset = 0; // in bytes
    std::uint32_t identification = 0; // IPv4 16-bit id or IPv6 fragment header id
    ByteView payload;

    bool isV6() const { return source.isV6; }
};

// Decodes IPv4 (with options) and IPv6 (with its extension header chain). Never reads past the
// capture: when the header's length exceeds what was captured, the payload is the captured part.
class IpDecoder {
public:
    static IpStatus decode(ByteView packet, IpPacket& out);

    // Walks IPv6 extension headers from `protocol` over `payload`, leaving both at the upper layer.
    // Used again after reassembly, for the headers that followed a fragment header. A fragment
    // header found on the way is returned through the fragment fields of `fragment` when not null.
    static IpStatus skipExtensionHeaders(std::uint8_t& protocol, ByteView& payload, IpPacket* fragment = nullptr);
};

} // namespace sipladder::core
