// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace sipladder::core {

// One via-parm, as views into the header value (RFC 3261 §20.42):
// "SIP / 2.0 / UDP host:port ;branch=z9hG4bK...;received=...;rport".
struct ViaHeader {
    std::string_view text; // this via-parm, trimmed, without the ones after it
    std::string_view protocolName; // "SIP"
    std::string_view protocolVersion; // "2.0"
    std::string_view transport; // "UDP", "TCP", "TLS", "WS"... as written
    std::string_view sentBy; // host[:port] as written, IPv6 brackets included
    std::string_view host; // without IPv6 brackets
    std::optional<std::uint16_t> port;
    std::string_view parameters; // from the first ';' to the end of this via-parm
    std::string_view branch; // empty when absent
    bool hostIsIpv6Reference = false;
    bool valid = false;

    // A parameter by name, case-insensitive ("received", "rport", "maddr"...); an empty view for a
    // parameter without value ("rport"), nullopt when absent.
    std::optional<std::string_view> parameter(std::string_view name) const;
};

// Parses the first via-parm of a Via header value (later comma-separated ones are ignored). Never
// fails hard: `valid` is false when the protocol or sent-by is missing, and what could be read is kept.
ViaHeader parseViaHeader(std::string_view value);

// The fields of parseViaHeader() that SipParser keeps for every message's top Via, always equal to
// them. The common "SIP/2.0/UDP host[:port];params" is read in one pass that stops at the via-parm's
// end and builds nothing else; anything unusual (IPv6, whitespace inside, quotes) takes
// parseViaHeader().
struct ViaSummary {
    std::string_view text;
    std::string_view transport;
    std::string_view sentBy;
    std::string_view branch;
    bool valid = false;
};
ViaSummary summarizeViaHeader(std::string_view value);

} // namespace sipladder::core
