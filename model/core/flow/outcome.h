// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <string_view>

namespace sipladder::core {

// What happened to one transaction, following the outcome table of CONTRACT.md.
enum class Outcome : std::uint8_t {
    InProgress, // no final response, and the capture ends less than 32 s after the request
    Success, // 2xx
    Redirect, // 3xx; the retry that follows is judged on its own
    Challenge, // 401/407 followed by a retry whose credentials were accepted
    Cancelled, // 487 after a CANCEL sent by the endpoint that sent the INVITE
    AuthFailure, // 401/407 with no accepted retry, or 403 after credentials
    ClientFailure, // any other 4xx
    ServerFailure, // 5xx
    GlobalFailure, // 6xx
    Unanswered, // 408, no final response 32 s or more after the request, or 487 after a CANCEL from elsewhere
    NoResponseExpected, // ACK for a 2xx: its own transaction, never answered
};

// Failures as CONTRACT.md defines them: every outcome that makes a call failed, Cancelled included.
bool isFailure(Outcome outcome);
// Failures drawn in the error colour: all failures except a caller's own cancel.
bool isErrorOutcome(Outcome outcome);
std::string_view outcomeName(Outcome outcome);

// The state of a call in the call list and in `summary --json`.
enum class CallState : std::uint8_t {
    InProgress,
    Success,
    Failed,
    Cancelled,
    Redirected,
};

CallState callStateOf(Outcome initialTransactionOutcome);
// "success", "failed", "cancelled", "in-progress", "redirected".
std::string_view callStateName(CallState state);

// Seconds after a request with no final response before it counts as unanswered (64*T1, RFC 3261 §17).
inline constexpr std::int64_t kUnansweredAfterNs = 32'000'000'000;

} // namespace sipladder::core
