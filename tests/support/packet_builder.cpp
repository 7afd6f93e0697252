// SPDX-License-Identifier: Apache-2.0
#include "support/packet_builder.h"

#include <algorithm>
#include <cstring>

namespace sipladder::testing {

using core::ByteView;
using core::Endpoint;
using core::IpAddress;

namespace {

constexpr std::uint8_t kProtocolIcmp = 1;
constexpr std::uint8_t kProtocolIpInIp = 4;
constexpr std::uint8_t kProtocolTcp = 6;
constexpr std::uint8_t kProtocolUdp = 17;
constexpr std::uint8_t kProtocolIpv6InIp = 41;
constexpr std::uint8_t kProtocolGre = 47;
constexpr std::uint8_t kProtocolIcmpv6 = 58;
constexpr std::uint8_t kProtocolSctp = 132;

void writeBe16(std::uint8_t* p, std::uint32_t value)
{
    p[0] = static_cast<std::uint8_t>(value >> 8);
    p[1] = static_cast<std::uint8_t>(value);
}

void writeBe32(std::uint8_t* p, std::uint32_t value)
{
    p[0] = static_cast<std::uint8_t>(value >> 24);
    p[1] = static_cast<std::uint8_t>(value >> 16);
    p[2] = static_cast<std::uint8_t>(value >> 8);
    p[3] = static_cast<std::uint8_t>(value);
}

void writeLe32(std::uint8_t* p, std::uint32_t value)
{
    p[0] = static_cast<std::uint8_t>(value);
    p[1] = static_cast<std::uint8_t>(value >> 8);
    p[2] = static_cast<std::uint8_t>(value >> 16);
    p[3] = static_cast<std::uint8_t>(value >> 24);
}

std::uint32_t sumWords(const std::uint8_t* p, std::size_t n, std::uint32_t sum = 0)
{
    for (std::size_t i = 0; i + 1 < n; i += 2)
        sum += (std::uint32_t(p[i]) << 8) | p[i + 1];
    if (n % 2 != 0)
        sum += std::uint32_t(p[n - 1]) << 8;
    return sum;
}

std::uint16_t foldChecksum(std::uint32_t sum)
{
    while ((sum >> 16) != 0)
        sum = (sum & 0xFFFF) + (sum >> 16);
    return static_cast<std::uint16_t>(~sum);
}

std::uint32_t pseudoHeaderSum(
    const IpAddress& source, const IpAddress& destination, std::uint8_t protocol, std::size_t length)
{
    const std::size_t addressLength = source.isV6 ? 16 : 4;
    std::uint32_t sum = sumWords(source.bytes.data(), addressLength);
    sum = sumWords(destination.bytes.data(), addressLength, sum);
    sum += protocol;
    sum += static_cast<std::uint32_t>(length >> 16) + static_cast<std::uint32_t>(length & 0xFFFF);
    return sum;
}

constexpr std::array<std::uint32_t, 256> makeCrc32cTable()
{
    std::array<std::uint32_t, 256> table {};
    for (std::uint32_t i = 0; i < 256; ++i) {
        std::uint32_t crc = i;
        for (int bit = 0; bit < 8; ++bit)
            crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82F63B78u : crc >> 1;
        table[i] = crc;
    }
    return table;
}

constexpr auto kCrc32cTable = makeCrc32cTable();

} // namespace

PacketBuilder::PacketBuilder(std::size_t headroom)
    : m_headroom(headroom)
{
}

void PacketBuilder::reset(std::size_t contentSize)
{
    m_buffer.resize(m_headroom + contentSize);
    m_begin = m_headroom;
}

std::uint8_t* PacketBuilder::prepend(std::size_t count)
{
    if (m_begin < count) {
        const std::size_t extra = count + m_headroom;
        m_buffer.insert(m_buffer.begin(), extra, 0);
        m_begin += extra;
        m_headroom += extra;
    }
    m_begin -= count;
    return m_buffer.data() + m_begin;
}

PacketBuilder& PacketBuilder::payload(ByteView bytes)
{
    reset(bytes.size());
    if (!bytes.empty())
        std::memcpy(m_buffer.data() + m_begin, bytes.data(), bytes.size());
    m_top = Layer::Payload;
    return *this;
}

PacketBuilder& PacketBuilder::payload(std::string_view text)
{
    return payload(core::asBytes(text));
}

PacketBuilder& PacketBuilder::ipPacket(ByteView packet)
{
    payload(packet);
    m_top = !packet.empty() && (packet[0] >> 4) == 6 ? Layer::Ipv6 : Layer::Ipv4;
    return *this;
}

void PacketBuilder::prependUdp(const Endpoint& source, const Endpoint& destination, bool ipv4Checksum)
{
    const std::size_t length = size() + 8;
    auto* p = prepend(8);
    writeBe16(p, source.port);
    writeBe16(p + 2, destination.port);
    writeBe16(p + 4, static_cast<std::uint32_t>(length));
    writeBe16(p + 6, 0);
    if (ipv4Checksum || source.address.isV6) {
        const auto sum = pseudoHeaderSum(source.address, destination.address, kProtocolUdp, length);
        std::uint16_t checksum = foldChecksum(sumWords(p, length, sum));
        writeBe16(p + 6, checksum == 0 ? 0xFFFF : checksum);
    }
    m_transportSource = source.address;
    m_transportDestination = destination.address;
    m_transportProtocol = kProtocolUdp;
    m_top = Layer::Transport;
}

PacketBuilder& PacketBuilder::udp(const Endpoint& source, const Endpoint& destination, bool ipv4Checksum)
{
    prependUdp(source, destination, ipv4Checksum);
    return *this;
}

PacketBuilder& PacketBuilder::tcp(const Endpoint& source, const Endpoint& destination, std::uint32_t sequence,
    std::uint32_t acknowledgment, std::uint8_t flags)
{
    const std::size_t length = size() + 20;
    auto* p = prepend(20);
    std::memset(p, 0, 20);
    writeBe16(p, source.port);
    writeBe16(p + 2, destination.port);
    writeBe32(p + 4, sequence);
    writeBe32(p + 8, acknowledgment);
    p[12] = 5 << 4;
    p[13] = flags;
    writeBe16(p + 14, 65535);
    const auto sum = pseudoHeaderSum(source.address, destination.address, kProtocolTcp, length);
    writeBe16(p + 16, foldChecksum(sumWords(p, length, sum)));
    m_transportSource = source.address;
    m_transportDestination = destination.address;
    m_transportProtocol = kProtocolTcp;
    m_top = Layer::Transport;
    return *this;
}

PacketBuilder& PacketBuilder::sctp(const Endpoint& source, const Endpoint& destination,
    std::span<const SctpChunkSpec> chunks, std::uint32_t verificationTag)
{
    auto chunkLength = [](const SctpChunkSpec& chunk) -> std::size_t {
        if (chunk.type == 0)
            return 16 + chunk.userData.size();
        if (chunk.type == 64)
            return 20 + chunk.userData.size();
        return 4 + chunk.userData.size();
    };
    std::size_t total = 12;
    for (const auto& chunk : chunks)
        total += (chunkLength(chunk) + 3) & ~std::size_t(3);
    reset(total);
    auto* p = m_buffer.data() + m_begin;
    std::memset(p, 0, total);
    writeBe16(p, source.port);
    writeBe16(p + 2, destination.port);
    writeBe32(p + 4, verificationTag);
    std::size_t offset = 12;
    for (const auto& chunk : chunks) {
        auto* c = p + offset;
        const std::size_t length = chunkLength(chunk);
        c[0] = chunk.type;
        writeBe16(c + 2, static_cast<std::uint32_t>(length));
        std::size_t header = 4;
        if (chunk.type == 0 || chunk.type == 64) {
            c[1] = static_cast<std::uint8_t>(
                (chunk.unordered ? 0x04 : 0) | (chunk.beginning ? 0x02 : 0) | (chunk.ending ? 0x01 : 0));
            writeBe32(c + 4, chunk.tsn);
            writeBe16(c + 8, chunk.stream);
            if (chunk.type == 0) {
                writeBe16(c + 10, chunk.messageId);
                writeBe32(c + 12, chunk.payloadProtocol);
                header = 16;
            } else {
                writeBe32(c + 12, chunk.messageId);
                writeBe32(c + 16, chunk.beginning ? chunk.payloadProtocol : chunk.fragmentSequence);
                header = 20;
            }
        }
        if (!chunk.userData.empty())
            std::memcpy(c + header, chunk.userData.data(), chunk.userData.size());
        offset += (length + 3) & ~std::size_t(3);
    }
    // SCTP sends the CRC32c least significant byte first (RFC 9260 appendix A).
    writeLe32(p + 8, crc32c(ByteView(p, total)));
    m_transportSource = source.address;
    m_transportDestination = destination.address;
    m_transportProtocol = kProtocolSctp;
    m_top = Layer::Transport;
    return *this;
}

void PacketBuilder::prependIp(
    const IpAddress& source, const IpAddress& destination, std::uint8_t protocol, const IpOptions& options)
{
    if (!source.isV6) {
        const std::size_t headerLength = 20 + std::size_t(options.ipv4OptionWords) * 4;
        const std::size_t total = headerLength + size();
        auto* p = prepend(headerLength);
        std::memset(p, 0, 20);
        std::memset(p + 20, 0x01, headerLength - 20); // NOP options
        p[0] = static_cast<std::uint8_t>(0x40 | (headerLength / 4));
        writeBe16(p + 2, static_cast<std::uint32_t>(total));
        writeBe16(p + 4, options.identification);
        writeBe16(p + 6, options.dontFragment ? 0x4000 : 0);
        p[8] = options.ttl;
        p[9] = protocol;
        std::memcpy(p + 12, source.bytes.data(), 4);
        std::memcpy(p + 16, destination.bytes.data(), 4);
        writeBe16(p + 10, foldChecksum(sumWords(p, headerLength)));
        m_top = Layer::Ipv4;
        return;
    }
    // Extension headers go between the base header and `protocol`; build them innermost first.
    std::uint8_t next = protocol;
    for (auto it = options.ipv6ExtensionHeaders.rbegin(); it != options.ipv6ExtensionHeaders.rend(); ++it) {
        const std::uint8_t type = *it;
        if (type == 51) {
            auto* h = prepend(16);
            std::memset(h, 0, 16);
            h[0] = next;
            h[1] = 2; // (2 + 2) * 4 = 16 bytes
            writeBe32(h + 4, 0x1000);
            writeBe32(h + 8, 1);
        } else if (type == 43) {
            // Type 2 routing header (RFC 6275) whose home address is the destination itself.
            auto* h = prepend(24);
            std::memset(h, 0, 24);
            h[0] = next;
            h[1] = 2;
            h[2] = 2;
            h[3] = 1;
            std::memcpy(h + 8, destination.bytes.data(), 16);
        } else {
            auto* h = prepend(8);
            std::memset(h, 0, 8);
            h[0] = next;
            h[2] = 0x01; // PadN covering the 6 option bytes
            h[3] = 4;
        }
        next = type;
    }
    const std::size_t payloadLength = size();
    auto* p = prepend(40);
    std::memset(p, 0, 40);
    p[0] = 0x60;
    writeBe16(p + 4, static_cast<std::uint32_t>(payloadLength));
    p[6] = next;
    p[7] = options.ttl;
    std::memcpy(p + 8, source.bytes.data(), 16);
    std::memcpy(p + 24, destination.bytes.data(), 16);
    m_top = Layer::Ipv6;
}

PacketBuilder& PacketBuilder::ip(const IpOptions& options)
{
    prependIp(m_transportSource, m_transportDestination, m_transportProtocol, options);
    return *this;
}

PacketBuilder& PacketBuilder::ipHeader(
    const IpAddress& source, const IpAddress& destination, std::uint8_t protocol, const IpOptions& options)
{
    prependIp(source, destination, protocol, options);
    return *this;
}

PacketBuilder& PacketBuilder::ipInIp(const IpAddress& outerSource, const IpAddress& outerDestination)
{
    const auto protocol = m_top == Layer::Ipv6 ? kProtocolIpv6InIp : kProtocolIpInIp;
    prependIp(outerSource, outerDestination, protocol, {});
    return *this;
}

void PacketBuilder::prependGre(std::uint16_t protocolType, const GreOptions& options)
{
    const std::size_t length = 4 + (options.checksum ? 4 : 0) + (options.key ? 4 : 0) + (options.sequence ? 4 : 0);
    auto* p = prepend(length);
    std::memset(p, 0, length);
    p[0] = static_cast<std::uint8_t>(
        (options.checksum ? 0x80 : 0) | (options.key ? 0x20 : 0) | (options.sequence ? 0x10 : 0));
    writeBe16(p + 2, protocolType);
    std::size_t offset = 4;
    const std::size_t checksumOffset = offset;
    if (options.checksum)
        offset += 4;
    if (options.key) {
        writeBe32(p + offset, *options.key);
        offset += 4;
    }
    if (options.sequence)
        writeBe32(p + offset, *options.sequence);
    if (options.checksum)
        writeBe16(p + checksumOffset, foldChecksum(sumWords(p, size())));
}

PacketBuilder& PacketBuilder::gre(
    const IpAddress& outerSource, const IpAddress& outerDestination, const GreOptions& options)
{
    std::uint16_t protocolType = 0x0800;
    switch (m_top) {
    case Layer::Ipv6:
        protocolType = 0x86DD;
        break;
    case Layer::Ethernet:
        protocolType = 0x6558;
        break;
    case Layer::Mpls:
        protocolType = 0x8847;
        break;
    default:
        break;
    }
    prependGre(protocolType, options);
    prependIp(outerSource, outerDestination, kProtocolGre, {});
    return *this;
}

PacketBuilder& PacketBuilder::erspan(const IpAddress& outerSource, const IpAddress& outerDestination, ErspanType type,
    bool platformSubHeader, std::uint16_t session)
{
    constexpr std::uint16_t kVlan = 10;
    switch (type) {
    case ErspanType::TypeI:
        prependGre(0x88BE, {});
        break;
    case ErspanType::TypeII: {
        auto* p = prepend(8);
        std::memset(p, 0, 8);
        writeBe16(p, (1u << 12) | kVlan); // version 1
        writeBe16(p + 2, session & 0x3FFu);
        prependGre(0x88BE, GreOptions { false, std::nullopt, 1 });
        break;
    }
    case ErspanType::TypeIII: {
        if (platformSubHeader) {
            auto* sub = prepend(8);
            std::memset(sub, 0, 8);
            sub[0] = 0x0C; // platform id 3, port/info fields left zero
        }
        auto* p = prepend(12);
        std::memset(p, 0, 12);
        writeBe16(p, (2u << 12) | kVlan); // version 2
        writeBe16(p + 2, session & 0x3FFu);
        writeBe32(p + 4, 0x01020304); // timestamp
        p[11] = platformSubHeader ? 0x01 : 0x00; // O flag
        prependGre(0x22EB, GreOptions { false, std::nullopt, 1 });
        break;
    }
    }
    prependIp(outerSource, outerDestination, kProtocolGre, {});
    return *this;
}

PacketBuilder& PacketBuilder::pptp(const IpAddress& outerSource, const IpAddress& outerDestination,
    std::uint16_t callId, std::optional<std::uint32_t> sequence, std::optional<std::uint32_t> acknowledgment)
{
    const std::size_t payloadLength = size();
    const std::size_t length = 8 + (sequence ? 4 : 0) + (acknowledgment ? 4 : 0);
    auto* p = prepend(length);
    p[0] = static_cast<std::uint8_t>(0x20 | (sequence ? 0x10 : 0));
    p[1] = static_cast<std::uint8_t>((acknowledgment ? 0x80 : 0) | 0x01);
    writeBe16(p + 2, 0x880B);
    writeBe16(p + 4, static_cast<std::uint32_t>(payloadLength));
    writeBe16(p + 6, callId);
    std::size_t offset = 8;
    if (sequence) {
        writeBe32(p + offset, *sequence);
        offset += 4;
    }
    if (acknowledgment)
        writeBe32(p + offset, *acknowledgment);
    prependIp(outerSource, outerDestination, kProtocolGre, {});
    return *this;
}

PacketBuilder& PacketBuilder::gtpU(
    const IpAddress& outerSource, const IpAddress& outerDestination, const GtpUOptions& options)
{
    constexpr std::uint8_t kPduSessionContainer = 0x85;
    for (std::uint8_t i = 0; i < options.extensionHeaders; ++i) {
        auto* e = prepend(4);
        e[0] = 1; // 4 bytes
        e[1] = 0x00;
        e[2] = 0x05; // QFI
        e[3] = i == 0 ? 0 : kPduSessionContainer; // the last one prepended first ends the chain
    }
    const bool optional = options.sequence || options.nPduNumber || options.extensionHeaders != 0;
    if (optional) {
        auto* o = prepend(4);
        writeBe16(o, options.sequence.value_or(0));
        o[2] = options.nPduNumber.value_or(0);
        o[3] = options.extensionHeaders != 0 ? kPduSessionContainer : 0;
    }
    const std::size_t length = size();
    auto* p = prepend(8);
    p[0] = static_cast<std::uint8_t>(0x30 | (options.extensionHeaders != 0 ? 0x04 : 0) | (options.sequence ? 0x02 : 0)
        | (options.nPduNumber ? 0x01 : 0));
    p[1] = 0xFF;
    writeBe16(p + 2, static_cast<std::uint32_t>(length));
    writeBe32(p + 4, options.teid);
    prependUdp(Endpoint { outerSource, 2152 }, Endpoint { outerDestination, 2152 }, true);
    prependIp(outerSource, outerDestination, kProtocolUdp, {});
    return *this;
}

PacketBuilder& PacketBuilder::vxlan(const IpAddress& outerSource, const IpAddress& outerDestination, std::uint32_t vni)
{
    auto* p = prepend(8);
    std::memset(p, 0, 8);
    p[0] = 0x08;
    p[4] = static_cast<std::uint8_t>(vni >> 16);
    p[5] = static_cast<std::uint8_t>(vni >> 8);
    p[6] = static_cast<std::uint8_t>(vni);
    const auto sourcePort = static_cast<std::uint16_t>(49152 + (vni & 0x3FFF));
    prependUdp(Endpoint { outerSource, sourcePort }, Endpoint { outerDestination, 4789 }, true);
    prependIp(outerSource, outerDestination, kProtocolUdp, {});
    return *this;
}

PacketBuilder& PacketBuilder::icmpError(const IpAddress& reporter, const IpAddress& destination, std::uint8_t type,
    std::uint8_t code, std::size_t maxQuoted)
{
    if (size() > maxQuoted)
        m_buffer.resize(m_begin + maxQuoted);
    const std::size_t length = size() + 8;
    auto* p = prepend(8);
    std::memset(p, 0, 8);
    p[0] = type;
    p[1] = code;
    const bool tooBig = reporter.isV6 ? type == 2 : (type == 3 && code == 4);
    if (tooBig)
        writeBe32(p + 4, 1280);
    const std::uint32_t sum = reporter.isV6 ? pseudoHeaderSum(reporter, destination, kProtocolIcmpv6, length) : 0;
    writeBe16(p + 2, foldChecksum(sumWords(p, length, sum)));
    prependIp(reporter, destination, reporter.isV6 ? kProtocolIcmpv6 : kProtocolIcmp, {});
    return *this;
}

PacketBuilder& PacketBuilder::ethernet(const EthernetOptions& options)
{
    std::uint16_t etherType = 0x88B5; // local experimental: "something that is not IP"
    switch (m_top) {
    case Layer::Ipv4:
        etherType = 0x0800;
        break;
    case Layer::Ipv6:
        etherType = 0x86DD;
        break;
    case Layer::Mpls:
        etherType = 0x8847;
        break;
    case Layer::PppoeSession:
        etherType = 0x8864;
        break;
    default:
        break;
    }
    const std::size_t tags = std::min(options.vlanCount, options.vlanIds.size());
    const std::size_t headerLength = 14 + 4 * tags;
    // Frames shorter than the Ethernet minimum are padded, as on the wire.
    if (headerLength + size() < 60)
        m_buffer.resize(m_buffer.size() + (60 - headerLength - size()), 0);
    auto* p = prepend(headerLength);
    std::memcpy(p, options.destination.bytes.data(), 6);
    std::memcpy(p + 6, options.source.bytes.data(), 6);
    for (std::size_t i = 0; i < tags; ++i) {
        writeBe16(p + 12 + 4 * i, i == 0 ? options.outerTpid : 0x8100);
        writeBe16(p + 14 + 4 * i, options.vlanIds[i] & 0x0FFFu);
    }
    writeBe16(p + 12 + 4 * tags, etherType);
    m_top = Layer::Ethernet;
    return *this;
}

PacketBuilder& PacketBuilder::ethernet(std::initializer_list<std::uint16_t> vlanIds, std::uint16_t outerTpid)
{
    EthernetOptions options;
    for (auto id : vlanIds) {
        if (options.vlanCount < options.vlanIds.size())
            options.vlanIds[options.vlanCount++] = id;
    }
    options.outerTpid = outerTpid;
    return ethernet(options);
}

PacketBuilder& PacketBuilder::mpls(std::initializer_list<std::uint32_t> labels)
{
    auto* p = prepend(4 * labels.size());
    std::size_t index = 0;
    for (auto label : labels) {
        const bool bottom = index + 1 == labels.size();
        writeBe32(p + 4 * index, (label << 12) | (bottom ? 0x100u : 0u) | 64u);
        ++index;
    }
    m_top = Layer::Mpls;
    return *this;
}

PacketBuilder& PacketBuilder::pppoe(std::uint16_t session)
{
    const std::uint16_t protocol = m_top == Layer::Ipv6 ? 0x0057 : 0x0021;
    auto* proto = prepend(2);
    writeBe16(proto, protocol);
    const std::size_t length = size();
    auto* p = prepend(6);
    p[0] = 0x11;
    p[1] = 0x00;
    writeBe16(p + 2, session);
    writeBe16(p + 4, static_cast<std::uint32_t>(length));
    m_top = Layer::PppoeSession;
    return *this;
}

PacketBuilder& PacketBuilder::ppp(const PppOptions& options)
{
    const std::uint16_t protocol = m_top == Layer::Ipv6 ? 0x0057 : 0x0021;
    if (options.compressProtocol) {
        *prepend(1) = static_cast<std::uint8_t>(protocol);
    } else {
        writeBe16(prepend(2), protocol);
    }
    if (options.addressControl) {
        auto* p = prepend(2);
        p[0] = 0xFF;
        p[1] = 0x03;
    }
    m_top = Layer::Ppp;
    return *this;
}

PacketBuilder& PacketBuilder::sll()
{
    const std::uint16_t protocol = m_top == Layer::Ipv6 ? 0x86DD : 0x0800;
    auto* p = prepend(16);
    std::memset(p, 0, 16);
    writeBe16(p + 2, 1); // ARPHRD_ETHER
    writeBe16(p + 4, 6);
    p[6] = 0x02;
    p[11] = 0x01;
    writeBe16(p + 14, protocol);
    m_top = Layer::Sll;
    return *this;
}

PacketBuilder& PacketBuilder::sll2()
{
    const std::uint16_t protocol = m_top == Layer::Ipv6 ? 0x86DD : 0x0800;
    auto* p = prepend(20);
    std::memset(p, 0, 20);
    writeBe16(p, protocol);
    writeBe32(p + 4, 1); // interface index
    writeBe16(p + 8, 1); // ARPHRD_ETHER
    p[11] = 6;
    p[12] = 0x02;
    p[17] = 0x01;
    m_top = Layer::Sll2;
    return *this;
}

PacketBuilder& PacketBuilder::nullLoopback(std::optional<std::uint32_t> family, bool bigEndian)
{
    const std::uint32_t value = family.value_or(m_top == Layer::Ipv6 ? 30 : 2);
    auto* p = prepend(4);
    if (bigEndian)
        writeBe32(p, value);
    else
        writeLe32(p, value);
    m_top = Layer::Null;
    return *this;
}

PacketBuilder& PacketBuilder::loop()
{
    const std::uint32_t value = m_top == Layer::Ipv6 ? 24 : 2;
    writeBe32(prepend(4), value);
    m_top = Layer::Loop;
    return *this;
}

std::uint32_t PacketBuilder::linkType() const
{
    switch (m_top) {
    case Layer::Ethernet:
        return 1;
    case Layer::Ppp:
        return 9;
    case Layer::Sll:
        return 113;
    case Layer::Sll2:
        return 276;
    case Layer::Null:
        return 0;
    case Layer::Loop:
        return 108;
    case Layer::Ipv4:
    case Layer::Ipv6:
        return 101;
    default:
        return 147; // LINKTYPE_USER0: nothing standard
    }
}

std::vector<std::vector<std::uint8_t>> PacketBuilder::fragmentIp(
    ByteView datagram, std::size_t maxFragmentData, std::uint32_t ipv6Identification)
{
    std::vector<std::vector<std::uint8_t>> fragments;
    const std::size_t step = std::max<std::size_t>(8, maxFragmentData & ~std::size_t(7));
    if (datagram.empty())
        return fragments;
    if ((datagram[0] >> 4) == 4) {
        const std::size_t headerLength = std::size_t(datagram[0] & 0x0F) * 4;
        const std::size_t total = std::min<std::size_t>(core::readBe16(datagram.data() + 2), datagram.size());
        for (std::size_t offset = headerLength; offset < total; offset += step) {
            const std::size_t chunk = std::min(step, total - offset);
            const bool last = offset + chunk >= total;
            std::vector<std::uint8_t> fragment(headerLength + chunk);
            std::memcpy(fragment.data(), datagram.data(), headerLength);
            std::memcpy(fragment.data() + headerLength, datagram.data() + offset, chunk);
            writeBe16(fragment.data() + 2, static_cast<std::uint32_t>(fragment.size()));
            writeBe16(
                fragment.data() + 6, static_cast<std::uint32_t>(((offset - headerLength) / 8) | (last ? 0 : 0x2000)));
            writeBe16(fragment.data() + 10, 0);
            writeBe16(fragment.data() + 10, foldChecksum(sumWords(fragment.data(), headerLength)));
            fragments.push_back(std::move(fragment));
        }
        return fragments;
    }
    const std::size_t total = std::min<std::size_t>(40 + core::readBe16(datagram.data() + 4), datagram.size());
    for (std::size_t offset = 40; offset < total; offset += step) {
        const std::size_t chunk = std::min(step, total - offset);
        const bool last = offset + chunk >= total;
        std::vector<std::uint8_t> fragment(48 + chunk);
        std::memcpy(fragment.data(), datagram.data(), 40);
        writeBe16(fragment.data() + 4, static_cast<std::uint32_t>(8 + chunk));
        fragment[6] = 44;
        auto* header = fragment.data() + 40;
        header[0] = datagram[6];
        header[1] = 0;
        writeBe16(header + 2, static_cast<std::uint32_t>(((offset - 40) / 8) << 3) | (last ? 0u : 1u));
        writeBe32(header + 4, ipv6Identification);
        std::memcpy(fragment.data() + 48, datagram.data() + offset, chunk);
        fragments.push_back(std::move(fragment));
    }
    return fragments;
}

std::uint32_t PacketBuilder::crc32c(ByteView bytes)
{
    std::uint32_t crc = 0xFFFFFFFFu;
    for (auto byte : bytes)
        crc = kCrc32cTable[(crc ^ byte) & 0xFF] ^ (crc >> 8);
    return ~crc;
}

} // namespace sipladder::testing
