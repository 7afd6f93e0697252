// SPDX-License-Identifier: Apache-2.0
#include "analysis/cause.h"

#include <array>

namespace sipladder::core {

namespace {

// Indexed by Cause; the order of the enum and of CONTRACT.md.
constexpr std::array<std::string_view, kCauseCount> kCauseIds = {
    "unknown-user",
    "number-format",
    "domain-mismatch",
    "wrong-server",
    "no-such-resource",
    "not-registered",
    "timeout",
    "no-answer",
    "busy",
    "cancelled",
    "declined",
    "auth-failed",
    "forbidden",
    "address-incomplete",
    "codec-mismatch",
    "bad-request",
    "no-dialog",
    "server-error",
    "service-unavailable",
    "other",
};

} // namespace

std::string_view causeId(Cause cause)
{
    const auto index = static_cast<std::size_t>(cause);
    // An out-of-range value (a cast from a corrupt number) still names something.
    return index < kCauseIds.size() ? kCauseIds[index] : kCauseIds.back();
}

std::optional<Cause> causeFromId(std::string_view id)
{
    for (std::size_t i = 0; i < kCauseIds.size(); ++i) {
        if (kCauseIds[i] == id)
            return static_cast<Cause>(i);
    }
    return std::nullopt;
}

std::string_view severityName(Severity severity)
{
    switch (severity) {
    case Severity::Info:
        return "info";
    case Severity::Warning:
        return "warning";
    case Severity::Error:
        break;
    }
    return "error";
}

} // namespace sipladder::core
