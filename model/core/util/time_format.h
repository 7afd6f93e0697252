// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace sipladder::core {

// "2026-11-24T10:00:00.123456Z": UTC, microseconds (nanoseconds are truncated), as in CONTRACT.md.
std::string formatIsoUtc(std::int64_t nanosecondsSinceEpoch);
// The same into `out` (at least 40 bytes), without allocating; returns the length.
std::size_t formatIsoUtcTo(std::int64_t nanosecondsSinceEpoch, char* out);
// "10:00:00.123" (UTC time of day, milliseconds), for tables.
std::string formatTimeOfDay(std::int64_t nanosecondsSinceEpoch);
// "1.234 s", "250 ms", "3 min 02 s".
std::string formatDuration(std::int64_t nanoseconds);

} // namespace sipladder::core
