// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "capture/file_byte_source.h"
#include "util/zeroed_memory.h"

#include <cstdint>
#include <memory>
#include <string_view>

namespace sipladder::core {

// One line of a text file: where it is and how it ended.
struct TextLine {
    std::uint64_t number = 0; // 1-based
    std::uint64_t offset = 0; // file offset of its first byte
    std::uint32_t length = 0; // without the line end (a CR before the LF is part of it)
    std::uint8_t lineEnd = 0; // bytes of the line end: 1 for LF, 0 at the end of a file without one
    // Where its first byte at or below kControlByte is (ESC, CR, NUL, tab...); `length` or more
    // when there is none, or only the CR that ends it (length - 1).
    std::uint32_t firstControl = 0;
};

// Reads a text file line by line through a window of the file (read by position in large chunks),
// so a log of any size is never held in memory whole. Lines longer than a bound are cut into pieces.
class TextLineReader {
public:
    // Reads from `startOffset` (a line's start) on, numbering that line `firstLine`.
    explicit TextLineReader(
        std::shared_ptr<const FileByteSource> file, std::uint64_t startOffset = 0, std::uint64_t firstLine = 1);

    // False at the end of the file or on a read error (see failed()).
    bool next(TextLine& line);
    // The bytes of a line read last; valid until the next call to next().
    std::string_view text(const TextLine& line) const;
    bool failed() const { return m_failed; }
    std::uint64_t bytesConsumed() const { return m_windowStart + m_position; }
    std::uint64_t size() const { return m_size; }

    static constexpr std::size_t kMaxLineLength = 1 << 20;
    static constexpr unsigned char kControlByte = 0x1b;

private:
    bool fill();

    std::shared_ptr<const FileByteSource> m_file;
    std::uint64_t m_size = 0;
    // Fresh kernel memory offered huge pages: a vector's zero fill would touch (and fault in) all of
    // it at once, at a cost like reading a few megabytes of the log.
    ZeroedMemory m_memory;
    char* m_buffer = nullptr;
    std::size_t m_capacity = 0;
    std::uint64_t m_windowStart = 0; // file offset of m_buffer[0]
    std::size_t m_position = 0; // next unread byte in m_buffer
    std::size_t m_end = 0; // valid bytes in m_buffer
    std::uint64_t m_lineNumber = 0;
    bool m_failed = false;
};

} // namespace sipladder::core
