// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "net/carrier_frames.h"
#include "net/dissector_limits.h"
#include "net/endpoint.h"
#include "net/sctp_decoder.h"

#include <cstdint>
#include <span>
#include <vector>

namespace sipladder::core {

enum class SctpPushResult : std::uint8_t {
    Pending, // kept, waiting for more fragments
    Complete, // `message` holds the whole user message
    Dropped, // the message grew past maxSctpPendingBytes and was given up
};

struct SctpMessage {
    ByteView bytes; // valid until the next push
    std::uint64_t firstFrameNumber = 0;
    std::span<const std::uint64_t> frames; // every frame that carried a fragment, ascending; valid until the next push
};

// Puts fragmented SCTP user messages back together, per (association endpoints, stream, SSN or MID,
// ordered/unordered), in TSN order for DATA and FSN order for I-DATA. A message completes when its
// first (B) and last (E) fragments and every fragment between them are in. Bounded: one message may
// hold at most maxSctpPendingBytes, and at most kMaxPendingMessages are kept (oldest dropped).
class SctpReassembler {
public:
    static constexpr std::size_t kMaxPendingMessages = 256;

    explicit SctpReassembler(const DissectorLimits& limits);

    // `carriers`: the frames that carried the chunk when its packet was itself reassembled from IP
    // fragments; empty means `frameNumber` alone.
    SctpPushResult push(const Endpoint& source, const Endpoint& destination, const SctpDataChunk& chunk,
        std::uint64_t frameNumber, SctpMessage& message, std::span<const std::uint64_t> carriers = {});

    // Messages dropped because too many were pending (the oldest went first).
    std::uint64_t evictedCount() const { return m_evicted; }
    std::size_t pendingCount() const { return m_pending.size(); }
    // End of input: drops what is incomplete and returns the first frame of each dropped message.
    std::vector<std::uint64_t> finish();

private:
    struct Fragment {
        std::uint32_t sequence;
        std::uint32_t offset; // into Pending::data
        std::uint32_t length;
        bool beginning;
        bool ending;
    };
    struct Pending {
        Endpoint source;
        Endpoint destination;
        std::uint16_t stream = 0;
        std::uint32_t messageId = 0;
        bool unordered = false;
        bool iData = false;
        std::uint64_t firstFrameNumber = 0;
        CarrierFrames frames;
        std::uint64_t age = 0;
        std::vector<Fragment> fragments;
        std::vector<std::uint8_t> data;
    };

    bool matches(
        const Pending& pending, const Endpoint& source, const Endpoint& destination, const SctpDataChunk& chunk) const;
    bool tryComplete(Pending& pending);

    std::size_t m_maxBytes;
    std::vector<Pending> m_pending; // few at a time: a linear search is cheaper than hashing
    std::vector<Pending> m_spare; // released entries, keeping their buffers
    std::vector<std::uint8_t> m_output;
    CarrierFrames m_outputFrames;
    std::uint64_t m_nextAge = 0;
    std::uint64_t m_evicted = 0;
};

} // namespace sipladder::core
