// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "util/bytes.h"

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

namespace sipladder::testing {

using core::ByteView;

// Buffered, streaming binary output in a chosen byte order; the writers below share it. Throws
// std::runtime_error when the file cannot be created or written (test and tool code only).
class CaptureFileSink {
public:
    CaptureFileSink(const std::filesystem::path& path, bool bigEndian);
    ~CaptureFileSink();
    CaptureFileSink(const CaptureFileSink&) = delete;
    CaptureFileSink& operator=(const CaptureFileSink&) = delete;

    void setBigEndian(bool bigEndian) { m_bigEndian = bigEndian; }
    void put8(std::uint8_t value) { m_buffer.push_back(value); }
    void put16(std::uint16_t value);
    void put32(std::uint32_t value);
    void put64(std::uint64_t value);
    void putBytes(ByteView bytes);
    void putPadding(std::size_t count) { m_buffer.insert(m_buffer.end(), count, 0); }
    // Offset in the file of the next byte put.
    std::uint64_t offset() const { return m_flushed + m_buffer.size(); }
    // Writes buffered bytes out when the buffer is full enough; call after each record.
    void maybeFlush()
    {
        if (m_buffer.size() >= kFlushSize)
            flush();
    }
    void flush();
    void close();

private:
    static constexpr std::size_t kFlushSize = 1024 * 1024;
    std::filesystem::path m_path;
    std::FILE* m_file = nullptr;
    std::vector<std::uint8_t> m_buffer;
    std::uint64_t m_flushed = 0;
    bool m_bigEndian = false;
};

// Writes a classic pcap file (magic a1b2c3d4, or a1b23c4d with `nanosecond`).
class PcapWriter {
public:
    PcapWriter(const std::filesystem::path& path, std::uint32_t linkType, bool nanosecond = false,
        std::uint32_t snaplen = 262144, bool bigEndian = false);

    // Appends one record; `originalLength` 0 means bytes.size(). Returns the file offset of the
    // packet bytes.
    std::uint64_t write(std::int64_t tsNs, ByteView bytes, std::uint32_t originalLength = 0);
    // Flushes and closes; the destructor does it too, but cannot report a failure.
    void close() { m_sink.close(); }
    std::uint64_t bytesWritten() const { return m_sink.offset(); }

private:
    CaptureFileSink m_sink;
    bool m_nanosecond = false;
};

// Writes a pcapng file: a Section Header Block first, then interfaces and packets as asked.
class PcapngWriter {
public:
    struct InterfaceOptions {
        // if_tsresol as stored: bit 7 set means 2^-(value & 0x7f) seconds, else 10^-value.
        std::uint8_t tsresol = 6;
        // if_tsoffset in seconds; written only when non-zero.
        std::int64_t tsOffsetSeconds = 0;
        std::string name; // if_name, written when not empty
    };

    explicit PcapngWriter(const std::filesystem::path& path, bool bigEndian = false);

    // Returns the interface id (its index in the current section).
    std::uint32_t addInterface(std::uint32_t linkType, std::uint32_t snaplen, bool tsresolNanos = false);
    std::uint32_t addInterface(std::uint32_t linkType, std::uint32_t snaplen, const InterfaceOptions& options);
    // Each returns the file offset of the packet bytes.
    std::uint64_t writeEnhanced(std::uint32_t interfaceId, std::int64_t tsNs, ByteView bytes,
        const std::string& comment = "", std::uint32_t originalLength = 0);
    std::uint64_t writeSimple(ByteView bytes, std::uint32_t originalLength = 0);
    std::uint64_t writeObsoletePacket(std::uint32_t interfaceId, std::int64_t tsNs, ByteView bytes);
    // Any other block (name resolution, statistics, decryption secrets, custom, unknown types);
    // the body is padded to 4 bytes.
    void writeBlock(std::uint32_t type, ByteView body);
    // Starts a new section (a new SHB, possibly in the other byte order); interface ids restart at 0.
    void startSection(bool bigEndian = false);
    void close() { m_sink.close(); }
    std::uint64_t bytesWritten() const { return m_sink.offset(); }

private:
    void writeSectionHeader();
    std::uint64_t timestampUnits(std::uint32_t interfaceId, std::int64_t tsNs) const;

    CaptureFileSink m_sink;
    std::vector<InterfaceOptions> m_interfaces;
};

// Compresses `source` into `destination` with gzip (streaming).
void gzipFile(const std::filesystem::path& source, const std::filesystem::path& destination, int level = 6);

// Cuts (or extends with zeros) a file to `newSize` bytes.
void truncateFile(const std::filesystem::path& path, std::uint64_t newSize);

} // namespace sipladder::testing
