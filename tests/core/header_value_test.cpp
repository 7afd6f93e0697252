// SPDX-License-Identifier: Apache-2.0
#include "sip/header_value.h"
#include "sip/via_header.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace sipladder::core;

namespace {

std::vector<std::string> split(std::string_view value)
{
    std::vector<std::string> items;
    forEachListItem(value, [&](std::string_view item) { items.emplace_back(item); });
    return items;
}

} // namespace

TEST(HeaderValue, SplitsListsButNotInsideQuotesOrAngles)
{
    EXPECT_EQ(split("INVITE, ACK ,BYE"), (std::vector<std::string> { "INVITE", "ACK", "BYE" }));
    EXPECT_EQ(split("\"Doe, John\" <sip:jd@example.test>;q=0.5, <sip:x@y>"),
        (std::vector<std::string> { "\"Doe, John\" <sip:jd@example.test>;q=0.5", "<sip:x@y>" }));
    EXPECT_EQ(split("<sip:a@b;x=1,2>, <sip:c@d>"), (std::vector<std::string> { "<sip:a@b;x=1,2>", "<sip:c@d>" }));
    EXPECT_EQ(split("\"a \\\", b\" <sip:a@b>"), (std::vector<std::string> { "\"a \\\", b\" <sip:a@b>" }));
    EXPECT_EQ(split(" , ,a,, "), (std::vector<std::string> { "a" }));
    EXPECT_TRUE(split("").empty());
    // Unbalanced input is kept whole rather than read past its end.
    EXPECT_EQ(split("\"open, quote"), (std::vector<std::string> { "\"open, quote" }));
    EXPECT_EQ(split("<open, angle"), (std::vector<std::string> { "<open, angle" }));
}

TEST(HeaderValue, StopsTheWalkWhenTheCallbackSaysSo)
{
    int calls = 0;
    forEachListItem("a, b, c", [&](std::string_view) { return ++calls < 2; });
    EXPECT_EQ(calls, 2);
}

TEST(HeaderValue, FindsParameters)
{
    const std::string_view via = "SIP/2.0/UDP h;Branch=z9hG4bK1 ; rport ;received = 192.0.2.1;x=\"a;b,c\"";
    EXPECT_EQ(findParameter(via, "branch").value_or("?"), "z9hG4bK1");
    ASSERT_TRUE(findParameter(via, "rport").has_value());
    EXPECT_EQ(*findParameter(via, "rport"), "");
    EXPECT_EQ(findParameter(via, "received").value_or("?"), "192.0.2.1");
    EXPECT_EQ(findParameter(via, "x").value_or("?"), "\"a;b,c\"");
    EXPECT_FALSE(findParameter(via, "maddr").has_value());
    EXPECT_FALSE(findParameter(via, "").has_value());
    // Parameters inside <...> belong to the URI.
    EXPECT_FALSE(findParameter("<sip:a@b;tag=1>", "tag").has_value());
    // The walk ends with the first list item.
    EXPECT_FALSE(findParameter("<sip:a@b>, <sip:c@d>;tag=2", "tag").has_value());
    EXPECT_EQ(findParameter("<sip:a@b>;tag=1, <sip:c@d>;tag=2", "tag").value_or("?"), "1");
    EXPECT_FALSE(findParameter(";", "x").has_value());
    EXPECT_EQ(findParameter(";x=", "x").value_or("?"), "");
}

TEST(HeaderValue, EnumeratesParametersInOrder)
{
    std::vector<std::string> seen;
    forEachParameter(
        "<sip:a@b;u=1>;tag=9;lr;expires=60", [&](std::string_view name, std::optional<std::string_view> v) {
            seen.push_back(std::string(name) + "=" + (v ? std::string(*v) : std::string("<none>")));
        });
    EXPECT_EQ(seen, (std::vector<std::string> { "tag=9", "lr=<none>", "expires=60" }));
}

TEST(HeaderValue, UnfoldsObsoleteLineFolding)
{
    EXPECT_EQ(unfoldHeaderValue("I know you're there,\r\n  pick up the phone \r\n\t and talk to me!"),
        "I know you're there, pick up the phone and talk to me!");
    EXPECT_EQ(unfoldHeaderValue("a\n b"), "a b");
    EXPECT_EQ(unfoldHeaderValue("  plain  "), "plain");
    EXPECT_TRUE(isFoldedValue("a\r\n b"));
    EXPECT_FALSE(isFoldedValue("a b"));
}

TEST(HeaderValue, SmallHelpers)
{
    EXPECT_EQ(trimHeaderValue(" \t x y \r\n"), "x y");
    EXPECT_EQ(trimHeaderValue("   "), "");
    EXPECT_EQ(unquote("\"abc\""), "abc");
    EXPECT_EQ(unquote("abc"), "abc");
    EXPECT_EQ(unquote("\""), "\"");
    EXPECT_EQ(mediaTypeOf("Application/SDP ; charset=utf-8"), "Application/SDP");
    EXPECT_EQ(findUnquoted("\"<\" <a>", '<'), 4u);
}

TEST(ViaHeader, ParsesProtocolSentByAndParameters)
{
    const auto via = parseViaHeader("SIP/2.0/UDP pc33.example.test:5066;branch=z9hG4bK776asdhds;rport");
    EXPECT_TRUE(via.valid);
    EXPECT_EQ(via.protocolName, "SIP");
    EXPECT_EQ(via.protocolVersion, "2.0");
    EXPECT_EQ(via.transport, "UDP");
    EXPECT_EQ(via.sentBy, "pc33.example.test:5066");
    EXPECT_EQ(via.host, "pc33.example.test");
    EXPECT_EQ(via.port, std::optional<std::uint16_t>(5066));
    EXPECT_EQ(via.branch, "z9hG4bK776asdhds");
    EXPECT_EQ(via.parameter("RPORT").value_or("?"), "");
}

TEST(ViaHeader, Ipv6SentByWithReceivedAndRport)
{
    const auto via = parseViaHeader(
        "SIP/2.0/TCP [2001:db8::9:1]:5070;received=2001:db8::9:255;rport=5070;branch=z9hG4bKv6, SIP/2.0/UDP x");
    EXPECT_TRUE(via.valid);
    EXPECT_TRUE(via.hostIsIpv6Reference);
    EXPECT_EQ(via.sentBy, "[2001:db8::9:1]:5070");
    EXPECT_EQ(via.host, "2001:db8::9:1");
    EXPECT_EQ(via.port, std::optional<std::uint16_t>(5070));
    EXPECT_EQ(via.parameter("received").value_or("?"), "2001:db8::9:255");
    EXPECT_EQ(via.parameter("rport").value_or("?"), "5070");
    EXPECT_EQ(via.branch, "z9hG4bKv6");
    EXPECT_EQ(via.transport, "TCP");
}

TEST(ViaHeader, ToleratesWhitespaceAroundSeparators)
{
    const auto via = parseViaHeader("  SIP / 2.0 / TLS   host.example.test ; branch = z9hG4bKsp ; maddr=224.2.0.1");
    EXPECT_TRUE(via.valid);
    EXPECT_EQ(via.transport, "TLS");
    EXPECT_EQ(via.sentBy, "host.example.test");
    EXPECT_FALSE(via.port.has_value());
    EXPECT_EQ(via.branch, "z9hG4bKsp");
    EXPECT_EQ(via.parameter("maddr").value_or("?"), "224.2.0.1");
}

TEST(ViaHeader, FlagsJunk)
{
    EXPECT_FALSE(parseViaHeader("").valid);
    EXPECT_FALSE(parseViaHeader("garbage").valid);
    EXPECT_FALSE(parseViaHeader("SIP/2.0/UDP").valid);
    EXPECT_FALSE(parseViaHeader("SIP/2.0/UDP host:99999;branch=x").valid);
    EXPECT_FALSE(parseViaHeader("SIP/2.0/UDP [2001:db8::1;branch=x").valid);
    EXPECT_FALSE(parseViaHeader("SIP/2.0/UDP host junk;branch=x").valid);
    const auto noBranch = parseViaHeader("SIP/2.0/UDP host");
    EXPECT_TRUE(noBranch.valid);
    EXPECT_TRUE(noBranch.branch.empty());
}

TEST(HeaderValue, SplitsHostAndPort)
{
    const auto plain = splitHostPort("192.0.2.1:5060");
    EXPECT_TRUE(plain.valid);
    EXPECT_EQ(plain.host, "192.0.2.1");
    EXPECT_EQ(plain.port, std::optional<std::uint16_t>(5060));
    EXPECT_FALSE(plain.ipv6);

    const auto bracketed = splitHostPort("[2001:db8::1]:5061");
    EXPECT_TRUE(bracketed.valid);
    EXPECT_TRUE(bracketed.bracketed);
    EXPECT_EQ(bracketed.host, "2001:db8::1");
    EXPECT_EQ(bracketed.port, std::optional<std::uint16_t>(5061));

    const auto bareWithPort = splitHostPort("fe80:0:0:0:21a:a0ff:fe07:32e0:5060");
    EXPECT_TRUE(bareWithPort.valid);
    EXPECT_TRUE(bareWithPort.ipv6);
    EXPECT_FALSE(bareWithPort.bracketed);
    EXPECT_EQ(bareWithPort.host, "fe80:0:0:0:21a:a0ff:fe07:32e0");
    EXPECT_EQ(bareWithPort.port, std::optional<std::uint16_t>(5060));

    const auto bareNoPort = splitHostPort("2001:db8::1");
    EXPECT_TRUE(bareNoPort.valid);
    EXPECT_EQ(bareNoPort.host, "2001:db8::1");
    EXPECT_FALSE(bareNoPort.port.has_value());

    EXPECT_FALSE(splitHostPort("").valid);
    EXPECT_FALSE(splitHostPort("host:").valid);
    EXPECT_FALSE(splitHostPort("host:70000").valid);
    EXPECT_FALSE(splitHostPort("[::1").valid);
    EXPECT_FALSE(splitHostPort("[::1]x").valid);
}

TEST(ViaHeader, UnbracketedIpv6FromRealDevicesIsTolerated)
{
    const auto via = parseViaHeader("SIP/2.0/UDP fe80:0:0:0:21a:a0ff:fe07:32e0:5060;branch=z9hG4bKkdjuw8376");
    EXPECT_TRUE(via.valid);
    EXPECT_EQ(via.sentBy, "fe80:0:0:0:21a:a0ff:fe07:32e0:5060");
    EXPECT_EQ(via.host, "fe80:0:0:0:21a:a0ff:fe07:32e0");
    EXPECT_EQ(via.port, std::optional<std::uint16_t>(5060));
    EXPECT_EQ(via.branch, "z9hG4bKkdjuw8376");

    const auto compressed = parseViaHeader("SIP/2.0/UDP 2001:db8::7;branch=z9hG4bKc");
    EXPECT_TRUE(compressed.valid);
    EXPECT_EQ(compressed.host, "2001:db8::7");
    EXPECT_FALSE(compressed.port.has_value());
}
