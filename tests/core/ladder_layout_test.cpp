// SPDX-License-Identifier: Apache-2.0
#include "flow/call_grouper.h"
#include "layout/ladder_layout.h"
#include "load/capture_loader.h"
#include "sip/sip_parser.h"
#include "support/test_paths.h"
#include "util/fast_hash.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace sipladder::core;

namespace {

const Endpoint kCarrier { IpAddress::v4(203, 0, 113, 10), 5060 };
const Endpoint kSbc { IpAddress::v4(198, 51, 100, 1), 5060 };
const Endpoint kSbcInside { IpAddress::v4(198, 51, 100, 1), 5080 };
const Endpoint kPbx { IpAddress::v4(198, 51, 100, 20), 5060 };
const Endpoint kRouter { IpAddress::v4(192, 0, 2, 254), 0 };
constexpr std::int64_t kMs = 1'000'000;
constexpr std::int64_t kBase = 1795514400LL * 1'000'000'000;

struct Sip {
    std::string startLine;
    std::string callId = "leg-a@example.test";
    std::string branch = "z9hG4bK-1";
    std::string cseq = "1 INVITE";
    std::string toTag;
    bool sdp = false;

    std::string render() const
    {
        const std::string body = sdp ? "v=0\r\no=- 1 1 IN IP4 203.0.113.10\r\ns=-\r\nc=IN IP4 203.0.113.10\r\n"
                                       "t=0 0\r\nm=audio 4000 RTP/AVP 0\r\n"
                                     : "";
        std::string text = startLine + "\r\n";
        text += "Via: SIP/2.0/UDP 203.0.113.10:5060;branch=" + branch + "\r\n";
        text += "From: <sip:+12125550147@carrier.example>;tag=f1\r\n";
        text += "To: <sip:5551234567@pbx.example.test>" + (toTag.empty() ? std::string() : ";tag=" + toTag) + "\r\n";
        text += "Call-ID: " + callId + "\r\n";
        text += "CSeq: " + cseq + "\r\n";
        if (sdp)
            text += "Content-Type: application/sdp\r\n";
        text += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
        return text;
    }
};

Sip invite(const std::string& callId, const std::string& branch = "z9hG4bK-1")
{
    Sip s;
    s.startLine = "INVITE sip:5551234567@pbx.example.test SIP/2.0";
    s.callId = callId;
    s.branch = branch;
    s.sdp = true;
    return s;
}

Sip response(const Sip& request, const std::string& status)
{
    Sip s = request;
    s.startLine = "SIP/2.0 " + status;
    s.toTag = status.starts_with("100") ? "" : "t1";
    s.sdp = false;
    return s;
}

class LadderLayoutTest : public ::testing::Test {
protected:
    void add(const Sip& sip, std::int64_t atMs, const Endpoint& from, const Endpoint& to)
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

    void addIcmp(std::int64_t atMs, const Endpoint& reporter, const Endpoint& quotedSource,
        const Endpoint& quotedDestination, const std::string& callId)
    {
        IcmpEvent event;
        event.timestampNs = kBase + atMs * kMs;
        event.frameNumber = ++m_frame;
        event.type = 3;
        event.code = 3;
        event.reporter = reporter;
        event.quotedSource = quotedSource;
        event.quotedDestination = quotedDestination;
        m_grouper.addIcmpEvent(event, callId);
    }

    const CaptureSnapshot& finish(std::int64_t captureEndMs)
    {
        m_grouper.finish(kBase + captureEndMs * kMs);
        return m_snapshot;
    }

    CaptureSnapshot m_snapshot;
    CallGrouper m_grouper { m_snapshot };
    SipParser m_parser;
    std::uint64_t m_frame = 0;
};

std::vector<std::string> labels(const LadderLayout& layout)
{
    std::vector<std::string> out;
    for (const auto& row : layout.rows())
        out.push_back(row.label);
    return out;
}

std::vector<ArrowTone> tones(const LadderLayout& layout)
{
    std::vector<ArrowTone> out;
    for (const auto& row : layout.rows())
        out.push_back(row.tone);
    return out;
}

class SampleLadderTest : public ::testing::Test {
protected:
    // Loaded once for the suite; a failed load fails every test rather than skipping it.
    void SetUp() override
    {
        if (!s_snapshot) {
            LoadOptions options;
            options.paths.push_back((sipladder::testing::testDataDir().parent_path().parent_path() / "resources"
                / "samples" / "trunk-404.pcap")
                                        .string());
            auto result = CaptureLoader::load(options);
            ASSERT_TRUE(result.ok()) << result.error().message;
            s_snapshot = result.value();
        }
        ASSERT_EQ(s_snapshot->calls().size(), 6u);
    }
    static void TearDownTestSuite() { s_snapshot.reset(); }

    // The call whose first request has this Request-URI.
    static std::uint32_t callTo(const std::string& uri)
    {
        for (std::uint32_t i = 0; i < s_snapshot->calls().size(); ++i) {
            if (s_snapshot->text(s_snapshot->calls()[i].requestUri) == uri)
                return i;
        }
        ADD_FAILURE() << "no call to " << uri;
        return 0;
    }

    static LadderLayout ladderOf(const std::string& uri)
    {
        const std::uint32_t call = callTo(uri);
        return LadderLayout::build(*s_snapshot, std::span(&call, 1));
    }

    static inline SnapshotPtr s_snapshot;
};

} // namespace

TEST_F(SampleLadderTest, NotFoundCallMarksTheInviteAndThe404ButNotTheAck)
{
    const auto layout = ladderOf("sip:+15551234567@pbx.example.test");
    EXPECT_EQ(labels(layout), (std::vector<std::string> { "INVITE", "100 Trying", "404 Not Found", "ACK" }));
    EXPECT_EQ(tones(layout),
        (std::vector<ArrowTone> { ArrowTone::Error, ArrowTone::Provisional, ArrowTone::Error, ArrowTone::Request }));
    ASSERT_EQ(layout.columns().size(), 2u);
    EXPECT_EQ(layout.columns()[0].label, "203.0.113.10:5060");
    EXPECT_EQ(layout.columns()[1].label, "198.51.100.20:5060");
    const auto& rows = layout.rows();
    EXPECT_EQ(rows[0].fromColumn, 0);
    EXPECT_EQ(rows[0].toColumn, 1);
    EXPECT_EQ(rows[2].fromColumn, 1);
    EXPECT_EQ(rows[2].toColumn, 0);
    EXPECT_TRUE(rows[0].isRequest);
    EXPECT_FALSE(rows[2].isRequest);
    EXPECT_EQ(rows[0].firstLine, "INVITE sip:+15551234567@pbx.example.test SIP/2.0");
    EXPECT_EQ(rows[2].firstLine, "SIP/2.0 404 Not Found");
    EXPECT_EQ(rows[0].deltaNs, 0);
    EXPECT_EQ(rows[1].deltaNs, 20 * kMs);
    EXPECT_EQ(rows[2].deltaNs, 60 * kMs);
    EXPECT_EQ(rows[2].timestampNs - rows[0].timestampNs, 80 * kMs);
    EXPECT_EQ(layout.callIndexes().size(), 1u);
    for (const auto& row : rows)
        EXPECT_EQ(row.callSlot, 0);

    EXPECT_EQ(layout.nextFailure(std::nullopt), 0u);
    EXPECT_EQ(layout.nextFailure(0), 2u);
    EXPECT_EQ(layout.nextFailure(2), std::nullopt);
    EXPECT_EQ(layout.previousFailure(std::nullopt), 2u);
    EXPECT_EQ(layout.previousFailure(2), 0u);
    EXPECT_EQ(layout.previousFailure(0), std::nullopt);
}

TEST_F(SampleLadderTest, ChallengeAnsweredByARetryIsNeutralAndTheBusyRetryIsTheError)
{
    const auto layout = ladderOf("sip:5551239999@pbx.example.test");
    EXPECT_EQ(labels(layout),
        (std::vector<std::string> {
            "INVITE", "407 Proxy Authentication Required", "ACK", "INVITE", "100 Trying", "486 Busy Here", "ACK" }));
    EXPECT_EQ(tones(layout),
        (std::vector<ArrowTone> { ArrowTone::Request, ArrowTone::Challenge, ArrowTone::Request, ArrowTone::Error,
            ArrowTone::Provisional, ArrowTone::Error, ArrowTone::Request }));
    EXPECT_FALSE(layout.rows()[3].retransmission); // a retry is a new transaction, not a retransmission
}

TEST_F(SampleLadderTest, OwnCancelMarksThe487AndTheInviteAsCancelled)
{
    const auto layout = ladderOf("sip:5551230000@pbx.example.test");
    EXPECT_EQ(labels(layout),
        (std::vector<std::string> {
            "INVITE", "100 Trying", "180 Ringing", "CANCEL", "200 OK", "487 Request Terminated", "ACK" }));
    EXPECT_EQ(tones(layout),
        (std::vector<ArrowTone> { ArrowTone::Cancelled, ArrowTone::Provisional, ArrowTone::Provisional,
            ArrowTone::Request, ArrowTone::Success, ArrowTone::Cancelled, ArrowTone::Request }));
    EXPECT_EQ(layout.nextFailure(std::nullopt), std::nullopt);
}

TEST_F(SampleLadderTest, RetransmittedInviteHasItsOwnRowAndSdpIsFlagged)
{
    const auto layout = ladderOf("sip:5551231111@pbx.example.test");
    ASSERT_GE(layout.rows().size(), 3u);
    EXPECT_EQ(labels(layout)[0], "INVITE");
    EXPECT_EQ(labels(layout)[1], "INVITE");
    EXPECT_FALSE(layout.rows()[0].retransmission);
    EXPECT_TRUE(layout.rows()[1].retransmission);
    EXPECT_EQ(layout.rows()[1].tone, ArrowTone::Request);
    EXPECT_TRUE(layout.rows()[0].hasSdp);
    EXPECT_FALSE(layout.rows()[2].hasSdp); // 100 Trying
    for (std::size_t i = 0; i < layout.rows().size(); ++i) {
        const auto& row = layout.rows()[i];
        EXPECT_EQ(layout.rowOfMessage(row.index), i);
    }
}

TEST_F(SampleLadderTest, AllCallsTogetherAreInTimeOrderWithOneSlotEach)
{
    std::vector<std::uint32_t> all;
    for (std::uint32_t i = 0; i < s_snapshot->calls().size(); ++i)
        all.push_back(i);
    const auto layout = LadderLayout::build(*s_snapshot, all);
    EXPECT_EQ(layout.rows().size(), s_snapshot->messages().size());
    EXPECT_EQ(layout.columns().size(), 2u);
    for (std::size_t i = 1; i < layout.rows().size(); ++i) {
        EXPECT_LE(layout.rows()[i - 1].timestampNs, layout.rows()[i].timestampNs);
        EXPECT_EQ(layout.rows()[i].deltaNs, layout.rows()[i].timestampNs - layout.rows()[i - 1].timestampNs);
        EXPECT_EQ(layout.rows()[i].callSlot, s_snapshot->messages()[layout.rows()[i].index].callIndex);
    }
}

TEST_F(LadderLayoutTest, TwoLegsThroughAnSbcHaveTheirOwnSlotsInOneTimeLine)
{
    const auto legA = invite("leg-a@example.test", "z9hG4bK-a");
    const auto legB = invite("leg-b@sbc.example.test", "z9hG4bK-b");
    add(legA, 0, kCarrier, kSbc);
    add(legB, 5, kSbcInside, kPbx);
    add(response(legB, "404 Not Found"), 30, kPbx, kSbcInside);
    add(response(legA, "404 Not Found"), 35, kSbc, kCarrier);
    const auto& s = finish(100);
    ASSERT_EQ(s.calls().size(), 2u);

    const std::vector<std::uint32_t> calls { 1, 0 };
    const auto layout = LadderLayout::build(s, calls);
    EXPECT_EQ(layout.callIndexes(), calls);
    ASSERT_EQ(layout.rows().size(), 4u);
    std::vector<std::uint16_t> slots;
    for (const auto& row : layout.rows())
        slots.push_back(row.callSlot);
    EXPECT_EQ(slots, (std::vector<std::uint16_t> { 1, 0, 0, 1 }));
    ASSERT_EQ(layout.columns().size(), 4u);
    EXPECT_EQ(layout.columns()[0].endpoint, kCarrier);
    EXPECT_EQ(layout.columns()[1].endpoint, kSbc);
    EXPECT_EQ(layout.columns()[2].endpoint, kSbcInside);
    EXPECT_EQ(layout.columns()[3].endpoint, kPbx);
    EXPECT_EQ(tones(layout), std::vector<ArrowTone>(4, ArrowTone::Error));
}

TEST_F(LadderLayoutTest, MergePerHostMakesOneLifelinePerAddressAndALoopWithinIt)
{
    const auto legA = invite("leg-a@example.test", "z9hG4bK-a");
    const auto legB = invite("leg-b@sbc.example.test", "z9hG4bK-b");
    add(legA, 0, kCarrier, kSbc);
    add(legB, 5, kSbcInside, kSbc); // a hairpin inside the SBC host
    add(response(legB, "200 OK"), 30, kSbc, kSbcInside);
    const auto& s = finish(100);

    const std::vector<std::uint32_t> calls { 0, 1 };
    const auto perPort = LadderLayout::build(s, calls);
    EXPECT_EQ(perPort.columns().size(), 3u);

    const auto perHost = LadderLayout::build(s, calls, LadderOptions { .mergePerHost = true });
    ASSERT_EQ(perHost.columns().size(), 2u);
    EXPECT_EQ(perHost.columns()[0].label, "203.0.113.10");
    EXPECT_EQ(perHost.columns()[1].label, "198.51.100.1");
    EXPECT_EQ(perHost.columns()[1].endpoint.port, 0);
    EXPECT_EQ(perHost.columns()[1].endpoint.address, kSbc.address);
    ASSERT_EQ(perHost.rows().size(), 3u);
    EXPECT_EQ(perHost.rows()[1].fromColumn, 1);
    EXPECT_EQ(perHost.rows()[1].toColumn, 1);
    EXPECT_EQ(perHost.rows()[2].tone, ArrowTone::Success);
}

TEST_F(LadderLayoutTest, DuplicatesAreFoldedIntoTheRowOfTheirOriginal)
{
    const auto inv = invite("dup@example.test");
    add(inv, 0, kCarrier, kPbx);
    add(inv, 1, kCarrier, kPbx); // a mirror port's copy
    add(inv, 2, kCarrier, kPbx);
    add(response(inv, "200 OK"), 50, kPbx, kCarrier);
    const auto& s = finish(100);
    ASSERT_TRUE(s.messages()[1].has(MessageDuplicate));

    const std::uint32_t call = 0;
    const auto layout = LadderLayout::build(s, std::span(&call, 1));
    ASSERT_EQ(layout.rows().size(), 2u);
    EXPECT_EQ(layout.rows()[0].copies, 3);
    EXPECT_EQ(layout.rows()[1].copies, 1);
    EXPECT_EQ(layout.rows()[1].deltaNs, 50 * kMs);
    EXPECT_EQ(layout.rowOfMessage(0), 0u);
    EXPECT_EQ(layout.rowOfMessage(1), 0u);
    EXPECT_EQ(layout.rowOfMessage(2), 0u);
    EXPECT_EQ(layout.rowOfMessage(3), 1u);
    EXPECT_EQ(layout.rowOfMessage(99), std::nullopt);
}

TEST_F(LadderLayoutTest, IcmpErrorIsARowFromTheReporterToTheQuotedSender)
{
    const auto inv = invite("icmp@example.test");
    add(inv, 0, kCarrier, kPbx);
    addIcmp(1, kRouter, kCarrier, kPbx, "icmp@example.test");
    const auto& s = finish(100);
    ASSERT_EQ(s.icmpEvents().size(), 1u);

    const std::uint32_t call = 0;
    const auto layout = LadderLayout::build(s, std::span(&call, 1));
    ASSERT_EQ(layout.rows().size(), 2u);
    const auto& row = layout.rows()[1];
    EXPECT_EQ(row.kind, LadderRow::Kind::Icmp);
    EXPECT_EQ(row.index, 0u);
    EXPECT_EQ(row.tone, ArrowTone::Icmp);
    EXPECT_EQ(row.label, "ICMP port unreachable");
    ASSERT_EQ(layout.columns().size(), 3u);
    EXPECT_EQ(layout.columns()[row.fromColumn].endpoint, kRouter);
    EXPECT_EQ(layout.columns()[row.toColumn].endpoint, kCarrier);
    EXPECT_EQ(row.deltaNs, 1 * kMs);
    EXPECT_EQ(layout.rowOfMessage(0), 0u);
}

TEST_F(LadderLayoutTest, UnansweredInviteAndItsRetransmissionsAreErrors)
{
    const auto inv = invite("lost@example.test");
    add(inv, 0, kCarrier, kPbx);
    add(inv, 500, kCarrier, kPbx);
    add(inv, 1500, kCarrier, kPbx);
    const auto& s = finish(40'000);
    const std::uint32_t call = 0;
    const auto layout = LadderLayout::build(s, std::span(&call, 1));
    ASSERT_EQ(layout.rows().size(), 3u);
    EXPECT_EQ(tones(layout), std::vector<ArrowTone>(3, ArrowTone::Error));
    EXPECT_FALSE(layout.rows()[0].retransmission);
    EXPECT_TRUE(layout.rows()[1].retransmission);
    EXPECT_TRUE(layout.rows()[2].retransmission);
    EXPECT_EQ(layout.nextFailure(0), 1u);
}

TEST_F(LadderLayoutTest, InProgressInviteIsNotAnError)
{
    const auto inv = invite("ringing@example.test");
    add(inv, 0, kCarrier, kPbx);
    add(response(inv, "180 Ringing"), 100, kPbx, kCarrier);
    const auto& s = finish(5'000);
    const std::uint32_t call = 0;
    const auto layout = LadderLayout::build(s, std::span(&call, 1));
    EXPECT_EQ(tones(layout), (std::vector<ArrowTone> { ArrowTone::Request, ArrowTone::Provisional }));
}

TEST_F(LadderLayoutTest, UnknownAndRepeatedCallIndexesAreIgnored)
{
    add(invite("one@example.test"), 0, kCarrier, kPbx);
    const auto& s = finish(100);
    const std::vector<std::uint32_t> calls { 7, 0, 0, kNoIndex };
    const auto layout = LadderLayout::build(s, calls);
    EXPECT_EQ(layout.callIndexes(), std::vector<std::uint32_t> { 0 });
    EXPECT_EQ(layout.rows().size(), 1u);
    EXPECT_TRUE(LadderLayout::build(s, {}).rows().empty());
}

TEST(LadderLayoutFromParts, KeepsThePartsAndIndexesTheMessages)
{
    LadderRow a;
    a.index = 10;
    a.tone = ArrowTone::Request;
    a.toColumn = 1;
    LadderRow b;
    b.index = 4;
    b.tone = ArrowTone::Error;
    b.fromColumn = 1;
    LadderRow icmp;
    icmp.kind = LadderRow::Kind::Icmp;
    icmp.index = 4;
    icmp.tone = ArrowTone::Icmp;
    icmp.fromColumn = 2;
    const auto layout = LadderLayout::fromParts({ { Endpoint {}, "a" }, { Endpoint {}, "b" } }, { a, b, icmp });
    ASSERT_EQ(layout.rows().size(), 3u);
    EXPECT_EQ(layout.rowOfMessage(10), 0u);
    EXPECT_EQ(layout.rowOfMessage(4), 1u); // the ICMP row's index is not a message
    EXPECT_EQ(layout.nextFailure(std::nullopt), 1u);
    EXPECT_EQ(layout.previousFailure(99), 1u);
    ASSERT_EQ(layout.columns().size(), 3u); // a lifeline added for the row that pointed past the columns
    EXPECT_EQ(layout.columns()[1].label, "b");
}
