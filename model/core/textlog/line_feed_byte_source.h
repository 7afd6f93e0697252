// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "capture/byte_source.h"
#include "capture/file_byte_source.h"

#include <memory>

namespace sipladder::core {

// A text log seen with CRLF line ends: most logs are saved with LF (ngrep writes each CR as a '.'),
// and a message handed on with CRLF, which a log's lines otherwise are word for word, is read back
// from the log itself through this view instead of being copied to the loader's spill store. An
// offset is the file's; the bytes from there are the file's with every LF that has no CR before it
// made CRLF, or for ngrep every ".\n" made "\r\n".
class LineFeedByteSource final : public ByteSource {
public:
    enum class Ends { LineFeed, DotLineFeed };
    LineFeedByteSource(std::shared_ptr<const FileByteSource> file, Ends ends);

    bool read(std::uint64_t offset, std::uint32_t length, std::string& out) const override;

private:
    std::shared_ptr<const FileByteSource> m_file;
    Ends m_ends;
};

} // namespace sipladder::core
