// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <array>
#include <compare>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace sipladder::core {

// An IPv4 or IPv6 address held by value; IPv4 uses the first four bytes.
struct IpAddress {
    std::array<std::uint8_t, 16> bytes{};
    bool isV6 = false;

    static IpAddress v4(std::uint8_t a, std::uint8_t b, std::uint8_t c, std::uint8_t d);
    static IpAddress fromV4Bytes(const std::uint8_t* fourBytes);
    static IpAddress fromV6Bytes(const std::uint8_t* sixteenBytes);
    // Parses dotted IPv4 or textual IPv6 (no brackets); returns false when it is neither.
    static bool parse(std::string_view text, IpAddress& out);

    std::string toString() const;
    auto operator<=>(const IpAddress&) const = default;
};

struct Endpoint {
    IpAddress address;
    std::uint16_t port = 0;

    // "192.0.2.1:5060" or "[2001:db8::1]:5060", as in CONTRACT.md.
    std::string toString() const;
    // The same text into `out` (at least kMaxTextLength bytes), without allocating; returns its length.
    static constexpr std::size_t kMaxTextLength = 56;
    std::size_t formatTo(char* out) const;
    auto operator<=>(const Endpoint&) const = default;
};

std::size_t hashValue(const IpAddress& address);
std::size_t hashValue(const Endpoint& endpoint);

} // namespace sipladder::core

template <>
struct std::hash<sipladder::core::Endpoint> {
    std::size_t operator()(const sipladder::core::Endpoint& e) const noexcept { return sipladder::core::hashValue(e); }
};
template <>
struct std::hash<sipladder::core::IpAddress> {
    std::size_t operator()(const sipladder::core::IpAddress& a) const noexcept { return sipladder::core::hashValue(a); }
};
