// SPDX-License-Identifier: Apache-2.0
#include "util/string_arena.h"

#include <algorithm>
#include <cstring>

namespace sipladder::core {

StringRef StringArena::add(std::string_view text)
{
    if (text.empty())
        return {};
    // Texts come from SIP headers; clamp so lengths and positions stay within 32 bits.
    const auto length = static_cast<std::uint32_t>(std::min<std::size_t>(text.size(), 0x7FFFFFFFu));
    if (m_next + length > m_end) {
        const std::uint64_t pages = (length + kPageSize - 1) / kPageSize;
        const std::uint64_t start = static_cast<std::uint64_t>(m_pages.size()) * kPageSize;
        if (start + pages * kPageSize > 0xFFFFFFFFull)
            return {}; // 4 GiB of header text: keep the message, drop this copy of its text
        // Fresh kernel pages: nothing is written (or faulted in) before text arrives.
        m_blocks.emplace_back(pages * kPageSize);
        auto* block = static_cast<char*>(m_blocks.back().data());
        for (std::uint64_t p = 0; p < pages; ++p)
            m_pages.push_back(block + p * kPageSize);
        m_next = start;
        m_end = start + pages * kPageSize;
    }
    StringRef ref{static_cast<std::uint32_t>(m_next), length};
    std::memcpy(m_pages[m_next >> kPageBits] + (m_next & (kPageSize - 1)), text.data(), length);
    m_next += length;
    m_bytesUsed += length;
    return ref;
}

} // namespace sipladder::core
