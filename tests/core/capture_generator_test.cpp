// SPDX-License-Identifier: Apache-2.0
#include "support/capture_generator.h"

#include "capture/capture_reader.h"
#include "sip/sip_start_line.h"
#include "support/test_paths.h"
#include "util/bytes.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <set>
#include <string>
#include <string_view>

using namespace sipladder::testing;
using namespace sipladder::core;

namespace {

// What a generated capture holds, decoded with the project's reader and plain byte arithmetic.
struct Census {
    std::uint64_t frames = 0;
    std::uint64_t sipMessages = 0;
    std::uint64_t rtpFrames = 0;
    std::uint64_t tcpControlFrames = 0;
    std::uint64_t other = 0; // anything that is none of the above: must stay 0
    std::uint64_t badContentLength = 0;
    std::uint64_t timeReversals = 0;
    std::uint64_t rtpRecordBytes = 0;
    std::set<std::string> callIds;
    std::string format;
    ReadStatus end = ReadStatus::EndOfFile;
};

std::string_view headerValue(std::string_view text, std::string_view name)
{
    const std::string key = "\r\n" + std::string(name) + ": ";
    const auto at = text.find(key);
    if (at == std::string_view::npos || at > text.find("\r\n\r\n"))
        return {};
    const auto begin = at + key.size();
    return text.substr(begin, text.find("\r\n", begin) - begin);
}

void checkSip(std::string_view text, Census& census)
{
    const auto headersEnd = text.find("\r\n\r\n");
    const std::size_t bodySize = headersEnd == std::string_view::npos ? 0 : text.size() - headersEnd - 4;
    if (headerValue(text, "Content-Length") != std::to_string(bodySize))
        ++census.badContentLength;
    census.callIds.emplace(headerValue(text, "Call-ID"));
    ++census.sipMessages;
}

bool isRtp(ByteView payload)
{
    return payload.size() == 172 && (payload[0] >> 6) == 2 && ((payload[1] & 0x7F) == 0 || (payload[1] & 0x7F) == 8);
}

Census takeCensus(const std::filesystem::path& path, bool pcapng)
{
    Census census;
    auto opened = openCaptureReader(path.string());
    EXPECT_TRUE(opened.ok());
    if (!opened.ok())
        return census;
    auto& reader = *opened.value();
    census.format = reader.formatName();
    RawFrame frame;
    std::int64_t previous = 0;
    while (true) {
        const auto status = reader.next(frame);
        if (status != ReadStatus::Frame) {
            census.end = status;
            break;
        }
        ++census.frames;
        if (frame.timestampNs < previous)
            ++census.timeReversals;
        previous = frame.timestampNs;
        const auto data = frame.data;
        if (data.size() < 14 + 20 || readBe16(data.data() + 12) != 0x0800 || frame.linkType != 1) {
            ++census.other;
            continue;
        }
        const auto* ip = data.data() + 14;
        const std::size_t ipHeader = (ip[0] & 0x0F) * 4u;
        const std::size_t ipTotal = readBe16(ip + 2);
        if (14 + ipTotal > data.size()) {
            ++census.other;
            continue;
        }
        const auto* transport = ip + ipHeader;
        if (ip[9] == 17) {
            const ByteView payload(transport + 8, readBe16(transport + 4) - 8u);
            if (looksLikeSipStart(payload)) {
                checkSip(asText(payload), census);
            } else if (isRtp(payload)) {
                ++census.rtpFrames;
                census.rtpRecordBytes += pcapng ? 32 + ((data.size() + 3) & ~std::size_t(3)) : 16 + data.size();
            } else {
                ++census.other;
            }
        } else if (ip[9] == 6) {
            const std::size_t tcpHeader = (transport[12] >> 4) * 4u;
            const ByteView payload(transport + tcpHeader, ipTotal - ipHeader - tcpHeader);
            if (payload.empty())
                ++census.tcpControlFrames;
            else if (looksLikeSipStart(payload))
                checkSip(asText(payload), census);
            else
                ++census.other;
        } else {
            ++census.other;
        }
    }
    return census;
}

std::string readFile(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    return { std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>() };
}

} // namespace

TEST(CaptureGenerator, WritesSipAndRtpThatTheReaderReadsBack)
{
    const auto dir = makeTempDir("capture-generator");
    CaptureGeneratorOptions options;
    options.calls = 400;
    options.rtpShare = 0.6;
    options.seed = 5;
    const auto path = dir / "mixed.pcap";
    const auto stats = CaptureGenerator(options).write(path);

    const Census census = takeCensus(path, false);
    EXPECT_EQ(census.format, "pcap");
    EXPECT_EQ(census.end, ReadStatus::EndOfFile);
    EXPECT_EQ(census.frames, stats.frames);
    EXPECT_EQ(census.sipMessages, stats.sipMessages);
    EXPECT_EQ(census.rtpFrames, stats.rtpFrames);
    EXPECT_EQ(census.tcpControlFrames, stats.tcpControlFrames);
    EXPECT_EQ(census.frames, census.sipMessages + census.rtpFrames + census.tcpControlFrames);
    EXPECT_EQ(census.other, 0u);
    EXPECT_EQ(census.badContentLength, 0u);
    EXPECT_EQ(census.timeReversals, 0u);
    EXPECT_EQ(census.callIds.size(), 400u);
    EXPECT_EQ(stats.calls, 400u);
    EXPECT_EQ(stats.fileBytes, std::filesystem::file_size(path));
    EXPECT_EQ(census.rtpRecordBytes, stats.rtpBytes);
    EXPECT_NEAR(stats.rtpShare(), 0.6, 0.03);
    EXPECT_GT(stats.answeredCalls, 280u);
    EXPECT_LT(stats.answeredCalls, 360u);
    std::filesystem::remove_all(dir);
}

TEST(CaptureGenerator, SipOnlyCaptureHasAboutEightMessagesPerCall)
{
    const auto dir = makeTempDir("capture-generator");
    CaptureGeneratorOptions options;
    options.calls = 2000;
    options.startTimeNs = 1'700'000'000LL * 1'000'000'000LL;
    const auto path = dir / "sip.pcap";
    const auto stats = CaptureGenerator(options).write(path);
    const Census census = takeCensus(path, false);
    EXPECT_EQ(census.rtpFrames, 0u);
    EXPECT_EQ(stats.rtpBytes, 0u);
    EXPECT_EQ(census.other, 0u);
    EXPECT_EQ(census.badContentLength, 0u);
    EXPECT_EQ(census.callIds.size(), 2000u);
    const double perCall = double(stats.sipMessages) / double(stats.calls);
    EXPECT_GT(perCall, 7.5);
    EXPECT_LT(perCall, 8.5);
    // ~600 bytes of SIP per message, so that 200 000 calls make about 1 GB.
    const double perMessage = double(stats.sipTextBytes) / double(stats.sipMessages);
    EXPECT_GT(perMessage, 520.0);
    EXPECT_LT(perMessage, 700.0);
    EXPECT_GT(stats.retransmissions, 0u);
    EXPECT_GT(stats.tcpCalls, 0u);
    EXPECT_EQ(stats.firstTimestampNs, options.startTimeNs);
    // 50 new calls a second on average.
    EXPECT_GT(stats.lastTimestampNs - stats.firstTimestampNs, 30LL * 1'000'000'000LL);
    std::filesystem::remove_all(dir);
}

TEST(CaptureGenerator, PcapngIsReadToo)
{
    const auto dir = makeTempDir("capture-generator");
    CaptureGeneratorOptions options;
    options.calls = 150;
    options.rtpShare = 0.9;
    options.format = CaptureFileFormat::Pcapng;
    const auto path = dir / "mixed.pcapng";
    const auto stats = CaptureGenerator(options).write(path);
    const Census census = takeCensus(path, true);
    EXPECT_EQ(census.format, "pcapng");
    EXPECT_EQ(census.frames, stats.frames);
    EXPECT_EQ(census.other, 0u);
    EXPECT_EQ(census.badContentLength, 0u);
    EXPECT_EQ(census.rtpRecordBytes, stats.rtpBytes);
    EXPECT_NEAR(stats.rtpShare(), 0.9, 0.03);
    std::filesystem::remove_all(dir);
}

TEST(CaptureGenerator, SameSeedSameBytes)
{
    const auto dir = makeTempDir("capture-generator");
    CaptureGeneratorOptions options;
    options.calls = 120;
    options.rtpShare = 0.5;
    options.seed = 42;
    CaptureGenerator(options).write(dir / "a.pcap");
    CaptureGenerator(options).write(dir / "b.pcap");
    options.seed = 43;
    CaptureGenerator(options).write(dir / "c.pcap");
    const auto a = readFile(dir / "a.pcap");
    EXPECT_GT(a.size(), 10000u);
    EXPECT_EQ(a, readFile(dir / "b.pcap"));
    EXPECT_NE(a, readFile(dir / "c.pcap"));
    std::filesystem::remove_all(dir);
}

TEST(CaptureGenerator, RejectsImpossibleOptions)
{
    const auto dir = makeTempDir("capture-generator");
    CaptureGeneratorOptions options;
    options.rtpShare = 1.0;
    EXPECT_THROW(CaptureGenerator(options).write(dir / "x.pcap"), std::runtime_error);
    options.rtpShare = 0.0;
    options.callsPerSecond = 0.0;
    EXPECT_THROW(CaptureGenerator(options).write(dir / "x.pcap"), std::runtime_error);
    EXPECT_THROW(CaptureGenerator(CaptureGeneratorOptions {}).write(dir / "missing" / "x.pcap"), std::runtime_error);
    std::filesystem::remove_all(dir);
}
