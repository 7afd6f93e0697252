// SPDX-License-Identifier: Apache-2.0
#include "analysis/baseline_finder.h"

#include "sip/name_addr.h"
#include "sip/sip_uri.h"
#include "util/ascii_text.h"
#include "util/fast_hash.h"

#include <algorithm>
#include <cctype>

namespace sipladder::core {

namespace {

constexpr int kTrunkScore = 4;
constexpr int kFromHostScore = 2;
constexpr int kRequestHostScore = 1;

std::uint64_t hashText(std::string_view text, std::uint64_t seed)
{
    return fastHash(text.data(), text.size(), seed);
}

std::uint64_t hashAddress(const IpAddress& address, std::uint64_t seed)
{
    return combineHash(fastHash(address.bytes.data(), address.bytes.size(), seed), address.isV6 ? 6 : 4);
}

std::uint64_t hostHash(const std::string& lowerHost)
{
    return lowerHost.empty() ? 0 : hashText(lowerHost, 0x4057) | 1;
}

std::int64_t distance(std::int64_t a, std::int64_t b)
{
    return a > b ? a - b : b - a;
}

} // namespace

std::string BaselineFinder::fromHostOf(const CaptureSnapshot& snapshot, const CallFlow& call)
{
    const auto from = parseNameAddr(snapshot.text(call.from));
    return asciiLowerCase(from.uri.host);
}

std::string BaselineFinder::requestHostOf(const CaptureSnapshot& snapshot, const CallFlow& call)
{
    return asciiLowerCase(parseSipUri(snapshot.text(call.requestUri)).host);
}

std::uint64_t BaselineFinder::methodKey(const CaptureSnapshot& snapshot, const CallFlow& call)
{
    if (call.initialMethod != SipMethod::Unknown)
        return static_cast<std::uint64_t>(call.initialMethod) + 1;
    return hashText(snapshot.text(call.initialMethodText), 0x51f0);
}

BaselineFinder::Traits BaselineFinder::traitsOf(std::uint32_t callIndex) const
{
    const auto& call = m_snapshot.calls()[callIndex];
    Traits traits;
    traits.method = methodKey(m_snapshot, call);
    traits.source = call.source.address;
    traits.destination = call.destination.address;
    traits.fromHost = hostHash(fromHostOf(m_snapshot, call));
    traits.requestHost = hostHash(requestHostOf(m_snapshot, call));
    traits.startNs = call.startNs;
    return traits;
}

std::uint64_t BaselineFinder::levelKey(const Traits& traits, int level)
{
    // A level is the set of criteria a candidate must share; its key hashes only those.
    std::uint64_t key = combineHash(traits.method, static_cast<std::uint64_t>(level));
    if (level & kTrunkScore)
        key = hashAddress(traits.destination, hashAddress(traits.source, key));
    if (level & kFromHostScore)
        key = combineHash(key ^ 0xf0, traits.fromHost);
    if (level & kRequestHostScore)
        key = combineHash(key ^ 0x0f, traits.requestHost);
    return key;
}

BaselineFinder::BaselineFinder(const CaptureSnapshot& snapshot)
    : m_snapshot(snapshot)
{
    const auto& calls = snapshot.calls();
    m_successPosition.assign(calls.size(), kNoIndex);
    for (std::uint32_t c = 0; c < calls.size(); ++c) {
        if (calls[c].state != CallState::Success)
            continue;
        m_successPosition[c] = static_cast<std::uint32_t>(m_successfulCalls.size());
        m_successfulCalls.push_back(c);
        const auto traits = traitsOf(c);
        for (int level = 0; level < kLevelCount; ++level)
            m_levels[static_cast<std::size_t>(level)][levelKey(traits, level)].push_back(c);
        m_traits.push_back(traits);
    }
}

const BaselineFinder::Traits* BaselineFinder::storedTraits(std::uint32_t callIndex) const
{
    if (callIndex >= m_successPosition.size() || m_successPosition[callIndex] == kNoIndex)
        return nullptr;
    return &m_traits[m_successPosition[callIndex]];
}

int BaselineFinder::scoreOf(const Traits& failing, const Traits& candidate)
{
    int score = 0;
    if (failing.source == candidate.source && failing.destination == candidate.destination)
        score += kTrunkScore;
    if (failing.fromHost != 0 && failing.fromHost == candidate.fromHost)
        score += kFromHostScore;
    if (failing.requestHost != 0 && failing.requestHost == candidate.requestHost)
        score += kRequestHostScore;
    return score;
}

std::string BaselineFinder::reasonFor(int score)
{
    std::string reason;
    auto add = [&](const char* part) {
        if (!reason.empty())
            reason += ", ";
        reason += part;
    };
    if (score & kTrunkScore)
        add("same trunk");
    if (score & kFromHostScore)
        add("same From host");
    if (score & kRequestHostScore)
        add("same Request-URI host");
    if (reason.empty())
        reason = "nearest in time (no shared trunk or hosts)";
    return reason;
}

Baseline BaselineFinder::makeBaseline(const Traits& failing, std::uint32_t candidateCall) const
{
    const auto* stored = storedTraits(candidateCall);
    const Traits candidate = stored ? *stored : traitsOf(candidateCall);
    Baseline baseline;
    baseline.callIndex = candidateCall;
    baseline.score = scoreOf(failing, candidate);
    baseline.distanceNs = distance(failing.startNs, candidate.startNs);
    baseline.reason = reasonFor(baseline.score);
    return baseline;
}

std::optional<Baseline> BaselineFinder::best(std::uint32_t failingCall) const
{
    if (failingCall >= m_snapshot.calls().size() || m_successfulCalls.empty())
        return std::nullopt;
    const auto failing = traitsOf(failingCall);
    // Levels from the highest score down: the first level with a candidate holds the best score, and
    // every candidate found there scores exactly that level (higher levels were empty).
    for (int level = kLevelCount - 1; level >= 0; --level) {
        if ((level & kFromHostScore) && failing.fromHost == 0)
            continue;
        if ((level & kRequestHostScore) && failing.requestHost == 0)
            continue;
        const auto& map = m_levels[static_cast<std::size_t>(level)];
        const auto bucket = map.find(levelKey(failing, level));
        if (bucket == map.end())
            continue;
        const auto& list = bucket->second; // in call order, which is start order
        std::optional<Baseline> chosen;
        auto consider = [&](std::uint32_t candidate) {
            if (candidate == failingCall || storedTraits(candidate)->method != failing.method)
                return;
            auto baseline = makeBaseline(failing, candidate);
            if ((baseline.score & level) != level) // a hash collision, not a match
                return;
            if (!chosen || baseline.distanceNs < chosen->distanceNs
                || (baseline.distanceNs == chosen->distanceNs && candidate < chosen->callIndex))
                chosen = std::move(baseline);
        };
        const auto at = std::lower_bound(list.begin(), list.end(), failing.startNs,
            [&](std::uint32_t call, std::int64_t start) { return m_snapshot.calls()[call].startNs < start; });
        // The nearest in time is next to the insertion point; look a few either side for collisions and
        // for the failing call itself.
        const auto from = at - std::min<std::ptrdiff_t>(at - list.begin(), 4);
        const auto to = at + std::min<std::ptrdiff_t>(list.end() - at, 4);
        for (auto it = from; it != to; ++it)
            consider(*it);
        if (!chosen) {
            for (const auto candidate : list)
                consider(candidate);
        }
        if (chosen)
            return chosen;
    }
    return std::nullopt;
}

std::vector<Baseline> BaselineFinder::ranked(std::uint32_t failingCall, std::size_t limit) const
{
    std::vector<Baseline> out;
    if (failingCall >= m_snapshot.calls().size() || limit == 0)
        return out;
    const auto failing = traitsOf(failingCall);
    for (std::size_t i = 0; i < m_successfulCalls.size(); ++i) {
        const auto candidate = m_successfulCalls[i];
        if (candidate == failingCall || m_traits[i].method != failing.method)
            continue;
        out.push_back(makeBaseline(failing, candidate));
    }
    auto better = [](const Baseline& a, const Baseline& b) {
        if (a.score != b.score)
            return a.score > b.score;
        if (a.distanceNs != b.distanceNs)
            return a.distanceNs < b.distanceNs;
        return a.callIndex < b.callIndex;
    };
    if (out.size() > limit) {
        std::partial_sort(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(limit), out.end(), better);
        out.resize(limit);
    } else {
        std::sort(out.begin(), out.end(), better);
    }
    return out;
}

Baseline BaselineFinder::score(std::uint32_t failingCall, std::uint32_t candidateCall) const
{
    return makeBaseline(traitsOf(failingCall), candidateCall);
}

std::optional<Baseline> BaselineFinder::bestAmong(
    std::uint32_t failingCall, std::span<const std::uint32_t> candidates) const
{
    if (failingCall >= m_snapshot.calls().size())
        return std::nullopt;
    const auto failing = traitsOf(failingCall);
    // Scores only; the reason text is made for the winner.
    std::uint32_t bestCall = kNoIndex;
    int bestScore = -1;
    std::int64_t bestDistance = 0;
    for (const auto candidate : candidates) {
        if (candidate == failingCall || candidate >= m_snapshot.calls().size())
            continue;
        const auto* stored = storedTraits(candidate);
        const Traits traits = stored ? *stored : traitsOf(candidate);
        const int score = scoreOf(failing, traits);
        const auto gap = distance(failing.startNs, traits.startNs);
        if (score > bestScore || (score == bestScore && (gap < bestDistance || (gap == bestDistance && candidate < bestCall)))) {
            bestCall = candidate;
            bestScore = score;
            bestDistance = gap;
        }
    }
    if (bestCall == kNoIndex)
        return std::nullopt;
    return makeBaseline(failing, bestCall);
}

bool BaselineFinder::isSuccessful(std::uint32_t callIndex) const
{
    return storedTraits(callIndex) != nullptr;
}

} // namespace sipladder::core
