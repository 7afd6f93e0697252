// SPDX-License-Identifier: Apache-2.0
#include "flow/call_grouper.h"
#include "sip/sip_parser.h"
#include "util/fast_hash.h"

#include <gtest/gtest.h>

#include <string>

using namespace sipladder::core;

namespace {

const Endpoint kCarrier{IpAddress::v4(203, 0, 113, 10), 5060};
const Endpoint kPbx{IpAddress::v4(198, 51, 100, 20), 5060};
const Endpoint kProxy{IpAddress::v4(198, 51, 100, 99), 5060};
constexpr std::int64_t kMs = 1'000'000;
constexpr std::int64_t kBase = 1795514400LL * 1'000'000'000;

struct SipText {
    std::string startLine;
    std::string callId = "call-1@example.test";
    std::string branch = "z9hG4bK-1";
    std::string cseq = "1 INVITE";
    std::string fromTag = "f1";
    std::string toTag;
    std::string extra;
    std::string sentBy = "203.0.113.10:5060";

    std::string render() const
    {
        std::string text = startLine + "\r\n";
        text += "Via: SIP/2.0/UDP " + sentBy + (branch.empty() ? "" : ";branch=" + branch) + "\r\n";
        text += "From: \"Carrier\" <sip:+12125550147@carrier.example>;tag=" + fromTag + "\r\n";
        text += "To: <sip:5551234567@pbx.example.test>" + (toTag.empty() ? std::string() : ";tag=" + toTag) + "\r\n";
        if (!callId.empty())
            text += "Call-ID: " + callId + "\r\n";
        text += "CSeq: " + cseq + "\r\n";
        text += extra;
        text += "Content-Length: 0\r\n\r\n";
        return text;
    }
};

class CallGrouperTest : public ::testing::Test {
protected:
    void add(const SipText& sip, std::int64_t atMs, const Endpoint& from = kCarrier, const Endpoint& to = kPbx)
    {
        const auto text = sip.render();
        SipMessage message;
        ASSERT_TRUE(m_parser.parse(asBytes(text), message, true)) << text;
        MessageMeta meta;
        meta.timestampNs = kBase + atMs * kMs;
        meta.frameNumber = ++m_frame;
        meta.firstFrameNumber = m_frame;
        meta.source = from;
        meta.destination = to;
        meta.contentHash = fastHash(text.data(), text.size());
        meta.location.length = static_cast<std::uint32_t>(text.size());
        m_grouper.add(message, meta);
    }

    SipText invite(const std::string& callId = "call-1@example.test", const std::string& branch = "z9hG4bK-1",
        int cseq = 1)
    {
        SipText t;
        t.startLine = "INVITE sip:5551234567@pbx.example.test SIP/2.0";
        t.callId = callId;
        t.branch = branch;
        t.cseq = std::to_string(cseq) + " INVITE";
        return t;
    }

    static SipText response(const SipText& request, const std::string& status, const std::string& toTag = "t1")
    {
        SipText t = request;
        t.startLine = "SIP/2.0 " + status;
        t.toTag = status.starts_with("100") ? "" : toTag;
        t.extra.clear();
        return t;
    }

    static SipText request(const SipText& base, const std::string& method, const std::string& branch, int cseq)
    {
        SipText t = base;
        t.startLine = method + " sip:5551234567@pbx.example.test SIP/2.0";
        t.branch = branch;
        t.cseq = std::to_string(cseq) + " " + method;
        return t;
    }

    const CaptureSnapshot& finish(std::int64_t captureEndMs)
    {
        m_grouper.finish(kBase + captureEndMs * kMs);
        return m_snapshot;
    }

    CaptureSnapshot m_snapshot;
    CallGrouper m_grouper{m_snapshot};
    SipParser m_parser;
    std::uint64_t m_frame = 0;
};

} // namespace

TEST_F(CallGrouperTest, AnsweredCallIsSuccessWithItsOwnAckAndByeTransactions)
{
    const auto inv = invite();
    add(inv, 0);
    add(response(inv, "100 Trying"), 10, kPbx, kCarrier);
    add(response(inv, "180 Ringing"), 100, kPbx, kCarrier);
    add(response(inv, "200 OK"), 2000, kPbx, kCarrier);
    add(request(inv, "ACK", "z9hG4bK-ack", 1), 2010);
    auto bye = request(inv, "BYE", "z9hG4bK-bye", 2);
    add(bye, 9000);
    add(response(bye, "200 OK"), 9010, kPbx, kCarrier);
    const auto& s = finish(9010);

    ASSERT_EQ(s.calls().size(), 1u);
    const auto& call = s.calls()[0];
    EXPECT_EQ(call.state, CallState::Success);
    EXPECT_EQ(call.finalStatus, 200);
    EXPECT_EQ(s.text(call.finalReason), "OK");
    EXPECT_EQ(call.messageCount, 7u);
    EXPECT_EQ(call.initialMethod, SipMethod::Invite);
    EXPECT_EQ(s.text(call.requestUri), "sip:5551234567@pbx.example.test");
    EXPECT_EQ(s.text(call.from), "\"Carrier\" <sip:+12125550147@carrier.example>;tag=f1");
    EXPECT_EQ(call.source, kCarrier);
    EXPECT_EQ(call.destination, kPbx);
    EXPECT_EQ(call.endNs - call.startNs, 9010 * kMs);
    EXPECT_EQ(s.transactions().size(), 3u); // INVITE, ACK for the 2xx, BYE
    EXPECT_EQ(s.messagesOfCall(0).size(), 7u);
    EXPECT_EQ(s.totals().retransmissions, 0u);
    EXPECT_TRUE(s.transactions()[0].sawRinging);
}

TEST_F(CallGrouperTest, AckOfAnErrorResponseBelongsToTheInviteTransaction)
{
    const auto inv = invite();
    add(inv, 0);
    add(response(inv, "404 Not Found"), 50, kPbx, kCarrier);
    add(request(inv, "ACK", "z9hG4bK-1", 1), 60);
    const auto& s = finish(60);
    ASSERT_EQ(s.transactions().size(), 1u);
    EXPECT_EQ(s.transactions()[0].messageCount, 3u);
    EXPECT_EQ(s.calls()[0].state, CallState::Failed);
    EXPECT_EQ(s.calls()[0].finalStatus, 404);
    EXPECT_EQ(s.text(s.calls()[0].finalReason), "Not Found");
    EXPECT_EQ(s.transactions()[0].outcome, Outcome::ClientFailure);
}

TEST_F(CallGrouperTest, ChallengeAnsweredByAnAcceptedRetryIsNotAFailure)
{
    const auto inv = invite();
    add(inv, 0);
    add(response(inv, "407 Proxy Authentication Required"), 20, kPbx, kCarrier);
    add(request(inv, "ACK", "z9hG4bK-1", 1), 25);
    auto retry = invite("call-1@example.test", "z9hG4bK-2", 2);
    retry.extra = "Proxy-Authorization: Digest username=\"trunk\"\r\n";
    add(retry, 40);
    add(response(retry, "200 OK"), 900, kPbx, kCarrier);
    const auto& s = finish(900);
    const auto& call = s.calls()[0];
    EXPECT_EQ(s.transactions()[0].outcome, Outcome::Challenge);
    EXPECT_EQ(s.transactions()[0].retryTransaction, 1u);
    EXPECT_EQ(call.initialTransaction, 1u);
    EXPECT_EQ(call.state, CallState::Success);
    EXPECT_EQ(call.finalStatus, 200);
}

TEST_F(CallGrouperTest, ChallengeWithoutRetryOrRefusedCredentialsIsAnAuthenticationFailure)
{
    const auto a = invite("no-retry@x");
    add(a, 0);
    add(response(a, "401 Unauthorized"), 20, kPbx, kCarrier);

    const auto b = invite("refused@x", "z9hG4bK-b1", 1);
    add(b, 100);
    add(response(b, "401 Unauthorized"), 120, kPbx, kCarrier);
    const auto bRetry = invite("refused@x", "z9hG4bK-b2", 2);
    add(bRetry, 140);
    add(response(bRetry, "403 Forbidden"), 160, kPbx, kCarrier);

    const auto c = invite("twice@x", "z9hG4bK-c1", 1);
    add(c, 200);
    add(response(c, "401 Unauthorized"), 210, kPbx, kCarrier);
    const auto cRetry = invite("twice@x", "z9hG4bK-c2", 2);
    add(cRetry, 220);
    add(response(cRetry, "401 Unauthorized"), 230, kPbx, kCarrier);
    const auto& s = finish(1000);

    ASSERT_EQ(s.calls().size(), 3u);
    EXPECT_EQ(s.calls()[0].state, CallState::Failed);
    EXPECT_EQ(s.calls()[0].outcome, Outcome::AuthFailure);
    EXPECT_EQ(s.calls()[0].finalStatus, 401);
    // 403 after credentials: the retry is the initial transaction and is an authentication failure.
    EXPECT_EQ(s.calls()[1].outcome, Outcome::AuthFailure);
    EXPECT_EQ(s.calls()[1].finalStatus, 403);
    // Challenged again: the first 401 is not a "challenge" (its retry was not accepted).
    EXPECT_EQ(s.calls()[2].outcome, Outcome::AuthFailure);
    EXPECT_EQ(s.calls()[2].finalStatus, 401);
}

TEST_F(CallGrouperTest, CallerCancelIsCancelledButProxyCancelIsAFailure)
{
    const auto own = invite("own@x");
    add(own, 0);
    add(response(own, "180 Ringing"), 100, kPbx, kCarrier);
    add(request(own, "CANCEL", "z9hG4bK-1", 1), 5000);
    auto cancelOk = response(request(own, "CANCEL", "z9hG4bK-1", 1), "200 OK");
    add(cancelOk, 5010, kPbx, kCarrier);
    add(response(own, "487 Request Terminated"), 5020, kPbx, kCarrier);
    add(request(own, "ACK", "z9hG4bK-1", 1), 5030);

    const auto forked = invite("timer@x", "z9hG4bK-t");
    add(forked, 100, kProxy, kPbx);
    add(response(forked, "180 Ringing"), 200, kPbx, kProxy);
    add(request(forked, "CANCEL", "z9hG4bK-t", 1), 6000, kCarrier, kPbx); // CANCEL from somewhere else
    add(response(forked, "487 Request Terminated"), 6020, kPbx, kProxy);
    const auto& s = finish(7000);

    ASSERT_EQ(s.calls().size(), 2u);
    EXPECT_EQ(s.calls()[0].state, CallState::Cancelled);
    EXPECT_EQ(s.calls()[0].outcome, Outcome::Cancelled);
    EXPECT_TRUE(isFailure(Outcome::Cancelled));
    EXPECT_FALSE(isErrorOutcome(Outcome::Cancelled));
    EXPECT_EQ(s.calls()[1].state, CallState::Failed);
    EXPECT_EQ(s.calls()[1].outcome, Outcome::Unanswered);
    const auto& inviteTransaction = s.transactions()[0];
    ASSERT_NE(inviteTransaction.cancelTransaction, kNoIndex);
    EXPECT_EQ(s.transactions()[inviteTransaction.cancelTransaction].cancelledTransaction, 0u);
}

TEST_F(CallGrouperTest, UnansweredRequestTimesOutOnlyWhenTheCaptureGoesOn32Seconds)
{
    add(invite("late@x", "z9hG4bK-l"), 0);
    add(invite("recent@x", "z9hG4bK-r"), 10'000);
    const auto& s = finish(40'000);
    EXPECT_EQ(s.calls()[0].state, CallState::Failed);
    EXPECT_EQ(s.calls()[0].outcome, Outcome::Unanswered);
    EXPECT_EQ(s.calls()[0].finalStatus, 0);
    EXPECT_EQ(s.calls()[1].state, CallState::InProgress);
}

TEST_F(CallGrouperTest, RetransmissionsAndDuplicatesAreToldApartByTime)
{
    const auto inv = invite();
    add(inv, 0);
    add(inv, 20); // mirror copy: same bytes within 50 ms
    add(inv, 500); // the UA's retransmission after T1
    add(response(inv, "100 Trying"), 510, kPbx, kCarrier);
    add(response(inv, "200 OK"), 900, kPbx, kCarrier);
    add(response(inv, "200 OK"), 1400, kPbx, kCarrier);
    add(response(inv, "200 OK"), 1405, kPbx, kCarrier);
    const auto& s = finish(1500);
    EXPECT_EQ(s.totals().sipMessages, 7u);
    EXPECT_EQ(s.totals().duplicates, 2u);
    EXPECT_EQ(s.totals().retransmissions, 2u);
    const auto& m = s.messages();
    EXPECT_TRUE(m[1].has(MessageDuplicate));
    EXPECT_EQ(m[1].duplicateOf, 0u);
    EXPECT_TRUE(m[2].has(MessageRetransmission));
    EXPECT_FALSE(m[2].has(MessageDuplicate));
    EXPECT_TRUE(m[5].has(MessageRetransmission));
    EXPECT_TRUE(m[6].has(MessageDuplicate));
    EXPECT_EQ(m[6].duplicateOf, 5u);
    EXPECT_EQ(s.calls()[0].retransmissions, 2u);
    EXPECT_EQ(s.calls()[0].duplicates, 2u);
}

TEST_F(CallGrouperTest, SameRequestInTheOtherDirectionIsNotARetransmission)
{
    const auto inv = invite();
    add(inv, 0);
    add(inv, 600, kPbx, kProxy); // same branch on another hop (a stateless relay)
    const auto& s = finish(700);
    EXPECT_EQ(s.totals().retransmissions, 0u);
    EXPECT_EQ(s.totals().duplicates, 0u);
}

TEST_F(CallGrouperTest, Rfc2543BranchesMatchByCSeqAndSentBy)
{
    auto inv = invite("old@x", "");
    add(inv, 0);
    add(response(inv, "486 Busy Here"), 100, kPbx, kCarrier);
    auto other = invite("old@x", "", 2);
    other.sentBy = "203.0.113.11:5060";
    add(other, 200);
    const auto& s = finish(300);
    ASSERT_EQ(s.transactions().size(), 2u);
    EXPECT_EQ(s.transactions()[0].finalStatus, 486);
    EXPECT_EQ(s.transactions()[1].finalStatus, 0);
}

TEST_F(CallGrouperTest, CallsKeepOrderOfFirstMessageAndMessagesWithoutCallIdAreKept)
{
    add(invite("b@x", "z9hG4bK-b"), 0);
    add(invite("a@x", "z9hG4bK-a"), 10);
    auto broken = invite("", "z9hG4bK-n");
    add(broken, 20);
    add(response(invite("b@x", "z9hG4bK-b"), "302 Moved Temporarily"), 30, kPbx, kCarrier);
    const auto& s = finish(40);
    ASSERT_EQ(s.calls().size(), 2u);
    EXPECT_EQ(s.callId(s.calls()[0]), "b@x");
    EXPECT_EQ(s.callId(s.calls()[1]), "a@x");
    EXPECT_EQ(s.calls()[0].state, CallState::Redirected);
    EXPECT_EQ(s.totals().sipMessages, 4u);
    EXPECT_EQ(s.totals().malformedMessages, 1u);
    EXPECT_EQ(s.messages()[2].callIndex, kNoIndex);
    EXPECT_TRUE(s.messages()[2].has(MessageMalformed));
}

TEST_F(CallGrouperTest, CaptureStartingMidCallUsesTheResponseForTheSummary)
{
    const auto inv = invite("mid@x");
    add(response(inv, "200 OK"), 0, kPbx, kCarrier);
    add(request(inv, "ACK", "z9hG4bK-a", 1), 10);
    const auto& s = finish(20);
    const auto& call = s.calls()[0];
    EXPECT_EQ(call.state, CallState::Success);
    EXPECT_EQ(call.finalStatus, 200);
    EXPECT_EQ(call.initialMethod, SipMethod::Ack); // the first request seen
}

TEST_F(CallGrouperTest, LinksB2buaLegsByHeaderAndByChainedNumbersButNeverMerges)
{
    const auto aLeg = invite("a-leg@x", "z9hG4bK-a");
    add(aLeg, 0, kCarrier, kPbx);
    auto bLeg = invite("b-leg@x", "z9hG4bK-b");
    bLeg.fromTag = "other-tag";
    bLeg.extra = "X-CID: a-leg@x\r\n";
    add(bLeg, 100, kPbx, kProxy);
    auto cLeg = invite("c-leg@x", "z9hG4bK-c");
    cLeg.fromTag = "third-tag";
    add(cLeg, 150, kPbx, Endpoint{IpAddress::v4(192, 0, 2, 77), 5060}); // same numbers, chained through the PBX
    auto unrelated = invite("far@x", "z9hG4bK-f");
    unrelated.fromTag = "fourth-tag";
    add(unrelated, 9000, kPbx, kProxy); // same numbers but 9 s later
    const auto& s = finish(10000);
    ASSERT_EQ(s.calls().size(), 4u);
    EXPECT_EQ(s.calls()[0].linkedCalls, (std::vector<std::uint32_t>{1, 2}));
    EXPECT_EQ(s.calls()[1].linkedCalls, (std::vector<std::uint32_t>{0}));
    EXPECT_EQ(s.calls()[2].linkedCalls, (std::vector<std::uint32_t>{0}));
    EXPECT_TRUE(s.calls()[3].linkedCalls.empty());
}

TEST_F(CallGrouperTest, CrowdsSharingATagOrNumbersAreNotLinked)
{
    // A load test: every call has the same From tag and numbers, 10 ms apart.
    for (int i = 0; i < 3000; ++i) {
        auto call = invite("load-" + std::to_string(i) + "@x", "z9hG4bK-" + std::to_string(i));
        add(call, i * 10, kCarrier, kPbx);
    }
    const auto& s = finish(40000);
    ASSERT_EQ(s.calls().size(), 3000u);
    for (const auto& call : s.calls())
        ASSERT_TRUE(call.linkedCalls.empty());
}

TEST_F(CallGrouperTest, ForkedInviteMakesOneDialogPerCalleeTagAndReverseRequestsJoinTheirDialog)
{
    const auto inv = invite();
    add(inv, 0);
    add(response(inv, "100 Trying"), 5, kPbx, kCarrier);
    add(response(inv, "180 Ringing", "branch-a"), 100, kPbx, kCarrier);
    add(response(inv, "180 Ringing", "branch-b"), 110, kPbx, kCarrier);
    add(response(inv, "200 OK", "branch-a"), 2000, kPbx, kCarrier);
    auto ack = request(inv, "ACK", "z9hG4bK-ack", 1);
    ack.toTag = "branch-a";
    add(ack, 2010);
    // The callee hangs up: From and To are swapped in its BYE.
    auto bye = request(inv, "BYE", "z9hG4bK-bye", 1);
    bye.fromTag = "branch-a";
    bye.toTag = "f1";
    add(bye, 5000, kPbx, kCarrier);
    const auto& s = finish(5000);
    ASSERT_EQ(s.dialogs().size(), 2u);
    EXPECT_EQ(s.calls()[0].dialogCount, 2u);
    EXPECT_TRUE(s.dialogs()[0].confirmed);
    EXPECT_FALSE(s.dialogs()[1].confirmed);
    EXPECT_EQ(s.dialogs()[0].messageCount, 4u); // 180, 200, ACK, BYE
    EXPECT_EQ(s.messages()[0].dialogIndex, kNoIndex);
    EXPECT_EQ(s.messages()[1].dialogIndex, kNoIndex);
    EXPECT_EQ(s.messages()[6].dialogIndex, 0u);
    EXPECT_EQ(s.messages()[3].dialogIndex, 1u);
}
