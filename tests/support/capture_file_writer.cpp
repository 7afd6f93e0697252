// SPDX-License-Identifier: Apache-2.0
#include "support/capture_file_writer.h"

#include <cstring>
#include <stdexcept>
#include <zlib.h>

namespace sipladder::testing {

namespace {

constexpr std::uint64_t kNanosPerSecond = 1000000000ull;

std::uint32_t padded4(std::size_t size)
{
    return static_cast<std::uint32_t>((size + 3) & ~std::size_t(3));
}

} // namespace

CaptureFileSink::CaptureFileSink(const std::filesystem::path& path, bool bigEndian)
    : m_path(path)
    , m_bigEndian(bigEndian)
{
    m_file = std::fopen(path.c_str(), "wb");
    if (!m_file)
        throw std::runtime_error("cannot create " + path.string());
    m_buffer.reserve(kFlushSize + 256 * 1024);
}

CaptureFileSink::~CaptureFileSink()
{
    if (m_file) {
        if (!m_buffer.empty())
            std::fwrite(m_buffer.data(), 1, m_buffer.size(), m_file);
        std::fclose(m_file);
    }
}

void CaptureFileSink::put16(std::uint16_t value)
{
    if (m_bigEndian) {
        put8(static_cast<std::uint8_t>(value >> 8));
        put8(static_cast<std::uint8_t>(value));
    } else {
        put8(static_cast<std::uint8_t>(value));
        put8(static_cast<std::uint8_t>(value >> 8));
    }
}

void CaptureFileSink::put32(std::uint32_t value)
{
    if (m_bigEndian) {
        put16(static_cast<std::uint16_t>(value >> 16));
        put16(static_cast<std::uint16_t>(value));
    } else {
        put16(static_cast<std::uint16_t>(value));
        put16(static_cast<std::uint16_t>(value >> 16));
    }
}

void CaptureFileSink::put64(std::uint64_t value)
{
    if (m_bigEndian) {
        put32(static_cast<std::uint32_t>(value >> 32));
        put32(static_cast<std::uint32_t>(value));
    } else {
        put32(static_cast<std::uint32_t>(value));
        put32(static_cast<std::uint32_t>(value >> 32));
    }
}

void CaptureFileSink::putBytes(ByteView bytes)
{
    m_buffer.insert(m_buffer.end(), bytes.begin(), bytes.end());
}

void CaptureFileSink::flush()
{
    if (!m_file)
        throw std::runtime_error("write after close: " + m_path.string());
    if (!m_buffer.empty() && std::fwrite(m_buffer.data(), 1, m_buffer.size(), m_file) != m_buffer.size())
        throw std::runtime_error("cannot write " + m_path.string());
    m_flushed += m_buffer.size();
    m_buffer.clear();
}

void CaptureFileSink::close()
{
    if (!m_file)
        return;
    flush();
    const int rc = std::fclose(m_file);
    m_file = nullptr;
    if (rc != 0)
        throw std::runtime_error("cannot write " + m_path.string());
}

PcapWriter::PcapWriter(
    const std::filesystem::path& path, std::uint32_t linkType, bool nanosecond, std::uint32_t snaplen, bool bigEndian)
    : m_sink(path, bigEndian)
    , m_nanosecond(nanosecond)
{
    m_sink.put32(nanosecond ? 0xa1b23c4d : 0xa1b2c3d4);
    m_sink.put16(2);
    m_sink.put16(4);
    m_sink.put32(0);
    m_sink.put32(0);
    m_sink.put32(snaplen);
    m_sink.put32(linkType);
}

std::uint64_t PcapWriter::write(std::int64_t tsNs, ByteView bytes, std::uint32_t originalLength)
{
    const auto ns = static_cast<std::uint64_t>(tsNs);
    m_sink.put32(static_cast<std::uint32_t>(ns / kNanosPerSecond));
    m_sink.put32(static_cast<std::uint32_t>(m_nanosecond ? ns % kNanosPerSecond : ns % kNanosPerSecond / 1000));
    m_sink.put32(static_cast<std::uint32_t>(bytes.size()));
    m_sink.put32(originalLength ? originalLength : static_cast<std::uint32_t>(bytes.size()));
    const std::uint64_t dataOffset = m_sink.offset();
    m_sink.putBytes(bytes);
    m_sink.maybeFlush();
    return dataOffset;
}

PcapngWriter::PcapngWriter(const std::filesystem::path& path, bool bigEndian)
    : m_sink(path, bigEndian)
{
    writeSectionHeader();
}

void PcapngWriter::writeSectionHeader()
{
    m_sink.put32(0x0A0D0D0A);
    m_sink.put32(28);
    m_sink.put32(0x1A2B3C4D);
    m_sink.put16(1);
    m_sink.put16(0);
    m_sink.put64(~std::uint64_t(0)); // section length not given
    m_sink.put32(28);
    m_sink.maybeFlush();
}

void PcapngWriter::startSection(bool bigEndian)
{
    m_sink.setBigEndian(bigEndian);
    m_interfaces.clear();
    writeSectionHeader();
}

std::uint32_t PcapngWriter::addInterface(std::uint32_t linkType, std::uint32_t snaplen, bool tsresolNanos)
{
    InterfaceOptions options;
    options.tsresol = tsresolNanos ? 9 : 6;
    return addInterface(linkType, snaplen, options);
}

std::uint32_t PcapngWriter::addInterface(std::uint32_t linkType, std::uint32_t snaplen, const InterfaceOptions& options)
{
    std::uint32_t optionsLength = 0;
    if (options.tsresol != 6)
        optionsLength += 4 + 4;
    if (options.tsOffsetSeconds != 0)
        optionsLength += 4 + 8;
    if (!options.name.empty())
        optionsLength += 4 + padded4(options.name.size());
    if (optionsLength)
        optionsLength += 4;
    const std::uint32_t length = 20 + optionsLength;
    m_sink.put32(1);
    m_sink.put32(length);
    m_sink.put16(static_cast<std::uint16_t>(linkType));
    m_sink.put16(0);
    m_sink.put32(snaplen);
    if (!options.name.empty()) {
        m_sink.put16(2);
        m_sink.put16(static_cast<std::uint16_t>(options.name.size()));
        m_sink.putBytes(core::asBytes(options.name));
        m_sink.putPadding(padded4(options.name.size()) - options.name.size());
    }
    if (options.tsresol != 6) {
        m_sink.put16(9);
        m_sink.put16(1);
        m_sink.put8(options.tsresol);
        m_sink.putPadding(3);
    }
    if (options.tsOffsetSeconds != 0) {
        m_sink.put16(14);
        m_sink.put16(8);
        m_sink.put64(static_cast<std::uint64_t>(options.tsOffsetSeconds));
    }
    if (optionsLength) {
        m_sink.put16(0);
        m_sink.put16(0);
    }
    m_sink.put32(length);
    m_sink.maybeFlush();
    m_interfaces.push_back(options);
    return static_cast<std::uint32_t>(m_interfaces.size() - 1);
}

std::uint64_t PcapngWriter::timestampUnits(std::uint32_t interfaceId, std::int64_t tsNs) const
{
    const InterfaceOptions& options = m_interfaces.at(interfaceId);
    const auto ns = static_cast<std::uint64_t>(tsNs - options.tsOffsetSeconds * std::int64_t(kNanosPerSecond));
    const unsigned exponent = options.tsresol & 0x7f;
    if (options.tsresol & 0x80) {
        if (exponent > 33)
            throw std::invalid_argument("binary timestamp resolutions finer than 2^-33 are not supported here");
        return ((ns / kNanosPerSecond) << exponent) + (((ns % kNanosPerSecond) << exponent) / kNanosPerSecond);
    }
    std::uint64_t scale = 1;
    for (unsigned i = 0; i < (exponent > 9 ? exponent - 9 : 9 - exponent); ++i)
        scale *= 10;
    return exponent > 9 ? ns * scale : ns / scale;
}

std::uint64_t PcapngWriter::writeEnhanced(std::uint32_t interfaceId, std::int64_t tsNs, ByteView bytes,
    const std::string& comment, std::uint32_t originalLength)
{
    const std::uint64_t units = timestampUnits(interfaceId, tsNs);
    std::uint32_t optionsLength = 0;
    if (!comment.empty())
        optionsLength = 4 + padded4(comment.size()) + 4;
    const std::uint32_t length = 32 + padded4(bytes.size()) + optionsLength;
    m_sink.put32(6);
    m_sink.put32(length);
    m_sink.put32(interfaceId);
    m_sink.put32(static_cast<std::uint32_t>(units >> 32));
    m_sink.put32(static_cast<std::uint32_t>(units));
    m_sink.put32(static_cast<std::uint32_t>(bytes.size()));
    m_sink.put32(originalLength ? originalLength : static_cast<std::uint32_t>(bytes.size()));
    const std::uint64_t dataOffset = m_sink.offset();
    m_sink.putBytes(bytes);
    m_sink.putPadding(padded4(bytes.size()) - bytes.size());
    if (!comment.empty()) {
        m_sink.put16(1);
        m_sink.put16(static_cast<std::uint16_t>(comment.size()));
        m_sink.putBytes(core::asBytes(comment));
        m_sink.putPadding(padded4(comment.size()) - comment.size());
        m_sink.put16(0);
        m_sink.put16(0);
    }
    m_sink.put32(length);
    m_sink.maybeFlush();
    return dataOffset;
}

std::uint64_t PcapngWriter::writeSimple(ByteView bytes, std::uint32_t originalLength)
{
    const std::uint32_t length = 16 + padded4(bytes.size());
    m_sink.put32(3);
    m_sink.put32(length);
    m_sink.put32(originalLength ? originalLength : static_cast<std::uint32_t>(bytes.size()));
    const std::uint64_t dataOffset = m_sink.offset();
    m_sink.putBytes(bytes);
    m_sink.putPadding(padded4(bytes.size()) - bytes.size());
    m_sink.put32(length);
    m_sink.maybeFlush();
    return dataOffset;
}

std::uint64_t PcapngWriter::writeObsoletePacket(std::uint32_t interfaceId, std::int64_t tsNs, ByteView bytes)
{
    const std::uint64_t units = timestampUnits(interfaceId, tsNs);
    const std::uint32_t length = 32 + padded4(bytes.size());
    m_sink.put32(2);
    m_sink.put32(length);
    m_sink.put16(static_cast<std::uint16_t>(interfaceId));
    m_sink.put16(0); // drops count
    m_sink.put32(static_cast<std::uint32_t>(units >> 32));
    m_sink.put32(static_cast<std::uint32_t>(units));
    m_sink.put32(static_cast<std::uint32_t>(bytes.size()));
    m_sink.put32(static_cast<std::uint32_t>(bytes.size()));
    const std::uint64_t dataOffset = m_sink.offset();
    m_sink.putBytes(bytes);
    m_sink.putPadding(padded4(bytes.size()) - bytes.size());
    m_sink.put32(length);
    m_sink.maybeFlush();
    return dataOffset;
}

void PcapngWriter::writeBlock(std::uint32_t type, ByteView body)
{
    const std::uint32_t length = 12 + padded4(body.size());
    m_sink.put32(type);
    m_sink.put32(length);
    m_sink.putBytes(body);
    m_sink.putPadding(padded4(body.size()) - body.size());
    m_sink.put32(length);
    m_sink.maybeFlush();
}

void gzipFile(const std::filesystem::path& source, const std::filesystem::path& destination, int level)
{
    std::FILE* in = std::fopen(source.c_str(), "rb");
    if (!in)
        throw std::runtime_error("cannot read " + source.string());
    const std::string mode = "wb" + std::to_string(level);
    gzFile out = gzopen(destination.c_str(), mode.c_str());
    if (!out) {
        std::fclose(in);
        throw std::runtime_error("cannot create " + destination.string());
    }
    std::vector<char> buffer(1024 * 1024);
    bool ok = true;
    for (;;) {
        const std::size_t n = std::fread(buffer.data(), 1, buffer.size(), in);
        if (n == 0)
            break;
        if (gzwrite(out, buffer.data(), static_cast<unsigned>(n)) != static_cast<int>(n)) {
            ok = false;
            break;
        }
    }
    ok = !std::ferror(in) && ok;
    std::fclose(in);
    if (gzclose(out) != Z_OK || !ok)
        throw std::runtime_error("cannot gzip " + source.string() + " into " + destination.string());
}

void truncateFile(const std::filesystem::path& path, std::uint64_t newSize)
{
    std::filesystem::resize_file(path, newSize);
}

} // namespace sipladder::testing
