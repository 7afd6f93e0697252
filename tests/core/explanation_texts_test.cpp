// SPDX-License-Identifier: Apache-2.0
#include "analysis/builtin_diagnosis_texts.h"
#include "analysis/explanation_texts.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <string>
#include <thread>
#include <vector>

using namespace sipladder::core;

namespace {

// The placeholders of the texts spec (the diagnoser fills exactly these).
const std::set<std::string> kSpecPlaceholders
    = { "method", "status", "reason", "request_uri", "user", "host", "source", "destination", "responder", "from_user",
          "from_host", "to_user", "working_call", "working_uri", "working_user", "working_host", "working_destination",
          "working_time", "failing_form", "working_form", "q850_cause", "q850_text", "warning", "retry_after",
          "elapsed", "retransmissions", "ring_seconds", "cancelled_by", "icmp", "offered_codecs", "accepted_codecs",
          "working_codecs", "aor", "event", "registration_frame", "allow", "unsupported", "min_se", "min_expires",
          "provisional", "initial_method", "common_codecs" };

// The variants of the texts spec: each has KEY.summary and KEY.explanation.
const std::vector<std::string> kSpecVariants = { "no-such-resource.subscribe", "no-such-resource.message",
    "no-such-resource.options", "no-such-resource.publish", "no-such-resource.register", "no-such-resource.other",
    "unknown-user.from-trunk", "unknown-user.from-phone", "unknown-user.to-carrier", "unknown-user.origin-unknown",
    "unknown-user.reached-before", "not-registered.deregistered", "not-registered.never-registered",
    "not-registered.registered", "timeout.no-response", "timeout.provisional-only", "timeout.408", "timeout.icmp",
    "timeout.cancelled-elsewhere", "no-answer.408", "no-answer.cancelled-elsewhere", "no-answer.no-final", "busy.486",
    "busy.600", "auth-failed.no-retry", "auth-failed.challenged-again", "auth-failed.forbidden-after-credentials",
    "auth-failed.stale-nonce", "codec-mismatch.488", "codec-mismatch.415", "codec-mismatch.606", "server-error.500",
    "server-error.501", "server-error.502", "server-error.504", "server-error.513", "service-unavailable.retry-after",
    "service-unavailable.no-retry-after", "other.402", "other.405", "other.410", "other.413", "other.414", "other.416",
    "other.420", "other.421", "other.422", "other.423", "other.482", "other.483", "other.485", "other.489", "other.491",
    "other.493", "other.494", "other.580", "unknown-user.from-extension", "not-registered.expired",
    "not-registered.rejected", "not-registered.registered-later", "timeout.terminated", "no-answer.terminated",
    "no-answer.completed-elsewhere", "codec-mismatch.common-codec", "codec-mismatch.q850", "busy.q850",
    "no-answer.q850", "declined.q850", "address-incomplete.q850", "service-unavailable.q850", "forbidden.q850",
    "timeout.q850", "server-error.q850" };

const std::vector<int> kSpecQ850 = { 1, 2, 3, 6, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 31, 34, 38, 41, 42, 44, 47, 50,
    55, 57, 58, 63, 65, 69, 79, 81, 87, 88, 95, 96, 97, 99, 100, 102, 111, 127 };

const std::vector<std::string> kSpecSingles = { "q850.note", "warning.note", "later-in-call.note",
    "uncertainty.no-baseline", "uncertainty.no-request", "uncertainty.single-capture-point",
    "uncertainty.no-registrations", "uncertainty.origin", "uncertainty.number-not-numeric", "path-works.note",
    "uncertainty.other-registrar", "uncertainty.unreadable" };

const std::vector<std::string> kCauseIds
    = { "unknown-user", "number-format", "domain-mismatch", "wrong-server", "no-such-resource", "not-registered",
          "timeout", "no-answer", "busy", "cancelled", "declined", "auth-failed", "forbidden", "address-incomplete",
          "codec-mismatch", "bad-request", "no-dialog", "server-error", "service-unavailable", "other" };

std::set<std::string> specKeys()
{
    std::set<std::string> keys(kSpecSingles.begin(), kSpecSingles.end());
    for (const auto& variant : kSpecVariants) {
        keys.insert(variant + ".summary");
        keys.insert(variant + ".explanation");
    }
    for (const int cause : kSpecQ850)
        keys.insert("q850." + std::to_string(cause));
    return keys;
}

// The {name} placeholders of a text, by the README's rule (a letter or '_' first).
std::vector<std::string> placeholdersOf(std::string_view text)
{
    std::vector<std::string> names;
    for (std::size_t open = text.find('{'); open != std::string_view::npos; open = text.find('{', open + 1)) {
        const auto close = text.find('}', open + 1);
        if (close == std::string_view::npos)
            break;
        const auto name = text.substr(open + 1, close - open - 1);
        const bool valid = !name.empty() && (std::isalpha(static_cast<unsigned char>(name[0])) || name[0] == '_')
            && std::all_of(name.begin(), name.end(),
                [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
        if (valid)
            names.emplace_back(name);
    }
    return names;
}

std::string joined(const std::vector<std::string>& lines)
{
    std::string text;
    for (const auto& line : lines)
        text += line + "\n";
    return text;
}

bool anyContains(const std::vector<std::string>& problems, std::string_view a, std::string_view b = {})
{
    return std::any_of(problems.begin(), problems.end(), [&](const std::string& problem) {
        return problem.find(a) != std::string::npos && problem.find(b) != std::string::npos;
    });
}

const char* const kMinimalCause = "[cause busy]\n"
                                  "title: Busy\n"
                                  "summary: Busy.\n"
                                  "explanation: The callee is busy.\n";

} // namespace

TEST(ExplanationTexts, BuiltInTextsParseWithoutProblems)
{
    const auto sources = builtInDiagnosisTexts();
    ASSERT_GE(sources.size(), 1U);
    std::vector<std::string> problems;
    ExplanationTexts::parse(sources, &problems);
    EXPECT_TRUE(problems.empty()) << joined(problems);
}

TEST(ExplanationTexts, BuiltInIsParsedOnceAndSharedBetweenThreads)
{
    const ExplanationTexts* seen[2] = {};
    std::thread first([&] { seen[0] = &ExplanationTexts::builtIn(); });
    std::thread second([&] { seen[1] = &ExplanationTexts::builtIn(); });
    first.join();
    second.join();
    EXPECT_EQ(seen[0], seen[1]);
    EXPECT_EQ(seen[0], &ExplanationTexts::builtIn());
    EXPECT_FALSE(ExplanationTexts::builtIn().forCause(Cause::UnknownUser).title.empty());
}

TEST(ExplanationTexts, EveryCauseHasTitleSummaryExplanationFixesAndReferences)
{
    const auto& texts = ExplanationTexts::builtIn();
    const auto platforms = ExplanationTexts::platforms();
    ASSERT_EQ(kCauseIds.size(), kCauseCount);
    for (std::size_t i = 0; i < kCauseCount; ++i) {
        SCOPED_TRACE(kCauseIds[i]);
        const auto& cause = texts.forCause(static_cast<Cause>(i));
        EXPECT_FALSE(cause.title.empty());
        EXPECT_FALSE(cause.summary.empty());
        EXPECT_FALSE(cause.explanation.empty());
        EXPECT_EQ(cause.summary.find('\n'), std::string::npos) << "a summary is one line";
        EXPECT_GE(cause.fixes.size(), 1U);
        EXPECT_GE(cause.references.size(), 1U);
        for (const auto& [platform, fix] : cause.fixes) {
            EXPECT_NE(std::find(platforms.begin(), platforms.end(), platform), platforms.end()) << platform;
            EXPECT_FALSE(fix.empty()) << platform;
        }
        for (const auto& reference : cause.references)
            EXPECT_TRUE(placeholdersOf(reference).empty()) << reference;
    }
}

TEST(ExplanationTexts, EverySpecKeyExistsAndNoOtherKey)
{
    const auto& texts = ExplanationTexts::builtIn();
    const auto keys = specKeys();
    for (const auto& key : keys)
        EXPECT_FALSE(texts.text(key).empty()) << "missing: " << key;
    for (const auto& [key, value] : texts.texts())
        EXPECT_TRUE(keys.contains(key)) << "not in the spec (a typo?): " << key;
    for (const auto& variant : kSpecVariants)
        EXPECT_EQ(texts.text(variant + ".summary").find('\n'), std::string_view::npos) << variant;
}

TEST(ExplanationTexts, EveryPlaceholderIsOneOfTheSpec)
{
    const auto& texts = ExplanationTexts::builtIn();
    std::vector<std::pair<std::string, std::string>> all; // where, text
    for (std::size_t i = 0; i < kCauseCount; ++i) {
        const auto& cause = texts.forCause(static_cast<Cause>(i));
        all.emplace_back(kCauseIds[i] + " title", cause.title);
        all.emplace_back(kCauseIds[i] + " summary", cause.summary);
        all.emplace_back(kCauseIds[i] + " explanation", cause.explanation);
        for (const auto& [platform, fix] : cause.fixes)
            all.emplace_back(kCauseIds[i] + " fix " + platform, fix);
    }
    for (const auto& [key, value] : texts.texts())
        all.emplace_back(key, value);
    std::size_t used = 0;
    for (const auto& [where, text] : all) {
        for (const auto& name : placeholdersOf(text)) {
            ++used;
            EXPECT_TRUE(kSpecPlaceholders.contains(name)) << where << ": {" << name << "}";
        }
    }
    EXPECT_GT(used, 100U);
    // The parser's own list is the spec's.
    const auto listed = ExplanationTexts::placeholders();
    EXPECT_EQ(std::set<std::string>(listed.begin(), listed.end()), kSpecPlaceholders);
}

TEST(ExplanationTexts, TextsUseTheValuesTheirSituationGuarantees)
{
    const auto& texts = ExplanationTexts::builtIn();
    const auto uses = [](std::string_view text, const std::string& name) {
        return text.find("{" + name + "}") != std::string_view::npos;
    };
    const auto& numberFormat = texts.forCause(Cause::NumberFormat);
    EXPECT_TRUE(uses(numberFormat.summary, "failing_form"));
    EXPECT_TRUE(uses(numberFormat.summary, "working_time"));
    EXPECT_TRUE(uses(numberFormat.explanation, "working_call"));
    EXPECT_TRUE(uses(numberFormat.summary, "working_form"));
    EXPECT_TRUE(uses(texts.forCause(Cause::DomainMismatch).summary, "working_host"));
    EXPECT_TRUE(uses(texts.forCause(Cause::WrongServer).summary, "working_destination"));
    EXPECT_TRUE(uses(texts.text("timeout.icmp.summary"), "icmp"));
    EXPECT_TRUE(uses(texts.text("timeout.cancelled-elsewhere.summary"), "cancelled_by"));
    EXPECT_TRUE(uses(texts.text("no-answer.cancelled-elsewhere.summary"), "cancelled_by"));
    EXPECT_TRUE(uses(texts.text("not-registered.deregistered.explanation"), "registration_frame"));
    EXPECT_TRUE(uses(texts.text("service-unavailable.retry-after.summary"), "retry_after"));
    EXPECT_TRUE(uses(texts.text("unknown-user.reached-before.summary"), "working_call"));
    // Values that may be empty appear only where the spec's text puts them.
    for (const auto& [key, value] : texts.texts()) {
        if (key != "warning.note") {
            EXPECT_FALSE(uses(value, "warning")) << key;
        }
        if (key != "q850.note") {
            EXPECT_FALSE(uses(value, "q850_text")) << key;
        }
        if (key != "service-unavailable.retry-after.summary" && key != "service-unavailable.retry-after.explanation") {
            EXPECT_FALSE(uses(value, "retry_after")) << key;
        }
    }
    EXPECT_EQ(texts.text("q850.note"), "The response carries Reason: Q.850 cause {q850_cause} ({q850_text}).");
    EXPECT_EQ(texts.text("warning.note"), "The response's Warning header says: {warning}.");
    EXPECT_EQ(texts.text("q850.1"), "unallocated (unassigned) number");
    EXPECT_EQ(texts.text("q850.17"), "user busy");
}

TEST(ExplanationTexts, ReferencesNameTheRightRfcSections)
{
    const auto& texts = ExplanationTexts::builtIn();
    const auto refers = [&](Cause cause, std::string_view reference) {
        const auto& references = texts.forCause(cause).references;
        return std::find(references.begin(), references.end(), reference) != references.end();
    };
    EXPECT_TRUE(refers(Cause::UnknownUser, "RFC 3261 §21.4.5"));
    EXPECT_TRUE(refers(Cause::NotRegistered, "RFC 3261 §21.4.18"));
    EXPECT_TRUE(refers(Cause::AddressIncomplete, "RFC 3261 §21.4.22"));
    EXPECT_TRUE(refers(Cause::CodecMismatch, "RFC 3261 §21.4.26"));
    EXPECT_TRUE(refers(Cause::ServiceUnavailable, "RFC 3261 §21.5.4"));
    EXPECT_TRUE(refers(Cause::AuthFailed, "RFC 3261 §22"));
    EXPECT_TRUE(refers(Cause::ServerError, "RFC 3326"));
    EXPECT_TRUE(refers(Cause::Timeout, "RFC 3261 §17.1.1.2"));
    EXPECT_TRUE(refers(Cause::Cancelled, "RFC 3261 §9.1"));
}

TEST(ExplanationTexts, ParsesCauseFieldsFixesAndReferencesInOrder)
{
    std::vector<std::string> problems;
    const auto texts = ExplanationTexts::parse("# a comment\n"
                                               "[cause number-format]\n"
                                               "title: Number format: not accepted\n"
                                               "summary: Dialled as {failing_form}.\n"
                                               "explanation: One.\n"
                                               "fix Carrier portal: Check the format.\n"
                                               "fix Asterisk: Use `${EXTEN:2}` and `^\\+?(\\d{10})$`.\n"
                                               "reference: RFC 3261 §21.4.5\n"
                                               "reference: ITU-T E.164\n",
        &problems);
    EXPECT_TRUE(problems.empty()) << joined(problems);
    const auto& cause = texts.forCause(Cause::NumberFormat);
    EXPECT_EQ(cause.title, "Number format: not accepted");
    EXPECT_EQ(cause.summary, "Dialled as {failing_form}.");
    ASSERT_EQ(cause.fixes.size(), 2U);
    EXPECT_EQ(cause.fixes[0].first, "Carrier portal");
    EXPECT_EQ(cause.fixes[1].first, "Asterisk");
    EXPECT_EQ(cause.fixes[1].second, "Use `${EXTEN:2}` and `^\\+?(\\d{10})$`.");
    ASSERT_EQ(cause.references.size(), 2U);
    EXPECT_EQ(cause.references[0], "RFC 3261 §21.4.5");
    EXPECT_EQ(cause.references[1], "ITU-T E.164");
    EXPECT_TRUE(texts.forCause(Cause::Busy).title.empty());
}

TEST(ExplanationTexts, JoinsContinuationLinesAndKeepsParagraphs)
{
    std::vector<std::string> problems;
    const auto texts = ExplanationTexts::parse("[variant busy.486]\r\n"
                                               "summary: One line,\r\n"
                                               "  continued.\r\n"
                                               "explanation:\n"
                                               "  First paragraph\n"
                                               "\tstill first.\n"
                                               "\n"
                                               "   \n"
                                               "  # a comment inside the value is skipped\n"
                                               "  Second paragraph.\n"
                                               "\n"
                                               "  Third: {user}.\n"
                                               "\n"
                                               "\n"
                                               "[texts]\n"
                                               "q850.17: user busy\n"
                                               "later-in-call.note:   spaced out   \n",
        &problems);
    EXPECT_TRUE(problems.empty()) << joined(problems);
    EXPECT_EQ(texts.text("busy.486.summary"), "One line, continued.");
    EXPECT_EQ(
        texts.text("busy.486.explanation"), "First paragraph still first.\n\nSecond paragraph.\n\nThird: {user}.");
    EXPECT_EQ(texts.text("q850.17"), "user busy");
    EXPECT_EQ(texts.text("later-in-call.note"), "spaced out");
    EXPECT_EQ(texts.text("q850.99"), "");
    EXPECT_EQ(texts.text("busy.486"), "");
}

TEST(ExplanationTexts, ReportsUnknownCauseSectionFieldAndPlatformWithLines)
{
    std::vector<std::string> problems;
    const auto texts = ExplanationTexts::parse(std::string(kMinimalCause) + "fix Windows: Reboot.\n" // 5
            + "sumary: typo\n" // 6
            + "[cause no-such-cause]\n" // 7
            + "title: ignored\n" // 8
            + "[variant no-such-cause.x]\n" // 9
            + "summary: ignored\n" // 10
            + "[chapter 1]\n" // 11
            + "key without colon\n" // 12
            + "[texts]\n" // 13
            + "bad key: x\n" // 14
            + "  continued\n", // 15
        &problems);
    EXPECT_TRUE(anyContains(problems, "line 5:", "Windows")) << joined(problems);
    EXPECT_TRUE(anyContains(problems, "line 6:", "sumary")) << joined(problems);
    EXPECT_TRUE(anyContains(problems, "line 7:", "unknown cause id 'no-such-cause'")) << joined(problems);
    EXPECT_TRUE(anyContains(problems, "line 9:", "no-such-cause")) << joined(problems);
    EXPECT_TRUE(anyContains(problems, "line 11:", "[chapter 1]")) << joined(problems);
    EXPECT_TRUE(anyContains(problems, "line 12:", "key without colon")) << joined(problems);
    EXPECT_TRUE(anyContains(problems, "line 14:", "bad key")) << joined(problems);
    // Fields of a rejected section are skipped without a problem each; the rest is still read.
    EXPECT_FALSE(anyContains(problems, "line 8:")) << joined(problems);
    EXPECT_FALSE(anyContains(problems, "line 10:")) << joined(problems);
    EXPECT_FALSE(anyContains(problems, "line 15:")) << joined(problems);
    EXPECT_EQ(problems.size(), 7U) << joined(problems);
    EXPECT_EQ(texts.forCause(Cause::Busy).explanation, "The callee is busy.");
    EXPECT_TRUE(texts.forCause(Cause::Busy).fixes.empty());
}

TEST(ExplanationTexts, ReportsMissingFieldsAtTheSectionLine)
{
    std::vector<std::string> problems;
    ExplanationTexts::parse("[cause busy]\n"
                            "title: Busy\n"
                            "\n"
                            "[cause declined]\n"
                            "summary: Declined.\n"
                            "explanation: Refused.\n"
                            "fix General:\n"
                            "[variant timeout.408]\n"
                            "summary: Gave up.\n",
        &problems);
    EXPECT_TRUE(anyContains(problems, "line 1:", "[cause busy] has no summary")) << joined(problems);
    EXPECT_TRUE(anyContains(problems, "line 1:", "[cause busy] has no explanation")) << joined(problems);
    EXPECT_TRUE(anyContains(problems, "line 4:", "[cause declined] has no title")) << joined(problems);
    EXPECT_TRUE(anyContains(problems, "line 7:", "empty value")) << joined(problems);
    EXPECT_TRUE(anyContains(problems, "line 8:", "[variant timeout.408] has no explanation")) << joined(problems);
    EXPECT_EQ(problems.size(), 5U) << joined(problems);
}

TEST(ExplanationTexts, ReportsDuplicatesWithBothLines)
{
    std::vector<std::string> problems;
    const auto texts = ExplanationTexts::parse(std::string(kMinimalCause) + "title: Again\n" // 5
            + "fix General: One.\n" // 6
            + "fix General: Two.\n" // 7
            + std::string(kMinimalCause) // 8-11
            + "[variant busy.486]\n" // 12
            + "summary: a\n" // 13
            + "explanation: b\n" // 14
            + "[texts]\n" // 15
            + "busy.486.summary: clash\n" // 16
            + "q850.1: first\n" // 17
            + "q850.1: second\n", // 18
        &problems);
    EXPECT_TRUE(anyContains(problems, "line 5:", "duplicate field 'title'")) << joined(problems);
    EXPECT_TRUE(anyContains(problems, "line 7:", "duplicate fix for General")) << joined(problems);
    EXPECT_TRUE(anyContains(problems, "line 8:", "first at line 1")) << joined(problems);
    EXPECT_TRUE(anyContains(problems, "line 16:", "first at line 13")) << joined(problems);
    EXPECT_TRUE(anyContains(problems, "line 18:", "first at line 17")) << joined(problems);
    EXPECT_EQ(problems.size(), 5U) << joined(problems);
    // The first definition wins.
    EXPECT_EQ(texts.forCause(Cause::Busy).title, "Busy");
    EXPECT_EQ(texts.text("busy.486.summary"), "a");
    EXPECT_EQ(texts.text("q850.1"), "first");
    ASSERT_EQ(texts.forCause(Cause::Busy).fixes.size(), 1U);
    EXPECT_EQ(texts.forCause(Cause::Busy).fixes[0].second, "One.");
}

TEST(ExplanationTexts, ReportsUnknownPlaceholdersAndPlaceholdersInReferences)
{
    std::vector<std::string> problems;
    ExplanationTexts::parse("[texts]\n"
                            "a.note: Dialled {number}, not {user}; {10} and {} are text.\n"
                            "[cause other]\n"
                            "title: Failed {status}\n"
                            "summary: s\n"
                            "explanation: e\n"
                            "reference: RFC 3261 §{status}\n",
        &problems);
    EXPECT_TRUE(anyContains(problems, "line 2:", "{number}")) << joined(problems);
    EXPECT_TRUE(anyContains(problems, "line 7:", "{status}")) << joined(problems);
    EXPECT_EQ(problems.size(), 2U) << joined(problems);
}

TEST(ExplanationTexts, ReportsStrayLinesAndNamesTheFile)
{
    std::vector<std::string> problems;
    const ExplanationTexts::Source sources[] = {
        { "a.txt", "title: before any section\n  continued\n[texts]\nx.note: one\n" },
        { "b.txt", "  indented without a field\n[texts]\nx.note: two\n" },
    };
    const auto texts = ExplanationTexts::parse(sources, &problems);
    EXPECT_TRUE(anyContains(problems, "a.txt:1:", "before any section")) << joined(problems);
    EXPECT_TRUE(anyContains(problems, "b.txt:1:", "indented")) << joined(problems);
    EXPECT_TRUE(anyContains(problems, "b.txt:3:", "first at a.txt:4")) << joined(problems);
    EXPECT_EQ(problems.size(), 3U) << joined(problems);
    EXPECT_EQ(texts.text("x.note"), "one");
}

TEST(ExplanationTexts, ASectionEndsWithItsFile)
{
    std::vector<std::string> problems;
    const ExplanationTexts::Source sources[] = {
        { "a.txt", "\xEF\xBB\xBF[texts]\nx.note: one\n" },
        { "b.txt", "y.note: two\n" },
    };
    const auto texts = ExplanationTexts::parse(sources, &problems);
    EXPECT_EQ(texts.text("x.note"), "one");
    EXPECT_EQ(texts.text("y.note"), "");
    EXPECT_TRUE(anyContains(problems, "b.txt:1:", "before any section")) << joined(problems);
    EXPECT_EQ(problems.size(), 1U) << joined(problems);
}

TEST(ExplanationTexts, ParseWithoutProblemListAndEmptyInput)
{
    const auto texts = ExplanationTexts::parse("[cause nope]\ntitle: x\n  y\n[texts]\nk: v\n");
    EXPECT_EQ(texts.text("k"), "v");
    std::vector<std::string> problems;
    const auto empty = ExplanationTexts::parse("", &problems);
    EXPECT_TRUE(problems.empty());
    EXPECT_TRUE(empty.texts().empty());
}

TEST(ExplanationTexts, FillReplacesKnownPlaceholdersAndKeepsTheRest)
{
    const std::map<std::string, std::string> values
        = { { "user", "+15551234567" }, { "status", "404" }, { "reason", "{status} in a value" }, { "empty", "" } };
    EXPECT_EQ(
        ExplanationTexts::fill("{status} for {user}: {reason}", values), "404 for +15551234567: {status} in a value");
    EXPECT_EQ(ExplanationTexts::fill("{unknown} and {user}", values), "{unknown} and +15551234567");
    EXPECT_EQ(ExplanationTexts::fill("[{empty}]", values), "[]");
    EXPECT_EQ(ExplanationTexts::fill("{user}{user}", values), "+15551234567+15551234567");
    EXPECT_EQ(ExplanationTexts::fill("{{user}}", values), "{+15551234567}");
    EXPECT_EQ(ExplanationTexts::fill("\\d{10} { user} {user", values), "\\d{10} { user} {user");
    EXPECT_EQ(ExplanationTexts::fill("no placeholders", values), "no placeholders");
    EXPECT_EQ(ExplanationTexts::fill("", values), "");
    EXPECT_EQ(ExplanationTexts::fill("{status}", {}), "{status}");
}

TEST(ExplanationTexts, FilledBuiltInTextsHaveNoPlaceholdersLeft)
{
    std::map<std::string, std::string> values;
    for (const auto& name : kSpecPlaceholders)
        values[name] = "<" + name + ">";
    const auto& texts = ExplanationTexts::builtIn();
    const auto& numberFormat = texts.forCause(Cause::NumberFormat);
    EXPECT_EQ(ExplanationTexts::fill(numberFormat.summary, values),
        "The number was dialled in <failing_form>; the working call at <working_time> reached it in <working_form>.");
    for (const auto& [key, value] : texts.texts())
        EXPECT_TRUE(placeholdersOf(ExplanationTexts::fill(value, values)).empty()) << key;
}
