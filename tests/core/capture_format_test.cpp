// SPDX-License-Identifier: Apache-2.0
#include "capture/capture_format.h"

#include <gtest/gtest.h>

#include <string>

using namespace sipladder::core;

namespace {

FormatProbe probe(const std::string& bytes)
{
    return probeCaptureFormat(asBytes(bytes));
}

TEST(CaptureFormat, RecognisesPcapMagicsInBothByteOrders)
{
    EXPECT_EQ(probe(std::string("\xa1\xb2\xc3\xd4rest", 8)).format, CaptureFormat::Pcap);
    EXPECT_EQ(probe(std::string("\xd4\xc3\xb2\xa1rest", 8)).format, CaptureFormat::Pcap);
    EXPECT_EQ(probe(std::string("\xa1\xb2\x3c\x4drest", 8)).format, CaptureFormat::PcapNanosecond);
    EXPECT_EQ(probe(std::string("\x4d\x3c\xb2\xa1rest", 8)).format, CaptureFormat::PcapNanosecond);
    EXPECT_EQ(probe(std::string("\xa1\xb2\xcd\x34rest", 8)).format, CaptureFormat::PcapModified);
    EXPECT_EQ(probe(std::string("\x34\xcd\xb2\xa1rest", 8)).format, CaptureFormat::PcapModified);
    EXPECT_EQ(probe(std::string("\x0a\x0d\x0d\x0a\x1c\0\0\0", 8)).format, CaptureFormat::Pcapng);
    EXPECT_EQ(probe(std::string("\x1f\x8b\x08\x00", 4)).format, CaptureFormat::Gzip);
}

TEST(CaptureFormat, NamesUnsupportedFormats)
{
    EXPECT_EQ(probe("GMBU\x02").format, CaptureFormat::Unsupported);
    EXPECT_EQ(probe("GMBU\x02").name, "Microsoft Network Monitor 2.x");
    EXPECT_EQ(probe("RTSS").name, "Microsoft Network Monitor 1.x");
    EXPECT_EQ(probe(std::string("snoop\0\0\0\0\0\0\2", 12)).name, "Sun snoop");
    EXPECT_EQ(probe(std::string("XCP\0", 4)).name, "NetXRay / Windows Sniffer");
    EXPECT_EQ(probe("iptrace 1.0").name, "AIX iptrace");
    EXPECT_EQ(probe(std::string("\x00\x00\x02\x00\x12\x05\x00\x10", 8)).name, "Tektronix K12");
    EXPECT_EQ(probe("snoo").format, CaptureFormat::Unknown) << "a prefix of a magic is not the magic";
}

TEST(CaptureFormat, ShortPrefixOfAReadableMagicIsTruncated)
{
    const FormatProbe shortPcap = probe(std::string("\xd4\xc3", 2));
    EXPECT_EQ(shortPcap.format, CaptureFormat::Pcap);
    EXPECT_TRUE(shortPcap.truncatedMagic);
    EXPECT_FALSE(probe(std::string("\xd4\xc3\xb2\xa1", 4)).truncatedMagic);
    EXPECT_EQ(probe("ab").format, CaptureFormat::Unknown);
}

TEST(CaptureFormat, TextDetection)
{
    EXPECT_TRUE(looksLikeText(asBytes("INVITE sip:a@b SIP/2.0\r\nVia: x\r\n")));
    EXPECT_TRUE(looksLikeText(asBytes("Grüße aus Köln\n")));
    EXPECT_FALSE(looksLikeText(asBytes(std::string("abc\0def", 7))));
    EXPECT_FALSE(looksLikeText(asBytes(std::string("\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c abc", 14))));
    EXPECT_FALSE(looksLikeText({}));
}

} // namespace
