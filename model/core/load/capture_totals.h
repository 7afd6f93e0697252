// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>

namespace sipladder::core {

// The totals of `summary --json` (CONTRACT.md: what is counted as what).
struct CaptureTotals {
    std::uint64_t sipMessages = 0;
    std::uint64_t calls = 0;
    std::uint64_t retransmissions = 0;
    std::uint64_t duplicates = 0;
    std::uint64_t malformedMessages = 0;
    std::uint64_t icmpErrors = 0;
    std::uint64_t frames = 0;
};

} // namespace sipladder::core
