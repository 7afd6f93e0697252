// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "net/endpoint.h"
#include "net/transport.h"

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace sipladder::testing {

// One SIP message as it went over the wire: what a capture holds and a log prints.
struct WireMessage {
    std::int64_t timeNs = 0;
    core::Endpoint source;
    core::Endpoint destination;
    core::Transport transport = core::Transport::Udp;
    std::string text; // the message, CRLF line ends
};

// The shapes of text trace the writer imitates (see tests/data/textlogs/README.md for the real
// output each follows).
enum class TextTraceStyle : std::uint8_t {
    RawSip, // messages one after another, a blank line between
    AsteriskChanSip, // full log: "[2026-11-24 10:00:00.123456] VERBOSE[..] chan_sip.c:" + "<--- SIP read from ...--->"
    AsteriskPjsip, // full log: "<--- Received SIP request (N bytes) from UDP:a:p --->"
    FreeSwitch, // "recv N bytes from udp/[a]:p at 2026-11-24 10:00:00.123456:" between dashed rules
    Ngrep, // ngrep -t -W byline
    Sngrep, // sngrep "Save as .txt"
    CiscoCcsip, // "Nov 24 10:00:00.123: //-1/xxxxxxxxxxxx/SIP/Msg/ccsipDisplayMsg:" + "Received:"/"Sent:"
};

// Writes the text a SIP log of one host (`logger`) would hold for some traffic, so that the same
// messages can be loaded from a capture and from each text shape and compared. Messages neither
// from nor to `logger` are written as received by it (for the shapes that need a direction).
class TextTraceWriter {
public:
    TextTraceWriter(TextTraceStyle style, const core::Endpoint& logger);

    // Appends one message to `out`.
    void append(std::string& out, const WireMessage& message) const;
    std::string text(const std::vector<WireMessage>& messages) const;
    // Throws std::runtime_error when the file cannot be written.
    void write(const std::filesystem::path& path, const std::vector<WireMessage>& messages) const;

    // "2026-11-24 10:00:00.123456" (UTC) and "10:00:00.123456".
    static std::string isoTime(std::int64_t ns, int fractionDigits = 6, char dateSeparator = '-');
    static std::string clockTime(std::int64_t ns, int fractionDigits = 6);

private:
    TextTraceStyle m_style;
    core::Endpoint m_logger;
};

} // namespace sipladder::testing
