// SPDX-License-Identifier: Apache-2.0
#include "report/link_layer_rewriter.h"

#include "capture/raw_frame.h"
#include "net/link_decoder.h"

#include <cstring>

namespace sipladder::core {

namespace {

// The last four bytes of an IPv4 or IPv6 source or destination address, for made-up MAC addresses.
const std::uint8_t* addressTail(ByteView ip, bool destination)
{
    if ((ip[0] >> 4) == 4)
        return ip.data() + (destination ? 16 : 12);
    return ip.data() + (destination ? 36 : 20);
}

} // namespace

bool LinkLayerRewriter::canWrite(std::uint32_t linkType)
{
    switch (static_cast<LinkType>(linkType)) {
    case LinkType::Null:
    case LinkType::Ethernet:
    case LinkType::Ppp:
    case LinkType::Raw:
    case LinkType::Loop:
    case LinkType::LinuxSll:
    case LinkType::Ipv4:
    case LinkType::Ipv6:
    case LinkType::LinuxSll2:
        return true;
    }
    return false;
}

bool LinkLayerRewriter::rewrite(std::uint32_t fromLinkType, ByteView frame, std::uint32_t originalLength,
    std::uint32_t toLinkType, std::vector<std::uint8_t>& out, std::uint32_t& newOriginalLength)
{
    LinkLayer link;
    if (LinkDecoder::decode(fromLinkType, frame, link) != LinkStatus::Ip)
        return false;
    const ByteView ip = link.ipPacket;
    const bool v6 = (ip[0] >> 4) == 6;
    const std::size_t minimum = v6 ? 40 : 20;
    if (ip.size() < minimum)
        return false; // too short to name its addresses: nothing a SIP message came in
    const std::uint16_t etherType = v6 ? 0x86DD : 0x0800;

    std::uint8_t header[20] = {};
    std::size_t headerLength = 0;
    switch (static_cast<LinkType>(toLinkType)) {
    case LinkType::Ethernet:
        // Locally administered MACs made from the addresses, as the synthesised packets have.
        header[0] = 0x02;
        std::memcpy(header + 2, addressTail(ip, true), 4);
        header[6] = 0x02;
        std::memcpy(header + 8, addressTail(ip, false), 4);
        writeBe16(header + 12, etherType);
        headerLength = 14;
        break;
    case LinkType::Raw:
        break;
    case LinkType::Ipv4:
        if (v6)
            return false;
        break;
    case LinkType::Ipv6:
        if (!v6)
            return false;
        break;
    case LinkType::Null:
        // The capturing host's byte order, little-endian here; AF_INET6 as the BSDs number it.
        header[0] = v6 ? 24 : 2;
        headerLength = 4;
        break;
    case LinkType::Loop:
        writeBe32(header, v6 ? 24 : 2);
        headerLength = 4;
        break;
    case LinkType::Ppp:
        header[0] = 0xFF;
        header[1] = 0x03;
        writeBe16(header + 2, v6 ? 0x0057 : 0x0021);
        headerLength = 4;
        break;
    case LinkType::LinuxSll:
        // Packet type 0 (to us), ARPHRD_ETHER, no link-layer address, then the protocol.
        writeBe16(header + 2, 1);
        writeBe16(header + 14, etherType);
        headerLength = 16;
        break;
    case LinkType::LinuxSll2:
        writeBe16(header, etherType);
        writeBe16(header + 8, 1); // ARPHRD_ETHER
        headerLength = 20;
        break;
    default:
        return false;
    }

    out.resize(headerLength + ip.size());
    if (headerLength > 0)
        std::memcpy(out.data(), header, headerLength);
    std::memcpy(out.data() + headerLength, ip.data(), ip.size());
    // What the capture cut off (snap length) stays cut off; what the old link layer took is dropped.
    const std::uint64_t dropped = frame.size() - ip.size();
    const std::uint64_t wire = originalLength >= frame.size() ? originalLength : frame.size();
    newOriginalLength = static_cast<std::uint32_t>(wire - dropped + headerLength);
    return true;
}

} // namespace sipladder::core
