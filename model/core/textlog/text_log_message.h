// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "capture/raw_frame.h"
#include "net/endpoint.h"
#include "net/transport.h"
#include "textlog/text_log_format.h"
#include "util/bytes.h"

#include <cstdint>
#include <string>

namespace sipladder::core {

// One SIP message recovered from a text log, with what the log said (or what was inferred) about it.
struct TextLogMessage {
    ByteView bytes; // the message, valid until the reader's next call
    std::uint64_t fileOffset = kUnknownFileOffset; // where `bytes` lie verbatim in the file, when they do
    // Else where they lie in the file but for LF line ends there for CRLF (LineFeedByteSource), when they do.
    std::uint64_t lineFeedOffset = kUnknownFileOffset;
    // Else where they lie in the file but for ngrep's ".\n" there for CRLF, when they do.
    std::uint64_t dotLineFeedOffset = kUnknownFileOffset;
    std::uint64_t line = 0; // line of its start line, 1-based
    std::int64_t timestampNs = 0;
    Endpoint source;
    Endpoint destination;
    bool sourceInferred = false; // taken from the message's headers, not stated by the log
    bool destinationInferred = false;
    Transport transport = Transport::Udp;
    TextLogFormat format = TextLogFormat::RawSip;
    bool truncated = false; // the log ends inside it
};

// A problem with readable text, tied to a line.
struct TextLogWarning {
    std::uint64_t line = 0;
    const char* kind = ""; // "content-length", "cut-off message"
    std::string text;
};

} // namespace sipladder::core
