// SPDX-License-Identifier: Apache-2.0
#include "net/link_decoder.h"

#include "capture/raw_frame.h"

namespace sipladder::core {

namespace {

constexpr std::uint16_t kEtherTypeIpv4 = 0x0800;
constexpr std::uint16_t kEtherTypeIpv6 = 0x86DD;
constexpr std::uint16_t kEtherTypeVlan = 0x8100;
constexpr std::uint16_t kEtherTypeServiceTag = 0x88A8;
constexpr std::uint16_t kEtherTypeVlanOld1 = 0x9100;
constexpr std::uint16_t kEtherTypeVlanOld2 = 0x9200;
constexpr std::uint16_t kEtherTypeMplsUnicast = 0x8847;
constexpr std::uint16_t kEtherTypeMplsMulticast = 0x8848;
constexpr std::uint16_t kEtherTypePppoeSession = 0x8864;

constexpr std::uint16_t kPppIpv4 = 0x0021;
constexpr std::uint16_t kPppIpv6 = 0x0057;

constexpr std::uint32_t kLinkTypeDltRaw1 = 12; // DLT_RAW on most BSDs, sometimes written to files as is
constexpr std::uint32_t kLinkTypeDltRaw2 = 14; // DLT_RAW on OpenBSD
constexpr std::uint32_t kLinkTypePppHdlc = 50;

constexpr std::size_t kEthernetHeader = 14;
constexpr std::size_t kSllHeader = 16;
constexpr std::size_t kSll2Header = 20;
constexpr std::size_t kPppoeHeader = 6;

bool isVlanTag(std::uint16_t etherType)
{
    return etherType == kEtherTypeVlan || etherType == kEtherTypeServiceTag || etherType == kEtherTypeVlanOld1
        || etherType == kEtherTypeVlanOld2;
}

std::uint8_t versionNibble(ByteView packet)
{
    return packet.empty() ? 0 : static_cast<std::uint8_t>(packet[0] >> 4);
}

LinkStatus ipByVersion(ByteView packet, LinkLayer& out)
{
    const auto version = versionNibble(packet);
    if (version != 4 && version != 6)
        return packet.empty() ? LinkStatus::Truncated : LinkStatus::NotIp;
    out.ipPacket = packet;
    return LinkStatus::Ip;
}

// BSD loopback address families: AF_INET is 2 everywhere; AF_INET6 differs by OS
// (Linux 10, Winsock 23, NetBSD/OpenBSD 24, FreeBSD 28, macOS 30).
LinkStatus decodeLoopback(std::uint32_t family, ByteView payload, LinkLayer& out)
{
    out.encapsulation.add(Encapsulation::Loopback);
    // The header is in the capturing host's byte order; a value above 16 bits means the other order.
    if ((family & 0xFFFF0000u) != 0)
        family = ((family & 0xFFu) << 24) | ((family & 0xFF00u) << 8) | ((family >> 8) & 0xFF00u) | (family >> 24);
    const auto version = versionNibble(payload);
    switch (family) {
    case 2:
        return version == 4 ? ipByVersion(payload, out) : LinkStatus::NotIp;
    case 10:
    case 23:
    case 24:
    case 28:
    case 30:
        return version == 6 ? ipByVersion(payload, out) : LinkStatus::NotIp;
    default:
        return LinkStatus::NotIp;
    }
}

LinkStatus decodePppProtocol(ByteView frame, LinkLayer& out)
{
    if (frame.empty())
        return LinkStatus::Truncated;
    std::uint16_t protocol = 0;
    std::size_t headerLength = 0;
    // Protocol-field compression: a protocol number whose first byte is odd was sent as one byte.
    if ((frame[0] & 0x01) != 0) {
        protocol = frame[0];
        headerLength = 1;
    } else {
        if (frame.size() < 2)
            return LinkStatus::Truncated;
        protocol = readBe16(frame.data());
        headerLength = 2;
    }
    if (protocol != kPppIpv4 && protocol != kPppIpv6)
        return LinkStatus::NotIp;
    return ipByVersion(frame.subspan(headerLength), out);
}

LinkStatus decodeMpls(ByteView payload, LinkLayer& out)
{
    out.encapsulation.add(Encapsulation::Mpls);
    std::size_t offset = 0;
    for (;;) {
        if (payload.size() < offset + 4)
            return LinkStatus::Truncated;
        const bool bottomOfStack = (payload[offset + 2] & 0x01) != 0;
        offset += 4;
        if (bottomOfStack)
            break;
    }
    // No protocol field follows the stack: guess IPv4/IPv6 by the version nibble, as routers do.
    const auto inner = payload.subspan(offset);
    const auto version = versionNibble(inner);
    if (version == 4 || version == 6)
        return ipByVersion(inner, out);
    return inner.empty() ? LinkStatus::Truncated : LinkStatus::NotIp;
}

LinkStatus decodePppoeSession(ByteView payload, LinkLayer& out)
{
    if (payload.size() < kPppoeHeader)
        return LinkStatus::Truncated;
    if (payload[0] != 0x11 || payload[1] != 0x00)
        return LinkStatus::NotIp;
    out.encapsulation.add(Encapsulation::Pppoe);
    out.encapsulation.add(Encapsulation::Ppp);
    std::size_t length = readBe16(payload.data() + 4);
    auto session = payload.subspan(kPppoeHeader);
    if (length < session.size())
        session = session.first(length); // drop Ethernet padding
    return decodePppProtocol(session, out);
}

} // namespace

LinkStatus LinkDecoder::decode(std::uint32_t linkType, ByteView frame, LinkLayer& out)
{
    switch (linkType) {
    case static_cast<std::uint32_t>(LinkType::Ethernet):
        return decodeEthernet(frame, out);
    case static_cast<std::uint32_t>(LinkType::LinuxSll):
        if (frame.size() < kSllHeader)
            return LinkStatus::Truncated;
        out.encapsulation.add(Encapsulation::LinuxCooked);
        return decodeEtherType(readBe16(frame.data() + 14), frame.subspan(kSllHeader), out);
    case static_cast<std::uint32_t>(LinkType::LinuxSll2):
        if (frame.size() < kSll2Header)
            return LinkStatus::Truncated;
        out.encapsulation.add(Encapsulation::LinuxCooked);
        return decodeEtherType(readBe16(frame.data()), frame.subspan(kSll2Header), out);
    case static_cast<std::uint32_t>(LinkType::Null):
        if (frame.size() < 4)
            return LinkStatus::Truncated;
        return decodeLoopback(readLe32(frame.data()), frame.subspan(4), out);
    case static_cast<std::uint32_t>(LinkType::Loop):
        if (frame.size() < 4)
            return LinkStatus::Truncated;
        return decodeLoopback(readBe32(frame.data()), frame.subspan(4), out);
    case static_cast<std::uint32_t>(LinkType::Raw):
    case kLinkTypeDltRaw1:
    case kLinkTypeDltRaw2:
    case static_cast<std::uint32_t>(LinkType::Ipv4):
    case static_cast<std::uint32_t>(LinkType::Ipv6):
        return ipByVersion(frame, out);
    case static_cast<std::uint32_t>(LinkType::Ppp):
    case kLinkTypePppHdlc:
        return decodePpp(frame, out);
    default:
        return LinkStatus::UnsupportedLinkType;
    }
}

LinkStatus LinkDecoder::decodeEthernet(ByteView frame, LinkLayer& out)
{
    if (frame.size() < kEthernetHeader)
        return LinkStatus::Truncated;
    return decodeEtherType(readBe16(frame.data() + 12), frame.subspan(kEthernetHeader), out);
}

LinkStatus LinkDecoder::decodeEtherType(std::uint16_t etherType, ByteView payload, LinkLayer& out)
{
    int tags = 0;
    while (isVlanTag(etherType)) {
        if (payload.size() < 4)
            return LinkStatus::Truncated;
        // Two or more stacked tags are QinQ whatever their TPIDs (0x88A8 is often replaced by 0x8100 or 0x9100).
        if (++tags > 1)
            out.encapsulation.add(Encapsulation::QinQ);
        out.encapsulation.add(Encapsulation::Vlan);
        etherType = readBe16(payload.data() + 2);
        payload = payload.subspan(4);
    }
    switch (etherType) {
    case kEtherTypeIpv4:
    case kEtherTypeIpv6:
        return ipByVersion(payload, out);
    case kEtherTypeMplsUnicast:
    case kEtherTypeMplsMulticast:
        return decodeMpls(payload, out);
    case kEtherTypePppoeSession:
        return decodePppoeSession(payload, out);
    default:
        // Includes 802.3 length fields (< 0x0600, LLC/SNAP follows), ARP, LLDP and PPPoE discovery.
        return LinkStatus::NotIp;
    }
}

LinkStatus LinkDecoder::decodePpp(ByteView frame, LinkLayer& out)
{
    out.encapsulation.add(Encapsulation::Ppp);
    if (frame.size() >= 2 && frame[0] == 0xFF && frame[1] == 0x03)
        frame = frame.subspan(2);
    return decodePppProtocol(frame, out);
}

} // namespace sipladder::core
