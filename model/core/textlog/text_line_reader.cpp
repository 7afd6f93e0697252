// SPDX-License-Identifier: Apache-2.0
#include "textlog/text_line_reader.h"

#include "sip/byte_scan.h"

#include <algorithm>
#include <cstring>

namespace sipladder::core {

namespace {

constexpr std::size_t kChunk = 4 << 20;

} // namespace

TextLineReader::TextLineReader(std::shared_ptr<const FileByteSource> file, std::uint64_t startOffset, std::uint64_t firstLine)
    : m_file(std::move(file))
    , m_size(m_file->size())
    , m_windowStart(std::min(startOffset, m_size))
    , m_lineNumber(firstLine - 1)
{
    m_capacity = kChunk + kMaxLineLength;
    m_memory = ZeroedMemory(m_capacity);
    m_buffer = static_cast<char*>(m_memory.data());
}

bool TextLineReader::fill()
{
    // Keep the unread tail, move it to the front, read behind it.
    const std::size_t unread = m_end - m_position;
    if (m_position > 0 && unread > 0)
        std::memmove(m_buffer, m_buffer + m_position, unread);
    m_windowStart += m_position;
    m_position = 0;
    m_end = unread;
    const std::uint64_t fileOffset = m_windowStart + m_end;
    if (fileOffset >= m_size)
        return false;
    const auto want = static_cast<std::size_t>(std::min<std::uint64_t>(m_capacity - m_end, m_size - fileOffset));
    const auto got = m_file->readSome(fileOffset, want, reinterpret_cast<std::uint8_t*>(m_buffer + m_end));
    if (got <= 0) {
        m_failed = got < 0;
        return false;
    }
    m_end += static_cast<std::size_t>(got);
    return true;
}

bool TextLineReader::next(TextLine& line)
{
    for (;;) {
        const char* begin = m_buffer + m_position;
        const std::size_t available = m_end - m_position;
        const std::size_t scan = std::min(available, kMaxLineLength);
        const detail::LineScan found = detail::scanLine(begin, begin + scan, kControlByte);
        const bool feed = found.lineFeed != begin + scan;
        if (feed || available >= kMaxLineLength) {
            const std::size_t length = feed ? static_cast<std::size_t>(found.lineFeed - begin) : kMaxLineLength;
            line.number = ++m_lineNumber;
            line.offset = m_windowStart + m_position;
            line.length = static_cast<std::uint32_t>(length);
            line.lineEnd = feed ? 1 : 0;
            line.firstControl = static_cast<std::uint32_t>(found.firstControl - begin);
            m_position += length + line.lineEnd;
            return true;
        }
        if (!fill()) {
            if (m_end == m_position)
                return false;
            // The last line, without a line feed.
            line.number = ++m_lineNumber;
            line.offset = m_windowStart + m_position;
            line.length = static_cast<std::uint32_t>(m_end - m_position);
            line.lineEnd = 0;
            const char* const begin = m_buffer + m_position;
            line.firstControl
                = static_cast<std::uint32_t>(detail::scanLine(begin, begin + line.length, kControlByte).firstControl - begin);
            m_position = m_end;
            return true;
        }
    }
}

std::string_view TextLineReader::text(const TextLine& line) const
{
    const auto at = static_cast<std::size_t>(line.offset - m_windowStart);
    return std::string_view(m_buffer + at, line.length);
}

} // namespace sipladder::core
