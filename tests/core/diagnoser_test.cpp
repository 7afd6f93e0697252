// SPDX-License-Identifier: Apache-2.0
// The failure diagnosis: one fixture per cause of CONTRACT.md, built with the SIP scenario builder and
// the packet builder, loaded like any capture.
#include "analysis/diagnoser.h"

#include "support/sip_scenario.h"
#include "support/test_paths.h"
#include "support/trace_builder.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>

namespace core = sipladder::core;
namespace st = sipladder::testing;
using core::Cause;
using core::Endpoint;
using core::IpAddress;
using core::Severity;

namespace {

constexpr std::int64_t kBase = 1795514400LL * 1'000'000'000; // 2026-11-24T10:00:00Z
constexpr std::int64_t kSecond = 1'000'000'000;
const Endpoint kCarrier{IpAddress::v4(203, 0, 113, 10), 5060};
const Endpoint kPbx{IpAddress::v4(198, 51, 100, 20), 5060};
const Endpoint kOtherPbx{IpAddress::v4(198, 51, 100, 30), 5060};
const Endpoint kPhone{IpAddress::v4(10, 1, 2, 3), 5060};
const Endpoint kLanPbx{IpAddress::v4(10, 1, 2, 1), 5060};

st::ScenarioParty party(std::string user, std::string domain, Endpoint where, std::string agent)
{
    st::ScenarioParty p;
    p.user = std::move(user);
    p.domain = std::move(domain);
    p.signalling = where;
    p.agent = std::move(agent);
    return p;
}

// A call from the carrier trunk to the PBX, dialling `dialled` (the Request-URI user).
st::ScenarioCall trunkCall(std::string dialled, std::uint64_t seed, Endpoint to = kPbx, std::string host = {})
{
    st::ScenarioCall call;
    call.caller = party("+12125550147", "carrier.example", kCarrier, "CarrierSBC/4.2");
    call.callee = party(dialled, "pbx.example.test", to, "Asterisk PBX 20.5.0");
    call.requestUser = dialled;
    call.requestHost = std::move(host);
    call.seed = seed;
    call.callId = "call-" + std::to_string(seed) + "@carrier.example";
    return call;
}

// The office phone registering `extension` with the LAN PBX (REGISTER from kPhone to kLanPbx).
st::ScenarioCall phoneRegistration(const std::string& extension, std::uint64_t seed, std::string id)
{
    st::ScenarioCall registration;
    registration.caller = party(extension, "pbx.lan", kPhone, "Yealink SIP-T46U");
    registration.callee = party(extension, "pbx.lan", kLanPbx, "Asterisk PBX 20.5.0");
    registration.seed = seed;
    registration.callId = std::move(id);
    return registration;
}

std::string callId(std::uint64_t seed)
{
    return "call-" + std::to_string(seed) + "@carrier.example";
}

const core::Evidence* findEvidence(const core::Explanation& explanation, std::string_view header)
{
    for (const auto& evidence : explanation.evidence) {
        if (evidence.header == header)
            return &evidence;
    }
    return nullptr;
}

bool mentions(const std::vector<std::string>& texts, std::string_view word)
{
    return std::any_of(
        texts.begin(), texts.end(), [&](const std::string& text) { return text.find(word) != std::string::npos; });
}

class DiagnoserTest : public ::testing::Test {
protected:
    void SetUp() override { m_dir = st::makeTempDir("sipladder-diagnoser-test"); }
    void TearDown() override { std::filesystem::remove_all(m_dir); }

    // Adds a scenario built by `build` at `startSeconds` after kBase.
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
        m_snapshot = m_trace.load(m_dir / "trace.pcap");
        m_diagnoser = std::make_unique<core::Diagnoser>(*m_snapshot);
        m_diagnosis = m_diagnoser->diagnoseAll();
    }

    std::uint32_t callIndex(const std::string& id) const
    {
        for (std::uint32_t c = 0; c < m_snapshot->calls().size(); ++c) {
            if (m_snapshot->callId(m_snapshot->calls()[c]) == id)
                return c;
        }
        ADD_FAILURE() << "no call " << id;
        return core::kNoIndex;
    }

    // The failure that makes call `id` failed; fails the test when there is none.
    const core::Failure& failureOf(const std::string& id) const
    {
        const auto* failure = m_diagnosis->initialFailureOfCall(callIndex(id));
        if (!failure) {
            ADD_FAILURE() << "call " << id << " has no initial failure";
            static const core::Failure none;
            return none;
        }
        return *failure;
    }

    std::filesystem::path m_dir;
    st::SipScenario m_scenario;
    st::TraceBuilder m_trace;
    core::SnapshotPtr m_snapshot;
    std::unique_ptr<core::Diagnoser> m_diagnoser;
    core::DiagnosisPtr m_diagnosis;
};

} // namespace

TEST_F(DiagnoserTest, NumberFormatWhenTheSameNumberWorkedInAnotherForm)
{
    add(trunkCall("5551234567", 1), 0, [](st::SipScenario& s) { s.answeredCall(); });
    add(trunkCall("+15551234567", 2), 10, [](st::SipScenario& s) { s.failedCall(404); });
    load();

    const auto& failure = failureOf(callId(2));
    EXPECT_EQ(failure.explanation.cause, Cause::NumberFormat);
    EXPECT_EQ(failure.explanation.severity, Severity::Error);
    EXPECT_TRUE(failure.initial);
    EXPECT_EQ(failure.status, 404);
    EXPECT_EQ(failure.reason, "Not Found");
    EXPECT_EQ(failure.cseq, "1 INVITE");
    EXPECT_EQ(failure.requestUri, "sip:+15551234567@pbx.example.test");
    ASSERT_GE(failure.explanation.evidence.size(), 2u);
    EXPECT_EQ(failure.explanation.evidence[0].header, "Request-URI");
    EXPECT_EQ(failure.explanation.evidence[0].value, "sip:+15551234567@pbx.example.test");
    EXPECT_EQ(failure.explanation.evidence[0].messageIndex, failure.requestMessage);
    EXPECT_EQ(failure.explanation.evidence[1].value, "sip:5551234567@pbx.example.test");
    ASSERT_TRUE(failure.explanation.evidence[1].frame);
    EXPECT_LT(*failure.explanation.evidence[1].frame, *failure.explanation.evidence[0].frame);
    // The summary names both forms, from the capture's values.
    EXPECT_NE(failure.explanation.summary.find("+15551234567"), std::string::npos) << failure.explanation.summary;
    EXPECT_NE(failure.explanation.summary.find("5551234567"), std::string::npos);
    EXPECT_EQ(failure.explanation.summary.find('{'), std::string::npos) << "unfilled placeholder";
    EXPECT_FALSE(failure.explanation.title.empty());
    EXPECT_FALSE(failure.explanation.fixes.empty());
    ASSERT_TRUE(failure.baseline);
    EXPECT_EQ(failure.baseline->callIndex, callIndex(callId(1)));
    EXPECT_NE(failure.baseline->reason.find("same trunk"), std::string::npos);
    ASSERT_TRUE(failure.uriDiff);
    EXPECT_TRUE(failure.uriDiff->sameNumber);
    EXPECT_EQ(failure.uriDiff->baseline, "sip:5551234567@pbx.example.test");
}

TEST_F(DiagnoserTest, DomainMismatchWhenTheUserWorkedAtAnotherHost)
{
    add(trunkCall("5551234567", 1), 0, [](st::SipScenario& s) { s.answeredCall(); });
    add(trunkCall("5551234567", 2, kPbx, "198.51.100.20"), 10, [](st::SipScenario& s) { s.failedCall(404); });
    load();
    const auto& failure = failureOf(callId(2));
    EXPECT_EQ(failure.explanation.cause, Cause::DomainMismatch);
    EXPECT_EQ(failure.explanation.evidence[1].value, "sip:5551234567@pbx.example.test");
    ASSERT_TRUE(failure.uriDiff);
    bool hostDiffers = false;
    for (const auto& component : failure.uriDiff->components) {
        if (component.name == "host")
            hostDiffers = !component.equal;
        if (component.name == "user") {
            EXPECT_TRUE(component.equal);
        }
    }
    EXPECT_TRUE(hostDiffers);
}

TEST_F(DiagnoserTest, WrongServerWhenTheSameUriWorkedAtAnotherAddress)
{
    add(trunkCall("5551234567", 1, kPbx), 0, [](st::SipScenario& s) { s.answeredCall(); });
    add(trunkCall("5551234567", 2, kOtherPbx), 10, [](st::SipScenario& s) { s.failedCall(404); });
    load();
    const auto& failure = failureOf(callId(2));
    EXPECT_EQ(failure.explanation.cause, Cause::WrongServer);
    const auto* sentTo = findEvidence(failure.explanation, "Sent to");
    ASSERT_NE(sentTo, nullptr);
    EXPECT_EQ(sentTo->value, "198.51.100.30:5060");
    std::size_t sentToCount = 0;
    for (const auto& evidence : failure.explanation.evidence)
        sentToCount += evidence.header == "Sent to" && evidence.value == "198.51.100.20:5060";
    EXPECT_EQ(sentToCount, 1u);
}

TEST_F(DiagnoserTest, NumberFormatTakesPrecedenceOverDomainAndServer)
{
    add(trunkCall("5551234567", 1, kPbx), 0, [](st::SipScenario& s) { s.answeredCall(); });
    // Another form of the number, another host and another server at once.
    add(trunkCall("+15551234567", 2, kOtherPbx, "198.51.100.30"), 10, [](st::SipScenario& s) { s.failedCall(404); });
    load();
    EXPECT_EQ(failureOf(callId(2)).explanation.cause, Cause::NumberFormat);
}

TEST_F(DiagnoserTest, UnknownUserWhenNothingReachedTheNumber)
{
    add(trunkCall("5551234567", 1), 0, [](st::SipScenario& s) { s.answeredCall(); });
    add(trunkCall("5559999999", 2), 10, [](st::SipScenario& s) { s.failedCall(404); });
    load();
    const auto& failure = failureOf(callId(2));
    EXPECT_EQ(failure.explanation.cause, Cause::UnknownUser);
    const auto* searched = findEvidence(failure.explanation, "Capture");
    ASSERT_NE(searched, nullptr);
    EXPECT_FALSE(searched->frame);
    EXPECT_NE(searched->value.find("5559999999"), std::string::npos);
    // Both ends public, the caller a long number: trunk in either direction, and it says so.
    EXPECT_FALSE(failure.explanation.uncertainties.empty());
    ASSERT_TRUE(failure.baseline);
    ASSERT_TRUE(failure.uriDiff);
    EXPECT_FALSE(failure.uriDiff->sameNumber);
}

TEST_F(DiagnoserTest, UnknownUserSaysWhereTheRequestCameFrom)
{
    // A phone registered with its PBX dials an extension that does not exist.
    const st::ScenarioCall registration = phoneRegistration("201", 11, "reg-201@pbx.lan");
    add(registration, 0, [](st::SipScenario& s) { s.registration(false); });
    st::ScenarioCall dialled = registration;
    dialled.callee.user = "299";
    dialled.seed = 12;
    dialled.callId = "dial-299@pbx.lan";
    add(dialled, 5, [](st::SipScenario& s) { s.failedCall(404); });
    // The PBX sends a call out to a public carrier, which does not know the number.
    st::ScenarioCall outbound;
    outbound.caller = party("+4930123456", "pbx.lan", kLanPbx, "Asterisk PBX 20.5.0");
    outbound.callee = party("+4989000000", "carrier.example", kCarrier, "CarrierSBC/4.2");
    outbound.seed = 13;
    outbound.callId = "out@pbx.lan";
    add(outbound, 10, [](st::SipScenario& s) { s.failedCall(404); });
    // The carrier delivers a DID to a PBX on a private address, which has no route for it.
    st::ScenarioCall inbound;
    inbound.caller = party("+4930999999", "carrier.example", kCarrier, "CarrierSBC/4.2");
    inbound.callee = party("+4930123499", "pbx.lan", kLanPbx, "Asterisk PBX 20.5.0");
    inbound.seed = 14;
    inbound.callId = "in@carrier.example";
    add(inbound, 20, [](st::SipScenario& s) { s.failedCall(404); });
    load();

    const auto& toPhone = failureOf("dial-299@pbx.lan");
    const auto& outboundFailure = failureOf("out@pbx.lan");
    const auto& inboundFailure = failureOf("in@carrier.example");
    for (const auto* failure : {&toPhone, &outboundFailure, &inboundFailure})
        EXPECT_EQ(failure->explanation.cause, Cause::UnknownUser);
    // Three different situations get three different explanations.
    EXPECT_NE(toPhone.explanation.summary, outboundFailure.explanation.summary);
    EXPECT_NE(outboundFailure.explanation.summary, inboundFailure.explanation.summary);
    EXPECT_NE(toPhone.explanation.summary, inboundFailure.explanation.summary);
    const auto& generic = core::ExplanationTexts::builtIn().forCause(Cause::UnknownUser).summary;
    EXPECT_NE(toPhone.explanation.summary, core::ExplanationTexts::fill(generic, {}));
    EXPECT_TRUE(toPhone.explanation.summary.find("299") != std::string::npos
        || toPhone.explanation.explanation.find("299") != std::string::npos);
}

TEST_F(DiagnoserTest, NotFoundToOtherMethodsIsNoSuchResource)
{
    st::ScenarioCall options = trunkCall("5551234567", 21);
    add(options, 0, [](st::SipScenario& s) { s.optionsPing(); },
        [](std::size_t index, std::string_view text) {
            return index == 1 ? st::withStartLine(text, "SIP/2.0 404 Not Found") : std::string(text);
        });
    load();
    const auto& failure = failureOf(callId(21));
    EXPECT_EQ(failure.method, core::SipMethod::Options);
    EXPECT_EQ(failure.explanation.cause, Cause::NoSuchResource);
    EXPECT_NE(failure.explanation.summary, core::ExplanationTexts::builtIn().forCause(Cause::NoSuchResource).summary)
        << "the OPTIONS variant, not the generic text";
}

TEST_F(DiagnoserTest, NotRegisteredShowsTheDeregistration)
{
    const st::ScenarioCall registration = phoneRegistration("201", 31, "reg@pbx.lan");
    add(registration, 0, [](st::SipScenario& s) { s.registration(false, 3600); });
    st::ScenarioCall unregister = registration;
    unregister.seed = 32;
    add(unregister, 5, [](st::SipScenario& s) { s.registration(false, 0); });
    st::ScenarioCall call = trunkCall("201", 33, kLanPbx);
    add(call, 10, [](st::SipScenario& s) { s.failedCall(480); });
    load();
    const auto& failure = failureOf(callId(33));
    EXPECT_EQ(failure.explanation.cause, Cause::NotRegistered);
    const auto* evidence = findEvidence(failure.explanation, "REGISTER");
    ASSERT_NE(evidence, nullptr);
    ASSERT_TRUE(evidence->frame);
    EXPECT_NE(evidence->value.find("expires=0"), std::string::npos) << evidence->value;
    // The deregistration is the second REGISTER, not the first.
    const auto& messages = m_snapshot->messages();
    EXPECT_EQ(messages[evidence->messageIndex].timestampNs, kBase + 5 * kSecond);
}

TEST_F(DiagnoserTest, NotRegisteredWithoutAnyRegistrationSaysSo)
{
    add(trunkCall("201", 34), 0, [](st::SipScenario& s) { s.failedCall(480); });
    load();
    const auto& failure = failureOf(callId(34));
    EXPECT_EQ(failure.explanation.cause, Cause::NotRegistered);
    const auto* evidence = findEvidence(failure.explanation, "Capture");
    ASSERT_NE(evidence, nullptr);
    EXPECT_FALSE(evidence->frame);
    EXPECT_NE(evidence->value.find("no REGISTER"), std::string::npos);
    EXPECT_GE(failure.explanation.uncertainties.size(), 1u);
}

TEST_F(DiagnoserTest, TimeoutCountsRetransmissionsAndNamesTheSilentHop)
{
    add(trunkCall("5551234567", 41), 0, [](st::SipScenario& s) { s.unansweredCall(7); });
    m_trace.addFiller(kBase + 40 * kSecond);
    load();
    const auto& failure = failureOf(callId(41));
    EXPECT_EQ(failure.explanation.cause, Cause::Timeout);
    EXPECT_FALSE(failure.status);
    const auto* retransmissions = findEvidence(failure.explanation, "Retransmissions");
    ASSERT_NE(retransmissions, nullptr);
    EXPECT_EQ(retransmissions->value.rfind("6 retransmissions", 0), 0u) << retransmissions->value;
    const auto* silence = findEvidence(failure.explanation, "Capture");
    ASSERT_NE(silence, nullptr);
    EXPECT_NE(silence->value.find("198.51.100.20:5060"), std::string::npos);
}

TEST_F(DiagnoserTest, TimeoutWithIcmpErrorsShowsThem)
{
    add(trunkCall("5551234567", 42), 0, [](st::SipScenario& s) { s.unansweredCall(3); });
    m_trace.addIcmpPortUnreachable(kBase + kSecond / 100, kPbx.address, kCarrier, kPbx,
        m_scenario.text(m_scenario.messages()[0]));
    m_trace.addFiller(kBase + 40 * kSecond);
    load();
    const auto& failure = failureOf(callId(42));
    EXPECT_EQ(failure.explanation.cause, Cause::Timeout);
    const auto* icmp = findEvidence(failure.explanation, "ICMP");
    ASSERT_NE(icmp, nullptr);
    EXPECT_NE(icmp->value.find("port unreachable"), std::string::npos);
    EXPECT_NE(failure.explanation.summary, core::ExplanationTexts::builtIn().forCause(Cause::Timeout).summary);
}

TEST_F(DiagnoserTest, RingingThenTimeoutIsNoAnswer)
{
    st::InviteOptions options;
    options.ringBeforeFailure = true;
    add(trunkCall("5551234567", 43), 0, [&](st::SipScenario& s) { s.failedCall(408, options); });
    add(trunkCall("5551234568", 44), 5, [](st::SipScenario& s) { s.failedCall(408); });
    load();
    EXPECT_EQ(failureOf(callId(43)).explanation.cause, Cause::NoAnswer);
    EXPECT_EQ(failureOf(callId(43)).explanation.severity, Severity::Warning);
    EXPECT_EQ(failureOf(callId(44)).explanation.cause, Cause::Timeout);
}

TEST_F(DiagnoserTest, CancelFromAProxyIsNoAnswerAndNamesWhoCancelled)
{
    st::ScenarioCall call = trunkCall("5551234567", 45);
    add(call, 0, [](st::SipScenario& s) { s.cancelledCall(); });
    load();
    // The caller's own CANCEL first: a cancelled call, severity info.
    const auto& cancelled = failureOf(callId(45));
    EXPECT_EQ(cancelled.explanation.cause, Cause::Cancelled);
    EXPECT_EQ(cancelled.explanation.severity, Severity::Info);
    const auto* cancel = findEvidence(cancelled.explanation, "CANCEL");
    ASSERT_NE(cancel, nullptr);
    EXPECT_NE(cancel->value.find("203.0.113.10:5060"), std::string::npos);

    // The same call, but the CANCEL comes from a forking proxy's address.
    st::TraceBuilder proxied;
    const auto messages = m_scenario.messages();
    const Endpoint proxy{IpAddress::v4(203, 0, 113, 99), 5060};
    for (const auto& message : messages) {
        const auto text = m_scenario.text(message);
        const bool forward = message.direction == st::ScenarioDirection::CallerToCallee;
        const bool isCancel = text.rfind("CANCEL ", 0) == 0;
        proxied.addUdp(kBase + message.offsetNs, isCancel ? proxy : (forward ? kCarrier : kPbx),
            forward ? kPbx : kCarrier, text);
    }
    auto snapshot = proxied.load(m_dir / "proxied.pcap");
    const auto diagnosis = core::Diagnoser(*snapshot).diagnoseAll();
    const auto* failure = diagnosis->initialFailureOfCall(0);
    ASSERT_NE(failure, nullptr);
    EXPECT_EQ(failure->explanation.cause, Cause::NoAnswer);
    const auto* proxyCancel = findEvidence(failure->explanation, "CANCEL");
    ASSERT_NE(proxyCancel, nullptr);
    EXPECT_NE(proxyCancel->value.find("203.0.113.99"), std::string::npos);
}

TEST_F(DiagnoserTest, BusyAndDeclined)
{
    add(trunkCall("5551234567", 51), 0, [](st::SipScenario& s) { s.failedCall(486); });
    add(trunkCall("5551234567", 52), 5, [](st::SipScenario& s) { s.failedCall(600); });
    add(trunkCall("5551234567", 53), 10, [](st::SipScenario& s) { s.failedCall(603); });
    load();
    EXPECT_EQ(failureOf(callId(51)).explanation.cause, Cause::Busy);
    EXPECT_EQ(failureOf(callId(51)).explanation.severity, Severity::Warning);
    EXPECT_EQ(failureOf(callId(52)).explanation.cause, Cause::Busy);
    EXPECT_EQ(failureOf(callId(53)).explanation.cause, Cause::Declined);
}

TEST_F(DiagnoserTest, Q850CauseRefinesOnlyStatusesThatSayNothing)
{
    auto reason = [](const char* header) {
        return [header](std::size_t, std::string_view text) {
            return text.rfind("SIP/2.0 ", 0) == 0 && text.find(" 100 ") == std::string_view::npos
                ? st::withHeaders(text, header)
                : std::string(text);
        };
    };
    add(trunkCall("5551234567", 61), 0, [](st::SipScenario& s) { s.failedCall(603); },
        reason("Reason: Q.850;cause=17;text=\"User busy\"\r\n"));
    add(trunkCall("5551234567", 62), 5, [](st::SipScenario& s) { s.failedCall(503); },
        reason("Reason: Q.850;cause=34\r\n"));
    add(trunkCall("5551234567", 63), 10, [](st::SipScenario& s) { s.failedCall(486); },
        reason("Reason: Q.850;cause=21\r\n"));
    add(trunkCall("5551234567", 64), 15, [](st::SipScenario& s) { s.failedCall(500); },
        reason("Reason: SIP;cause=500, Q.850;cause=28;text=\"Invalid number format\"\r\n"));
    load();
    const auto& busy = failureOf(callId(61));
    EXPECT_EQ(busy.explanation.cause, Cause::Busy);
    EXPECT_EQ(busy.explanation.q850Cause, 17);
    const auto* reasonEvidence = findEvidence(busy.explanation, "Reason");
    ASSERT_NE(reasonEvidence, nullptr);
    EXPECT_NE(reasonEvidence->value.find("cause=17"), std::string::npos);
    EXPECT_NE(busy.explanation.explanation.find("17"), std::string::npos) << "the Q.850 note";
    EXPECT_EQ(failureOf(callId(62)).explanation.cause, Cause::ServiceUnavailable);
    // 486 already says busy: the Reason refines the text, not the cause.
    EXPECT_EQ(failureOf(callId(63)).explanation.cause, Cause::Busy);
    EXPECT_EQ(failureOf(callId(63)).explanation.q850Cause, 21);
    EXPECT_EQ(failureOf(callId(64)).explanation.cause, Cause::AddressIncomplete);
}

TEST_F(DiagnoserTest, AuthenticationFailures)
{
    st::InviteOptions challenged;
    challenged.challenge = 407;
    add(trunkCall("5551234567", 71), 0, [](st::SipScenario& s) { s.failedCall(401); });
    add(trunkCall("5551234567", 72), 5, [&](st::SipScenario& s) { s.failedCall(407, challenged); });
    add(trunkCall("5551234567", 73), 10, [&](st::SipScenario& s) { s.failedCall(403, challenged); });
    add(trunkCall("5551234567", 74), 15, [](st::SipScenario& s) { s.failedCall(403); });
    // Credentials the 403 answers, though no challenge before it could be linked (a stack that changes its
    // From tag on every attempt): still an authentication failure.
    add(trunkCall("5551234567", 77), 25, [](st::SipScenario& s) { s.failedCall(403); },
        [](std::size_t index, std::string_view text) {
            return index == 0 ? st::withHeaders(text,
                       "Authorization: Digest username=\"1001\", realm=\"pbx\", nonce=\"n\", uri=\"sip:x\", "
                       "response=\"0\"\r\n")
                              : std::string(text);
        });
    // A challenge answered by an accepted retry is no failure at all.
    add(trunkCall("5551234567", 75), 20, [&](st::SipScenario& s) { s.answeredCall({.challenge = 407}); });
    load();
    const auto& noRetry = failureOf(callId(71));
    const auto& loop = failureOf(callId(72));
    const auto& refused = failureOf(callId(73));
    EXPECT_EQ(noRetry.explanation.cause, Cause::AuthFailed);
    EXPECT_EQ(loop.explanation.cause, Cause::AuthFailed);
    EXPECT_EQ(refused.explanation.cause, Cause::AuthFailed);
    EXPECT_NE(noRetry.explanation.summary, loop.explanation.summary);
    EXPECT_NE(loop.explanation.summary, refused.explanation.summary);
    EXPECT_NE(findEvidence(loop.explanation, "Proxy-Authorization"), nullptr);
    EXPECT_EQ(failureOf(callId(74)).explanation.cause, Cause::Forbidden);
    const auto& withCredentials = failureOf(callId(77));
    EXPECT_EQ(withCredentials.explanation.cause, Cause::AuthFailed);
    EXPECT_EQ(withCredentials.explanation.summary, refused.explanation.summary) << "the forbidden-after-credentials variant";
    const auto* credentials = findEvidence(withCredentials.explanation, "Authorization");
    ASSERT_NE(credentials, nullptr);
    EXPECT_NE(credentials->value.find("username=\"1001\""), std::string::npos);
    EXPECT_TRUE(m_diagnosis->failuresOfCall(callIndex(callId(75))).empty());
    // The challenged first INVITE of the loop is part of its retry's story, not a failure of its own.
    EXPECT_EQ(m_diagnosis->failuresOfCall(callIndex(callId(72))).size(), 1u);
}

TEST_F(DiagnoserTest, StaleNonceIsToldApart)
{
    add(trunkCall("5551234567", 76), 0, [](st::SipScenario& s) { s.failedCall(401); },
        [](std::size_t, std::string_view text) {
            return text.rfind("SIP/2.0 401", 0) == 0
                ? st::withHeaders(text, "WWW-Authenticate: Digest realm=\"pbx\", nonce=\"abc\", stale=TRUE\r\n")
                : std::string(text);
        });
    load();
    const auto& failure = failureOf(callId(76));
    EXPECT_EQ(failure.explanation.cause, Cause::AuthFailed);
    EXPECT_NE(failure.explanation.summary.find("stale"), std::string::npos) << failure.explanation.summary;
    const auto* challenge = findEvidence(failure.explanation, "WWW-Authenticate");
    ASSERT_NE(challenge, nullptr);
    bool staleShown = false;
    for (const auto& evidence : failure.explanation.evidence)
        staleShown = staleShown || evidence.value.find("stale=true") != std::string::npos;
    EXPECT_TRUE(staleShown);
}

TEST_F(DiagnoserTest, CodecMismatchComparesOfferAndWorkingAnswer)
{
    add(trunkCall("5551234567", 81), 0, [](st::SipScenario& s) { s.answeredCall(); });
    const std::string g729 = "v=0\r\no=- 1 1 IN IP4 198.51.100.20\r\ns=-\r\nc=IN IP4 198.51.100.20\r\nt=0 0\r\n"
                             "m=audio 10000 RTP/AVP 18\r\na=rtpmap:18 G729/8000\r\n";
    add(trunkCall("5551234567", 82), 10, [](st::SipScenario& s) { s.failedCall(488); },
        [&](std::size_t, std::string_view text) {
            return text.rfind("SIP/2.0 488", 0) == 0
                ? st::withHeaders(st::withBody(text, "application/sdp", g729),
                    "Warning: 305 pbx.example.test \"Incompatible media format\"\r\n")
                : std::string(text);
        });
    load();
    const auto& failure = failureOf(callId(82));
    EXPECT_EQ(failure.explanation.cause, Cause::CodecMismatch);
    const auto* offer = findEvidence(failure.explanation, "SDP offer");
    ASSERT_NE(offer, nullptr);
    EXPECT_NE(offer->value.find("PCMU/8000"), std::string::npos) << offer->value;
    const auto* supported = findEvidence(failure.explanation, "SDP (supported)");
    ASSERT_NE(supported, nullptr);
    EXPECT_EQ(supported->value, "G729/8000");
    const auto* warning = findEvidence(failure.explanation, "Warning");
    ASSERT_NE(warning, nullptr);
    EXPECT_NE(warning->value.find("305"), std::string::npos);
    EXPECT_NE(findEvidence(failure.explanation, "SDP answer of the working call"), nullptr);
}

TEST_F(DiagnoserTest, StatusFamilies)
{
    struct Case {
        int status;
        Cause cause;
        const char* header; // a header to add to the response, or ""
        const char* evidence; // evidence header expected, or ""
    };
    const Case cases[] = {
        {400, Cause::BadRequest, "Warning: 399 pbx.example.test \"Missing Contact header\"\r\n", "Warning"},
        {484, Cause::AddressIncomplete, "", "Request-URI user"},
        {500, Cause::ServerError, "", ""},
        {502, Cause::ServerError, "", ""},
        {503, Cause::ServiceUnavailable, "Retry-After: 120\r\n", "Retry-After"},
        {405, Cause::Other, "Allow: INVITE, ACK, BYE\r\n", "Allow"},
        {422, Cause::Other, "Min-SE: 1800\r\n", "Min-SE"},
        {482, Cause::Other, "", ""},
    };
    std::uint64_t seed = 100;
    for (const auto& c : cases) {
        const std::string header = c.header;
        add(trunkCall("5551234567", seed), static_cast<double>(seed - 100) * 5,
            [&](st::SipScenario& s) { s.failedCall(c.status); },
            [&](std::size_t, std::string_view text) {
                return text.rfind("SIP/2.0 " + std::to_string(c.status), 0) == 0 && !header.empty()
                    ? st::withHeaders(text, header)
                    : std::string(text);
            });
        ++seed;
    }
    load();
    seed = 100;
    for (const auto& c : cases) {
        SCOPED_TRACE(c.status);
        const auto& failure = failureOf(callId(seed++));
        EXPECT_EQ(failure.explanation.cause, c.cause);
        EXPECT_EQ(failure.status, c.status);
        if (*c.evidence) {
            EXPECT_NE(findEvidence(failure.explanation, c.evidence), nullptr);
        }
        EXPECT_FALSE(failure.explanation.summary.empty());
        EXPECT_EQ(failure.explanation.summary.find('{'), std::string::npos) << failure.explanation.summary;
        EXPECT_EQ(failure.explanation.explanation.find('{'), std::string::npos) << failure.explanation.explanation;
    }
}

TEST_F(DiagnoserTest, ALaterFailureIsListedWithoutFailingTheCall)
{
    add(trunkCall("5551234567", 91), 0, [](st::SipScenario& s) { s.answeredCall(); },
        [](std::size_t, std::string_view text) {
            // The BYE's 200 OK becomes a 481.
            return text.rfind("SIP/2.0 200", 0) == 0 && text.find(" BYE\r\n") != std::string_view::npos
                ? st::withStartLine(text, "SIP/2.0 481 Call/Transaction Does Not Exist")
                : std::string(text);
        });
    load();
    const auto call = callIndex(callId(91));
    EXPECT_EQ(m_snapshot->calls()[call].state, core::CallState::Success);
    EXPECT_EQ(m_diagnosis->initialFailureOfCall(call), nullptr);
    const auto failures = m_diagnosis->failuresOfCall(call);
    ASSERT_EQ(failures.size(), 1u);
    const auto& failure = m_diagnosis->failures()[failures[0]];
    EXPECT_FALSE(failure.initial);
    EXPECT_EQ(failure.explanation.cause, Cause::NoDialog);
    EXPECT_EQ(failure.explanation.severity, Severity::Warning);
    EXPECT_EQ(failure.method, core::SipMethod::Bye);
    EXPECT_EQ(failure.cseq.substr(failure.cseq.find(' ')), " BYE");
}

TEST_F(DiagnoserTest, SuccessesRedirectsAndCallsInProgressAreNoFailures)
{
    add(trunkCall("5551234567", 92), 0, [](st::SipScenario& s) { s.answeredCall(); });
    add(trunkCall("5551234567", 93), 5, [](st::SipScenario& s) { s.failedCall(302); });
    add(trunkCall("5551234567", 94), 10, [](st::SipScenario& s) { s.unansweredCall(2); });
    load();
    EXPECT_TRUE(m_diagnosis->failures().empty());
}

TEST_F(DiagnoserTest, BaselineFollowsTheContractScore)
{
    // Same trunk, but far in time.
    add(trunkCall("5551110001", 201), 0, [](st::SipScenario& s) { s.answeredCall(); });
    // Another trunk (another PBX address), same hosts, close in time.
    add(trunkCall("5551110002", 202, kOtherPbx), 95, [](st::SipScenario& s) { s.answeredCall(); });
    // The failure.
    add(trunkCall("5559999999", 203), 100, [](st::SipScenario& s) { s.failedCall(404); });
    load();
    const auto failing = callIndex(callId(203));
    const auto& finder = m_diagnoser->baselines();
    const auto best = finder.best(failing);
    ASSERT_TRUE(best);
    EXPECT_EQ(best->callIndex, callIndex(callId(201)));
    EXPECT_EQ(best->score, 7);
    EXPECT_EQ(best->reason, "same trunk, same From host, same Request-URI host");
    const auto ranked = finder.ranked(failing, 10);
    ASSERT_EQ(ranked.size(), 2u);
    EXPECT_EQ(ranked[0].callIndex, callIndex(callId(201)));
    EXPECT_EQ(ranked[1].callIndex, callIndex(callId(202)));
    EXPECT_EQ(ranked[1].score, 3);
    EXPECT_EQ(ranked[1].reason, "same From host, same Request-URI host");

    // The user picks the other working call: the diff follows.
    const auto& chosen = m_diagnosis->initialFailureOfCall(failing);
    ASSERT_NE(chosen, nullptr);
    const auto again = m_diagnoser->diagnose(chosen->transactionIndex, callIndex(callId(202)));
    ASSERT_TRUE(again);
    ASSERT_TRUE(again->baseline);
    EXPECT_EQ(again->baseline->callIndex, callIndex(callId(202)));
    ASSERT_TRUE(again->uriDiff);
    EXPECT_EQ(again->uriDiff->baseline, "sip:5551110002@pbx.example.test");
    // A transaction that did not fail has nothing to diagnose.
    const auto& working = m_snapshot->calls()[callIndex(callId(201))];
    EXPECT_FALSE(m_diagnoser->diagnose(working.initialTransaction).has_value());
}

TEST_F(DiagnoserTest, BaselineTiesGoToTheNearestInTime)
{
    add(trunkCall("5551110001", 211), 0, [](st::SipScenario& s) { s.answeredCall(); });
    add(trunkCall("5551110002", 212), 50, [](st::SipScenario& s) { s.answeredCall(); });
    add(trunkCall("5559999999", 213), 60, [](st::SipScenario& s) { s.failedCall(404); });
    add(trunkCall("5551110003", 214), 80, [](st::SipScenario& s) { s.answeredCall(); });
    load();
    const auto best = m_diagnoser->baselines().best(callIndex(callId(213)));
    ASSERT_TRUE(best);
    EXPECT_EQ(best->callIndex, callIndex(callId(212)));
}

TEST_F(DiagnoserTest, NoWorkingCallMeansNoBaselineAndSaysSo)
{
    add(trunkCall("5559999999", 221), 0, [](st::SipScenario& s) { s.failedCall(404); });
    load();
    const auto& failure = failureOf(callId(221));
    EXPECT_FALSE(failure.baseline);
    EXPECT_FALSE(failure.uriDiff);
    EXPECT_TRUE(failure.headerDiffs.empty());
    EXPECT_GE(failure.explanation.uncertainties.size(), 1u);
}

TEST_F(DiagnoserTest, HeaderDiffsShowWhatElseDiffers)
{
    add(trunkCall("5551234567", 231), 0, [](st::SipScenario& s) { s.answeredCall(); });
    st::ScenarioCall failing = trunkCall("+15551234567", 232);
    failing.caller.user = "02125550147";
    add(failing, 10, [](st::SipScenario& s) { s.failedCall(404); });
    load();
    const auto& failure = failureOf(callId(232));
    std::vector<std::string> headers;
    for (const auto& diff : failure.headerDiffs)
        headers.push_back(diff.header);
    EXPECT_TRUE(mentions(headers, "From")) << "the caller number differs";
    EXPECT_TRUE(mentions(headers, "To"));
    for (const auto& diff : failure.headerDiffs)
        EXPECT_FALSE(diff.diff.identical()) << diff.header;
}

TEST_F(DiagnoserTest, AGoneCaptureFileStillGivesCausesByStatus)
{
    add(trunkCall("5551234567", 241), 0, [](st::SipScenario& s) { s.answeredCall(); });
    add(trunkCall("+15551234567", 242), 10, [](st::SipScenario& s) { s.failedCall(404); });
    add(trunkCall("5551234567", 243), 20, [](st::SipScenario& s) { s.failedCall(486); });
    m_snapshot = m_trace.load(m_dir / "gone.pcap");
    std::filesystem::remove(m_dir / "gone.pcap");
    const auto diagnosis = core::Diagnoser(*m_snapshot).diagnoseAll();
    ASSERT_EQ(diagnosis->failures().size(), 2u);
    EXPECT_EQ(diagnosis->failures()[0].explanation.cause, Cause::NumberFormat);
    EXPECT_EQ(diagnosis->failures()[1].explanation.cause, Cause::Busy);
}

TEST_F(DiagnoserTest, FailuresAreInCallOrderWithTheirIndexes)
{
    add(trunkCall("5551234567", 251), 0, [](st::SipScenario& s) { s.failedCall(486); });
    add(trunkCall("5551234567", 252), 5, [](st::SipScenario& s) { s.answeredCall(); });
    add(trunkCall("5551234567", 253), 10, [](st::SipScenario& s) { s.failedCall(503); });
    load();
    const auto& failures = m_diagnosis->failures();
    ASSERT_EQ(failures.size(), 2u);
    EXPECT_LT(failures[0].callIndex, failures[1].callIndex);
    for (std::uint32_t i = 0; i < failures.size(); ++i) {
        EXPECT_EQ(m_diagnosis->failuresOfCall(failures[i].callIndex), std::vector<std::uint32_t>{i});
        EXPECT_EQ(m_diagnosis->initialFailureOfCall(failures[i].callIndex), &failures[i]);
        // diagnose() of one transaction gives the same as diagnoseAll().
        const auto single = m_diagnoser->diagnose(failures[i].transactionIndex);
        ASSERT_TRUE(single);
        EXPECT_EQ(single->explanation.cause, failures[i].explanation.cause);
        EXPECT_EQ(single->explanation.summary, failures[i].explanation.summary);
        EXPECT_EQ(single->baseline.has_value(), failures[i].baseline.has_value());
    }
    EXPECT_TRUE(m_diagnosis->failuresOfCall(callIndex(callId(252))).empty());
    EXPECT_TRUE(m_diagnosis->failuresOfCall(9999).empty());
    EXPECT_EQ(m_diagnosis->initialFailureOfCall(9999), nullptr);
}

// "Reached" is an answer, busy, or ringing the caller gave up on: a 180 before a 404 proves nothing
// (an announcement often plays before it), so it cannot make a 404 a number-format problem.
TEST_F(DiagnoserTest, RingingBeforeAFailureIsNotReachingTheNumberButBusyIs)
{
    st::InviteOptions ringing;
    ringing.ringBeforeFailure = true;
    add(trunkCall("5551234567", 91), 0, [&](st::SipScenario& s) { s.failedCall(404, ringing); });
    add(trunkCall("+15551234567", 92), 10, [](st::SipScenario& s) { s.failedCall(404); });
    add(trunkCall("5551239999", 93), 20, [](st::SipScenario& s) { s.failedCall(486); });
    add(trunkCall("+15551239999", 94), 30, [](st::SipScenario& s) { s.failedCall(404); });
    load();
    EXPECT_EQ(failureOf(callId(92)).explanation.cause, Cause::UnknownUser);
    EXPECT_EQ(failureOf(callId(94)).explanation.cause, Cause::NumberFormat);
}

// Two numbers in + form are the same number only digit for digit: +44 is not +1 with the same
// national digits.
TEST_F(DiagnoserTest, AnotherCountryCodeIsAnotherNumber)
{
    add(trunkCall("+15551234567", 95), 0, [](st::SipScenario& s) { s.answeredCall(); });
    add(trunkCall("+445551234567", 96), 10, [](st::SipScenario& s) { s.failedCall(404); });
    add(trunkCall("0015551234567", 97), 20, [](st::SipScenario& s) { s.failedCall(404); });
    load();
    EXPECT_EQ(failureOf(callId(96)).explanation.cause, Cause::UnknownUser);
    // 00 + country code is the + form written for dialling.
    EXPECT_EQ(failureOf(callId(97)).explanation.cause, Cause::NumberFormat);
}

TEST_F(DiagnoserTest, NotRegisteredTellsAnExpiredRegistrationFromALaterOne)
{
    add(phoneRegistration("201", 101, "reg-201@pbx.lan"), 0, [](st::SipScenario& s) { s.registration(false, 60); });
    add(trunkCall("201", 102, kLanPbx), 120, [](st::SipScenario& s) { s.failedCall(480); });

    add(trunkCall("202", 104, kLanPbx), 130, [](st::SipScenario& s) { s.failedCall(480); });
    add(phoneRegistration("202", 103, "reg-202@pbx.lan"), 140, [](st::SipScenario& s) { s.registration(false, 3600); });
    load();

    const auto& expired = failureOf(callId(102));
    EXPECT_EQ(expired.explanation.cause, Cause::NotRegistered);
    EXPECT_NE(expired.explanation.summary.find("run out"), std::string::npos) << expired.explanation.summary;
    const auto* evidence = findEvidence(expired.explanation, "REGISTER");
    ASSERT_NE(evidence, nullptr);
    EXPECT_NE(evidence->value.find("ran out at 10:01:00"), std::string::npos) << evidence->value;

    const auto& notYet = failureOf(callId(104));
    EXPECT_EQ(notYet.explanation.cause, Cause::NotRegistered);
    EXPECT_NE(notYet.explanation.summary.find("was not registered when"), std::string::npos)
        << notYet.explanation.summary;
    evidence = findEvidence(notYet.explanation, "REGISTER");
    ASSERT_NE(evidence, nullptr);
    EXPECT_NE(evidence->value.find("after this request"), std::string::npos) << evidence->value;
}

// A 488 whose SDP names a codec the offer had is about something else (SRTP, ptime, bandwidth):
// "no common codec" would send people the wrong way.
TEST_F(DiagnoserTest, CodecRefusalWithACodecInCommonSaysSo)
{
    const std::string pcmu = "v=0\r\no=- 1 1 IN IP4 198.51.100.20\r\ns=-\r\nc=IN IP4 198.51.100.20\r\nt=0 0\r\n"
                             "m=audio 10000 RTP/SAVP 0\r\na=rtpmap:0 PCMU/8000\r\n";
    add(trunkCall("5551234567", 105), 0, [](st::SipScenario& s) { s.failedCall(488); },
        [&](std::size_t, std::string_view text) {
            return text.rfind("SIP/2.0 488", 0) == 0 ? st::withBody(text, "application/sdp", pcmu) : std::string(text);
        });
    load();
    const auto& failure = failureOf(callId(105));
    EXPECT_EQ(failure.explanation.cause, Cause::CodecMismatch);
    EXPECT_NE(failure.explanation.summary.find("although both sides name"), std::string::npos)
        << failure.explanation.summary;
    EXPECT_NE(failure.explanation.summary.find("PCMU"), std::string::npos) << failure.explanation.summary;
}
