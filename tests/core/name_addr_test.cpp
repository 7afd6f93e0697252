// SPDX-License-Identifier: Apache-2.0
#include "sip/name_addr.h"

#include "sip/header_value.h"

#include <gtest/gtest.h>

#include <memory>
#include <random>
#include <string>
#include <vector>

using namespace sipladder::core;

TEST(NameAddr, QuotedDisplayNameWithEscapes)
{
    const auto value = parseNameAddr(R"("Alice \"The Great\" Smith" <sip:alice@atlanta.example.test>;tag=abc)");
    EXPECT_EQ(value.displayName, "Alice \"The Great\" Smith");
    EXPECT_EQ(value.uriText, "sip:alice@atlanta.example.test");
    EXPECT_TRUE(value.hasAngleBrackets);
    EXPECT_TRUE(value.uri.valid);
    EXPECT_EQ(value.uri.user, "alice");
    EXPECT_EQ(value.tag(), "abc");

    const auto backslash = parseNameAddr(R"("C:\\dir, \q" <sip:c@d.example.test>)");
    EXPECT_EQ(backslash.displayName, "C:\\dir, q");
}

TEST(NameAddr, UnquotedDisplayName)
{
    const auto value = parseNameAddr("Bob  Smith <sips:bob@biloxi.example.test>");
    EXPECT_EQ(value.displayName, "Bob  Smith");
    EXPECT_EQ(value.uri.scheme, "sips");
    EXPECT_TRUE(value.parameters.empty());

    const auto noSpace = parseNameAddr("Bob<sip:bob@b.example.test>;tag=7");
    EXPECT_EQ(noSpace.displayName, "Bob");
    EXPECT_EQ(noSpace.tag(), "7");
}

TEST(NameAddr, BareAddrSpecParametersBelongToTheHeader)
{
    const auto value = parseNameAddr("sip:carol@chicago.example.test;tag=887s;user=phone");
    EXPECT_FALSE(value.hasAngleBrackets);
    EXPECT_EQ(value.displayName, "");
    EXPECT_EQ(value.uriText, "sip:carol@chicago.example.test");
    EXPECT_TRUE(value.uri.parameters.empty());
    ASSERT_EQ(value.parameters.size(), 2u);
    EXPECT_EQ(value.tag(), "887s");
    EXPECT_EQ(value.lookupParameter("USER").value_or("?"), "phone");
}

TEST(NameAddr, UriParametersStayInsideTheBrackets)
{
    const auto value = parseNameAddr(
        "<sip:+15551234567@gw.example.test;user=phone>;tag=1;expires=60;+sip.instance=\"<urn:uuid:x>\"");
    EXPECT_EQ(value.uri.lookupParameter("user").value_or("?"), "phone");
    EXPECT_EQ(value.tag(), "1");
    EXPECT_EQ(value.lookupParameter("expires").value_or("?"), "60");
    EXPECT_EQ(value.lookupParameter("+sip.instance").value_or("?"), "\"<urn:uuid:x>\"");
    EXPECT_FALSE(value.lookupParameter("user").has_value());
}

TEST(NameAddr, WildcardContact)
{
    const auto value = parseNameAddr(" * ");
    EXPECT_TRUE(value.isWildcard);
    EXPECT_EQ(value.uriText, "*");
    EXPECT_FALSE(value.uri.valid);
}

TEST(NameAddr, OtherUsualHeaders)
{
    const auto pai = parseNameAddr("<tel:+15551234567>");
    EXPECT_TRUE(pai.uri.isTel());
    EXPECT_EQ(pai.uri.user, "+15551234567");

    const auto diversion = parseNameAddr("<sip:+15551230000@example.test>;reason=unconditional;counter=1;privacy=off");
    EXPECT_EQ(diversion.lookupParameter("reason").value_or("?"), "unconditional");
    EXPECT_EQ(diversion.lookupParameter("counter").value_or("?"), "1");

    const auto mail = parseNameAddr("\"Mr. Watson\" <mailto:watson@bell-telephone.example> ;q=0.1");
    EXPECT_EQ(mail.displayName, "Mr. Watson");
    EXPECT_EQ(mail.uri.scheme, "mailto");
    EXPECT_EQ(mail.lookupParameter("q").value_or("?"), "0.1");

    const auto folded = parseNameAddr("\"Folded\"\r\n\t<sip:f@example.test>\r\n ;tag=ft1");
    EXPECT_EQ(folded.displayName, "Folded");
    EXPECT_EQ(folded.uriText, "sip:f@example.test");
    EXPECT_EQ(folded.tag(), "ft1");
}

TEST(NameAddr, MalformedValuesAreSafe)
{
    const char* junk[] = { "", "<", ">", "\"unterminated", "\"a\" <sip:a@b", "<sip:a@b>;", ";;;", "\"\\", "<<>>",
        "name <>", "sip:a@b;tag" };
    for (const char* text : junk) {
        const auto value = parseNameAddr(text);
        (void)value.tag();
        (void)findTag(text);
    }
    EXPECT_EQ(parseNameAddr("\"a\" <sip:a@b.example.test").uriText, "sip:a@b.example.test");
    EXPECT_EQ(parseNameAddr("sip:a@b;tag").tag(), "");
    EXPECT_TRUE(parseNameAddr("sip:a@b;tag").lookupParameter("tag").has_value());
}

TEST(NameAddr, FindTagLooksOnlyOutsideBracketsAndQuotes)
{
    EXPECT_EQ(findTag("<sip:a@b.example.test>;tag=1928301774"), "1928301774");
    EXPECT_EQ(findTag("\"A;tag=fake <x>\" <sip:a@b>;tag=real"), "real");
    EXPECT_EQ(findTag("<sip:a@b;tag=inside>"), "");
    EXPECT_EQ(findTag("\"tag=x\" <sip:a@b>"), "");
    EXPECT_EQ(findTag("sip:a@b;TAG=bare"), "bare");
    EXPECT_EQ(findTag("<sip:a@b> ; tag = spaced ;x"), "spaced");
    EXPECT_EQ(findTag("<sip:a@b>;tagx=1;xtag=2"), "");
    EXPECT_EQ(findTag(""), "");
}

namespace {

// findTag is findParameter(value, "tag") in one pass; checked on an exact-size heap copy so that
// AddressSanitizer sees any read past the value.
void expectTagAsFindParameter(std::string_view value)
{
    const std::unique_ptr<char[]> copy(new char[value.size() + 1]);
    value.copy(copy.get(), value.size());
    const std::string_view exact(copy.get(), value.size());
    EXPECT_EQ(findTag(exact), findParameter(exact, "tag").value_or(std::string_view())) << value;
}

} // namespace

TEST(NameAddr, FindTagEdgeCases)
{
    // Escaped quotes inside the display name, and a ';tag=' inside the URI's own parameters.
    EXPECT_EQ(findTag(R"("a\"b;tag=no" <sip:a@b;tag=uri>;tag=yes)"), "yes");
    EXPECT_EQ(findTag("<sip:a@b;tag=uri;x=<y>>;tag=nested"), "nested");
    EXPECT_EQ(findTag("<sip:a@b>;Tag=Mixed"), "Mixed");
    EXPECT_EQ(findTag("<sip:a@b>;x=\"q;tag=no\";tag=after"), "after");
    EXPECT_EQ(findTag("<sip:a@b>;tag"), "");
    EXPECT_EQ(findTag("<sip:a@b>;tag=1,<sip:c@d>;tag=2"), "1");
    EXPECT_EQ(findTag("<sip:a@b>,<sip:c@d>;tag=2"), "");
    EXPECT_EQ(findTag("<sip:a@b>;tag=\"quoted;value\""), "\"quoted;value\"");
    EXPECT_EQ(findTag("\"unterminated <sip:a@b>;tag=1"), "");
    // Long values cross 16-byte blocks with the tag in the last, partial one.
    EXPECT_EQ(findTag("\"A rather long display name\" <sip:+12125550147@carrier.example.test;user=phone>;tag=z"), "z");
    for (std::string_view value : {
             R"("a\"b;tag=no" <sip:a@b;tag=uri>;tag=yes)",
             "<sip:a@b>;x=\"q;tag=no\";tag=after",
             "<sip:a@b> ;\ttag\t=\tx\t;y",
             "<sip:a@b>;tag=1,<sip:c@d>;tag=2",
             ">>;tag=1",
             "<<sip:a>;tag=1>;tag=2",
             "\"",
             ";",
             ";tag=",
             "tag=1",
         })
        expectTagAsFindParameter(value);
}

TEST(NameAddr, FindTagAgreesWithFindParameterOnRandomValues)
{
    const std::vector<std::string_view> pieces = { "\"", "\\", "<", ">", ";", ",", "=", " ", "\t", "tag", "TAG", "ta",
        ";tag=", "sip:a@b.example.test", "abcdefghijklmnop", "x", "1928301774" };
    std::mt19937 random(99);
    for (int round = 0; round < 20000; ++round) {
        std::string value;
        const int count = 1 + static_cast<int>(random() % 12);
        for (int i = 0; i < count; ++i)
            value += pieces[random() % pieces.size()];
        expectTagAsFindParameter(value);
    }
}

// nameAddrUriText finds, without copying, the URI text parseNameAddr finds (none for a folded value).
TEST(NameAddr, UriTextAgreesWithTheFullParse)
{
    const std::vector<std::string_view> pieces = { "\"", "\\", "<", ">", ";", ",", "=", " ", "\t", "Alice",
        "sip:a@b.example.test", "sips:bob@[2001:db8::1]:5061", ";tag=1", "*", "x" };
    std::mt19937 random(11);
    for (int round = 0; round < 20000; ++round) {
        std::string value;
        const int count = 1 + static_cast<int>(random() % 10);
        for (int i = 0; i < count; ++i)
            value += pieces[random() % pieces.size()];
        const auto text = nameAddrUriText(value);
        ASSERT_TRUE(text.has_value()) << value;
        const NameAddr full = parseNameAddr(value);
        EXPECT_EQ(*text, full.isWildcard ? std::string_view() : std::string_view(full.uriText)) << value;
    }
    EXPECT_FALSE(nameAddrUriText("\"Alice\"\r\n <sip:a@b.example.test>").has_value());
}
