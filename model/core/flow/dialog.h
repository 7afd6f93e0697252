// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "flow/message_record.h"
#include "util/string_arena.h"

#include <cstdint>

namespace sipladder::core {

// A dialog inside a call (RFC 3261 §12): Call-ID plus the two tags. A forked INVITE makes several
// dialogs in one call, one per answering (or ringing) branch. Messages before the callee's tag
// (the INVITE, 100 Trying) belong to none.
struct Dialog {
    std::uint32_t callIndex = kNoIndex;
    std::uint32_t firstMessage = kNoIndex;
    StringRef callerTag; // the From tag of the request that created it
    StringRef calleeTag; // the To tag of the responses
    std::uint64_t key = 0; // hash of the call and the unordered tag pair
    std::uint32_t messageCount = 0;
    bool confirmed = false; // a 2xx was seen (otherwise it stayed early)
};

} // namespace sipladder::core
