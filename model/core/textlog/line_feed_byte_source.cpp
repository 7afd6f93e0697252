// SPDX-License-Identifier: Apache-2.0
#include "textlog/line_feed_byte_source.h"

#include <algorithm>

namespace sipladder::core {

LineFeedByteSource::LineFeedByteSource(std::shared_ptr<const FileByteSource> file, Ends ends)
    : m_file(std::move(file))
    , m_ends(ends)
{
}

bool LineFeedByteSource::read(std::uint64_t offset, std::uint32_t length, std::string& out) const
{
    // The file holds at most `length` bytes of it (each LF there is two bytes here).
    std::string raw;
    if (offset > m_file->size())
        return false;
    const auto available = static_cast<std::uint32_t>(std::min<std::uint64_t>(length, m_file->size() - offset));
    if (!m_file->read(offset, available, raw))
        return false;
    if (m_ends == Ends::DotLineFeed) {
        // As long as the file's bytes: each '.' before a line feed was a CR.
        if (raw.size() != length)
            return false;
        for (std::size_t i = 1; i < raw.size(); ++i) {
            if (raw[i] == '\n' && raw[i - 1] == '.')
                raw[i - 1] = '\r';
        }
        out = std::move(raw);
        return true;
    }
    out.clear();
    out.reserve(length);
    for (std::size_t i = 0; i < raw.size() && out.size() < length; ++i) {
        if (raw[i] == '\n' && (i == 0 || raw[i - 1] != '\r'))
            out += '\r';
        if (out.size() < length)
            out += raw[i];
    }
    if (out.size() != length) {
        out.clear();
        return false;
    }
    return true;
}

} // namespace sipladder::core
