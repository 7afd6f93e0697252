// SPDX-License-Identifier: Apache-2.0
#include "net/packet_dissector.h"

#include "net/datagram_sip_detector.h"
#include "net/gre_decoder.h"
#include "net/gtp_u_decoder.h"
#include "net/hep_decoder.h"
#include "net/icmp_decoder.h"
#include "net/ip_decoder.h"
#include "net/ip_reassembler.h"
#include "net/link_decoder.h"
#include "net/sctp_decoder.h"
#include "net/sctp_reassembler.h"
#include "net/tcp_decoder.h"
#include "net/tcp_sip_dissector.h"
#include "net/udp_decoder.h"
#include "net/vxlan_decoder.h"
#include "sip/sip_start_line.h"

#include <algorithm>
#include <span>
#include <string>

namespace sipladder::core {

namespace {

// Where the dissection of one frame currently is: what it passed through and how deep.
struct Scope {
    const FrameContext* frame = nullptr;
    EncapsulationSet encapsulation;
    std::uint64_t firstFrameNumber = 0;
    // Every frame that carried what is being dissected, when it was reassembled from IP fragments
    // (or an SCTP message from chunks); empty means the frame being dissected alone.
    std::span<const std::uint64_t> frames;
    std::size_t tunnelDepth = 0;
};

// The innermost addresses of a transport payload.
struct Addresses {
    const IpAddress& source;
    const IpAddress& destination;
};

} // namespace

class PacketDissector::Impl {
public:
    Impl(DissectorSink& sink, DissectorLimits limits)
        : m_sink(sink)
        , m_limits(limits)
        , m_ipReassembler(m_limits, m_stats)
        , m_sctpReassembler(m_limits)
        , m_tcp(m_limits, m_stats)
    {
    }

    void dissect(const FrameContext& frame, std::uint32_t linkType)
    {
        ++m_stats.frames;
        m_fileIndex = frame.fileIndex;
        if (m_ipReassembler.pendingCount() != 0)
            m_ipReassembler.expire(frame.timestampNs);
        Scope scope;
        scope.frame = &frame;
        scope.firstFrameNumber = frame.frameNumber;
        LinkLayer link;
        const auto status = LinkDecoder::decode(linkType, frame.frameData, link);
        if (status == LinkStatus::UnsupportedLinkType) {
            ++m_stats.unsupportedLinkTypeFrames;
            return;
        }
        handleLink(status, link, scope);
    }

    void finish()
    {
        m_ipReassembler.finish();
        m_tcp.finish(m_sink);
        for (std::uint64_t frameNumber : m_sctpReassembler.finish()) {
            FrameContext frame;
            frame.fileIndex = m_fileIndex;
            frame.frameNumber = frameNumber;
            m_sink.onWarning(frame,
                "An SCTP user message split over several DATA chunks was still incomplete at the end of the "
                "capture; it was dropped.");
        }
    }

    const DissectorStats& stats() const { return m_stats; }

private:
    void handleLink(LinkStatus status, const LinkLayer& link, Scope& scope)
    {
        if (status == LinkStatus::Truncated) {
            ++m_stats.undecodableFrames;
            return;
        }
        if (status != LinkStatus::Ip)
            return; // ARP, LLC and other well-formed non-IP traffic is not an error
        scope.encapsulation.merge(link.encapsulation);
        handleIp(link.ipPacket, scope);
    }

    void handleIp(ByteView bytes, const Scope& scope)
    {
        IpPacket packet;
        const auto status = IpDecoder::decode(bytes, packet);
        if (status != IpStatus::Ok) {
            if (status != IpStatus::Opaque)
                ++m_stats.undecodableFrames;
            return;
        }
        if (!packet.isFragment) {
            handleTransport(Addresses { packet.source, packet.destination }, packet.protocol, packet.payload, scope);
            return;
        }
        auto datagram = m_ipReassembler.push(packet, scope.frame->timestampNs, scope.frame->frameNumber, scope.frames);
        if (!datagram)
            return;
        Scope inner = scope;
        inner.encapsulation.add(Encapsulation::IpFragments);
        inner.firstFrameNumber = std::min(scope.firstFrameNumber, datagram->firstFrameNumber);
        inner.frames = datagram->frames;
        std::uint8_t protocol = datagram->protocol;
        ByteView payload = datagram->payload;
        if (datagram->source.isV6) {
            const auto extensionStatus = IpDecoder::skipExtensionHeaders(protocol, payload);
            if (extensionStatus != IpStatus::Ok) {
                if (extensionStatus != IpStatus::Opaque)
                    ++m_stats.undecodableFrames;
                return;
            }
        }
        handleTransport(Addresses { datagram->source, datagram->destination }, protocol, payload, inner);
    }

    void handleTransport(Addresses addresses, std::uint8_t protocol, ByteView payload, const Scope& scope)
    {
        switch (static_cast<IpProtocol>(protocol)) {
        case IpProtocol::Udp:
            handleUdp(addresses, payload, scope);
            break;
        case IpProtocol::Tcp:
            handleTcp(addresses, payload, scope);
            break;
        case IpProtocol::Sctp:
            handleSctp(addresses, payload, scope);
            break;
        case IpProtocol::Icmp:
            handleIcmp(addresses, payload, false, scope);
            break;
        case IpProtocol::Icmpv6:
            handleIcmp(addresses, payload, true, scope);
            break;
        case IpProtocol::IpInIp:
        case IpProtocol::Ipv6InIp:
            if (Scope inner = scope; enterTunnel(inner, Encapsulation::IpInIp))
                handleIp(payload, inner);
            break;
        case IpProtocol::Gre:
            handleGre(payload, scope);
            break;
        default:
            break;
        }
    }

    bool enterTunnel(Scope& scope, Encapsulation layer)
    {
        if (++scope.tunnelDepth > m_limits.maxTunnelDepth) {
            ++m_stats.undecodableFrames;
            return false;
        }
        scope.encapsulation.add(layer);
        return true;
    }

    void handleGre(ByteView payload, const Scope& scope)
    {
        Scope inner = scope;
        if (!enterTunnel(inner, Encapsulation::Gre))
            return;
        GreTunnel tunnel;
        if (!GreDecoder::decode(payload, tunnel)) {
            ++m_stats.undecodableFrames;
            return;
        }
        inner.encapsulation.merge(tunnel.encapsulation);
        LinkLayer link;
        switch (tunnel.content) {
        case GreContent::EtherType:
            handleLink(LinkDecoder::decodeEtherType(tunnel.etherType, tunnel.payload, link), link, inner);
            break;
        case GreContent::Ethernet:
            handleLink(LinkDecoder::decodeEthernet(tunnel.payload, link), link, inner);
            break;
        case GreContent::Ppp:
            handleLink(LinkDecoder::decodePpp(tunnel.payload, link), link, inner);
            break;
        case GreContent::Nothing:
            break;
        }
    }

    void handleUdp(Addresses addresses, ByteView segment, const Scope& scope)
    {
        UdpHeader udp;
        if (!UdpDecoder::decode(segment, udp)) {
            ++m_stats.undecodableFrames;
            return;
        }
        if ((udp.sourcePort == GtpUDecoder::kPort || udp.destinationPort == GtpUDecoder::kPort)) {
            ByteView inner;
            Scope innerScope = scope;
            if (GtpUDecoder::decode(udp.payload, inner)) {
                if (enterTunnel(innerScope, Encapsulation::GtpU))
                    handleIp(inner, innerScope);
                return;
            }
        }
        if (udp.destinationPort == VxlanDecoder::kPort) {
            ByteView inner;
            Scope innerScope = scope;
            if (VxlanDecoder::decode(udp.payload, inner)) {
                if (enterTunnel(innerScope, Encapsulation::Vxlan)) {
                    LinkLayer link;
                    handleLink(LinkDecoder::decodeEthernet(inner, link), link, innerScope);
                }
                return;
            }
        }
        if (HepDecoder::looksLikeHep(udp.payload)) {
            handleHep(udp.payload, scope);
            return;
        }
        const Endpoint source { addresses.source, udp.sourcePort };
        const Endpoint destination { addresses.destination, udp.destinationPort };
        const bool sipPort
            = DatagramSipDetector::isSipPort(udp.sourcePort) || DatagramSipDetector::isSipPort(udp.destinationPort);
        deliverDatagram(source, destination, Transport::Udp, udp.payload, sipPort, scope);
    }

    void deliverDatagram(const Endpoint& source, const Endpoint& destination, Transport transport, ByteView datagram,
        bool sipPort, const Scope& scope)
    {
        const auto scan = DatagramSipDetector::scan(datagram, sipPort);
        if (scan.kind != DatagramKind::Sip && scan.kind != DatagramKind::SipAfterJunk)
            return;
        if (scan.kind == DatagramKind::SipAfterJunk) {
            m_sink.onWarning(*scope.frame,
                std::to_string(scan.skippedBytes)
                    + " bytes that are not SIP precede the SIP message in this datagram; a SIP stack would "
                      "probably discard it.");
        }
        SipPayload payload;
        payload.source = source;
        payload.destination = destination;
        payload.transport = transport;
        payload.encapsulation = scope.encapsulation;
        payload.framing = PayloadFraming::Datagram;
        payload.bytes = scan.sip;
        payload.firstFrameNumber = scope.firstFrameNumber;
        payload.frames = scope.frames;
        m_sink.onSipPayload(*scope.frame, payload);
    }

    void handleHep(ByteView datagram, const Scope& scope)
    {
        HepPacket hep;
        // HepDecoder counts hepPackets and hepNonSipPackets itself, with the rule applied here.
        if (!m_hep.decode(datagram, hep, m_stats))
            return;
        std::size_t offset = 0;
        while (offset < hep.payload.size() && (hep.payload[offset] == '\r' || hep.payload[offset] == '\n'))
            ++offset;
        const auto inner = hep.payload.subspan(offset);
        const bool carriesSip = hep.payloadType == 1 || (hep.payloadType == 0 && looksLikeSipStart(inner));
        if (!carriesSip || inner.empty())
            return;
        SipPayload payload;
        payload.source = hep.source;
        payload.destination = hep.destination;
        payload.transport = hep.transport;
        payload.encapsulation = scope.encapsulation;
        payload.encapsulation.add(Encapsulation::Hep);
        if (hep.compressed)
            payload.encapsulation.add(Encapsulation::HepCompressed);
        payload.framing = PayloadFraming::Datagram;
        payload.bytes = inner;
        payload.firstFrameNumber = scope.firstFrameNumber;
        payload.frames = scope.frames;
        m_sink.onSipPayload(*scope.frame, payload);
    }

    void handleTcp(Addresses addresses, ByteView bytes, const Scope& scope)
    {
        TcpHeader header;
        if (!TcpDecoder::decode(bytes, header)) {
            ++m_stats.undecodableFrames;
            return;
        }
        TcpSegment segment;
        segment.source = Endpoint { addresses.source, header.sourcePort };
        segment.destination = Endpoint { addresses.destination, header.destinationPort };
        segment.encapsulation = scope.encapsulation;
        segment.sequence = header.sequence;
        segment.acknowledgment = header.acknowledgment;
        segment.flags = header.flags;
        segment.payload = header.payload;
        segment.frames = scope.frames;
        m_tcp.push(*scope.frame, segment, m_sink);
    }

    void handleSctp(Addresses addresses, ByteView bytes, const Scope& scope)
    {
        SctpHeader header;
        if (!SctpDecoder::decodeHeader(bytes, header)) {
            ++m_stats.undecodableFrames;
            return;
        }
        const Endpoint source { addresses.source, header.sourcePort };
        const Endpoint destination { addresses.destination, header.destinationPort };
        const bool sipPort = DatagramSipDetector::isSipPort(header.sourcePort)
            || DatagramSipDetector::isSipPort(header.destinationPort);
        auto chunks = header.chunks;
        SctpDataChunk chunk;
        while (SctpDecoder::nextDataChunk(chunks, chunk)) {
            ++m_stats.sctpDataChunks;
            if (chunk.beginning && chunk.ending) {
                deliverDatagram(source, destination, Transport::Sctp, chunk.userData, sipPort, scope);
                continue;
            }
            SctpMessage message;
            const auto evictedBefore = m_sctpReassembler.evictedCount();
            const auto result
                = m_sctpReassembler.push(source, destination, chunk, scope.frame->frameNumber, message, scope.frames);
            if (m_sctpReassembler.evictedCount() != evictedBefore) {
                m_sink.onWarning(*scope.frame,
                    "Too many fragmented SCTP user messages were pending; the oldest incomplete one was dropped.");
            }
            if (result == SctpPushResult::Dropped) {
                m_sink.onWarning(
                    *scope.frame, "A fragmented SCTP user message grew past the reassembly limit and was dropped.");
            } else if (result == SctpPushResult::Complete) {
                Scope inner = scope;
                inner.encapsulation.add(Encapsulation::SctpFragments);
                inner.firstFrameNumber = std::min(scope.firstFrameNumber, message.firstFrameNumber);
                inner.frames = message.frames;
                deliverDatagram(source, destination, Transport::Sctp, message.bytes, sipPort, inner);
            }
        }
    }

    void handleIcmp(Addresses addresses, ByteView bytes, bool isV6, const Scope& scope)
    {
        IcmpErrorEvent event;
        if (!IcmpDecoder::decodeError(bytes, isV6, event)
            || !IcmpDecoder::quotedPayloadLooksLikeSip(event.quotedPayload))
            return;
        event.reporter = Endpoint { addresses.source, 0 };
        event.encapsulation = scope.encapsulation;
        ++m_stats.icmpErrorsQuotingSip;
        m_sink.onIcmpError(*scope.frame, event);
    }

    DissectorSink& m_sink;
    DissectorLimits m_limits;
    DissectorStats m_stats;
    IpReassembler m_ipReassembler;
    SctpReassembler m_sctpReassembler;
    TcpSipDissector m_tcp;
    HepDecoder m_hep;
    std::uint32_t m_fileIndex = 0; // of the frames being dissected, for warnings given by finish()
};

PacketDissector::PacketDissector(DissectorSink& sink, DissectorLimits limits)
    : m_impl(std::make_unique<Impl>(sink, limits))
{
}

PacketDissector::~PacketDissector() = default;

void PacketDissector::dissect(const FrameContext& frame, std::uint32_t linkType)
{
    m_impl->dissect(frame, linkType);
}

void PacketDissector::finish()
{
    m_impl->finish();
}

const DissectorStats& PacketDissector::stats() const
{
    return m_impl->stats();
}

} // namespace sipladder::core
