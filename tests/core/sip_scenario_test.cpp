// SPDX-License-Identifier: Apache-2.0
#include "support/sip_scenario.h"

#include "sip/sip_start_line.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

using namespace sipladder::testing;
using sipladder::core::asBytes;
using sipladder::core::IpAddress;

namespace {

ScenarioCall trunkCall(std::uint64_t seed = 7)
{
    ScenarioCall call;
    call.caller.user = "+12125550147";
    call.caller.domain = "carrier.example";
    call.caller.displayName = "Carrier";
    call.caller.signalling = { IpAddress::v4(203, 0, 113, 10), 5060 };
    call.caller.agent = "CarrierSBC/4.2";
    call.callee.user = "5551234567";
    call.callee.domain = "pbx.example.test";
    call.callee.signalling = { IpAddress::v4(198, 51, 100, 20), 5060 };
    call.callee.agent = "Asterisk PBX 20.5.0";
    call.seed = seed;
    call.trunkHeaders = true;
    return call;
}

std::string_view startLine(std::string_view text)
{
    return text.substr(0, text.find("\r\n"));
}

// The value of the first header named `name` (case-sensitive, as we write them).
std::string_view header(std::string_view text, std::string_view name)
{
    const std::string key = "\r\n" + std::string(name) + ": ";
    const auto headersEnd = text.find("\r\n\r\n");
    const auto at = text.find(key);
    if (at == std::string_view::npos || at >= headersEnd)
        return {};
    const auto begin = at + key.size();
    return text.substr(begin, text.find("\r\n", begin) - begin);
}

std::string_view body(std::string_view text)
{
    return text.substr(text.find("\r\n\r\n") + 4);
}

std::string_view branchOf(std::string_view text)
{
    const auto via = header(text, "Via");
    const auto at = via.find("branch=");
    return at == std::string_view::npos ? std::string_view() : via.substr(at + 7, via.find(';', at) - at - 7);
}

std::vector<std::string> startLines(const SipScenario& scenario)
{
    std::vector<std::string> lines;
    for (const auto& message : scenario.messages())
        lines.emplace_back(startLine(scenario.text(message)));
    return lines;
}

void expectWellFormed(const SipScenario& scenario)
{
    std::int64_t previous = 0;
    for (const auto& message : scenario.messages()) {
        const auto text = scenario.text(message);
        SCOPED_TRACE(std::string(startLine(text)));
        EXPECT_TRUE(sipladder::core::looksLikeSipStart(asBytes(text)));
        EXPECT_EQ(header(text, "Content-Length"), std::to_string(body(text).size()));
        EXPECT_FALSE(header(text, "Call-ID").empty());
        EXPECT_FALSE(header(text, "CSeq").empty());
        EXPECT_TRUE(branchOf(text).starts_with("z9hG4bK"));
        EXPECT_NE(header(text, "From").find(";tag="), std::string_view::npos);
        EXPECT_GE(message.offsetNs, previous);
        previous = message.offsetNs;
        if (!body(text).empty()) {
            EXPECT_EQ(header(text, "Content-Type"), "application/sdp");
            EXPECT_TRUE(body(text).starts_with("v=0\r\n"));
        }
    }
}

} // namespace

TEST(SipScenario, AnsweredCallFollowsRfc3261)
{
    SipScenario scenario;
    scenario.reset(trunkCall());
    scenario.answeredCall();
    EXPECT_EQ(startLines(scenario),
        (std::vector<std::string> { "INVITE sip:5551234567@pbx.example.test SIP/2.0", "SIP/2.0 100 Trying",
            "SIP/2.0 180 Ringing", "SIP/2.0 200 OK", "ACK sip:5551234567@198.51.100.20:5060 SIP/2.0",
            "BYE sip:5551234567@198.51.100.20:5060 SIP/2.0", "SIP/2.0 200 OK" }));
    expectWellFormed(scenario);
    const auto messages = scenario.messages();
    const std::vector<ScenarioDirection> expected { ScenarioDirection::CallerToCallee,
        ScenarioDirection::CalleeToCaller, ScenarioDirection::CalleeToCaller, ScenarioDirection::CalleeToCaller,
        ScenarioDirection::CallerToCallee, ScenarioDirection::CallerToCallee, ScenarioDirection::CalleeToCaller };
    for (std::size_t i = 0; i < messages.size(); ++i)
        EXPECT_EQ(messages[i].direction, expected[i]) << i;

    const auto invite = scenario.text(0);
    EXPECT_EQ(header(invite, "Max-Forwards"), "70");
    EXPECT_TRUE(header(invite, "Via").ends_with(";rport"));
    EXPECT_EQ(header(invite, "To"), "<sip:5551234567@pbx.example.test>");
    EXPECT_EQ(header(invite, "User-Agent"), "CarrierSBC/4.2");
    EXPECT_EQ(header(invite, "Contact"), "<sip:+12125550147@203.0.113.10:5060>");
    EXPECT_FALSE(header(invite, "Allow").empty());
    EXPECT_FALSE(header(invite, "Supported").empty());
    EXPECT_NE(body(invite).find("m=audio "), std::string_view::npos);
    EXPECT_NE(body(invite).find("a=rtpmap:0 PCMU/8000"), std::string_view::npos);
    EXPECT_NE(body(invite).find("a=rtpmap:8 PCMA/8000"), std::string_view::npos);
    EXPECT_NE(body(invite).find("a=rtpmap:101 telephone-event/8000"), std::string_view::npos);
    EXPECT_NE(body(invite).find("c=IN IP4 203.0.113.10"), std::string_view::npos);

    // 100 Trying has no To tag; later responses carry the callee's tag, which the ACK and BYE repeat.
    EXPECT_EQ(header(scenario.text(1), "To").find(";tag="), std::string_view::npos);
    const auto toTag = header(scenario.text(2), "To");
    EXPECT_NE(toTag.find(";tag="), std::string_view::npos);
    EXPECT_EQ(header(scenario.text(3), "To"), toTag);
    EXPECT_EQ(header(scenario.text(4), "To"), toTag);
    EXPECT_EQ(header(scenario.text(1), "Server"), "Asterisk PBX 20.5.0");
    EXPECT_EQ(header(scenario.text(1), "Via"), std::string(header(invite, "Via")) + "=5060");
    EXPECT_NE(body(scenario.text(3)).find("m=audio "), std::string_view::npos);
    EXPECT_NE(body(scenario.text(3)).find("c=IN IP4 198.51.100.20"), std::string_view::npos);

    // The 2xx ACK is its own transaction; BYE goes on with the next CSeq.
    EXPECT_NE(branchOf(scenario.text(4)), branchOf(invite));
    EXPECT_EQ(header(scenario.text(4), "CSeq"), "1 ACK");
    EXPECT_EQ(header(scenario.text(5), "CSeq"), "2 BYE");
    EXPECT_EQ(header(scenario.text(6), "CSeq"), "2 BYE");
    EXPECT_EQ(branchOf(scenario.text(6)), branchOf(scenario.text(5)));
}

TEST(SipScenario, FailedCallAckReusesTheInviteBranch)
{
    for (int status : { 404, 486, 503, 603, 302 }) {
        SCOPED_TRACE(status);
        SipScenario scenario;
        scenario.reset(trunkCall());
        scenario.failedCall(status);
        ASSERT_EQ(scenario.messages().size(), 4u);
        expectWellFormed(scenario);
        EXPECT_EQ(startLine(scenario.text(2)),
            "SIP/2.0 " + std::to_string(status) + " " + std::string(SipScenario::reasonPhrase(status)));
        const auto ack = scenario.text(3);
        EXPECT_EQ(startLine(ack), "ACK sip:5551234567@pbx.example.test SIP/2.0");
        EXPECT_EQ(branchOf(ack), branchOf(scenario.text(0)));
        EXPECT_EQ(header(ack, "CSeq"), "1 ACK");
        EXPECT_EQ(header(ack, "To"), header(scenario.text(2), "To"));
        EXPECT_FALSE(scenario.media().has_value());
    }
}

TEST(SipScenario, ChallengeIsRetriedWithCredentialsAndAHigherCseq)
{
    for (int challenge : { 401, 407 }) {
        SCOPED_TRACE(challenge);
        SipScenario scenario;
        scenario.reset(trunkCall());
        InviteOptions options;
        options.challenge = challenge;
        scenario.answeredCall(options);
        expectWellFormed(scenario);
        const auto lines = startLines(scenario);
        ASSERT_GE(lines.size(), 10u);
        EXPECT_EQ(
            lines[1], "SIP/2.0 " + std::to_string(challenge) + " " + std::string(SipScenario::reasonPhrase(challenge)));
        EXPECT_EQ(lines[2], "ACK sip:5551234567@pbx.example.test SIP/2.0");
        EXPECT_EQ(lines[3], "INVITE sip:5551234567@pbx.example.test SIP/2.0");
        const auto first = scenario.text(0);
        const auto retry = scenario.text(3);
        const auto challengeHeader = challenge == 407 ? "Proxy-Authenticate" : "WWW-Authenticate";
        const auto credentials = challenge == 407 ? "Proxy-Authorization" : "Authorization";
        EXPECT_TRUE(header(scenario.text(1), challengeHeader).starts_with("Digest realm=\"pbx.example.test\""));
        EXPECT_TRUE(header(retry, credentials).starts_with("Digest username=\"+12125550147\""));
        EXPECT_TRUE(header(first, credentials).empty());
        EXPECT_EQ(branchOf(scenario.text(2)), branchOf(first));
        EXPECT_NE(branchOf(retry), branchOf(first));
        EXPECT_EQ(header(first, "CSeq"), "1 INVITE");
        EXPECT_EQ(header(retry, "CSeq"), "2 INVITE");
        EXPECT_EQ(header(retry, "Call-ID"), header(first, "Call-ID"));
        EXPECT_EQ(header(retry, "From"), header(first, "From"));
        // The nonce of the challenge is the one the credentials answer.
        const auto challengeText = header(scenario.text(1), challengeHeader);
        const auto nonceAt = challengeText.find("nonce=\"");
        ASSERT_NE(nonceAt, std::string_view::npos);
        EXPECT_NE(header(retry, credentials).find(challengeText.substr(nonceAt, 7 + 32 + 1)), std::string_view::npos);
    }
}

TEST(SipScenario, ChallengedCallCanFailAfterTheRetry)
{
    SipScenario scenario;
    scenario.reset(trunkCall());
    InviteOptions options;
    options.challenge = 407;
    scenario.failedCall(486, options);
    expectWellFormed(scenario);
    const auto lines = startLines(scenario);
    ASSERT_EQ(lines.size(), 7u);
    EXPECT_EQ(lines[4], "SIP/2.0 100 Trying");
    EXPECT_EQ(lines[5], "SIP/2.0 486 Busy Here");
    EXPECT_EQ(header(scenario.text(6), "CSeq"), "2 ACK");
    EXPECT_EQ(branchOf(scenario.text(6)), branchOf(scenario.text(3)));
}

TEST(SipScenario, CancelSharesTheInviteBranchAndEndsWith487)
{
    SipScenario scenario;
    scenario.reset(trunkCall());
    scenario.cancelledCall();
    expectWellFormed(scenario);
    EXPECT_EQ(startLines(scenario),
        (std::vector<std::string> { "INVITE sip:5551234567@pbx.example.test SIP/2.0", "SIP/2.0 100 Trying",
            "SIP/2.0 180 Ringing", "CANCEL sip:5551234567@pbx.example.test SIP/2.0", "SIP/2.0 200 OK",
            "SIP/2.0 487 Request Terminated", "ACK sip:5551234567@pbx.example.test SIP/2.0" }));
    const auto inviteBranch = branchOf(scenario.text(0));
    EXPECT_EQ(branchOf(scenario.text(3)), inviteBranch);
    EXPECT_EQ(header(scenario.text(3), "CSeq"), "1 CANCEL");
    EXPECT_EQ(header(scenario.text(3), "To"), "<sip:5551234567@pbx.example.test>");
    EXPECT_EQ(header(scenario.text(4), "CSeq"), "1 CANCEL");
    EXPECT_EQ(header(scenario.text(5), "CSeq"), "1 INVITE");
    EXPECT_EQ(branchOf(scenario.text(6)), inviteBranch);
    EXPECT_EQ(scenario.messages()[3].direction, ScenarioDirection::CallerToCallee);
}

TEST(SipScenario, UnansweredInviteIsRetransmittedWithT1Doubling)
{
    SipScenario scenario;
    scenario.reset(trunkCall());
    scenario.unansweredCall(7);
    const auto messages = scenario.messages();
    ASSERT_EQ(messages.size(), 7u);
    const std::vector<std::int64_t> offsetsMs { 0, 500, 1500, 3500, 7500, 15500, 31500 };
    for (std::size_t i = 0; i < messages.size(); ++i) {
        EXPECT_EQ(messages[i].offsetNs, offsetsMs[i] * 1'000'000) << i;
        EXPECT_EQ(messages[i].retransmission, i > 0);
        EXPECT_EQ(scenario.text(i), scenario.text(0));
        EXPECT_EQ(messages[i].direction, ScenarioDirection::CallerToCallee);
    }
    expectWellFormed(scenario);
}

TEST(SipScenario, InviteRetransmittedBeforeTheTrying)
{
    SipScenario scenario;
    ScenarioTiming timing;
    timing.tryingNs = 40'000'000;
    scenario.reset(trunkCall(), timing);
    InviteOptions options;
    options.retransmissions = 1;
    options.ringing = false;
    scenario.answeredCall(options);
    const auto lines = startLines(scenario);
    ASSERT_EQ(lines.size(), 7u);
    EXPECT_EQ(lines[1], lines[0]);
    EXPECT_EQ(scenario.messages()[1].offsetNs, 500'000'000);
    EXPECT_EQ(lines[2], "SIP/2.0 100 Trying");
    EXPECT_EQ(scenario.messages()[2].offsetNs, 540'000'000);
    EXPECT_EQ(lines[3], "SIP/2.0 200 OK");
}

TEST(SipScenario, RegistrationIsChallengedThenAccepted)
{
    ScenarioCall call;
    call.caller = { "2001", "pbx.example.test", "Alice Smith", { IpAddress::v4(10, 20, 0, 2), 5060 }, {}, 0,
        "Yealink SIP-T54W" };
    call.callee = { "", "pbx.example.test", "", { IpAddress::v4(198, 51, 100, 20), 5060 }, {}, 0, "Asterisk" };
    SipScenario scenario;
    scenario.reset(call);
    scenario.registration(true, 600);
    expectWellFormed(scenario);
    EXPECT_EQ(startLines(scenario),
        (std::vector<std::string> { "REGISTER sip:pbx.example.test SIP/2.0", "SIP/2.0 401 Unauthorized",
            "REGISTER sip:pbx.example.test SIP/2.0", "SIP/2.0 200 OK" }));
    EXPECT_EQ(header(scenario.text(0), "To"), "\"Alice Smith\" <sip:2001@pbx.example.test>");
    EXPECT_EQ(header(scenario.text(0), "Expires"), "600");
    EXPECT_EQ(header(scenario.text(0), "Contact"), "<sip:2001@10.20.0.2:5060>;expires=600");
    EXPECT_FALSE(header(scenario.text(1), "WWW-Authenticate").empty());
    EXPECT_FALSE(header(scenario.text(2), "Authorization").empty());
    EXPECT_EQ(header(scenario.text(2), "CSeq"), "2 REGISTER");
    EXPECT_EQ(header(scenario.text(3), "Contact"), "<sip:2001@10.20.0.2:5060>;expires=600");
}

TEST(SipScenario, OptionsKeepAlive)
{
    SipScenario scenario;
    scenario.reset(trunkCall());
    scenario.optionsPing();
    expectWellFormed(scenario);
    EXPECT_EQ(
        startLines(scenario), (std::vector<std::string> { "OPTIONS sip:pbx.example.test SIP/2.0", "SIP/2.0 200 OK" }));
    EXPECT_EQ(header(scenario.text(1), "CSeq"), "1 OPTIONS");
    EXPECT_EQ(header(scenario.text(1), "Accept"), "application/sdp");
}

TEST(SipScenario, AnsweredCallOptionsAddTheirMessages)
{
    SipScenario scenario;
    scenario.reset(trunkCall());
    InviteOptions options;
    options.sessionProgress = true;
    options.sessionRefresh = true;
    options.calleeHangsUp = true;
    options.okRetransmitted = true;
    scenario.answeredCall(options);
    expectWellFormed(scenario);
    const auto lines = startLines(scenario);
    ASSERT_EQ(lines.size(), 12u);
    EXPECT_EQ(lines[2], "SIP/2.0 183 Session Progress");
    EXPECT_FALSE(body(scenario.text(2)).empty());
    EXPECT_EQ(lines[4], "SIP/2.0 200 OK");
    EXPECT_EQ(scenario.text(5), scenario.text(4));
    EXPECT_TRUE(scenario.messages()[5].retransmission);
    EXPECT_EQ(lines[7], "INVITE sip:5551234567@198.51.100.20:5060 SIP/2.0");
    EXPECT_EQ(header(scenario.text(7), "CSeq"), "2 INVITE");
    EXPECT_NE(header(scenario.text(7), "To").find(";tag="), std::string_view::npos);
    EXPECT_EQ(lines[10], "BYE sip:+12125550147@203.0.113.10:5060 SIP/2.0");
    EXPECT_EQ(scenario.messages()[10].direction, ScenarioDirection::CalleeToCaller);
    // The callee's BYE swaps From and To of the dialog.
    EXPECT_TRUE(header(scenario.text(10), "From").starts_with("<sip:5551234567@pbx.example.test>;tag="));
    EXPECT_TRUE(header(scenario.text(10), "To").starts_with("\"Carrier\" <sip:+12125550147@carrier.example>;tag="));

    ASSERT_TRUE(scenario.media().has_value());
    const auto& media = *scenario.media();
    EXPECT_EQ(media.calleeStartNs, scenario.messages()[2].offsetNs);
    EXPECT_EQ(media.callerStartNs, scenario.messages()[6].offsetNs);
    EXPECT_EQ(media.endNs, scenario.messages()[10].offsetNs);
    EXPECT_EQ(media.callee.address, IpAddress::v4(198, 51, 100, 20));
    EXPECT_NE(
        body(scenario.text(0)).find("m=audio " + std::to_string(media.caller.port) + " "), std::string_view::npos);
    EXPECT_EQ(media.caller.port % 2, 0);
}

TEST(SipScenario, Ipv6AndTcp)
{
    ScenarioCall call = trunkCall();
    IpAddress v6;
    ASSERT_TRUE(IpAddress::parse("2001:db8::10", v6));
    call.caller.signalling = { v6, 5070 };
    call.transport = ScenarioTransport::Tcp;
    SipScenario scenario;
    scenario.reset(call);
    scenario.answeredCall();
    expectWellFormed(scenario);
    const auto invite = scenario.text(0);
    EXPECT_TRUE(header(invite, "Via").starts_with("SIP/2.0/TCP [2001:db8::10]:5070;branch="));
    EXPECT_EQ(header(invite, "Contact"), "<sip:+12125550147@[2001:db8::10]:5070;transport=tcp>");
    EXPECT_NE(body(invite).find("c=IN IP6 2001:db8::10\r\n"), std::string_view::npos);
}

TEST(SipScenario, DeterministicForASeed)
{
    SipScenario a;
    SipScenario b;
    a.reset(trunkCall(11));
    b.reset(trunkCall(11));
    a.answeredCall();
    b.answeredCall();
    ASSERT_EQ(a.messages().size(), b.messages().size());
    for (std::size_t i = 0; i < a.messages().size(); ++i)
        EXPECT_EQ(a.text(i), b.text(i));
    // Reusing a scenario gives the same text as a fresh one.
    a.reset(trunkCall(12));
    a.failedCall(404);
    a.reset(trunkCall(11));
    a.answeredCall();
    for (std::size_t i = 0; i < a.messages().size(); ++i)
        EXPECT_EQ(a.text(i), b.text(i));
    b.reset(trunkCall(13));
    b.answeredCall();
    EXPECT_NE(header(a.text(0), "Call-ID"), header(b.text(0), "Call-ID"));
    EXPECT_NE(branchOf(a.text(0)), branchOf(b.text(0)));
}
