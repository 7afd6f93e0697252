// SPDX-License-Identifier: Apache-2.0
#include "capture/capture_reader.h"
#include "capture/file_error.h"
#include "capture/pcap_reader.h"
#include "support/capture_file_writer.h"
#include "support/capture_test_helpers.h"
#include "support/test_paths.h"

#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <fstream>
#include <sys/stat.h>
#include <unistd.h>

using namespace sipladder::core;
using namespace sipladder::testing;
namespace fs = std::filesystem;

namespace {

struct Expected {
    std::int64_t tsNs = 0;
    std::uint32_t linkType = 1;
    std::vector<std::uint8_t> bytes;
    std::uint32_t originalLength = 0;
    std::uint64_t offset = 0;
};

constexpr std::int64_t kBaseNs = 1700000000'123456789LL;

std::int64_t microseconds(std::int64_t ns)
{
    return ns - ns % 1000;
}

void writeFile(const fs::path& path, const std::string& content)
{
    std::ofstream out(path, std::ios::binary);
    out << content;
}

std::string readFile(const fs::path& path)
{
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

class CaptureReaderTest : public ::testing::Test {
protected:
    void SetUp() override { m_dir = makeTempDir("capture-reader-test"); }
    void TearDown() override { fs::remove_all(m_dir); }

    fs::path path(const std::string& name) const { return m_dir / name; }

    std::unique_ptr<CaptureReader> open(const fs::path& file)
    {
        auto reader = openCaptureReader(file.string());
        EXPECT_TRUE(reader.ok()) << (reader.ok() ? "" : reader.error().message);
        return reader.ok() ? std::move(reader.value()) : nullptr;
    }

    Error openError(const fs::path& file)
    {
        auto reader = openCaptureReader(file.string());
        EXPECT_FALSE(reader.ok());
        return reader.ok() ? Error {} : reader.error();
    }

    // Writes `count` frames of varying sizes to a pcap; timestamps step by 1.000001001 s.
    std::vector<Expected> writePcap(
        const fs::path& file, int count, bool nanosecond, bool bigEndian, std::uint32_t linkType = 1)
    {
        PcapWriter writer(file, linkType, nanosecond, 262144, bigEndian);
        std::vector<Expected> expected;
        for (int i = 0; i < count; ++i) {
            Expected e;
            e.tsNs = kBaseNs + i * 1000001001LL;
            e.linkType = linkType;
            e.bytes = makeFrameBytes(static_cast<std::uint32_t>(i), 1 + (i * 97) % 1500);
            e.originalLength = static_cast<std::uint32_t>(e.bytes.size());
            e.offset = writer.write(e.tsNs, e.bytes);
            if (!nanosecond)
                e.tsNs = microseconds(e.tsNs);
            expected.push_back(std::move(e));
        }
        writer.close();
        return expected;
    }

    // Interface 0 (Ethernet, ns) with EPBs, comments, SPBs and blocks libpcap skips in between.
    std::vector<Expected> writePcapng(const fs::path& file, int count, bool bigEndian)
    {
        PcapngWriter writer(file, bigEndian);
        writer.addInterface(1, 262144, true);
        std::vector<Expected> expected;
        for (int i = 0; i < count; ++i) {
            Expected e;
            e.linkType = 1;
            e.bytes = makeFrameBytes(static_cast<std::uint32_t>(100 + i), 1 + (i * 131) % 1400);
            e.originalLength = static_cast<std::uint32_t>(e.bytes.size());
            if (i % 5 == 3) {
                e.offset = writer.writeSimple(e.bytes);
                e.tsNs = 0;
            } else {
                e.tsNs = kBaseNs + i * 7000000013LL;
                e.offset = writer.writeEnhanced(0, e.tsNs, e.bytes, i % 3 == 0 ? "comment " + std::to_string(i) : "");
            }
            if (i % 4 == 1) {
                const std::uint8_t statistics[] = { 0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8 };
                writer.writeBlock(5, statistics); // ISB
                writer.writeBlock(4, ByteView()); // NRB with no records
            }
            expected.push_back(std::move(e));
        }
        writer.close();
        return expected;
    }

    void expectFrames(
        CaptureReader& reader, const std::vector<Expected>& expected, ReadStatus endStatus = ReadStatus::EndOfFile)
    {
        const ReadAll all = readAllFrames(reader);
        EXPECT_EQ(all.endStatus, endStatus) << all.problem;
        ASSERT_EQ(all.frames.size(), expected.size());
        auto source = reader.byteSource();
        ASSERT_TRUE(source);
        for (std::size_t i = 0; i < expected.size(); ++i) {
            SCOPED_TRACE("frame " + std::to_string(i + 1));
            const ReadFrame& got = all.frames[i];
            EXPECT_EQ(got.frameNumber, i + 1);
            EXPECT_EQ(got.timestampNs, expected[i].tsNs);
            EXPECT_EQ(got.linkType, expected[i].linkType);
            EXPECT_EQ(got.originalLength, expected[i].originalLength);
            EXPECT_EQ(got.bytes, expected[i].bytes);
            EXPECT_EQ(got.dataFileOffset, expected[i].offset);
            std::string readBack;
            ASSERT_TRUE(source->read(got.dataFileOffset, static_cast<std::uint32_t>(got.bytes.size()), readBack));
            EXPECT_EQ(readBack, std::string(got.bytes.begin(), got.bytes.end()));
        }
    }

    fs::path m_dir;
};

TEST_F(CaptureReaderTest, PcapMicrosecondLittleEndianRoundTrips)
{
    const auto expected = writePcap(path("a.pcap"), 40, false, false);
    auto reader = open(path("a.pcap"));
    ASSERT_TRUE(reader);
    EXPECT_EQ(reader->formatName(), "pcap");
    expectFrames(*reader, expected);
    EXPECT_EQ(reader->bytesConsumed(), reader->bytesTotal());
    EXPECT_EQ(reader->bytesTotal(), fs::file_size(path("a.pcap")));
    RawFrame frame;
    EXPECT_EQ(reader->next(frame), ReadStatus::EndOfFile) << "the end is sticky";
}

TEST_F(CaptureReaderTest, PcapMicrosecondBigEndianRoundTrips)
{
    const auto expected = writePcap(path("be.pcap"), 25, false, true);
    auto reader = open(path("be.pcap"));
    ASSERT_TRUE(reader);
    expectFrames(*reader, expected);
}

TEST_F(CaptureReaderTest, PcapNanosecondBothByteOrdersKeepNanoseconds)
{
    for (const bool bigEndian : { false, true }) {
        SCOPED_TRACE(bigEndian ? "big endian" : "little endian");
        const auto expected = writePcap(path("ns.pcap"), 30, true, bigEndian);
        ASSERT_EQ(expected[1].tsNs % 1000, (kBaseNs + 1000001001LL) % 1000) << "test wants sub-microsecond digits";
        auto reader = open(path("ns.pcap"));
        ASSERT_TRUE(reader);
        EXPECT_EQ(reader->formatName(), "pcap-ns");
        expectFrames(*reader, expected);
    }
}

TEST_F(CaptureReaderTest, TimestampsBeyond2038StayPositive)
{
    PcapWriter writer(path("late.pcap"), 1);
    const std::int64_t late = 4000000000LL * 1000000000LL + 5000;
    writer.write(late, makeFrameBytes(1, 60));
    writer.close();
    auto reader = open(path("late.pcap"));
    ASSERT_TRUE(reader);
    RawFrame frame;
    ASSERT_EQ(reader->next(frame), ReadStatus::Frame);
    EXPECT_EQ(frame.timestampNs, late);
}

TEST_F(CaptureReaderTest, ModifiedPcapWithLongRecordHeadersIsRead)
{
    // Kuznetzov's patched format: magic a1b2cd34 and 24-byte record headers.
    std::string file;
    auto put32 = [&file](std::uint32_t v) {
        for (int i = 0; i < 4; ++i)
            file.push_back(static_cast<char>(v >> (8 * i)));
    };
    put32(0xa1b2cd34);
    put32(0x00040002); // version 2.4
    put32(0);
    put32(0);
    put32(65535);
    put32(1);
    std::vector<Expected> expected;
    for (int i = 0; i < 3; ++i) {
        Expected e;
        e.bytes = makeFrameBytes(static_cast<std::uint32_t>(i), 50 + i * 10);
        e.originalLength = static_cast<std::uint32_t>(e.bytes.size());
        e.tsNs = (1600000000LL + i) * 1000000000LL + 250000000LL;
        put32(static_cast<std::uint32_t>(1600000000 + i));
        put32(250000);
        put32(static_cast<std::uint32_t>(e.bytes.size()));
        put32(static_cast<std::uint32_t>(e.bytes.size()));
        put32(7); // ifindex
        put32(0x00000008); // protocol, packet type, padding
        e.offset = file.size();
        file.append(e.bytes.begin(), e.bytes.end());
        expected.push_back(std::move(e));
    }
    writeFile(path("modified.pcap"), file);
    auto reader = open(path("modified.pcap"));
    ASSERT_TRUE(reader);
    expectFrames(*reader, expected);
}

TEST_F(CaptureReaderTest, LinkTypesAreLinktypeValues)
{
    for (const std::uint32_t linkType : { 0u, 1u, 101u, 108u, 113u, 228u, 229u, 276u }) {
        SCOPED_TRACE("link type " + std::to_string(linkType));
        writePcap(path("link.pcap"), 1, false, false, linkType);
        auto reader = open(path("link.pcap"));
        ASSERT_TRUE(reader);
        RawFrame frame;
        ASSERT_EQ(reader->next(frame), ReadStatus::Frame);
        EXPECT_EQ(frame.linkType, linkType);
    }
}

TEST_F(CaptureReaderTest, OldRawIpLinkTypeNumbersBecomeLinktypeRaw)
{
    // Files written with DLT_RAW's platform value (12 on Linux, 14 on OpenBSD) are raw IP.
    for (const std::uint32_t stored : { 12u, 14u }) {
        writePcap(path("raw.pcap"), 1, false, false, stored);
        auto reader = open(path("raw.pcap"));
        ASSERT_TRUE(reader);
        RawFrame frame;
        ASSERT_EQ(reader->next(frame), ReadStatus::Frame);
        EXPECT_EQ(frame.linkType, static_cast<std::uint32_t>(LinkType::Raw)) << "stored " << stored;
    }
    EXPECT_EQ(PcapReader::linkTypeFromDlt(1), 1u);
    EXPECT_EQ(PcapReader::linkTypeFromDlt(113), 113u);
    EXPECT_EQ(PcapReader::linkTypeFromDlt(276), 276u);
}

TEST_F(CaptureReaderTest, SnapLengthCutFramesKeepTheirOriginalLength)
{
    PcapWriter writer(path("snap.pcap"), 1, false, 96);
    const auto bytes = makeFrameBytes(3, 96);
    const std::uint64_t offset = writer.write(kBaseNs, bytes, 1514);
    writer.close();
    auto reader = open(path("snap.pcap"));
    ASSERT_TRUE(reader);
    expectFrames(*reader, { { microseconds(kBaseNs), 1, bytes, 1514, offset } });
}

TEST_F(CaptureReaderTest, PcapngRoundTripsEnhancedAndSimpleBlocksAndOptions)
{
    for (const bool bigEndian : { false, true }) {
        SCOPED_TRACE(bigEndian ? "big endian" : "little endian");
        const auto expected = writePcapng(path("a.pcapng"), 40, bigEndian);
        auto reader = open(path("a.pcapng"));
        ASSERT_TRUE(reader);
        EXPECT_EQ(reader->formatName(), "pcapng");
        expectFrames(*reader, expected);
        EXPECT_EQ(reader->bytesConsumed(), reader->bytesTotal());
        auto* pcapReader = dynamic_cast<PcapReader*>(reader.get());
        ASSERT_TRUE(pcapReader);
        EXPECT_FALSE(pcapReader->usesOwnPcapngReader()) << "libpcap reads this file itself";
    }
}

TEST_F(CaptureReaderTest, PcapngMicrosecondInterfaceTimestamps)
{
    PcapngWriter writer(path("us.pcapng"));
    writer.addInterface(1, 65535, false);
    const auto bytes = makeFrameBytes(9, 70);
    const std::uint64_t offset = writer.writeEnhanced(0, kBaseNs, bytes);
    writer.close();
    auto reader = open(path("us.pcapng"));
    ASSERT_TRUE(reader);
    expectFrames(*reader, { { microseconds(kBaseNs), 1, bytes, 70, offset } });
}

TEST_F(CaptureReaderTest, TruncatedPcapDeliversEveryCompleteFrameThenTruncated)
{
    const auto expected = writePcap(path("cut.pcap"), 10, false, false);
    // Inside frame 8's data, then inside frame 8's record header.
    for (const std::uint64_t cut : { expected[7].offset + 5, expected[7].offset - 7 }) {
        writePcap(path("cut.pcap"), 10, false, false);
        truncateFile(path("cut.pcap"), cut);
        auto reader = open(path("cut.pcap"));
        ASSERT_TRUE(reader);
        expectFrames(*reader, std::vector<Expected>(expected.begin(), expected.begin() + 7), ReadStatus::Truncated);
        EXPECT_NE(reader->problem().find("cut short"), std::string::npos) << reader->problem();
        RawFrame frame;
        EXPECT_EQ(reader->next(frame), ReadStatus::Truncated) << "the end is sticky";
    }
}

TEST_F(CaptureReaderTest, TruncatedPcapngDeliversEveryCompleteFrameThenTruncated)
{
    const auto expected = writePcapng(path("cut.pcapng"), 12, false);
    truncateFile(path("cut.pcapng"), expected[9].offset + 3);
    auto reader = open(path("cut.pcapng"));
    ASSERT_TRUE(reader);
    expectFrames(*reader, std::vector<Expected>(expected.begin(), expected.begin() + 9), ReadStatus::Truncated);
    EXPECT_FALSE(reader->problem().empty());
}

TEST_F(CaptureReaderTest, AbsurdCapturedLengthIsCorrupt)
{
    const auto expected = writePcap(path("absurd.pcap"), 5, false, false);
    std::string bytes = readFile(path("absurd.pcap"));
    const std::size_t caplenAt = expected[2].offset - 8;
    bytes[caplenAt] = bytes[caplenAt + 1] = bytes[caplenAt + 2] = '\xff';
    bytes[caplenAt + 3] = '\x7f';
    writeFile(path("absurd.pcap"), bytes);
    auto reader = open(path("absurd.pcap"));
    ASSERT_TRUE(reader);
    expectFrames(*reader, std::vector<Expected>(expected.begin(), expected.begin() + 2), ReadStatus::Corrupt);
    EXPECT_NE(reader->problem().find("malformed"), std::string::npos) << reader->problem();
    EXPECT_EQ(reader->problem().back(), '.');
}

TEST_F(CaptureReaderTest, MixedLinkTypesPcapngSwitchesToOwnReaderMidFile)
{
    PcapngWriter writer(path("mixed.pcapng"));
    writer.addInterface(1, 262144, true);
    std::vector<Expected> expected;
    auto add = [&](std::uint32_t interfaceId, std::uint32_t linkType, int i) {
        Expected e;
        e.tsNs = kBaseNs + i * 1000LL;
        e.linkType = linkType;
        e.bytes = makeFrameBytes(static_cast<std::uint32_t>(i), 40 + i);
        e.originalLength = static_cast<std::uint32_t>(e.bytes.size());
        e.offset = writer.writeEnhanced(interfaceId, e.tsNs, e.bytes);
        expected.push_back(std::move(e));
    };
    for (int i = 0; i < 5; ++i)
        add(0, 1, i);
    // libpcap 1.10 meets this interface only now, after delivering five frames.
    writer.addInterface(101, 262144, true);
    for (int i = 5; i < 12; ++i)
        add(i % 2, i % 2 ? 101 : 1, i);
    writer.close();

    auto reader = open(path("mixed.pcapng"));
    ASSERT_TRUE(reader);
    expectFrames(*reader, expected);
    auto* pcapReader = dynamic_cast<PcapReader*>(reader.get());
    ASSERT_TRUE(pcapReader);
    EXPECT_TRUE(pcapReader->usesOwnPcapngReader());
    EXPECT_EQ(reader->formatName(), "pcapng");
    EXPECT_EQ(reader->bytesConsumed(), reader->bytesTotal());
}

TEST_F(CaptureReaderTest, DifferentSnapLengthsBeforeAnyPacketUseOwnReader)
{
    PcapngWriter writer(path("snaps.pcapng"));
    writer.addInterface(1, 262144, true);
    writer.addInterface(1, 128, true);
    std::vector<Expected> expected;
    for (int i = 0; i < 4; ++i) {
        Expected e;
        e.tsNs = kBaseNs + i;
        e.bytes = makeFrameBytes(static_cast<std::uint32_t>(i), 100);
        e.originalLength = 100;
        e.offset = writer.writeEnhanced(static_cast<std::uint32_t>(i % 2), e.tsNs, e.bytes);
        expected.push_back(std::move(e));
    }
    writer.close();
    auto reader = open(path("snaps.pcapng"));
    ASSERT_TRUE(reader);
    expectFrames(*reader, expected);
    EXPECT_TRUE(dynamic_cast<PcapReader&>(*reader).usesOwnPcapngReader());
}

TEST_F(CaptureReaderTest, SectionsInDifferentByteOrdersUseOwnReader)
{
    PcapngWriter writer(path("orders.pcapng"));
    writer.addInterface(1, 262144, true);
    std::vector<Expected> expected;
    auto add = [&](int i) {
        Expected e;
        e.tsNs = kBaseNs + i;
        e.bytes = makeFrameBytes(static_cast<std::uint32_t>(i), 64);
        e.originalLength = 64;
        e.offset = writer.writeEnhanced(0, e.tsNs, e.bytes);
        expected.push_back(std::move(e));
    };
    add(0);
    add(1);
    writer.startSection(true);
    writer.addInterface(1, 262144, true);
    add(2);
    writer.close();
    auto reader = open(path("orders.pcapng"));
    ASSERT_TRUE(reader);
    expectFrames(*reader, expected);
}

TEST_F(CaptureReaderTest, PcapngWithoutInterfacesIsAnEmptyCapture)
{
    PcapngWriter writer(path("empty.pcapng"));
    writer.close();
    auto reader = open(path("empty.pcapng"));
    ASSERT_TRUE(reader);
    expectFrames(*reader, {});
}

TEST_F(CaptureReaderTest, PcapngPacketOnUndescribedInterfaceIsCorrupt)
{
    PcapngWriter writer(path("bad-if.pcapng"));
    writer.addInterface(1, 262144, true);
    std::vector<Expected> expected;
    for (int i = 0; i < 3; ++i) {
        Expected e;
        e.tsNs = kBaseNs + i;
        e.bytes = makeFrameBytes(static_cast<std::uint32_t>(i), 80);
        e.originalLength = 80;
        e.offset = writer.writeEnhanced(0, e.tsNs, e.bytes);
        expected.push_back(std::move(e));
    }
    writer.close();
    std::string bytes = readFile(path("bad-if.pcapng"));
    bytes[expected[2].offset - 20] = 4; // the third packet's interface id
    writeFile(path("bad-if.pcapng"), bytes);
    expected.pop_back();
    auto reader = open(path("bad-if.pcapng"));
    ASSERT_TRUE(reader);
    expectFrames(*reader, expected, ReadStatus::Corrupt);
    EXPECT_NE(reader->problem().find("interface 4"), std::string::npos) << reader->problem();
    EXPECT_FALSE(dynamic_cast<PcapReader&>(*reader).usesOwnPcapngReader()) << "both readers agree; libpcap's verdict";
}

TEST_F(CaptureReaderTest, PcapngPacketLongerThanItsSnapLengthIsStillRead)
{
    // libpcap 1.10 calls this an error; the bytes are all there, so our reader delivers them.
    PcapngWriter writer(path("long.pcapng"));
    writer.addInterface(1, 64, true);
    Expected first { kBaseNs, 1, makeFrameBytes(1, 60), 60, 0 };
    Expected second { kBaseNs + 1, 1, makeFrameBytes(2, 90), 90, 0 };
    first.offset = writer.writeEnhanced(0, first.tsNs, first.bytes);
    second.offset = writer.writeEnhanced(0, second.tsNs, second.bytes);
    writer.close();
    auto reader = open(path("long.pcapng"));
    ASSERT_TRUE(reader);
    expectFrames(*reader, { first, second });
}

TEST_F(CaptureReaderTest, LibpcapAndOwnReaderAgreeOnTimestamps)
{
    // The same interfaces read once by libpcap and once, after a forced switch, by our reader.
    std::vector<PcapngWriter::InterfaceOptions> interfaces(4);
    interfaces[0].tsresol = 0x80 | 20;
    interfaces[1].tsresol = 9;
    interfaces[1].tsOffsetSeconds = 1600000000;
    interfaces[2].tsresol = 3;
    interfaces[3].tsresol = 0x80 | 30;
    interfaces[3].tsOffsetSeconds = -5;
    for (const auto& options : interfaces) {
        SCOPED_TRACE("tsresol " + std::to_string(options.tsresol));
        std::vector<std::int64_t> viaLibpcap;
        std::vector<std::int64_t> viaOwnReader;
        for (const bool forceOwnReader : { false, true }) {
            PcapngWriter writer(path("ts.pcapng"));
            writer.addInterface(1, 262144, options);
            if (forceOwnReader)
                writer.addInterface(101, 262144, true);
            for (int i = 0; i < 5; ++i)
                writer.writeEnhanced(0, kBaseNs + i * 123456789LL, makeFrameBytes(1, 60));
            writer.close();
            auto reader = open(path("ts.pcapng"));
            ASSERT_TRUE(reader);
            const ReadAll all = readAllFrames(*reader);
            ASSERT_EQ(all.frames.size(), 5u) << all.problem;
            EXPECT_EQ(dynamic_cast<PcapReader&>(*reader).usesOwnPcapngReader(), forceOwnReader);
            for (const ReadFrame& frame : all.frames)
                (forceOwnReader ? viaOwnReader : viaLibpcap).push_back(frame.timestampNs);
        }
        EXPECT_EQ(viaLibpcap, viaOwnReader);
        EXPECT_NEAR(static_cast<double>(viaLibpcap[0] - kBaseNs), 0.0, 1000000.0);
    }
}

class GzipCaptureTest : public CaptureReaderTest {
protected:
    void SetUp() override
    {
        CaptureReaderTest::SetUp();
        if (const char* old = std::getenv("TMPDIR"))
            m_oldTmpDir = old;
        m_tmpDir = path("tmp");
        fs::create_directories(m_tmpDir);
        ::setenv("TMPDIR", m_tmpDir.c_str(), 1);
    }
    void TearDown() override
    {
        if (m_oldTmpDir)
            ::setenv("TMPDIR", m_oldTmpDir->c_str(), 1);
        else
            ::unsetenv("TMPDIR");
        CaptureReaderTest::TearDown();
    }
    bool tmpDirIsEmpty() const { return fs::is_empty(m_tmpDir); }

    std::optional<std::string> m_oldTmpDir;
    fs::path m_tmpDir;
};

TEST_F(GzipCaptureTest, GzippedPcapIsInflatedAndOffsetsPointIntoTheInflatedFile)
{
    const auto expected = writePcap(path("a.pcap"), 30, true, false);
    gzipFile(path("a.pcap"), path("a.pcap.gz"));
    // Content decides, not the name.
    fs::rename(path("a.pcap.gz"), path("capture.bin"));
    std::shared_ptr<const ByteSource> source;
    {
        auto reader = open(path("capture.bin"));
        ASSERT_TRUE(reader);
        EXPECT_EQ(reader->formatName(), "pcap-ns.gz");
        EXPECT_EQ(reader->bytesTotal(), fs::file_size(path("a.pcap")));
        EXPECT_TRUE(tmpDirIsEmpty()) << "the temporary is unlinked as soon as it is made";
        expectFrames(*reader, expected);
        source = reader->byteSource();
    }
    std::string readBack;
    ASSERT_TRUE(source->read(expected[4].offset, static_cast<std::uint32_t>(expected[4].bytes.size()), readBack))
        << "the inflated data outlives the reader while its ByteSource is held";
    EXPECT_EQ(readBack, std::string(expected[4].bytes.begin(), expected[4].bytes.end()));
}

std::size_t openDescriptorCount()
{
    std::size_t count = 0;
    for ([[maybe_unused]] const auto& entry : fs::directory_iterator("/proc/self/fd"))
        ++count;
    return count;
}

TEST_F(GzipCaptureTest, NoDescriptorOutlivesTheReaderAndItsByteSource)
{
    writePcap(path("a.pcap"), 10, false, false);
    gzipFile(path("a.pcap"), path("a.pcap.gz"));
    writeFile(path("short.pcap"), std::string("\xd4\xc3\xb2\xa1\x02\x00", 6));
    const std::size_t before = openDescriptorCount();
    {
        std::shared_ptr<const ByteSource> source;
        {
            auto reader = open(path("a.pcap.gz"));
            ASSERT_TRUE(reader);
            readAllFrames(*reader);
            source = reader->byteSource();
        }
        EXPECT_GT(openDescriptorCount(), before) << "the ByteSource still holds the inflated temporary";
    }
    EXPECT_EQ(openDescriptorCount(), before) << "the inflated temporary is gone with its last holder";
    for (const char* name : { "short.pcap", "nope.pcap", "a.pcap" }) {
        auto reader = openCaptureReader(path(name).string());
    }
    EXPECT_EQ(openDescriptorCount(), before) << "error paths close what they opened";
}

TEST_F(GzipCaptureTest, GzippedPcapngIsInflated)
{
    const auto expected = writePcapng(path("a.pcapng"), 20, false);
    gzipFile(path("a.pcapng"), path("a.pcapng.gz"));
    auto reader = open(path("a.pcapng.gz"));
    ASSERT_TRUE(reader);
    EXPECT_EQ(reader->formatName(), "pcapng.gz");
    expectFrames(*reader, expected);
}

TEST_F(GzipCaptureTest, CutOffGzipKeepsWhatInflatedAndReportsTruncated)
{
    const auto expected = writePcap(path("a.pcap"), 400, false, false);
    gzipFile(path("a.pcap"), path("a.pcap.gz"), 1);
    truncateFile(path("a.pcap.gz"), fs::file_size(path("a.pcap.gz")) / 2);
    auto reader = open(path("a.pcap.gz"));
    ASSERT_TRUE(reader);
    const ReadAll all = readAllFrames(*reader);
    EXPECT_EQ(all.endStatus, ReadStatus::Truncated);
    EXPECT_NE(all.problem.find("gzip"), std::string::npos) << all.problem;
    EXPECT_NE(all.problem.find("cut off"), std::string::npos) << all.problem;
    ASSERT_GT(all.frames.size(), 50u);
    ASSERT_LT(all.frames.size(), expected.size());
    for (std::size_t i = 0; i < all.frames.size(); ++i)
        ASSERT_EQ(all.frames[i].bytes, expected[i].bytes) << "frame " << i + 1;
}

TEST_F(GzipCaptureTest, DamagedGzipChecksumReportsTruncated)
{
    const auto expected = writePcap(path("a.pcap"), 100, false, false);
    gzipFile(path("a.pcap"), path("a.pcap.gz"));
    std::string bytes = readFile(path("a.pcap.gz"));
    bytes[bytes.size() - 6] = static_cast<char>(bytes[bytes.size() - 6] ^ 0x5a); // inside the CRC-32 trailer
    writeFile(path("a.pcap.gz"), bytes);
    auto reader = open(path("a.pcap.gz"));
    ASSERT_TRUE(reader);
    const ReadAll all = readAllFrames(*reader);
    EXPECT_EQ(all.endStatus, ReadStatus::Truncated);
    EXPECT_NE(all.problem.find("damaged"), std::string::npos) << all.problem;
    ASSERT_LE(all.frames.size(), expected.size());
    for (std::size_t i = 0; i < all.frames.size(); ++i)
        ASSERT_EQ(all.frames[i].bytes, expected[i].bytes) << "frame " << i + 1;
}

TEST_F(GzipCaptureTest, GarbageInsideGzipNeverCrashes)
{
    writePcap(path("a.pcap"), 300, false, false);
    gzipFile(path("a.pcap"), path("a.pcap.gz"));
    const std::string original = readFile(path("a.pcap.gz"));
    for (std::size_t at = 20; at < original.size() - 8; at += original.size() / 13) {
        std::string bytes = original;
        for (std::size_t i = at; i < std::min(bytes.size() - 8, at + 16); ++i)
            bytes[i] = static_cast<char>(bytes[i] ^ 0xa5);
        writeFile(path("bad.gz"), bytes);
        auto reader = openCaptureReader(path("bad.gz").string());
        if (!reader.ok()) {
            EXPECT_NE(reader.error().message.find("bad.gz"), std::string::npos);
            continue;
        }
        const ReadAll all = readAllFrames(*reader.value());
        EXPECT_NE(all.endStatus, ReadStatus::EndOfFile) << "damage at " << at << " went unnoticed";
        EXPECT_FALSE(all.problem.empty());
    }
    EXPECT_TRUE(tmpDirIsEmpty());
}

TEST_F(GzipCaptureTest, GzippedTextIsNotACapture)
{
    writeFile(path("notes.txt"), "INVITE sip:bob@example.com SIP/2.0\r\nVia: SIP/2.0/UDP host\r\n\r\n");
    gzipFile(path("notes.txt"), path("notes.pcap.gz"));
    const Error error = openError(path("notes.pcap.gz"));
    EXPECT_EQ(error.code, ErrorCode::NotACapture);
    EXPECT_NE(error.message.find("notes.pcap.gz"), std::string::npos);
    EXPECT_NE(error.message.find("gzip"), std::string::npos);
    EXPECT_NE(error.message.find("text"), std::string::npos);
    EXPECT_TRUE(tmpDirIsEmpty());
}

TEST_F(GzipCaptureTest, GzippedEmptyFileIsEmpty)
{
    writeFile(path("nothing"), "");
    gzipFile(path("nothing"), path("nothing.gz"));
    EXPECT_EQ(openError(path("nothing.gz")).code, ErrorCode::EmptyFile);
}

TEST_F(GzipCaptureTest, GzippedNetMonIsUnsupported)
{
    writeFile(path("netmon.cap"), std::string("GMBU\x00\x02", 6) + std::string(200, '\x01'));
    gzipFile(path("netmon.cap"), path("netmon.cap.gz"));
    const Error error = openError(path("netmon.cap.gz"));
    EXPECT_EQ(error.code, ErrorCode::UnsupportedFormat);
    EXPECT_NE(error.message.find("Network Monitor 2.x"), std::string::npos) << error.message;
}

TEST_F(CaptureReaderTest, MissingFileIsNotFound)
{
    const Error error = openError(path("nope.pcap"));
    EXPECT_EQ(error.code, ErrorCode::NotFound);
    EXPECT_NE(error.message.find(path("nope.pcap").string()), std::string::npos) << error.message;
}

TEST_F(CaptureReaderTest, DirectoryIsReported)
{
    const Error error = openError(m_dir);
    EXPECT_EQ(error.code, ErrorCode::IsDirectory);
    EXPECT_NE(error.message.find(m_dir.string()), std::string::npos);
}

TEST_F(CaptureReaderTest, EmptyFileIsReported)
{
    writeFile(path("empty.pcap"), "");
    const Error error = openError(path("empty.pcap"));
    EXPECT_EQ(error.code, ErrorCode::EmptyFile);
    EXPECT_NE(error.message.find("empty.pcap"), std::string::npos);
}

TEST_F(CaptureReaderTest, UnreadableFileIsPermissionDenied)
{
    writePcap(path("secret.pcap"), 1, false, false);
    fs::permissions(path("secret.pcap"), fs::perms::none);
    if (::geteuid() != 0) {
        EXPECT_EQ(openError(path("secret.pcap")).code, ErrorCode::PermissionDenied);
        return;
    }
    // Root reads everything: try again in a child process that has dropped to the "nobody" user.
    const pid_t child = ::fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        if (::setgid(65534) != 0 || ::setuid(65534) != 0)
            ::_exit(100);
        auto reader = openCaptureReader(path("secret.pcap"));
        ::_exit(reader ? 101 : static_cast<int>(reader.error().code));
    }
    int status = 0;
    ASSERT_EQ(::waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), static_cast<int>(ErrorCode::PermissionDenied));
}

TEST(FileErrorFromErrno, MapsEachKind)
{
    EXPECT_EQ(fileErrorFromErrno(ENOENT, "/x/a.pcap").code, ErrorCode::NotFound);
    EXPECT_EQ(fileErrorFromErrno(ENOTDIR, "/x/a.pcap").code, ErrorCode::NotFound);
    EXPECT_EQ(fileErrorFromErrno(EACCES, "/x/a.pcap").code, ErrorCode::PermissionDenied);
    EXPECT_EQ(fileErrorFromErrno(EPERM, "/x/a.pcap").code, ErrorCode::PermissionDenied);
    EXPECT_EQ(fileErrorFromErrno(EISDIR, "/x/a.pcap").code, ErrorCode::IsDirectory);
    const Error other = fileErrorFromErrno(EIO, "/x/a.pcap");
    EXPECT_EQ(other.code, ErrorCode::ReadFailed);
    for (const int errorNumber : { ENOENT, EACCES, EISDIR, EIO }) {
        const Error error = fileErrorFromErrno(errorNumber, "/x/a b.pcap");
        EXPECT_NE(error.message.find("\"/x/a b.pcap\""), std::string::npos) << error.message;
        EXPECT_EQ(error.message.back(), '.');
    }
    EXPECT_NE(fileErrorFromErrno(EACCES, "f").message.find("permission denied"), std::string::npos);
}

TEST_F(CaptureReaderTest, BinaryJunkIsNotACapture)
{
    writeFile(path("junk.pcap"), std::string("\x00\x01\x02\x03\xfe\xff\x10\x20", 8) + std::string(100, '\0'));
    const Error error = openError(path("junk.pcap"));
    EXPECT_EQ(error.code, ErrorCode::NotACapture);
    EXPECT_NE(error.message.find("junk.pcap\" is not a packet capture (pcap or pcapng)"), std::string::npos)
        << error.message;
    EXPECT_EQ(error.message.find("text"), std::string::npos);
}

TEST_F(CaptureReaderTest, TextFileIsNotACaptureAndSaysSo)
{
    writeFile(path("call.log"), "2024-01-01 12:00:00 INVITE sip:alice@example.com SIP/2.0\nVia: SIP/2.0/UDP a\n");
    const Error error = openError(path("call.log"));
    EXPECT_EQ(error.code, ErrorCode::NotACapture);
    EXPECT_NE(error.message.find("looks like a text file"), std::string::npos) << error.message;
}

TEST_F(CaptureReaderTest, RecognisedForeignFormatsAreUnsupported)
{
    const std::pair<std::string, std::string> cases[] = {
        { std::string("GMBU\x00\x02\x01\x00", 8), "Microsoft Network Monitor 2.x" },
        { std::string("RTSS\x01\x01", 6), "Microsoft Network Monitor 1.x" },
        { std::string("snoop\0\0\0\0\0\0\x02\0\0\0\x04", 16), "snoop" },
        { std::string("TRSNIFF data    \x1a\x01\x02", 19), "Sniffer" },
        { std::string("XCP\0002.002\0", 10), "NetXRay" },
        { "iptrace 2.0 more", "iptrace" },
        { std::string("\xa1\x2b\x3c\x4d\0\x02\0\x04", 8), "Navtel" },
    };
    for (const auto& [content, name] : cases) {
        writeFile(path("foreign.cap"), content + std::string(64, '\x07'));
        const Error error = openError(path("foreign.cap"));
        EXPECT_EQ(error.code, ErrorCode::UnsupportedFormat) << name;
        EXPECT_NE(error.message.find(name), std::string::npos) << error.message;
        EXPECT_NE(error.message.find("foreign.cap"), std::string::npos) << error.message;
    }
}

TEST_F(CaptureReaderTest, FileShorterThanItsHeaderIsReported)
{
    const std::string pcapHeader("\xd4\xc3\xb2\xa1\x02\x00\x04\x00\x00\x00\x00\x00", 12);
    const std::string pcapngStart("\x0a\x0d\x0d\x0a\x1c\x00\x00\x00\x4d\x3c\x2b\x1a\x01\x00", 14);
    for (const std::string& content : { pcapHeader, pcapHeader.substr(0, 2), pcapngStart }) {
        writeFile(path("short.pcap"), content);
        const Error error = openError(path("short.pcap"));
        EXPECT_EQ(error.code, ErrorCode::NotACapture);
        EXPECT_NE(error.message.find("truncated before the end of the file header"), std::string::npos)
            << error.message;
    }
}

} // namespace
