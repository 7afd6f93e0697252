// SPDX-License-Identifier: Apache-2.0
#include "net/gre_decoder.h"

namespace sipladder::core {

namespace {

constexpr std::uint8_t kFlagChecksum = 0x80;
constexpr std::uint8_t kFlagRouting = 0x40;
constexpr std::uint8_t kFlagKey = 0x20;
constexpr std::uint8_t kFlagSequence = 0x10;
constexpr std::uint8_t kFlagAcknowledgment = 0x80; // second byte, enhanced GRE only

constexpr std::uint16_t kProtocolTransparentEthernet = 0x6558;
constexpr std::uint16_t kProtocolErspanTypeII = 0x88BE;
constexpr std::uint16_t kProtocolErspanTypeIII = 0x22EB;
constexpr std::uint16_t kProtocolPpp = 0x880B;

constexpr std::size_t kErspanTypeIIHeader = 8;
constexpr std::size_t kErspanTypeIIIHeader = 12;
constexpr std::size_t kErspanPlatformSubHeader = 8;

bool decodeVersion0(ByteView packet, GreTunnel& out)
{
    const std::uint8_t flags = packet[0];
    // Source routing (RFC 1701) is deprecated and not seen in mirrored traffic.
    if ((flags & kFlagRouting) != 0)
        return false;
    std::size_t offset = 4;
    if ((flags & kFlagChecksum) != 0)
        offset += 4;
    if ((flags & kFlagKey) != 0)
        offset += 4;
    const bool hasSequence = (flags & kFlagSequence) != 0;
    if (hasSequence)
        offset += 4;
    if (packet.size() < offset)
        return false;
    out.etherType = readBe16(packet.data() + 2);
    auto payload = packet.subspan(offset);

    switch (out.etherType) {
    case kProtocolTransparentEthernet:
        out.encapsulation.add(Encapsulation::EthernetOverGre);
        out.content = GreContent::Ethernet;
        out.payload = payload;
        return true;
    case kProtocolErspanTypeII:
        out.encapsulation.add(Encapsulation::Erspan);
        // Type I has no sequence number and no ERSPAN header; type II sets S and has 8 bytes.
        if (hasSequence) {
            if (payload.size() < kErspanTypeIIHeader)
                return false;
            payload = payload.subspan(kErspanTypeIIHeader);
        }
        out.content = GreContent::Ethernet;
        out.payload = payload;
        return true;
    case kProtocolErspanTypeIII: {
        out.encapsulation.add(Encapsulation::Erspan);
        if (payload.size() < kErspanTypeIIIHeader)
            return false;
        std::size_t headerLength = kErspanTypeIIIHeader;
        if ((payload[11] & 0x01) != 0)
            headerLength += kErspanPlatformSubHeader;
        if (payload.size() < headerLength)
            return false;
        out.content = GreContent::Ethernet;
        out.payload = payload.subspan(headerLength);
        return true;
    }
    default:
        out.content = GreContent::EtherType;
        out.payload = payload;
        return true;
    }
}

bool decodeEnhanced(ByteView packet, GreTunnel& out)
{
    const std::uint8_t flags = packet[0];
    // RFC 2637: the key (payload length + call id) is mandatory, checksum and routing are not used.
    if ((flags & kFlagKey) == 0 || (flags & (kFlagChecksum | kFlagRouting)) != 0)
        return false;
    out.etherType = readBe16(packet.data() + 2);
    std::size_t offset = 8;
    if ((flags & kFlagSequence) != 0)
        offset += 4;
    if ((packet[1] & kFlagAcknowledgment) != 0)
        offset += 4;
    if (packet.size() < offset)
        return false;
    const std::size_t payloadLength = readBe16(packet.data() + 4);
    auto payload = packet.subspan(offset);
    if (payloadLength < payload.size())
        payload = payload.first(payloadLength);
    if (out.etherType != kProtocolPpp || payloadLength == 0) {
        out.content = GreContent::Nothing;
        return true;
    }
    out.content = GreContent::Ppp;
    out.payload = payload;
    return true;
}

} // namespace

bool GreDecoder::decode(ByteView packet, GreTunnel& out)
{
    if (packet.size() < 4)
        return false;
    out.encapsulation.add(Encapsulation::Gre);
    out.content = GreContent::Nothing;
    out.payload = {};
    switch (packet[1] & 0x07) {
    case 0:
        return decodeVersion0(packet, out);
    case 1:
        return decodeEnhanced(packet, out);
    default:
        return false;
    }
}

} // namespace sipladder::core
