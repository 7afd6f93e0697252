// SPDX-License-Identifier: Apache-2.0
#include "sip/sip_parser.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

using namespace sipladder::core;

namespace {

// Test messages are written with "\n"; this gives them CRLF line ends.
std::string crlf(std::string_view text)
{
    std::string out;
    for (char c : text) {
        if (c == '\n')
            out += '\r';
        out += c;
    }
    return out;
}

// Headers (without Content-Length), then a Content-Length that matches the body, then the body.
std::string sipText(std::string_view headers, std::string_view body = {})
{
    const std::string crlfBody = crlf(body);
    return crlf(headers) + "Content-Length: " + std::to_string(crlfBody.size()) + "\r\n\r\n" + crlfBody;
}

constexpr std::string_view kInviteHeaders = R"(INVITE sip:+15551234567@pbx.example.test;user=phone SIP/2.0
Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK776asdhds;rport
Max-Forwards: 70
To: <sip:+15551234567@pbx.example.test;user=phone>
From: "Carrier A" <sip:+12125550147@carrier.example>;tag=1928301774
Call-ID: a84b4c76e66710@pc33.example.com
CSeq: 314159 INVITE
Contact: <sip:+12125550147@192.0.2.10:5060>
Allow: INVITE, ACK, CANCEL, BYE, OPTIONS
Supported: timer, 100rel
User-Agent: LadderTest UA 1.0
Content-Type: application/sdp
)";

constexpr std::string_view kSdp = R"(v=0
o=- 20518 0 IN IP4 192.0.2.10
s=-
c=IN IP4 192.0.2.10
t=0 0
m=audio 49170 RTP/AVP 0 8 101
a=rtpmap:0 PCMU/8000
a=rtpmap:8 PCMA/8000
)";

struct Parsed {
    std::string text;
    SipMessage message;
    bool ok = false;
};

Parsed parseText(std::string text, bool datagram = true)
{
    Parsed parsed { std::move(text), {}, false };
    SipParser parser;
    parsed.ok = parser.parse(asBytes(parsed.text), parsed.message, datagram);
    return parsed;
}

} // namespace

TEST(SipParser, TypicalInvite)
{
    const auto p = parseText(sipText(kInviteHeaders, kSdp));
    ASSERT_TRUE(p.ok);
    const SipMessage& m = p.message;
    EXPECT_TRUE(m.problems().none()) << m.problemText();
    EXPECT_TRUE(m.isRequest());
    EXPECT_FALSE(m.isResponse());
    EXPECT_EQ(m.method(), SipMethod::Invite);
    EXPECT_EQ(m.methodText(), "INVITE");
    EXPECT_EQ(m.requestUri(), "sip:+15551234567@pbx.example.test;user=phone");
    EXPECT_EQ(m.sipVersion(), "SIP/2.0");
    EXPECT_EQ(m.statusCode(), 0);
    EXPECT_EQ(m.callId(), "a84b4c76e66710@pc33.example.com");
    EXPECT_EQ(m.cseqNumber(), 314159u);
    EXPECT_EQ(m.cseqMethod(), SipMethod::Invite);
    EXPECT_EQ(m.cseqMethodText(), "INVITE");
    EXPECT_EQ(m.topViaBranch(), "z9hG4bK776asdhds");
    EXPECT_EQ(m.topViaSentBy(), "192.0.2.10:5060");
    EXPECT_EQ(m.topViaTransport(), "UDP");
    EXPECT_EQ(m.fromValue(), "\"Carrier A\" <sip:+12125550147@carrier.example>;tag=1928301774");
    EXPECT_EQ(m.fromTag(), "1928301774");
    EXPECT_EQ(m.toValue(), "<sip:+15551234567@pbx.example.test;user=phone>");
    EXPECT_EQ(m.toTag(), "");
    EXPECT_EQ(m.contentType(), "application/sdp");
    ASSERT_TRUE(m.contentLength().has_value());
    EXPECT_EQ(*m.contentLength(), crlf(kSdp).size());
    EXPECT_EQ(m.body(), crlf(kSdp));
    EXPECT_TRUE(m.hasSdp());
    EXPECT_EQ(m.sdp(), m.body());
    EXPECT_EQ(m.headers().size(), 12u);
    EXPECT_EQ(m.headers()[1].id, HeaderId::MaxForwards);
    EXPECT_EQ(m.headers()[1].name, "Max-Forwards");
    EXPECT_EQ(m.headers()[1].value, "70");
    EXPECT_EQ(m.header(HeaderId::UserAgent).value_or("?"), "LadderTest UA 1.0");
    EXPECT_EQ(
        m.values(HeaderId::Allow), (std::vector<std::string_view> { "INVITE", "ACK", "CANCEL", "BYE", "OPTIONS" }));
    EXPECT_EQ(m.values(HeaderId::Supported), (std::vector<std::string_view> { "timer", "100rel" }));
    EXPECT_EQ(m.bytes().size(), p.text.size());
    EXPECT_EQ(m.startLine(), "INVITE sip:+15551234567@pbx.example.test;user=phone SIP/2.0");
    EXPECT_EQ(m.problemText(), "");
}

TEST(SipParser, StatusLineTakesTheMethodFromCSeq)
{
    const auto p = parseText(sipText(R"(SIP/2.0 404 Not Found
Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK776asdhds;received=192.0.2.10
From: "Carrier A" <sip:+12125550147@carrier.example>;tag=1928301774
To: <sip:+15551234567@pbx.example.test;user=phone>;tag=a6c85cf
Call-ID: a84b4c76e66710@pc33.example.com
CSeq: 314159 INVITE
)"));
    ASSERT_TRUE(p.ok);
    const SipMessage& m = p.message;
    EXPECT_TRUE(m.problems().none()) << m.problemText();
    EXPECT_TRUE(m.isResponse());
    EXPECT_EQ(m.statusCode(), 404);
    EXPECT_EQ(m.reasonPhrase(), "Not Found");
    EXPECT_EQ(m.method(), SipMethod::Invite);
    EXPECT_EQ(m.methodText(), "INVITE");
    EXPECT_EQ(m.requestUri(), "");
    EXPECT_EQ(m.toTag(), "a6c85cf");
    EXPECT_EQ(m.contentLength(), std::optional<std::uint32_t>(0));
    EXPECT_TRUE(m.body().empty());
    EXPECT_FALSE(m.hasSdp());
}

TEST(SipParser, StatusLineVariants)
{
    const std::string tail = crlf("Via: SIP/2.0/UDP h;branch=z9hG4bK1\nFrom: <sip:a@b>;tag=1\nTo: <sip:c@d>\n"
                                  "Call-ID: x\nCSeq: 2 BYE\n\n");
    auto noReason = parseText("SIP/2.0 200\r\n" + tail);
    ASSERT_TRUE(noReason.ok);
    EXPECT_EQ(noReason.message.statusCode(), 200);
    EXPECT_EQ(noReason.message.reasonPhrase(), "");
    EXPECT_TRUE(noReason.message.problems().none()) << noReason.message.problemText();
    EXPECT_EQ(noReason.message.method(), SipMethod::Bye);

    auto longReason = parseText("SIP/2.0 486 Busy Here  (really)\r\n" + tail);
    EXPECT_EQ(longReason.message.reasonPhrase(), "Busy Here  (really)");

    auto badCode = parseText("SIP/2.0 99 Odd\r\n" + tail);
    ASSERT_TRUE(badCode.ok);
    EXPECT_TRUE(badCode.message.problems().has(SipProblem::BadStartLine));
    EXPECT_TRUE(badCode.message.isResponse());

    auto outOfRange = parseText("SIP/2.0 700 Beyond\r\n" + tail);
    ASSERT_TRUE(outOfRange.ok);
    EXPECT_EQ(outOfRange.message.statusCode(), 700);
    EXPECT_TRUE(outOfRange.message.problems().has(SipProblem::BadStartLine));

    auto otherVersion = parseText("SIP/7.0 200 OK\r\n" + tail);
    ASSERT_TRUE(otherVersion.ok);
    EXPECT_EQ(otherVersion.message.sipVersion(), "SIP/7.0");
    EXPECT_TRUE(otherVersion.message.problems().has(SipProblem::BadStartLine));
}

TEST(SipParser, RequestLineVariants)
{
    const std::string tail = crlf("Via: SIP/2.0/UDP h;branch=z9hG4bK1\nFrom: <sip:a@b>;tag=1\nTo: <sip:c@d>\n"
                                  "Call-ID: x\nCSeq: 2 OPTIONS\n\n");
    auto lower = parseText("options sip:x@example.test SIP/2.0\r\n" + tail);
    ASSERT_TRUE(lower.ok);
    EXPECT_EQ(lower.message.method(), SipMethod::Options);
    EXPECT_EQ(lower.message.methodText(), "options");
    EXPECT_FALSE(lower.message.problems().has(SipProblem::CSeqMethodMismatch));

    auto unknown = parseText("NEWMETHOD sip:x@example.test SIP/2.0\r\n" + tail);
    ASSERT_TRUE(unknown.ok);
    EXPECT_EQ(unknown.message.method(), SipMethod::Unknown);
    EXPECT_EQ(unknown.message.methodText(), "NEWMETHOD");
    EXPECT_TRUE(unknown.message.problems().has(SipProblem::CSeqMethodMismatch));
    EXPECT_FALSE(unknown.message.problems().has(SipProblem::BadStartLine));

    auto spaced = parseText("OPTIONS  sip:x@example.test   SIP/2.0\r\n" + tail);
    ASSERT_TRUE(spaced.ok);
    EXPECT_EQ(spaced.message.requestUri(), "sip:x@example.test");
    EXPECT_TRUE(spaced.message.problems().has(SipProblem::BadStartLine));

    auto spaceInUri = parseText("OPTIONS sip:x@example.test; lr SIP/2.0\r\n" + tail);
    ASSERT_TRUE(spaceInUri.ok);
    EXPECT_EQ(spaceInUri.message.requestUri(), "sip:x@example.test; lr");
    EXPECT_TRUE(spaceInUri.message.problems().has(SipProblem::BadStartLine));

    auto noVersion = parseText("OPTIONS sip:x@example.test\r\n" + tail);
    ASSERT_TRUE(noVersion.ok);
    EXPECT_EQ(noVersion.message.requestUri(), "sip:x@example.test");
    EXPECT_TRUE(noVersion.message.problems().has(SipProblem::BadStartLine));

    auto tel = parseText("OPTIONS tel:+15551234567 SIP/2.0\r\n" + tail);
    EXPECT_TRUE(tel.message.problems().none()) << tel.message.problemText();
    EXPECT_EQ(tel.message.requestUri(), "tel:+15551234567");
}

TEST(SipParser, NothingSipLikeReturnsFalse)
{
    const char* notSip[] = {
        "",
        "\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: example.test\r\n\r\n",
        "HTTP/1.1 200 OK\r\n\r\n",
        "INVITE\r\n",
        "INVITE  SIP/2.0\r\n",
        "FOO bar\r\n",
        " INVITE sip:a@b SIP/2.0\r\n",
        "\x16\x03\x01\x02\x00\x01",
    };
    for (const char* text : notSip) {
        SipParser parser;
        SipMessage message;
        EXPECT_FALSE(parser.parse(asBytes(text), message, true)) << text;
        EXPECT_TRUE(message.problems().has(SipProblem::BadStartLine));
        EXPECT_FALSE(message.isRequest());
        EXPECT_FALSE(message.isResponse());
        EXPECT_TRUE(message.headers().empty());
        EXPECT_EQ(message.problemText(), "no SIP start line");
    }
}

TEST(SipParser, LeadingKeepAlivesAreSkipped)
{
    const std::string text = "\r\n\r\n" + sipText(kInviteHeaders, kSdp);
    const auto p = parseText(text);
    ASSERT_TRUE(p.ok);
    EXPECT_EQ(p.message.startOffset(), 4u);
    EXPECT_EQ(p.message.bytes().size(), text.size() - 4);
    EXPECT_EQ(p.message.method(), SipMethod::Invite);
    EXPECT_TRUE(p.message.problems().none());
}

TEST(SipParser, MessageWrittenEntirelyInCompactForm)
{
    const auto p = parseText(crlf(R"(INVITE sip:bob@biloxi.example.test SIP/2.0
v: SIP/2.0/TCP client.atlanta.example.test:5060;branch=z9hG4bK74b43
f: Alice <sip:alice@atlanta.example.test>;tag=9fxced76sl
t: Bob <sip:bob@biloxi.example.test>
i: 3848276298220188511@atlanta.example.test
CSeq: 1 INVITE
m: <sip:alice@client.atlanta.example.test;transport=tcp>
k: 100rel
s: Lunch?
o: dialog
u: presence, dialog
r: <sip:carol@chicago.example.test>
b: <sip:alice@atlanta.example.test>
x: 1800;refresher=uac
e: gzip
c: application/sdp
l: 4

v=0
)"));
    ASSERT_TRUE(p.ok);
    const SipMessage& m = p.message;
    EXPECT_TRUE(m.problems().none()) << m.problemText();
    EXPECT_EQ(m.topViaTransport(), "TCP");
    EXPECT_EQ(m.topViaBranch(), "z9hG4bK74b43");
    EXPECT_EQ(m.fromTag(), "9fxced76sl");
    EXPECT_EQ(m.toValue(), "Bob <sip:bob@biloxi.example.test>");
    EXPECT_EQ(m.callId(), "3848276298220188511@atlanta.example.test");
    EXPECT_EQ(m.header(HeaderId::Contact).value_or("?"), "<sip:alice@client.atlanta.example.test;transport=tcp>");
    EXPECT_EQ(m.header(HeaderId::Supported).value_or("?"), "100rel");
    EXPECT_EQ(m.header(HeaderId::Subject).value_or("?"), "Lunch?");
    EXPECT_EQ(m.header(HeaderId::Event).value_or("?"), "dialog");
    EXPECT_EQ(m.values(HeaderId::AllowEvents), (std::vector<std::string_view> { "presence", "dialog" }));
    EXPECT_EQ(m.header(HeaderId::ReferTo).value_or("?"), "<sip:carol@chicago.example.test>");
    EXPECT_EQ(m.header(HeaderId::ReferredBy).value_or("?"), "<sip:alice@atlanta.example.test>");
    EXPECT_EQ(m.header(HeaderId::SessionExpires).value_or("?"), "1800;refresher=uac");
    EXPECT_EQ(m.header(HeaderId::ContentEncoding).value_or("?"), "gzip");
    EXPECT_EQ(m.contentType(), "application/sdp");
    EXPECT_EQ(m.contentLength(), std::optional<std::uint32_t>(4));
    EXPECT_EQ(m.body(), "v=0\r");
    EXPECT_TRUE(m.hasSdp());
    EXPECT_EQ(m.headers()[0].name, "v");
    // Lookup by name accepts either form.
    EXPECT_EQ(m.header("Call-ID").value_or("?"), "3848276298220188511@atlanta.example.test");
    EXPECT_EQ(m.header("I").value_or("?"), "3848276298220188511@atlanta.example.test");
}

TEST(SipParser, HeaderNamesAreCaseInsensitive)
{
    const auto p = parseText(crlf(R"(BYE sip:bob@192.0.2.4 SIP/2.0
VIA: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bKcase
fROM: <sip:alice@example.test>;TAG=up
to: <sip:bob@example.test>;tag=low
call-id: case-test@example.test
cseq: 2 BYE
CONTENT-LENGTH: 0
X-Custom-Header: kept

)"));
    ASSERT_TRUE(p.ok);
    const SipMessage& m = p.message;
    EXPECT_TRUE(m.problems().none()) << m.problemText();
    EXPECT_EQ(m.topViaBranch(), "z9hG4bKcase");
    EXPECT_EQ(m.fromTag(), "up");
    EXPECT_EQ(m.toTag(), "low");
    EXPECT_EQ(m.callId(), "case-test@example.test");
    EXPECT_EQ(m.cseqNumber(), 2u);
    EXPECT_EQ(m.cseqMethod(), SipMethod::Bye);
    EXPECT_EQ(m.header("x-custom-header").value_or("?"), "kept");
    EXPECT_FALSE(m.header("X-Absent").has_value());
}

TEST(SipParser, FoldedHeadersKeepTheirBreaksButComputedFieldsAreClean)
{
    const auto p = parseText(crlf(R"(INVITE sip:vivekg@chair-dnrc.example.test SIP/2.0
Via: SIP/2.0/UDP 192.0.2.1:5060
 ;branch=z9hG4bKfolded
From: "Folded Name"
	<sip:f@example.test>
 ;tag=ft1
To:
 <sip:vivekg@chair-dnrc.example.test>
Call-ID: fold
 -me@example.test
CSeq: 8
   INVITE
Subject: I know you're there,
  pick up the phone
   and talk to me!
Content-Length: 0

)"));
    ASSERT_TRUE(p.ok);
    const SipMessage& m = p.message;
    EXPECT_TRUE(m.problems().none()) << m.problemText();
    EXPECT_EQ(m.topViaBranch(), "z9hG4bKfolded");
    EXPECT_EQ(m.topViaSentBy(), "192.0.2.1:5060");
    EXPECT_EQ(m.fromValue(), "\"Folded Name\" <sip:f@example.test> ;tag=ft1");
    EXPECT_EQ(m.fromTag(), "ft1");
    EXPECT_EQ(m.toValue(), "<sip:vivekg@chair-dnrc.example.test>");
    EXPECT_EQ(m.callId(), "fold -me@example.test");
    EXPECT_EQ(m.cseqNumber(), 8u);
    EXPECT_EQ(m.cseqMethod(), SipMethod::Invite);

    const auto subject = m.header(HeaderId::Subject);
    ASSERT_TRUE(subject.has_value());
    EXPECT_NE(subject->find('\n'), std::string_view::npos);
    EXPECT_EQ(unfoldHeaderValue(*subject), "I know you're there, pick up the phone and talk to me!");
    for (const auto& header : m.headers())
        EXPECT_EQ(header.folded, header.id != HeaderId::ContentLength && header.id != HeaderId::To) << header.name;

    // A copy keeps its unfolded views when the original is reused for another message.
    const SipMessage copy = m;
    SipParser parser;
    SipMessage reused = m;
    const std::string other = sipText(kInviteHeaders, kSdp);
    ASSERT_TRUE(parser.parse(asBytes(other), reused, true));
    EXPECT_EQ(copy.fromTag(), "ft1");
    EXPECT_EQ(copy.callId(), "fold -me@example.test");
    EXPECT_EQ(reused.fromTag(), "1928301774");
}

TEST(SipParser, FoldingBehindEveryComputedFieldStaysWithinItsBuffer)
{
    // Every computed field folded at once: the unfolded copies must fit one reservation.
    const auto p = parseText(crlf(R"(SIP/2.0 200 OK
v:
 SIP/2.0/UDP
 a.example.test
 ;branch=z9hG4bKx
f:
 <sip:a@b>
 ;tag=1
t:
 <sip:c@d>
 ;tag=2
i:
 x
c:
 application/sdp
CSeq:
 1
 INVITE
l:
 3

a=b
)"));
    ASSERT_TRUE(p.ok);
    const SipMessage& m = p.message;
    EXPECT_TRUE(m.problems().none()) << m.problemText();
    EXPECT_EQ(m.topViaBranch(), "z9hG4bKx");
    EXPECT_EQ(m.topViaSentBy(), "a.example.test");
    EXPECT_EQ(m.fromTag(), "1");
    EXPECT_EQ(m.toTag(), "2");
    EXPECT_EQ(m.callId(), "x");
    EXPECT_EQ(m.contentType(), "application/sdp");
    EXPECT_EQ(m.cseqNumber(), 1u);
    EXPECT_EQ(m.contentLength(), std::optional<std::uint32_t>(3));
    EXPECT_EQ(m.body(), "a=b");
    EXPECT_TRUE(m.hasSdp());
}

TEST(SipParser, MultipleViaLinesAndCommaSeparatedValues)
{
    const auto p = parseText(sipText(R"(SIP/2.0 180 Ringing
Via: SIP/2.0/UDP first.example.test:4000;branch=z9hG4bKa ;received=192.0.2.7, SIP/2.0/UDP second.example.test;branch=z9hG4bKb
Via: SIP/2.0/TCP third.example.test;branch=z9hG4bKc
From: <sip:a@example.test>;tag=1
To: <sip:b@example.test>;tag=2
Call-ID: vias
CSeq: 1 INVITE
)"));
    ASSERT_TRUE(p.ok);
    const SipMessage& m = p.message;
    EXPECT_TRUE(m.problems().none()) << m.problemText();
    EXPECT_EQ(m.topViaBranch(), "z9hG4bKa");
    EXPECT_EQ(m.topViaSentBy(), "first.example.test:4000");
    EXPECT_EQ(m.topViaTransport(), "UDP");
    EXPECT_EQ(m.topVia(), "SIP/2.0/UDP first.example.test:4000;branch=z9hG4bKa ;received=192.0.2.7");
    const auto vias = m.values(HeaderId::Via);
    ASSERT_EQ(vias.size(), 3u);
    EXPECT_EQ(vias[1], "SIP/2.0/UDP second.example.test;branch=z9hG4bKb");
    EXPECT_EQ(vias[2], "SIP/2.0/TCP third.example.test;branch=z9hG4bKc");
    EXPECT_EQ(m.headerCount(HeaderId::Via), 2u);

    std::vector<std::string_view> reused;
    m.values(HeaderId::Via, reused);
    EXPECT_EQ(reused, vias);
    int seen = 0;
    m.values(HeaderId::Via, [&](std::string_view) { return ++seen < 2; });
    EXPECT_EQ(seen, 2);
}

TEST(SipParser, Ipv6TopVia)
{
    const auto p = parseText(sipText(R"(REGISTER sip:[2001:db8::10] SIP/2.0
Via: SIP/2.0/UDP [2001:db8::9:1]:5070;received=2001:db8::9:255;rport=5070;branch=z9hG4bKv6
From: <sip:u@[2001:db8::10]>;tag=r1
To: <sip:u@[2001:db8::10]>
Call-ID: v6reg
CSeq: 3 REGISTER
Contact: <sip:u@[2001:db8::9:1]:5070>;expires=3600
)"));
    ASSERT_TRUE(p.ok);
    EXPECT_TRUE(p.message.problems().none()) << p.message.problemText();
    EXPECT_EQ(p.message.topViaSentBy(), "[2001:db8::9:1]:5070");
    EXPECT_EQ(p.message.topViaBranch(), "z9hG4bKv6");
    EXPECT_EQ(p.message.requestUri(), "sip:[2001:db8::10]");
    EXPECT_EQ(p.message.method(), SipMethod::Register);
}

TEST(SipParser, QuotedCommasAndNeverSplitHeaders)
{
    const auto p = parseText(sipText(R"(SIP/2.0 401 Unauthorized
Via: SIP/2.0/UDP h.example.test;branch=z9hG4bKq
From: <sip:a@example.test>;tag=1
To: <sip:a@example.test>;tag=2
Call-ID: quoted
CSeq: 1 REGISTER
Contact: "Doe, John" <sip:jd@example.test>;expires=60, <sip:jd@192.0.2.4>;q=0.5
Route: <sip:p1.example.test;lr>,<sip:p2.example.test;lr>
WWW-Authenticate: Digest realm="example.test", nonce="ea9c8e88df84f1cec4341ae6cbe5a359", qop="auth,auth-int"
Date: Sat, 13 Nov 2010 23:29:00 GMT
Warning: 370 devnull "Choose a bigger pipe, please", 307 isi.edu "Session parameter 'foo' not understood"
Subject: lunch, then coffee
)"));
    ASSERT_TRUE(p.ok);
    const SipMessage& m = p.message;
    EXPECT_EQ(m.values(HeaderId::Contact),
        (std::vector<std::string_view> {
            "\"Doe, John\" <sip:jd@example.test>;expires=60", "<sip:jd@192.0.2.4>;q=0.5" }));
    EXPECT_EQ(m.values(HeaderId::Route),
        (std::vector<std::string_view> { "<sip:p1.example.test;lr>", "<sip:p2.example.test;lr>" }));
    ASSERT_EQ(m.values(HeaderId::WwwAuthenticate).size(), 1u);
    EXPECT_EQ(m.values(HeaderId::Date), (std::vector<std::string_view> { "Sat, 13 Nov 2010 23:29:00 GMT" }));
    EXPECT_EQ(m.values(HeaderId::Warning).size(), 2u);
    EXPECT_EQ(m.values(HeaderId::Subject), (std::vector<std::string_view> { "lunch, then coffee" }));
    EXPECT_TRUE(m.values(HeaderId::Expires).empty());
}

TEST(SipParser, ContentLengthBeyondTheDatagramIsFlaggedButKept)
{
    const std::string body(300, 'x');
    const std::string text = crlf(R"(MESSAGE sip:b@example.test SIP/2.0
Via: SIP/2.0/UDP h.example.test;branch=z9hG4bKcl
From: <sip:a@example.test>;tag=1
To: <sip:b@example.test>
Call-ID: short
CSeq: 1 MESSAGE
Content-Type: text/plain
Content-Length: 512

)") + body;
    const auto p = parseText(text);
    ASSERT_TRUE(p.ok);
    const SipMessage& m = p.message;
    EXPECT_TRUE(m.problems().has(SipProblem::ContentLengthBeyondData));
    EXPECT_EQ(m.contentLength(), std::optional<std::uint32_t>(512));
    EXPECT_EQ(m.body().size(), 300u);
    EXPECT_EQ(m.problemText(), "Content-Length 512 beyond the 300 bytes present");
    EXPECT_EQ(m.callId(), "short");
    EXPECT_EQ(sipProblemName(SipProblem::ContentLengthBeyondData), "content-length-beyond-data");

    // Framed from a stream that ended early: same flag, same body.
    const auto stream = parseText(text, false);
    EXPECT_TRUE(stream.message.problems().has(SipProblem::ContentLengthBeyondData));
    EXPECT_EQ(stream.message.body().size(), 300u);
}

TEST(SipParser, BytesAfterContentLengthInADatagramAreIgnored)
{
    const std::string message = sipText(kInviteHeaders, kSdp);
    const std::string text = message + "trailing junk after the body";
    const auto datagram = parseText(text, true);
    ASSERT_TRUE(datagram.ok);
    EXPECT_TRUE(datagram.message.problems().none()) << datagram.message.problemText();
    EXPECT_EQ(datagram.message.body(), crlf(kSdp));
    EXPECT_EQ(datagram.message.bytes().size(), message.size());

    // Already framed from a stream: the body is the rest.
    const auto stream = parseText(text, false);
    EXPECT_EQ(stream.message.body(), crlf(kSdp) + "trailing junk after the body");
    EXPECT_EQ(stream.message.bytes().size(), text.size());
}

TEST(SipParser, NoContentLengthMeansTheRest)
{
    const std::string text = crlf(kInviteHeaders) + "\r\n" + crlf(kSdp);
    for (bool datagram : { true, false }) {
        const auto p = parseText(text, datagram);
        ASSERT_TRUE(p.ok);
        EXPECT_FALSE(p.message.contentLength().has_value());
        EXPECT_EQ(p.message.body(), crlf(kSdp));
        EXPECT_TRUE(p.message.hasSdp());
        EXPECT_TRUE(p.message.problems().none()) << p.message.problemText();
    }
}

TEST(SipParser, BadAndConflictingContentLength)
{
    const std::string head = crlf(R"(INFO sip:b@example.test SIP/2.0
Via: SIP/2.0/UDP h.example.test;branch=z9hG4bKcl
From: <sip:a@example.test>;tag=1
To: <sip:b@example.test>;tag=2
Call-ID: cl
CSeq: 5 INFO
)");
    const auto bad = parseText(head + "Content-Length: 12abc\r\n\r\nhello");
    ASSERT_TRUE(bad.ok);
    EXPECT_TRUE(bad.message.problems().has(SipProblem::BadContentLength));
    EXPECT_FALSE(bad.message.contentLength().has_value());
    EXPECT_EQ(bad.message.body(), "hello");
    EXPECT_EQ(bad.message.problemText(), "unreadable Content-Length \"12abc\"");

    const auto huge = parseText(head + "Content-Length: 99999999999\r\n\r\nhello");
    EXPECT_TRUE(huge.message.problems().has(SipProblem::BadContentLength));

    const auto zeros = parseText(head + "Content-Length: 000000000005\r\n\r\nhello");
    EXPECT_TRUE(zeros.message.problems().none()) << zeros.message.problemText();
    EXPECT_EQ(zeros.message.contentLength(), std::optional<std::uint32_t>(5));

    const auto conflict = parseText(head + "Content-Length: 5\r\nl: 3\r\n\r\nhello");
    EXPECT_TRUE(conflict.message.problems().has(SipProblem::BadContentLength));
    EXPECT_EQ(conflict.message.contentLength(), std::optional<std::uint32_t>(5));
    EXPECT_EQ(conflict.message.body(), "hello");
    EXPECT_EQ(conflict.message.problemText(), "conflicting Content-Length headers: kept 5, ignored \"3\"");

    const auto same = parseText(head + "Content-Length: 5\r\nContent-Length: 5\r\n\r\nhello");
    EXPECT_TRUE(same.message.problems().none()) << same.message.problemText();
}

TEST(SipParser, MissingMandatoryHeadersAreFlagged)
{
    const auto p = parseText(crlf(R"(OPTIONS sip:b@example.test SIP/2.0
Max-Forwards: 70

)"));
    ASSERT_TRUE(p.ok);
    const auto problems = p.message.problems();
    EXPECT_TRUE(problems.has(SipProblem::MissingCallId));
    EXPECT_TRUE(problems.has(SipProblem::MissingCSeq));
    EXPECT_TRUE(problems.has(SipProblem::MissingVia));
    EXPECT_TRUE(problems.has(SipProblem::MissingFrom));
    EXPECT_TRUE(problems.has(SipProblem::MissingTo));
    EXPECT_FALSE(problems.has(SipProblem::BadStartLine));
    EXPECT_EQ(
        p.message.problemText(), "no Call-ID header; no CSeq header; no Via header; no From header; no To header");
    EXPECT_EQ(p.message.method(), SipMethod::Options);
    EXPECT_TRUE(p.message.callId().empty());

    const auto emptyCallId = parseText(crlf("OPTIONS sip:b@example.test SIP/2.0\nCall-ID:\n\n"));
    EXPECT_TRUE(emptyCallId.message.problems().has(SipProblem::MissingCallId));
    EXPECT_EQ(emptyCallId.message.header(HeaderId::CallId).value_or("?"), "");
}

TEST(SipParser, BadCSeqAndMethodMismatch)
{
    const std::string head = crlf(R"(INVITE sip:b@example.test SIP/2.0
Via: SIP/2.0/UDP h.example.test;branch=z9hG4bKcs
From: <sip:a@example.test>;tag=1
To: <sip:b@example.test>
Call-ID: cseq
)");
    auto withCSeq = [&](std::string_view cseq) { return parseText(head + "CSeq: " + std::string(cseq) + "\r\n\r\n"); };

    EXPECT_TRUE(withCSeq("abc INVITE").message.problems().has(SipProblem::BadCSeq));
    EXPECT_TRUE(withCSeq("4294967301 INVITE").message.problems().has(SipProblem::BadCSeq));
    EXPECT_TRUE(withCSeq("2147483648 INVITE").message.problems().has(SipProblem::BadCSeq));
    EXPECT_TRUE(withCSeq("12").message.problems().has(SipProblem::BadCSeq));
    EXPECT_TRUE(withCSeq("12 INVITE extra").message.problems().has(SipProblem::BadCSeq));
    EXPECT_TRUE(withCSeq("12INVITE").message.problems().has(SipProblem::BadCSeq));
    const auto ok = withCSeq("2147483647   INVITE");
    EXPECT_TRUE(ok.message.problems().none()) << ok.message.problemText();
    EXPECT_EQ(ok.message.cseqNumber(), 2147483647u);

    const auto mismatch = withCSeq("7 BYE");
    EXPECT_TRUE(mismatch.message.problems().has(SipProblem::CSeqMethodMismatch));
    EXPECT_EQ(mismatch.message.method(), SipMethod::Invite);
    EXPECT_EQ(mismatch.message.cseqMethod(), SipMethod::Bye);
    EXPECT_EQ(mismatch.message.problemText(), "CSeq method BYE differs from the request method INVITE");

    const auto bad = withCSeq("x");
    EXPECT_EQ(bad.message.cseqNumber(), 0u);
    EXPECT_EQ(bad.message.problemText(), "malformed CSeq \"x\"");
}

TEST(SipParser, BadOrMissingVia)
{
    const auto p = parseText(crlf(R"(SIP/2.0 200 OK
Via: this is not a via
From: <sip:a@example.test>;tag=1
To: <sip:b@example.test>;tag=2
Call-ID: via
CSeq: 1 OPTIONS

)"));
    ASSERT_TRUE(p.ok);
    EXPECT_TRUE(p.message.problems().has(SipProblem::BadVia));
    EXPECT_FALSE(p.message.problems().has(SipProblem::MissingVia));
    EXPECT_EQ(p.message.problemText(), "malformed top Via");
}

TEST(SipParser, ToleratesOddButHarmlessHeaderLines)
{
    const auto p = parseText(crlf(R"(SUBSCRIBE sip:presence@example.test SIP/2.0
Via   : SIP/2.0/UDP h.example.test;branch=z9hG4bKws
From	:<sip:a@example.test>;tag=1
To:<sip:presence@example.test>
Call-ID: dup-1
Call-ID: dup-2
CSeq: 1 SUBSCRIBE
Subject:
Event:    presence   
This line has no colon
: no name
 continuation of a bad line
Expires: 600
Content-Length: 0

)"));
    ASSERT_TRUE(p.ok);
    const SipMessage& m = p.message;
    EXPECT_EQ(m.topViaBranch(), "z9hG4bKws");
    EXPECT_EQ(m.fromTag(), "1");
    EXPECT_EQ(m.toValue(), "<sip:presence@example.test>");
    EXPECT_EQ(m.callId(), "dup-1");
    EXPECT_EQ(m.headerCount(HeaderId::CallId), 2u);
    ASSERT_TRUE(m.header(HeaderId::Subject).has_value());
    EXPECT_EQ(*m.header(HeaderId::Subject), "");
    EXPECT_EQ(m.header(HeaderId::Event).value_or("?"), "presence");
    EXPECT_EQ(m.header(HeaderId::Expires).value_or("?"), "600");
    EXPECT_TRUE(m.problems().has(SipProblem::BadHeaderLine));
    EXPECT_EQ(m.problemText(), "2 malformed header lines skipped");
    EXPECT_EQ(m.headers().size(), 10u);
    EXPECT_EQ(m.headers()[0].name, "Via");
}

TEST(SipParser, LineFeedOnlyMessages)
{
    std::string text(kInviteHeaders);
    text += "Content-Length: " + std::to_string(kSdp.size()) + "\n\n";
    text += kSdp;
    const auto p = parseText(text);
    ASSERT_TRUE(p.ok);
    const SipMessage& m = p.message;
    EXPECT_TRUE(m.problems().none()) << m.problemText();
    EXPECT_EQ(m.requestUri(), "sip:+15551234567@pbx.example.test;user=phone");
    EXPECT_EQ(m.callId(), "a84b4c76e66710@pc33.example.com");
    EXPECT_EQ(m.fromTag(), "1928301774");
    EXPECT_EQ(m.body(), kSdp);
    EXPECT_TRUE(m.hasSdp());

    // Mixed line ends in one message.
    const auto mixed = parseText("SIP/2.0 100 Trying\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\nFrom: <sip:a@b>;tag=1\n"
                                 "To: <sip:c@d>\r\nCall-ID: m\nCSeq: 1 INVITE\r\n\n");
    EXPECT_TRUE(mixed.message.problems().none()) << mixed.message.problemText();
    EXPECT_EQ(mixed.message.callId(), "m");
}

TEST(SipParser, MissingHeaderEnd)
{
    const auto p = parseText(crlf(R"(BYE sip:b@example.test SIP/2.0
Via: SIP/2.0/UDP h.example.test;branch=z9hG4bKend
From: <sip:a@example.test>;tag=1
To: <sip:b@example.test>;tag=2
Call-ID: end
CSeq: 9 BYE
)"));
    ASSERT_TRUE(p.ok);
    EXPECT_TRUE(p.message.problems().has(SipProblem::MissingHeaderEnd));
    EXPECT_EQ(p.message.problemText(), "no blank line after the headers");
    EXPECT_TRUE(p.message.body().empty());
    EXPECT_EQ(p.message.cseqNumber(), 9u);

    const auto noLineEnd = parseText("BYE sip:b@example.test SIP/2.0\r\nCall-ID: cut");
    ASSERT_TRUE(noLineEnd.ok);
    EXPECT_EQ(noLineEnd.message.callId(), "cut");
    EXPECT_TRUE(noLineEnd.message.problems().has(SipProblem::MissingHeaderEnd));
}

TEST(SipParser, MultipartMixedWithSdp)
{
    const std::string body = crlf(R"(--unique-boundary-1
Content-Type: application/sdp

v=0
o=- 1 1 IN IP4 192.0.2.10
s=-
c=IN IP4 192.0.2.10
t=0 0
m=audio 5004 RTP/AVP 0
--unique-boundary-1
Content-Type: application/isup;version=itu-t92+
Content-Disposition: signal;handling=optional

ISUP-BYTES
--unique-boundary-1--
)");
    const std::string text = crlf(R"(INVITE sip:b@example.test SIP/2.0
Via: SIP/2.0/UDP h.example.test;branch=z9hG4bKmp
From: <sip:a@example.test>;tag=1
To: <sip:b@example.test>
Call-ID: multipart
CSeq: 1 INVITE
MIME-Version: 1.0
Content-Type: multipart/mixed;boundary=unique-boundary-1
)")
        + "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
    const auto p = parseText(text);
    ASSERT_TRUE(p.ok);
    EXPECT_TRUE(p.message.problems().none()) << p.message.problemText();
    EXPECT_TRUE(p.message.hasSdp());
    EXPECT_EQ(p.message.sdp(),
        crlf("v=0\no=- 1 1 IN IP4 192.0.2.10\ns=-\nc=IN IP4 192.0.2.10\nt=0 0\nm=audio 5004 RTP/AVP 0"));
}

TEST(SipParser, MultipartVariants)
{
    auto withBody = [](std::string_view contentType, std::string_view body) {
        return parseText("INVITE sip:b@example.test SIP/2.0\r\nCall-ID: mp\r\nContent-Type: " + std::string(contentType)
            + "\r\n\r\n" + crlf(body));
    };
    // SDP in the second part, quoted boundary, LF-only part headers, compact Content-Type.
    const auto second = withBody("Multipart/Mixed; boundary=\"b 1\"",
        "preamble\n--b 1\nc: text/plain\n\nhello\n--b 1\nContent-Type: APPLICATION/SDP\n\nv=0\n--b 1--\nepilogue");
    EXPECT_TRUE(second.message.hasSdp());
    EXPECT_EQ(second.message.sdp(), "v=0");

    // Nested multipart/alternative inside multipart/mixed.
    const auto nested = withBody("multipart/mixed;boundary=outer",
        "--outer\nContent-Type: multipart/alternative;boundary=inner\n\n--inner\nContent-Type: application/sdp\n\n"
        "v=0 nested\n--inner--\n--outer--\n");
    EXPECT_EQ(nested.message.sdp(), "v=0 nested");

    const auto noSdp = withBody("multipart/mixed;boundary=x", "--x\nContent-Type: text/plain\n\nhi\n--x--\n");
    EXPECT_FALSE(noSdp.message.hasSdp());

    const auto noBoundary = withBody("multipart/mixed", "--x\nContent-Type: application/sdp\n\nv=0\n--x--\n");
    EXPECT_FALSE(noBoundary.message.hasSdp());

    // Cut short before the closing delimiter: the last part runs to the end.
    const auto truncated = withBody("multipart/mixed;boundary=x", "--x\nContent-Type: application/sdp\n\nv=0\nm=audio");
    EXPECT_EQ(truncated.message.sdp(), crlf("v=0\nm=audio"));

    // The boundary text inside a part does not count unless it starts a line with "--".
    const auto inside
        = withBody("multipart/mixed;boundary=x", "--x\nContent-Type: application/sdp\n\na=x-x --x\n--x--\n");
    EXPECT_EQ(inside.message.sdp(), "a=x-x --x");

    const auto emptySdp = withBody("application/sdp", "");
    EXPECT_FALSE(emptySdp.message.hasSdp());
}

TEST(SipParser, CorrelationHeaders)
{
    const auto p = parseText(sipText(R"(INVITE sip:b@example.test SIP/2.0
Via: SIP/2.0/UDP h.example.test;branch=z9hG4bKx
From: <sip:a@example.test>;tag=1
To: <sip:b@example.test>
Call-ID: leg-b
CSeq: 1 INVITE
X-CID: leg-a
x-call-id: leg-a2
X-Orig-Call-ID: leg-a3
)"));
    EXPECT_EQ(p.message.header(HeaderId::XCid).value_or("?"), "leg-a");
    EXPECT_EQ(p.message.header(HeaderId::XCallId).value_or("?"), "leg-a2");
    EXPECT_EQ(p.message.header(HeaderId::XOrigCallId).value_or("?"), "leg-a3");
    EXPECT_FALSE(p.message.header(HeaderId::XOriginalCallId).has_value());
}

TEST(SipParser, ReusesTheHeaderVector)
{
    SipParser parser;
    SipMessage message;
    const std::string first = sipText(kInviteHeaders, kSdp);
    const std::string second = sipText(R"(SIP/2.0 100 Trying
Via: SIP/2.0/UDP h;branch=z9hG4bK2
Call-ID: second
)");
    ASSERT_TRUE(parser.parse(asBytes(first), message, true));
    const auto* storage = message.headers().data();
    const auto capacity = message.headers().capacity();
    ASSERT_TRUE(parser.parse(asBytes(second), message, true));
    EXPECT_EQ(message.headers().data(), storage);
    EXPECT_EQ(message.headers().capacity(), capacity);
    EXPECT_EQ(message.callId(), "second");
    EXPECT_EQ(message.statusCode(), 100);
    EXPECT_FALSE(message.header(HeaderId::UserAgent).has_value());
    EXPECT_TRUE(message.fromTag().empty());
    ASSERT_TRUE(parser.parse(asBytes(first), message, true));
    EXPECT_EQ(message.headers().data(), storage);
    EXPECT_EQ(message.header(HeaderId::UserAgent).value_or("?"), "LadderTest UA 1.0");

    EXPECT_FALSE(parser.parse(asBytes("junk"), message, true));
    EXPECT_TRUE(message.headers().empty());
    EXPECT_TRUE(message.callId().empty());
}

TEST(SipParser, EveryPrefixOfAValidMessageIsSafe)
{
    const std::string text = crlf(R"(INVITE sip:bob@biloxi.example.test SIP/2.0
Via: SIP/2.0/UDP [2001:db8::1]:5060;branch=z9hG4bKpre
From: "A \"q\" b" <sip:a@example.test>;tag=1
 ;x=y
To: <sip:b@example.test>
Call-ID: prefix
CSeq: 1 INVITE
Content-Type: multipart/mixed;boundary=zz
Content-Length: 60

--zz
Content-Type: application/sdp

v=0
--zz--
)");
    const std::size_t startLineLength = text.find('\n') + 1;
    SipParser parser;
    SipMessage message;
    for (std::size_t length = 0; length <= text.size(); ++length) {
        // An exact-size heap copy, so that AddressSanitizer sees any read past the end.
        const std::vector<std::uint8_t> bytes(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(length));
        const bool ok = parser.parse(ByteView(bytes.data(), bytes.size()), message, true);
        if (length >= startLineLength) {
            EXPECT_TRUE(ok) << length;
        }
        if (!ok) {
            EXPECT_TRUE(message.problems().has(SipProblem::BadStartLine)) << length;
        }
        EXPECT_LE(message.bytes().size(), length);
        EXPECT_LE(message.body().size(), length);
        (void)message.problemText();
        (void)message.hasSdp();
    }
}

TEST(SipParser, RandomBytesNeverCrash)
{
    std::mt19937 random(20240611);
    SipParser parser;
    SipMessage message;
    const std::string alphabet = "INVITE SIP/2.0 sip:@;<>\",=:\r\n\t vVfFtTiIlLcC-0123456789z9hG4bKbranchtag[]";
    int accepted = 0;
    for (int round = 0; round < 4000; ++round) {
        const std::size_t length = random() % 400;
        std::vector<std::uint8_t> bytes(length);
        const bool sipish = round % 2 == 0;
        for (auto& b : bytes)
            b = sipish ? static_cast<std::uint8_t>(alphabet[random() % alphabet.size()])
                       : static_cast<std::uint8_t>(random());
        if (round % 4 == 0 && length > 30) {
            const std::string_view start = round % 8 == 0 ? "SIP/2.0 200 OK\r\n" : "INVITE sip:x@y SIP/2.0\r\n";
            std::copy(start.begin(), start.end(), bytes.begin());
        }
        const bool ok = parser.parse(ByteView(bytes.data(), bytes.size()), message, round % 3 != 0);
        accepted += ok ? 1 : 0;
        if (!ok) {
            EXPECT_TRUE(message.problems().has(SipProblem::BadStartLine));
        } else if (round % 4 == 0 && length > 30) {
            EXPECT_TRUE(message.isRequest() || message.isResponse());
        }
        EXPECT_LE(message.bytes().size(), length);
        (void)message.problemText();
        message.values(HeaderId::Via, [](std::string_view) {});
    }
    EXPECT_GT(accepted, 400);
}

TEST(SipParser, MutatedMessagesNeverCrash)
{
    const std::string original = sipText(kInviteHeaders, kSdp);
    std::mt19937 random(7);
    SipParser parser;
    SipMessage message;
    const char interesting[] = { '\r', '\n', ' ', '\t', ':', ';', ',', '"', '<', '>', '[', ']', '=', '\\', '\0', '-' };
    for (int round = 0; round < 3000; ++round) {
        std::vector<std::uint8_t> bytes(original.begin(), original.end());
        const int edits = 1 + static_cast<int>(random() % 8);
        for (int e = 0; e < edits; ++e) {
            const std::size_t at = random() % bytes.size();
            bytes[at] = static_cast<std::uint8_t>(interesting[random() % sizeof(interesting)]);
        }
        bytes.resize(random() % (bytes.size() + 1));
        parser.parse(ByteView(bytes.data(), bytes.size()), message, round % 2 == 0);
        EXPECT_LE(message.bytes().size(), bytes.size());
        (void)message.problemText();
    }
}

TEST(SipParser, TagsInsideDisplayNamesOrUriParametersAreNotTaken)
{
    const auto p = parseText(sipText(R"(SIP/2.0 200 OK
Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bKtags
From: "Mallory;tag=display \";tag=escaped" <sip:m@example.test;tag=uri>;tag=from-real
To: <sip:b@example.test;tag=uri-only>
Call-ID: tags@example.test
CSeq: 1 INVITE
)"));
    ASSERT_TRUE(p.ok);
    const SipMessage& m = p.message;
    EXPECT_TRUE(m.problems().none()) << m.problemText();
    EXPECT_EQ(m.fromTag(), "from-real");
    EXPECT_EQ(m.toTag(), "");

    const auto other = parseText(sipText(R"(BYE sip:b@example.test SIP/2.0
Via: SIP/2.0/UDP h;branch=z9hG4bKt2
f: <sip:a@example.test> ;TAG = spaced
t: "To, <quoted>" <sip:b@example.test>;Tag=mixed-case
Call-ID: tags2@example.test
CSeq: 2 BYE
)"));
    ASSERT_TRUE(other.ok);
    EXPECT_EQ(other.message.fromTag(), "spaced");
    EXPECT_EQ(other.message.toTag(), "mixed-case");
}

TEST(SipParser, TopViaBranchSentByAndTransportInEveryLayout)
{
    struct Case {
        std::string_view via;
        std::string_view branch;
        std::string_view sentBy;
        std::string_view topVia;
    };
    const Case cases[] = {
        { "Via: SIP/2.0/UDP a.example.test;BRANCH=z9hG4bKup", "z9hG4bKup", "a.example.test",
            "SIP/2.0/UDP a.example.test;BRANCH=z9hG4bKup" },
        { "Via: SIP/2.0/UDP a:5060;rport;Branch=z9hG4bKlater, SIP/2.0/UDP b;branch=z9hG4bKsecond", "z9hG4bKlater",
            "a:5060", "SIP/2.0/UDP a:5060;rport;Branch=z9hG4bKlater" },
        { "Via: SIP/2.0/UDP a:5060;rport,SIP/2.0/UDP b;branch=z9hG4bKsecond", "", "a:5060",
            "SIP/2.0/UDP a:5060;rport" },
        { "v: SIP/2.0/TCP a:5061\r\n ;branch=z9hG4bKfold\r\n\t;rport", "z9hG4bKfold", "a:5061",
            "SIP/2.0/TCP a:5061 ;branch=z9hG4bKfold ;rport" },
        { "VIA: SIP/2.0/UDP a;x=\"p,q;branch=no\";branch=z9hG4bKq", "z9hG4bKq", "a",
            "SIP/2.0/UDP a;x=\"p,q;branch=no\";branch=z9hG4bKq" },
        { "Via: SIP/2.0/UDP fe80:0:0:0:21a:a0ff:fe07:32e0:5060;branch=z9hG4bK6", "z9hG4bK6",
            "fe80:0:0:0:21a:a0ff:fe07:32e0:5060", "SIP/2.0/UDP fe80:0:0:0:21a:a0ff:fe07:32e0:5060;branch=z9hG4bK6" },
        { "Via :  sip/2.0/udp a ; branch = z9hG4bKsp ", "z9hG4bKsp", "a", "sip/2.0/udp a ; branch = z9hG4bKsp" },
    };
    for (const auto& c : cases) {
        const auto p = parseText(sipText(std::string("OPTIONS sip:x@example.test SIP/2.0\n") + std::string(c.via)
            + "\nFrom: <sip:a@example.test>;tag=1\nTo: <sip:x@example.test>\nCall-ID: via\nCSeq: 1 OPTIONS\n"));
        ASSERT_TRUE(p.ok) << c.via;
        EXPECT_TRUE(p.message.problems().none()) << c.via << ": " << p.message.problemText();
        EXPECT_EQ(p.message.topViaBranch(), c.branch) << c.via;
        EXPECT_EQ(p.message.topViaSentBy(), c.sentBy) << c.via;
        EXPECT_EQ(p.message.topVia(), c.topVia) << c.via;
    }
}

TEST(SipParser, HeaderNamesAtTheEdgesOfTheFastLookup)
{
    // Names of 15 and 16 bytes, a space before the colon, near misses, and a short last line that
    // ends the buffer without a line break.
    const std::string text = crlf(R"(MESSAGE sip:x@example.test SIP/2.0
Via: SIP/2.0/UDP h;branch=z9hG4bKedge
From: <sip:a@example.test>;tag=1
To: <sip:x@example.test>
Call-ID: edge
CSeq: 5 MESSAGE
Accept-Encoding: fifteen
Content-Encoding: sixteen
Call-ID : second-with-space
Vias: near-miss
CSeq2: near-miss
X-CID: correlated
Content-Type: text/plain
)") + "l:2\r\n\r\nhi";
    const auto p = parseText(text);
    ASSERT_TRUE(p.ok);
    const SipMessage& m = p.message;
    EXPECT_TRUE(m.problems().none()) << m.problemText();
    EXPECT_EQ(m.header(HeaderId::AcceptEncoding).value_or("?"), "fifteen");
    EXPECT_EQ(m.header(HeaderId::ContentEncoding).value_or("?"), "sixteen");
    EXPECT_EQ(m.headerCount(HeaderId::CallId), 2u);
    EXPECT_EQ(m.callId(), "edge");
    EXPECT_EQ(m.header("Vias").value_or("?"), "near-miss");
    EXPECT_EQ(m.header("CSeq2").value_or("?"), "near-miss");
    EXPECT_EQ(m.headerCount(HeaderId::Via), 1u);
    EXPECT_EQ(m.headerCount(HeaderId::CSeq), 1u);
    EXPECT_EQ(m.header(HeaderId::XCid).value_or("?"), "correlated");
    EXPECT_EQ(m.contentLength(), std::optional<std::uint32_t>(2));
    EXPECT_EQ(m.body(), "hi");

    // The same short compact header as the very last bytes, with no blank line after it.
    const auto cut = parseText(crlf("SIP/2.0 100 Trying\nv:SIP/2.0/UDP h;branch=z9hG4bKc\ni:c\nl:0"));
    ASSERT_TRUE(cut.ok);
    EXPECT_EQ(cut.message.topViaBranch(), "z9hG4bKc");
    EXPECT_EQ(cut.message.callId(), "c");
    EXPECT_EQ(cut.message.contentLength(), std::optional<std::uint32_t>(0));
    EXPECT_TRUE(cut.message.problems().has(SipProblem::MissingHeaderEnd));
}

TEST(SipParser, CSeqNumbersWithLeadingZerosAndAtTheLimits)
{
    struct Case {
        std::string_view cseq;
        std::uint32_t number;
        bool bad;
    };
    const Case cases[] = {
        { "0000000000123 INVITE", 123, false },
        { "0 INVITE", 0, false },
        { "000 INVITE", 0, false },
        { "2147483647 INVITE", 2147483647u, false },
        { "2147483648 INVITE", 2147483648u, true },
        { "4294967295 INVITE", 4294967295u, true },
        { "4294967296 INVITE", 0, true },
        { "12345678901 INVITE", 0, true },
        { "INVITE", 0, true },
        { "12INVITE", 12, true },
    };
    for (const auto& c : cases) {
        const auto p = parseText(sipText(std::string("INVITE sip:x@example.test SIP/2.0\nCSeq: ") + std::string(c.cseq)
            + "\nVia: SIP/2.0/UDP h;branch=z9hG4bKn\nFrom: <sip:a@b>;tag=1\nTo: <sip:x@y>\nCall-ID: n\n"));
        ASSERT_TRUE(p.ok) << c.cseq;
        EXPECT_EQ(p.message.cseqNumber(), c.number) << c.cseq;
        EXPECT_EQ(p.message.problems().has(SipProblem::BadCSeq), c.bad) << c.cseq;
        EXPECT_EQ(p.message.cseqMethod(), SipMethod::Invite) << c.cseq;
    }
}

TEST(SipParser, SdpRecognisedInEverySpellingOfItsContentType)
{
    for (std::string_view type : { "application/sdp", "Application/SDP", "application/sdp; charset=utf-8" }) {
        const auto p = parseText(sipText(std::string(kInviteHeaders.substr(0, kInviteHeaders.find("Content-Type")))
                + "Content-Type: " + std::string(type) + "\n",
            kSdp));
        ASSERT_TRUE(p.ok) << type;
        EXPECT_TRUE(p.message.hasSdp()) << type;
        EXPECT_EQ(p.message.sdp(), p.message.body()) << type;
    }
    const auto empty = parseText(sipText(kInviteHeaders));
    ASSERT_TRUE(empty.ok);
    EXPECT_FALSE(empty.message.hasSdp());
    EXPECT_TRUE(empty.message.sdp().empty());
}
