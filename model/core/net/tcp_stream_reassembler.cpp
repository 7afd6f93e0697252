// SPDX-License-Identifier: Apache-2.0
#include "net/tcp_stream_reassembler.h"

#include <algorithm>

namespace sipladder::core {

namespace {

// Signed distance from `from` to `to` in sequence space (RFC 1982 style comparison).
std::int32_t seqDiff(std::uint32_t to, std::uint32_t from)
{
    return static_cast<std::int32_t>(to - from);
}

// How far back a SYN seen after mid-stream data may lie and still be this connection's SYN
// (reordered in the capture) rather than a new connection on the same ports.
constexpr std::int32_t kLateSynWindow = 1 << 20;

} // namespace

TcpStreamReassembler::TcpStreamReassembler(const DissectorLimits& limits, DissectorStats& stats)
    : m_limits(limits)
    , m_stats(stats)
{
}

void TcpStreamReassembler::setBuffering(bool enabled)
{
    // Buffered segments are released at the end of the current push, not here: this is called from
    // consumers while the buffer is being drained.
    m_buffering = enabled;
}

void TcpStreamReassembler::releaseIfNotBuffering()
{
    if (m_buffering || m_buffered.empty())
        return;
    m_buffered.clear();
    m_buffered.shrink_to_fit();
    m_bufferedBytes = 0;
}

bool TcpStreamReassembler::isNewConnection(const TcpSegment& segment) const
{
    if (!(segment.flags & TcpSyn) || !m_started)
        return false;
    if (m_synSequence)
        return *m_synSequence != segment.sequence;
    const std::int32_t behind = seqDiff(m_next, segment.sequence + 1);
    return behind < 0 || behind > kLateSynWindow;
}

void TcpStreamReassembler::push(const TcpSegment& segment, std::uint64_t frameNumber, TcpStreamConsumer& consumer)
{
    pushSegment(segment, frameNumber, consumer);
    releaseIfNotBuffering();
}

void TcpStreamReassembler::pushSegment(
    const TcpSegment& segment, std::uint64_t frameNumber, TcpStreamConsumer& consumer)
{
    std::uint32_t sequence = segment.sequence;
    if (segment.flags & TcpSyn) {
        if (!m_synSequence) {
            m_synSequence = segment.sequence;
            if (!m_started) {
                m_started = true;
                m_next = segment.sequence + 1;
            }
        }
        // The SYN occupies one sequence number; data on a SYN (TCP Fast Open) follows it.
        sequence = segment.sequence + 1;
    }

    if (!segment.payload.empty()) {
        if (!m_started) {
            // The capture started mid-stream: the first byte seen is where this direction begins.
            m_started = true;
            m_next = sequence;
        }
        if (m_ended) {
            if (m_buffering && seqDiff(sequence, m_next) < 0)
                ++m_stats.tcpRetransmittedSegments;
        } else {
            acceptData(sequence, segment.payload, frameNumber, segment.frames, consumer);
        }
    }

    if (m_ended)
        return;
    if (segment.flags & TcpRst) {
        flush(consumer);
        end(consumer);
        return;
    }
    if ((segment.flags & TcpFin) && m_started && !m_finSequence)
        m_finSequence = sequence + static_cast<std::uint32_t>(segment.payload.size());
    checkEnd(consumer);
}

void TcpStreamReassembler::acceptData(std::uint32_t sequence, ByteView payload, std::uint64_t frameNumber,
    std::span<const std::uint64_t> frames, TcpStreamConsumer& consumer)
{
    const std::int64_t length = static_cast<std::int64_t>(payload.size());
    std::int64_t offset = seqDiff(sequence, m_next);
    if (offset > 0 && !m_buffering) {
        // Nobody needs these bytes in order: skip the hole at once instead of keeping anything.
        m_next = sequence;
        m_gapPending = true;
        offset = 0;
    }
    const auto overBound = [&] {
        return m_buffered.size() >= m_limits.maxOutOfOrderSegments
            || m_bufferedBytes + payload.size() > m_limits.maxOutOfOrderBytes;
    };
    // When the bound is hit, give up waiting for the oldest missing bytes and resynchronise past them,
    // up to whichever comes first: the oldest buffered segment or this one.
    while (offset > 0 && overBound()) {
        if (!m_buffered.empty() && seqDiff(m_buffered.front().sequence, sequence) < 0) {
            skipToFirstBuffered();
            drainBuffered(consumer);
            offset = seqDiff(sequence, m_next);
        } else {
            ++m_stats.tcpGaps;
            m_next = sequence;
            m_gapPending = true;
            offset = 0;
        }
    }
    if (offset > 0) {
        bufferOutOfOrder(sequence, payload, frameNumber, frames);
        return;
    }
    if (offset + length <= 0) {
        if (m_buffering)
            ++m_stats.tcpRetransmittedSegments;
        return;
    }
    if (offset < 0 && m_buffering)
        ++m_stats.tcpOverlappingSegments;
    deliver(payload.subspan(static_cast<std::size_t>(-offset)), frameNumber, frames, consumer);
    drainBuffered(consumer);
}

void TcpStreamReassembler::deliver(
    ByteView bytes, std::uint64_t frameNumber, std::span<const std::uint64_t> frames, TcpStreamConsumer& consumer)
{
    m_next += static_cast<std::uint32_t>(bytes.size());
    TcpStreamChunk chunk;
    chunk.bytes = bytes;
    chunk.frameNumber = frameNumber;
    chunk.frames = frames;
    chunk.gapBefore = m_gapPending;
    m_gapPending = false;
    consumer.onStreamData(chunk);
}

void TcpStreamReassembler::bufferOutOfOrder(
    std::uint32_t sequence, ByteView payload, std::uint64_t frameNumber, std::span<const std::uint64_t> frames)
{
    const std::int32_t offset = seqDiff(sequence, m_next);
    auto position = std::find_if(
        m_buffered.begin(), m_buffered.end(), [&](const Buffered& b) { return seqDiff(b.sequence, m_next) >= offset; });
    if (position != m_buffered.end() && position->sequence == sequence && position->bytes.size() >= payload.size()) {
        ++m_stats.tcpRetransmittedSegments;
        return;
    }
    ++m_stats.tcpOutOfOrderSegments;
    Buffered buffered;
    buffered.sequence = sequence;
    buffered.frameNumber = frameNumber;
    buffered.frames.assign(frames.begin(), frames.end());
    buffered.bytes.assign(payload.begin(), payload.end());
    m_bufferedBytes += payload.size();
    m_buffered.insert(position, std::move(buffered));
}

void TcpStreamReassembler::drainBuffered(TcpStreamConsumer& consumer)
{
    while (!m_buffered.empty()) {
        Buffered& front = m_buffered.front();
        const std::int64_t offset = seqDiff(front.sequence, m_next);
        if (offset > 0)
            return;
        const std::int64_t length = static_cast<std::int64_t>(front.bytes.size());
        if (offset + length <= 0) {
            ++m_stats.tcpRetransmittedSegments;
        } else {
            if (offset < 0)
                ++m_stats.tcpOverlappingSegments;
            deliver(ByteView(front.bytes).subspan(static_cast<std::size_t>(-offset)), front.frameNumber, front.frames,
                consumer);
        }
        m_bufferedBytes -= front.bytes.size();
        m_buffered.erase(m_buffered.begin());
    }
}

void TcpStreamReassembler::skipToFirstBuffered()
{
    if (m_buffered.empty())
        return;
    const std::uint32_t first = m_buffered.front().sequence;
    if (seqDiff(first, m_next) > 0) {
        ++m_stats.tcpGaps;
        m_next = first;
        m_gapPending = true;
    }
}

void TcpStreamReassembler::flush(TcpStreamConsumer& consumer)
{
    while (!m_buffered.empty()) {
        skipToFirstBuffered();
        drainBuffered(consumer);
    }
}

void TcpStreamReassembler::checkEnd(TcpStreamConsumer& consumer)
{
    if (m_finSequence && seqDiff(m_next, *m_finSequence) >= 0)
        end(consumer);
}

void TcpStreamReassembler::end(TcpStreamConsumer& consumer)
{
    if (m_ended)
        return;
    m_ended = true;
    m_buffered.clear();
    m_buffered.shrink_to_fit();
    m_bufferedBytes = 0;
    consumer.onStreamEnd();
}

} // namespace sipladder::core
