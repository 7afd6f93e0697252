// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <bit>
#include <cstddef>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace sipladder::core::detail {

// Inlined 16-byte SSE2 scans for the SIP parser's hot loops: header lines and values are short
// (30-80 bytes), where a library call per search costs more than the search. Each returns the first
// matching byte in [from, end), or end. Loads stay inside [begin, end): the last partial block is
// read as the 16 bytes that end at `end` when the range is that long, else byte by byte.

#if defined(__SSE2__)
template <typename Match>
inline const char* scanBlocks(const char* begin, const char* from, const char* end, Match match)
{
    while (end - from >= 16) {
        const auto mask = static_cast<unsigned>(match(_mm_loadu_si128(reinterpret_cast<const __m128i*>(from))));
        if (mask != 0)
            return from + std::countr_zero(mask);
        from += 16;
    }
    if (from == end || end - begin < 16)
        return nullptr;
    const char* const last = end - 16;
    const auto mask
        = static_cast<unsigned>(match(_mm_loadu_si128(reinterpret_cast<const __m128i*>(last)))) >> (from - last);
    return mask != 0 ? from + std::countr_zero(mask) : end;
}
#endif

inline const char* findLineFeed(const char* begin, const char* from, const char* end)
{
#if defined(__SSE2__)
    const __m128i lineFeed = _mm_set1_epi8('\n');
    if (const char* found = scanBlocks(
            begin, from, end, [lineFeed](__m128i block) { return _mm_movemask_epi8(_mm_cmpeq_epi8(block, lineFeed)); }))
        return found;
#else
    (void)begin;
#endif
    if (from == end)
        return end; // an empty range may have a null pointer, which memchr must not see
    const void* found = std::memchr(from, '\n', static_cast<std::size_t>(end - from));
    return found != nullptr ? static_cast<const char*>(found) : end;
}

// `a` or `b`.
inline const char* findEither(const char* begin, const char* from, const char* end, char a, char b)
{
#if defined(__SSE2__)
    const __m128i first = _mm_set1_epi8(a);
    const __m128i second = _mm_set1_epi8(b);
    if (const char* found = scanBlocks(begin, from, end, [first, second](__m128i block) {
            return _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(block, first), _mm_cmpeq_epi8(block, second)));
        }))
        return found;
#else
    (void)begin;
#endif
    while (from < end && *from != a && *from != b)
        ++from;
    return from;
}

// A byte at or below `highest` (control bytes in text: `highest` 0x1b finds ESC, CR, NUL, tab...).
inline const char* findByteAtOrBelow(const char* begin, const char* from, const char* end, unsigned char highest)
{
#if defined(__SSE2__)
    const __m128i limit = _mm_set1_epi8(static_cast<char>(highest));
    if (const char* found = scanBlocks(begin, from, end, [limit](__m128i block) {
            // Unsigned: the byte equals its minimum with `highest` exactly when it is not above it.
            return _mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(block, limit), block));
        }))
        return found;
#else
    (void)begin;
#endif
    while (from < end && static_cast<unsigned char>(*from) > highest)
        ++from;
    return from;
}

// One pass over a line of text: where its line feed is, and where its first byte at or below
// `highest` is (a control byte), so that most lines of a log, having none, need no second look.
struct LineScan {
    const char* lineFeed; // or `end` when there is none
    const char* firstControl; // or `end`; at most lineFeed, as '\n' is a control byte
};

// `highest` is at least '\n'. Reads whole 16-byte blocks while they lie before `end`, then byte by byte.
inline LineScan scanLine(const char* from, const char* end, unsigned char highest)
{
    const char* firstControl = nullptr;
#if defined(__SSE2__)
    const __m128i lineFeed = _mm_set1_epi8('\n');
    const __m128i limit = _mm_set1_epi8(static_cast<char>(highest));
    while (end - from >= 16) {
        const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(from));
        // Unsigned: the byte equals its minimum with `highest` exactly when it is not above it.
        const auto controls = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(block, limit), block)));
        if (controls != 0) {
            if (firstControl == nullptr)
                firstControl = from + std::countr_zero(controls);
            const auto feeds = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(block, lineFeed)));
            if (feeds != 0)
                return {from + std::countr_zero(feeds), firstControl};
        }
        from += 16;
    }
#endif
    for (; from < end; ++from) {
        if (static_cast<unsigned char>(*from) > highest)
            continue;
        if (firstControl == nullptr)
            firstControl = from;
        if (*from == '\n')
            return {from, firstControl};
    }
    return {end, firstControl != nullptr ? firstControl : end};
}

// The characters that structure a header value: '"', '<', '>', ';' and ','. Everything between
// them is skipped without looking at it.
inline const char* findValueSpecial(const char* begin, const char* from, const char* end)
{
#if defined(__SSE2__)
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i open = _mm_set1_epi8('<');
    const __m128i close = _mm_set1_epi8('>');
    const __m128i semicolon = _mm_set1_epi8(';');
    const __m128i comma = _mm_set1_epi8(',');
    if (const char* found = scanBlocks(begin, from, end, [=](__m128i block) {
            const __m128i hits = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(block, quote), _mm_cmpeq_epi8(block, open)),
                _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(block, close), _mm_cmpeq_epi8(block, semicolon)),
                    _mm_cmpeq_epi8(block, comma)));
            return _mm_movemask_epi8(hits);
        }))
        return found;
#else
    (void)begin;
#endif
    while (from < end) {
        const char c = *from;
        if (c == '"' || c == '<' || c == '>' || c == ';' || c == ',')
            return from;
        ++from;
    }
    return from;
}

// Bit i is set when from[i] is a value special ('"', '<', '>', ';', ','), for the 16 bytes from
// `from` on or up to `end`: a caller walks every special of a block with one load.
inline unsigned valueSpecialMask(const char* begin, const char* from, const char* end)
{
#if defined(__SSE2__)
    auto match = [](const char* at) {
        const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(at));
        const __m128i hits = _mm_or_si128(
            _mm_or_si128(_mm_cmpeq_epi8(block, _mm_set1_epi8('"')), _mm_cmpeq_epi8(block, _mm_set1_epi8('<'))),
            _mm_or_si128(
                _mm_or_si128(_mm_cmpeq_epi8(block, _mm_set1_epi8('>')), _mm_cmpeq_epi8(block, _mm_set1_epi8(';'))),
                _mm_cmpeq_epi8(block, _mm_set1_epi8(','))));
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
        const char c = from[i];
        if (c == '"' || c == '<' || c == '>' || c == ';' || c == ',')
            mask |= 1u << i;
    }
    return mask;
}

// Position after the quoted string whose opening '"' is at `quote`, or end when it never closes.
inline const char* skipQuotedString(const char* begin, const char* quote, const char* end)
{
    const char* p = quote + 1;
    for (;;) {
        p = findEither(begin, p, end, '"', '\\');
        if (p >= end)
            return end;
        if (*p == '"')
            return p + 1;
        p += 2; // a backslash and the character it escapes
        if (p >= end)
            return end;
    }
}

// The first `stop` character in [from, end) that is not inside a quoted string (quotes as in
// skipQuotedString), or end. `stop` is one or both of ';' and ','; nothing else counts.
template <bool StopAtSemicolon> inline const char* findUnquoted(const char* begin, const char* from, const char* end)
{
    while (from < end) {
        unsigned mask = valueSpecialMask(begin, from, end);
        const char* next = end - from >= 16 ? from + 16 : end;
        while (mask != 0) {
            const char* const at = from + std::countr_zero(mask);
            if (*at == ',' || (StopAtSemicolon && *at == ';'))
                return at;
            if (*at == '"') {
                next = skipQuotedString(begin, at, end);
                break;
            }
            mask &= mask - 1;
        }
        from = next;
    }
    return end;
}

} // namespace sipladder::core::detail
