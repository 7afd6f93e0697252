// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <string_view>

namespace sipladder::core {

enum class Transport : std::uint8_t {
    Udp,
    Tcp,
    Sctp,
    Tls,
    WebSocket,
    Unknown,
};

// Lower-case names as used in the JSON of CONTRACT.md: "udp", "tcp", "sctp", "tls", "ws".
std::string_view transportName(Transport transport);

} // namespace sipladder::core
