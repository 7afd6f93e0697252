// SPDX-License-Identifier: Apache-2.0
#include "sip/sip_uri.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

using namespace sipladder::core;

TEST(SipUri, SimpleSipUri)
{
    const auto uri = parseSipUri("sip:alice@atlanta.example.test");
    EXPECT_TRUE(uri.valid);
    EXPECT_TRUE(uri.isSip());
    EXPECT_EQ(uri.scheme, "sip");
    EXPECT_EQ(uri.user, "alice");
    EXPECT_EQ(uri.password, "");
    EXPECT_EQ(uri.host, "atlanta.example.test");
    EXPECT_FALSE(uri.port.has_value());
    EXPECT_TRUE(uri.parameters.empty());
    EXPECT_TRUE(uri.headers.empty());
    EXPECT_EQ(uri.toString(), "sip:alice@atlanta.example.test");
}

TEST(SipUri, EveryPartAtOnce)
{
    const auto uri = parseSipUri(
        "sips:bob:secret@[2001:db8::1]:5061;transport=tcp;lr;maddr=192.0.2.1?Subject=project%20x&Priority=urgent");
    EXPECT_TRUE(uri.valid);
    EXPECT_EQ(uri.scheme, "sips");
    EXPECT_EQ(uri.user, "bob");
    EXPECT_EQ(uri.password, "secret");
    EXPECT_EQ(uri.host, "2001:db8::1");
    EXPECT_TRUE(uri.hostIsIpv6Reference);
    EXPECT_EQ(uri.port, std::optional<std::uint16_t>(5061));
    ASSERT_EQ(uri.parameters.size(), 3u);
    EXPECT_EQ(uri.parameters[0].first, "transport");
    EXPECT_EQ(uri.parameters[0].second, std::optional<std::string>("tcp"));
    EXPECT_EQ(uri.parameters[1].first, "lr");
    EXPECT_FALSE(uri.parameters[1].second.has_value());
    ASSERT_EQ(uri.headers.size(), 2u);
    EXPECT_EQ(uri.lookupHeader("subject").value_or("?"), "project%20x");
    EXPECT_EQ(uri.lookupHeader("Priority").value_or("?"), "urgent");
    EXPECT_EQ(uri.hostPort(), "[2001:db8::1]:5061");
    EXPECT_EQ(uri.toString(),
        "sips:bob:secret@[2001:db8::1]:5061;transport=tcp;lr;maddr=192.0.2.1?Subject=project%20x&Priority=urgent");
}

TEST(SipUri, LookupParameterIsCaseInsensitive)
{
    const auto uri = parseSipUri("sip:+15551234567@gw.example.test;User=phone;LR");
    EXPECT_EQ(uri.lookupParameter("user").value_or("?"), "phone");
    ASSERT_TRUE(uri.lookupParameter("lr").has_value());
    EXPECT_EQ(*uri.lookupParameter("lr"), "");
    EXPECT_FALSE(uri.lookupParameter("transport").has_value());
}

TEST(SipUri, HostOnlyAndPorts)
{
    const auto hostOnly = parseSipUri("sip:registrar.example.test:5080");
    EXPECT_TRUE(hostOnly.valid);
    EXPECT_EQ(hostOnly.user, "");
    EXPECT_EQ(hostOnly.host, "registrar.example.test");
    EXPECT_EQ(hostOnly.port, std::optional<std::uint16_t>(5080));
    EXPECT_EQ(hostOnly.toString(), "sip:registrar.example.test:5080");

    const auto ipv4 = parseSipUri("sip:192.0.2.4");
    EXPECT_TRUE(ipv4.valid);
    EXPECT_EQ(ipv4.host, "192.0.2.4");

    const auto ipv6 = parseSipUri("sip:user@[2001:db8::10]");
    EXPECT_TRUE(ipv6.valid);
    EXPECT_EQ(ipv6.host, "2001:db8::10");
    EXPECT_FALSE(ipv6.port.has_value());
    EXPECT_EQ(ipv6.toString(), "sip:user@[2001:db8::10]");
}

TEST(SipUri, UnbracketedIpv6IsTolerated)
{
    const auto withPort = parseSipUri("sip:4321@fec0:0:0:0:216:d3ff:fe0d:22c:5060;transport=udp");
    EXPECT_TRUE(withPort.valid);
    EXPECT_EQ(withPort.user, "4321");
    EXPECT_EQ(withPort.host, "fec0:0:0:0:216:d3ff:fe0d:22c");
    EXPECT_EQ(withPort.port, std::optional<std::uint16_t>(5060));
    EXPECT_FALSE(withPort.hostIsIpv6Reference);
    EXPECT_EQ(withPort.lookupParameter("transport").value_or("?"), "udp");
    EXPECT_EQ(withPort.toString(), "sip:4321@fec0:0:0:0:216:d3ff:fe0d:22c:5060;transport=udp");

    const auto noPort = parseSipUri("sip:2001:db8::5");
    EXPECT_TRUE(noPort.valid);
    EXPECT_EQ(noPort.host, "2001:db8::5");
    EXPECT_FALSE(noPort.port.has_value());

    EXPECT_FALSE(parseSipUri("sip:a@host:x:y").valid);
}

TEST(SipUri, TelephoneUserAndPassword)
{
    const auto uri = parseSipUri("sip:+1-212-555-1212:1234@gateway.example.test;user=phone");
    EXPECT_TRUE(uri.valid);
    EXPECT_EQ(uri.user, "+1-212-555-1212");
    EXPECT_EQ(uri.password, "1234");
    EXPECT_EQ(uri.lookupParameter("user").value_or("?"), "phone");
}

TEST(SipUri, UserPartWithSemicolonAndEscapes)
{
    // A telephone-subscriber may carry its own ';' parameters before the '@'.
    const auto postd = parseSipUri("sip:+358-555-1234567;postd=pp22@foo.example.test;user=phone");
    EXPECT_TRUE(postd.valid);
    EXPECT_EQ(postd.user, "+358-555-1234567;postd=pp22");
    EXPECT_EQ(postd.host, "foo.example.test");
    ASSERT_EQ(postd.parameters.size(), 1u);

    const auto escaped = parseSipUri("sip:sip%3Auser%40example.test@company.example.test;other-param=summit");
    EXPECT_TRUE(escaped.valid);
    EXPECT_EQ(escaped.user, "sip%3Auser%40example.test");
    EXPECT_EQ(escaped.host, "company.example.test");
    EXPECT_EQ(escaped.lookupParameter("other-param").value_or("?"), "summit");
}

TEST(SipUri, TelUris)
{
    const auto global = parseSipUri("tel:+1-555-123-4567;phone-context=example.com");
    EXPECT_TRUE(global.valid);
    EXPECT_TRUE(global.isTel());
    EXPECT_EQ(global.user, "+1-555-123-4567");
    EXPECT_EQ(global.host, "");
    EXPECT_EQ(global.lookupParameter("phone-context").value_or("?"), "example.com");
    EXPECT_EQ(global.toString(), "tel:+1-555-123-4567;phone-context=example.com");

    const auto local = parseSipUri("TEL:7042;phone-context=+1-555");
    EXPECT_TRUE(local.valid);
    EXPECT_EQ(local.scheme, "tel");
    EXPECT_EQ(local.user, "7042");

    EXPECT_FALSE(parseSipUri("tel:").valid);
    EXPECT_FALSE(parseSipUri("tel:call me").valid);
}

TEST(SipUri, SchemeIsLowerCasedAndRestKept)
{
    const auto uri = parseSipUri("SIP:Alice@Example.TEST;Transport=UDP");
    EXPECT_TRUE(uri.valid);
    EXPECT_EQ(uri.scheme, "sip");
    EXPECT_EQ(uri.user, "Alice");
    EXPECT_EQ(uri.host, "Example.TEST");
    EXPECT_EQ(uri.toString(), "sip:Alice@Example.TEST;Transport=UDP");
}

TEST(SipUri, OtherSchemesAreKeptWhole)
{
    const auto urn = parseSipUri("urn:service:sos");
    EXPECT_TRUE(urn.valid);
    EXPECT_EQ(urn.scheme, "urn");
    EXPECT_EQ(urn.opaque, "service:sos");
    EXPECT_EQ(urn.toString(), "urn:service:sos");

    const auto mail = parseSipUri("mailto:watson@bell-telephone.example");
    EXPECT_TRUE(mail.valid);
    EXPECT_EQ(mail.opaque, "watson@bell-telephone.example");
    EXPECT_TRUE(mail.user.empty());
}

TEST(SipUri, AngleBracketsAndWhitespaceAroundAreIgnored)
{
    const auto uri = parseSipUri("  <sip:a@b.example.test>  ");
    EXPECT_TRUE(uri.valid);
    EXPECT_EQ(uri.host, "b.example.test");
}

TEST(SipUri, JunkIsInvalidButSafe)
{
    const char* junk[] = { "", "not a uri", "sip:", "sip:@host.example.test", "sip:host.example.test:99999",
        "sip:host.example.test:5o6o", "sip:[2001:db8::1", "sip:[zz::1]", "sip:a b@c.example.test", "1sip:a@b", ":",
        "sip:a@", "sip:a@b>c", "sip:a@b.example.test:", "<>", "sip:user@host@", "x" };
    for (const char* text : junk) {
        const auto uri = parseSipUri(text);
        EXPECT_FALSE(uri.valid) << text;
        (void)uri.toString();
    }
}

TEST(SipUri, RandomTextNeverCrashes)
{
    std::mt19937 random(99);
    const std::string alphabet = "sipte:l@[]:;?&=%<>+-.0123456789abcdef \"";
    int valid = 0;
    for (int round = 0; round < 3000; ++round) {
        std::string text = round % 2 == 0 ? "sip:" : "";
        const std::size_t length = random() % 40;
        for (std::size_t i = 0; i < length; ++i)
            text += alphabet[random() % alphabet.size()];
        const auto uri = parseSipUri(text);
        valid += uri.valid ? 1 : 0;
        const std::string printed = uri.toString();
        if (uri.valid && uri.isSip()) {
            EXPECT_EQ(parseSipUri(printed).host, uri.host) << text;
        }
    }
    EXPECT_GT(valid, 0);
}

// locateSipUriTarget reads, without copying, the host and port parseSipUri gives: checked on random
// texts built from the characters that steer both, and on the usual shapes.
TEST(SipUri, LocateTargetAgreesWithTheFullParse)
{
    auto expectSame = [](const std::string& text) {
        const SipUri uri = parseSipUri(text);
        const SipUriTarget target = locateSipUriTarget(text);
        EXPECT_EQ(target.isSip, uri.isSip()) << text;
        if (!uri.isSip())
            return;
        EXPECT_EQ(target.secure, uri.scheme == "sips") << text;
        EXPECT_EQ(target.host, uri.host) << text;
        EXPECT_EQ(target.port, uri.port) << text;
    };
    for (const char* text : { "sip:+15551230000@carrier.example.net", "SIPS:alice@[2001:db8::1]:5061;transport=tls",
             " <sip:bob@192.0.2.10:5080;lr> ", "sip:4321@fec0:0:0:0:216:d3ff:fe0d:22c:5060", "sip:[2001:db8::1",
             "sip:host.example.test?Subject=x", "sip:a:secret@h:99999", "tel:+15551230000", "urn:service:sos", "sip:",
             "sipx:a@b", "" })
        expectSame(text);
    std::mt19937 random(7);
    const std::string alphabet = "sipSIP:l@[]:;?&=%<>+-.0123456789abcdef \t";
    for (int round = 0; round < 20000; ++round) {
        std::string text = round % 3 == 0 ? "sip:" : (round % 3 == 1 ? "<sips:" : "");
        const std::size_t length = random() % 40;
        for (std::size_t i = 0; i < length; ++i)
            text += alphabet[random() % alphabet.size()];
        expectSame(text);
    }
}
