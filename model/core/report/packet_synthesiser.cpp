// SPDX-License-Identifier: Apache-2.0
#include "report/packet_synthesiser.h"

#include "util/bytes.h"

#include <algorithm>
#include <cstring>

namespace sipladder::core {

namespace {

constexpr std::size_t kEthernetHeader = 14;
constexpr std::size_t kIpv4Header = 20;
constexpr std::size_t kIpv6Header = 40;
constexpr std::size_t kUdpHeader = 8;
constexpr std::size_t kTcpHeader = 20;
constexpr std::uint8_t kProtocolTcp = 6;
constexpr std::uint8_t kProtocolUdp = 17;

std::uint32_t sumWords(const std::uint8_t* data, std::size_t length, std::uint32_t sum = 0)
{
    for (std::size_t i = 0; i + 1 < length; i += 2)
        sum += static_cast<std::uint32_t>((data[i] << 8) | data[i + 1]);
    if (length % 2 != 0)
        sum += static_cast<std::uint32_t>(data[length - 1] << 8);
    return sum;
}

std::uint16_t foldChecksum(std::uint32_t sum)
{
    while (sum >> 16)
        sum = (sum & 0xFFFF) + (sum >> 16);
    return static_cast<std::uint16_t>(~sum & 0xFFFF);
}

// IPv4 addresses of a mixed pair are written IPv4-mapped (::ffff:a.b.c.d).
IpAddress asIpv6(const IpAddress& address)
{
    if (address.isV6)
        return address;
    std::uint8_t bytes[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, address.bytes[0], address.bytes[1],
        address.bytes[2], address.bytes[3]};
    return IpAddress::fromV6Bytes(bytes);
}

} // namespace

void PacketSynthesiser::build(const Endpoint& from, const Endpoint& to, bool tcp, std::uint32_t sequence,
    std::uint32_t acknowledgment, const std::uint8_t* payload, std::size_t length)
{
    IpAddress source = from.address;
    IpAddress destination = to.address;
    if (source.isV6 != destination.isV6) {
        source = asIpv6(source);
        destination = asIpv6(destination);
    }
    const bool v6 = source.isV6;
    const std::size_t ipHeader = v6 ? kIpv6Header : kIpv4Header;
    const std::size_t transportHeader = tcp ? kTcpHeader : kUdpHeader;
    const std::size_t transportLength = transportHeader + length;
    m_frame.assign(kEthernetHeader + ipHeader + transportLength, 0);

    auto mac = [&](std::size_t at, const IpAddress& address) {
        m_frame[at] = 0x02;
        m_frame[at + 1] = 0x00;
        const std::uint8_t* tail = address.bytes.data() + (address.isV6 ? 12 : 0);
        std::memcpy(&m_frame[at + 2], tail, 4);
    };
    mac(0, destination);
    mac(6, source);
    writeBe16(&m_frame[12], v6 ? 0x86DD : 0x0800);

    const std::size_t ip = kEthernetHeader;
    const std::uint8_t protocol = tcp ? kProtocolTcp : kProtocolUdp;
    std::uint32_t pseudo = 0;
    if (v6) {
        writeBe32(&m_frame[ip], 0x60000000);
        writeBe16(&m_frame[ip + 4], static_cast<std::uint16_t>(std::min<std::size_t>(transportLength, 0xFFFF)));
        m_frame[ip + 6] = protocol;
        m_frame[ip + 7] = 64;
        std::memcpy(&m_frame[ip + 8], source.bytes.data(), 16);
        std::memcpy(&m_frame[ip + 24], destination.bytes.data(), 16);
        pseudo = sumWords(&m_frame[ip + 8], 32);
    } else {
        m_frame[ip] = 0x45;
        writeBe16(&m_frame[ip + 2], static_cast<std::uint16_t>(std::min<std::size_t>(kIpv4Header + transportLength, 0xFFFF)));
        writeBe16(&m_frame[ip + 4], m_identification++);
        writeBe16(&m_frame[ip + 6], 0x4000); // don't fragment
        m_frame[ip + 8] = 64;
        m_frame[ip + 9] = protocol;
        std::memcpy(&m_frame[ip + 12], source.bytes.data(), 4);
        std::memcpy(&m_frame[ip + 16], destination.bytes.data(), 4);
        writeBe16(&m_frame[ip + 10], foldChecksum(sumWords(&m_frame[ip], kIpv4Header)));
        pseudo = sumWords(&m_frame[ip + 12], 8);
    }
    pseudo += protocol;
    pseudo += static_cast<std::uint32_t>(transportLength & 0xFFFF) + static_cast<std::uint32_t>(transportLength >> 16);

    const std::size_t t = ip + ipHeader;
    writeBe16(&m_frame[t], from.port);
    writeBe16(&m_frame[t + 2], to.port);
    std::size_t checksumAt = 0;
    if (tcp) {
        writeBe32(&m_frame[t + 4], sequence);
        writeBe32(&m_frame[t + 8], acknowledgment);
        m_frame[t + 12] = 0x50; // 20-byte header
        m_frame[t + 13] = 0x18; // PSH, ACK
        writeBe16(&m_frame[t + 14], 65535);
        checksumAt = t + 16;
    } else {
        writeBe16(&m_frame[t + 4], static_cast<std::uint16_t>(std::min<std::size_t>(transportLength, 0xFFFF)));
        checksumAt = t + 6;
    }
    if (length > 0)
        std::memcpy(&m_frame[t + transportHeader], payload, length);
    std::uint16_t checksum = foldChecksum(sumWords(&m_frame[t], transportLength, pseudo));
    if (!tcp && checksum == 0)
        checksum = 0xFFFF; // zero means "no checksum" in UDP
    writeBe16(&m_frame[checksumAt], checksum);
}

} // namespace sipladder::core
