// SPDX-License-Identifier: Apache-2.0
#include "capture/pcapng_block_reader.h"
#include "support/capture_file_writer.h"
#include "support/capture_test_helpers.h"
#include "support/test_paths.h"

#include <gtest/gtest.h>

#include <fstream>

using namespace sipladder::core;
using namespace sipladder::testing;
namespace fs = std::filesystem;

namespace {

constexpr std::int64_t kBaseNs = 1700000000'987654321LL;

class PcapngBlockReaderTest : public ::testing::Test {
protected:
    void SetUp() override { m_dir = makeTempDir("pcapng-block-reader-test"); }
    void TearDown() override { fs::remove_all(m_dir); }

    fs::path file() const { return m_dir / "test.pcapng"; }

    std::unique_ptr<PcapngBlockReader> open()
    {
        auto source = FileByteSource::open(file().string());
        EXPECT_TRUE(source.ok());
        if (!source.ok())
            return nullptr;
        auto reader = PcapngBlockReader::open(source.value(), file().string());
        EXPECT_TRUE(reader.ok()) << (reader.ok() ? "" : reader.error().message);
        return reader.ok() ? std::move(reader.value()) : nullptr;
    }

    ReadAll readFile()
    {
        auto reader = open();
        return reader ? readAllFrames(*reader) : ReadAll { {}, ReadStatus::Corrupt, "not opened" };
    }

    std::string contents() const
    {
        std::ifstream in(file(), std::ios::binary);
        return std::string(std::istreambuf_iterator<char>(in), {});
    }

    void overwrite(const std::string& bytes) const
    {
        std::ofstream out(file(), std::ios::binary | std::ios::trunc);
        out << bytes;
    }

    fs::path m_dir;
};

TEST_F(PcapngBlockReaderTest, ReadsEnhancedSimpleAndObsoletePacketsInBothByteOrders)
{
    for (const bool bigEndian : { false, true }) {
        SCOPED_TRACE(bigEndian ? "big endian" : "little endian");
        PcapngWriter writer(file(), bigEndian);
        writer.addInterface(1, 100, true);
        writer.addInterface(113, 65535, false);
        const auto a = makeFrameBytes(1, 61);
        const auto b = makeFrameBytes(2, 200);
        const auto c = makeFrameBytes(3, 33);
        const auto d = makeFrameBytes(4, 150);
        const std::uint64_t offsetA = writer.writeEnhanced(0, kBaseNs, a, "first packet", 1500);
        const std::uint64_t offsetB = writer.writeEnhanced(1, kBaseNs + 1000, b);
        const std::uint64_t offsetC = writer.writeObsoletePacket(1, kBaseNs + 2000, c);
        const std::uint64_t offsetD = writer.writeSimple(d);
        writer.close();

        const ReadAll all = readFile();
        EXPECT_EQ(all.endStatus, ReadStatus::EndOfFile) << all.problem;
        ASSERT_EQ(all.frames.size(), 4u);
        EXPECT_EQ(all.frames[0].bytes, a);
        EXPECT_EQ(all.frames[0].originalLength, 1500u);
        EXPECT_EQ(all.frames[0].timestampNs, kBaseNs);
        EXPECT_EQ(all.frames[0].linkType, 1u);
        EXPECT_EQ(all.frames[0].dataFileOffset, offsetA);
        EXPECT_EQ(all.frames[1].linkType, 113u);
        EXPECT_EQ(all.frames[1].timestampNs, (kBaseNs + 1000) / 1000 * 1000) << "microsecond interface";
        EXPECT_EQ(all.frames[1].dataFileOffset, offsetB);
        EXPECT_EQ(all.frames[2].bytes, c);
        EXPECT_EQ(all.frames[2].linkType, 113u);
        EXPECT_EQ(all.frames[2].dataFileOffset, offsetC);
        // A Simple Packet Block is cut to the snapshot length of interface 0 and has no timestamp.
        EXPECT_EQ(all.frames[3].bytes, std::vector<std::uint8_t>(d.begin(), d.begin() + 100));
        EXPECT_EQ(all.frames[3].originalLength, 150u);
        EXPECT_EQ(all.frames[3].timestampNs, 0);
        EXPECT_EQ(all.frames[3].dataFileOffset, offsetD);
        for (std::size_t i = 0; i < all.frames.size(); ++i)
            EXPECT_EQ(all.frames[i].frameNumber, i + 1);
    }
}

TEST_F(PcapngBlockReaderTest, SeveralSectionsRestartInterfacesAndMayChangeByteOrder)
{
    PcapngWriter writer(file());
    writer.addInterface(1, 0, true);
    writer.writeEnhanced(0, kBaseNs, makeFrameBytes(1, 40));
    writer.startSection(true);
    writer.addInterface(101, 0, true);
    writer.writeEnhanced(0, kBaseNs + 1, makeFrameBytes(2, 40));
    writer.startSection(false);
    writer.addInterface(229, 0, true);
    writer.addInterface(228, 0, true);
    writer.writeEnhanced(1, kBaseNs + 2, makeFrameBytes(3, 40));
    writer.close();

    const ReadAll all = readFile();
    EXPECT_EQ(all.endStatus, ReadStatus::EndOfFile) << all.problem;
    ASSERT_EQ(all.frames.size(), 3u);
    EXPECT_EQ(all.frames[0].linkType, 1u);
    EXPECT_EQ(all.frames[1].linkType, 101u);
    EXPECT_EQ(all.frames[2].linkType, 228u);
    EXPECT_EQ(all.frames[2].timestampNs, kBaseNs + 2);
    EXPECT_EQ(all.frames[2].bytes, makeFrameBytes(3, 40));
}

TEST_F(PcapngBlockReaderTest, PacketOnInterfaceOfAnEarlierSectionIsCorrupt)
{
    PcapngWriter writer(file());
    writer.addInterface(1, 0, true);
    writer.addInterface(1, 0, true);
    writer.startSection();
    writer.addInterface(1, 0, true);
    writer.close();
    // The writer knows only the new section's interface 0; append an EPB for interface 1 by hand.
    std::string bytes = contents();
    const std::uint8_t epb[]
        = { 6, 0, 0, 0, 32, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 32, 0, 0, 0 };
    bytes.append(reinterpret_cast<const char*>(epb), sizeof epb);
    overwrite(bytes);
    const ReadAll all = readFile();
    EXPECT_EQ(all.endStatus, ReadStatus::Corrupt);
    EXPECT_NE(all.problem.find("interface 1"), std::string::npos) << all.problem;
}

TEST_F(PcapngBlockReaderTest, TimestampResolutionsAndOffsets)
{
    PcapngWriter writer(file());
    PcapngWriter::InterfaceOptions millis;
    millis.tsresol = 3;
    PcapngWriter::InterfaceOptions binary20;
    binary20.tsresol = 0x80 | 20;
    PcapngWriter::InterfaceOptions binary30;
    binary30.tsresol = 0x80 | 30;
    PcapngWriter::InterfaceOptions picos;
    picos.tsresol = 12;
    picos.tsOffsetSeconds = 1700000000; // 2^64 picoseconds are only ~213 days
    PcapngWriter::InterfaceOptions shifted;
    shifted.tsresol = 9;
    shifted.tsOffsetSeconds = 1000000000;
    shifted.name = "eth0";
    for (const auto& options : { millis, binary20, binary30, picos, shifted })
        writer.addInterface(1, 0, options);
    for (std::uint32_t i = 0; i < 5; ++i)
        writer.writeEnhanced(i, kBaseNs, makeFrameBytes(i, 20));
    writer.close();

    const ReadAll all = readFile();
    ASSERT_EQ(all.frames.size(), 5u) << all.problem;
    EXPECT_EQ(all.frames[0].timestampNs, kBaseNs / 1000000 * 1000000);
    const std::int64_t seconds = kBaseNs / 1000000000;
    const std::int64_t fraction = kBaseNs % 1000000000;
    // Binary units: the fraction is stored as floor(f * 2^n / 1e9) and read back as floor(u * 1e9 / 2^n).
    const std::int64_t units20 = (fraction << 20) / 1000000000;
    EXPECT_EQ(all.frames[1].timestampNs, seconds * 1000000000 + ((units20 * 1000000000) >> 20));
    EXPECT_NEAR(static_cast<double>(all.frames[2].timestampNs - kBaseNs), 0.0, 1.0);
    EXPECT_EQ(all.frames[3].timestampNs, kBaseNs) << "picoseconds relative to if_tsoffset lose nothing";
    EXPECT_EQ(all.frames[4].timestampNs, kBaseNs) << "if_tsoffset is added back";
}

TEST_F(PcapngBlockReaderTest, SkipsBlocksItDoesNotNeed)
{
    PcapngWriter writer(file());
    writer.addInterface(1, 0, true);
    const std::uint8_t nrb[] = { 1, 0, 4, 0, 192, 0, 2, 1, 0, 0, 0, 0 };
    writer.writeBlock(4, nrb); // name resolution
    writer.writeBlock(0x0A, std::vector<std::uint8_t>(40, 7)); // decryption secrets
    writer.writeBlock(0x00000BAD, std::vector<std::uint8_t>(9, 1)); // custom
    writer.writeBlock(0x40000BAD, std::vector<std::uint8_t>(3, 1)); // custom, not to be copied
    writer.writeBlock(0x12345678, {}); // unknown
    const std::uint64_t offset = writer.writeEnhanced(0, kBaseNs, makeFrameBytes(5, 77));
    writer.writeBlock(5, std::vector<std::uint8_t>(12, 0)); // interface statistics
    writer.close();

    const ReadAll all = readFile();
    EXPECT_EQ(all.endStatus, ReadStatus::EndOfFile) << all.problem;
    ASSERT_EQ(all.frames.size(), 1u);
    EXPECT_EQ(all.frames[0].dataFileOffset, offset);
}

TEST_F(PcapngBlockReaderTest, TruncatedInsideABlockDeliversEarlierFrames)
{
    auto writeTwoPackets = [this] {
        PcapngWriter writer(file());
        writer.addInterface(1, 0, true);
        writer.writeEnhanced(0, kBaseNs, makeFrameBytes(1, 100));
        return writer.writeEnhanced(0, kBaseNs, makeFrameBytes(2, 100));
    };
    const std::uint64_t second = writeTwoPackets();
    const std::uint64_t secondBlock = second - 28;
    // Inside the packet data, inside the 8-byte block header, and just after it.
    for (const std::uint64_t cut : { second + 50, secondBlock + 6, secondBlock + 10 }) {
        writeTwoPackets();
        truncateFile(file(), cut);
        const ReadAll all = readFile();
        EXPECT_EQ(all.endStatus, ReadStatus::Truncated) << "cut at " << cut;
        EXPECT_EQ(all.frames.size(), 1u);
        EXPECT_NE(all.problem.find("cut short"), std::string::npos) << all.problem;
    }
}

TEST_F(PcapngBlockReaderTest, MalformedBlocksAreCorrupt)
{
    PcapngWriter writer(file());
    writer.addInterface(1, 0, true);
    const std::uint64_t dataOffset = writer.writeEnhanced(0, kBaseNs, makeFrameBytes(1, 100));
    writer.close();
    const std::string good = contents();
    const std::size_t blockStart = dataOffset - 28;
    auto patched = [&](std::size_t at, std::uint32_t value) {
        std::string bytes = good;
        for (int i = 0; i < 4; ++i)
            bytes[at + i] = static_cast<char>(value >> (8 * i));
        return bytes;
    };
    const std::pair<std::string, std::string> cases[] = {
        { patched(blockStart + 4, 130), "invalid length" }, // not a multiple of 4
        { patched(blockStart + 4, 8), "invalid length" }, // shorter than a block can be
        { patched(blockStart + 4, 0x7ffffff0), "implausible" }, { patched(good.size() - 4, 4), "trailer" },
        { patched(blockStart + 20, 5000), "captured bytes" }, // captured length beyond the block
        { patched(blockStart + 8, 3), "interface 3" },
        { patched(28 + 16, (100u << 16) | 9), "option" }, // IDB option longer than the block
    };
    for (const auto& [bytes, expectedWords] : cases) {
        overwrite(bytes);
        const ReadAll all = readFile();
        EXPECT_EQ(all.endStatus, ReadStatus::Corrupt) << expectedWords;
        EXPECT_TRUE(all.frames.empty());
        EXPECT_NE(all.problem.find(expectedWords), std::string::npos) << all.problem;
    }
}

TEST_F(PcapngBlockReaderTest, SimplePacketWithoutInterfaceIsCorrupt)
{
    PcapngWriter writer(file());
    writer.writeSimple(makeFrameBytes(1, 10));
    writer.close();
    const ReadAll all = readFile();
    EXPECT_EQ(all.endStatus, ReadStatus::Corrupt);
}

TEST_F(PcapngBlockReaderTest, UnknownMajorVersionIsCorrupt)
{
    PcapngWriter writer(file());
    writer.close();
    std::string bytes = contents();
    bytes[12] = 2;
    overwrite(bytes);
    const ReadAll all = readFile();
    EXPECT_EQ(all.endStatus, ReadStatus::Corrupt);
    EXPECT_NE(all.problem.find("version 2.0"), std::string::npos) << all.problem;
}

TEST_F(PcapngBlockReaderTest, OpenRejectsWhatIsNotPcapng)
{
    overwrite(std::string("\xd4\xc3\xb2\xa1", 4) + std::string(40, '\0'));
    auto source = FileByteSource::open(file().string());
    ASSERT_TRUE(source.ok());
    auto reader = PcapngBlockReader::open(source.value(), "x.pcapng");
    ASSERT_FALSE(reader.ok());
    EXPECT_EQ(reader.error().code, ErrorCode::NotACapture);
    EXPECT_NE(reader.error().message.find("x.pcapng"), std::string::npos);
}

TEST_F(PcapngBlockReaderTest, FuzzedFilesNeverCrash)
{
    PcapngWriter writer(file());
    writer.addInterface(1, 0, true);
    for (int i = 0; i < 20; ++i)
        writer.writeEnhanced(0, kBaseNs + i, makeFrameBytes(static_cast<std::uint32_t>(i), 30 + i), i % 2 ? "c" : "");
    writer.close();
    const std::string good = contents();
    std::uint32_t state = 7;
    for (int round = 0; round < 300; ++round) {
        std::string bytes = good;
        for (int flips = 0; flips < 4; ++flips) {
            state = state * 1103515245u + 12345u;
            const std::size_t at = 12 + (state >> 8) % (bytes.size() - 12);
            bytes[at] = static_cast<char>(state >> 3);
        }
        overwrite(bytes);
        const ReadAll all = readFile();
        EXPECT_LE(all.frames.size(), 20u);
        for (const ReadFrame& frame : all.frames)
            EXPECT_LE(frame.bytes.size(), good.size());
    }
}

} // namespace
