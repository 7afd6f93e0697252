// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "util/bytes.h"

#include <cstdint>
#include <vector>

namespace sipladder::core {

// Gives a captured frame another link layer, keeping its IP packet byte for byte: a pcap file has
// one link type, so a pcap export of frames from captures with different link types (Ethernet
// and Linux cooked, say) writes each frame under the export's link type. VLAN tags, MPLS labels,
// PPPoE and the like are link layer too and are left behind.
class LinkLayerRewriter {
public:
    // Whether frames can be written under this link type (a pcap LINKTYPE_* value): Ethernet, raw
    // IP, IPv4, IPv6, BSD loopback (NULL and LOOP), Linux cooked (SLL, SLL2) and PPP.
    static bool canWrite(std::uint32_t linkType);

    // The frame's IP packet under `toLinkType`, into `out`, with the length it had on the wire
    // adjusted; false when the frame carries no IP packet or its family does not fit (IPv6 under
    // LINKTYPE_IPV4).
    static bool rewrite(std::uint32_t fromLinkType, ByteView frame, std::uint32_t originalLength,
        std::uint32_t toLinkType, std::vector<std::uint8_t>& out, std::uint32_t& newOriginalLength);
};

} // namespace sipladder::core
