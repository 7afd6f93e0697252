// SPDX-License-Identifier: Apache-2.0
#include "analysis/cause.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

using namespace sipladder::core;

TEST(Cause, IdsAreThoseOfTheContractInOrder)
{
    // CONTRACT.md "Cause ids", in its order (the enum follows it).
    const char* const expected[]
        = { "unknown-user", "number-format", "domain-mismatch", "wrong-server", "no-such-resource", "not-registered",
              "timeout", "no-answer", "busy", "cancelled", "declined", "auth-failed", "forbidden", "address-incomplete",
              "codec-mismatch", "bad-request", "no-dialog", "server-error", "service-unavailable", "other" };
    ASSERT_EQ(std::size(expected), kCauseCount);
    for (std::size_t i = 0; i < kCauseCount; ++i)
        EXPECT_EQ(causeId(static_cast<Cause>(i)), expected[i]) << i;
    EXPECT_EQ(causeId(Cause::UnknownUser), "unknown-user");
    EXPECT_EQ(causeId(Cause::NumberFormat), "number-format");
    EXPECT_EQ(causeId(Cause::NoSuchResource), "no-such-resource");
    EXPECT_EQ(causeId(Cause::ServiceUnavailable), "service-unavailable");
    EXPECT_EQ(causeId(Cause::Other), "other");
}

TEST(Cause, EveryIdRoundTripsAndIsUnique)
{
    std::set<std::string> seen;
    for (std::size_t i = 0; i < kCauseCount; ++i) {
        const auto cause = static_cast<Cause>(i);
        const std::string_view id = causeId(cause);
        EXPECT_FALSE(id.empty());
        EXPECT_TRUE(seen.insert(std::string(id)).second) << id;
        const auto back = causeFromId(id);
        ASSERT_TRUE(back.has_value()) << id;
        EXPECT_EQ(*back, cause) << id;
    }
}

TEST(Cause, UnknownIdsAreRejected)
{
    EXPECT_FALSE(causeFromId("").has_value());
    EXPECT_FALSE(causeFromId("unknown").has_value());
    EXPECT_FALSE(causeFromId("Unknown-User").has_value()); // ids are exact, as in the JSON
    EXPECT_FALSE(causeFromId("unknown-user ").has_value());
    EXPECT_FALSE(causeFromId("unknown_user").has_value());
    EXPECT_FALSE(causeFromId("other-").has_value());
    EXPECT_FALSE(causeFromId(std::string_view("busy\0", 5)).has_value());
}

TEST(Cause, SeverityNames)
{
    EXPECT_EQ(severityName(Severity::Info), "info");
    EXPECT_EQ(severityName(Severity::Warning), "warning");
    EXPECT_EQ(severityName(Severity::Error), "error");
}
