// SPDX-License-Identifier: Apache-2.0
#include "net/sctp_reassembler.h"

#include <algorithm>
#include <cstring>

namespace sipladder::core {

SctpReassembler::SctpReassembler(const DissectorLimits& limits)
    : m_maxBytes(limits.maxSctpPendingBytes)
{
}

bool SctpReassembler::matches(
    const Pending& pending, const Endpoint& source, const Endpoint& destination, const SctpDataChunk& chunk) const
{
    // Unordered DATA fragments carry no usable SSN; consecutive TSNs tie them together instead.
    const bool sameMessage = chunk.iData || !chunk.unordered ? pending.messageId == chunk.messageId : true;
    return pending.stream == chunk.stream && pending.iData == chunk.iData && pending.unordered == chunk.unordered
        && sameMessage && pending.source == source && pending.destination == destination;
}

SctpPushResult SctpReassembler::push(const Endpoint& source, const Endpoint& destination, const SctpDataChunk& chunk,
    std::uint64_t frameNumber, SctpMessage& message, std::span<const std::uint64_t> carriers)
{
    auto found = std::find_if(m_pending.begin(), m_pending.end(),
        [&](const Pending& pending) { return matches(pending, source, destination, chunk); });
    if (found == m_pending.end()) {
        if (m_pending.size() >= kMaxPendingMessages) {
            auto oldest = std::min_element(
                m_pending.begin(), m_pending.end(), [](const Pending& a, const Pending& b) { return a.age < b.age; });
            m_spare.push_back(std::move(*oldest));
            m_pending.erase(oldest);
            ++m_evicted;
        }
        Pending fresh;
        if (!m_spare.empty()) {
            fresh = std::move(m_spare.back());
            m_spare.pop_back();
            fresh.fragments.clear();
            fresh.data.clear();
            fresh.frames.clear();
        }
        fresh.source = source;
        fresh.destination = destination;
        fresh.stream = chunk.stream;
        fresh.messageId = chunk.messageId;
        fresh.unordered = chunk.unordered;
        fresh.iData = chunk.iData;
        fresh.firstFrameNumber = frameNumber;
        m_pending.push_back(std::move(fresh));
        found = std::prev(m_pending.end());
    }
    Pending& pending = *found;
    pending.age = m_nextAge++;
    pending.firstFrameNumber = std::min(pending.firstFrameNumber, frameNumber);
    pending.frames.add(frameNumber, carriers);

    const bool duplicate = std::any_of(pending.fragments.begin(), pending.fragments.end(),
        [&](const Fragment& f) { return f.sequence == chunk.fragmentSequence; });
    if (!duplicate) {
        if (pending.data.size() + chunk.userData.size() > m_maxBytes) {
            m_spare.push_back(std::move(pending));
            m_pending.erase(found);
            return SctpPushResult::Dropped;
        }
        const auto offset = static_cast<std::uint32_t>(pending.data.size());
        pending.data.insert(pending.data.end(), chunk.userData.begin(), chunk.userData.end());
        pending.fragments.push_back({ chunk.fragmentSequence, offset, static_cast<std::uint32_t>(chunk.userData.size()),
            chunk.beginning, chunk.ending });
    }
    if (!tryComplete(pending))
        return SctpPushResult::Pending;
    message.bytes = m_output;
    message.firstFrameNumber = pending.firstFrameNumber;
    m_outputFrames.swap(pending.frames);
    message.frames = m_outputFrames.view();
    m_spare.push_back(std::move(pending));
    m_pending.erase(found);
    return SctpPushResult::Complete;
}

bool SctpReassembler::tryComplete(Pending& pending)
{
    auto first = std::find_if(
        pending.fragments.begin(), pending.fragments.end(), [](const Fragment& f) { return f.beginning; });
    if (first == pending.fragments.end())
        return false;
    const std::uint32_t base = first->sequence;
    // Serial-number distance from the first fragment, so that a TSN wrap does not break the order.
    auto distance = [base](const Fragment& f) { return f.sequence - base; };
    auto last
        = std::find_if(pending.fragments.begin(), pending.fragments.end(), [](const Fragment& f) { return f.ending; });
    if (last == pending.fragments.end())
        return false;
    const std::uint32_t span = distance(*last);
    const auto inside = std::count_if(
        pending.fragments.begin(), pending.fragments.end(), [&](const Fragment& f) { return distance(f) <= span; });
    if (static_cast<std::uint64_t>(inside) != std::uint64_t(span) + 1)
        return false;
    std::sort(pending.fragments.begin(), pending.fragments.end(),
        [&](const Fragment& a, const Fragment& b) { return distance(a) < distance(b); });
    m_output.clear();
    for (const Fragment& fragment : pending.fragments) {
        if (distance(fragment) > span)
            break;
        m_output.insert(m_output.end(), pending.data.begin() + fragment.offset,
            pending.data.begin() + fragment.offset + fragment.length);
    }
    return true;
}

std::vector<std::uint64_t> SctpReassembler::finish()
{
    std::vector<std::uint64_t> frames;
    for (const Pending& pending : m_pending)
        frames.push_back(pending.firstFrameNumber);
    m_pending.clear();
    return frames;
}

} // namespace sipladder::core
