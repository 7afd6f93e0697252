// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "net/endpoint.h"
#include "util/bytes.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace sipladder::testing {

struct MacAddress {
    std::array<std::uint8_t, 6> bytes {};
};

// Options of an IP header added by PacketBuilder::ip() and the tunnel methods.
struct IpOptions {
    std::uint16_t identification = 1; // IPv4 id
    std::uint8_t ttl = 64; // IPv4 TTL or IPv6 hop limit
    bool dontFragment = false;
    std::uint8_t ipv4OptionWords = 0; // IPv4 options of that many 4-byte words (NOPs), IHL grows
    // IPv6 extension headers inserted before the upper layer, in order: 0 (hop-by-hop) and 60
    // (destination options) as 8-byte headers, 43 as a 24-byte type 2 routing header, 51 (AH) as a
    // 16-byte header.
    std::span<const std::uint8_t> ipv6ExtensionHeaders;
};

struct EthernetOptions {
    MacAddress source { { 0x02, 0, 0, 0, 0, 0x01 } };
    MacAddress destination { { 0x02, 0, 0, 0, 0, 0x02 } };
    std::array<std::uint16_t, 4> vlanIds {}; // outermost first
    std::size_t vlanCount = 0;
    std::uint16_t outerTpid = 0x8100; // TPID of the outermost tag (0x88A8 or 0x9100 for QinQ)
};

struct GreOptions {
    bool checksum = false;
    std::optional<std::uint32_t> key;
    std::optional<std::uint32_t> sequence;
};

enum class ErspanType : std::uint8_t {
    TypeI, // GRE 0x88BE without sequence number and without ERSPAN header
    TypeII, // GRE 0x88BE with sequence number, 8-byte header
    TypeIII, // GRE 0x22EB, 12-byte header (+ 8-byte platform sub-header)
};

struct GtpUOptions {
    std::uint32_t teid = 1;
    std::optional<std::uint16_t> sequence;
    std::optional<std::uint8_t> nPduNumber;
    std::uint8_t extensionHeaders = 0; // that many 4-byte PDU session container extension headers
};

struct PppOptions {
    bool addressControl = true; // FF 03 before the protocol
    bool compressProtocol = false; // one-byte protocol field (protocol-field compression)
};

// One SCTP chunk: DATA (type 0), I-DATA (type 64), or any other type whose value is `userData`.
struct SctpChunkSpec {
    std::uint8_t type = 0;
    core::ByteView userData;
    std::uint32_t tsn = 1;
    std::uint16_t stream = 0;
    std::uint32_t messageId = 0; // SSN (16 bits) for DATA, MID for I-DATA
    std::uint32_t payloadProtocol = 0; // PPID; I-DATA sends it in the first fragment only
    std::uint32_t fragmentSequence = 0; // I-DATA FSN of a fragment other than the first
    bool beginning = true;
    bool ending = true;
    bool unordered = false;
};

// Builds frames in code, innermost layer first, by prepending headers into one reused buffer:
//
//     PacketBuilder b;
//     b.payload(invite).udp(alice, bob).ip().ethernet();
//     dissector.dissect(frameFor(b.bytes()), b.linkType());
//
// Checksums are computed (IPv4 header, UDP, TCP, ICMP/ICMPv6, SCTP CRC32c, GRE when asked), so
// Wireshark accepts the packets. A builder reused with payload() allocates nothing once its buffer
// has grown, which matters when it generates large benchmark captures.
class PacketBuilder {
public:
    explicit PacketBuilder(std::size_t headroom = 256);

    // Starts a new packet whose innermost content is `bytes`.
    PacketBuilder& payload(core::ByteView bytes);
    PacketBuilder& payload(std::string_view text);
    // Starts from a complete IP packet (for instance one of fragmentIp()'s fragments).
    PacketBuilder& ipPacket(core::ByteView packet);

    // Transport layers; their endpoints are remembered for ip().
    PacketBuilder& udp(const core::Endpoint& source, const core::Endpoint& destination, bool ipv4Checksum = true);
    PacketBuilder& tcp(const core::Endpoint& source, const core::Endpoint& destination, std::uint32_t sequence,
        std::uint32_t acknowledgment, std::uint8_t flags);
    // An SCTP packet made of `chunks` (the current content is replaced).
    PacketBuilder& sctp(const core::Endpoint& source, const core::Endpoint& destination,
        std::span<const SctpChunkSpec> chunks, std::uint32_t verificationTag = 1);

    // IPv4 or IPv6 (by the transport's address family) around the transport layer.
    PacketBuilder& ip(const IpOptions& options = {});
    // An IP header with any protocol number around the current content.
    PacketBuilder& ipHeader(const core::IpAddress& source, const core::IpAddress& destination, std::uint8_t protocol,
        const IpOptions& options = {});

    // Tunnels around the current IP packet (or Ethernet frame / PPP frame), each with its outer IP header.
    PacketBuilder& ipInIp(const core::IpAddress& outerSource, const core::IpAddress& outerDestination);
    // Protocol type from the content: IPv4 0x0800, IPv6 0x86DD, Ethernet 0x6558, MPLS 0x8847.
    PacketBuilder& gre(
        const core::IpAddress& outerSource, const core::IpAddress& outerDestination, const GreOptions& options = {});
    // Mirrors the current Ethernet frame.
    PacketBuilder& erspan(const core::IpAddress& outerSource, const core::IpAddress& outerDestination, ErspanType type,
        bool platformSubHeader = false, std::uint16_t session = 1);
    // Enhanced GRE (PPTP, version 1) around the current PPP frame.
    PacketBuilder& pptp(const core::IpAddress& outerSource, const core::IpAddress& outerDestination,
        std::uint16_t callId, std::optional<std::uint32_t> sequence, std::optional<std::uint32_t> acknowledgment);
    PacketBuilder& gtpU(
        const core::IpAddress& outerSource, const core::IpAddress& outerDestination, const GtpUOptions& options = {});
    // Around the current Ethernet frame.
    PacketBuilder& vxlan(
        const core::IpAddress& outerSource, const core::IpAddress& outerDestination, std::uint32_t vni = 1);
    // An ICMP (IPv4) or ICMPv6 error from `reporter` to `destination` quoting at most `maxQuoted`
    // bytes of the current IP packet.
    PacketBuilder& icmpError(const core::IpAddress& reporter, const core::IpAddress& destination, std::uint8_t type,
        std::uint8_t code, std::size_t maxQuoted = 548);

    // Link layers.
    PacketBuilder& ethernet(const EthernetOptions& options = {});
    PacketBuilder& ethernet(std::initializer_list<std::uint16_t> vlanIds, std::uint16_t outerTpid = 0x8100);
    PacketBuilder& mpls(std::initializer_list<std::uint32_t> labels); // then ethernet()
    PacketBuilder& pppoe(std::uint16_t session = 1); // PPPoE session + PPP; then ethernet()
    PacketBuilder& ppp(const PppOptions& options = {});
    PacketBuilder& sll();
    PacketBuilder& sll2();
    // BSD loopback: 4-byte address family in host order (little-endian unless `bigEndian`).
    PacketBuilder& nullLoopback(std::optional<std::uint32_t> family = std::nullopt, bool bigEndian = false);
    PacketBuilder& loop(); // OpenBSD LOOP: family in network order

    core::ByteView bytes() const { return { m_buffer.data() + m_begin, m_buffer.size() - m_begin }; }
    std::vector<std::uint8_t> toVector() const { return { bytes().begin(), bytes().end() }; }
    std::size_t size() const { return m_buffer.size() - m_begin; }
    // The pcap LINKTYPE matching the outermost layer (raw IP gives 101).
    std::uint32_t linkType() const;

    // Splits an IPv4 or IPv6 datagram into fragments carrying at most `maxFragmentData` bytes each
    // (rounded down to a multiple of 8), in offset order: reorder them as a test needs. IPv6
    // fragments keep only the 40-byte header unfragmentable; extension headers travel fragmented.
    static std::vector<std::vector<std::uint8_t>> fragmentIp(
        core::ByteView datagram, std::size_t maxFragmentData, std::uint32_t ipv6Identification = 0x5151);

    static std::uint32_t crc32c(core::ByteView bytes);

private:
    enum class Layer : std::uint8_t {
        Empty,
        Payload,
        Transport,
        Ipv4,
        Ipv6,
        Ethernet,
        Ppp,
        PppoeSession,
        Mpls,
        ErspanHeader,
        Sll,
        Sll2,
        Null,
        Loop,
    };

    std::uint8_t* prepend(std::size_t count);
    void reset(std::size_t contentSize);
    void prependIp(const core::IpAddress& source, const core::IpAddress& destination, std::uint8_t protocol,
        const IpOptions& options);
    void prependUdp(const core::Endpoint& source, const core::Endpoint& destination, bool ipv4Checksum);
    void prependGre(std::uint16_t protocolType, const GreOptions& options);

    std::vector<std::uint8_t> m_buffer;
    std::size_t m_begin = 0;
    std::size_t m_headroom;
    Layer m_top = Layer::Empty;
    core::IpAddress m_transportSource;
    core::IpAddress m_transportDestination;
    std::uint8_t m_transportProtocol = 0;
};

} // namespace sipladder::testing
