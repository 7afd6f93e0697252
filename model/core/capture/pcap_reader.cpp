// SPDX-License-Identifier: Apache-2.0
#include "capture/pcap_reader.h"

#include "capture/file_error.h"
#include "capture/pcapng_block_reader.h"

#include <cstdio>
#include <pcap/pcap.h>
#include <sys/mman.h>
#include <unistd.h>
#include <vector>

namespace sipladder::core {

namespace {

constexpr std::uint32_t kByteOrderMagic = 0x1A2B3C4D;
constexpr std::uint32_t kObsoletePacketBlock = 2;
constexpr std::uint32_t kSimplePacketBlock = 3;
constexpr std::uint32_t kEnhancedPacketBlock = 6;
// stdio's default buffer is one file-system block (4 KiB); 256 KiB makes 64 times fewer read() calls.
constexpr std::size_t kStreamBufferSize = 256 * 1024;

bool contains(const std::string& text, const char* part)
{
    return text.find(part) != std::string::npos;
}

// libpcap 1.10 rejects these pcapng files although they are valid; PcapngBlockReader reads them.
bool libpcapCannotRepresent(const std::string& message)
{
    return contains(message, "different from the type of the first interface")
        || contains(message, "different from the snapshot length of the first interface")
        || contains(message, "sections with different byte orders")
        || contains(message, "no Interface Description Blocks");
}

std::string trimmed(std::string text)
{
    while (!text.empty() && (text.back() == '\n' || text.back() == '.' || text.back() == ' '))
        text.pop_back();
    return text;
}

} // namespace

struct PcapReader::Impl {
    std::shared_ptr<const FileByteSource> file;
    std::string displayName;
    CaptureFormat format = CaptureFormat::Pcap;
    // The stream buffer must outlive the FILE that libpcap closes in pcap_close().
    std::vector<char> streamBuffer;
    FILE* stream = nullptr;
    pcap_t* pcap = nullptr;
    std::uint32_t linkType = 0;
    unsigned recordHeaderSize = 16;
    bool bigEndian = false; // pcapng: byte order of the section(s)
    // pcapng: a read-only map of the file, to find where a packet's block starts from its trailer
    // without a system call per packet.
    const std::uint8_t* map = nullptr;
    std::size_t mapSize = 0;
    // Mapped file pages count as the process's memory while mapped: the part already read is
    // dropped from the map now and then (the page cache keeps it), so reading a large pcapng does
    // not look like holding it in memory.
    std::uint64_t mapReleasedUpTo = 0;
    std::uint64_t position = 0; // file offset after the last record libpcap read
    std::uint64_t frameNumber = 0;
    std::unique_ptr<PcapngBlockReader> fallback;
    bool stopped = false;
    ReadStatus stopStatus = ReadStatus::EndOfFile;
    std::string problem;

    ~Impl()
    {
        if (pcap)
            pcap_close(pcap);
        if (map)
            ::munmap(const_cast<std::uint8_t*>(map), mapSize);
    }

    std::uint32_t get32(const std::uint8_t* p) const { return bigEndian ? readBe32(p) : readLe32(p); }

    // Also closes the stream, which libpcap owns.
    void closeLibpcap()
    {
        if (pcap)
            pcap_close(pcap);
        pcap = nullptr;
        stream = nullptr;
    }

    ReadStatus stop(ReadStatus status, std::string text)
    {
        stopped = true;
        stopStatus = status;
        problem = std::move(text);
        closeLibpcap();
        return status;
    }

    void releaseMapBehind(std::uint64_t offset)
    {
        constexpr std::uint64_t kReleaseEvery = 64u << 20;
        constexpr std::uint64_t kPage = 4096;
        if (!map || offset < mapReleasedUpTo + 2 * kReleaseEvery)
            return;
        // Keep the last stretch: the next block's start may lie just behind its trailer.
        const std::uint64_t upTo = ((offset - kReleaseEvery) / kPage) * kPage;
        ::madvise(const_cast<std::uint8_t*>(map) + mapReleasedUpTo, upTo - mapReleasedUpTo, MADV_DONTNEED);
        mapReleasedUpTo = upTo;
    }

    std::uint64_t pcapngDataOffset(std::uint64_t blockEnd) const
    {
        std::uint8_t trailer[4];
        const std::uint8_t* lengthBytes = nullptr;
        if (map && blockEnd >= 12 && blockEnd <= mapSize)
            lengthBytes = map + blockEnd - 4;
        else if (blockEnd >= 12 && file->readSome(blockEnd - 4, 4, trailer) == 4)
            lengthBytes = trailer;
        if (!lengthBytes)
            return kUnknownFileOffset;
        const std::uint32_t length = get32(lengthBytes);
        if (length < 12 || length > blockEnd)
            return kUnknownFileOffset;
        const std::uint64_t start = blockEnd - length;
        std::uint8_t typeBytes[4];
        const std::uint8_t* type = map && blockEnd <= mapSize ? map + start : nullptr;
        if (!type && file->readSome(start, 4, typeBytes) == 4)
            type = typeBytes;
        if (!type)
            return kUnknownFileOffset;
        switch (get32(type)) {
        case kEnhancedPacketBlock:
        case kObsoletePacketBlock:
            return start + 28;
        case kSimplePacketBlock:
            return start + 12;
        default:
            return kUnknownFileOffset;
        }
    }

    // libpcap refused the rest of the file: reopen it with our reader and skip what was delivered.
    // With `onlyIfFurther`, libpcap's own verdict (`libpcapStatus`, `libpcapProblem`) stands unless
    // our reader gets past the point where libpcap stopped.
    ReadStatus switchToOwnReader(
        RawFrame& frame, bool onlyIfFurther, ReadStatus libpcapStatus, const std::string& libpcapProblem)
    {
        auto reader = PcapngBlockReader::open(file, displayName);
        if (!reader) {
            return onlyIfFurther ? stop(libpcapStatus, libpcapProblem)
                                 : stop(ReadStatus::Corrupt,
                                     "The rest of the file cannot be read (" + trimmed(reader.error().message) + ").");
        }
        for (std::uint64_t i = 0; i < frameNumber; ++i) {
            const ReadStatus status = reader.value()->next(frame);
            if (status != ReadStatus::Frame)
                return onlyIfFurther ? stop(libpcapStatus, libpcapProblem) : stop(status, reader.value()->problem());
        }
        const ReadStatus status = reader.value()->next(frame);
        if (onlyIfFurther && status != ReadStatus::Frame && status != ReadStatus::EndOfFile)
            return stop(libpcapStatus, libpcapProblem);
        closeLibpcap();
        fallback = std::move(reader.value());
        return status;
    }
};

PcapReader::PcapReader(std::unique_ptr<Impl> impl)
    : m_impl(std::move(impl))
{
}

PcapReader::~PcapReader() = default;

std::uint32_t PcapReader::linkTypeFromDlt(int dlt)
{
    // Only the values where DLT_* and LINKTYPE_* differ on some platform; the guards keep the
    // switch valid wherever the two happen to coincide.
    switch (dlt) {
#if DLT_ATM_RFC1483 != 100
    case DLT_ATM_RFC1483:
        return 100;
#endif
#if DLT_RAW != 101
    case DLT_RAW:
        return 101;
#endif
#if DLT_SLIP_BSDOS != 102
    case DLT_SLIP_BSDOS:
        return 102;
#endif
#if DLT_PPP_BSDOS != 103
    case DLT_PPP_BSDOS:
        return 103;
#endif
#if DLT_ATM_CLIP != 106
    case DLT_ATM_CLIP:
        return 106;
#endif
#if DLT_LOOP != 108
    case DLT_LOOP:
        return 108;
#endif
#if DLT_PFSYNC != 246
    case DLT_PFSYNC:
        return 246;
#endif
    default:
        break;
    }
    // Raw IP as OpenBSD numbers it, where this platform's libpcap passes it through unchanged.
    if (dlt == 14 && DLT_RAW != 14 && DLT_PPP_BSDOS != 14)
        return 101;
    return static_cast<std::uint32_t>(dlt);
}

Result<std::unique_ptr<PcapReader>> PcapReader::open(
    std::shared_ptr<const FileByteSource> file, const std::string& displayName, CaptureFormat format)
{
    auto impl = std::make_unique<Impl>();
    impl->file = file;
    impl->displayName = displayName;
    impl->format = format;
    impl->recordHeaderSize = format == CaptureFormat::PcapModified ? 24 : 16;
    const std::string name = quotedPath(displayName);

    if (format == CaptureFormat::Pcapng) {
        std::uint8_t head[12] = {};
        if (file->readSome(0, sizeof head, head) == sizeof head)
            impl->bigEndian = readBe32(head + 8) == kByteOrderMagic;
    }

    // libpcap reads through a stdio stream on a duplicate of our descriptor: the stream is read
    // from its start, and seeking it once makes glibc track the offset, so ftello() afterwards is
    // a plain computation rather than an lseek() per packet.
    const int fd = ::dup(file->fd());
    FILE* stream = fd >= 0 ? ::fdopen(fd, "rb") : nullptr;
    if (!stream) {
        if (fd >= 0)
            ::close(fd);
        return Error { ErrorCode::ReadFailed, name + " cannot be read: no stream could be opened on it." };
    }
    impl->streamBuffer.resize(kStreamBufferSize);
    std::setvbuf(stream, impl->streamBuffer.data(), _IOFBF, impl->streamBuffer.size());
    ::fseeko(stream, 0, SEEK_SET);

    char errorBuffer[PCAP_ERRBUF_SIZE] = {};
    pcap_t* pcap = pcap_fopen_offline_with_tstamp_precision(stream, PCAP_TSTAMP_PRECISION_NANO, errorBuffer);
    if (!pcap) {
        std::fclose(stream);
        const std::string message = errorBuffer;
        if (format == CaptureFormat::Pcapng && libpcapCannotRepresent(message)) {
            auto reader = PcapngBlockReader::open(file, displayName);
            if (!reader)
                return reader.error();
            impl->fallback = std::move(reader.value());
            return std::unique_ptr<PcapReader>(new PcapReader(std::move(impl)));
        }
        if (contains(message, "truncated"))
            return Error { ErrorCode::NotACapture, name + " is truncated before the end of the file header." };
        if (contains(message, "version"))
            return Error { ErrorCode::UnsupportedFormat,
                name + " uses a capture file version libpcap cannot read (" + trimmed(message) + ")." };
        return Error { ErrorCode::NotACapture,
            name + " looks like a " + (format == CaptureFormat::Pcapng ? "pcapng" : "pcap")
                + " file, but its header is damaged (" + trimmed(message) + ")." };
    }
    impl->stream = stream;
    impl->pcap = pcap;
    impl->linkType = linkTypeFromDlt(pcap_datalink(pcap));
    const off_t afterHeader = ::ftello(stream);
    impl->position = afterHeader > 0 ? static_cast<std::uint64_t>(afterHeader) : 0;

    if (format == CaptureFormat::Pcapng && file->size() > 0) {
        void* map = ::mmap(nullptr, file->size(), PROT_READ, MAP_SHARED, file->fd(), 0);
        if (map != MAP_FAILED) {
            impl->map = static_cast<const std::uint8_t*>(map);
            impl->mapSize = file->size();
        }
    }
    return std::unique_ptr<PcapReader>(new PcapReader(std::move(impl)));
}

ReadStatus PcapReader::next(RawFrame& frame)
{
    Impl& d = *m_impl;
    if (d.fallback)
        return d.fallback->next(frame);
    if (d.stopped)
        return d.stopStatus;

    pcap_pkthdr* header = nullptr;
    const u_char* data = nullptr;
    const int rc = pcap_next_ex(d.pcap, &header, &data);
    if (rc == 1) {
        const off_t end = ::ftello(d.stream);
        const std::uint64_t blockEnd = end >= 0 ? static_cast<std::uint64_t>(end) : 0;
        frame.frameNumber = ++d.frameNumber;
        std::int64_t seconds = header->ts.tv_sec;
        // pcap stores unsigned 32-bit seconds, which libpcap sign-extends (dates after 2038).
        if (seconds < 0 && d.format != CaptureFormat::Pcapng)
            seconds += std::int64_t(1) << 32;
        frame.timestampNs = seconds * 1000000000 + header->ts.tv_usec;
        frame.linkType = d.linkType;
        frame.originalLength = header->len;
        frame.data = ByteView(data, header->caplen);
        if (end < 0)
            frame.dataFileOffset = kUnknownFileOffset;
        else if (d.format == CaptureFormat::Pcapng) {
            frame.dataFileOffset = d.pcapngDataOffset(blockEnd);
            d.releaseMapBehind(blockEnd);
        }
        else
            frame.dataFileOffset = d.position + d.recordHeaderSize;
        d.position = blockEnd;
        return ReadStatus::Frame;
    }
    if (rc == PCAP_ERROR_BREAK || rc == 0)
        return d.stop(ReadStatus::EndOfFile, {});

    const std::string message = pcap_geterr(d.pcap);
    const bool pcapng = d.format == CaptureFormat::Pcapng;
    if (pcapng && libpcapCannotRepresent(message))
        return d.switchToOwnReader(frame, false, ReadStatus::Corrupt, {});
    if (contains(message, "truncated")) {
        return d.stop(ReadStatus::Truncated,
            pcapng ? "The capture ends in the middle of a block (the file was cut short)."
                   : "The capture ends in the middle of a packet record (the file was cut short).");
    }
    const std::string problem = "A packet record is malformed (" + trimmed(message) + ").";
    // libpcap 1.10 also stumbles over valid pcapng it does not expect (a new section in the other
    // byte order reads as an absurd block length): let our reader try before calling it corrupt.
    if (pcapng)
        return d.switchToOwnReader(frame, true, ReadStatus::Corrupt, problem);
    return d.stop(ReadStatus::Corrupt, problem);
}

const std::string& PcapReader::problem() const
{
    return m_impl->fallback ? m_impl->fallback->problem() : m_impl->problem;
}

std::string PcapReader::formatName() const
{
    switch (m_impl->format) {
    case CaptureFormat::PcapNanosecond:
        return "pcap-ns";
    case CaptureFormat::Pcapng:
        return "pcapng";
    default:
        return "pcap";
    }
}

std::uint64_t PcapReader::bytesConsumed() const
{
    return m_impl->fallback ? m_impl->fallback->bytesConsumed() : m_impl->position;
}

std::uint64_t PcapReader::bytesTotal() const
{
    return m_impl->file->size();
}

std::shared_ptr<const ByteSource> PcapReader::byteSource() const
{
    return m_impl->file;
}

bool PcapReader::usesOwnPcapngReader() const
{
    return m_impl->fallback != nullptr;
}

} // namespace sipladder::core
