// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "net/endpoint.h"

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace sipladder::core {

// Endpoints are addresses, but a text log may only name a host ("Via: SIP/2.0/UDP pc33.atlanta.com").
// Each such name stands for a made-up address in 0.0.0.0/8 ("this network", never on the wire): the
// first name 0.0.0.1, the next 0.0.0.2... The table is shared by the files of one load, so one name
// is one lifeline, and the snapshot keeps it to show the name instead of the address.
// 0.0.0.0 itself is "a host the log does not tell".
class HostNameTable {
public:
    // The stand-in address of a host name (compared without case).
    IpAddress addressOf(std::string_view name);
    // The name behind a stand-in address, or empty.
    std::string_view nameOf(const IpAddress& address) const;
    // Names in order of their stand-in addresses (0.0.0.1 first).
    const std::vector<std::string>& names() const { return m_names; }

    static IpAddress unknownHost() { return IpAddress::v4(0, 0, 0, 0); }
    // Whether `address` is a stand-in (a name, or the unknown host).
    static bool isStandIn(const IpAddress& address)
    {
        return !address.isV6 && address.bytes[0] == 0;
    }

private:
    std::unordered_map<std::string, std::uint32_t> m_numbers;
    std::vector<std::string> m_names;
};

} // namespace sipladder::core
