// SPDX-License-Identifier: Apache-2.0
#include "sip/via_header.h"

#include "sip/byte_scan.h"
#include "sip/header_value.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace sipladder::core {

namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

std::size_t skipSpace(std::string_view text, std::size_t pos)
{
    while (pos < text.size() && isSpace(text[pos]))
        ++pos;
    return pos;
}

// A protocol element: stops at '/', whitespace, ';' or ','.
std::size_t scanElement(std::string_view text, std::size_t pos)
{
    while (pos < text.size()) {
        const char c = text[pos];
        if (c == '/' || c == ';' || c == ',' || isSpace(c))
            break;
        ++pos;
    }
    return pos;
}

std::optional<std::uint16_t> parsePort(std::string_view digits)
{
    if (digits.empty() || digits.size() > 5)
        return std::nullopt;
    std::uint32_t value = 0;
    for (char c : digits) {
        if (c < '0' || c > '9')
            return std::nullopt;
        value = value * 10 + static_cast<std::uint32_t>(c - '0');
    }
    if (value > 65535)
        return std::nullopt;
    return static_cast<std::uint16_t>(value);
}

enum CharClass : unsigned char {
    kSpace = 1, // SP, HT, CR, LF
    kElementEnd = 2, // what ends a protocol element: '/', ';', ',' or whitespace
    kSentByMark = 4, // what a sent-by scan stops at: ':', '[', ';', ',' or whitespace
    kNameEnd = 8, // what ends a parameter name: '=', ';', ',', whitespace, and '"' (not handled here)
};

constexpr std::array<unsigned char, 256> makeCharClasses()
{
    std::array<unsigned char, 256> table {};
    for (char c : std::string_view(" \t\r\n"))
        table[static_cast<unsigned char>(c)] = kSpace | kElementEnd | kSentByMark | kNameEnd;
    for (char c : std::string_view(";,"))
        table[static_cast<unsigned char>(c)] = kElementEnd | kSentByMark | kNameEnd;
    table['/'] = kElementEnd;
    table[':'] = kSentByMark;
    table['['] = kSentByMark;
    table['='] = kNameEnd;
    table['"'] = kNameEnd;
    return table;
}
constexpr auto kCharClasses = makeCharClasses();

bool hasClass(char c, CharClass mask)
{
    return (kCharClasses[static_cast<unsigned char>(c)] & mask) != 0;
}

// Bit i is set when from[i] may end or mark a sent-by (whitespace, ';', ',', ':', '['), for the 16
// bytes from `from` on or up to `end`. The SSE2 test also flags other control and non-ASCII bytes,
// which the caller passes over.
unsigned sentByMarkMask(const char* begin, const char* from, const char* end)
{
#if defined(__SSE2__)
    auto match = [](const char* at) {
        const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(at));
        const __m128i hits = _mm_or_si128(
            _mm_or_si128(_mm_cmplt_epi8(block, _mm_set1_epi8(0x21)), _mm_cmpeq_epi8(block, _mm_set1_epi8(';'))),
            _mm_or_si128(
                _mm_or_si128(_mm_cmpeq_epi8(block, _mm_set1_epi8(',')), _mm_cmpeq_epi8(block, _mm_set1_epi8(':'))),
                _mm_cmpeq_epi8(block, _mm_set1_epi8('['))));
        return static_cast<unsigned>(_mm_movemask_epi8(hits));
    };
    if (end - from >= 16)
        return match(from);
    if (end - begin >= 16)
        return match(end - 16) >> (from - (end - 16));
#else
    (void)begin;
#endif
    unsigned mask = 0;
    for (int i = 0; i < 16 && from + i < end; ++i) {
        if (hasClass(from[i], kSentByMark))
            mask |= 1u << i;
    }
    return mask;
}

// 1 to 5 digits up to 65535, as parsePort() accepts.
bool isPort(const char* p, const char* end)
{
    if (p == end || end - p > 5)
        return false;
    std::uint32_t value = 0;
    for (; p < end; ++p) {
        if (*p < '0' || *p > '9')
            return false;
        value = value * 10 + static_cast<std::uint32_t>(*p - '0');
    }
    return value <= 65535;
}

// The ';' or ',' that ends a parameter value; end when there is none; nullptr at a quote.
const char* findUnquotedParameterEnd(const char* begin, const char* p, const char* end)
{
    while (p < end) {
        for (unsigned mask = detail::valueSpecialMask(begin, p, end); mask != 0; mask &= mask - 1) {
            const char* const at = p + std::countr_zero(mask);
            if (*at == ';' || *at == ',')
                return at;
            if (*at == '"')
                return nullptr;
        }
        p = end - p >= 16 ? p + 16 : end;
    }
    return end;
}

} // namespace

std::optional<std::string_view> ViaHeader::parameter(std::string_view name) const
{
    return findParameter(parameters, name);
}

ViaHeader parseViaHeader(std::string_view value)
{
    ViaHeader via;
    std::size_t pos = skipSpace(value, 0);

    std::size_t end = scanElement(value, pos);
    via.protocolName = value.substr(pos, end - pos);
    pos = skipSpace(value, end);
    bool protocolOk = !via.protocolName.empty() && pos < value.size() && value[pos] == '/';
    if (protocolOk) {
        pos = skipSpace(value, pos + 1);
        end = scanElement(value, pos);
        via.protocolVersion = value.substr(pos, end - pos);
        pos = skipSpace(value, end);
        protocolOk = !via.protocolVersion.empty() && pos < value.size() && value[pos] == '/';
    }
    if (protocolOk) {
        pos = skipSpace(value, pos + 1);
        end = scanElement(value, pos);
        via.transport = value.substr(pos, end - pos);
        pos = skipSpace(value, end);
        protocolOk = !via.transport.empty();
    }
    if (!protocolOk) {
        nextListItem(value, 0, via.text);
        return via;
    }

    const std::size_t sentByStart = pos;
    std::size_t sentByEnd = pos;
    if (pos < value.size() && value[pos] == '[') {
        const std::size_t close = value.find(']', pos);
        if (close == std::string_view::npos
            || value.substr(pos, close - pos).find_first_of(";,") != std::string_view::npos) {
            nextListItem(value, 0, via.text);
            return via;
        }
        via.host = value.substr(pos + 1, close - pos - 1);
        via.hostIsIpv6Reference = true;
        pos = close + 1;
    } else {
        end = pos;
        std::size_t colons = 0;
        while (end < value.size() && value[end] != ';' && value[end] != ',' && !isSpace(value[end]))
            colons += value[end++] == ':' ? 1 : 0;
        if (colons >= 2) {
            // Unbracketed IPv6, seen from real devices; tolerated rather than flagged.
            const HostPort bare = splitHostPort(value.substr(pos, end - pos));
            via.host = bare.host;
            via.port = bare.port;
            if (!bare.valid)
                via.host = {};
            pos = end;
        } else {
            end = pos;
            while (end < value.size() && value[end] != ':' && value[end] != ';' && value[end] != ','
                && !isSpace(value[end]))
                ++end;
            via.host = value.substr(pos, end - pos);
            pos = end;
        }
    }
    sentByEnd = pos;
    const std::size_t afterHost = skipSpace(value, pos);
    bool portOk = true;
    if (afterHost < value.size() && value[afterHost] == ':' && !via.port) {
        const std::size_t portStart = skipSpace(value, afterHost + 1);
        end = portStart;
        while (end < value.size() && value[end] >= '0' && value[end] <= '9')
            ++end;
        via.port = parsePort(value.substr(portStart, end - portStart));
        portOk = via.port.has_value();
        sentByEnd = end;
        pos = end;
    }
    via.sentBy = value.substr(sentByStart, sentByEnd - sentByStart);

    // One pass to the end of this via-parm (an unquoted comma starts the next one), noting where
    // the parameters begin.
    std::size_t semicolon = std::string_view::npos;
    std::size_t stop = value.size();
    for (std::size_t i = pos; i < value.size(); ++i) {
        const char c = value[i];
        if (c == '"') {
            while (++i < value.size() && value[i] != '"')
                i += value[i] == '\\' ? 1 : 0;
        } else if (c == ',') {
            stop = i;
            break;
        } else if (c == ';' && semicolon == std::string_view::npos) {
            semicolon = i;
        }
    }
    via.text = trimHeaderValue(value.substr(0, stop));
    if (semicolon != std::string_view::npos)
        via.parameters = trimHeaderValue(value.substr(semicolon, stop - semicolon));
    if (auto branch = findParameter(via.parameters, "branch"))
        via.branch = *branch;
    // Anything other than whitespace between sent-by and the parameters is junk.
    const bool tailOk = trimHeaderValue(value.substr(pos, std::min(semicolon, stop) - pos)).empty();
    via.valid = !via.host.empty() && portOk && tailOk;
    return via;
}

ViaSummary summarizeViaHeader(std::string_view value)
{
    const auto full = [value] {
        const ViaHeader via = parseViaHeader(value);
        return ViaSummary { via.text, via.transport, via.sentBy, via.branch, via.valid };
    };
    const char* const begin = value.data();
    const char* const end = begin + value.size();
    const char* p = begin;
    while (p < end && isSpace(*p))
        ++p;
    // Exactly "SIP/2.0/": protocol name and version then end where parseViaHeader ends them.
    if (end - p < 9 || std::memcmp(p, "SIP/2.0/", 8) != 0)
        return full();
    p += 8;

    ViaSummary summary;
    const char* const transportStart = p;
    while (p < end && !hasClass(*p, kElementEnd))
        ++p;
    if (p == transportStart || p == end || !isSpace(*p))
        return full();
    summary.transport = std::string_view(transportStart, static_cast<std::size_t>(p - transportStart));
    while (p < end && isSpace(*p))
        ++p;

    // sent-by: a host without brackets and at most one colon, then ';', ',' or the end.
    const char* const sentByStart = p;
    const char* sentByEnd = nullptr;
    const char* colon = nullptr;
    while (sentByEnd == nullptr && p < end) {
        unsigned mask = sentByMarkMask(begin, p, end);
        const char* next = end - p >= 16 ? p + 16 : end;
        for (; mask != 0; mask &= mask - 1) {
            const char* const at = p + std::countr_zero(mask);
            if (*at == ':') {
                if (colon != nullptr)
                    return full();
                colon = at;
            } else if (*at == '[') {
                return full();
            } else if (hasClass(*at, kSentByMark)) {
                sentByEnd = at;
                break;
            }
        }
        p = next;
    }
    p = sentByEnd != nullptr ? sentByEnd : end;
    if (p == sentByStart || (p < end && isSpace(*p)))
        return full();
    if (colon != nullptr && (colon == sentByStart || !isPort(colon + 1, p)))
        return full();
    summary.sentBy = std::string_view(sentByStart, static_cast<std::size_t>(p - sentByStart));

    // Parameters up to the branch, with findParameter's rules; a quote before it means quoted commas
    // and semicolons, which parseViaHeader handles. Past the branch only the via-parm's end matters.
    while (p < end && *p == ';') {
        ++p;
        while (p < end && isSpace(*p))
            ++p;
        const char* const nameStart = p;
        while (p < end && !hasClass(*p, kNameEnd))
            ++p;
        if (p < end && *p == '"')
            return full();
        const bool isBranch = p - nameStart == 6 && (nameStart[0] | 0x20) == 'b' && (nameStart[1] | 0x20) == 'r'
            && (nameStart[2] | 0x20) == 'a' && (nameStart[3] | 0x20) == 'n' && (nameStart[4] | 0x20) == 'c'
            && (nameStart[5] | 0x20) == 'h';
        while (p < end && isSpace(*p))
            ++p;
        std::string_view parameterValue;
        if (p < end && *p == '=') {
            ++p;
            while (p < end && isSpace(*p))
                ++p;
            const char* const valueStart = p;
            p = findUnquotedParameterEnd(begin, p, end);
            if (p == nullptr)
                return full();
            parameterValue = trimHeaderValue(std::string_view(valueStart, static_cast<std::size_t>(p - valueStart)));
        }
        if (p < end && *p != ';' && *p != ',') {
            p = findUnquotedParameterEnd(begin, p, end);
            if (p == nullptr)
                return full();
        }
        if (isBranch) {
            summary.branch = parameterValue;
            // The via-parm ends at the first ',' outside quotes, as parseViaHeader finds it.
            if (p < end && *p == ';')
                p = detail::findUnquoted<false>(begin, p, end);
            break;
        }
    }
    summary.text = trimHeaderValue(std::string_view(begin, static_cast<std::size_t>(p - begin)));
    summary.valid = true;
    return summary;
}

} // namespace sipladder::core
