// SPDX-License-Identifier: Apache-2.0
// The redactor alone: placeholders per kind, related number forms, documentation addresses, SIP
// messages that keep their shape, and free text.
#include "redact/redactor.h"

#include "sip/sip_parser.h"

#include <gtest/gtest.h>

#include <string>

namespace core = sipladder::core;

namespace {

bool contains(const std::string& text, std::string_view part)
{
    return text.find(part) != std::string::npos;
}

const std::string kInvite
    = "INVITE sip:+15551234567@pbx.example.test;user=phone SIP/2.0\r\n"
      "Via: SIP/2.0/UDP 81.2.69.160:5060;branch=z9hG4bK776asdhds;received=81.2.69.161;rport=5060\r\n"
      "Max-Forwards: 70\r\n"
      "From: \"Alice Liddell\" <sip:+12125550147@carrier.example>;tag=1928301774\r\n"
      "To: <sip:+15551234567@pbx.example.test>\r\n"
      "Call-ID: a84b4c76e66710@pc33.carrier.example\r\n"
      "CSeq: 314159 INVITE\r\n"
      "Contact: <sip:alice@[2a00:1450:4001:81b::200e]:5070;transport=udp>\r\n"
      "P-Asserted-Identity: \"+1 (212) 555-0147\" <tel:+1-212-555-0147>\r\n"
      "Diversion: <sip:2125550199@carrier.example>;reason=unconditional;counter=1\r\n"
      "Record-Route: <sip:edge1.carrier.example;lr>, <sip:10.20.30.40;lr>\r\n"
      "Authorization: Digest username=\"alice\", realm=\"carrier.example\", nonce=\"84a4cc6f\", "
      "uri=\"sip:+15551234567@pbx.example.test\", response=\"7587245234b3434cc3412213e5f113a5\"\r\n"
      "User-Agent: Softphone 2.1 (host gw7.customer.example, 172.16.5.4)\r\n"
      "Content-Type: application/sdp\r\n"
      "Content-Length: 146\r\n"
      "\r\n"
      "v=0\r\n"
      "o=alice 2890844526 2890844526 IN IP4 81.2.69.160\r\n"
      "s=call from 5551234567\r\n"
      "c=IN IP4 81.2.69.162\r\n"
      "t=0 0\r\n"
      "m=audio 49170 RTP/AVP 0 8\r\n"
      "a=rtpmap:0 PCMU/8000\r\n";

} // namespace

TEST(RedactorTest, MessageLosesEveryIdentityAndKeepsItsShape)
{
    // The fixture's Content-Length must describe its body, or the redactor rightly leaves it alone.
    const auto bodyAt = kInvite.find("\r\n\r\n") + 4;
    std::string message = kInvite;
    message.replace(
        message.find("Content-Length: 146"), 19, "Content-Length: " + std::to_string(kInvite.size() - bodyAt));

    core::Redactor redactor;
    const auto out = redactor.redactMessage(message);
    for (const char* original : { "5551234567", "2125550147", "555-0147", "212", "2125550199", "pbx.example",
             "carrier.example", "pc33", "a84b4c76e66710", "81.2.69.16", "2a00:1450", "10.20.30.40", "172.16.5.4",
             "gw7.customer", "Alice", "alice", "edge1" }) {
        EXPECT_FALSE(contains(out, original)) << original << " survived in:\n" << out;
    }
    // Protocol state stays: branches, tags, ports, parameters, CSeq, codecs, SDP session ids.
    for (const char* kept : { "z9hG4bK776asdhds", "tag=1928301774", ":5060", ":5070", "user=phone", ";lr",
             "reason=unconditional", "CSeq: 314159 INVITE", "m=audio 49170 RTP/AVP 0 8", "2890844526",
             "nonce=\"84a4cc6f\"", "Softphone 2.1", "Max-Forwards: 70" }) {
        EXPECT_TRUE(contains(out, kept)) << kept << " lost in:\n" << out;
    }
    // Related placeholders for the forms of one number.
    EXPECT_TRUE(contains(out, "INVITE sip:+1-NUMBER-1@HOST-1;user=phone SIP/2.0\r\n")) << out;
    EXPECT_TRUE(contains(out, "Call-ID: CALLID-1\r\n")) << out;
    EXPECT_TRUE(contains(out, "From: \"NAME-1\" <sip:+1-NUMBER-2@HOST-2>;tag=1928301774")) << out;
    EXPECT_TRUE(contains(out, "s=call from NUMBER-1\r\n")) << out;
    EXPECT_TRUE(contains(out, "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK776asdhds;received=192.0.2.2;rport=5060"))
        << out;
    EXPECT_TRUE(contains(out, "<sip:USER-1@[2001:db8::1]:5070;transport=udp>")) << out;
    EXPECT_TRUE(contains(out, "username=\"USER-1\"")) << out;

    // Still a SIP message whose Content-Length fits its body.
    core::SipParser parser;
    core::SipMessage parsed;
    ASSERT_TRUE(parser.parse(core::asBytes(out), parsed, true)) << out;
    EXPECT_FALSE(parsed.problems().any()) << out;
    EXPECT_EQ(parsed.requestUri(), "sip:+1-NUMBER-1@HOST-1;user=phone");
    EXPECT_TRUE(contains(out, "P-Asserted-Identity: \"+1-NUMBER-2\" <tel:+1-NUMBER-2>\r\n")) << out;
    EXPECT_TRUE(contains(out, "Diversion: <sip:NUMBER-3@HOST-2>;reason=unconditional;counter=1\r\n")) << out;
    const auto body = out.substr(out.find("\r\n\r\n") + 4);
    EXPECT_EQ(parsed.body(), body);
    EXPECT_EQ(parsed.contentLength(), body.size());
}

TEST(RedactorTest, SameValueSamePlaceholderAcrossCallsAndTexts)
{
    core::Redactor redactor;
    const auto first = redactor.redactUri("sip:5551234567@pbx.example.test");
    const auto second = redactor.redactUri("sip:+15551234567@PBX.example.test:5060");
    const auto third = redactor.redactUri("tel:+1-555-123-4567");
    const auto other = redactor.redactUri("sip:5551234568@pbx.example.test");
    EXPECT_EQ(first, "sip:NUMBER-1@HOST-1");
    EXPECT_EQ(second, "sip:+1-NUMBER-1@HOST-1:5060");
    EXPECT_EQ(third, "tel:+1-NUMBER-1");
    EXPECT_EQ(other, "sip:NUMBER-2@HOST-1");

    // In free text the values already seen are found again, in any written form.
    const auto text = redactor.redactText(
        "The number was dialled as +15551234567 (also +1 555 123 4567) to pbx.example.test; frame 1840, 404.");
    EXPECT_EQ(text, "The number was dialled as +1-NUMBER-1 (also +1-NUMBER-1) to HOST-1; frame 1840, 404.");
}

TEST(RedactorTest, NumberFormsKeepTheirPrefixesInFrontOfOnePlaceholder)
{
    core::Redactor redactor;
    EXPECT_EQ(redactor.redactText("030123456"), "0-NUMBER-1");
    EXPECT_EQ(redactor.redactText("+4930123456"), "+49-NUMBER-1");
    EXPECT_EQ(redactor.redactText("004930123456"), "0049-NUMBER-1");
    EXPECT_EQ(redactor.redactText("0114930123456"), "01149-NUMBER-1");
    EXPECT_EQ(redactor.redactText("15551234567"), "1-NUMBER-2");
    EXPECT_EQ(redactor.redactText("5551234568"), "NUMBER-3");
}

TEST(RedactorTest, LearningShortensTheSharedPartToWhatEveryFormHas)
{
    core::PlaceholderTable table;
    table.beginLearning();
    EXPECT_EQ(table.number("+15551234567"), "+1-NUMBER-1");
    EXPECT_EQ(table.number("1234567"), "NUMBER-1"); // a local form of the same number
    table.endLearning();
    EXPECT_EQ(table.number("+15551234567"), "+1555-NUMBER-1");
    EXPECT_EQ(table.number("1234567"), "NUMBER-1");
    // Fixed now: a later form does not change what was written.
    EXPECT_EQ(table.number("5551234567"), "555-NUMBER-1");
    EXPECT_EQ(table.number("+15551234567"), "+1555-NUMBER-1");
}

TEST(RedactorTest, AddressesBecomeDocumentationAddressesNeverOriginalOnes)
{
    core::IpAddress taken;
    ASSERT_TRUE(core::IpAddress::parse("192.0.2.1", taken));
    {
        // 192.0.2.1 is itself in the trace (learn() reserves the trace's addresses): it is mapped like
        // any other and never handed out.
        core::PlaceholderTable table;
        table.reserveAddress(taken);
        EXPECT_EQ(table.address(core::IpAddress::v4(10, 0, 0, 1)).toString(), "192.0.2.2");
        EXPECT_EQ(table.address(taken).toString(), "192.0.2.3");
        EXPECT_EQ(table.address(core::IpAddress::v4(10, 0, 0, 1)).toString(), "192.0.2.2");
    }
    core::Redactor redactor;
    const auto a = redactor.mapAddress(core::IpAddress::v4(10, 0, 0, 1));
    EXPECT_EQ(a.toString(), "192.0.2.1");
    EXPECT_EQ(redactor.mapAddress(core::IpAddress::v4(10, 0, 0, 1)), a);

    core::IpAddress v6;
    ASSERT_TRUE(core::IpAddress::parse("2a00:1450:4001:81b::200e", v6));
    EXPECT_EQ(redactor.mapAddress(v6).toString(), "2001:db8::1");
    const core::Endpoint endpoint { core::IpAddress::v4(10, 0, 0, 1), 5060 };
    EXPECT_EQ(redactor.mapEndpoint(endpoint).toString(), "192.0.2.1:5060");
    // Kept: SDP hold and loopback say something and identify nobody.
    EXPECT_EQ(redactor.redactText("c=IN IP4 0.0.0.0 and 127.0.0.1"), "c=IN IP4 0.0.0.0 and 127.0.0.1");
    // Text with addresses, ports and brackets.
    EXPECT_EQ(redactor.redactText("sent to 10.0.0.1:5060 and [2a00:1450:4001:81b::200e]:5061."),
        "sent to 192.0.2.1:5060 and [2001:db8::1]:5061.");
    // Redacting twice changes nothing.
    const auto once = redactor.redactText("from 10.0.0.9 to 10.0.0.1");
    EXPECT_EQ(redactor.redactText(once), once);
}

TEST(RedactorTest, FreeTextLeavesTimesDatesCountsAndConfigNamesAlone)
{
    core::Redactor redactor;
    redactor.redactUri("sip:alice@pbx.example.test");
    const std::string text = "At 10:00:16.123456 on 2026-11-24, 3 retransmissions; see pjsip.conf and "
                             "RFC 3261 §21.4.5 (version 20.5.0). alice called pbx.example.test.";
    EXPECT_EQ(redactor.redactText(text),
        "At 10:00:16.123456 on 2026-11-24, 3 retransmissions; see pjsip.conf and RFC 3261 §21.4.5 (version 20.5.0). "
        "USER-1 called HOST-1.");
}

TEST(RedactorTest, HostileValuesAreRedactedWithoutBreakingQuotes)
{
    core::Redactor redactor;
    const auto from
        = redactor.redactHeaderValue("From", "\"\\\"><img src=x onerror=alert(1)>\" <sip:bob@evil.example>;tag=x");
    EXPECT_EQ(from, "\"NAME-1\" <sip:USER-1@HOST-1>;tag=x");
    const auto contact = redactor.redactHeaderValue("Contact", "Bob Smith <sip:bob@evil.example>, *");
    EXPECT_EQ(contact, "NAME-2 <sip:USER-1@HOST-1>, *");
    EXPECT_EQ(redactor.redactHeaderValue("Identity",
                  "eyJhbGciOiJFUzI1NiJ9.eyJvcmlnIjp7InRuIjoiMTIxNTU1NTEyMTIifX0.sig;"
                  "info=<https://cert.example.org/passport.cer>"),
        "REDACTED;info=<https://HOST-2/passport.cer>");
}

// A Refer-To carries the dialog to replace as an escaped URI header (RFC 3891): its Call-ID gets the
// placeholder the Replaces header and the Call-ID header give it, and stays escaped.
TEST(RedactorTest, ReplacesInsideAReferToUriIsTheSameCallId)
{
    core::Redactor redactor;
    const auto callId = redactor.redactHeaderValue("Call-ID", "leakcallid-7788@192.0.2.77");
    EXPECT_EQ(callId, "CALLID-1");
    const auto referTo = redactor.redactHeaderValue("Refer-To",
        "<sip:5551234567@pbx.example.test?Replaces=leakcallid-7788%40192.0.2.77%3Bto-tag%3D7a%3Bfrom-tag%3D9b>");
    EXPECT_EQ(referTo, "<sip:NUMBER-1@HOST-1?Replaces=CALLID-1%3Bto-tag%3D7a%3Bfrom-tag%3D9b>");
    EXPECT_EQ(referTo.find("leakcallid"), std::string::npos);
    EXPECT_EQ(redactor.redactHeaderValue("Replaces", "leakcallid-7788@192.0.2.77;to-tag=7a;from-tag=9b"),
        "CALLID-1;to-tag=7a;from-tag=9b");
}

// Bodies that carry identities outside URIs: a NOTIFY's sipfrag is redacted as a SIP message, and an
// XML dialog-info gives its display names and Call-IDs placeholders too.
TEST(RedactorTest, SipfragAndXmlBodiesLoseNamesAndCallIds)
{
    core::Redactor redactor;
    const std::string xml = "<?xml version=\"1.0\"?>\r\n<dialog-info xmlns=\"urn:ietf:params:xml:ns:dialog-info\">"
                            "<dialog id=\"1\" call-id=\"xmlonlycallid99@192.0.2.77\">"
                            "<local><identity display=\"Boss Bigwig\">sip:5551234567@pbx.example.test</identity>"
                            "<display-name>Carla Caller</display-name></local></dialog></dialog-info>\r\n";
    const std::string notify = "NOTIFY sip:5551234567@192.0.2.77 SIP/2.0\r\nCall-ID: n1@192.0.2.77\r\n"
                               "Content-Type: application/dialog-info+xml\r\nContent-Length: "
        + std::to_string(xml.size()) + "\r\n\r\n" + xml;
    const auto redacted = redactor.redactMessage(notify);
    for (const char* original : {"Boss Bigwig", "Carla Caller", "xmlonlycallid99", "5551234567", "pbx.example.test"})
        EXPECT_EQ(redacted.find(original), std::string::npos) << original << "\n" << redacted;
    EXPECT_NE(redacted.find("display=\"NAME-"), std::string::npos) << redacted;
    EXPECT_NE(redacted.find("call-id=\"CALLID-"), std::string::npos) << redacted;

    const std::string frag = "SIP/2.0 200 OK\r\nFrom: \"Sipfrag Sam\" <sip:5551239999@carrier.example>;tag=1\r\n";
    const std::string sipfrag = "NOTIFY sip:a@192.0.2.77 SIP/2.0\r\nCall-ID: n2@192.0.2.77\r\n"
                                "Content-Type: message/sipfrag;version=2.0\r\nContent-Length: "
        + std::to_string(frag.size()) + "\r\n\r\n" + frag;
    const auto fragRedacted = redactor.redactMessage(sipfrag);
    for (const char* original : {"Sipfrag Sam", "5551239999", "carrier.example"})
        EXPECT_EQ(fragRedacted.find(original), std::string::npos) << original << "\n" << fragRedacted;
    EXPECT_NE(fragRedacted.find("\r\n\r\nSIP/2.0 200 OK\r\n"), std::string::npos) << fragRedacted;
}
