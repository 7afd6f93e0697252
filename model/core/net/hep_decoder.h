// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "net/dissector_limits.h"
#include "net/endpoint.h"
#include "net/transport.h"
#include "util/bytes.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace sipladder::core {

// One HEP (Homer Encapsulation Protocol) v1/v2/v3 packet, as sent by capture agents to a collector.
struct HepPacket {
    int version = 0;
    Endpoint source; // the original packet's addresses
    Endpoint destination;
    Transport transport = Transport::Udp; // from the original IP protocol (17 UDP, 6 TCP, 132 SCTP)
    std::optional<std::int64_t> timestampNs; // the agent's capture time, when present
    std::uint8_t payloadType = 0; // HEP "protocol type": 1 = SIP; 0 when the packet does not say
    bool compressed = false; // payload came from a zlib-compressed chunk
    ByteView payload; // into the decoded input, or into the decoder's own buffer (valid until the next decode)
};

// Decodes HEP packets; keeps one inflate buffer so that compressed payloads cost no allocation per packet.
class HepDecoder {
public:
    // Cheap check on the first bytes: "HEP3" magic, or a plausible v1/v2 header.
    static bool looksLikeHep(ByteView bytes);
    // For HEP over a stream: the length of the packet at the start of `bytes` when its header is
    // complete (v3 carries a total length), else nullopt.
    static std::optional<std::size_t> packetLength(ByteView bytes);

    // Decodes one packet; false when it is not valid HEP or inflating fails (counted in
    // stats.hepDecompressionFailures). Every packet decoded is counted in stats.hepPackets, and also
    // in stats.hepNonSipPackets when it does not carry SIP (a protocol type other than 1, or no type
    // and a payload without a SIP start line), so callers only need to skip those.
    bool decode(ByteView bytes, HepPacket& out, DissectorStats& stats);

private:
    bool decodeV12(ByteView bytes, HepPacket& out);
    bool decodeV3(ByteView bytes, HepPacket& out, DissectorStats& stats);
    bool inflate(ByteView compressed);

    std::vector<std::uint8_t> m_inflated; // grows to at most 1 MiB and is reused
    std::size_t m_inflatedSize = 0;
};

} // namespace sipladder::core
