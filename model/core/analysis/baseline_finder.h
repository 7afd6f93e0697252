// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "load/capture_snapshot.h"

#include <cstdint>
#include <optional>
#include <string>
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

private:
    const CaptureSnapshot& m_snapshot;
    std::vector<std::uint32_t> m_successfulCalls; // in start order
};

} // namespace sipladder::core
