// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "util/zeroed_memory.h"

#include <cstdint>
#include <string_view>
#include <vector>

namespace sipladder::core {

// A reference to text kept in a StringArena: 8 bytes instead of a std::string per field, so a
// million messages cost megabytes, not hundreds of them.
struct StringRef {
    std::uint32_t position = 0; // in the arena's pages
    std::uint32_t length = 0;
    bool empty() const { return length == 0; }
};

// Append-only text storage in 2 MiB pages (huge-page sized); stored text never moves, so views stay valid. Holds up
// to 4 GiB of text (positions are 32-bit).
class StringArena {
public:
    StringRef add(std::string_view text);
    std::string_view view(StringRef ref) const
    {
        if (ref.length == 0)
            return {};
        return {m_pages[ref.position >> kPageBits] + (ref.position & (kPageSize - 1)), ref.length};
    }
    std::size_t bytesUsed() const { return m_bytesUsed; }

private:
    static constexpr std::uint32_t kPageBits = 21;
    static constexpr std::uint32_t kPageSize = 1u << kPageBits;

    // Each block is one allocation; a text longer than a page gets a block of several pages, all
    // listed in m_pages, so that position arithmetic holds across them.
    std::vector<ZeroedMemory> m_blocks;
    std::vector<char*> m_pages;
    std::uint64_t m_next = 0; // next free position
    std::uint64_t m_end = 0; // end of the current block
    std::size_t m_bytesUsed = 0;
};

} // namespace sipladder::core
