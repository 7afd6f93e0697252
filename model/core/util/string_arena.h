// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

namespace sipladder::core {

// A reference to text kept in a StringArena: 8 bytes instead of a std::string per field, so a
// million messages cost megabytes, not hundreds of them.
struct StringRef {
    std::uint32_t chunk = 0;
    std::uint32_t offset = 0;
    std::uint32_t length = 0;
    bool empty() const { return length == 0; }
};

// Append-only text storage in large chunks; stored text never moves, so views stay valid.
class StringArena {
public:
    StringRef add(std::string_view text);
    std::string_view view(StringRef ref) const
    {
        if (ref.length == 0)
            return {};
        return {m_chunks[ref.chunk].get() + ref.offset, ref.length};
    }
    std::size_t bytesUsed() const { return m_bytesUsed; }

private:
    static constexpr std::uint32_t kChunkSize = 1u << 20;
    std::vector<std::unique_ptr<char[]>> m_chunks;
    std::vector<std::uint32_t> m_chunkCapacity;
    std::uint32_t m_used = 0;
    std::size_t m_bytesUsed = 0;
};

} // namespace sipladder::core
