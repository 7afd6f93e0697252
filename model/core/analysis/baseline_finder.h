// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "load/capture_snapshot.h"

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

namespace sipladder::core {

// A successful call offered as the "working call" to compare a failure with.
struct Baseline {
    std::uint32_t callIndex = kNoIndex;
    int score = 0;
    std::int64_t distanceNs = 0; // between the two calls' starts
    std::string reason; // which criteria held: "same trunk, same From host"
};

// CONTRACT.md "Working-call baseline": among the successful calls with the same initial method as
// the failing call, the highest score of: same source and destination address (the same trunk) 4,
// same From host 2, same Request-URI host 1; the smaller time distance breaks ties (then the
// earlier call). Precomputes per-snapshot indexes so that ranking one failure is cheap.
class BaselineFinder {
public:
    explicit BaselineFinder(const CaptureSnapshot& snapshot);

    std::optional<Baseline> best(std::uint32_t failingCall) const;
    // The best `limit` candidates, best first (for "choose another working call").
    std::vector<Baseline> ranked(std::uint32_t failingCall, std::size_t limit) const;
    // How a given successful call scores against the failing one (the user picked it).
    Baseline score(std::uint32_t failingCall, std::uint32_t candidateCall) const;
    // The best of `candidates` (any calls, not only working ones) by the same score and tie-breaks;
    // nullopt when there is none other than the failing call.
    std::optional<Baseline> bestAmong(std::uint32_t failingCall, std::span<const std::uint32_t> candidates) const;
    // Whether a call counts as a working call (its initial transaction succeeded).
    bool isSuccessful(std::uint32_t callIndex) const;

    // The lower-cased host of a call's From URI and of its Request-URI (empty when none).
    static std::string fromHostOf(const CaptureSnapshot& snapshot, const CallFlow& call);
    static std::string requestHostOf(const CaptureSnapshot& snapshot, const CallFlow& call);
    // Tells the initial methods of calls apart (an unknown method by its text).
    static std::uint64_t methodKey(const CaptureSnapshot& snapshot, const CallFlow& call);

private:
    // What the score compares, per call.
    struct Traits {
        std::uint64_t method = 0;
        IpAddress source;
        IpAddress destination;
        std::uint64_t fromHost = 0; // hash of the lower-cased host; 0 when there is none
        std::uint64_t requestHost = 0;
        std::int64_t startNs = 0;
    };
    // A level is a subset of the criteria (a bit mask of their scores: trunk 4, From host 2,
    // Request-URI host 1); its index maps the shared values to the calls that have them.
    static constexpr int kLevelCount = 8;
    using LevelIndex = std::unordered_map<std::uint64_t, std::vector<std::uint32_t>>;

    Traits traitsOf(std::uint32_t callIndex) const;
    const Traits* storedTraits(std::uint32_t callIndex) const;
    static std::uint64_t levelKey(const Traits& traits, int level);
    static int scoreOf(const Traits& failing, const Traits& candidate);
    static std::string reasonFor(int score);
    Baseline makeBaseline(const Traits& failing, std::uint32_t candidateCall) const;

    const CaptureSnapshot& m_snapshot;
    std::vector<std::uint32_t> m_successfulCalls; // in start order
    std::vector<Traits> m_traits; // of m_successfulCalls, same order
    std::vector<std::uint32_t> m_successPosition; // per call: its index in m_successfulCalls, or kNoIndex
    std::array<LevelIndex, kLevelCount> m_levels;
};

} // namespace sipladder::core
