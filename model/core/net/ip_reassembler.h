// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "net/carrier_frames.h"
#include "net/dissector_limits.h"
#include "net/endpoint.h"
#include "net/ip_decoder.h"
#include "util/bytes.h"

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <unordered_map>
#include <vector>

namespace sipladder::core {

// A datagram put back together from its fragments.
struct IpDatagram {
    IpAddress source;
    IpAddress destination;
    std::uint8_t protocol = 0; // for IPv6, the fragment header's next header: extension headers may follow
    ByteView payload; // the reassembled data after the IP header (and, for IPv6, after the fragment header)
    std::uint64_t firstFrameNumber = 0; // lowest frame number that carried a fragment
    std::span<const std::uint64_t> frames; // every frame that carried a fragment, ascending; valid like payload
};

// Reassembles IPv4 and IPv6 fragments keyed by (source, destination, id, protocol) for IPv4 and
// (source, destination, id) for IPv6. Fragments may come in any order and may overlap (the data
// that arrived first wins). A datagram is complete only when its last fragment (MF=0) is in and no
// hole remains. State is bounded by DissectorLimits; whatever is dropped is counted in the stats.
class IpReassembler {
public:
    IpReassembler(const DissectorLimits& limits, DissectorStats& stats);

    // `fragment` comes from IpDecoder with isFragment set. Returns the datagram this fragment
    // completes; its payload stays valid until the next call that completes a datagram (a few
    // completed datagrams are kept so that a fragmented datagram inside a reassembled tunnel works).
    // `carriers`: the frames that carried this fragment when it came out of a reassembled datagram
    // itself (a fragment inside a fragmented tunnel); empty means `frameNumber` alone.
    std::optional<IpDatagram> push(const IpPacket& fragment, std::int64_t timestampNs, std::uint64_t frameNumber,
        std::span<const std::uint64_t> carriers = {});

    // Drops datagrams whose first fragment is older than the time-out (counted as evicted).
    void expire(std::int64_t nowNs);
    // End of input: what is still incomplete is counted and dropped.
    void finish();

    std::size_t pendingCount() const { return m_index.size(); }

private:
    struct Key {
        std::array<std::uint8_t, 16> source {};
        std::array<std::uint8_t, 16> destination {};
        std::uint32_t identification = 0;
        std::uint8_t protocol = 0;
        bool isV6 = false;
        bool operator==(const Key&) const = default;
    };
    struct KeyHash {
        std::size_t operator()(const Key& key) const noexcept;
    };
    struct Range {
        std::uint32_t begin;
        std::uint32_t end;
    };
    static constexpr std::uint32_t kNone = ~std::uint32_t(0);
    struct Pending {
        Key key;
        IpAddress source;
        IpAddress destination;
        std::int64_t firstTimestampNs = 0;
        std::uint64_t firstFrameNumber = 0;
        CarrierFrames frames;
        std::uint32_t totalLength = 0;
        bool haveLast = false;
        bool dropped = false; // too large: remembered so its other fragments are not counted again
        std::uint8_t protocol = 0;
        std::vector<std::uint8_t> data;
        std::vector<Range> covered; // sorted, disjoint, not adjacent
        std::uint32_t older = kNone; // age list, oldest first
        std::uint32_t newer = kNone;
    };

    std::uint32_t allocate(const Key& key);
    void release(std::uint32_t slot);
    void evict(std::uint32_t slot);
    static void addData(Pending& pending, std::uint32_t offset, ByteView bytes);

    DissectorLimits m_limits;
    DissectorStats& m_stats;
    std::vector<Pending> m_slots;
    std::vector<std::uint32_t> m_freeSlots;
    std::unordered_map<Key, std::uint32_t, KeyHash> m_index;
    std::uint32_t m_oldest = kNone;
    std::uint32_t m_newest = kNone;
    std::array<std::vector<std::uint8_t>, 4> m_completed; // ring of returned buffers
    std::array<CarrierFrames, 4> m_completedFrames; // and of their frame lists
    std::size_t m_nextCompleted = 0;
};

} // namespace sipladder::core
