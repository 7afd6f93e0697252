// SPDX-License-Identifier: Apache-2.0
#include "flow/leg_linker.h"

#include "util/fast_hash.h"

#include <algorithm>

namespace sipladder::core {

namespace {

void addLink(std::vector<CallFlow>& calls, std::uint32_t a, std::uint32_t b)
{
    if (a == b)
        return;
    // No conversation has this many legs; the bound keeps a flood of X-CID hints to one call linear.
    constexpr std::size_t kMaxLinkedCalls = 64;
    auto add = [](std::vector<std::uint32_t>& list, std::uint32_t other) {
        if (list.size() < kMaxLinkedCalls && std::find(list.begin(), list.end(), other) == list.end())
            list.push_back(other);
    };
    add(calls[a].linkedCalls, b);
    add(calls[b].linkedCalls, a);
}

// Links pairs inside one bucket of calls (already in start order) that start close enough in time.
// A key shared by more calls than one conversation has legs (a constant tag, a load test dialling
// one number) says nothing about legs, so crowded neighbourhoods are left unlinked; this also keeps
// the work linear in the bucket size.
template <typename Accept>
void linkWithinWindow(std::vector<CallFlow>& calls, const std::vector<std::uint32_t>& bucket, std::int64_t windowNs,
    Accept accept)
{
    if (bucket.size() < 2)
        return;
    auto start = [&](std::size_t i) { return calls[bucket[i]].startNs; };
    // Calls of the bucket within the window before and after each call, itself included.
    std::vector<std::size_t> crowd(bucket.size(), 0);
    std::size_t low = 0;
    std::size_t high = 0;
    for (std::size_t i = 0; i < bucket.size(); ++i) {
        while (start(i) - start(low) > windowNs)
            ++low;
        if (high < i)
            high = i;
        while (high + 1 < bucket.size() && start(high + 1) - start(i) <= windowNs)
            ++high;
        crowd[i] = high - low + 1;
    }
    std::size_t windowStart = 0;
    for (std::size_t i = 0; i < bucket.size(); ++i) {
        while (start(i) - start(windowStart) > windowNs)
            ++windowStart;
        if (crowd[i] > LegLinker::kMaxLegs)
            continue;
        for (std::size_t j = windowStart; j < i; ++j) {
            if (crowd[j] <= LegLinker::kMaxLegs && accept(calls[bucket[j]], calls[bucket[i]]))
                addLink(calls, bucket[j], bucket[i]);
        }
    }
}

} // namespace

std::string_view LegLinker::userOf(std::string_view value)
{
    std::size_t start = std::string_view::npos;
    bool telephone = false;
    for (std::string_view scheme : {"sip:", "sips:", "tel:", "SIP:", "SIPS:", "TEL:"}) {
        const auto at = value.find(scheme);
        if (at != std::string_view::npos && (start == std::string_view::npos || at + scheme.size() < start)) {
            start = at + scheme.size();
            telephone = scheme.front() == 't' || scheme.front() == 'T';
        }
    }
    if (start == std::string_view::npos)
        return {};
    const auto rest = value.substr(start);
    const auto end = rest.find_first_of("@;>? ,");
    if (end != std::string_view::npos && rest[end] == '@')
        return rest.substr(0, end);
    // A tel: URI is all user part; a SIP URI without '@' has none.
    return telephone ? rest.substr(0, end) : std::string_view{};
}

void LegLinker::link(std::vector<CallFlow>& calls, const StringArena& strings,
    const std::vector<std::pair<std::uint32_t, std::uint32_t>>& hintedPairs)
{
    for (const auto& [a, b] : hintedPairs)
        addLink(calls, a, b);

    // Calls sharing a key, found by sorting (key, call) pairs; within a key, call order is start
    // order, so a sliding window finds close starts.
    std::vector<std::pair<std::uint64_t, std::uint32_t>> byFromTag;
    std::vector<std::pair<std::uint64_t, std::uint32_t>> byNumbers;
    for (std::uint32_t c = 0; c < calls.size(); ++c) {
        const CallFlow& call = calls[c];
        if (call.initialMethod != SipMethod::Invite || call.firstRequest == kNoIndex)
            continue;
        const auto tag = strings.view(call.fromTag);
        if (!tag.empty())
            byFromTag.emplace_back(fastHash(tag.data(), tag.size(), 1), c);
        const auto fromUser = userOf(strings.view(call.from));
        const auto toUser = userOf(strings.view(call.to));
        if (!fromUser.empty() && !toUser.empty())
            byNumbers.emplace_back(
                combineHash(fastHash(fromUser.data(), fromUser.size(), 2), fastHash(toUser.data(), toUser.size(), 3)), c);
    }
    auto forEachBucket = [](std::vector<std::pair<std::uint64_t, std::uint32_t>>& keyed, auto&& visit) {
        std::sort(keyed.begin(), keyed.end());
        std::vector<std::uint32_t> bucket;
        for (std::size_t i = 0; i < keyed.size();) {
            std::size_t j = i;
            bucket.clear();
            while (j < keyed.size() && keyed[j].first == keyed[i].first)
                bucket.push_back(keyed[j++].second);
            if (bucket.size() > 1)
                visit(bucket);
            i = j;
        }
    };
    forEachBucket(byFromTag, [&](const std::vector<std::uint32_t>& bucket) {
        linkWithinWindow(calls, bucket, kSameTagWindowNs, [&](const CallFlow& a, const CallFlow& b) {
            return strings.view(a.fromTag) == strings.view(b.fromTag);
        });
    });
    forEachBucket(byNumbers, [&](const std::vector<std::uint32_t>& bucket) {
        linkWithinWindow(calls, bucket, kSameNumbersWindowNs, [&](const CallFlow& a, const CallFlow& b) {
            const bool chained = a.destination.address == b.source.address || b.destination.address == a.source.address;
            return chained && userOf(strings.view(a.from)) == userOf(strings.view(b.from))
                && userOf(strings.view(a.to)) == userOf(strings.view(b.to));
        });
    });
    for (auto& call : calls)
        std::sort(call.linkedCalls.begin(), call.linkedCalls.end());
}

} // namespace sipladder::core
