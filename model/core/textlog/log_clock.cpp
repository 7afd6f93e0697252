// SPDX-License-Identifier: Apache-2.0
#include "textlog/log_clock.h"

#include <algorithm>

namespace sipladder::core {

namespace {

constexpr std::int64_t kDayNs = 86'400LL * 1'000'000'000LL;

} // namespace

std::int64_t daysSinceEpoch(int year, int month, int day)
{
    // Counted from 1 March so that the leap day is the last day of its year.
    const std::int64_t y = static_cast<std::int64_t>(year) - (month <= 2 ? 1 : 0);
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const std::int64_t yearOfEra = y - era * 400;
    const std::int64_t shiftedMonth = month > 2 ? month - 3 : month + 9;
    const std::int64_t dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1;
    const std::int64_t dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146097 + dayOfEra - 719468;
}

std::int64_t LogClock::resolve(const LogTime& time)
{
    std::int64_t ns = 0;
    if (time.hasDate) {
        if (time.hasYear) {
            m_year = time.year;
            m_haveYear = true;
        }
        m_dayStartNs = daysSinceEpoch(m_year, time.month, time.day) * kDayNs;
        ns = m_dayStartNs + time.nanosOfDay;
        // A log without years that runs from December into January.
        if (!time.hasYear && m_lastNs != kNone && ns < m_lastNs - 180 * kDayNs) {
            ++m_year;
            m_dayStartNs = daysSinceEpoch(m_year, time.month, time.day) * kDayNs;
            ns = m_dayStartNs + time.nanosOfDay;
        }
    } else {
        ns = m_dayStartNs + time.nanosOfDay;
        if (m_lastNs != kNone && ns < m_lastNs - kDayNs / 2) {
            m_dayStartNs += kDayNs;
            ns += kDayNs;
        }
    }
    m_lastNs = ns;
    m_latestNs = std::max(m_latestNs, ns);
    return ns;
}

} // namespace sipladder::core
