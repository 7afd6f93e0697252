// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <string>

namespace sipladder::core {

// Every layer a SIP message was found inside, as a set of bits (a frame can stack several).
enum class Encapsulation : std::uint32_t {
    None = 0,
    Vlan = 1u << 0,
    QinQ = 1u << 1,
    Pppoe = 1u << 2,
    Ppp = 1u << 3,
    LinuxCooked = 1u << 4,
    Loopback = 1u << 5,
    IpInIp = 1u << 6,
    Gre = 1u << 7,
    EthernetOverGre = 1u << 8,
    Erspan = 1u << 9,
    GtpU = 1u << 10,
    Vxlan = 1u << 11,
    IpFragments = 1u << 12,
    TcpSegments = 1u << 13,
    WebSocket = 1u << 14,
    Hep = 1u << 15,
    HepCompressed = 1u << 16,
    Mpls = 1u << 17,
    SctpFragments = 1u << 18,
};

class EncapsulationSet {
public:
    EncapsulationSet() = default;
    void add(Encapsulation layer) { m_bits |= static_cast<std::uint32_t>(layer); }
    bool has(Encapsulation layer) const { return (m_bits & static_cast<std::uint32_t>(layer)) != 0; }
    std::uint32_t bits() const { return m_bits; }
    bool empty() const { return m_bits == 0; }
    void merge(EncapsulationSet other) { m_bits |= other.m_bits; }
    // Comma-separated short names in a fixed order, e.g. "vlan,gre,ip-fragments"; empty when none.
    std::string toString() const;
    bool operator==(const EncapsulationSet&) const = default;

private:
    std::uint32_t m_bits = 0;
};

} // namespace sipladder::core
