// SPDX-License-Identifier: Apache-2.0
#include "util/time_format.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <ctime>

namespace sipladder::core {

namespace {

// Floor division, so that times before 1970 still format correctly.
void splitSeconds(std::int64_t ns, std::int64_t unit, std::int64_t& seconds, std::int64_t& fraction)
{
    seconds = ns / 1'000'000'000;
    std::int64_t rest = ns % 1'000'000'000;
    if (rest < 0) {
        rest += 1'000'000'000;
        --seconds;
    }
    fraction = rest / unit;
}

std::tm toUtc(std::int64_t seconds)
{
    const auto t = static_cast<std::time_t>(seconds);
    std::tm parts{};
    gmtime_r(&t, &parts);
    return parts;
}

// Days since 1970-01-01 to a civil date (proleptic Gregorian), without gmtime: formatting runs
// twice per call in large summaries.
void civilFromDays(std::int64_t days, int& year, int& month, int& day)
{
    days += 719468;
    const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const auto dayOfEra = static_cast<unsigned>(days - era * 146097);
    const unsigned yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
    const unsigned dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
    const unsigned monthIndex = (5 * dayOfYear + 2) / 153;
    day = static_cast<int>(dayOfYear - (153 * monthIndex + 2) / 5 + 1);
    month = static_cast<int>(monthIndex < 10 ? monthIndex + 3 : monthIndex - 9);
    year = static_cast<int>(static_cast<std::int64_t>(yearOfEra) + era * 400 + (month <= 2 ? 1 : 0));
}

void putDigits(char* out, long long value, int width)
{
    for (int i = width - 1; i >= 0; --i) {
        out[i] = static_cast<char>('0' + value % 10);
        value /= 10;
    }
}

} // namespace

std::string formatIsoUtc(std::int64_t ns)
{
    char text[40];
    return std::string(text, formatIsoUtcTo(ns, text));
}

std::size_t formatIsoUtcTo(std::int64_t ns, char* out)
{
    std::int64_t seconds;
    std::int64_t micros;
    splitSeconds(ns, 1000, seconds, micros);
    std::int64_t days = seconds / 86400;
    std::int64_t secondOfDay = seconds % 86400;
    if (secondOfDay < 0) {
        secondOfDay += 86400;
        --days;
    }
    int year;
    int month;
    int day;
    civilFromDays(days, year, month, day);
    if (year < 0 || year > 9999) {
        const int length = std::snprintf(out, 40, "%d-%02d-%02dT%02lld:%02lld:%02lld.%06lldZ", year, month, day,
            static_cast<long long>(secondOfDay / 3600), static_cast<long long>(secondOfDay / 60 % 60),
            static_cast<long long>(secondOfDay % 60), static_cast<long long>(micros));
        return static_cast<std::size_t>(std::min(length, 39));
    }
    std::memcpy(out, "0000-00-00T00:00:00.000000Z", 27);
    putDigits(out, year, 4);
    putDigits(out + 5, month, 2);
    putDigits(out + 8, day, 2);
    putDigits(out + 11, secondOfDay / 3600, 2);
    putDigits(out + 14, secondOfDay / 60 % 60, 2);
    putDigits(out + 17, secondOfDay % 60, 2);
    putDigits(out + 20, micros, 6);
    return 27;
}

std::string formatTimeOfDay(std::int64_t ns)
{
    std::int64_t seconds;
    std::int64_t millis;
    splitSeconds(ns, 1'000'000, seconds, millis);
    const auto parts = toUtc(seconds);
    char text[32];
    std::snprintf(text, sizeof text, "%02d:%02d:%02d.%03lld", parts.tm_hour, parts.tm_min, parts.tm_sec,
        static_cast<long long>(millis));
    return text;
}

std::string formatDuration(std::int64_t ns)
{
    char text[48];
    if (ns < 0)
        ns = 0;
    if (ns < 1'000'000'000) {
        std::snprintf(text, sizeof text, "%lld ms", static_cast<long long>(ns / 1'000'000));
    } else if (ns < 60'000'000'000) {
        std::snprintf(text, sizeof text, "%.3f s", static_cast<double>(ns) / 1e9);
    } else {
        const auto totalSeconds = ns / 1'000'000'000;
        std::snprintf(text, sizeof text, "%lld min %02lld s", static_cast<long long>(totalSeconds / 60),
            static_cast<long long>(totalSeconds % 60));
    }
    return text;
}

} // namespace sipladder::core
