// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <cstdint>

namespace sipladder::core {

// Bounds for all reassembly state, so that no capture can make memory grow without limit.
struct DissectorLimits {
    std::size_t maxPendingIpDatagrams = 4096; // incomplete fragmented datagrams kept at once (oldest evicted)
    std::int64_t ipFragmentTimeoutNs = 30'000'000'000; // capture time after which an incomplete datagram is dropped
    std::size_t maxIpDatagramBytes = 65535 + 40; // larger reassembled datagrams are dropped

    std::size_t maxTcpStreams = 65536; // stream directions tracked at once (least recently used evicted)
    std::size_t maxOutOfOrderSegments = 128; // per stream direction
    std::size_t maxOutOfOrderBytes = 1 << 20; // per stream direction
    std::size_t maxPendingMessageBytes = 1 << 20; // a SIP message waiting for more stream bytes
    std::int64_t tcpIdleTimeoutNs = 300'000'000'000; // stream directions idle this long are flushed

    std::size_t maxSctpPendingBytes = 1 << 20; // fragmented SCTP user messages per stream
    std::size_t maxTunnelDepth = 8; // nested encapsulations followed before giving up
};

// Counters of what was dropped or repaired; the loader turns non-zero ones into warnings.
struct DissectorStats {
    std::uint64_t frames = 0;
    std::uint64_t undecodableFrames = 0; // link type or headers not understood (not an error for non-IP traffic)
    std::uint64_t unsupportedLinkTypeFrames = 0;
    std::uint64_t ipFragments = 0;
    std::uint64_t ipDatagramsReassembled = 0;
    std::uint64_t ipDatagramsEvicted = 0; // incomplete when the bound or the time-out dropped them
    std::uint64_t ipDatagramsIncompleteAtEnd = 0;
    std::uint64_t tcpSegments = 0;
    std::uint64_t tcpRetransmittedSegments = 0; // whole segment seen before
    std::uint64_t tcpOverlappingSegments = 0; // partly seen before, trimmed
    std::uint64_t tcpOutOfOrderSegments = 0; // buffered until the gap filled
    std::uint64_t tcpGaps = 0; // bytes never captured; the stream was resynchronised
    std::uint64_t tcpStreamsEvicted = 0;
    std::uint64_t truncatedMessages = 0; // stream ended inside a message
    std::uint64_t sctpDataChunks = 0;
    std::uint64_t websocketMessages = 0;
    std::uint64_t hepPackets = 0;
    std::uint64_t hepNonSipPackets = 0;
    std::uint64_t hepDecompressionFailures = 0;
    std::uint64_t icmpErrorsQuotingSip = 0;
};

} // namespace sipladder::core
