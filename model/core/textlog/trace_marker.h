// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "net/endpoint.h"
#include "net/transport.h"
#include "textlog/log_clock.h"
#include "textlog/text_log_format.h"

#include <cstdint>
#include <optional>
#include <string_view>

namespace sipladder::core {

enum class MarkerKind : std::uint8_t {
    None,
    MessageHeader, // introduces the next message and says what the log knows of it
    MessageEnd, // closes a message: chan_sip's "<------------->", a dashed rule, ngrep's "#", sofia's VT
};

// Direction of a message as the logging host saw it.
enum class LogDirection : std::uint8_t {
    Unknown,
    Received,
    Sent,
};

// A line of a trace that is not SIP but frames it: "<--- SIP read from UDP:192.0.2.1:5060 --->",
// "recv 1031 bytes from udp/[192.0.2.1]:5060 at 10:00:00.123456:", "U 192.0.2.1:5060 -> ...".
struct TraceMarker {
    MarkerKind kind = MarkerKind::None;
    TextLogFormat format = TextLogFormat::RawSip;
    LogDirection direction = LogDirection::Unknown;
    std::optional<Endpoint> remote; // the peer a host's own log names (Asterisk, FreeSWITCH)
    std::optional<Endpoint> source; // both ends, when the log has them (ngrep, sngrep)
    std::optional<Endpoint> destination;
    std::optional<Transport> transport;
    LogTime time;
    std::optional<std::int64_t> deltaNs; // ngrep -T: the time since the previous packet
    bool dottedLineEnds = false; // ngrep prints the CR of each line as '.'
    bool dashedRule = false; // a MessageEnd that is a rule of dashes (also opens sofia's messages)
};

// Recognises a marker in a cleaned line (log prefix already removed); kind None when it is none.
TraceMarker parseTraceMarker(std::string_view line);

// "192.0.2.1:5060", "[2001:db8::1]:5060" or "2001:db8::1:5060" (the port after the last colon).
std::optional<Endpoint> parseEndpointText(std::string_view text);

// "UDP", "tcp", "TLS", "WS", "WSS", "SCTP" (any case); nullopt for anything else.
std::optional<Transport> parseTransportName(std::string_view name);

} // namespace sipladder::core
