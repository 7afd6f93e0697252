// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <limits>
#include <optional>

namespace sipladder::core {

// A time stamp as a log line writes it: often without the year ("Nov 24 10:00:00"), sometimes
// without any date ("10:00:00.123456").
struct LogTime {
    bool valid = false;
    bool hasDate = false; // month and day
    bool hasYear = false;
    int year = 0;
    int month = 0;
    int day = 0;
    std::int64_t nanosOfDay = 0;
};

// Days since 1970-01-01 of a proleptic Gregorian date.
std::int64_t daysSinceEpoch(int year, int month, int day);

// Turns the partial time stamps of one log into one time line (CONTRACT.md): a full date is used
// as it is; a date without a year takes the year seen last, else 1970; a time of day alone takes the
// date seen last, else 1970-01-01, and moves to the next day when the clock goes back by more than
// twelve hours (the log ran past midnight).
class LogClock {
public:
    // Nanoseconds since the epoch, UTC (logs rarely say their zone; their wall clock is taken as UTC).
    std::int64_t resolve(const LogTime& time);
    bool started() const { return m_lastNs != kNone; }
    // The latest time resolved so far, from any line: where the log ends in time, which can be well
    // after its last SIP message (a "Retransmission timeout" warning, say).
    std::optional<std::int64_t> latest() const
    {
        return m_latestNs == kNone ? std::nullopt : std::optional<std::int64_t>(m_latestNs);
    }

private:
    static constexpr std::int64_t kNone = std::numeric_limits<std::int64_t>::min();
    std::int64_t m_dayStartNs = 0; // midnight of the date in use
    int m_year = 1970;
    bool m_haveYear = false;
    std::int64_t m_lastNs = kNone;
    std::int64_t m_latestNs = kNone;
};

} // namespace sipladder::core
