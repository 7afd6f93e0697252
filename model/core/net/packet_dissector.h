// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "net/dissector_limits.h"
#include "net/dissector_sink.h"

#include <memory>

namespace sipladder::core {

// Decodes one frame at a time from its link layer down to SIP payloads: link types, VLAN/QinQ,
// PPPoE, tunnels (IP-in-IP, GRE with Ethernet/ERSPAN/PPP, GTP-U, VXLAN), IPv4/IPv6 with fragment
// reassembly, UDP, TCP (via TcpSipDissector), SCTP DATA chunks, HEP, and ICMP errors quoting SIP.
// State (fragments, streams) is bounded by DissectorLimits; what is dropped is counted in stats().
class PacketDissector {
public:
    PacketDissector(DissectorSink& sink, DissectorLimits limits = {});
    ~PacketDissector();
    PacketDissector(const PacketDissector&) = delete;
    PacketDissector& operator=(const PacketDissector&) = delete;

    // `linkType` is a pcap LINKTYPE_* value.
    void dissect(const FrameContext& frame, std::uint32_t linkType);
    // End of a file's frames: flush streams, count incomplete datagrams.
    void finish();

    const DissectorStats& stats() const;

private:
    class Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace sipladder::core
