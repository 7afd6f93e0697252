// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "capture/byte_source.h"
#include "capture/capture_format.h"
#include "capture/file_byte_source.h"
#include "capture/raw_frame.h"
#include "util/result.h"

#include <cstdint>
#include <memory>
#include <string>

namespace sipladder::core {

enum class ReadStatus {
    Frame, // `frame` holds the next frame
    EndOfFile, // clean end
    Truncated, // the file ends inside a record: everything before was delivered; see problem()
    Corrupt, // a record is malformed and the rest cannot be read; see problem()
};

// Sequential reader of one capture file. Implementations: libpcap for pcap and pcapng, our own
// block reader for pcapng files libpcap 1.10 refuses (interfaces with different link types or
// snapshot lengths). Gzip-compressed captures are inflated to a temporary file first.
class CaptureReader {
public:
    virtual ~CaptureReader() = default;

    virtual ReadStatus next(RawFrame& frame) = 0;
    // After Truncated/Corrupt: what went wrong, a sentence without the frame number (the loader adds it).
    virtual const std::string& problem() const = 0;

    // "pcap", "pcap-ns" (nanosecond pcap), "pcapng"; with ".gz" appended for compressed inputs.
    virtual std::string formatName() const = 0;
    // Bytes of the (inflated) file consumed so far and in all, for progress.
    virtual std::uint64_t bytesConsumed() const = 0;
    virtual std::uint64_t bytesTotal() const = 0;
    // Where RawFrame::dataFileOffset points into; outlives the reader (it owns a temporary file for .gz).
    virtual std::shared_ptr<const ByteSource> byteSource() const = 0;
};

// Opens a capture by its content (never by its name). Errors name the file and say what is wrong:
// missing, not readable (permission), a directory, empty, not a capture file, or a capture format
// that is recognised but not supported (NetMon, snoop, ...).
Result<std::unique_ptr<CaptureReader>> openCaptureReader(const std::string& path);

// A reader of an inflated .gz capture whose inner format was probed as `innerFormat`; `inflateProblem`
// is GzipInflater's note on a damaged or cut-off stream (empty when it inflated cleanly).
Result<std::unique_ptr<CaptureReader>> openInflatedCaptureReader(std::shared_ptr<FileByteSource> inflated,
    const std::string& path, CaptureFormat innerFormat, std::string inflateProblem);

} // namespace sipladder::core
