// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "flow/message_record.h"
#include "flow/outcome.h"

#include <cstdint>
#include <vector>

namespace sipladder::core {

// All messages that share one Call-ID (CONTRACT.md: a call, whatever its method). The summary
// fields come from the first request and from the initial transaction after challenge retries.
struct CallFlow {
    StringRef callId;
    std::uint64_t callIdCheck = 0; // a hash of the Call-ID, for the loader's lookups
    // Loader caches beside the Call-ID (same cache line): the call's two tags and its latest
    // Request-URI, so that the messages of a call share one stored copy of each.
    std::uint64_t tagHash[2] = {0, 0};
    StringRef tagText[2];
    std::uint64_t uriHash = 0;
    StringRef uriText;
    std::uint8_t nextTagSlot = 0;
    std::uint32_t firstMessage = kNoIndex;
    std::uint32_t firstRequest = kNoIndex;
    std::uint32_t firstTransaction = kNoIndex; // the first request's transaction
    std::uint32_t initialTransaction = kNoIndex; // after following challenge retries
    std::int64_t startNs = 0;
    std::int64_t endNs = 0;
    std::uint32_t messageCount = 0;
    std::uint32_t retransmissions = 0;
    std::uint32_t duplicates = 0;
    std::uint32_t malformedMessages = 0;
    std::uint32_t dialogCount = 0;
    std::uint32_t lastTransaction = kNoIndex; // while loading: most messages follow their call's previous transaction
    std::uint32_t lastDialog = kNoIndex;
    SipMethod initialMethod = SipMethod::Unknown;
    StringRef initialMethodText;
    StringRef requestUri; // of the first request; empty when only responses were captured
    StringRef from; // full header values of the first request (or first message)
    StringRef to;
    StringRef fromTag;
    Endpoint source; // of the first request
    Endpoint destination;
    Transport transport = Transport::Udp;
    std::uint16_t finalStatus = 0; // of the initial transaction; 0 when none
    StringRef finalReason;
    Outcome outcome = Outcome::InProgress;
    CallState state = CallState::InProgress;
    // B2BUA/SBC legs of the same conversation (different Call-IDs), as call indexes; never merged.
    std::vector<std::uint32_t> linkedCalls;
};

} // namespace sipladder::core
