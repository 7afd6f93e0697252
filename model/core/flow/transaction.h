// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "flow/message_record.h"
#include "flow/outcome.h"

#include <cstdint>

namespace sipladder::core {

// A request and its responses (RFC 3261 §17): matched by top Via branch + CSeq method, or for
// pre-RFC 3261 branches by Call-ID + CSeq number + method + top Via sent-by. ACK for a 2xx and
// CANCEL are transactions of their own; a CANCEL points at the INVITE it cancels.
struct Transaction {
    std::uint32_t callIndex = kNoIndex;
    std::uint32_t firstMessage = kNoIndex; // first message of any kind seen in it
    std::uint32_t requestMessage = kNoIndex; // first copy of the request, when captured
    std::uint32_t finalResponse = kNoIndex; // first final (>= 200) response
    std::uint32_t cancelTransaction = kNoIndex; // INVITE: the CANCEL aimed at it
    std::uint32_t cancelledTransaction = kNoIndex; // CANCEL: the INVITE it aims at
    std::uint32_t retryTransaction = kNoIndex; // 401/407: the retry with credentials
    std::uint32_t retryOf = kNoIndex; // the challenged transaction this one retries
    std::uint64_t key = 0; // the matching key (see CallGrouper)
    std::int64_t startNs = 0;
    EndpointId requestSource = 0; // of the request, or the reverse of the first response's addresses
    EndpointId requestDestination = 0;
    std::uint32_t cseqNumber = 0;
    std::uint32_t messageCount = 0;
    std::uint16_t finalStatus = 0;
    std::uint16_t highestProvisional = 0; // 0 when none; 100..199 otherwise
    bool sawRinging = false; // 180 or 183 from the callee side
    SipMethod method = SipMethod::Unknown;
    Outcome outcome = Outcome::InProgress;
};

} // namespace sipladder::core
