// SPDX-License-Identifier: Apache-2.0
#include "sip/byte_scan.h"

#include <gtest/gtest.h>

#include <memory>
#include <random>
#include <string>
#include <string_view>

using namespace sipladder::core;

namespace {

// A heap copy of exactly `text.size()` bytes, so that AddressSanitizer catches any load past it.
struct ExactBuffer {
    explicit ExactBuffer(std::string_view text)
        : bytes(new char[text.size() + 1])
        , size(text.size())
    {
        text.copy(bytes.get(), text.size());
    }
    const char* begin() const { return bytes.get(); }
    const char* end() const { return bytes.get() + size; }

    std::unique_ptr<char[]> bytes;
    std::size_t size;
};

const char* naiveFind(const char* from, const char* end, std::string_view set)
{
    while (from < end && set.find(*from) == std::string_view::npos)
        ++from;
    return from;
}

const char* naiveUnquoted(const char* from, const char* end, bool stopAtSemicolon)
{
    const std::string_view text(from, static_cast<std::size_t>(end - from));
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == ',' || (stopAtSemicolon && text[i] == ';'))
            return from + i;
        if (text[i] != '"')
            continue;
        for (++i; i < text.size() && text[i] != '"'; ++i) {
            if (text[i] == '\\')
                ++i;
        }
    }
    return end;
}

std::string randomText(std::mt19937& random, std::size_t length, std::string_view alphabet)
{
    std::string text;
    for (std::size_t i = 0; i < length; ++i)
        text.push_back(alphabet[random() % alphabet.size()]);
    return text;
}

} // namespace

TEST(ByteScan, FindsTheFirstMatchAtEveryOffsetAndLength)
{
    // Lengths around the 16-byte block size, every start offset: the tail load ends exactly at `end`.
    std::mt19937 random(7);
    for (std::size_t length = 0; length <= 50; ++length) {
        for (int round = 0; round < 20; ++round) {
            const ExactBuffer buffer(randomText(random, length, "abcdefgh \t\n;,<>\"\\"));
            for (const char* from = buffer.begin(); from <= buffer.end(); ++from) {
                EXPECT_EQ(
                    detail::findLineFeed(buffer.begin(), from, buffer.end()), naiveFind(from, buffer.end(), "\n"));
                EXPECT_EQ(detail::findEither(buffer.begin(), from, buffer.end(), ' ', '\t'),
                    naiveFind(from, buffer.end(), " \t"));
                EXPECT_EQ(detail::findValueSpecial(buffer.begin(), from, buffer.end()),
                    naiveFind(from, buffer.end(), "\"<>;,"));
            }
        }
    }
}

// Control bytes in text, compared unsigned: bytes of UTF-8 (0x80 and up) are no control bytes.
TEST(ByteScan, FindsTheFirstByteAtOrBelowALimit)
{
    std::mt19937 random(11);
    for (std::size_t length = 0; length <= 50; ++length) {
        for (int round = 0; round < 20; ++round) {
            const ExactBuffer buffer(randomText(random, length, std::string("ab \t\x1b\r\x1c\x7f\xc3\xa9", 10)));
            for (const char* from = buffer.begin(); from <= buffer.end(); ++from) {
                const char* expected = from;
                while (expected < buffer.end() && static_cast<unsigned char>(*expected) > 0x1b)
                    ++expected;
                EXPECT_EQ(detail::findByteAtOrBelow(buffer.begin(), from, buffer.end(), 0x1b), expected);
            }
        }
    }
}

TEST(ByteScan, SpecialMaskCoversSixteenBytesOrUpToTheEnd)
{
    const ExactBuffer buffer("ab;cd<ef>gh,ij\"kl;mn");
    for (const char* from = buffer.begin(); from <= buffer.end(); ++from) {
        unsigned expected = 0;
        for (int i = 0; i < 16 && from + i < buffer.end(); ++i) {
            if (std::string_view("\"<>;,").find(from[i]) != std::string_view::npos)
                expected |= 1u << i;
        }
        EXPECT_EQ(detail::valueSpecialMask(buffer.begin(), from, buffer.end()), expected)
            << "offset " << (from - buffer.begin());
    }
    // Shorter than a block: no wide load at all.
    const ExactBuffer shortBuffer("a;b");
    EXPECT_EQ(detail::valueSpecialMask(shortBuffer.begin(), shortBuffer.begin(), shortBuffer.end()), 0b10u);
}

TEST(ByteScan, QuotedStringsAndUnquotedSeparators)
{
    const ExactBuffer escaped(R"("a\"b;c",d;e)");
    EXPECT_EQ(detail::skipQuotedString(escaped.begin(), escaped.begin(), escaped.end()) - escaped.begin(), 8);
    EXPECT_EQ(detail::findUnquoted<true>(escaped.begin(), escaped.begin(), escaped.end()) - escaped.begin(), 8);
    EXPECT_EQ(detail::findUnquoted<false>(escaped.begin(), escaped.begin() + 9, escaped.end()), escaped.end());

    const ExactBuffer unterminated(R"(x;"never closed, ; \)");
    EXPECT_EQ(detail::skipQuotedString(unterminated.begin(), unterminated.begin() + 2, unterminated.end()),
        unterminated.end());
    EXPECT_EQ(detail::findUnquoted<false>(unterminated.begin(), unterminated.begin(), unterminated.end()),
        unterminated.end());

    std::mt19937 random(11);
    for (std::size_t length = 0; length <= 60; ++length) {
        for (int round = 0; round < 30; ++round) {
            const ExactBuffer buffer(randomText(random, length, "ab;,\"\\<>  xyz"));
            for (const char* from = buffer.begin(); from <= buffer.end(); ++from) {
                EXPECT_EQ(detail::findUnquoted<true>(buffer.begin(), from, buffer.end()),
                    naiveUnquoted(from, buffer.end(), true));
                EXPECT_EQ(detail::findUnquoted<false>(buffer.begin(), from, buffer.end()),
                    naiveUnquoted(from, buffer.end(), false));
            }
        }
    }
}

// scanLine finds the line feed and the first control byte before it in one pass, as two plain
// searches would, at every length and position (blocks of 16 and the byte-by-byte rest).
TEST(ByteScan, LineScanFindsTheLineFeedAndTheFirstControlByte)
{
    std::mt19937 random(5);
    const std::string alphabet = "abcXYZ: -=;\t\r\x1b\n\x01\x7f\x80\xff";
    for (int round = 0; round < 20000; ++round) {
        std::string text;
        const std::size_t length = random() % 70;
        for (std::size_t i = 0; i < length; ++i)
            text += random() % 4 == 0 ? alphabet[random() % alphabet.size()] : static_cast<char>('a' + random() % 26);
        const ExactBuffer buffer(text);
        const detail::LineScan scan = detail::scanLine(buffer.begin(), buffer.end(), 0x1b);
        const auto feed = text.find('\n');
        const std::size_t expectedFeed = feed == std::string::npos ? text.size() : feed;
        std::size_t expectedControl = text.size();
        for (std::size_t i = 0; i < text.size(); ++i) {
            if (static_cast<unsigned char>(text[i]) <= 0x1b) {
                expectedControl = i;
                break;
            }
        }
        EXPECT_EQ(static_cast<std::size_t>(scan.lineFeed - buffer.begin()), expectedFeed) << round;
        EXPECT_EQ(static_cast<std::size_t>(scan.firstControl - buffer.begin()), std::min(expectedControl, expectedFeed))
            << round;
    }
}
