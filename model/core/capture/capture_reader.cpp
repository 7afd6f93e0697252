// SPDX-License-Identifier: Apache-2.0
#include "capture/capture_reader.h"

#include "capture/capture_format.h"
#include "capture/file_byte_source.h"
#include "capture/file_error.h"
#include "capture/gzip_inflater.h"
#include "capture/pcap_reader.h"

#include <optional>

namespace sipladder::core {

namespace {

// A reader of an inflated .gz capture: names the format "<inner>.gz" and, when the compressed
// stream was damaged or cut off, turns the end of the inflated data into Truncated with that cause.
class InflatedCaptureReader final : public CaptureReader {
public:
    InflatedCaptureReader(std::unique_ptr<CaptureReader> inner, std::string inflateProblem)
        : m_inner(std::move(inner))
        , m_inflateProblem(std::move(inflateProblem))
    {
    }

    ReadStatus next(RawFrame& frame) override
    {
        const ReadStatus status = m_inner->next(frame);
        if (m_inflateProblem.empty() || status == ReadStatus::Frame)
            return status;
        if (m_problem.empty()) {
            // Damaged compressed data is the likely cause of anything that goes wrong at the end.
            m_problem = status == ReadStatus::Corrupt ? m_inner->problem() + " " + m_inflateProblem : m_inflateProblem;
        }
        return status == ReadStatus::Corrupt ? ReadStatus::Corrupt : ReadStatus::Truncated;
    }
    const std::string& problem() const override { return m_problem.empty() ? m_inner->problem() : m_problem; }
    std::string formatName() const override { return m_inner->formatName() + ".gz"; }
    std::uint64_t bytesConsumed() const override { return m_inner->bytesConsumed(); }
    std::uint64_t bytesTotal() const override { return m_inner->bytesTotal(); }
    std::shared_ptr<const ByteSource> byteSource() const override { return m_inner->byteSource(); }

private:
    std::unique_ptr<CaptureReader> m_inner;
    std::string m_inflateProblem;
    std::string m_problem; // set once the end is reached when the compressed stream was damaged
};

std::string notACaptureMessage(const std::string& name, ByteView head, bool compressed)
{
    std::string message = compressed
        ? name + " is gzip-compressed, but what it holds is not a packet capture (pcap or pcapng)"
        : name + " is not a packet capture (pcap or pcapng)";
    if (looksLikeText(head))
        message += compressed ? "; it holds text" : "; it looks like a text file";
    return message + ".";
}

// The error for content that is not a capture we read, or nullopt when it is one.
std::optional<Error> rejectContent(const FormatProbe& probe, const std::string& name, ByteView head, bool compressed)
{
    switch (probe.format) {
    case CaptureFormat::Pcap:
    case CaptureFormat::PcapNanosecond:
    case CaptureFormat::PcapModified:
    case CaptureFormat::Pcapng:
        if (probe.truncatedMagic)
            return Error { ErrorCode::NotACapture, name + " is truncated before the end of the file header." };
        return std::nullopt;
    case CaptureFormat::Gzip:
        if (compressed)
            return Error { ErrorCode::UnsupportedFormat,
                name + " is gzip-compressed twice; inflate it once (gunzip) and open the result." };
        return std::nullopt;
    case CaptureFormat::Unsupported:
        return Error { ErrorCode::UnsupportedFormat,
            name + (compressed ? " holds a " : " is a ") + std::string(probe.name)
                + " capture, a format SipLadder cannot read; save it as pcap or pcapng (for example with "
                  "Wireshark) and open that." };
    case CaptureFormat::Unknown:
        break;
    }
    return Error { ErrorCode::NotACapture, notACaptureMessage(name, head, compressed) };
}

} // namespace

Result<std::unique_ptr<CaptureReader>> openCaptureReader(const std::string& path)
{
    auto opened = FileByteSource::open(path);
    if (!opened)
        return opened.error();
    std::shared_ptr<FileByteSource> file = std::move(opened.value());
    const std::string name = quotedPath(path);
    if (file->size() == 0)
        return Error { ErrorCode::EmptyFile, name + " is empty (0 bytes)." };

    std::uint8_t head[kFormatProbeLength];
    const std::int64_t headSize = file->readSome(0, sizeof head, head);
    if (headSize <= 0)
        return Error { ErrorCode::ReadFailed, name + " cannot be read (I/O error)." };
    const ByteView headView(head, static_cast<std::size_t>(headSize));
    const FormatProbe probe = probeCaptureFormat(headView);
    if (auto rejection = rejectContent(probe, name, headView, false))
        return *rejection;

    if (probe.format != CaptureFormat::Gzip) {
        auto reader = PcapReader::open(file, path, probe.format);
        if (!reader)
            return reader.error();
        return std::unique_ptr<CaptureReader>(std::move(reader.value()));
    }

    FormatProbe innerProbe;
    auto inflated = GzipInflater::inflate(*file, path, [&](ByteView innerHead) -> std::optional<Error> {
        innerProbe = probeCaptureFormat(innerHead);
        return rejectContent(innerProbe, name, innerHead, true);
    });
    if (!inflated)
        return inflated.error();
    return openInflatedCaptureReader(
        inflated.value().file, path, innerProbe.format, std::move(inflated.value().problem));
}

Result<std::unique_ptr<CaptureReader>> openInflatedCaptureReader(std::shared_ptr<FileByteSource> inflated,
    const std::string& path, CaptureFormat innerFormat, std::string inflateProblem)
{
    auto reader = PcapReader::open(std::move(inflated), path, innerFormat);
    if (!reader) {
        // A damaged stream that stops inside the header reads as a short file; say why.
        if (!inflateProblem.empty())
            return Error { ErrorCode::NotACapture,
                quotedPath(path) + " cannot be opened: " + inflateProblem
                    + " Nothing before that point is a complete capture." };
        return reader.error();
    }
    return std::unique_ptr<CaptureReader>(
        std::make_unique<InflatedCaptureReader>(std::move(reader.value()), std::move(inflateProblem)));
}

} // namespace sipladder::core
