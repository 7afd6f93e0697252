// SPDX-License-Identifier: Apache-2.0
#include "sip/via_header.h"

#include <gtest/gtest.h>

#include <memory>
#include <random>
#include <string>
#include <string_view>
#include <vector>

using namespace sipladder::core;

namespace {

// summarizeViaHeader must agree with parseViaHeader on every field they share. The value is copied
// to a heap block of its exact size so that AddressSanitizer sees any read past it.
void expectSameAsFullParse(std::string_view value)
{
    const std::unique_ptr<char[]> copy(new char[value.size() + 1]);
    value.copy(copy.get(), value.size());
    const std::string_view exact(copy.get(), value.size());
    const ViaHeader full = parseViaHeader(exact);
    const ViaSummary summary = summarizeViaHeader(exact);
    EXPECT_EQ(summary.text, full.text) << value;
    EXPECT_EQ(summary.transport, full.transport) << value;
    EXPECT_EQ(summary.sentBy, full.sentBy) << value;
    EXPECT_EQ(summary.branch, full.branch) << value;
    EXPECT_EQ(summary.valid, full.valid) << value;
}

} // namespace

TEST(ViaSummary, CommonViaInOnePass)
{
    const auto via = summarizeViaHeader("SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK776asdhds;rport");
    EXPECT_EQ(via.transport, "UDP");
    EXPECT_EQ(via.sentBy, "192.0.2.10:5060");
    EXPECT_EQ(via.branch, "z9hG4bK776asdhds");
    EXPECT_EQ(via.text, "SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK776asdhds;rport");
    EXPECT_TRUE(via.valid);

    const auto noPort = summarizeViaHeader("SIP/2.0/TLS proxy.example.test;received=192.0.2.1;branch=z9hG4bKx");
    EXPECT_EQ(noPort.sentBy, "proxy.example.test");
    EXPECT_EQ(noPort.branch, "z9hG4bKx");
}

TEST(ViaSummary, BranchNameIsCaseInsensitiveAndTheFirstOneWins)
{
    EXPECT_EQ(summarizeViaHeader("SIP/2.0/UDP h;BRANCH=z9hG4bKup").branch, "z9hG4bKup");
    EXPECT_EQ(summarizeViaHeader("SIP/2.0/UDP h;Branch = z9hG4bKsp ;rport").branch, "z9hG4bKsp");
    EXPECT_EQ(summarizeViaHeader("SIP/2.0/UDP h;branch=one;branch=two").branch, "one");
    EXPECT_EQ(summarizeViaHeader("SIP/2.0/UDP h;branchx=no;xbranch=no").branch, "");
    EXPECT_EQ(summarizeViaHeader("SIP/2.0/UDP h;branch;rport").branch, "");
    expectSameAsFullParse("SIP/2.0/UDP h;BRANCH=z9hG4bKup");
    expectSameAsFullParse("SIP/2.0/UDP h;Branch = z9hG4bKsp ;rport");
    expectSameAsFullParse("SIP/2.0/UDP h;branch=one;branch=two");
}

TEST(ViaSummary, CommaSeparatedViaParmsStopAtTheFirst)
{
    const auto via = summarizeViaHeader("SIP/2.0/UDP a.example.test:5060;branch=z1, SIP/2.0/TCP b;branch=z2");
    EXPECT_EQ(via.text, "SIP/2.0/UDP a.example.test:5060;branch=z1");
    EXPECT_EQ(via.sentBy, "a.example.test:5060");
    EXPECT_EQ(via.branch, "z1");

    // The second via-parm's branch must not be taken for the first.
    const auto noBranch = summarizeViaHeader("SIP/2.0/UDP a;rport,SIP/2.0/UDP b;branch=z2");
    EXPECT_EQ(noBranch.text, "SIP/2.0/UDP a;rport");
    EXPECT_EQ(noBranch.branch, "");
    const auto bareHost = summarizeViaHeader("SIP/2.0/UDP a,SIP/2.0/UDP b;branch=z2");
    EXPECT_EQ(bareHost.text, "SIP/2.0/UDP a");
    EXPECT_EQ(bareHost.branch, "");

    // Parameters after the branch still end at the comma.
    const auto after = summarizeViaHeader("SIP/2.0/UDP a;branch=z1;received=192.0.2.1 , SIP/2.0/UDP b");
    EXPECT_EQ(after.text, "SIP/2.0/UDP a;branch=z1;received=192.0.2.1");
    expectSameAsFullParse("SIP/2.0/UDP a;branch=z1;received=192.0.2.1 , SIP/2.0/UDP b");
}

TEST(ViaSummary, QuotesAreHandledLikeTheFullParse)
{
    // A quoted comma after the branch does not end the via-parm.
    const auto quoted = summarizeViaHeader(R"(SIP/2.0/UDP a;branch=z1;x="p,q";y=1,SIP/2.0/UDP b)");
    EXPECT_EQ(quoted.text, R"(SIP/2.0/UDP a;branch=z1;x="p,q";y=1)");
    EXPECT_EQ(quoted.branch, "z1");
    // Before the branch a quote takes the full parse; the results agree either way.
    for (std::string_view value : {
             R"(SIP/2.0/UDP a;x="p;branch=no";branch=z3)",
             R"(SIP/2.0/UDP a;x="p,q";branch=z3,SIP/2.0/UDP b)",
             R"(SIP/2.0/UDP a;x="unterminated, ;branch=z3)",
             R"(SIP/2.0/UDP a;branch="quoted";rport)",
             R"(SIP/2.0/UDP a;branch=z1;x="a\"b,c",d)",
         })
        expectSameAsFullParse(value);
}

TEST(ViaSummary, UnusualSentByAndProtocolFallBackToTheFullParse)
{
    for (std::string_view value : {
             "SIP/2.0/UDP [2001:db8::1]:5060;branch=z9hG4bKv6",
             "SIP/2.0/UDP fe80:0:0:0:21a:a0ff:fe07:32e0:5060;branch=z9hG4bKkdjuw8376",
             "SIP/2.0/UDP 2001:db8::7;branch=z9hG4bKc",
             "sip/2.0/udp host.example.test;branch=z9hG4bKlower",
             "SIP / 2.0 / TLS   host.example.test ; branch = z9hG4bKsp ; maddr=224.2.0.1",
             "SIP/2.0/UDP host :5060;branch=x",
             "SIP/2.0/UDP host: 5060;branch=x",
             "SIP/2.0/UDP host:99999;branch=x",
             "SIP/2.0/UDP host:50a0;branch=x",
             "SIP/2.0/UDP host:;branch=x",
             "SIP/2.0/UDP :5060;branch=x",
             "SIP/2.0/UDP host junk;branch=x",
             "SIP/2.0/UDP ;branch=x",
             "SIP/2.0/UDP",
             "SIP/2.0/UDP ",
             "SIP/2.0/UDP/x host",
             "SIP/2.0/ UDP host",
             "SIP/2.0/UDP\thost;branch=tab",
             "SIP/2.0/UDP host\r\n ;branch=crlf",
             "  SIP/2.0/UDP host;branch=lead  ",
             "SIP/2.0/UDP ho[st;branch=x",
             "SIP/2.0/UDP h\xc3\xa9st.example;branch=utf8",
             "SIP/2.0/UDP a;<b>;branch=angle",
             "SIP/2.0/UDP a;  ;branch=empty",
             "SIP/2.0/UDP a;x y=1;branch=junk",
             "",
             "garbage",
         })
        expectSameAsFullParse(value);
    EXPECT_EQ(summarizeViaHeader("SIP/2.0/UDP [2001:db8::1]:5060;branch=z9hG4bKv6").sentBy, "[2001:db8::1]:5060");
}

TEST(ViaSummary, AgreesWithTheFullParseOnRandomValues)
{
    const std::vector<std::string_view> pieces = { "SIP/2.0/UDP ", "SIP/2.0/TCP", "sip/2.0/udp ", " ", "\t", "\r\n ",
        "host", "192.0.2.1", ":5060", ":", "[", "]", "2001:db8::1", ";", ",", "=", "branch", "BRANCH", "z9hG4bK", "\"",
        "\\", "<", ">", "rport", ";branch=", "x", "/" };
    std::mt19937 random(2024);
    for (int round = 0; round < 20000; ++round) {
        std::string value = round % 2 == 0 ? "SIP/2.0/UDP " : "";
        const int count = 1 + static_cast<int>(random() % 10);
        for (int i = 0; i < count; ++i)
            value += pieces[random() % pieces.size()];
        expectSameAsFullParse(value);
    }
}
