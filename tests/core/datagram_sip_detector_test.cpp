// SPDX-License-Identifier: Apache-2.0
#include "net/datagram_sip_detector.h"

#include <gtest/gtest.h>

#include <string>

using namespace sipladder::core;

namespace {

const std::string kRegister = "REGISTER sip:example.test SIP/2.0\r\nCall-ID: a\r\nContent-Length: 0\r\n\r\n";

} // namespace

TEST(DatagramSipDetector, SipOnAnyPortAndLeadingLineEndsSkipped)
{
    auto scan = DatagramSipDetector::scan(asBytes(kRegister), false);
    EXPECT_EQ(scan.kind, DatagramKind::Sip);
    EXPECT_EQ(scan.sip.data(), asBytes(kRegister).data());
    EXPECT_EQ(scan.skippedBytes, 0u);

    const std::string prefixed = "\r\n\r\n" + kRegister;
    scan = DatagramSipDetector::scan(asBytes(prefixed), false);
    EXPECT_EQ(scan.kind, DatagramKind::Sip);
    EXPECT_EQ(scan.skippedBytes, 4u);
    EXPECT_EQ(asText(scan.sip), kRegister);

    scan = DatagramSipDetector::scan(asBytes("SIP/2.0 200 OK\r\n\r\n"), false);
    EXPECT_EQ(scan.kind, DatagramKind::Sip);
}

TEST(DatagramSipDetector, KeepAlivesAndOtherTraffic)
{
    for (const char* keepAlive : { "\r\n\r\n", "\r\n", " ", "\n\t \r\n" })
        EXPECT_EQ(DatagramSipDetector::scan(asBytes(keepAlive), true).kind, DatagramKind::KeepAlive) << keepAlive;
    EXPECT_EQ(DatagramSipDetector::scan({}, true).kind, DatagramKind::NotSip);
    const std::uint8_t rtp[] = { 0x80, 0x00, 0x12, 0x34, 0, 0, 0, 1, 0, 0, 0, 2, 0xFF, 0xFE };
    EXPECT_EQ(DatagramSipDetector::scan(rtp, true).kind, DatagramKind::NotSip);
    EXPECT_EQ(DatagramSipDetector::scan(asBytes("GET / HTTP/1.1\r\n\r\n"), true).kind, DatagramKind::NotSip);
}

TEST(DatagramSipDetector, JunkBeforeSipOnlyOnSipPortsAndOnlyAtALineStart)
{
    const std::string junk = std::string("\x00\x00\x00\x00 junk\r\n", 11) + kRegister;
    auto scan = DatagramSipDetector::scan(asBytes(junk), true);
    EXPECT_EQ(scan.kind, DatagramKind::SipAfterJunk);
    EXPECT_EQ(scan.skippedBytes, 11u);
    EXPECT_EQ(asText(scan.sip), kRegister);

    EXPECT_EQ(DatagramSipDetector::scan(asBytes(junk), false).kind, DatagramKind::NotSip);
    // Not at a line start: not SIP ("junkREGISTER" would be a valid extension method).
    const std::string glued = "\x01\x02" + kRegister;
    EXPECT_EQ(DatagramSipDetector::scan(asBytes(glued), true).kind, DatagramKind::NotSip);
    // Too far in: not SIP.
    const std::string far = std::string(DatagramSipDetector::kJunkSearchLimit + 10, 'x') + "\n" + kRegister;
    EXPECT_EQ(DatagramSipDetector::scan(asBytes(far), true).kind, DatagramKind::NotSip);
    EXPECT_TRUE(DatagramSipDetector::isSipPort(5060));
    EXPECT_TRUE(DatagramSipDetector::isSipPort(5061));
    EXPECT_FALSE(DatagramSipDetector::isSipPort(5062));
}
