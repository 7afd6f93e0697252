// SPDX-License-Identifier: Apache-2.0
#include "flow/outcome.h"

namespace sipladder::core {

bool isFailure(Outcome outcome)
{
    switch (outcome) {
    case Outcome::Cancelled:
    case Outcome::AuthFailure:
    case Outcome::ClientFailure:
    case Outcome::ServerFailure:
    case Outcome::GlobalFailure:
    case Outcome::Unanswered:
        return true;
    case Outcome::InProgress:
    case Outcome::Success:
    case Outcome::Redirect:
    case Outcome::Challenge:
    case Outcome::NoResponseExpected:
        break;
    }
    return false;
}

bool isErrorOutcome(Outcome outcome)
{
    return isFailure(outcome) && outcome != Outcome::Cancelled;
}

std::string_view outcomeName(Outcome outcome)
{
    switch (outcome) {
    case Outcome::InProgress:
        return "in-progress";
    case Outcome::Success:
        return "success";
    case Outcome::Redirect:
        return "redirect";
    case Outcome::Challenge:
        return "challenge";
    case Outcome::Cancelled:
        return "cancelled";
    case Outcome::AuthFailure:
        return "auth-failure";
    case Outcome::ClientFailure:
        return "client-failure";
    case Outcome::ServerFailure:
        return "server-failure";
    case Outcome::GlobalFailure:
        return "global-failure";
    case Outcome::Unanswered:
        return "unanswered";
    case Outcome::NoResponseExpected:
        return "no-response-expected";
    }
    return "in-progress";
}

CallState callStateOf(Outcome outcome)
{
    switch (outcome) {
    case Outcome::Success:
        return CallState::Success;
    case Outcome::Redirect:
        return CallState::Redirected;
    case Outcome::Cancelled:
        return CallState::Cancelled;
    case Outcome::Challenge:
    case Outcome::AuthFailure:
    case Outcome::ClientFailure:
    case Outcome::ServerFailure:
    case Outcome::GlobalFailure:
    case Outcome::Unanswered:
        return CallState::Failed;
    case Outcome::InProgress:
    case Outcome::NoResponseExpected:
        break;
    }
    return CallState::InProgress;
}

std::string_view callStateName(CallState state)
{
    switch (state) {
    case CallState::InProgress:
        return "in-progress";
    case CallState::Success:
        return "success";
    case CallState::Failed:
        return "failed";
    case CallState::Cancelled:
        return "cancelled";
    case CallState::Redirected:
        return "redirected";
    }
    return "in-progress";
}

} // namespace sipladder::core
