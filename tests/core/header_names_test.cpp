// SPDX-License-Identifier: Apache-2.0
#include "sip/header_names.h"
#include "sip/sip_method.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

using namespace sipladder::core;

namespace {

std::string toUpper(std::string_view text)
{
    std::string out(text);
    for (char& c : out)
        c = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
    return out;
}

std::string toLower(std::string_view text)
{
    std::string out(text);
    for (char& c : out)
        c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    return out;
}

} // namespace

TEST(HeaderNames, EveryCanonicalNameMapsBackInAnyCase)
{
    for (std::size_t i = 0; i + 1 < kHeaderIdCount; ++i) {
        const auto id = static_cast<HeaderId>(i);
        const auto name = canonicalHeaderName(id);
        ASSERT_FALSE(name.empty()) << i;
        EXPECT_EQ(headerIdOf(name), id) << name;
        EXPECT_EQ(headerIdOf(toUpper(name)), id) << name;
        EXPECT_EQ(headerIdOf(toLower(name)), id) << name;
    }
    EXPECT_TRUE(canonicalHeaderName(HeaderId::Other).empty());
}

TEST(HeaderNames, CanonicalSpellings)
{
    EXPECT_EQ(canonicalHeaderName(HeaderId::CallId), "Call-ID");
    EXPECT_EQ(canonicalHeaderName(HeaderId::CSeq), "CSeq");
    EXPECT_EQ(canonicalHeaderName(HeaderId::WwwAuthenticate), "WWW-Authenticate");
    EXPECT_EQ(canonicalHeaderName(HeaderId::XCid), "X-CID");
    EXPECT_EQ(canonicalHeaderName(HeaderId::PAssertedIdentity), "P-Asserted-Identity");
}

TEST(HeaderNames, CompactFormsFromTheIanaRegistry)
{
    const std::pair<char, HeaderId> expected[] = {
        { 'a', HeaderId::AcceptContact },
        { 'b', HeaderId::ReferredBy },
        { 'c', HeaderId::ContentType },
        { 'd', HeaderId::RequestDisposition },
        { 'e', HeaderId::ContentEncoding },
        { 'f', HeaderId::From },
        { 'i', HeaderId::CallId },
        { 'j', HeaderId::RejectContact },
        { 'k', HeaderId::Supported },
        { 'l', HeaderId::ContentLength },
        { 'm', HeaderId::Contact },
        { 'n', HeaderId::IdentityInfo },
        { 'o', HeaderId::Event },
        { 'r', HeaderId::ReferTo },
        { 's', HeaderId::Subject },
        { 't', HeaderId::To },
        { 'u', HeaderId::AllowEvents },
        { 'v', HeaderId::Via },
        { 'x', HeaderId::SessionExpires },
        { 'y', HeaderId::Identity },
    };
    for (const auto& [letter, id] : expected) {
        const char lower[2] = { letter, 0 };
        const char upper[2] = { static_cast<char>(letter - 'a' + 'A'), 0 };
        EXPECT_EQ(headerIdOf(lower), id) << letter;
        EXPECT_EQ(headerIdOf(upper), id) << letter;
        EXPECT_EQ(compactHeaderForm(id), letter);
    }
    EXPECT_EQ(headerIdOf("g"), HeaderId::Other);
    EXPECT_EQ(headerIdOf("z"), HeaderId::Other);
    EXPECT_EQ(headerIdOf("-"), HeaderId::Other);
    EXPECT_EQ(compactHeaderForm(HeaderId::CSeq), 0);
}

TEST(HeaderNames, UnknownAndNearMissNamesAreOther)
{
    EXPECT_EQ(headerIdOf(""), HeaderId::Other);
    EXPECT_EQ(headerIdOf("X-Custom"), HeaderId::Other);
    EXPECT_EQ(headerIdOf("Call-IDs"), HeaderId::Other);
    EXPECT_EQ(headerIdOf("Call_ID"), HeaderId::Other);
    EXPECT_EQ(headerIdOf("Via "), HeaderId::Other);
    EXPECT_EQ(headerIdOf("Fro"), HeaderId::Other);
    // '-' and '\r' differ only in bit 5; a sloppy case fold would confuse them.
    EXPECT_EQ(headerIdOf("Call\rID"), HeaderId::Other);
    EXPECT_EQ(headerIdOf(std::string(300, 'a')), HeaderId::Other);
}

TEST(HeaderNames, CorrelationHeadersHaveTheirOwnIds)
{
    EXPECT_EQ(headerIdOf("x-cid"), HeaderId::XCid);
    EXPECT_EQ(headerIdOf("X-Call-Id"), HeaderId::XCallId);
    EXPECT_EQ(headerIdOf("x-orig-call-id"), HeaderId::XOrigCallId);
    EXPECT_EQ(headerIdOf("X-ORIGINAL-CALL-ID"), HeaderId::XOriginalCallId);
    EXPECT_EQ(headerIdOf("Session-ID"), HeaderId::SessionId);
}

TEST(HeaderNames, ListHeaders)
{
    EXPECT_TRUE(isListHeader(HeaderId::Via));
    EXPECT_TRUE(isListHeader(HeaderId::Contact));
    EXPECT_TRUE(isListHeader(HeaderId::Route));
    EXPECT_TRUE(isListHeader(HeaderId::Allow));
    EXPECT_FALSE(isListHeader(HeaderId::WwwAuthenticate));
    EXPECT_FALSE(isListHeader(HeaderId::Authorization));
    EXPECT_FALSE(isListHeader(HeaderId::Date));
    EXPECT_FALSE(isListHeader(HeaderId::Subject));
    EXPECT_FALSE(isListHeader(HeaderId::Other));
}

namespace {

// The parser's lookup reads 16 bytes at the name: give it the name followed by other bytes.
HeaderId paddedLookup(std::string_view name, char filler = ':')
{
    std::string padded(name);
    padded.resize(name.size() + 16, filler);
    return detail::headerIdOfPadded(padded.data(), name.size());
}

} // namespace

TEST(HeaderNames, PaddedLookupAgreesWithHeaderIdOf)
{
    std::vector<std::string> names;
    for (std::size_t i = 0; i + 1 < kHeaderIdCount; ++i) {
        const auto name = canonicalHeaderName(static_cast<HeaderId>(i));
        names.emplace_back(name);
        names.push_back(toUpper(name));
        names.push_back(toLower(name));
        names.push_back(std::string(name.substr(0, name.size() - 1))); // one short
        names.push_back(std::string(name) + "s"); // one long
        std::string swapped(name); // '-' and '\r' differ only in bit 5
        for (char& c : swapped)
            c = c == '-' ? '\r' : c;
        names.push_back(swapped);
        if (const char compact = compactHeaderForm(static_cast<HeaderId>(i))) {
            names.emplace_back(1, compact);
            names.emplace_back(1, static_cast<char>(compact - 'a' + 'A'));
        }
    }
    for (const char* other : { "", "g", "z", "-", "@", "\x80", "X-Custom", "Via ", "Call_ID", "CSeq\t" })
        names.emplace_back(other);
    for (const auto& name : names) {
        const HeaderId expected = name.size() <= 15 ? headerIdOf(name) : HeaderId::Other;
        EXPECT_EQ(paddedLookup(name), expected) << name;
        EXPECT_EQ(paddedLookup(name, 'x'), expected) << name;
        EXPECT_EQ(paddedLookup(name, '\0'), expected) << name;
    }
    EXPECT_EQ(paddedLookup("Via"), HeaderId::Via);
    EXPECT_EQ(paddedLookup("content-length"), HeaderId::ContentLength);
    EXPECT_EQ(paddedLookup("Max-Forwards"), HeaderId::MaxForwards);
    EXPECT_EQ(paddedLookup("X-CID"), HeaderId::XCid);
    EXPECT_EQ(paddedLookup("X-Orig-Call-ID"), HeaderId::XOrigCallId);
    EXPECT_EQ(paddedLookup("Content-Encoding"), HeaderId::Other); // 16 bytes: beyond the padded lookup

    // Random names made of the letters of real names, every case mix.
    std::mt19937 random(5);
    const std::string_view alphabet = "aAcCdDeEfFiIlLmMnNoOrRsStTvVxX-\r_";
    for (int round = 0; round < 50000; ++round) {
        std::string name;
        const std::size_t length = 1 + random() % 15;
        for (std::size_t i = 0; i < length; ++i)
            name.push_back(alphabet[random() % alphabet.size()]);
        EXPECT_EQ(paddedLookup(name, static_cast<char>(random())), headerIdOf(name)) << name;
    }
}

TEST(SipMethod, ParsesKnownMethodsToleratingCase)
{
    const SipMethod all[] = { SipMethod::Invite, SipMethod::Ack, SipMethod::Bye, SipMethod::Cancel, SipMethod::Register,
        SipMethod::Options, SipMethod::Info, SipMethod::Update, SipMethod::Prack, SipMethod::Subscribe,
        SipMethod::Notify, SipMethod::Publish, SipMethod::Message, SipMethod::Refer };
    for (auto method : all) {
        const auto name = sipMethodName(method);
        EXPECT_EQ(parseSipMethod(name), method) << name;
        EXPECT_EQ(parseSipMethod(toLower(name)), method) << name;
    }
    EXPECT_EQ(parseSipMethod("InViTe"), SipMethod::Invite);
    EXPECT_EQ(parseSipMethod("INVITES"), SipMethod::Unknown);
    EXPECT_EQ(parseSipMethod("INVIT"), SipMethod::Unknown);
    EXPECT_EQ(parseSipMethod("FOO"), SipMethod::Unknown);
    EXPECT_EQ(parseSipMethod(""), SipMethod::Unknown);
    EXPECT_EQ(sipMethodName(SipMethod::Unknown), "UNKNOWN");
}
