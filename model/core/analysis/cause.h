// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace sipladder::core {

// Why a transaction failed: the cause ids of CONTRACT.md, in its order.
enum class Cause : std::uint8_t {
    UnknownUser,
    NumberFormat,
    DomainMismatch,
    WrongServer,
    NoSuchResource,
    NotRegistered,
    Timeout,
    NoAnswer,
    Busy,
    Cancelled,
    Declined,
    AuthFailed,
    Forbidden,
    AddressIncomplete,
    CodecMismatch,
    BadRequest,
    NoDialog,
    ServerError,
    ServiceUnavailable,
    Other,
};
inline constexpr std::size_t kCauseCount = static_cast<std::size_t>(Cause::Other) + 1;

// "unknown-user", "number-format"... as in CONTRACT.md and the JSON.
std::string_view causeId(Cause cause);
std::optional<Cause> causeFromId(std::string_view id);

enum class Severity : std::uint8_t { Info, Warning, Error };
// "info", "warning", "error".
std::string_view severityName(Severity severity);

} // namespace sipladder::core
