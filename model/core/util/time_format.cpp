// SPDX-License-Identifier: Apache-2.0
#include "util/time_format.h"

#include <cstdio>
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

} // namespace

std::string formatIsoUtc(std::int64_t ns)
{
    std::int64_t seconds;
    std::int64_t micros;
    splitSeconds(ns, 1000, seconds, micros);
    const auto parts = toUtc(seconds);
    char text[64];
    std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%06lldZ", parts.tm_year + 1900, parts.tm_mon + 1,
        parts.tm_mday, parts.tm_hour, parts.tm_min, parts.tm_sec, static_cast<long long>(micros));
    return text;
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
