// SPDX-License-Identifier: Apache-2.0
#include "net/hep_decoder.h"

#include "sip/sip_start_line.h"

#include <zlib.h>

#include <algorithm>
#include <cstring>

namespace sipladder::core {

namespace {

constexpr std::size_t kV3HeaderSize = 6; // "HEP3" + total length
constexpr std::size_t kChunkHeaderSize = 6; // vendor, type, length
constexpr std::size_t kV12FixedSize = 8; // version, length, family, protocol, ports
constexpr std::size_t kV2TimeSize = 10; // seconds, microseconds, capture id
// Agents that memcpy their unpacked C struct send the v2 time header padded to 12 bytes.
constexpr std::size_t kV2TimePaddedSize = 12;
constexpr std::size_t kMaxInflatedBytes = 1 << 20;

constexpr std::uint8_t kFamilyInet = 2;
constexpr std::uint8_t kFamilyInet6 = 10;

enum ChunkType : std::uint16_t {
    IpFamily = 1,
    IpProtocol = 2,
    Ipv4Source = 3,
    Ipv4Destination = 4,
    Ipv6Source = 5,
    Ipv6Destination = 6,
    SourcePort = 7,
    DestinationPort = 8,
    TimeSeconds = 9,
    TimeMicroseconds = 10,
    ProtocolType = 11,
    Payload = 15,
    CompressedPayload = 16,
};

bool hasV3Magic(ByteView bytes)
{
    // "EEP3" is the name the protocol had before it became HEP; some agents still send it.
    return bytes.size() >= 4 && (bytes[0] == 'H' || bytes[0] == 'E') && bytes[1] == 'E' && bytes[2] == 'P'
        && bytes[3] == '3';
}

std::size_t v12AddressBlockSize(std::uint8_t family)
{
    if (family == kFamilyInet)
        return 8;
    if (family == kFamilyInet6)
        return 32;
    return 0;
}

bool plausibleV12Header(ByteView bytes)
{
    if (bytes.size() < kV12FixedSize)
        return false;
    const std::uint8_t version = bytes[0];
    if (version != 1 && version != 2)
        return false;
    const std::size_t addressSize = v12AddressBlockSize(bytes[2]);
    if (addressSize == 0 || bytes[1] != kV12FixedSize + addressSize)
        return false;
    const std::uint8_t protocol = bytes[3];
    return protocol == 6 || protocol == 17 || protocol == 132;
}

Transport transportOf(std::uint8_t ipProtocol)
{
    switch (ipProtocol) {
    case 6:
        return Transport::Tcp;
    case 17:
        return Transport::Udp;
    case 132:
        return Transport::Sctp;
    default:
        return Transport::Unknown;
    }
}

// Skips keep-alive line ends so that a payload can be recognised as SIP by its start line.
bool payloadLooksLikeSip(ByteView payload)
{
    std::size_t i = 0;
    while (i < payload.size() && (payload[i] == '\r' || payload[i] == '\n'))
        ++i;
    return looksLikeSipStart(payload.subspan(i));
}

} // namespace

bool HepDecoder::looksLikeHep(ByteView bytes)
{
    if (hasV3Magic(bytes)) {
        if (bytes.size() < kV3HeaderSize)
            return true;
        return readBe16(bytes.data() + 4) >= kV3HeaderSize;
    }
    return plausibleV12Header(bytes);
}

std::optional<std::size_t> HepDecoder::packetLength(ByteView bytes)
{
    if (bytes.size() < kV3HeaderSize || !hasV3Magic(bytes))
        return std::nullopt;
    const std::size_t total = readBe16(bytes.data() + 4);
    if (total < kV3HeaderSize)
        return std::nullopt;
    return total;
}

bool HepDecoder::decode(ByteView bytes, HepPacket& out, DissectorStats& stats)
{
    out = HepPacket {};
    bool ok = false;
    if (hasV3Magic(bytes))
        ok = decodeV3(bytes, out, stats);
    else if (plausibleV12Header(bytes))
        ok = decodeV12(bytes, out);
    if (!ok)
        return false;
    ++stats.hepPackets;
    const bool saysSip = out.payloadType == 1 || (out.payloadType == 0 && payloadLooksLikeSip(out.payload));
    if (!saysSip)
        ++stats.hepNonSipPackets;
    return true;
}

bool HepDecoder::decodeV12(ByteView bytes, HepPacket& out)
{
    const std::uint8_t* p = bytes.data();
    const std::uint8_t family = p[2];
    const std::size_t headerLength = p[1];
    if (bytes.size() < headerLength)
        return false;
    out.version = p[0];
    out.transport = transportOf(p[3]);
    out.source.port = readBe16(p + 4);
    out.destination.port = readBe16(p + 6);
    if (family == kFamilyInet) {
        out.source.address = IpAddress::fromV4Bytes(p + 8);
        out.destination.address = IpAddress::fromV4Bytes(p + 12);
    } else {
        out.source.address = IpAddress::fromV6Bytes(p + 8);
        out.destination.address = IpAddress::fromV6Bytes(p + 24);
    }
    std::size_t payloadOffset = headerLength;
    if (out.version == 2) {
        if (bytes.size() < headerLength + kV2TimeSize)
            return false;
        // v2 agents write the time header in host byte order, which in practice is little endian.
        const std::uint32_t seconds = readLe32(p + headerLength);
        const std::uint32_t microseconds = readLe32(p + headerLength + 4);
        out.timestampNs = std::int64_t(seconds) * 1'000'000'000 + std::int64_t(microseconds) * 1'000;
        // The packed (10-byte) and padded (12-byte) layouts both exist. A SIP start line right after
        // the packed header decides; otherwise two zero bytes there are taken as padding.
        const std::size_t packed = headerLength + kV2TimeSize;
        const std::size_t padded = headerLength + kV2TimePaddedSize;
        payloadOffset = packed;
        if (bytes.size() >= padded && !payloadLooksLikeSip(bytes.subspan(packed))
            && (payloadLooksLikeSip(bytes.subspan(padded)) || (p[packed] == 0 && p[packed + 1] == 0)))
            payloadOffset = padded;
    }
    out.payload = bytes.subspan(payloadOffset);
    return true;
}

bool HepDecoder::decodeV3(ByteView bytes, HepPacket& out, DissectorStats& stats)
{
    if (bytes.size() < kV3HeaderSize)
        return false;
    const std::size_t total = readBe16(bytes.data() + 4);
    if (total < kV3HeaderSize)
        return false;
    // A snapshot length can cut the packet: decode the chunks that were captured.
    const ByteView packet = bytes.first(std::min(total, bytes.size()));
    out.version = 3;

    std::optional<std::uint32_t> seconds;
    std::uint32_t microseconds = 0;
    ByteView payload;
    ByteView compressedPayload;
    bool havePayload = false;
    bool haveCompressed = false;

    std::size_t offset = kV3HeaderSize;
    while (offset + kChunkHeaderSize <= packet.size()) {
        const std::uint8_t* chunk = packet.data() + offset;
        const std::uint16_t vendor = readBe16(chunk);
        const std::uint16_t type = readBe16(chunk + 2);
        const std::size_t length = readBe16(chunk + 4);
        if (length < kChunkHeaderSize || length > packet.size() - offset)
            break;
        const ByteView data(chunk + kChunkHeaderSize, length - kChunkHeaderSize);
        offset += length;
        if (vendor != 0)
            continue;
        switch (type) {
        case IpProtocol:
            if (data.size() >= 1)
                out.transport = transportOf(data[0]);
            break;
        case Ipv4Source:
            if (data.size() >= 4)
                out.source.address = IpAddress::fromV4Bytes(data.data());
            break;
        case Ipv4Destination:
            if (data.size() >= 4)
                out.destination.address = IpAddress::fromV4Bytes(data.data());
            break;
        case Ipv6Source:
            if (data.size() >= 16)
                out.source.address = IpAddress::fromV6Bytes(data.data());
            break;
        case Ipv6Destination:
            if (data.size() >= 16)
                out.destination.address = IpAddress::fromV6Bytes(data.data());
            break;
        case SourcePort:
            if (data.size() >= 2)
                out.source.port = readBe16(data.data());
            break;
        case DestinationPort:
            if (data.size() >= 2)
                out.destination.port = readBe16(data.data());
            break;
        case TimeSeconds:
            if (data.size() >= 4)
                seconds = readBe32(data.data());
            break;
        case TimeMicroseconds:
            if (data.size() >= 4)
                microseconds = readBe32(data.data());
            break;
        case ProtocolType:
            if (data.size() >= 1)
                out.payloadType = data[0];
            break;
        case Payload:
            if (!havePayload) {
                payload = data;
                havePayload = true;
            }
            break;
        case CompressedPayload:
            if (!haveCompressed) {
                compressedPayload = data;
                haveCompressed = true;
            }
            break;
        default:
            // IP family, capture id, auth key, correlation id and the rest say nothing we show.
            break;
        }
    }

    if (seconds)
        out.timestampNs = std::int64_t(*seconds) * 1'000'000'000 + std::int64_t(microseconds) * 1'000;
    if (havePayload) {
        out.payload = payload;
        return true;
    }
    if (haveCompressed) {
        if (!inflate(compressedPayload)) {
            ++stats.hepDecompressionFailures;
            return false;
        }
        out.payload = ByteView(m_inflated.data(), m_inflatedSize);
        out.compressed = true;
        return true;
    }
    return false;
}

bool HepDecoder::inflate(ByteView compressed)
{
    m_inflatedSize = 0;
    if (compressed.empty())
        return false;
    z_stream stream {};
    // 15 + 32: accept a zlib or a gzip header, whichever the agent used.
    if (inflateInit2(&stream, 15 + 32) != Z_OK)
        return false;
    if (m_inflated.size() < 4096)
        m_inflated.resize(4096);
    stream.next_in = const_cast<Bytef*>(compressed.data());
    stream.avail_in = static_cast<uInt>(compressed.size());
    int status = Z_OK;
    while (true) {
        stream.next_out = m_inflated.data() + m_inflatedSize;
        stream.avail_out = static_cast<uInt>(m_inflated.size() - m_inflatedSize);
        status = ::inflate(&stream, Z_NO_FLUSH);
        m_inflatedSize = m_inflated.size() - stream.avail_out;
        if (status == Z_STREAM_END)
            break;
        if (status != Z_OK && status != Z_BUF_ERROR)
            break;
        if (stream.avail_out != 0) {
            // No progress possible: the input ended before the stream did.
            status = Z_DATA_ERROR;
            break;
        }
        if (m_inflated.size() >= kMaxInflatedBytes) {
            status = Z_MEM_ERROR;
            break;
        }
        m_inflated.resize(std::min(m_inflated.size() * 2, kMaxInflatedBytes));
    }
    inflateEnd(&stream);
    if (status != Z_STREAM_END) {
        m_inflatedSize = 0;
        return false;
    }
    return true;
}

} // namespace sipladder::core
