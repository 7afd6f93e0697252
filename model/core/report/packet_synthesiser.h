// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "net/endpoint.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace sipladder::core {

// Builds the Ethernet frames of a pcap export around SIP bytes: IPv4 or IPv6 (a mixed pair written
// IPv4-mapped) with UDP, or TCP with the sequence numbers the caller keeps, checksums computed, and
// locally administered MAC addresses made from the IP addresses, so that each host keeps one.
class PacketSynthesiser {
public:
    // TCP payload per segment: what an IPv4 total length can still describe.
    static constexpr std::size_t kMaxTcpPayload = 65535 - 20 - 20;

    const std::vector<std::uint8_t>& frame() const { return m_frame; }

    void build(const Endpoint& from, const Endpoint& to, bool tcp, std::uint32_t sequence, std::uint32_t acknowledgment,
        const std::uint8_t* payload, std::size_t length);

private:
    std::vector<std::uint8_t> m_frame;
    std::uint16_t m_identification = 1;
};

} // namespace sipladder::core
