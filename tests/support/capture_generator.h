// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <filesystem>

namespace sipladder::testing {

enum class CaptureFileFormat : std::uint8_t {
    Pcap, // microsecond pcap
    Pcapng, // one Ethernet interface, microsecond resolution
};

struct CaptureGeneratorOptions {
    std::uint64_t calls = 1000; // Call-IDs, REGISTER and OPTIONS included
    double rtpShare = 0.0; // fraction of the file's bytes that are RTP frames, in [0, 0.995]
    CaptureFileFormat format = CaptureFileFormat::Pcap;
    std::uint64_t seed = 1;
    std::int64_t startTimeNs = 1795514400LL * 1000000000LL; // 2026-11-24T10:00:00Z
    double callsPerSecond = 50.0; // mean rate of new calls (Poisson arrivals)
};

struct CaptureGeneratorStats {
    std::uint64_t frames = 0;
    std::uint64_t sipMessages = 0; // SIP frames: one message each, retransmissions included
    std::uint64_t retransmissions = 0;
    std::uint64_t rtpFrames = 0;
    std::uint64_t tcpControlFrames = 0; // handshakes of the TCP calls
    std::uint64_t calls = 0;
    std::uint64_t answeredCalls = 0;
    std::uint64_t tcpCalls = 0;
    std::uint64_t fileBytes = 0;
    std::uint64_t rtpBytes = 0; // file bytes of the RTP records (record headers included)
    std::uint64_t sipTextBytes = 0; // SIP message text alone
    std::int64_t firstTimestampNs = 0;
    std::int64_t lastTimestampNs = 0;
    std::uint64_t peakActiveCalls = 0;
    std::uint64_t peakQueuedEvents = 0;

    double rtpShare() const { return fileBytes ? double(rtpBytes) / double(fileBytes) : 0.0; }
};

// Writes a synthetic capture of SIP calls between carrier trunks, PBXs and phones (Ethernet/IPv4,
// mostly UDP, a few TCP calls), optionally with the G.711 RTP of the answered calls, in time order.
// Streams: it keeps only the state of the calls in progress and a time-ordered queue of their
// pending frames, so memory stays small whatever the number of calls. Deterministic for a seed.
class CaptureGenerator {
public:
    explicit CaptureGenerator(const CaptureGeneratorOptions& options);

    // Throws std::runtime_error when the file cannot be written.
    CaptureGeneratorStats write(const std::filesystem::path& path) const;

private:
    CaptureGeneratorOptions m_options;
};

} // namespace sipladder::testing
