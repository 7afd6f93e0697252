// SPDX-License-Identifier: Apache-2.0
#include "net/ip_reassembler.h"

#include <algorithm>
#include <cstring>

namespace sipladder::core {

namespace {

// Buffers of released datagrams are kept for reuse up to this size; larger ones are given back,
// so that a burst of jumbo datagrams does not pin memory for the rest of the capture.
constexpr std::size_t kMaxRetainedBuffer = 16 * 1024;

std::uint64_t load64(const std::uint8_t* p)
{
    std::uint64_t value;
    std::memcpy(&value, p, sizeof value);
    return value;
}

} // namespace

std::size_t IpReassembler::KeyHash::operator()(const Key& key) const noexcept
{
    std::uint64_t h = key.identification * 0x9E3779B97F4A7C15ull + key.protocol + (key.isV6 ? 0x100 : 0);
    for (std::size_t i = 0; i < 16; i += 8) {
        h = (h ^ load64(key.source.data() + i)) * 0xBF58476D1CE4E5B9ull;
        h = (h ^ load64(key.destination.data() + i)) * 0x94D049BB133111EBull;
    }
    return static_cast<std::size_t>(h ^ (h >> 31));
}

IpReassembler::IpReassembler(const DissectorLimits& limits, DissectorStats& stats)
    : m_limits(limits)
    , m_stats(stats)
{
    m_limits.maxPendingIpDatagrams = std::max<std::size_t>(1, m_limits.maxPendingIpDatagrams);
}

std::optional<IpDatagram> IpReassembler::push(const IpPacket& fragment, std::int64_t timestampNs,
    std::uint64_t frameNumber, std::span<const std::uint64_t> carriers)
{
    ++m_stats.ipFragments;
    expire(timestampNs);

    Key key;
    key.source = fragment.source.bytes;
    key.destination = fragment.destination.bytes;
    key.identification = fragment.identification;
    key.isV6 = fragment.isV6();
    // IPv4 keys include the protocol (RFC 791); IPv6 ids are unique per source/destination pair.
    key.protocol = key.isV6 ? 0 : fragment.protocol;

    std::uint32_t slot;
    if (auto found = m_index.find(key); found != m_index.end()) {
        slot = found->second;
    } else {
        slot = allocate(key);
        Pending& fresh = m_slots[slot];
        fresh.source = fragment.source;
        fresh.destination = fragment.destination;
        fresh.firstTimestampNs = timestampNs;
        fresh.firstFrameNumber = frameNumber;
        fresh.protocol = fragment.protocol;
    }
    Pending& pending = m_slots[slot];
    if (pending.dropped)
        return std::nullopt;
    pending.firstFrameNumber = std::min(pending.firstFrameNumber, frameNumber);
    pending.frames.add(frameNumber, carriers);

    const std::uint64_t end = std::uint64_t(fragment.fragmentOffset) + fragment.payload.size();
    if (end > m_limits.maxIpDatagramBytes) {
        pending.dropped = true;
        ++m_stats.ipDatagramsEvicted;
        pending.data.clear();
        pending.covered.clear();
        return std::nullopt;
    }
    if (fragment.fragmentOffset == 0)
        pending.protocol = fragment.protocol; // IPv6: the first fragment's next header is the one that counts
    if (!fragment.moreFragments && !pending.haveLast) {
        pending.haveLast = true;
        pending.totalLength = static_cast<std::uint32_t>(end);
    }
    addData(pending, fragment.fragmentOffset, fragment.payload);

    const bool complete = pending.haveLast && !pending.covered.empty() && pending.covered.front().begin == 0
        && pending.covered.front().end >= pending.totalLength;
    if (!complete)
        return std::nullopt;

    auto& buffer = m_completed[m_nextCompleted];
    auto& frames = m_completedFrames[m_nextCompleted];
    m_nextCompleted = (m_nextCompleted + 1) % m_completed.size();
    buffer.swap(pending.data); // the pending slot inherits the old buffer for reuse
    frames.swap(pending.frames);
    IpDatagram datagram;
    datagram.source = pending.source;
    datagram.destination = pending.destination;
    datagram.protocol = pending.protocol;
    datagram.payload = ByteView(buffer.data(), pending.totalLength);
    datagram.firstFrameNumber = pending.firstFrameNumber;
    datagram.frames = frames.view();
    release(slot);
    ++m_stats.ipDatagramsReassembled;
    return datagram;
}

void IpReassembler::expire(std::int64_t nowNs)
{
    while (m_oldest != kNone) {
        const Pending& oldest = m_slots[m_oldest];
        if (nowNs - oldest.firstTimestampNs <= m_limits.ipFragmentTimeoutNs)
            break;
        evict(m_oldest);
    }
}

void IpReassembler::finish()
{
    while (m_oldest != kNone) {
        if (!m_slots[m_oldest].dropped)
            ++m_stats.ipDatagramsIncompleteAtEnd;
        release(m_oldest);
    }
}

std::uint32_t IpReassembler::allocate(const Key& key)
{
    if (m_index.size() >= m_limits.maxPendingIpDatagrams)
        evict(m_oldest);
    std::uint32_t slot;
    if (!m_freeSlots.empty()) {
        slot = m_freeSlots.back();
        m_freeSlots.pop_back();
    } else {
        slot = static_cast<std::uint32_t>(m_slots.size());
        m_slots.emplace_back();
    }
    Pending& pending = m_slots[slot];
    pending.key = key;
    pending.totalLength = 0;
    pending.haveLast = false;
    pending.dropped = false;
    pending.data.clear();
    pending.covered.clear();
    pending.frames.clear();
    pending.older = m_newest;
    pending.newer = kNone;
    if (m_newest != kNone)
        m_slots[m_newest].newer = slot;
    m_newest = slot;
    if (m_oldest == kNone)
        m_oldest = slot;
    m_index.emplace(key, slot);
    return slot;
}

void IpReassembler::release(std::uint32_t slot)
{
    Pending& pending = m_slots[slot];
    if (pending.older != kNone)
        m_slots[pending.older].newer = pending.newer;
    else
        m_oldest = pending.newer;
    if (pending.newer != kNone)
        m_slots[pending.newer].older = pending.older;
    else
        m_newest = pending.older;
    pending.older = kNone;
    pending.newer = kNone;
    m_index.erase(pending.key);
    pending.data.clear();
    if (pending.data.capacity() > kMaxRetainedBuffer)
        std::vector<std::uint8_t>().swap(pending.data);
    pending.covered.clear();
    m_freeSlots.push_back(slot);
}

void IpReassembler::evict(std::uint32_t slot)
{
    if (!m_slots[slot].dropped)
        ++m_stats.ipDatagramsEvicted;
    release(slot);
}

void IpReassembler::addData(Pending& pending, std::uint32_t offset, ByteView bytes)
{
    if (bytes.empty())
        return;
    const std::uint32_t begin = offset;
    const std::uint32_t end = offset + static_cast<std::uint32_t>(bytes.size());
    if (pending.data.size() < end)
        pending.data.resize(end);

    // Copy only into the holes: bytes that arrived first are kept (overlaps are tolerated).
    auto copy = [&](std::uint32_t from, std::uint32_t to) {
        std::memcpy(pending.data.data() + from, bytes.data() + (from - begin), to - from);
    };
    std::uint32_t cursor = begin;
    for (const Range& range : pending.covered) {
        if (range.end <= cursor)
            continue;
        if (range.begin >= end)
            break;
        if (range.begin > cursor)
            copy(cursor, range.begin);
        cursor = std::max(cursor, range.end);
        if (cursor >= end)
            break;
    }
    if (cursor < end)
        copy(cursor, end);

    // Merge [begin, end) into the covered list, joining ranges that overlap or touch it.
    auto& covered = pending.covered;
    auto first = std::find_if(covered.begin(), covered.end(), [&](const Range& r) { return r.end >= begin; });
    auto last = std::find_if(first, covered.end(), [&](const Range& r) { return r.begin > end; });
    Range merged { begin, end };
    if (first != last) {
        merged.begin = std::min(merged.begin, first->begin);
        merged.end = std::max(merged.end, std::prev(last)->end);
    }
    auto position = covered.erase(first, last);
    covered.insert(position, merged);
}

} // namespace sipladder::core
