// SPDX-License-Identifier: Apache-2.0
#include "net/encapsulation.h"
#include "net/endpoint.h"

#include <gtest/gtest.h>

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
