// SPDX-License-Identifier: Apache-2.0
#include "analysis/message_diff.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

using namespace sipladder::core;
using Kind = DiffSegment::Kind;

namespace {

std::string sdp(const std::string& mLine)
{
    return "v=0\r\n"
           "o=- 4711 1 IN IP4 203.0.113.10\r\n"
           "s=-\r\n"
           "c=IN IP4 203.0.113.10\r\n"
           "t=0 0\r\n"
        + mLine
        + "\r\n"
          "a=rtpmap:0 PCMU/8000\r\n";
}

std::string message(const std::string& startLine, const std::string& headers, const std::string& body = {})
{
    std::string text = startLine + "\r\n" + headers;
    if (!body.empty())
        text += "Content-Type: application/sdp\r\n";
    text += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
    return text;
}

const std::string kHeaders = "Via: SIP/2.0/UDP 203.0.113.10:5060;branch=z9hG4bK-1\r\n"
                             "From: <sip:+12125550147@carrier.example>;tag=f1\r\n"
                             "To: <sip:5551234567@pbx.example.test>\r\n"
                             "Call-ID: abc@203.0.113.10\r\n"
                             "CSeq: 1 INVITE\r\n";

const HeaderDiff* find(const MessageDiff& diff, HeaderId id)
{
    for (const auto& header : diff.headers()) {
        if (header.id == id)
            return &header;
    }
    return nullptr;
}

// The left side is the Equal + Removed segments, the right the Equal + Added ones.
void expectSidesRebuild(const std::vector<DiffSegment>& segments, const std::string& left, const std::string& right)
{
    std::string l;
    std::string r;
    for (const auto& s : segments) {
        if (s.kind != Kind::Added)
            l += s.text;
        if (s.kind != Kind::Removed)
            r += s.text;
    }
    EXPECT_EQ(l, left);
    EXPECT_EQ(r, right);
}

} // namespace

TEST(MessageDiff, IdenticalMessagesHaveNoDifferences)
{
    const auto text
        = message("INVITE sip:5551234567@pbx.example.test SIP/2.0", kHeaders, sdp("m=audio 4000 RTP/AVP 0"));
    const auto diff = MessageDiff::compare(text, text);
    EXPECT_TRUE(diff.identical());
    EXPECT_EQ(diff.differenceCount(), 0u);
    EXPECT_EQ(diff.bodyKind(), MessageDiff::BodyKind::Sdp);
    EXPECT_EQ(diff.headers().size(), 7u); // the five, Content-Type, Content-Length
    EXPECT_EQ(diff.startLine().state, DiffState::Equal);
}

TEST(MessageDiff, CompactAndLongFormsArePaired)
{
    const auto left = message("OPTIONS sip:pbx.example.test SIP/2.0",
        "v: SIP/2.0/UDP 203.0.113.10:5060;branch=z9hG4bK-1\r\n"
        "f: <sip:ping@carrier.example>;tag=f1\r\n"
        "t: <sip:pbx.example.test>\r\n"
        "i: abc@203.0.113.10\r\n"
        "CSeq: 1 OPTIONS\r\n");
    const auto right = message("OPTIONS sip:pbx.example.test SIP/2.0",
        "Via: SIP/2.0/UDP 203.0.113.10:5060;branch=z9hG4bK-1\r\n"
        "From: <sip:ping@carrier.example>;tag=f1\r\n"
        "To: <sip:pbx.example.test>\r\n"
        "Call-ID: abc@203.0.113.10\r\n"
        "CSeq: 1 OPTIONS\r\n");
    const auto diff = MessageDiff::compare(left, right);
    EXPECT_TRUE(diff.identical());
    const auto* callId = find(diff, HeaderId::CallId);
    ASSERT_NE(callId, nullptr);
    EXPECT_EQ(callId->state, DiffState::Equal);
    EXPECT_EQ(callId->leftName, "i");
    EXPECT_EQ(callId->rightName, "Call-ID");
    EXPECT_EQ(callId->leftValue, "abc@203.0.113.10");
    EXPECT_EQ(diff.headers().size(), 6u);
    for (const auto& header : diff.headers())
        EXPECT_FALSE(header.leftName.empty() || header.rightName.empty()) << header.leftName << header.rightName;
}

TEST(MessageDiff, ChangedRequestUriUserShowsTheRemovedPlusOne)
{
    const auto left = message("INVITE sip:+15551234567@pbx.example.test SIP/2.0", kHeaders);
    const auto right = message("INVITE sip:5551234567@pbx.example.test SIP/2.0", kHeaders);
    const auto diff = MessageDiff::compare(left, right);
    EXPECT_EQ(diff.differenceCount(), 1u);
    const auto& start = diff.startLine();
    ASSERT_EQ(start.state, DiffState::Changed);
    EXPECT_EQ(start.segments,
        (std::vector<DiffSegment> { { Kind::Equal, "INVITE sip:" }, { Kind::Removed, "+1" },
            { Kind::Equal, "5551234567@pbx.example.test SIP/2.0" } }));
}

TEST(MessageDiff, ReorderedHeadersArePairedAndChangedValuesDiffed)
{
    const auto left = message("SIP/2.0 404 Not Found",
        "Via: SIP/2.0/UDP 203.0.113.10:5060;branch=z9hG4bK-1\r\n"
        "From: <sip:+12125550147@carrier.example>;tag=f1\r\n"
        "To: <sip:5551234567@pbx.example.test>;tag=t1\r\n"
        "Call-ID: abc@203.0.113.10\r\n"
        "CSeq: 1 INVITE\r\n"
        "X-Trace: one\r\n");
    const auto right = message("SIP/2.0 404 Not Found",
        "CSeq: 1 INVITE\r\n"
        "call-id: abc@203.0.113.10\r\n"
        "x-trace: two\r\n"
        "To: <sip:5551234567@pbx.example.test>;tag=t2\r\n"
        "From: <sip:+12125550147@carrier.example>;tag=f1\r\n"
        "Via: SIP/2.0/UDP 203.0.113.10:5060;branch=z9hG4bK-1\r\n"
        "Reason: Q.850;cause=1\r\n");
    const auto diff = MessageDiff::compare(left, right);
    EXPECT_EQ(diff.startLine().state, DiffState::Equal);
    // Left order, the right-only Reason after the Via it follows on the right.
    std::vector<DiffState> states;
    std::vector<std::string> names;
    for (const auto& header : diff.headers()) {
        states.push_back(header.state);
        names.push_back(header.leftName.empty() ? header.rightName : header.leftName);
    }
    EXPECT_EQ(names,
        (std::vector<std::string> { "Via", "Reason", "From", "To", "Call-ID", "CSeq", "X-Trace", "Content-Length" }));
    EXPECT_EQ(states,
        (std::vector<DiffState> { DiffState::Equal, DiffState::OnlyRight, DiffState::Equal, DiffState::Changed,
            DiffState::Equal, DiffState::Equal, DiffState::Changed, DiffState::Equal }));
    const auto* to = find(diff, HeaderId::To);
    ASSERT_NE(to, nullptr);
    EXPECT_EQ(to->segments.back(), (DiffSegment { Kind::Added, "2" }));
    EXPECT_EQ(to->segments[to->segments.size() - 2], (DiffSegment { Kind::Removed, "1" }));
    const auto& trace = diff.headers()[6];
    EXPECT_EQ(trace.rightName, "x-trace");
    expectSidesRebuild(trace.segments, "one", "two");
}

TEST(MessageDiff, RepeatedHeadersPairInOrder)
{
    const auto left = message("SIP/2.0 200 OK",
        "Via: SIP/2.0/UDP 198.51.100.1:5060;branch=z9hG4bK-p\r\n"
        "Via: SIP/2.0/UDP 203.0.113.10:5060;branch=z9hG4bK-1\r\n"
        "Call-ID: abc\r\n");
    const auto right = message("SIP/2.0 200 OK",
        "v: SIP/2.0/UDP 198.51.100.1:5060;branch=z9hG4bK-p\r\n"
        "Via: SIP/2.0/UDP 203.0.113.10:5060;branch=z9hG4bK-2\r\n"
        "Via: SIP/2.0/UDP 192.0.2.7:5060;branch=z9hG4bK-3\r\n"
        "Call-ID: abc\r\n");
    const auto diff = MessageDiff::compare(left, right);
    ASSERT_GE(diff.headers().size(), 4u);
    EXPECT_EQ(diff.headers()[0].state, DiffState::Equal);
    EXPECT_EQ(diff.headers()[1].state, DiffState::Changed);
    EXPECT_EQ(diff.headers()[2].state, DiffState::OnlyRight);
    EXPECT_EQ(diff.headers()[2].rightValue, "SIP/2.0/UDP 192.0.2.7:5060;branch=z9hG4bK-3");
    EXPECT_EQ(diff.headers()[3].id, HeaderId::CallId);
}

TEST(MessageDiff, SdpIsComparedLineByLine)
{
    const auto left = message("INVITE sip:a@b SIP/2.0", kHeaders, sdp("m=audio 4000 RTP/AVP 0"));
    const auto right = message("INVITE sip:a@b SIP/2.0", kHeaders, sdp("m=audio 4002 RTP/AVP 8"));
    const auto diff = MessageDiff::compare(left, right);
    ASSERT_EQ(diff.bodyKind(), MessageDiff::BodyKind::Sdp);
    ASSERT_EQ(diff.body().size(), 7u);
    std::size_t changed = 0;
    for (const auto& line : diff.body()) {
        if (line.state == DiffState::Equal) {
            EXPECT_EQ(line.left, line.right);
            continue;
        }
        ++changed;
        EXPECT_EQ(line.state, DiffState::Changed);
        EXPECT_EQ(line.left, "m=audio 4000 RTP/AVP 0");
        EXPECT_EQ(line.right, "m=audio 4002 RTP/AVP 8");
        expectSidesRebuild(line.segments, line.left, line.right);
        EXPECT_EQ(line.segments.back(), (DiffSegment { Kind::Added, "8" }));
    }
    EXPECT_EQ(changed, 1u);
    EXPECT_EQ(diff.body()[5].state, DiffState::Changed); // in place, between t= and a=
    // The Content-Length is the same, so no header differs.
    for (const auto& header : diff.headers())
        EXPECT_EQ(header.state, DiffState::Equal) << header.leftName;
}

TEST(MessageDiff, SdpLinesAddedAndRemoved)
{
    const auto left = message("INVITE sip:a@b SIP/2.0", kHeaders, sdp("m=audio 4000 RTP/AVP 0") + "a=sendrecv\r\n");
    const auto right = message("INVITE sip:a@b SIP/2.0", kHeaders, sdp("m=audio 4000 RTP/AVP 0") + "a=ptime:20\r\n");
    const auto diff = MessageDiff::compare(left, right);
    ASSERT_EQ(diff.bodyKind(), MessageDiff::BodyKind::Sdp);
    ASSERT_EQ(diff.body().size(), 9u);
    EXPECT_EQ(diff.body()[7].state, DiffState::OnlyLeft);
    EXPECT_EQ(diff.body()[7].left, "a=sendrecv");
    EXPECT_EQ(diff.body()[8].state, DiffState::OnlyRight);
    EXPECT_EQ(diff.body()[8].right, "a=ptime:20");
}

TEST(MessageDiff, OtherBodiesAreOneBlockAndNonSipFallsBackToLines)
{
    auto withBody = [](const std::string& body) {
        return "MESSAGE sip:a@b SIP/2.0\r\n" + kHeaders
            + "Content-Type: text/plain\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
    };
    const auto diff = MessageDiff::compare(withBody("hello\r\nworld"), withBody("hello\r\nthere"));
    ASSERT_EQ(diff.bodyKind(), MessageDiff::BodyKind::Other);
    ASSERT_EQ(diff.body().size(), 1u);
    EXPECT_EQ(diff.body()[0].state, DiffState::Changed);
    expectSidesRebuild(diff.body()[0].segments, "hello\r\nworld", "hello\r\nthere");

    const auto text = MessageDiff::compare("not sip\nline two\n", "not sip\nline 2\n");
    EXPECT_EQ(text.bodyKind(), MessageDiff::BodyKind::Text);
    ASSERT_EQ(text.body().size(), 2u);
    EXPECT_EQ(text.body()[0].state, DiffState::Equal);
    EXPECT_EQ(text.body()[1].state, DiffState::Changed);
}

TEST(MessageDiff, CharacterDiffMergesShortCommonRunsIntoTheChange)
{
    const auto segments = MessageDiff::diffCharacters("sip:alice@example.com", "sip:bob@example.com");
    EXPECT_EQ(segments,
        (std::vector<DiffSegment> { { Kind::Equal, "sip:" }, { Kind::Removed, "alice" }, { Kind::Added, "bob" },
            { Kind::Equal, "@example.com" } }));
    EXPECT_TRUE(MessageDiff::diffCharacters("", "").empty());
    EXPECT_EQ(MessageDiff::diffCharacters("", "x"), (std::vector<DiffSegment> { { Kind::Added, "x" } }));
}

TEST(MessageDiff, LongValuesStayCheap)
{
    std::string left(200'000, 'a');
    std::string right(200'000, 'b');
    left.insert(0, "same-start;");
    right.insert(0, "same-start;");
    left += ";same-end";
    right += ";same-end";
    const auto start = std::chrono::steady_clock::now();
    const auto segments = MessageDiff::diffCharacters(left, right);
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(1));
    ASSERT_EQ(segments.size(), 4u);
    EXPECT_EQ(segments[0].text, "same-start;");
    expectSidesRebuild(segments, left, right);

    // A long value with a small change still gets an exact diff.
    std::string a(5000, 'x');
    std::string b = a;
    b[2500] = 'y';
    const auto small = MessageDiff::diffCharacters(a, b);
    ASSERT_EQ(small.size(), 4u);
    EXPECT_EQ(small[1], (DiffSegment { Kind::Removed, "x" }));
    EXPECT_EQ(small[2], (DiffSegment { Kind::Added, "y" }));
}
