// SPDX-License-Identifier: Apache-2.0
#include "net/encapsulation.h"
#include "net/endpoint.h"

#include <gtest/gtest.h>

#include <arpa/inet.h>

#include <algorithm>
#include <array>

#include <string>
#include <tuple>
#include <vector>

using namespace sipladder::core;

TEST(Endpoint, FormatsIpv4WithPort)
{
    Endpoint e{IpAddress::v4(192, 0, 2, 10), 5060};
    EXPECT_EQ(e.toString(), "192.0.2.10:5060");
}

TEST(Endpoint, FormatsIpv6InBrackets)
{
    IpAddress address;
    ASSERT_TRUE(IpAddress::parse("2001:db8::1", address));
    EXPECT_TRUE(address.isV6);
    EXPECT_EQ((Endpoint{address, 5061}).toString(), "[2001:db8::1]:5061");
}

TEST(Endpoint, ParseRejectsNonAddresses)
{
    IpAddress address;
    EXPECT_FALSE(IpAddress::parse("pbx.example.test", address));
    EXPECT_FALSE(IpAddress::parse("300.1.1.1", address));
}

// The text path parses IPv4 itself: it must read exactly what inet_pton reads.
TEST(Endpoint, ParseAgreesWithInetPton)
{
    const std::vector<std::string> texts {"192.0.2.1", "0.0.0.0", "255.255.255.255", "256.1.1.1", "1.2.3",
        "1.2.3.4.5", "01.2.3.4", "1.2.3.04", "1.2.3.0", "10.0.0.1 ", " 10.0.0.1", "1..2.3", "1.2.3.4.",
        "1234.1.1.1", "1.2.3.-4", "a.b.c.d", "", ".", "::", "::1", "2001:db8::1", "::ffff:192.0.2.1",
        "2001:db8::1%eth0", "[2001:db8::1]", "fe80::1:2:3:4:5:6:7:8", "pbx.example.test", "100.64.1.255"};
    for (const auto& text : texts) {
        std::array<std::uint8_t, 16> expected {};
        const bool v4 = inet_pton(AF_INET, text.c_str(), expected.data()) == 1;
        const bool v6 = !v4 && inet_pton(AF_INET6, text.c_str(), expected.data()) == 1;
        IpAddress address;
        EXPECT_EQ(IpAddress::parse(text, address), v4 || v6) << text;
        if (v4 || v6) {
            EXPECT_EQ(address.isV6, v6) << text;
            EXPECT_TRUE(std::equal(expected.begin(), expected.begin() + (v6 ? 16 : 4), address.bytes.begin())) << text;
        }
    }
    // A NUL inside the text ends it for inet_pton, not here.
    IpAddress address;
    EXPECT_FALSE(IpAddress::parse(std::string_view("10.0.0.1\0junk", 13), address));
}

TEST(Endpoint, EqualityAndHashFollowValue)
{
    Endpoint a{IpAddress::v4(10, 0, 0, 1), 5060};
    Endpoint b{IpAddress::v4(10, 0, 0, 1), 5060};
    Endpoint c{IpAddress::v4(10, 0, 0, 1), 5062};
    EXPECT_EQ(a, b);
    EXPECT_NE(a, c);
    EXPECT_EQ(hashValue(a), hashValue(b));
    EXPECT_NE(hashValue(a), hashValue(c));
}

TEST(EncapsulationSet, ListsLayersInFixedOrder)
{
    EncapsulationSet set;
    EXPECT_EQ(set.toString(), "");
    set.add(Encapsulation::IpFragments);
    set.add(Encapsulation::Vlan);
    set.add(Encapsulation::Gre);
    EXPECT_EQ(set.toString(), "vlan,gre,ip-fragments");
    EXPECT_TRUE(set.has(Encapsulation::Gre));
    EXPECT_FALSE(set.has(Encapsulation::Hep));
}

TEST(Endpoint, FormatToMatchesTheAddressLibraryForEveryOctetWidth)
{
    for (const auto& [address, port, expected] :
        std::vector<std::tuple<IpAddress, std::uint16_t, std::string>>{{IpAddress::v4(0, 0, 0, 0), 0, "0.0.0.0:0"},
            {IpAddress::v4(9, 10, 99, 100), 65535, "9.10.99.100:65535"},
            {IpAddress::v4(255, 255, 255, 255), 5060, "255.255.255.255:5060"}}) {
        const Endpoint endpoint{address, port};
        char text[Endpoint::kMaxTextLength];
        EXPECT_EQ(std::string(text, endpoint.formatTo(text)), expected);
        EXPECT_EQ(endpoint.toString(), address.toString() + ":" + std::to_string(port));
    }
    IpAddress v6;
    ASSERT_TRUE(IpAddress::parse("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", v6));
    EXPECT_EQ((Endpoint{v6, 65535}).toString(), "[ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff]:65535");
}
