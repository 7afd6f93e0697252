// SPDX-License-Identifier: Apache-2.0
#include "util/string_arena.h"

#include <algorithm>
#include <cstring>

namespace sipladder::core {

StringRef StringArena::add(std::string_view text)
{
    if (text.empty())
        return {};
    // Header values are bounded by message size, but clamp so the 32-bit length cannot overflow.
    const auto length = static_cast<std::uint32_t>(std::min<std::size_t>(text.size(), 0xFFFFFFF0u));
    if (m_chunks.empty() || m_used + length > m_chunkCapacity.back()) {
        const std::uint32_t capacity = std::max(kChunkSize, length);
        m_chunks.push_back(std::make_unique<char[]>(capacity));
        m_chunkCapacity.push_back(capacity);
        m_used = 0;
    }
    StringRef ref{static_cast<std::uint32_t>(m_chunks.size() - 1), m_used, length};
    std::memcpy(m_chunks.back().get() + m_used, text.data(), length);
    m_used += length;
    m_bytesUsed += length;
    return ref;
}

} // namespace sipladder::core
