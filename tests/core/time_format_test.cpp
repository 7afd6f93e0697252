// SPDX-License-Identifier: Apache-2.0
#include "util/time_format.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <ctime>

using namespace sipladder::core;

TEST(TimeFormat, IsoUtcWithMicrosecondsTruncatesNanoseconds)
{
    // 2026-11-24T10:00:00 UTC = 1795514400 s since the epoch.
    const std::int64_t base = 1795514400LL * 1'000'000'000;
    EXPECT_EQ(formatIsoUtc(base + 123'456'789), "2026-11-24T10:00:00.123456Z");
    EXPECT_EQ(formatIsoUtc(0), "1970-01-01T00:00:00.000000Z");
}

TEST(TimeFormat, NegativeTimesFloorToTheEarlierSecond)
{
    EXPECT_EQ(formatIsoUtc(-1'000), "1969-12-31T23:59:59.999999Z");
}

TEST(TimeFormat, TimeOfDayAndDurations)
{
    const std::int64_t base = 1795514400LL * 1'000'000'000;
    EXPECT_EQ(formatTimeOfDay(base + 61'234'000'000), "10:01:01.234");
    EXPECT_EQ(formatDuration(250'000'000), "250 ms");
    EXPECT_EQ(formatDuration(1'234'000'000), "1.234 s");
    EXPECT_EQ(formatDuration(182'000'000'000), "3 min 02 s");
}

TEST(TimeFormat, IsoUtcMatchesGmtimeAcrossCenturiesAndLeapDays)
{
    for (std::int64_t seconds : {951782400LL /* 2000-02-29 */, 4107542399LL /* 2100-02-28T23:59:59 */,
             4107542400LL /* 2100-03-01 */, 1709164800LL /* 2024-02-29 */, 9223372036LL /* 2262-04-11, the end of int64 nanoseconds */,
             -86400LL /* 1969-12-31 */}) {
        const std::time_t t = static_cast<std::time_t>(seconds);
        std::tm parts{};
        gmtime_r(&t, &parts);
        char expected[64];
        std::snprintf(expected, sizeof expected, "%04d-%02d-%02dT%02d:%02d:%02d.000000Z", parts.tm_year + 1900,
            parts.tm_mon + 1, parts.tm_mday, parts.tm_hour, parts.tm_min, parts.tm_sec);
        EXPECT_EQ(formatIsoUtc(seconds * 1'000'000'000), expected) << seconds;
    }
}
