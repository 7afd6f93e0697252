// SPDX-License-Identifier: Apache-2.0
#include "textlog/trace_marker.h"

#include "util/ascii_text.h"

#include <cstring>
#include <string>

namespace sipladder::core {

namespace {

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

bool startsWith(std::string_view text, std::string_view prefix)
{
    return text.size() >= prefix.size() && std::memcmp(text.data(), prefix.data(), prefix.size()) == 0;
}

// Whether every character of `text` is `c` (a rule of dashes or hashes), eight at a time.
bool allOf(std::string_view text, char c)
{
    const std::uint64_t pattern = 0x0101010101010101ULL * static_cast<unsigned char>(c);
    std::size_t i = 0;
    for (; i + 8 <= text.size(); i += 8) {
        std::uint64_t word = 0;
        std::memcpy(&word, text.data() + i, 8);
        if (word != pattern)
            return false;
    }
    for (; i < text.size(); ++i) {
        if (text[i] != c)
            return false;
    }
    return true;
}

// Where `word` (not empty) last occurs in `text`, npos when it does not: string_view::rfind compares
// at every position, this only where the first character matches.
std::size_t findLastWord(std::string_view text, std::string_view word)
{
    for (std::size_t at = text.size() >= word.size() ? text.size() - word.size() + 1 : 0; at-- > 0;) {
        if (text[at] == word[0] && std::memcmp(text.data() + at, word.data(), word.size()) == 0)
            return at;
    }
    return std::string_view::npos;
}

bool equalsIgnoreCaseAscii(std::string_view a, std::string_view b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (asciiLower(a[i]) != asciiLower(b[i]))
            return false;
    }
    return true;
}

// "TRANSPORT:address:port" as Asterisk prints a peer ("UDP:192.0.2.1:5060").
bool parseTransportAndEndpoint(std::string_view text, TraceMarker& marker)
{
    const auto colon = text.find(':');
    if (colon == std::string_view::npos)
        return false;
    const auto transport = parseTransportName(text.substr(0, colon));
    if (transport) {
        marker.transport = transport;
        text.remove_prefix(colon + 1);
    }
    marker.remote = parseEndpointText(text);
    return marker.remote.has_value();
}

// "<--- ... --->" lines of Asterisk.
TraceMarker parseAsterisk(std::string_view line)
{
    TraceMarker marker;
    if (!startsWith(line, "<---"))
        return marker;
    // "<------------->" and "<------------>": the end of a chan_sip message.
    if (line.find_first_not_of('-', 1) == line.size() - 1 && line.back() == '>' && line.size() >= 8) {
        marker.kind = MarkerKind::MessageEnd;
        marker.format = TextLogFormat::AsteriskChanSip;
        return marker;
    }
    if (!startsWith(line, "<--- ") || !line.ends_with(" --->"))
        return marker;
    std::string_view inner = line.substr(5, line.size() - 10);
    if (startsWith(inner, "SIP read from ")) {
        if (parseTransportAndEndpoint(inner.substr(14), marker)) {
            marker.kind = MarkerKind::MessageHeader;
            marker.format = TextLogFormat::AsteriskChanSip;
            marker.direction = LogDirection::Received;
        }
        return marker;
    }
    const bool received = startsWith(inner, "Received SIP ");
    if (received || startsWith(inner, "Transmitting SIP ")) {
        // "Received SIP request (1031 bytes) from UDP:192.0.2.1:5060"
        const auto word = received ? std::string_view(" from ") : std::string_view(" to ");
        const auto at = findLastWord(inner, word);
        if (at != std::string_view::npos && parseTransportAndEndpoint(inner.substr(at + word.size()), marker)) {
            marker.kind = MarkerKind::MessageHeader;
            marker.format = TextLogFormat::AsteriskPjsip;
            marker.direction = received ? LogDirection::Received : LogDirection::Sent;
        }
        return marker;
    }
    if (startsWith(inner, "Reliably "))
        inner.remove_prefix(9);
    if (startsWith(inner, "Transmitting ")) {
        // "Transmitting (NAT) to 192.0.2.1:5060"
        const auto at = findLastWord(inner, " to ");
        if (at != std::string_view::npos && parseTransportAndEndpoint(inner.substr(at + 4), marker)) {
            marker.kind = MarkerKind::MessageHeader;
            marker.format = TextLogFormat::AsteriskChanSip;
            marker.direction = LogDirection::Sent;
        }
    }
    return marker;
}

// Old chan_sip: "Reliably Transmitting (no NAT) to 192.0.2.1:5060:" (the message ends with "---").
TraceMarker parseOldChanSip(std::string_view line)
{
    TraceMarker marker;
    std::string_view text = line;
    if (startsWith(text, "Reliably "))
        text.remove_prefix(9);
    if (!startsWith(text, "Transmitting (") || !text.ends_with(":"))
        return marker;
    const auto at = findLastWord(text, " to ");
    if (at == std::string_view::npos)
        return marker;
    if (parseTransportAndEndpoint(text.substr(at + 4, text.size() - at - 5), marker)) {
        marker.kind = MarkerKind::MessageHeader;
        marker.format = TextLogFormat::AsteriskChanSip;
        marker.direction = LogDirection::Sent;
    }
    return marker;
}

// "HH:MM:SS[.frac]" or "YYYY-MM-DD HH:MM:SS[.frac]" filling `time`; false when it is neither.
bool parseStamp(std::string_view text, LogTime& time)
{
    auto two = [&](std::size_t pos) {
        return pos + 2 <= text.size() && isDigit(text[pos]) && isDigit(text[pos + 1]) ? (text[pos] - '0') * 10 + (text[pos + 1] - '0')
                                                                                        : -1;
    };
    std::size_t pos = 0;
    LogTime t;
    if (text.size() >= 10 && (text[4] == '-' || text[4] == '/') && (text[7] == '-' || text[7] == '/')) {
        int year = 0;
        for (int i = 0; i < 4; ++i) {
            if (!isDigit(text[static_cast<std::size_t>(i)]))
                return false;
            year = year * 10 + (text[static_cast<std::size_t>(i)] - '0');
        }
        const int month = two(5);
        const int day = two(8);
        if (month < 1 || month > 12 || day < 1 || day > 31 || text.size() < 12 || (text[10] != ' ' && text[10] != 'T'))
            return false;
        t.hasDate = true;
        t.hasYear = true;
        t.year = year;
        t.month = month;
        t.day = day;
        pos = 11;
    }
    const int hour = two(pos);
    const int minute = two(pos + 3);
    const int second = two(pos + 6);
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60 || text[pos + 2] != ':'
        || text[pos + 5] != ':')
        return false;
    std::int64_t nanos = (static_cast<std::int64_t>(hour) * 3600 + minute * 60 + second) * 1'000'000'000LL;
    pos += 8;
    if (pos < text.size() && (text[pos] == '.' || text[pos] == ',')) {
        std::int64_t scale = 100'000'000;
        for (++pos; pos < text.size() && isDigit(text[pos]); ++pos) {
            nanos += (text[pos] - '0') * scale;
            scale /= 10;
        }
    }
    if (pos != text.size())
        return false;
    t.valid = true;
    t.nanosOfDay = nanos;
    time = t;
    return true;
}

// sofia: "recv 1031 bytes from udp/[192.0.2.1]:5060 at 10:00:00.123456:" (send ... to ...).
TraceMarker parseSofia(std::string_view line)
{
    TraceMarker marker;
    const bool received = startsWith(line, "recv ");
    if (!received && !startsWith(line, "send ") && !startsWith(line, "sent "))
        return marker;
    if (!line.ends_with(":"))
        return marker;
    std::size_t pos = 5;
    const std::size_t digitsStart = pos;
    while (pos < line.size() && isDigit(line[pos]))
        ++pos;
    if (pos == digitsStart)
        return marker;
    const std::string_view rest = line.substr(pos);
    const std::string_view word = received ? " bytes from " : " bytes to ";
    if (!startsWith(rest, word))
        return marker;
    std::string_view peer = rest.substr(word.size());
    const auto at = findLastWord(peer, " at ");
    if (at == std::string_view::npos)
        return marker;
    const std::string_view stamp = peer.substr(at + 4, peer.size() - at - 5);
    peer = peer.substr(0, at);
    const auto slash = peer.find('/');
    if (slash == std::string_view::npos)
        return marker;
    marker.transport = parseTransportName(peer.substr(0, slash));
    std::string_view address = peer.substr(slash + 1);
    // A label or compression note may follow the port: "[192.0.2.1]:5060 (label)".
    if (const auto space = address.find(' '); space != std::string_view::npos)
        address = address.substr(0, space);
    // Over IPv6 sofia adds the flow label after the port: "[2001:db8::10]:5061/524288".
    if (const auto label = address.rfind('/'); label != std::string_view::npos && label > address.rfind(']')
        && address.rfind(']') != std::string_view::npos)
        address = address.substr(0, label);
    marker.remote = parseEndpointText(address);
    if (!marker.remote || !parseStamp(stamp, marker.time))
        return TraceMarker();
    marker.kind = MarkerKind::MessageHeader;
    marker.format = TextLogFormat::FreeSwitch;
    marker.direction = received ? LogDirection::Received : LogDirection::Sent;
    return marker;
}

// ngrep's note on the first IP fragment of a datagram, "54321@0:1480" (id@offset:length); the
// fragments after it ("+54321@1480:520") come without ports and are not joined, so the message keeps
// its first part and the Content-Length warning says what is missing.
bool isNgrepFragment(std::string_view text)
{
    auto digits = [&](std::size_t& pos) {
        const std::size_t start = pos;
        while (pos < text.size() && isDigit(text[pos]))
            ++pos;
        return pos > start;
    };
    std::size_t pos = 0;
    return digits(pos) && pos < text.size() && text[pos++] == '@' && digits(pos) && pos < text.size()
        && text[pos++] == ':' && digits(pos) && pos == text.size();
}

// "SRC -> DST" with an optional "[flags]" after it (ngrep TCP); fills source and destination.
// Where " -> " is in `text` (npos when not): '>' is rare in these lines, so look for it first.
std::size_t findArrow(std::string_view text)
{
    const char* const begin = text.data();
    const char* const end = begin + text.size();
    for (const char* p = begin; p < end;) {
        const auto* head = static_cast<const char*>(std::memchr(p, '>', static_cast<std::size_t>(end - p)));
        if (head == nullptr)
            break;
        if (head - begin >= 2 && head + 1 < end && head[-2] == ' ' && head[-1] == '-' && head[1] == ' ')
            return static_cast<std::size_t>(head - 2 - begin);
        p = head + 1;
    }
    return std::string_view::npos;
}

bool parseArrow(std::string_view text, TraceMarker& marker)
{
    const auto arrow = findArrow(text);
    if (arrow == std::string_view::npos)
        return false;
    std::string_view destination = text.substr(arrow + 4);
    if (const auto space = destination.find(' '); space != std::string_view::npos) {
        const auto flags = destination.substr(space + 1);
        if (!(flags.size() >= 2 && flags.front() == '[' && flags.back() == ']') && !isNgrepFragment(flags))
            return false;
        destination = destination.substr(0, space);
    }
    marker.source = parseEndpointText(text.substr(0, arrow));
    marker.destination = parseEndpointText(destination);
    return marker.source && marker.destination;
}

// ngrep: "U 192.0.2.1:5060 -> 198.51.100.2:5060", with -t a date and time after the letter.
// "0.000123" (seconds with up to nine decimals) as nanoseconds; nullopt when it is not that.
std::optional<std::int64_t> parseSecondsDelta(std::string_view text)
{
    std::int64_t seconds = 0;
    std::size_t pos = 0;
    while (pos < text.size() && isDigit(text[pos]) && pos < 9)
        seconds = seconds * 10 + (text[pos++] - '0');
    if (pos == 0)
        return std::nullopt;
    std::int64_t fraction = 0;
    std::int64_t scale = 1'000'000'000;
    if (pos < text.size() && text[pos] == '.') {
        ++pos;
        while (pos < text.size() && isDigit(text[pos]) && scale > 1) {
            scale /= 10;
            fraction += (text[pos++] - '0') * scale;
        }
    }
    if (pos != text.size())
        return std::nullopt;
    return seconds * 1'000'000'000 + fraction;
}

TraceMarker parseNgrep(std::string_view line)
{
    TraceMarker marker;
    if (line.size() < 12 || line[1] != ' ' || (line[0] != 'U' && line[0] != 'T'))
        return marker;
    std::string_view rest = line.substr(2);
    // "-t": "2026/11/24 10:00:00.123456 "; "-T": "+0.000123 ", the time since the previous packet.
    if (rest.size() > 27 && isDigit(rest[0]) && rest[4] == '/') {
        const auto space = rest.find(' ', 11);
        if (space == std::string_view::npos || !parseStamp(rest.substr(0, space), marker.time))
            return TraceMarker();
        rest.remove_prefix(space + 1);
    } else if (!rest.empty() && rest[0] == '+') {
        const auto space = rest.find(' ');
        if (space == std::string_view::npos)
            return marker;
        marker.deltaNs = parseSecondsDelta(rest.substr(1, space - 1));
        rest.remove_prefix(space + 1);
    }
    if (!parseArrow(rest, marker))
        return TraceMarker();
    marker.kind = MarkerKind::MessageHeader;
    marker.format = TextLogFormat::Ngrep;
    marker.transport = line[0] == 'U' ? Transport::Udp : Transport::Tcp;
    marker.dottedLineEnds = true;
    return marker;
}

// sngrep "Save as .txt": "2026/11/24 10:00:00.123456 192.0.2.1:5060 -> 198.51.100.2:5060".
TraceMarker parseSngrep(std::string_view line)
{
    TraceMarker marker;
    if (line.size() < 30 || !isDigit(line[0]) || line[4] != '/' || line[7] != '/' || line[10] != ' ')
        return marker;
    const auto space = line.find(' ', 11);
    if (space == std::string_view::npos || !parseStamp(line.substr(0, space), marker.time))
        return marker;
    if (!parseArrow(line.substr(space + 1), marker))
        return TraceMarker();
    marker.kind = MarkerKind::MessageHeader;
    marker.format = TextLogFormat::Sngrep;
    return marker;
}

} // namespace

std::optional<Transport> parseTransportName(std::string_view name)
{
    if (equalsIgnoreCaseAscii(name, "udp"))
        return Transport::Udp;
    if (equalsIgnoreCaseAscii(name, "tcp"))
        return Transport::Tcp;
    if (equalsIgnoreCaseAscii(name, "tls"))
        return Transport::Tls;
    if (equalsIgnoreCaseAscii(name, "ws") || equalsIgnoreCaseAscii(name, "wss"))
        return Transport::WebSocket;
    if (equalsIgnoreCaseAscii(name, "sctp") || equalsIgnoreCaseAscii(name, "tls-sctp"))
        return Transport::Sctp;
    return std::nullopt;
}

std::optional<Endpoint> parseEndpointText(std::string_view text)
{
    std::string_view host;
    std::string_view port;
    if (!text.empty() && text.front() == '[') {
        const auto close = text.find(']');
        if (close == std::string_view::npos || close + 2 > text.size() || text[close + 1] != ':')
            return std::nullopt;
        host = text.substr(1, close - 1);
        port = text.substr(close + 2);
    } else {
        const auto colon = text.rfind(':');
        if (colon == std::string_view::npos)
            return std::nullopt;
        host = text.substr(0, colon);
        port = text.substr(colon + 1);
    }
    if (port.empty() || port.size() > 5)
        return std::nullopt;
    unsigned value = 0;
    for (const char c : port) {
        if (!isDigit(c))
            return std::nullopt;
        value = value * 10 + static_cast<unsigned>(c - '0');
    }
    if (value > 65535 || host.empty() || host.size() > 64)
        return std::nullopt;
    Endpoint endpoint;
    if (!IpAddress::parse(host, endpoint.address))
        return std::nullopt;
    endpoint.port = static_cast<std::uint16_t>(value);
    return endpoint;
}

TraceMarker parseTraceMarker(std::string_view line)
{
    if (line.empty())
        return {};
    TraceMarker marker;
    switch (line[0]) {
    case '<':
        return parseAsterisk(line);
    case 'R':
    case 'T':
        marker = parseOldChanSip(line);
        if (marker.kind != MarkerKind::None)
            return marker;
        if (line == "Received:" || line == "Received: ") {
            marker.kind = MarkerKind::MessageHeader;
            marker.format = TextLogFormat::CiscoCcsip;
            marker.direction = LogDirection::Received;
            return marker;
        }
        return line[0] == 'T' ? parseNgrep(line) : marker;
    case 'S':
        if (line == "Sent:" || line == "Sent: ") {
            marker.kind = MarkerKind::MessageHeader;
            marker.format = TextLogFormat::CiscoCcsip;
            marker.direction = LogDirection::Sent;
        }
        return marker;
    case 'U':
        return parseNgrep(line);
    case 'r':
    case 's':
        return parseSofia(line);
    case '#':
        if (allOf(line, '#')) {
            marker.kind = MarkerKind::MessageEnd;
            marker.format = TextLogFormat::Ngrep;
        }
        return marker;
    case '-':
        // A rule of dashes: sofia frames messages with 72 of them; old chan_sip ends with "---".
        if (line.size() >= 3 && allOf(line, '-')) {
            marker.kind = MarkerKind::MessageEnd;
            marker.dashedRule = true;
            marker.format = line.size() >= 20 ? TextLogFormat::FreeSwitch : TextLogFormat::AsteriskChanSip;
        }
        return marker;
    case '\v':
        marker.kind = MarkerKind::MessageEnd;
        marker.format = TextLogFormat::FreeSwitch;
        return marker;
    default:
        if (line[0] >= '0' && line[0] <= '9')
            return parseSngrep(line);
        return marker;
    }
}

} // namespace sipladder::core
