// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "net/encapsulation.h"
#include "util/bytes.h"

#include <cstdint>

namespace sipladder::core {

enum class LinkStatus : std::uint8_t {
    Ip, // LinkLayer::ipPacket starts at an IPv4 or IPv6 header
    NotIp, // a well-formed frame carrying something else (ARP, LLC, LCP, MPLS pseudowire...)
    Truncated, // the capture ends inside a link header
    UnsupportedLinkType,
};

// What a link layer carries; decoders only add to `encapsulation`, so tunnels can accumulate bits.
struct LinkLayer {
    ByteView ipPacket;
    EncapsulationSet encapsulation;
};

// Finds the IP packet inside a frame for each supported pcap LINKTYPE, following VLAN/QinQ tags,
// MPLS label stacks and PPPoE sessions. Stateless; never reads outside `frame`.
class LinkDecoder {
public:
    static LinkStatus decode(std::uint32_t linkType, ByteView frame, LinkLayer& out);

    // An Ethernet II frame (also used for Ethernet inside GRE, ERSPAN and VXLAN).
    static LinkStatus decodeEthernet(ByteView frame, LinkLayer& out);
    // `payload` announced by `etherType` (from Ethernet, SLL, SLL2 or GRE): IP, VLAN tags, MPLS, PPPoE.
    static LinkStatus decodeEtherType(std::uint16_t etherType, ByteView payload, LinkLayer& out);
    // A PPP frame, with or without the FF 03 address/control bytes and protocol-field compression.
    static LinkStatus decodePpp(ByteView frame, LinkLayer& out);
};

} // namespace sipladder::core
