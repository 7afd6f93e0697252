// SPDX-License-Identifier: Apache-2.0
#include "textlog/line_cleaner.h"

#include "sip/byte_scan.h"

#include <cstring>

namespace sipladder::core {

namespace {

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

bool isUpper(char c)
{
    return c >= 'A' && c <= 'Z';
}

// 1-12 for "Jan".."Dec" at `text` (case as logs write it), else 0. Every header line of a message
// starting with a capital letter is tried as a syslog date, so the common miss is made cheap.
int monthAt(std::string_view text)
{
    if (text.size() < 4 || text[3] != ' ')
        return 0;
    static constexpr std::string_view kMonths[]
        = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const auto name = text.substr(0, 3);
    for (int i = 0; i < 12; ++i) {
        if (name == kMonths[i])
            return i + 1;
    }
    return 0;
}

// Reads `digits` decimal digits at `pos`; -1 when they are not all there.
int number(std::string_view text, std::size_t pos, std::size_t digits)
{
    if (pos + digits > text.size())
        return -1;
    int value = 0;
    for (std::size_t i = 0; i < digits; ++i) {
        const char c = text[pos + i];
        if (!isDigit(c))
            return -1;
        value = value * 10 + (c - '0');
    }
    return value;
}

// "HH:MM:SS" with an optional ".fraction" or ",fraction" (any number of digits) at `pos`; returns
// the position after it, or npos.
std::size_t clockAt(std::string_view text, std::size_t pos, LogTime& time)
{
    const int hour = number(text, pos, 2);
    if (hour < 0 || hour > 23 || pos + 8 > text.size() || text[pos + 2] != ':' || text[pos + 5] != ':')
        return std::string_view::npos;
    const int minute = number(text, pos + 3, 2);
    const int second = number(text, pos + 6, 2);
    if (minute < 0 || minute > 59 || second < 0 || second > 60)
        return std::string_view::npos;
    std::int64_t nanos = (static_cast<std::int64_t>(hour) * 3600 + minute * 60 + second) * 1'000'000'000LL;
    pos += 8;
    if (pos + 1 < text.size() && (text[pos] == '.' || text[pos] == ',') && isDigit(text[pos + 1])) {
        std::int64_t scale = 100'000'000;
        for (++pos; pos < text.size() && isDigit(text[pos]); ++pos) {
            nanos += (text[pos] - '0') * scale;
            scale /= 10;
        }
    }
    time.valid = true;
    time.nanosOfDay = nanos;
    return pos;
}

// "Nov 24 10:00:00[.frac]" or "Nov  4 ..." at `pos`.
std::size_t monthDayClockAt(std::string_view text, std::size_t pos, LogTime& time)
{
    const int month = monthAt(text.substr(pos));
    if (month == 0 || pos + 6 > text.size() || text[pos + 3] != ' ')
        return std::string_view::npos;
    std::size_t p = pos + 4;
    if (text[p] == ' ')
        ++p;
    int day = 0;
    std::size_t digits = 0;
    while (p < text.size() && isDigit(text[p]) && digits < 2) {
        day = day * 10 + (text[p] - '0');
        ++p;
        ++digits;
    }
    if (digits == 0 || day < 1 || day > 31 || p >= text.size() || text[p] != ' ')
        return std::string_view::npos;
    const std::size_t end = clockAt(text, p + 1, time);
    if (end == std::string_view::npos)
        return end;
    time.hasDate = true;
    time.month = month;
    time.day = day;
    return end;
}

// "2026-11-24[ T]10:00:00[.frac]" at `pos`.
std::size_t isoAt(std::string_view text, std::size_t pos, LogTime& time)
{
    const int year = number(text, pos, 4);
    if (year < 1970 || pos + 11 > text.size() || text[pos + 4] != '-' || text[pos + 7] != '-'
        || (text[pos + 10] != ' ' && text[pos + 10] != 'T'))
        return std::string_view::npos;
    const int month = number(text, pos + 5, 2);
    const int day = number(text, pos + 8, 2);
    if (month < 1 || month > 12 || day < 1 || day > 31)
        return std::string_view::npos;
    const std::size_t end = clockAt(text, pos + 11, time);
    if (end == std::string_view::npos)
        return end;
    time.hasDate = true;
    time.hasYear = true;
    time.year = year;
    time.month = month;
    time.day = day;
    return end;
}

std::size_t skipSpaces(std::string_view text, std::size_t pos)
{
    while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t'))
        ++pos;
    return pos;
}

bool isFileChar(char c)
{
    return (c >= 'a' && c <= 'z') || isUpper(c) || isDigit(c) || c == '_' || c == '-' || c == '.' || c == '/';
}

// "chan_sip.c: ", "chan_sip.c:4161 __sip_xmit: ", "switch_channel.c:1118 " at `pos` (source file
// locations loggers print); returns the position after it, or `pos` when there is none.
std::size_t skipSourceLocation(std::string_view text, std::size_t pos)
{
    std::size_t p = pos;
    while (p < text.size() && isFileChar(text[p]))
        ++p;
    const auto word = text.substr(pos, p - pos);
    const bool source = word.size() > 2
        && (word.ends_with(".c") || word.ends_with(".cpp") || word.ends_with(".cc") || word.ends_with(".h"));
    if (!source || p >= text.size() || text[p] != ':')
        return pos;
    ++p;
    if (p < text.size() && isDigit(text[p])) {
        while (p < text.size() && isDigit(text[p]))
            ++p;
        // An optional function name ending with ':' ("__sip_xmit:", "in pj_log_fn:").
        std::size_t q = skipSpaces(text, p);
        if (text.substr(q, 3) == "in ")
            q += 3;
        std::size_t r = q;
        while (r < text.size() && text[r] != ' ' && text[r] != ':')
            ++r;
        if (r > q && r < text.size() && text[r] == ':')
            p = r + 1;
    }
    return skipSpaces(text, p);
}

// After "]" of an Asterisk prefix: "VERBOSE[123][C-00000001] chan_sip.c: ".
std::size_t skipAsteriskTail(std::string_view text, std::size_t pos)
{
    std::size_t p = skipSpaces(text, pos);
    std::size_t q = p;
    while (q < text.size() && isUpper(text[q]))
        ++q;
    if (q > p && q < text.size() && text[q] == '[') {
        while (q < text.size() && text[q] == '[') {
            const auto close = text.find(']', q);
            if (close == std::string_view::npos)
                return p;
            q = close + 1;
        }
        if (q < text.size() && text[q] == ':')
            ++q;
        p = skipSpaces(text, q);
    }
    return skipSourceLocation(text, p);
}

// The zone after the time of an ISO prefix ("Z", "+01:00", "-0500"); the position after it, or npos
// when something else is glued to the time.
std::size_t skipZone(std::string_view text, std::size_t pos)
{
    std::size_t p = pos;
    if (p < text.size() && text[p] == 'Z')
        ++p;
    else if (p + 3 < text.size() && (text[p] == '+' || text[p] == '-') && isDigit(text[p + 1]) && isDigit(text[p + 2])) {
        p += 3;
        if (p < text.size() && text[p] == ':')
            ++p;
        while (p < text.size() && isDigit(text[p]))
            ++p;
    }
    if (p < text.size() && text[p] != ' ' && text[p] != '\t')
        return std::string_view::npos;
    return p;
}

// FreeSWITCH after the time: " 97.87% [NOTICE] sofia.c:123 " (idle percentage optional); the
// position after it, or npos.
std::size_t freeSwitchTail(std::string_view text, std::size_t pos)
{
    std::size_t q = skipSpaces(text, pos);
    std::size_t r = q;
    while (r < text.size() && (isDigit(text[r]) || text[r] == '.'))
        ++r;
    if (r > q && r < text.size() && text[r] == '%')
        q = skipSpaces(text, r + 1);
    if (q >= text.size() || text[q] != '[')
        return std::string_view::npos;
    const auto close = text.find(']', q);
    if (close == std::string_view::npos || close - q > 12 || close == q + 1)
        return std::string_view::npos;
    for (std::size_t i = q + 1; i < close; ++i) {
        if (!isUpper(text[i]))
            return std::string_view::npos;
    }
    return skipSourceLocation(text, skipSpaces(text, close + 1));
}

// " host tag[pid]: " of a syslog line at `pos`; the position after it, or npos.
std::size_t syslogTail(std::string_view text, std::size_t pos)
{
    if (pos >= text.size() || text[pos] != ' ')
        return std::string_view::npos;
    std::size_t p = pos + 1;
    const std::size_t hostStart = p;
    while (p < text.size() && text[p] != ' ' && text[p] != ':')
        ++p;
    if (p == hostStart || p >= text.size() || text[p] != ' ')
        return std::string_view::npos;
    const std::size_t tagStart = ++p;
    while (p < text.size() && text[p] != ' ' && text[p] != ':')
        ++p;
    if (p == tagStart || p >= text.size() || text[p] != ':')
        return std::string_view::npos;
    return skipSpaces(text, p + 1);
}

// ": " or " UTC: " after the time of a Cisco prefix.
std::size_t ciscoTail(std::string_view text, std::size_t pos)
{
    std::size_t p = pos;
    if (p < text.size() && text[p] == ' ') {
        std::size_t q = p + 1;
        while (q < text.size() && isUpper(text[q]))
            ++q;
        if (q - (p + 1) < 2 || q - (p + 1) > 5)
            return std::string_view::npos;
        p = q;
    }
    if (p >= text.size() || text[p] != ':')
        return std::string_view::npos;
    return skipSpaces(text, p + 1);
}

} // namespace

std::size_t LineCleaner::prefixLength(std::string_view line, LogTime& time, LogPrefix& kind)
{
    time = LogTime();
    kind = LogPrefix::None;
    if (line.empty())
        return 0;
    const char first = line[0];

    if (first == '>') {
        std::size_t p = 0;
        while (p < line.size() && line[p] == '>') {
            ++p;
            if (p < line.size() && line[p] == ' ')
                ++p;
        }
        kind = LogPrefix::Quote;
        return p;
    }

    if (first == '[') {
        LogTime t;
        std::size_t end = monthDayClockAt(line, 1, t);
        if (end == std::string_view::npos)
            end = isoAt(line, 1, t);
        if (end != std::string_view::npos && end < line.size() && line[end] == ']') {
            time = t;
            kind = LogPrefix::Asterisk;
            return skipAsteriskTail(line, end + 1);
        }
        return 0;
    }

    if (isDigit(first)) {
        LogTime t;
        std::size_t end = isoAt(line, 0, t);
        if (end != std::string_view::npos) {
            const auto zoneEnd = skipZone(line, end);
            if (zoneEnd == std::string_view::npos)
                return 0;
            time = t;
            kind = LogPrefix::Iso;
            auto after = freeSwitchTail(line, zoneEnd);
            if (after == std::string_view::npos)
                after = syslogTail(line, zoneEnd); // "2026-11-24T10:00:00+00:00 host asterisk[12]: "
            return after != std::string_view::npos ? after : skipSpaces(line, zoneEnd);
        }
        // Cisco: "000123: " sequence number, then the time; or the uptime "00:11:29: ".
        std::size_t p = 0;
        while (p < line.size() && isDigit(line[p]))
            ++p;
        if (p >= 1 && p + 2 < line.size() && line[p] == ':' && line[p + 1] == ' ') {
            std::size_t q = p + 2;
            if (line[q] == '*' || line[q] == '.')
                ++q;
            end = monthDayClockAt(line, q, t);
            if (end == std::string_view::npos)
                end = clockAt(line, q, t);
            const auto after = end == std::string_view::npos ? end : ciscoTail(line, end);
            if (after != std::string_view::npos) {
                time = t;
                kind = LogPrefix::Cisco;
                return after;
            }
            return 0;
        }
        end = clockAt(line, 0, t);
        if (end != std::string_view::npos) {
            const auto after = ciscoTail(line, end);
            if (after != std::string_view::npos) {
                time = t;
                kind = LogPrefix::Cisco;
                return after;
            }
        }
        return 0;
    }

    if (first == '*' || first == '.' || first == '<' || isUpper(first)) {
        std::size_t start = 0;
        if (first == '*' || first == '.') {
            start = 1;
        } else if (first == '<') {
            // Syslog priority "<134>".
            std::size_t p = 1;
            while (p < line.size() && isDigit(line[p]))
                ++p;
            if (p == 1 || p > 4 || p >= line.size() || line[p] != '>')
                return 0;
            start = p + 1;
        }
        LogTime t;
        const std::size_t end = monthDayClockAt(line, start, t);
        if (end == std::string_view::npos)
            return 0;
        std::size_t after = ciscoTail(line, end);
        if (after != std::string_view::npos && first != '<') {
            time = t;
            kind = LogPrefix::Cisco;
            return after;
        }
        after = syslogTail(line, end);
        if (after != std::string_view::npos) {
            time = t;
            kind = LogPrefix::Syslog;
            return after;
        }
        return 0;
    }
    return 0;
}

CleanLine LineCleaner::scrub(std::string_view raw)
{
    CleanLine line;
    std::string_view text = raw;
    if (!text.empty() && text.back() == '\r')
        text.remove_suffix(1); // the CR of a CRLF line end is not part of the content
    // ESC (colour codes), CR and NUL bytes (the zeros logrotate's copytruncate leaves, the other half of
    // UTF-16 text) are taken out; most lines have no control byte at all, which one pass tells.
    const char* const end = text.data() + text.size();
    if (detail::findByteAtOrBelow(text.data(), text.data(), end, 0x1b) != end
        && (std::memchr(text.data(), 0x1b, text.size()) != nullptr || std::memchr(text.data(), '\r', text.size()) != nullptr
            || std::memchr(text.data(), '\0', text.size()) != nullptr)) {
        m_scratch.clear();
        for (std::size_t i = 0; i < text.size(); ++i) {
            const char c = text[i];
            if (c == '\r' || c == '\0')
                continue;
            if (c != 0x1b) {
                m_scratch += c;
                continue;
            }
            // ESC [ parameters final-byte (CSI), ESC ] ... BEL or ESC \ (OSC), or ESC and one byte.
            if (i + 1 < text.size() && text[i + 1] == '[') {
                i += 2;
                while (i < text.size() && !(text[i] >= 0x40 && text[i] <= 0x7e))
                    ++i;
            } else if (i + 1 < text.size() && text[i + 1] == ']') {
                i += 2;
                while (i < text.size() && text[i] != 0x07 && !(text[i] == 0x1b && i + 1 < text.size() && text[i + 1] == '\\'))
                    ++i;
                if (i < text.size() && text[i] == 0x1b)
                    ++i;
            } else {
                ++i;
            }
        }
        text = m_scratch;
        line.modified = true;
    }
    line.content = text;
    return line;
}

CleanLine LineCleaner::clean(std::string_view raw)
{
    CleanLine line = scrub(raw);
    std::string_view text = line.content;
    // A byte order mark (UTF-8, or what is left of UTF-16's once its zeros are gone) is no content;
    // only a line starting with a byte of 0xEF or above can begin with one.
    if (!text.empty() && static_cast<unsigned char>(text[0]) >= 0xEF) {
        for (const std::string_view mark : {std::string_view("\xEF\xBB\xBF"), std::string_view("\xFF\xFE"),
                 std::string_view("\xFE\xFF")}) {
            if (text.starts_with(mark)) {
                text.remove_prefix(mark.size());
                line.modified = true;
                break;
            }
        }
    }
    // Prefixes can stack: a quoted log line ("> [Nov 24 10:00:00] ...").
    for (int round = 0; round < 3; ++round) {
        LogTime time;
        LogPrefix kind = LogPrefix::None;
        const std::size_t length = prefixLength(text, time, kind);
        if (length == 0)
            break;
        text.remove_prefix(length);
        line.modified = true;
        if (kind != LogPrefix::Quote || line.prefix == LogPrefix::None)
            line.prefix = kind;
        if (time.valid)
            line.time = time;
    }
    line.content = text;
    return line;
}

} // namespace sipladder::core
