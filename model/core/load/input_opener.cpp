// SPDX-License-Identifier: Apache-2.0
#include "load/input_opener.h"

#include "capture/capture_format.h"
#include "capture/file_error.h"
#include "capture/gzip_inflater.h"
#include "textlog/text_log_format.h"

#include <algorithm>
#include <optional>
#include <vector>

namespace sipladder::core {

namespace {

bool isReadableCapture(const FormatProbe& probe)
{
    return probe.format == CaptureFormat::Pcap || probe.format == CaptureFormat::PcapNanosecond
        || probe.format == CaptureFormat::PcapModified || probe.format == CaptureFormat::Pcapng;
}

Error binaryError(const std::string& name, bool compressed)
{
    return Error { ErrorCode::NotACapture,
        name
            + (compressed ? " is gzip-compressed, but what it holds is not a packet capture or SIP text log"
                          : " is not a packet capture or SIP text log")
            + ": it holds binary data that is neither pcap, pcapng nor text." };
}

bool allZero(const std::vector<std::uint8_t>& bytes)
{
    return std::all_of(bytes.begin(), bytes.end(), [](std::uint8_t byte) { return byte == 0; });
}

// A log truncated in place while still open for writing (logrotate's copytruncate) starts with a run
// of zeros that can be longer than the probe: look at the first bytes after it.
bool textAfterZeros(const FileByteSource& file, const std::vector<std::uint8_t>& head)
{
    constexpr std::uint64_t kMaxZeroRun = 256ull * 1024 * 1024;
    if (!allZero(head))
        return false;
    std::vector<std::uint8_t> chunk(kTextProbeLength);
    for (std::uint64_t offset = head.size(); offset < std::min<std::uint64_t>(file.size(), kMaxZeroRun);) {
        const std::int64_t got = file.readSome(offset, chunk.size(), chunk.data());
        if (got <= 0)
            return false;
        chunk.resize(static_cast<std::size_t>(got));
        if (!allZero(chunk))
            return looksLikeTextLog(ByteView(chunk));
        offset += static_cast<std::uint64_t>(got);
    }
    return false;
}

} // namespace

Result<OpenedInput> openInput(const std::string& path, HostNameTable& hosts)
{
    auto opened = FileByteSource::open(path);
    if (!opened)
        return opened.error();
    std::shared_ptr<FileByteSource> file = std::move(opened.value());
    const std::string name = quotedPath(path);
    if (file->size() == 0)
        return Error { ErrorCode::EmptyFile, name + " is empty (0 bytes)." };

    std::vector<std::uint8_t> head(kTextProbeLength);
    const std::int64_t headSize = file->readSome(0, head.size(), head.data());
    if (headSize <= 0)
        return Error { ErrorCode::ReadFailed, name + " cannot be read (I/O error)." };
    head.resize(static_cast<std::size_t>(headSize));
    const ByteView headView(head);
    const FormatProbe probe = probeCaptureFormat(headView.first(std::min(head.size(), kFormatProbeLength)));

    OpenedInput input;
    if (probe.format == CaptureFormat::Unknown) {
        if (!looksLikeTextLog(headView) && !textAfterZeros(*file, head))
            return binaryError(name, false);
        input.text = std::make_unique<TextLogReader>(file, hosts);
        input.byteSource = file;
        return input;
    }
    if (probe.format != CaptureFormat::Gzip) {
        // Captures, and the capture formats SipLadder names but does not read.
        auto reader = openCaptureReader(path);
        if (!reader)
            return reader.error();
        input.capture = std::move(reader.value());
        input.byteSource = input.capture->byteSource();
        return input;
    }

    FormatProbe innerProbe;
    bool innerText = false;
    auto inflated = GzipInflater::inflate(*file, path, [&](ByteView innerHead) -> std::optional<Error> {
        innerProbe = probeCaptureFormat(innerHead);
        if (isReadableCapture(innerProbe))
            return innerProbe.truncatedMagic
                ? std::optional<Error>(Error { ErrorCode::NotACapture, name + " is truncated before the end of the file header." })
                : std::nullopt;
        if (innerProbe.format == CaptureFormat::Gzip)
            return Error { ErrorCode::UnsupportedFormat,
                name + " is gzip-compressed twice; inflate it once (gunzip) and open the result." };
        if (innerProbe.format == CaptureFormat::Unsupported)
            return Error { ErrorCode::UnsupportedFormat,
                name + " holds a " + std::string(innerProbe.name)
                    + " capture, a format SipLadder cannot read; save it as pcap or pcapng (for example with "
                      "Wireshark) and open that." };
        if (looksLikeTextLog(innerHead)) {
            innerText = true;
            return std::nullopt;
        }
        return binaryError(name, true);
    });
    if (!inflated)
        return inflated.error();
    input.compressed = true;
    if (innerText) {
        input.text = std::make_unique<TextLogReader>(inflated.value().file, hosts);
        input.byteSource = inflated.value().file;
        return input;
    }
    auto reader = openInflatedCaptureReader(
        inflated.value().file, path, innerProbe.format, std::move(inflated.value().problem));
    if (!reader)
        return reader.error();
    input.capture = std::move(reader.value());
    input.byteSource = input.capture->byteSource();
    return input;
}

} // namespace sipladder::core
