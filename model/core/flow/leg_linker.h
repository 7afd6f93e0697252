// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "flow/call_flow.h"
#include "util/string_arena.h"

#include <cstdint>
#include <utility>
#include <vector>

namespace sipladder::core {

// Links the legs of one conversation through a B2BUA or SBC (different Call-IDs): calls named by
// an X-CID-style header of the other, INVITE calls with the same From tag starting within a few
// seconds, and INVITE calls with the same caller and callee numbers starting within a couple of
// seconds where one leg's destination host is the other's source host (in both cases only when
// few calls share the key around that time). Links are symmetric
// metadata; calls are never merged.
class LegLinker {
public:
    static constexpr std::int64_t kSameTagWindowNs = 5'000'000'000;
    static constexpr std::int64_t kSameNumbersWindowNs = 2'000'000'000;
    // More calls than this sharing a From tag or a number pair within the window are not legs of one
    // conversation (a constant tag, a load test), so none of them is linked by that rule.
    static constexpr std::size_t kMaxLegs = 4;

    static void link(std::vector<CallFlow>& calls, const StringArena& strings,
        const std::vector<std::pair<std::uint32_t, std::uint32_t>>& hintedPairs);

    // The user part of the URI in a From/To header value ("sip:+1555@x" -> "+1555"); empty if none.
    static std::string_view userOf(std::string_view headerValue);
};

} // namespace sipladder::core
