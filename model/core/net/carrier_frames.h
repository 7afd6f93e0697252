// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <algorithm>
#include <cstdint>
#include <span>
#include <vector>

namespace sipladder::core {

// The frames that carried the parts of something put back together (an IP datagram from its
// fragments, an SCTP message from its chunks, a SIP message from TCP segments), ascending and each
// once. A pcap export copies exactly these frames. Reassemblers keep one per unit in progress and
// reuse it: clear() keeps the capacity, so the steady state allocates nothing.
class CarrierFrames {
public:
    void add(std::uint64_t frame)
    {
        // Frames nearly always come in ascending order: appending is the common case.
        if (m_frames.empty() || m_frames.back() < frame) {
            m_frames.push_back(frame);
            return;
        }
        const auto at = std::lower_bound(m_frames.begin(), m_frames.end(), frame);
        if (*at != frame)
            m_frames.insert(at, frame);
    }

    // What carried one piece: `frames` when it came reassembled itself, else `frame` alone (the
    // convention of every `carriers` parameter: empty means the frame being dissected).
    void add(std::uint64_t frame, std::span<const std::uint64_t> frames)
    {
        if (frames.empty()) {
            add(frame);
            return;
        }
        for (const auto f : frames)
            add(f);
    }

    void clear() { m_frames.clear(); }
    bool empty() const { return m_frames.empty(); }
    std::span<const std::uint64_t> view() const { return m_frames; }

    void swap(CarrierFrames& other) noexcept { m_frames.swap(other.m_frames); }

private:
    std::vector<std::uint64_t> m_frames;
};

} // namespace sipladder::core
