// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "capture/file_byte_source.h"
#include "util/bytes.h"
#include "util/result.h"

#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace sipladder::core {

struct InflatedFile {
    // The inflated bytes, in an already unlinked temporary file.
    std::shared_ptr<FileByteSource> file;
    // Empty when the whole stream inflated cleanly; otherwise a sentence on why it stopped early
    // (damaged or cut-off compressed data). What was inflated before that point is kept.
    std::string problem;
};

// Inflates a gzip-compressed file into a temporary made with mkstemp in $TMPDIR (or /tmp). The
// temporary is unlinked at once, so it disappears when the last descriptor on it is closed, even
// if the process dies.
class GzipInflater {
public:
    // Shown the first inflated bytes (up to kFormatProbeLength) before the rest is inflated; an
    // Error stops there, so a big .gz that is not a capture is rejected without inflating it all.
    using HeadCheck = std::function<std::optional<Error>(ByteView head)>;

    // `displayName` is the .gz path for messages.
    static Result<InflatedFile> inflate(
        const FileByteSource& compressed, const std::string& displayName, const HeadCheck& checkHead);
};

} // namespace sipladder::core
