// SPDX-License-Identifier: Apache-2.0
#include "sip/sip_start_line.h"

#include <algorithm>
#include <cstring>

namespace sipladder::core {

namespace {

constexpr std::string_view kVersion = "SIP/2.0";
// Longest first line considered: a Request-URI can be long, but not unbounded.
constexpr std::size_t kMaxStartLine = 8192;

bool isTokenChar(std::uint8_t c)
{
    if (c >= 'a' && c <= 'z')
        return true;
    if (c >= 'A' && c <= 'Z')
        return true;
    if (c >= '0' && c <= '9')
        return true;
    return std::strchr("-.!%*_+`'~", c) != nullptr && c != 0;
}

bool startsWithVersion(const std::uint8_t* p, std::size_t n)
{
    if (n < kVersion.size())
        return false;
    for (std::size_t i = 0; i < kVersion.size(); ++i) {
        const auto c = static_cast<char>(p[i]);
        const auto expected = kVersion[i];
        if (c != expected && !(expected >= 'A' && expected <= 'Z' && c == expected - 'A' + 'a'))
            return false;
    }
    return true;
}

bool isDigit(std::uint8_t c)
{
    return c >= '0' && c <= '9';
}

// RFC 3261 §25.1: no part of a start line (Request-URI, Reason-Phrase) may hold a control
// character other than HTAB; a NUL or ESC there means binary data or a fuzzed packet, not SIP.
bool restOfLineIsText(const std::uint8_t* p, std::size_t n)
{
    for (std::size_t i = 0; i < n; ++i) {
        const auto c = p[i];
        if (c == '\r' || c == '\n')
            return true;
        if ((c < 0x20 && c != '\t') || c == 0x7F)
            return false;
    }
    return true;
}

} // namespace

bool looksLikeSipStart(ByteView bytes)
{
    const auto* p = bytes.data();
    const std::size_t n = std::min(bytes.size(), kMaxStartLine);
    if (n < 12)
        return false;

    if (startsWithVersion(p, n)) {
        // Status line: SIP/2.0 SP 3DIGIT (SP reason or end of line).
        if (n < 11 || p[7] != ' ' || !isDigit(p[8]) || !isDigit(p[9]) || !isDigit(p[10]))
            return false;
        if (n == 11 || p[11] == '\r' || p[11] == '\n')
            return true;
        return p[11] == ' ' && restOfLineIsText(p + 12, n - 12);
    }

    // Request line: token SP URI SP SIP/2.0 line-end.
    std::size_t i = 0;
    while (i < n && isTokenChar(p[i]))
        ++i;
    if (i == 0 || i >= n || p[i] != ' ')
        return false;
    const std::size_t uriStart = ++i;
    while (i < n && p[i] != ' ' && p[i] != '\r' && p[i] != '\n')
        ++i;
    if (i == uriStart || i >= n || p[i] != ' ' || !restOfLineIsText(p + uriStart, i - uriStart))
        return false;
    // The URI has a scheme ("sip:", "sips:", "tel:", "urn:"...): a colon before any slash or space.
    const auto* uriBegin = p + uriStart;
    const auto* colon = static_cast<const std::uint8_t*>(std::memchr(uriBegin, ':', i - uriStart));
    if (colon == nullptr || colon == uriBegin)
        return false;
    ++i;
    if (!startsWithVersion(p + i, n - i))
        return false;
    i += kVersion.size();
    return i == n || p[i] == '\r' || p[i] == '\n' || p[i] == ' ';
}

std::optional<std::size_t> findSipStart(ByteView bytes, std::size_t from, std::size_t limit)
{
    const std::size_t end = std::min(bytes.size(), from + limit);
    std::size_t pos = from;
    while (pos < end) {
        if (looksLikeSipStart(bytes.subspan(pos)))
            return pos;
        const auto* lf = static_cast<const std::uint8_t*>(std::memchr(bytes.data() + pos, '\n', end - pos));
        if (lf == nullptr)
            break;
        pos = static_cast<std::size_t>(lf - bytes.data()) + 1;
    }
    return std::nullopt;
}

} // namespace sipladder::core
