// SPDX-License-Identifier: Apache-2.0
#include "sip/sip_start_line.h"

#include <gtest/gtest.h>

using namespace sipladder::core;

TEST(SipStartLine, RecognisesRequestAndStatusLines)
{
    EXPECT_TRUE(looksLikeSipStart(asBytes("INVITE sip:bob@example.test SIP/2.0\r\nVia: x\r\n")));
    EXPECT_TRUE(looksLikeSipStart(asBytes("SIP/2.0 404 Not Found\r\n")));
    EXPECT_TRUE(looksLikeSipStart(asBytes("SIP/2.0 200\r\n")));
    EXPECT_TRUE(looksLikeSipStart(asBytes("FOO-BAR tel:+15551234567 SIP/2.0\n")));
    EXPECT_TRUE(looksLikeSipStart(asBytes("sip/2.0 180 Ringing\r\n")));
}

TEST(SipStartLine, RejectsOtherProtocols)
{
    EXPECT_FALSE(looksLikeSipStart(asBytes("GET / HTTP/1.1\r\nHost: x\r\n")));
    EXPECT_FALSE(looksLikeSipStart(asBytes("HTTP/1.1 101 Switching Protocols\r\n")));
    EXPECT_FALSE(looksLikeSipStart(asBytes("\r\n\r\n")));
    EXPECT_FALSE(looksLikeSipStart(asBytes("INVITE  SIP/2.0\r\n")));
    EXPECT_FALSE(looksLikeSipStart(asBytes("SIP/2.0 20 OK\r\n")));
    EXPECT_FALSE(looksLikeSipStart(asBytes("INVITE nocolon SIP/2.0\r\n")));
    EXPECT_FALSE(looksLikeSipStart(asBytes("")));
}

TEST(SipStartLine, RejectsControlCharactersInTheStartLine)
{
    using namespace std::string_literals;
    EXPECT_FALSE(looksLikeSipStart(asBytes("SIP/2.0 401 Unauthori%s\0\r\nCall-ID: x\r\n"s)));
    EXPECT_FALSE(looksLikeSipStart(asBytes("INVITE sip:0%s\0002392@example.test SIP/2.0\r\n"s)));
    EXPECT_FALSE(looksLikeSipStart(asBytes("SIP/2.0 200 O\x1bK\r\n"s)));
    EXPECT_TRUE(looksLikeSipStart(asBytes("SIP/2.0 200 \tOK \xC3\xA9t\xC3\xA9\r\n"s)));
}

TEST(SipStartLine, FindsStartLineAfterJunkAtALineStart)
{
    const auto text = asBytes("garbage line\r\nmore junk\nREGISTER sip:example.test SIP/2.0\r\n");
    auto found = findSipStart(text);
    ASSERT_TRUE(found.has_value());
    EXPECT_EQ(*found, 24u);
    EXPECT_FALSE(findSipStart(asBytes("no sip here\r\nnor here\r\n")).has_value());
}
