// SPDX-License-Identifier: Apache-2.0
#include "capture/pcapng_block_reader.h"

#include "capture/file_error.h"

#include <algorithm>

namespace sipladder::core {

namespace {

constexpr std::uint32_t kSectionHeaderBlock = 0x0A0D0D0A;
constexpr std::uint32_t kInterfaceBlock = 1;
constexpr std::uint32_t kObsoletePacketBlock = 2;
constexpr std::uint32_t kSimplePacketBlock = 3;
constexpr std::uint32_t kEnhancedPacketBlock = 6;
constexpr std::uint32_t kByteOrderMagic = 0x1A2B3C4D;

constexpr std::uint16_t kOptionEnd = 0;
constexpr std::uint16_t kOptionTsResolution = 9;
constexpr std::uint16_t kOptionTsOffset = 14;

constexpr std::size_t kSectionHeaderMinLength = 28;
// Well above what capture tools write (libpcap caps blocks at 16 MiB), low enough that a damaged
// length cannot make us allocate absurd amounts.
constexpr std::uint32_t kMaxBlockLength = 64u * 1024 * 1024;
constexpr std::size_t kMaxInterfaces = 65536;
constexpr std::size_t kReadSize = 1024 * 1024;
constexpr std::uint64_t kNanosPerSecond = 1000000000ull;

std::uint64_t powerOfTen(unsigned exponent)
{
    std::uint64_t value = 1;
    while (exponent-- > 0)
        value *= 10;
    return value;
}

} // namespace

PcapngBlockReader::PcapngBlockReader(std::shared_ptr<const FileByteSource> file)
    : m_file(std::move(file))
    , m_size(m_file->size())
{
}

Result<std::unique_ptr<PcapngBlockReader>> PcapngBlockReader::open(
    std::shared_ptr<const FileByteSource> file, const std::string& displayName)
{
    std::uint8_t head[12] = {};
    const std::int64_t got = file->readSome(0, sizeof head, head);
    if (got < 0)
        return Error { ErrorCode::ReadFailed, quotedPath(displayName) + " cannot be read (I/O error)." };
    if (got >= 4 && readLe32(head) != kSectionHeaderBlock)
        return Error { ErrorCode::NotACapture, quotedPath(displayName) + " is not a pcapng file." };
    if (file->size() < kSectionHeaderMinLength)
        return Error { ErrorCode::NotACapture,
            quotedPath(displayName) + " is truncated before the end of the file header." };
    const bool little = readLe32(head + 8) == kByteOrderMagic;
    if (!little && readBe32(head + 8) != kByteOrderMagic)
        return Error { ErrorCode::NotACapture,
            quotedPath(displayName) + " is not a valid pcapng file: its byte-order magic is wrong." };
    const std::uint32_t length = little ? readLe32(head + 4) : readBe32(head + 4);
    if (length > file->size())
        return Error { ErrorCode::NotACapture,
            quotedPath(displayName) + " is truncated before the end of the file header." };
    return std::unique_ptr<PcapngBlockReader>(new PcapngBlockReader(std::move(file)));
}

const std::uint8_t* PcapngBlockReader::fetch(std::uint64_t offset, std::size_t length)
{
    if (offset >= m_bufferOffset && offset + length <= m_bufferOffset + m_bufferFill)
        return m_buffer.data() + (offset - m_bufferOffset);
    const std::size_t want
        = static_cast<std::size_t>(std::min<std::uint64_t>(std::max(length, kReadSize), m_size - offset));
    if (m_buffer.size() < want)
        m_buffer.resize(want);
    const std::int64_t got = m_file->readSome(offset, want, m_buffer.data());
    m_bufferOffset = offset;
    m_bufferFill = got > 0 ? static_cast<std::size_t>(got) : 0;
    return m_bufferFill >= length ? m_buffer.data() : nullptr;
}

ReadStatus PcapngBlockReader::stop(ReadStatus status, std::string problem)
{
    m_stopped = true;
    m_stopStatus = status;
    m_problem = std::move(problem);
    return status;
}

bool PcapngBlockReader::readSectionHeader(const std::uint8_t* block, std::uint32_t length)
{
    if (length < kSectionHeaderMinLength) {
        stop(ReadStatus::Corrupt, "A Section Header Block is too short (" + std::to_string(length) + " bytes).");
        return false;
    }
    const std::uint16_t major = get16(block + 12);
    const std::uint16_t minor = get16(block + 14);
    if (major != 1) {
        stop(ReadStatus::Corrupt,
            "A section has pcapng version " + std::to_string(major) + "." + std::to_string(minor)
                + ", which is not supported.");
        return false;
    }
    m_interfaces.clear();
    return true;
}

bool PcapngBlockReader::readInterface(const std::uint8_t* block, std::uint32_t length)
{
    if (length < 20) {
        stop(
            ReadStatus::Corrupt, "An Interface Description Block is too short (" + std::to_string(length) + " bytes).");
        return false;
    }
    if (m_interfaces.size() >= kMaxInterfaces) {
        stop(ReadStatus::Corrupt, "The section describes more than " + std::to_string(kMaxInterfaces) + " interfaces.");
        return false;
    }
    Interface interface;
    interface.linkType = get16(block + 8);
    interface.snapLength = get32(block + 12);
    const std::uint8_t* option = block + 16;
    const std::uint8_t* end = block + length - 4;
    while (end - option >= 4) {
        const std::uint16_t code = get16(option);
        const std::uint16_t size = get16(option + 2);
        if (code == kOptionEnd)
            break;
        const std::size_t padded = (std::size_t(size) + 3) & ~std::size_t(3);
        if (padded > static_cast<std::size_t>(end - option - 4)) {
            stop(ReadStatus::Corrupt, "An Interface Description Block has an option that runs past the block's end.");
            return false;
        }
        const std::uint8_t* value = option + 4;
        if (code == kOptionTsResolution && size == 1) {
            interface.binaryResolution = (value[0] & 0x80) != 0;
            interface.exponent = value[0] & 0x7f;
            if ((interface.binaryResolution && interface.exponent > 63)
                || (!interface.binaryResolution && interface.exponent > 19)) {
                stop(ReadStatus::Corrupt, "An interface has an unusable timestamp resolution (if_tsresol).");
                return false;
            }
        } else if (code == kOptionTsOffset && size == 8) {
            const std::uint64_t first = get32(value);
            const std::uint64_t second = get32(value + 4);
            // The option is one 64-bit value in the section's byte order.
            const std::uint64_t raw = m_bigEndian ? (first << 32) | second : (second << 32) | first;
            interface.offsetSeconds = static_cast<std::int64_t>(raw);
        }
        option += 4 + padded;
    }
    m_interfaces.push_back(interface);
    return true;
}

std::int64_t PcapngBlockReader::timestampNs(const Interface& interface, std::uint64_t units) const
{
    // Unsigned arithmetic throughout: absurd timestamps wrap instead of overflowing a signed value.
    std::uint64_t ns = 0;
    if (interface.binaryResolution) {
        const unsigned shift = interface.exponent;
        const std::uint64_t seconds = shift >= 64 ? 0 : units >> shift;
        std::uint64_t fraction = shift >= 64 ? units : units & ((std::uint64_t(1) << shift) - 1);
        unsigned fractionBits = shift;
        // fraction * 1e9 must fit in 64 bits: keep at most 34 bits of fraction (sub-nanosecond anyway).
        if (fractionBits > 34) {
            fraction >>= fractionBits - 34;
            fractionBits = 34;
        }
        ns = seconds * kNanosPerSecond + ((fraction * kNanosPerSecond) >> fractionBits);
    } else if (interface.exponent <= 9) {
        ns = units * powerOfTen(9 - interface.exponent);
    } else {
        ns = units / powerOfTen(interface.exponent - 9);
    }
    ns += static_cast<std::uint64_t>(interface.offsetSeconds) * kNanosPerSecond;
    return static_cast<std::int64_t>(ns);
}

ReadStatus PcapngBlockReader::next(RawFrame& frame)
{
    if (m_stopped)
        return m_stopStatus;
    for (;;) {
        const std::uint64_t remaining = m_size - m_position;
        if (remaining == 0)
            return stop(ReadStatus::EndOfFile, {});
        if (remaining < 12)
            return stop(
                ReadStatus::Truncated, "The capture ends in the middle of a block header (the file was cut short).");
        const std::uint8_t* head = fetch(m_position, 12);
        if (!head)
            return stop(ReadStatus::Truncated, "The capture file could not be read past this point (I/O error).");
        const std::uint32_t type = get32(head);
        if (type == kSectionHeaderBlock) {
            if (readLe32(head + 8) == kByteOrderMagic)
                m_bigEndian = false;
            else if (readBe32(head + 8) == kByteOrderMagic)
                m_bigEndian = true;
            else
                return stop(ReadStatus::Corrupt, "A Section Header Block has an invalid byte-order magic.");
        }
        const std::uint32_t length = get32(head + 4);
        if (length < 12 || length % 4 != 0)
            return stop(ReadStatus::Corrupt, "A block has an invalid length of " + std::to_string(length) + " bytes.");
        if (length > kMaxBlockLength)
            return stop(
                ReadStatus::Corrupt, "A block claims an implausible length of " + std::to_string(length) + " bytes.");
        if (length > remaining)
            return stop(ReadStatus::Truncated, "The capture ends in the middle of a block (the file was cut short).");
        const std::uint8_t* block = fetch(m_position, length);
        if (!block)
            return stop(ReadStatus::Truncated, "The capture file could not be read past this point (I/O error).");
        if (get32(block + length - 4) != length)
            return stop(ReadStatus::Corrupt, "A block's length in its header and in its trailer differ.");
        const std::uint64_t blockOffset = m_position;
        m_position += length;

        std::uint32_t interfaceId = 0;
        std::uint64_t units = 0;
        std::uint32_t capturedLength = 0;
        std::uint32_t originalLength = 0;
        std::uint32_t dataOffset = 0;
        bool hasTimestamp = true;
        switch (type) {
        case kSectionHeaderBlock:
            if (!readSectionHeader(block, length))
                return m_stopStatus;
            continue;
        case kInterfaceBlock:
            if (!readInterface(block, length))
                return m_stopStatus;
            continue;
        case kEnhancedPacketBlock:
        case kObsoletePacketBlock:
            if (length < 32)
                return stop(ReadStatus::Corrupt, "A packet block is too short (" + std::to_string(length) + " bytes).");
            interfaceId = type == kEnhancedPacketBlock ? get32(block + 8) : get16(block + 8);
            units = (std::uint64_t(get32(block + 12)) << 32) | get32(block + 16);
            capturedLength = get32(block + 20);
            originalLength = get32(block + 24);
            dataOffset = 28;
            if (capturedLength > length - 32)
                return stop(ReadStatus::Corrupt,
                    "A packet block claims " + std::to_string(capturedLength) + " captured bytes but holds only "
                        + std::to_string(length - 32) + ".");
            break;
        case kSimplePacketBlock:
            if (length < 16)
                return stop(
                    ReadStatus::Corrupt, "A Simple Packet Block is too short (" + std::to_string(length) + " bytes).");
            originalLength = get32(block + 8);
            capturedLength = std::min(originalLength, length - 16);
            dataOffset = 12;
            hasTimestamp = false;
            break;
        default:
            continue;
        }
        if (interfaceId >= m_interfaces.size())
            return stop(ReadStatus::Corrupt,
                "A packet refers to interface " + std::to_string(interfaceId) + ", but its section describes "
                    + std::to_string(m_interfaces.size()) + ".");
        const Interface& interface = m_interfaces[interfaceId];
        // A Simple Packet Block holds min(original length, snapshot length of interface 0) bytes.
        if (type == kSimplePacketBlock && interface.snapLength != 0)
            capturedLength = std::min(capturedLength, interface.snapLength);

        frame.frameNumber = ++m_frameNumber;
        frame.timestampNs = hasTimestamp ? timestampNs(interface, units) : 0;
        frame.linkType = interface.linkType;
        frame.originalLength = originalLength;
        frame.data = ByteView(block + dataOffset, capturedLength);
        frame.dataFileOffset = blockOffset + dataOffset;
        return ReadStatus::Frame;
    }
}

} // namespace sipladder::core
