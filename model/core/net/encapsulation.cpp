// SPDX-License-Identifier: Apache-2.0
#include "net/encapsulation.h"

#include <array>
#include <utility>

namespace sipladder::core {

std::string EncapsulationSet::toString() const
{
    static constexpr std::array<std::pair<Encapsulation, const char*>, 19> names = {{
        {Encapsulation::Vlan, "vlan"},
        {Encapsulation::QinQ, "qinq"},
        {Encapsulation::Mpls, "mpls"},
        {Encapsulation::Pppoe, "pppoe"},
        {Encapsulation::Ppp, "ppp"},
        {Encapsulation::LinuxCooked, "sll"},
        {Encapsulation::Loopback, "loopback"},
        {Encapsulation::IpInIp, "ip-in-ip"},
        {Encapsulation::Gre, "gre"},
        {Encapsulation::EthernetOverGre, "ethernet-over-gre"},
        {Encapsulation::Erspan, "erspan"},
        {Encapsulation::GtpU, "gtp-u"},
        {Encapsulation::Vxlan, "vxlan"},
        {Encapsulation::Hep, "hep"},
        {Encapsulation::HepCompressed, "hep-compressed"},
        {Encapsulation::IpFragments, "ip-fragments"},
        {Encapsulation::TcpSegments, "tcp-segments"},
        {Encapsulation::SctpFragments, "sctp-fragments"},
        {Encapsulation::WebSocket, "websocket"},
    }};
    std::string text;
    for (const auto& [layer, name] : names) {
        if (has(layer)) {
            if (!text.empty())
                text += ',';
            text += name;
        }
    }
    return text;
}

} // namespace sipladder::core
