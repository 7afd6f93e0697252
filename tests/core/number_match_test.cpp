// SPDX-License-Identifier: Apache-2.0
#include "analysis/number_match.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <utility>
#include <vector>

using namespace sipladder::core;

TEST(NumberDigits, DropsPlusSeparatorsAndParameters)
{
    EXPECT_EQ(numberDigits("+1 (555) 123-4567;phone-context=x"), "15551234567");
    EXPECT_EQ(numberDigits("+15551234567"), "15551234567");
    EXPECT_EQ(numberDigits("5551234567"), "5551234567");
    EXPECT_EQ(numberDigits("555.123.4567"), "5551234567");
    EXPECT_EQ(numberDigits("555-123-4567"), "5551234567");
    EXPECT_EQ(numberDigits("  5551234567  "), "5551234567");
    EXPECT_EQ(numberDigits("7042;phone-context=example.com"), "7042");
    EXPECT_EQ(numberDigits("+4930123456;isub=12;ext=9"), "4930123456");
    EXPECT_EQ(numberDigits("+15551234567;npdi;rn=+15559999999"), "15551234567");
    EXPECT_EQ(numberDigits("201"), "201");
    EXPECT_EQ(numberDigits("0"), "0");
    // Whatever follows ';' is not looked at, letters included.
    EXPECT_EQ(numberDigits("5551234567;tgrp=Trunk-A"), "5551234567");
}

TEST(NumberDigits, DecodesPercentEscapes)
{
    EXPECT_EQ(numberDigits("%2B1%20555%20123%204567"), "15551234567");
    EXPECT_EQ(numberDigits("%2b15551234567"), "15551234567");
    EXPECT_EQ(numberDigits("555%2D123%2d4567"), "5551234567");
    EXPECT_EQ(numberDigits("%35%35%35"), "555");
    EXPECT_EQ(numberDigits("5551234567%3Bisub=1"), "5551234567");
    // A letter written as an escape is still a letter.
    EXPECT_EQ(numberDigits("555%41"), "");
    // A broken escape is not a number.
    EXPECT_EQ(numberDigits("555%2"), "");
    EXPECT_EQ(numberDigits("555%zz1"), "");
    EXPECT_EQ(numberDigits("%"), "");
}

TEST(NumberDigits, EmptyForNamesFeatureCodesAndJunk)
{
    EXPECT_EQ(numberDigits(""), "");
    EXPECT_EQ(numberDigits("alice"), "");
    EXPECT_EQ(numberDigits("alice201"), "");
    EXPECT_EQ(numberDigits("201b"), "");
    EXPECT_EQ(numberDigits("+"), "");
    EXPECT_EQ(numberDigits("()-. "), "");
    EXPECT_EQ(numberDigits(";phone-context=+1"), "");
    // Feature and service codes instruct the switch; they are not phone numbers.
    EXPECT_EQ(numberDigits("*97"), "");
    EXPECT_EQ(numberDigits("*67 5551234567"), "");
    EXPECT_EQ(numberDigits("#31#5551234567"), "");
    EXPECT_EQ(numberDigits("5551234567#"), "");
    // '+' only leads.
    EXPECT_EQ(numberDigits("1+5551234567"), "");
    EXPECT_EQ(numberDigits("++15551234567"), "");
    EXPECT_EQ(numberDigits("5551234567@pbx.example"), "");
    EXPECT_EQ(numberDigits("555_1234"), "");
    EXPECT_EQ(numberDigits(std::string("555\0"
                                       "1234",
                  8)),
        "");
    EXPECT_EQ(numberDigits("\xff\xfe"
                           "5551234"),
        "");
    EXPECT_EQ(numberDigits("\xd9\xa1\xd9\xa2"), ""); // Arabic-Indic digits are not ASCII digits
}

TEST(NumberForm, EachForm)
{
    EXPECT_EQ(numberForm("+15551234567"), NumberForm::E164);
    EXPECT_EQ(numberForm("+4930123456"), NumberForm::E164);
    EXPECT_EQ(numberForm("+1 555 123 4567"), NumberForm::E164);
    EXPECT_EQ(numberForm("%2B4930123456"), NumberForm::E164);
    EXPECT_EQ(numberForm("004930123456"), NumberForm::International00);
    EXPECT_EQ(numberForm("0114930123456"), NumberForm::International011);
    EXPECT_EQ(numberForm("030123456"), NumberForm::NationalTrunkPrefix);
    EXPECT_EQ(numberForm("15551234567"), NumberForm::NationalTrunkPrefix);
    EXPECT_EQ(numberForm("1-555-123-4567"), NumberForm::NationalTrunkPrefix);
    EXPECT_EQ(numberForm("5551234567"), NumberForm::Subscriber);
    EXPECT_EQ(numberForm("5551234"), NumberForm::Subscriber);
    EXPECT_EQ(numberForm("201"), NumberForm::Subscriber);
    EXPECT_EQ(numberForm("0"), NumberForm::Subscriber); // the operator, not a trunk prefix
    EXPECT_EQ(numberForm("0123"), NumberForm::Subscriber);
    EXPECT_EQ(numberForm("25551234567"), NumberForm::Subscriber); // 11 digits, but not NANP's 1
    EXPECT_EQ(numberForm("1555123456"), NumberForm::Subscriber); // 10 digits starting with 1
    EXPECT_EQ(numberForm("alice"), NumberForm::NotANumber);
    EXPECT_EQ(numberForm("*97"), NumberForm::NotANumber);
    EXPECT_EQ(numberForm(""), NumberForm::NotANumber);
}

TEST(NumberForm, Descriptions)
{
    EXPECT_EQ(describeNumberForm("+15551234567"), "E.164 form (+15551234567)");
    EXPECT_EQ(describeNumberForm("5551234567"), "10-digit national form (5551234567)");
    EXPECT_EQ(describeNumberForm("15551234567"), "11-digit form with the national prefix 1 (15551234567)");
    EXPECT_EQ(describeNumberForm("004930123456"), "international form with 00 (004930123456)");
    EXPECT_EQ(describeNumberForm("0114930123456"), "international form with 011 (0114930123456)");
    EXPECT_EQ(describeNumberForm("030123456"), "national form with trunk prefix 0 (030123456)");
    EXPECT_EQ(describeNumberForm("5551234"), "7-digit local form (5551234)");
    EXPECT_EQ(describeNumberForm("201"), "3-digit extension (201)");
    EXPECT_EQ(describeNumberForm("12345678"), "8-digit form (12345678)");
    EXPECT_EQ(describeNumberForm("alice"), "not a phone number (alice)");
    EXPECT_EQ(describeNumberForm("*97"), "feature code (*97)");
    EXPECT_EQ(describeNumberForm("#31#"), "feature code (#31#)");
    EXPECT_EQ(describeNumberForm("*97a"), "not a phone number (*97a)");
    EXPECT_EQ(describeNumberForm(""), "not a phone number (empty)");
    // Numbers are repeated normalised.
    EXPECT_EQ(describeNumberForm("+1 (555) 123-4567;phone-context=x"), "E.164 form (+15551234567)");
    EXPECT_EQ(describeNumberForm("%2B4930123456"), "E.164 form (+4930123456)");
    EXPECT_EQ(numberFormName("+4930123456"), "E.164 form");
    EXPECT_EQ(numberFormName("555-123-4567"), "10-digit national form");
    EXPECT_EQ(numberFormName("bob"), "not a phone number");
}

TEST(SameNumber, ContractExamples)
{
    EXPECT_TRUE(sameNumber("+15551234567", "5551234567"));
    EXPECT_TRUE(sameNumber("5551234567", "15551234567"));
    EXPECT_TRUE(sameNumber("+15551234567", "15551234567"));
    EXPECT_TRUE(sameNumber("+4930123456", "030123456"));
    EXPECT_TRUE(sameNumber("0114930123456", "+4930123456"));
    EXPECT_TRUE(sameNumber("004930123456", "+4930123456"));
    EXPECT_FALSE(sameNumber("5551234567", "5551234568"));
}

TEST(SameNumber, EqualPairsBothWays)
{
    const std::vector<std::pair<std::string, std::string>> same = {
        { "004930123456", "0114930123456" }, { "004930123456", "030123456" }, { "+1 (555) 123-4567", "555.123.4567" },
        { "+15551234567;phone-context=+1", "5551234567" }, { "%2B15551234567", "5551234567" },
        { "5551234567", "5551234567" }, { "555-1234", "5551234" }, { "201", "201" }, { "alice", "alice" },
        { "*97", "*97" }, { "+442071234567", "02071234567" }, { "+33123456789", "0123456789" },
        { "5551234", "15551234" }, // 7 digits, one in front
        { "1234567", "5551234567" }, // 7-digit local against 10-digit: 3 in front
    };
    for (const auto& [a, b] : same) {
        EXPECT_TRUE(sameNumber(a, b)) << a << " / " << b;
        EXPECT_TRUE(sameNumber(b, a)) << b << " / " << a;
    }
}

TEST(SameNumber, DifferentPairsBothWays)
{
    const std::vector<std::pair<std::string, std::string>> different = {
        { "5551234567", "5551234568" },
        { "+15551234567", "+15551234568" },
        { "+4930123456", "+4930123457" },
        { "+4930123456", "031123456" },
        { "201", "1201" }, // short strings only when identical
        { "201", "0201" },
        { "201", "+201x" },
        { "123456", "0123456" }, // the shorter has only 6 digits
        { "123456", "99123456" },
        { "4930123456", "22344930123456" }, // 4 digits in front
        { "5551234567", "5551234567890" }, // a suffix is not a prefix
        { "alice", "Alice" }, // names only when identical (user parts are case-sensitive)
        { "alice", "bob" },
        { "alice", "" },
        { "", "5551234567" },
        { "*97", "97" },
        { "*975551234567", "5551234567" },
        { "5551234567", "5551234567@x" },
        { "+442079460958", "+12079460958" }, // two E.164 numbers: another country code, another number
        { "+4930123456", "+14930123456" },
    };
    for (const auto& [a, b] : different) {
        EXPECT_FALSE(sameNumber(a, b)) << a << " / " << b;
        EXPECT_FALSE(sameNumber(b, a)) << b << " / " << a;
    }
}

TEST(SameNumber, PrefixAndCountryCodeLimits)
{
    // Up to three digits of country code in front of a 7-digit number, and no more.
    EXPECT_TRUE(sameNumber("1234567", "11234567"));
    EXPECT_TRUE(sameNumber("1234567", "991234567"));
    EXPECT_TRUE(sameNumber("1234567", "9991234567"));
    EXPECT_FALSE(sameNumber("1234567", "99991234567"));
    // ... unless one of the listed prefixes accounts for the extra digits.
    EXPECT_TRUE(sameNumber("1234567", "009991234567"));
    EXPECT_TRUE(sameNumber("1234567", "0119991234567"));
    EXPECT_FALSE(sameNumber("1234567", "0999991234567"));
    // Six digits are never enough, whatever the prefix.
    EXPECT_FALSE(sameNumber("234567", "1234567"));
    EXPECT_FALSE(sameNumber("234567", "0234567"));
    EXPECT_TRUE(sameNumber("234567", "234567"));
}

TEST(SameNumber, AgreesWithAReadingOfTheRuleOnRandomNumbers)
{
    // An independent, slow reading of CONTRACT.md: strip at most one listed prefix from each side
    // (or none), then compare by suffix with the length limits.
    auto reference = [](const std::string& a, const std::string& b) {
        if (a == b)
            return true;
        auto variants = [](const std::string& d) {
            std::vector<std::string> out { d };
            for (const std::string prefix : { "00", "011", "0", "1" })
                if (d.rfind(prefix, 0) == 0)
                    out.push_back(d.substr(prefix.size()));
            return out;
        };
        for (const auto& x : variants(a))
            for (const auto& y : variants(b)) {
                const auto& s = x.size() <= y.size() ? x : y;
                const auto& l = x.size() <= y.size() ? y : x;
                if (s.size() >= 7 && l.size() - s.size() <= 3 && l.compare(l.size() - s.size(), s.size(), s) == 0)
                    return true;
            }
        return false;
    };
    std::mt19937 random(20261124);
    std::uniform_int_distribution<int> digit(0, 9);
    std::uniform_int_distribution<int> length(0, 4);
    std::uniform_int_distribution<int> coin(0, 3);
    int matches = 0;
    for (int i = 0; i < 20000; ++i) {
        std::string core;
        const int coreLength = 5 + length(random);
        for (int k = 0; k < coreLength; ++k)
            core.push_back(static_cast<char>('0' + digit(random)));
        auto decorate = [&](std::string number) {
            const int extra = length(random);
            std::string front;
            for (int k = 0; k < extra; ++k)
                front.push_back(static_cast<char>('0' + (coin(random) == 0 ? 0 : digit(random))));
            if (coin(random) == 0)
                number.back() = static_cast<char>('0' + digit(random));
            return front + number;
        };
        const std::string a = decorate(core);
        const std::string b = decorate(core);
        const bool expected = reference(a, b);
        matches += expected ? 1 : 0;
        ASSERT_EQ(sameNumber(a, b), expected) << a << " / " << b;
        ASSERT_EQ(sameNumber(b, a), expected) << b << " / " << a;
        // Separators and a leading '+' change nothing.
        ASSERT_EQ(sameNumber("+" + a, b.substr(0, 2) + "-" + b.substr(2)), expected) << a << " / " << b;
    }
    // The generator produces both outcomes in quantity, so the loop checks something.
    EXPECT_GT(matches, 2000);
    EXPECT_LT(matches, 18000);
}

TEST(NumberMatch, JunkNeverCrashes)
{
    std::mt19937 random(7);
    std::uniform_int_distribution<int> byte(0, 255);
    std::uniform_int_distribution<int> length(0, 40);
    const std::string alphabet = "0123456789+-.() ;%2Bab*#";
    std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
    for (int i = 0; i < 5000; ++i) {
        std::string a;
        std::string b;
        const int n = length(random);
        for (int k = 0; k < n; ++k) {
            a.push_back(static_cast<char>(byte(random)));
            b.push_back(alphabet[pick(random)]);
        }
        for (const std::string& text : { a, b }) {
            const std::string digits = numberDigits(text);
            for (const char c : digits)
                ASSERT_TRUE(c >= '0' && c <= '9');
            EXPECT_EQ(numberForm(text) == NumberForm::NotANumber, digits.empty());
            EXPECT_FALSE(describeNumberForm(text).empty());
            EXPECT_TRUE(sameNumber(text, text));
        }
        EXPECT_EQ(sameNumber(a, b), sameNumber(b, a));
    }
}
