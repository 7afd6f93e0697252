// SPDX-License-Identifier: Apache-2.0
#include "net/ip_decoder.h"

#include <cstring>

namespace sipladder::core {

namespace {

constexpr std::size_t kIpv4MinHeader = 20;
constexpr std::size_t kIpv6Header = 40;
// A chain longer than this is not a real packet; stopping bounds the work on crafted input.
constexpr int kMaxExtensionHeaders = 16;

constexpr std::uint8_t kMobilityHeader = 135;
constexpr std::uint8_t kHostIdentityProtocol = 139;
constexpr std::uint8_t kShim6 = 140;

// Fills the address in place: building a temporary and copying it costs a store-forwarding stall
// on this per-packet path.
void setAddress(IpAddress& address, const std::uint8_t* bytes, bool isV6)
{
    if (isV6) {
        std::memcpy(address.bytes.data(), bytes, 16);
    } else {
        address.bytes.fill(0);
        std::memcpy(address.bytes.data(), bytes, 4);
    }
    address.isV6 = isV6;
}

IpStatus skipAuthenticationHeader(std::uint8_t& protocol, ByteView& payload)
{
    if (payload.size() < 2)
        return IpStatus::Truncated;
    const std::size_t length = (std::size_t(payload[1]) + 2) * 4;
    if (payload.size() < length)
        return IpStatus::Truncated;
    protocol = payload[0];
    payload = payload.subspan(length);
    return IpStatus::Ok;
}

IpStatus decodeV4(ByteView packet, IpPacket& out)
{
    const auto* p = packet.data();
    const std::size_t headerLength = std::size_t(p[0] & 0x0F) * 4;
    if (headerLength < kIpv4MinHeader)
        return IpStatus::Malformed;
    if (packet.size() < headerLength)
        return IpStatus::Truncated;
    std::size_t totalLength = readBe16(p + 2);
    // Zero is what TCP segmentation offload leaves in captures taken on the sending host.
    if (totalLength == 0)
        totalLength = packet.size();
    if (totalLength < headerLength)
        return IpStatus::Malformed;
    out.truncated = totalLength > packet.size();
    const std::size_t end = out.truncated ? packet.size() : totalLength;

    setAddress(out.source, p + 12, false);
    setAddress(out.destination, p + 16, false);
    out.protocol = p[9];
    out.identification = readBe16(p + 4);
    const std::uint16_t flagsAndOffset = readBe16(p + 6);
    out.moreFragments = (flagsAndOffset & 0x2000) != 0;
    out.fragmentOffset = std::uint32_t(flagsAndOffset & 0x1FFF) * 8;
    out.isFragment = out.moreFragments || out.fragmentOffset != 0;
    out.payload = packet.subspan(headerLength, end - headerLength);
    if (!out.isFragment && out.protocol == static_cast<std::uint8_t>(IpProtocol::Ah))
        return skipAuthenticationHeader(out.protocol, out.payload);
    return IpStatus::Ok;
}

IpStatus decodeV6(ByteView packet, IpPacket& out)
{
    if (packet.size() < kIpv6Header)
        return IpStatus::Truncated;
    const auto* p = packet.data();
    std::size_t payloadLength = readBe16(p + 4);
    // Zero: a jumbogram, or segmentation offload; either way the capture tells the length.
    if (payloadLength == 0)
        payloadLength = packet.size() - kIpv6Header;
    out.truncated = kIpv6Header + payloadLength > packet.size();
    const std::size_t end = out.truncated ? packet.size() : kIpv6Header + payloadLength;

    setAddress(out.source, p + 8, true);
    setAddress(out.destination, p + 24, true);
    out.protocol = p[6];
    out.isFragment = false;
    out.moreFragments = false;
    out.fragmentOffset = 0;
    out.identification = 0;
    out.payload = packet.subspan(kIpv6Header, end - kIpv6Header);
    return IpDecoder::skipExtensionHeaders(out.protocol, out.payload, &out);
}

} // namespace

IpStatus IpDecoder::decode(ByteView packet, IpPacket& out)
{
    if (packet.empty())
        return IpStatus::Truncated;
    switch (packet[0] >> 4) {
    case 4:
        if (packet.size() < kIpv4MinHeader)
            return IpStatus::Truncated;
        return decodeV4(packet, out);
    case 6:
        return decodeV6(packet, out);
    default:
        return IpStatus::NotIp;
    }
}

IpStatus IpDecoder::skipExtensionHeaders(std::uint8_t& protocol, ByteView& payload, IpPacket* fragment)
{
    for (int count = 0; count < kMaxExtensionHeaders; ++count) {
        switch (protocol) {
        case static_cast<std::uint8_t>(IpProtocol::HopByHop):
        case static_cast<std::uint8_t>(IpProtocol::Ipv6Routing):
        case static_cast<std::uint8_t>(IpProtocol::Ipv6DestinationOptions):
        case kMobilityHeader:
        case kHostIdentityProtocol:
        case kShim6: {
            if (payload.size() < 2)
                return IpStatus::Truncated;
            const std::size_t length = (std::size_t(payload[1]) + 1) * 8;
            if (payload.size() < length)
                return IpStatus::Truncated;
            protocol = payload[0];
            payload = payload.subspan(length);
            break;
        }
        case static_cast<std::uint8_t>(IpProtocol::Ah): {
            const auto status = skipAuthenticationHeader(protocol, payload);
            if (status != IpStatus::Ok)
                return status;
            break;
        }
        case static_cast<std::uint8_t>(IpProtocol::Ipv6Fragment): {
            if (payload.size() < 8)
                return IpStatus::Truncated;
            const std::uint16_t offsetAndFlags = readBe16(payload.data() + 2);
            const std::uint32_t offset = std::uint32_t(offsetAndFlags >> 3) * 8;
            const bool more = (offsetAndFlags & 0x0001) != 0;
            protocol = payload[0];
            const std::uint32_t identification = readBe32(payload.data() + 4);
            payload = payload.subspan(8);
            // An "atomic fragment" (offset 0, no more) is a whole datagram: keep walking.
            if (offset != 0 || more) {
                if (fragment == nullptr)
                    return IpStatus::Malformed; // a second fragment header inside a reassembled datagram
                fragment->isFragment = true;
                fragment->moreFragments = more;
                fragment->fragmentOffset = offset;
                fragment->identification = identification;
                // The headers after the fragment header belong to the fragmentable part and are
                // only complete once the datagram is; they are walked after reassembly.
                return IpStatus::Ok;
            }
            break;
        }
        case static_cast<std::uint8_t>(IpProtocol::Esp):
        case static_cast<std::uint8_t>(IpProtocol::Ipv6NoNext):
            return IpStatus::Opaque;
        default:
            return IpStatus::Ok;
        }
    }
    return IpStatus::Malformed;
}

} // namespace sipladder::core
