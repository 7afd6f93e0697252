// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <memory>
#include <string_view>
#include <utility>

namespace sipladder::core {

// A growable run of characters that adds a line and its CRLF with one check for room: a text log's
// reader adds every line of every message this way, where std::string's appends check three times.
class TextBuffer {
public:
    std::size_t size() const { return m_size; }
    bool empty() const { return m_size == 0; }
    const char* data() const { return m_data.get(); }
    std::string_view view() const { return {m_data.get(), m_size}; }
    void clear() { m_size = 0; }

    void reserve(std::size_t capacity)
    {
        if (capacity <= m_capacity)
            return;
        auto grown = std::make_unique_for_overwrite<char[]>(capacity);
        if (m_size > 0)
            std::memcpy(grown.get(), m_data.get(), m_size);
        m_data = std::move(grown);
        m_capacity = capacity;
    }

    void append(std::string_view text)
    {
        makeRoom(text.size());
        if (!text.empty())
            std::memcpy(m_data.get() + m_size, text.data(), text.size());
        m_size += text.size();
    }

    // `line` followed by CRLF.
    void appendLine(std::string_view line)
    {
        makeRoom(line.size() + 2);
        char* const at = m_data.get() + m_size;
        if (!line.empty())
            std::memcpy(at, line.data(), line.size());
        at[line.size()] = '\r';
        at[line.size() + 1] = '\n';
        m_size += line.size() + 2;
    }

    void swap(TextBuffer& other) noexcept
    {
        std::swap(m_data, other.m_data);
        std::swap(m_size, other.m_size);
        std::swap(m_capacity, other.m_capacity);
    }

private:
    void makeRoom(std::size_t more)
    {
        if (m_capacity - m_size < more)
            reserve(std::max(m_size + more, 2 * m_capacity));
    }

    std::unique_ptr<char[]> m_data;
    std::size_t m_size = 0;
    std::size_t m_capacity = 0;
};

} // namespace sipladder::core
