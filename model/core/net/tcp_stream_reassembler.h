// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "net/dissector_limits.h"
#include "net/tcp_segment.h"
#include "util/bytes.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace sipladder::core {

// In-order bytes of one TCP direction. `bytes` is valid only during the consumer call: it points
// into the pushed segment's payload when that segment was next in order, else into a buffer.
struct TcpStreamChunk {
    ByteView bytes;
    std::uint64_t frameNumber = 0; // the frame whose segment carried these bytes
    // Every frame that carried that segment when it came IP-fragmented; empty means frameNumber alone.
    std::span<const std::uint64_t> frames;
    bool gapBefore = false; // bytes before this chunk were never seen: the consumer must resynchronise
};

class TcpStreamConsumer {
public:
    virtual ~TcpStreamConsumer() = default;
    virtual void onStreamData(const TcpStreamChunk& chunk) = 0;
    // The direction ended (its FIN was reached, or a RST was seen); called once.
    virtual void onStreamEnd() { }
};

// Orders the segments of ONE direction of a TCP connection: drops retransmissions, trims overlaps,
// buffers out-of-order segments within DissectorLimits and skips a gap when the bound is hit or at
// flush(). Sequence numbers are compared modulo 2^32.
class TcpStreamReassembler {
public:
    TcpStreamReassembler(const DissectorLimits& limits, DissectorStats& stats);

    void push(const TcpSegment& segment, std::uint64_t frameNumber, TcpStreamConsumer& consumer);
    // Delivers every buffered segment, skipping the gaps between them (end of capture, eviction).
    void flush(TcpStreamConsumer& consumer);

    // True when `segment` is a SYN that does not belong to the connection tracked so far (the
    // addresses and ports were reused): the caller should start a fresh direction.
    bool isNewConnection(const TcpSegment& segment) const;

    // A stream of no interest keeps nothing: out-of-order data is not buffered (its gap is skipped
    // at once) and nothing is counted in the stats. On by default. Safe to call from the consumer;
    // what is buffered is released when the current push returns.
    void setBuffering(bool enabled);

    bool ended() const { return m_ended; }
    std::size_t bufferedBytes() const { return m_bufferedBytes; }
    std::size_t bufferedSegments() const { return m_buffered.size(); }

private:
    struct Buffered {
        std::uint32_t sequence = 0;
        std::uint64_t frameNumber = 0;
        std::vector<std::uint64_t> frames; // empty unless the segment came IP-fragmented
        std::vector<std::uint8_t> bytes;
    };

    void pushSegment(const TcpSegment& segment, std::uint64_t frameNumber, TcpStreamConsumer& consumer);
    void releaseIfNotBuffering();
    void acceptData(std::uint32_t sequence, ByteView payload, std::uint64_t frameNumber,
        std::span<const std::uint64_t> frames, TcpStreamConsumer& consumer);
    void deliver(
        ByteView bytes, std::uint64_t frameNumber, std::span<const std::uint64_t> frames, TcpStreamConsumer& consumer);
    void bufferOutOfOrder(
        std::uint32_t sequence, ByteView payload, std::uint64_t frameNumber, std::span<const std::uint64_t> frames);
    void drainBuffered(TcpStreamConsumer& consumer);
    void skipToFirstBuffered();
    void checkEnd(TcpStreamConsumer& consumer);
    void end(TcpStreamConsumer& consumer);

    const DissectorLimits& m_limits;
    DissectorStats& m_stats;
    bool m_buffering = true;
    bool m_started = false;
    bool m_ended = false;
    bool m_gapPending = false;
    std::uint32_t m_next = 0; // sequence number of the next byte to deliver
    std::optional<std::uint32_t> m_synSequence;
    std::optional<std::uint32_t> m_finSequence;
    std::vector<Buffered> m_buffered; // sorted by sequence, relative to m_next
    std::size_t m_bufferedBytes = 0;
};

} // namespace sipladder::core
