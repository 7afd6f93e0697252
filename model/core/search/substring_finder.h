// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <string>
#include <string_view>

#if defined(__GLIBC__) || defined(__APPLE__) || defined(__FreeBSD__)
#include <string.h>
#define SIPLADDER_HAVE_MEMMEM 1
#endif

namespace sipladder::core {

// ASCII letters to lower case; other bytes (UTF-8 included) are left alone. Eight bytes at a time:
// a search folds every message of a capture.
inline void foldAsciiCase(char* text, std::size_t size)
{
    constexpr std::uint64_t kOnes = 0x0101010101010101ull;
    constexpr std::uint64_t kHigh = 0x8080808080808080ull;
    std::size_t i = 0;
    for (; i + 8 <= size; i += 8) {
        std::uint64_t word;
        std::memcpy(&word, text + i, 8);
        const std::uint64_t low7 = word & ~kHigh;
        // Per byte, the high bit says: at least 'A', above 'Z', and (from `word`) not ASCII.
        const std::uint64_t atLeastA = low7 + kOnes * (0x80 - 'A');
        const std::uint64_t aboveZ = low7 + kOnes * (0x80 - 'Z' - 1);
        const std::uint64_t upper = atLeastA & ~aboveZ & ~word & kHigh;
        word |= upper >> 2; // 0x80 >> 2 == 0x20, the case bit
        std::memcpy(text + i, &word, 8);
    }
    for (; i < size; ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        text[i] = static_cast<char>(c + (static_cast<unsigned>(c - 'A') < 26u ? 32 : 0));
    }
}

inline std::string foldedAsciiCase(std::string_view text)
{
    std::string result(text);
    foldAsciiCase(result.data(), result.size());
    return result;
}

// Finds one needle in many haystacks as fast as the platform allows (glibc's memmem is vectorised;
// elsewhere a Boyer-Moore-Horspool searcher prepared once). Exact bytes: callers fold case first.
class SubstringFinder {
public:
    explicit SubstringFinder(std::string needle)
        : m_needle(std::move(needle))
#ifndef SIPLADDER_HAVE_MEMMEM
        , m_searcher(m_needle.begin(), m_needle.end())
#endif
    {
    }
    SubstringFinder(const SubstringFinder&) = delete;
    SubstringFinder& operator=(const SubstringFinder&) = delete;

    const std::string& needle() const
    {
        return m_needle;
    }

    // Position of the first occurrence at or after `from`, or npos. An empty needle is found at `from`.
    std::size_t find(std::string_view haystack, std::size_t from = 0) const
    {
        if (from > haystack.size())
            return std::string_view::npos;
        if (m_needle.empty())
            return from;
#ifdef SIPLADDER_HAVE_MEMMEM
        const void* hit = ::memmem(haystack.data() + from, haystack.size() - from, m_needle.data(), m_needle.size());
        return hit ? static_cast<std::size_t>(static_cast<const char*>(hit) - haystack.data()) : std::string_view::npos;
#else
        const auto begin = haystack.begin() + static_cast<std::ptrdiff_t>(from);
        const auto hit = std::search(begin, haystack.end(), m_searcher);
        return hit == haystack.end() ? std::string_view::npos : static_cast<std::size_t>(hit - haystack.begin());
#endif
    }

    bool contains(std::string_view haystack) const
    {
        return find(haystack) != std::string_view::npos;
    }

private:
    std::string m_needle;
#ifndef SIPLADDER_HAVE_MEMMEM
    std::boyer_moore_horspool_searcher<std::string::const_iterator> m_searcher;
#endif
};

} // namespace sipladder::core
