// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "capture/capture_reader.h"
#include "capture/file_byte_source.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace sipladder::core {

// Our own pcapng reader, the one piece of hand-written capture parsing. It is used only for files
// libpcap 1.10 refuses: interfaces with different link types or snapshot lengths, sections with
// different byte orders, a section without interfaces. Handles SHB (both byte orders, several
// sections), IDB (if_tsresol incl. powers of two, if_tsoffset), EPB, SPB, the obsolete PB, and skips
// every other block. Every length is checked against the block and the file.
class PcapngBlockReader final : public CaptureReader {
public:
    // Fails when the file does not start with a complete Section Header Block.
    static Result<std::unique_ptr<PcapngBlockReader>> open(
        std::shared_ptr<const FileByteSource> file, const std::string& displayName);

    ReadStatus next(RawFrame& frame) override;
    const std::string& problem() const override { return m_problem; }
    std::string formatName() const override { return "pcapng"; }
    std::uint64_t bytesConsumed() const override { return m_position; }
    std::uint64_t bytesTotal() const override { return m_size; }
    std::shared_ptr<const ByteSource> byteSource() const override { return m_file; }

private:
    struct Interface {
        std::uint32_t linkType = 0;
        std::uint32_t snapLength = 0;
        bool binaryResolution = false; // if_tsresol: units are 2^-exponent s instead of 10^-exponent s
        std::uint8_t exponent = 6;
        std::int64_t offsetSeconds = 0; // if_tsoffset
    };

    PcapngBlockReader(std::shared_ptr<const FileByteSource> file);

    const std::uint8_t* fetch(std::uint64_t offset, std::size_t length);
    std::uint16_t get16(const std::uint8_t* p) const { return m_bigEndian ? readBe16(p) : readLe16(p); }
    std::uint32_t get32(const std::uint8_t* p) const { return m_bigEndian ? readBe32(p) : readLe32(p); }
    ReadStatus stop(ReadStatus status, std::string problem);
    bool readSectionHeader(const std::uint8_t* block, std::uint32_t length);
    bool readInterface(const std::uint8_t* block, std::uint32_t length);
    std::int64_t timestampNs(const Interface& interface, std::uint64_t units) const;

    std::shared_ptr<const FileByteSource> m_file;
    std::uint64_t m_size = 0;
    std::uint64_t m_position = 0; // offset of the next block
    std::vector<std::uint8_t> m_buffer;
    std::uint64_t m_bufferOffset = 0;
    std::size_t m_bufferFill = 0;
    bool m_bigEndian = false;
    std::vector<Interface> m_interfaces; // of the current section
    std::uint64_t m_frameNumber = 0;
    bool m_stopped = false;
    ReadStatus m_stopStatus = ReadStatus::EndOfFile;
    std::string m_problem;
};

} // namespace sipladder::core
