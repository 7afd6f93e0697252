// SPDX-License-Identifier: Apache-2.0
// The annotated reports of issue 6 (HTML, JSON, text) and the export scope: content, escaping of
// hostile values, well-formed HTML, and redaction that leaves no original value in any writer's output.
#include "html_check.h"
#include "report/export_scope.h"
#include "report/html_report_writer.h"
#include "report/json_report_writer.h"
#include "report/text_report_writer.h"

#include "analysis/diagnoser.h"
#include "redact/redactor.h"
#include "support/json_value.h"
#include "support/sip_scenario.h"
#include "support/test_paths.h"
#include "support/trace_builder.h"
#include "util/ascii_text.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <string>
#include <vector>

namespace core = sipladder::core;
namespace st = sipladder::testing;
using core::Endpoint;
using core::IpAddress;

namespace {

constexpr std::int64_t kBase = 1795514400LL * 1'000'000'000; // 2026-11-24T10:00:00Z
constexpr std::int64_t kSecond = 1'000'000'000;
// Addresses outside the documentation ranges, so that a placeholder can never be mistaken for one.
const Endpoint kCarrier { IpAddress::v4(81, 2, 69, 160), 5060 };
const Endpoint kPbx { IpAddress::v4(172, 20, 1, 10), 5060 };
const Endpoint kPhone { IpAddress::v4(10, 44, 0, 7), 5062 };

bool containsIgnoreCase(const std::string& text, const std::string& part)
{
    return core::asciiLowerCase(text).find(core::asciiLowerCase(part)) != std::string::npos;
}

std::size_t count(const std::string& text, const std::string& part)
{
    std::size_t n = 0;
    for (auto pos = text.find(part); pos != std::string::npos; pos = text.find(part, pos + 1))
        ++n;
    return n;
}

// A ladder "drawn" as SVG from the layout it is given: its labels go in as escaped text, so the
// redaction test sees whatever the layout still holds.
std::string fakeSvg(const core::LadderLayout& layout)
{
    std::string svg
        = "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"600\" height=\"100\">";
    auto escaped = [](std::string_view text) {
        std::string out;
        for (const char c : text) {
            if (c == '<')
                out += "&lt;";
            else if (c == '>')
                out += "&gt;";
            else if (c == '&')
                out += "&amp;";
            else if (c == '"')
                out += "&quot;";
            else
                out += c;
        }
        return out;
    };
    for (const auto& column : layout.columns())
        svg += "<text x=\"1\" y=\"1\">" + escaped(column.label) + "</text>";
    for (const auto& row : layout.rows())
        svg += "<g><line x1=\"0\" y1=\"0\" x2=\"1\" y2=\"1\"/><text x=\"1\" y=\"2\">" + escaped(row.label) + " "
            + escaped(row.firstLine) + " " + escaped(row.causeBadge) + "</text></g>";
    return svg + "</svg>";
}

st::ScenarioParty party(std::string user, std::string domain, Endpoint where, std::string agent, std::string name = {})
{
    st::ScenarioParty p;
    p.user = std::move(user);
    p.domain = std::move(domain);
    p.signalling = where;
    p.agent = std::move(agent);
    p.displayName = std::move(name);
    return p;
}

class ReportWritersTest : public ::testing::Test {
protected:
    void SetUp() override { m_dir = st::makeTempDir("sipladder-report-writers-test"); }
    void TearDown() override { std::filesystem::remove_all(m_dir); }

    template <typename Build>
    void add(const st::ScenarioCall& call, double startSeconds, Build&& build, const st::TraceBuilder::Edit& edit = {})
    {
        st::ScenarioTiming timing;
        timing.talkNs = 2 * kSecond;
        timing.answerNs = kSecond;
        timing.cancelNs = kSecond;
        m_scenario.reset(call, timing);
        build(m_scenario);
        m_trace.addScenario(m_scenario, kBase + static_cast<std::int64_t>(startSeconds * kSecond), edit);
    }

    void load()
    {
        m_snapshot = m_trace.load(m_dir / "customer-acme-corp-trace.pcap");
        m_diagnosis = core::Diagnoser(*m_snapshot).diagnoseAll();
        m_all.clear();
        for (std::uint32_t i = 0; i < m_snapshot->calls().size(); ++i)
            m_all.push_back(i);
    }

    // Three calls full of numbers, names, hosts and addresses: an answered call to 5551234567, the same
    // number dialled as +15551234567 answered 404 (number-format, against the first), and a cancelled
    // call between two named users.
    void loadPrivateTrace()
    {
        auto trunk = [](std::string dialled, std::uint64_t seed, std::string callId) {
            st::ScenarioCall call;
            call.caller = party("+12125550147", "carrier-one.net", kCarrier, "CarrierSBC/4.2", "Alice Liddell");
            call.caller.media = IpAddress::v4(81, 2, 69, 170);
            call.callee = party(dialled, "pbx.acme-corp.com", kPbx, "Asterisk PBX 20.5.0");
            call.requestUser = dialled;
            call.seed = seed;
            call.callId = std::move(callId);
            return call;
        };
        const auto identities = [](std::size_t, std::string_view text) {
            if (!text.starts_with("INVITE "))
                return std::string(text);
            return st::withHeaders(text,
                "P-Asserted-Identity: \"+1 (212) 555-0147\" <tel:+1-212-555-0147>\r\n"
                "Diversion: <sip:2125550199@carrier-one.net>;reason=unconditional;counter=1\r\n"
                "Remote-Party-ID: \"Alice Liddell\" <sip:+12125550147@carrier-one.net>;party=calling;screen=yes\r\n"
                "Record-Route: <sip:edge7.carrier-one.net;lr>\r\n"
                "X-Account: acct 7705551234 via gw7.acme-corp.com\r\n");
        };
        add(
            trunk("5551234567", 1, "7f3a9c2e-1b4d-4e0a@carrier-one.net"), 0,
            [](st::SipScenario& s) { s.answeredCall(); }, identities);
        add(
            trunk("+15551234567", 2, "c0ffee-77ae1c2-deadbeef"), 10, [](st::SipScenario& s) { s.failedCall(404); },
            identities);
        st::ScenarioCall named;
        named.caller = party("alicew", "acme-corp.com", kPhone, "Yealink SIP-T46U 66.86.0.15", "Alice Wonder");
        named.callee = party("bobk", "acme-corp.com", kPbx, "Asterisk PBX 20.5.0", "Bob Kowalski");
        named.seed = 3;
        named.callId = "3b2f9e10a8c64d1f@10.44.0.7";
        add(
            named, 20, [](st::SipScenario& s) { s.cancelledCall(); },
            [](std::size_t, std::string_view text) {
                if (!text.starts_with("INVITE "))
                    return std::string(text);
                return st::withHeaderValue(
                    text, "Contact", "<sip:alicew@[2a00:1450:4001:81b::200e]:5062;transport=udp>");
            });
        load();
    }

    std::filesystem::path m_dir;
    st::SipScenario m_scenario;
    st::TraceBuilder m_trace;
    core::SnapshotPtr m_snapshot;
    core::DiagnosisPtr m_diagnosis;
    std::vector<std::uint32_t> m_all;
};

// Every original value of loadPrivateTrace(), in the forms it was written (and the ones a writer
// could produce from them).
const std::vector<std::string> kOriginals = { "5551234567", "555-123-4567", "2125550147", "555-0147", "212) 555",
    "2125550199", "7705551234", "carrier-one", "acme-corp", "81.2.69.160", "81.2.69.170", "172.20.1.10", "10.44.0.7",
    "2a00:1450", "7f3a9c2e", "c0ffee", "77ae1c2", "3b2f9e10a8c64d1f", "Alice", "Liddell", "alicew", "bobk", "Bob",
    "Kowalski", "Wonder", "edge7", "gw7" };

} // namespace

TEST(ExportScopeTest, AllFailedAndByCallId)
{
    const auto dir = st::makeTempDir("sipladder-export-scope-test");
    st::TraceBuilder trace;
    st::SipScenario scenario;
    auto call = [](std::string id, std::uint64_t seed) {
        st::ScenarioCall c;
        c.caller = party("+12125550147", "carrier.example", kCarrier, "A");
        c.callee = party("5551234567", "pbx.example.test", kPbx, "B");
        c.seed = seed;
        c.callId = std::move(id);
        return c;
    };
    scenario.reset(call("ok", 1));
    scenario.answeredCall();
    trace.addScenario(scenario, kBase);
    scenario.reset(call("busy", 2));
    scenario.failedCall(486);
    trace.addScenario(scenario, kBase + 10 * kSecond);
    scenario.reset(call("cancel", 3));
    scenario.cancelledCall();
    trace.addScenario(scenario, kBase + 20 * kSecond);
    const auto snapshot = trace.load(dir / "scope.pcap");
    std::filesystem::remove_all(dir);
    ASSERT_EQ(snapshot->calls().size(), 3u);

    EXPECT_EQ(core::selectExportCalls(*snapshot, {}).calls, (std::vector<std::uint32_t> { 0, 1, 2 }));
    // --failed: the failed call and the cancelled one (CONTRACT.md: cancelled included).
    core::ExportScope failed;
    failed.failed = true;
    EXPECT_EQ(core::selectExportCalls(*snapshot, failed).calls, (std::vector<std::uint32_t> { 1, 2 }));
    EXPECT_EQ(failed.describe(), "failed calls");
    core::ExportScope byId;
    byId.callIds = { "ok", "nope", "ok" };
    const auto selection = core::selectExportCalls(*snapshot, byId);
    EXPECT_EQ(selection.calls, (std::vector<std::uint32_t> { 0 }));
    EXPECT_EQ(selection.unknownCallIds, (std::vector<std::string> { "nope" }));
    byId.failed = true;
    EXPECT_EQ(core::selectExportCalls(*snapshot, byId).calls, (std::vector<std::uint32_t> { 0, 1, 2 }));
    EXPECT_EQ(byId.describe(), "failed calls + 2 calls by Call-ID"); // "ok" named twice is one call
}

TEST_F(ReportWritersTest, RedactionLeavesNoOriginalValueInAnyWriter)
{
    loadPrivateTrace();
    ASSERT_EQ(m_snapshot->calls().size(), 3u);
    ASSERT_NE(m_diagnosis->initialFailureOfCall(1), nullptr);
    ASSERT_EQ(m_diagnosis->initialFailureOfCall(1)->explanation.cause, core::Cause::NumberFormat);

    core::HtmlReportOptions options;
    options.title = "Trunk 404s";
    options.redact = true;
    std::vector<std::string> layoutLabels;
    options.ladderSvg = [&](const core::LadderLayout& layout) {
        const auto svg = fakeSvg(layout);
        layoutLabels.push_back(svg);
        return svg;
    };
    const std::vector<std::pair<std::string, std::string>> outputs = {
        { "html", core::HtmlReportWriter::render(*m_snapshot, *m_diagnosis, m_all, options) },
        { "html-text-ladder",
            core::HtmlReportWriter::render(*m_snapshot, *m_diagnosis, m_all,
                [] {
                    core::HtmlReportOptions plain;
                    plain.redact = true;
                    return plain;
                }()) },
        { "json", core::JsonReportWriter::render(*m_snapshot, *m_diagnosis, m_all, options) },
        { "text", core::TextReportWriter::render(*m_snapshot, *m_diagnosis, m_all, options) },
    };
    ASSERT_EQ(layoutLabels.size(), 3u);
    for (const auto& [name, text] : outputs) {
        for (const auto& original : kOriginals)
            EXPECT_FALSE(containsIgnoreCase(text, original)) << name << " still holds " << original;
        // The trace's file name is a customer's name too.
        EXPECT_FALSE(containsIgnoreCase(text, "customer")) << name;
        EXPECT_TRUE(text.find("NUMBER-1") != std::string::npos) << name;
        EXPECT_TRUE(text.find("CALLID-2") != std::string::npos) << name;
    }
    for (const auto& svg : layoutLabels) {
        for (const auto& original : kOriginals)
            EXPECT_FALSE(containsIgnoreCase(svg, original)) << "the ladder given to the painter holds " << original;
    }
    EXPECT_EQ(st::checkHtml(outputs[0].second), "");
    EXPECT_EQ(st::checkHtml(outputs[1].second), "");

    // Without redaction the same writers do show the values (so the test above can fail).
    const auto plain = core::JsonReportWriter::render(*m_snapshot, *m_diagnosis, m_all);
    for (const char* original : { "5551234567", "carrier-one", "81.2.69.160", "7f3a9c2e", "Liddell", "bobk" })
        EXPECT_TRUE(containsIgnoreCase(plain, original)) << original;
}

TEST_F(ReportWritersTest, RedactionKeepsTheStructure)
{
    loadPrivateTrace();
    core::ReportOptions options;
    options.redact = true;
    const auto json = st::JsonValue::parse(core::JsonReportWriter::render(*m_snapshot, *m_diagnosis, m_all, options));
    ASSERT_TRUE(json);
    const auto& calls = (*json)["calls"];
    ASSERT_EQ(calls.size(), 3u);
    EXPECT_TRUE((*json)["report"]["redacted"].asBool());
    // Call-IDs numbered in order of appearance, the same everywhere they occur.
    for (std::size_t c = 0; c < 3; ++c) {
        const auto& call = calls[c];
        const auto id = call["call_id"].asString();
        EXPECT_EQ(id, "CALLID-" + std::to_string(c + 1));
        for (const auto& message : call["messages"].asArray())
            EXPECT_NE(message["text"].asString().find("Call-ID: " + id + "\r\n"), std::string::npos);
        // The call's addresses are those of its first message and of that message's Via.
        const auto& first = call["messages"][0];
        EXPECT_EQ(call["src"].asString(), first["src"].asString());
        EXPECT_EQ(call["dst"].asString(), first["dst"].asString());
        EXPECT_NE(first["text"].asString().find("Via: SIP/2.0/UDP " + first["src"].asString()), std::string::npos)
            << first["text"].asString();
        EXPECT_TRUE(first["src"].asString().starts_with("192.0.2.")) << first["src"].asString();
    }
    // The same trunk in calls 1 and 2: the same placeholders.
    EXPECT_EQ(calls[0]["src"].asString(), calls[1]["src"].asString());
    auto withoutTag = [](const std::string& from) { return from.substr(0, from.find(";tag=")); };
    EXPECT_EQ(withoutTag(calls[0]["from"].asString()), withoutTag(calls[1]["from"].asString()));
    EXPECT_EQ(withoutTag(calls[0]["from"].asString()), "\"NAME-1\" <sip:+1-NUMBER-2@HOST-2>");
    EXPECT_EQ(calls[0]["request_uri"].asString(), "sip:NUMBER-1@HOST-1");
    EXPECT_EQ(calls[1]["request_uri"].asString(), "sip:+1-NUMBER-1@HOST-1");
    // Call 3 dials bobk (USER-1) from alicew (USER-2) at acme-corp.com, the fifth host seen.
    EXPECT_EQ(calls[2]["request_uri"].asString(), "sip:USER-1@HOST-5");
    EXPECT_NE(calls[2]["from"].asString().find("\"NAME-2\" <sip:USER-2@HOST-5>"), std::string::npos)
        << calls[2]["from"].asString();

    // The diagnosis still reads: same number, different form, against the working call.
    const auto& failure = calls[1]["failures"][0];
    EXPECT_EQ(failure["cause"].asString(), "number-format");
    EXPECT_EQ(failure["call_id"].asString(), "CALLID-2");
    EXPECT_EQ(failure["baseline_call_id"].asString(), "CALLID-1");
    const auto& diff = failure["uri_diff"];
    EXPECT_TRUE(diff["same_number"].asBool());
    bool sawUser = false;
    for (const auto& component : diff["components"].asArray()) {
        if (component["name"].asString() != "user")
            continue;
        sawUser = true;
        EXPECT_EQ(component["failing"].asString(), "+1-NUMBER-1");
        EXPECT_EQ(component["baseline"].asString(), "NUMBER-1");
        EXPECT_FALSE(component["equal"].asBool());
        // The differing characters, computed on the placeholders: "+1-" only on the failing side.
        ASSERT_GE(component["characters"].size(), 2u);
        EXPECT_EQ(component["characters"][0]["kind"].asString(), "removed");
        EXPECT_EQ(component["characters"][0]["text"].asString(), "+1-");
    }
    EXPECT_TRUE(sawUser);
    EXPECT_NE(failure["summary"].asString().find("E.164"), std::string::npos) << failure["summary"].asString();

    // One redactor shared by two files of the same export: they agree (an HTML report and its pcap).
    core::Redactor shared;
    core::ReportOptions sharing;
    sharing.redact = true;
    sharing.redactor = &shared;
    const std::uint32_t second[] = { 1 };
    const auto text = core::TextReportWriter::render(*m_snapshot, *m_diagnosis, second, sharing);
    const auto again = st::JsonValue::parse(core::JsonReportWriter::render(*m_snapshot, *m_diagnosis, second, sharing));
    ASSERT_TRUE(again);
    const auto id = (*again)["calls"][0]["call_id"].asString();
    EXPECT_EQ(id, "CALLID-1"); // first in this export
    EXPECT_NE(text.find("Call-ID " + id), std::string::npos) << text;
    EXPECT_EQ(shared.mapEndpoint(kCarrier).toString(), (*again)["calls"][0]["src"].asString());
}

TEST_F(ReportWritersTest, HtmlEscapesHostileValuesEverywhere)
{
    st::ScenarioCall call;
    call.caller = party("+12125550147", "carrier.example", kCarrier,
        "<script>alert(3)</script>\"><img src=x onerror=alert(4)>", "<script>alert(1)</script>");
    call.callee = party("5551234567", "pbx.example.test", kPbx, "Asterisk", "\"><img src=x onerror=alert(2)>");
    call.seed = 9;
    call.callId = "<script>alert(8)</script>@evil";
    add(
        call, 0, [](st::SipScenario& s) { s.failedCall(404); },
        [](std::size_t, std::string_view text) {
            if (text.starts_with("SIP/2.0 404"))
                return st::withStartLine(text, "SIP/2.0 404 <script>alert(7)</script>");
            if (!text.starts_with("INVITE "))
                return std::string(text);
            return st::withBody(
                text, "text/plain", "</pre></details><script>alert(5)</script><img src=x onerror=alert(6)>");
        });
    load();
    ASSERT_EQ(m_snapshot->calls().size(), 1u);

    for (const bool redact : { false, true }) {
        core::HtmlReportOptions options;
        options.redact = redact;
        options.title = "<script>alert('title')</script>";
        const auto html = core::HtmlReportWriter::render(*m_snapshot, *m_diagnosis, m_all, options);
        EXPECT_FALSE(containsIgnoreCase(html, "<script")) << "redact " << redact;
        EXPECT_FALSE(containsIgnoreCase(html, "<img")) << "redact " << redact;
        EXPECT_EQ(st::checkHtml(html), "") << "redact " << redact;
        EXPECT_NE(html.find("Content-Security-Policy"), std::string::npos);
        // Every "onerror=" there is sits in text, escaped, never inside a tag.
        for (auto pos = html.find("onerror="); pos != std::string::npos; pos = html.find("onerror=", pos + 1)) {
            const auto tagStart = html.rfind('<', pos);
            const auto tagEnd = html.rfind('>', pos);
            EXPECT_TRUE(tagStart == std::string::npos || (tagEnd != std::string::npos && tagEnd > tagStart));
        }
        if (!redact) {
            // The values are there, as text.
            for (const char* shown : { "&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;img src=x onerror=alert(2)&gt;",
                     "&lt;script&gt;alert(3)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(4)&gt;",
                     "&lt;/pre&gt;&lt;/details&gt;&lt;script&gt;alert(5)&lt;/script&gt;",
                     "404 &lt;script&gt;alert(7)&lt;/script&gt;", "&lt;script&gt;alert(8)&lt;/script&gt;@evil",
                     "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;" })
                EXPECT_NE(html.find(shown), std::string::npos) << shown;
        }
    }
}

TEST_F(ReportWritersTest, HtmlLadderIsTheCallersSvgOnlyWhenItIsInert)
{
    add(
        [] {
            st::ScenarioCall call;
            call.caller = party("+12125550147", "carrier.example", kCarrier, "A");
            call.callee = party("5551234567", "pbx.example.test", kPbx, "B");
            call.seed = 4;
            return call;
        }(),
        0, [](st::SipScenario& s) { s.failedCall(404); });
    load();
    core::HtmlReportOptions options;
    options.ladderSvg = fakeSvg;
    auto html = core::HtmlReportWriter::render(*m_snapshot, *m_diagnosis, m_all, options);
    EXPECT_EQ(count(html, "<svg"), 1u);
    EXPECT_EQ(html.find("<?xml"), std::string::npos); // the prolog is not HTML
    EXPECT_EQ(st::checkHtml(html), "");

    for (const char* hostile : { "<svg><script>alert(1)</script></svg>", "<svg onload=\"alert(1)\"></svg>",
             "<svg><foreignObject><div>x</div></foreignObject></svg>", "<svg><a href=\"https://evil.example\"/></svg>",
             "<svg><image xlink:href=\"https://evil.example/x.png\"/></svg>", "not an svg" }) {
        options.ladderSvg = [hostile](const core::LadderLayout&) { return std::string(hostile); };
        html = core::HtmlReportWriter::render(*m_snapshot, *m_diagnosis, m_all, options);
        EXPECT_EQ(count(html, "<svg"), 0u) << hostile;
        EXPECT_NE(html.find("<figure class=\"ladder\">\n<pre>"), std::string::npos) << hostile;
        EXPECT_EQ(st::checkHtml(html), "") << hostile;
    }
}

TEST_F(ReportWritersTest, HtmlCarriesSummaryDiagnosisDiffAndMessages)
{
    loadPrivateTrace();
    core::HtmlReportOptions options;
    options.title = "Trunk 404s";
    options.scope = "failed calls";
    core::ExportScope failed;
    failed.failed = true;
    const auto calls = core::selectExportCalls(*m_snapshot, failed).calls;
    ASSERT_EQ(calls, (std::vector<std::uint32_t> { 1, 2 }));
    const auto html = core::HtmlReportWriter::render(*m_snapshot, *m_diagnosis, calls, options);
    EXPECT_EQ(st::checkHtml(html), "");
    EXPECT_NE(html.find("<title>Trunk 404s</title>"), std::string::npos);
    EXPECT_EQ(count(html, "<section class=\"call\""), 2u);
    // The summary's call table lists the two calls with their state and cause.
    EXPECT_NE(html.find("<span class=\"cause\">number-format</span>"), std::string::npos);
    EXPECT_NE(html.find("<span class=\"state state-cancelled\">cancelled</span>"), std::string::npos);
    // The Request-URI diff marks the characters only the failing side has.
    EXPECT_NE(html.find("<span class=\"del\">+1</span>5551234567"), std::string::npos);
    EXPECT_NE(html.find("<th>user</th>"), std::string::npos);
    // Every message of both calls is there, collapsible; the failing ones are marked.
    const auto messages = m_snapshot->calls()[1].messageCount + m_snapshot->calls()[2].messageCount;
    EXPECT_EQ(count(html, "<details class=\"message"), messages);
    EXPECT_GE(count(html, "<details class=\"message error\">"), 2u);
    EXPECT_NE(html.find("SIP/2.0 404 Not Found"), std::string::npos);
    // Fixes with their commands as code; references.
    EXPECT_NE(html.find("<span class=\"platform\">Asterisk</span>"), std::string::npos);
    EXPECT_NE(html.find("<code>"), std::string::npos);
    EXPECT_NE(html.find("RFC 3261"), std::string::npos);
    // No ladder SVG given: the text ladder with the cause badge.
    EXPECT_NE(html.find("&lt;number-format&gt;"), std::string::npos);
    // Self-contained: nothing to fetch.
    for (const char* external : { "src=", "href=\"http", "@import", "url(" })
        EXPECT_EQ(html.find(external), std::string::npos) << external;
}

TEST_F(ReportWritersTest, JsonReportHasCallsMessagesAndFailures)
{
    loadPrivateTrace();
    const std::uint32_t failing[] = { 1 };
    const auto text = core::JsonReportWriter::render(*m_snapshot, *m_diagnosis, failing);
    std::string error;
    const auto json = st::JsonValue::parse(text, &error);
    ASSERT_TRUE(json) << error;
    EXPECT_EQ((*json)["report"]["exported_calls"].asInt(), 1);
    EXPECT_EQ((*json)["totals"]["calls"].asInt(), 3);
    EXPECT_EQ((*json)["files"].size(), 1u);
    const auto& call = (*json)["calls"][0];
    EXPECT_EQ(call["call_id"].asString(), "c0ffee-77ae1c2-deadbeef");
    EXPECT_EQ(call["state"].asString(), "failed");
    EXPECT_EQ(call["final_status"].asInt(), 404);
    const auto& messages = call["messages"];
    ASSERT_EQ(messages.size(), m_snapshot->calls()[1].messageCount);
    const auto indexes = m_snapshot->messagesOfCall(1);
    for (std::size_t i = 0; i < messages.size(); ++i) {
        const auto& record = m_snapshot->messages()[indexes[i]];
        std::string raw;
        ASSERT_TRUE(m_snapshot->readMessage(record, raw));
        EXPECT_EQ(messages[i]["text"].asString(), raw);
        EXPECT_EQ(messages[i]["frame"].asInt(), static_cast<std::int64_t>(record.frameNumber));
        EXPECT_TRUE(messages[i]["line"].isNull());
        EXPECT_EQ(messages[i]["start_line"].asString(), raw.substr(0, raw.find("\r\n")));
        EXPECT_EQ(messages[i]["request"].asBool(), record.isRequest());
        EXPECT_EQ(messages[i]["transport"].asString(), "udp");
    }
    const auto& failure = call["failures"][0];
    EXPECT_EQ(failure["cause"].asString(), "number-format");
    EXPECT_EQ(failure["baseline_call_id"].asString(), "7f3a9c2e-1b4d-4e0a@carrier-one.net");
    EXPECT_EQ(failure["request_uri"].asString(), "sip:+15551234567@pbx.acme-corp.com");
    EXPECT_TRUE(failure["uri_diff"]["same_number"].asBool());

    // write() gives the same document as render().
    const auto path = m_dir / "report.json";
    auto* file = std::fopen(path.c_str(), "wb");
    ASSERT_NE(file, nullptr);
    EXPECT_TRUE(core::JsonReportWriter::write(*m_snapshot, *m_diagnosis, failing, {}, file));
    std::fclose(file);
    std::ifstream in(path, std::ios::binary);
    const std::string written((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(written, text);
}

TEST_F(ReportWritersTest, TextReportHasLaddersWithBadgesAndTheDiagnosis)
{
    loadPrivateTrace();
    core::ReportOptions options;
    options.title = "Ticket 4711";
    const auto text = core::TextReportWriter::render(*m_snapshot, *m_diagnosis, m_all, options);
    EXPECT_TRUE(text.starts_with("Ticket 4711\n-----------\n")) << text.substr(0, 40);
    EXPECT_EQ(count(text, "] Call-ID "), 3u);
    // The ladder of the failed call, its 404 marked with the cause.
    EXPECT_NE(text.find("404 Not Found"), std::string::npos);
    EXPECT_NE(text.find("[ERR] <number-format>"), std::string::npos) << text;
    EXPECT_NE(text.find("81.2.69.160:5060"), std::string::npos);
    // The diagnosis blocks as `diagnose` prints them, numbered across the report.
    EXPECT_NE(text.find("\n#1  "), std::string::npos);
    EXPECT_NE(text.find("    working call: 7f3a9c2e-1b4d-4e0a@carrier-one.net"), std::string::npos) << text;
    EXPECT_NE(text.find("    Request-URI user: +15551234567  vs  5551234567"), std::string::npos) << text;
    EXPECT_NE(text.find("    check Asterisk: "), std::string::npos);
}
