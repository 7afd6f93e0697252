// SPDX-License-Identifier: Apache-2.0
#include "analysis/diagnoser.h"
#include "layout/ladder_layout.h"
#include "load/capture_loader.h"
#include "report/text_ladder_writer.h"
#include "support/test_paths.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using namespace sipladder::core;

namespace {

constexpr std::int64_t kMs = 1'000'000;
constexpr std::int64_t kBase = 1795514400LL * 1'000'000'000; // 2026-11-24 10:00:00 UTC

std::string readFile(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// Compares with tests/data/<name>; SIPLADDER_UPDATE_GOLDEN=1 rewrites the file instead.
void expectGolden(const std::string& actual, const std::string& name)
{
    const auto path = sipladder::testing::testDataDir() / name;
    if (std::getenv("SIPLADDER_UPDATE_GOLDEN")) {
        std::filesystem::create_directories(path.parent_path());
        std::ofstream(path, std::ios::binary) << actual;
        return;
    }
    ASSERT_TRUE(std::filesystem::exists(path)) << path << " missing; run with SIPLADDER_UPDATE_GOLDEN=1";
    EXPECT_EQ(actual, readFile(path)) << "golden " << name << " differs; actual:\n" << actual;
}

LadderRow row(std::uint16_t from, std::uint16_t to, const std::string& label, std::int64_t atMs,
    ArrowTone tone = ArrowTone::Request)
{
    LadderRow r;
    r.fromColumn = from;
    r.toColumn = to;
    r.label = label;
    r.timestampNs = kBase + atMs * kMs;
    r.tone = tone;
    r.isRequest = tone == ArrowTone::Request;
    return r;
}

std::vector<LadderColumn> columns(std::initializer_list<const char*> labels)
{
    std::vector<LadderColumn> out;
    for (const char* label : labels)
        out.push_back({ Endpoint {}, label });
    return out;
}

std::vector<std::string> linesOf(const std::string& text)
{
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        lines.push_back(line);
    return lines;
}

class SampleTextLadderTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        LoadOptions options;
        options.paths.push_back(
            (sipladder::testing::testDataDir().parent_path().parent_path() / "resources" / "samples" / "trunk-404.pcap")
                .string());
        auto result = CaptureLoader::load(options);
        ASSERT_TRUE(result.ok()) << result.error().message;
        m_snapshot = result.value();
        ASSERT_EQ(m_snapshot->calls().size(), 6u);
    }

    std::string ladderOf(std::vector<std::uint32_t> calls) const
    {
        const auto layout = LadderLayout::build(*m_snapshot, calls);
        return TextLadderWriter::write(layout, *m_snapshot);
    }

    SnapshotPtr m_snapshot;
};

} // namespace

TEST_F(SampleTextLadderTest, EachCallMatchesItsGolden)
{
    for (std::uint32_t call = 0; call < m_snapshot->calls().size(); ++call)
        expectGolden(ladderOf({ call }), "trunk-404.call" + std::to_string(call + 1) + ".ladder.txt");
}

TEST_F(SampleTextLadderTest, AllCallsTogetherMatchTheGolden)
{
    expectGolden(ladderOf({ 0, 1, 2, 3, 4, 5 }), "trunk-404.all.ladder.txt");
}

TEST_F(SampleTextLadderTest, NotFoundCallMarksTheInviteAndThe404)
{
    const auto lines = linesOf(ladderOf({ 2 }));
    ASSERT_EQ(lines.size(), 8u); // title, blank, labels, lifelines, 4 rows
    EXPECT_NE(lines[0].find("-> 404 Not Found (failed)"), std::string::npos) << lines[0];
    EXPECT_NE(lines[4].find("INVITE (SDP)--"), std::string::npos) << lines[4];
    EXPECT_TRUE(lines[4].ends_with("[ERR]")) << lines[4];
    EXPECT_TRUE(lines[4].starts_with("10:00:16.000 +0.000")) << lines[4];
    EXPECT_NE(lines[6].find("|<--"), std::string::npos) << lines[6];
    EXPECT_NE(lines[6].find("404 Not Found"), std::string::npos) << lines[6];
    EXPECT_TRUE(lines[6].ends_with("[ERR]")) << lines[6];
    EXPECT_TRUE(lines[6].starts_with("10:00:16.080 +0.060")) << lines[6];
    EXPECT_EQ(lines[7].find("[ERR]"), std::string::npos) << lines[7]; // the ACK
}

TEST(TextLadderWriter, ArrowsPointBetweenTheirLifelines)
{
    const auto layout = LadderLayout::fromParts(columns({ "A", "B", "C" }),
        { row(0, 2, "INVITE", 0), row(2, 1, "404 Not Found", 20, ArrowTone::Error), row(1, 0, "ACK", 30) });
    const auto lines = linesOf(TextLadderWriter::write(layout));
    ASSERT_EQ(lines.size(), 5u);
    const auto a = lines[1].find('|');
    const auto b = lines[1].find('|', a + 1);
    const auto c = lines[1].find('|', b + 1);
    ASSERT_NE(c, std::string::npos);
    EXPECT_EQ(lines[0][a], 'A');
    EXPECT_EQ(lines[0][b], 'B');
    EXPECT_EQ(lines[0][c], 'C');
    // INVITE spans A to C over B.
    EXPECT_EQ(lines[2][a], '|');
    EXPECT_EQ(lines[2][c], '|');
    EXPECT_EQ(lines[2][c - 1], '>');
    EXPECT_EQ(lines[2][b], '-'); // crossed
    // The label sits in the gap after its sender.
    const auto label = lines[2].find("INVITE");
    ASSERT_NE(label, std::string::npos);
    EXPECT_GT(label, a);
    EXPECT_LT(label + 6, b);
    // 404 from C to B, A's lifeline untouched.
    EXPECT_EQ(lines[3][b + 1], '<');
    EXPECT_EQ(lines[3][a], '|');
    EXPECT_TRUE(lines[3].ends_with("[ERR]"));
    EXPECT_EQ(lines[4][a + 1], '<');
    EXPECT_EQ(lines[4][b], '|');
}

TEST(TextLadderWriter, LoopIcmpAndMarks)
{
    auto loop = row(0, 0, "OPTIONS", 0);
    loop.retransmission = true;
    auto icmp = row(1, 0, "ICMP port unreachable", 5, ArrowTone::Icmp);
    icmp.kind = LadderRow::Kind::Icmp;
    auto copies = row(0, 1, "BYE", 1500);
    copies.copies = 3;
    copies.deltaNs = 1495 * kMs;
    auto cancelled = row(1, 0, "487 Request Terminated", 1600, ArrowTone::Cancelled);
    auto challenge = row(1, 0, "407 Proxy Authentication Required", 1700, ArrowTone::Challenge);
    challenge.malformed = true;
    const auto text = TextLadderWriter::write(LadderLayout::fromParts(
        columns({ "10.0.0.1:5060", "10.0.0.2:5060" }), { loop, icmp, copies, cancelled, challenge }));
    const auto lines = linesOf(text);
    ASSERT_EQ(lines.size(), 8u); // labels, lifelines, loop (2 lines), 4 rows
    EXPECT_NE(lines[2].find("|--OPTIONS--+"), std::string::npos) << text;
    EXPECT_NE(lines[3].find("|<----------+"), std::string::npos) << text;
    EXPECT_TRUE(lines[2].ends_with("(retx)")) << text;
    EXPECT_NE(lines[4].find("|<~~"), std::string::npos) << text;
    EXPECT_NE(lines[4].find("~|"), std::string::npos) << text;
    EXPECT_TRUE(lines[5].ends_with("(x3)")) << text;
    EXPECT_NE(lines[5].find("+1.495"), std::string::npos) << text;
    EXPECT_TRUE(lines[6].ends_with("[cancel]")) << text;
    EXPECT_TRUE(lines[7].ends_with("[challenge] (malformed)")) << text;
    // Marks line up in one column.
    EXPECT_EQ(lines[2].size() - 6, lines[6].size() - 8);
    for (const auto& line : lines)
        EXPECT_FALSE(line.ends_with(" ")) << line;
}

TEST(TextLadderWriter, LongLabelsAreShortenedAndEmptyLayoutsSaySo)
{
    const std::string longReason(200, 'x');
    TextLadderOptions options;
    options.maxLabelLength = 20;
    const auto text = TextLadderWriter::write(
        LadderLayout::fromParts(columns({ "a", "b" }), { row(1, 0, "500 " + longReason, 0) }), options);
    EXPECT_NE(text.find("500 xxxxxxxxxxxxx..."), std::string::npos) << text;
    EXPECT_EQ(text.find(std::string(30, 'x')), std::string::npos);
    EXPECT_EQ(TextLadderWriter::write(LadderLayout {}), "(no messages)\n");
}

TEST(TextLadderWriter, SeveralLifelinesLoopsAndIcmpMatchTheGolden)
{
    auto withDelta = [](std::vector<LadderRow> rows) {
        for (std::size_t i = 1; i < rows.size(); ++i)
            rows[i].deltaNs = rows[i].timestampNs - rows[i - 1].timestampNs;
        return rows;
    };
    auto slot = [](LadderRow r, std::uint16_t callSlot) {
        r.callSlot = callSlot;
        return r;
    };
    auto sdp = [](LadderRow r) {
        r.hasSdp = true;
        return r;
    };
    auto icmp = row(3, 2, "ICMP port unreachable", 31, ArrowTone::Icmp);
    icmp.kind = LadderRow::Kind::Icmp;
    auto retx = slot(row(2, 3, "INVITE", 530, ArrowTone::Error), 1);
    retx.retransmission = true;
    LadderLayout layout = LadderLayout::fromParts(
        columns({ "203.0.113.10:5060", "198.51.100.1:5060", "198.51.100.1:5080", "[2001:db8::20]:5060" }),
        withDelta({ sdp(slot(row(0, 1, "INVITE", 0), 0)), slot(row(1, 0, "100 Trying", 10, ArrowTone::Provisional), 0),
            slot(row(1, 2, "OPTIONS", 15), 1), slot(row(2, 2, "INVITE", 20), 1),
            sdp(slot(row(2, 3, "INVITE", 30, ArrowTone::Error), 1)), slot(icmp, 1), retx,
            slot(row(0, 3, "MESSAGE", 600), 0), slot(row(3, 0, "408 Request Timeout", 32530, ArrowTone::Error), 0),
            slot(row(1, 0, "480 Temporarily Unavailable", 32540, ArrowTone::Error), 0) }));
    expectGolden(TextLadderWriter::write(layout), "synthetic-four-lifelines.ladder.txt");
}

TEST_F(SampleTextLadderTest, DiagnosedFailuresCarryTheirCause)
{
    const auto diagnosis = sipladder::core::Diagnoser(*m_snapshot).diagnoseAll();
    const std::vector<std::uint32_t> calls{2};
    const auto text = TextLadderWriter::write(LadderLayout::build(*m_snapshot, calls, {}, diagnosis.get()), *m_snapshot);
    const auto lines = linesOf(text);
    std::size_t marked = 0;
    for (const auto& line : lines) {
        if (line.find("<number-format>") != std::string::npos) {
            ++marked;
            EXPECT_NE(line.find("404 Not Found"), std::string::npos) << line;
        }
    }
    EXPECT_EQ(marked, 1u) << text;
    // Without a diagnosis the ladder is the golden one, unmarked.
    EXPECT_EQ(ladderOf(calls).find("<number-format>"), std::string::npos);
}

// Labels in any script: a character is one column whatever its UTF-8 length, so lifelines and marks
// stay in their columns, and a shortened label is never cut inside a character.
TEST(TextLadderWriter, NonAsciiLabelsKeepTheColumns)
{
    const std::string hebrew = "\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d"; // four letters, eight bytes
    const auto layout = LadderLayout::fromParts(columns({ "M\xc3\xbcller", "B", "C" }),
        { row(0, 1, "INVITE", 0), row(1, 0, "603 " + hebrew, 20, ArrowTone::Error), row(2, 0, "BYE", 30) });
    const auto lines = linesOf(TextLadderWriter::write(layout));
    ASSERT_EQ(lines.size(), 5u);
    auto columnsOfBars = [](const std::string& line) {
        std::vector<std::size_t> bars;
        std::size_t column = 0;
        for (const char c : line) {
            if ((static_cast<unsigned char>(c) & 0xC0) == 0x80)
                continue;
            if (c == '|')
                bars.push_back(column);
            ++column;
        }
        return bars;
    };
    const auto lifelines = columnsOfBars(lines[1]);
    ASSERT_EQ(lifelines.size(), 3u);
    // The 603 row (Hebrew label) has A's and C's lifelines where the bare lifeline line has them.
    const auto bars = columnsOfBars(lines[3]);
    ASSERT_FALSE(bars.empty()) << lines[3];
    EXPECT_EQ(bars.front(), lifelines[0]) << lines[3];
    EXPECT_EQ(bars.back(), lifelines[2]) << lines[3];
    EXPECT_NE(lines[3].find(hebrew), std::string::npos) << lines[3];
    EXPECT_NE(lines[0].find("M\xc3\xbcller"), std::string::npos) << lines[0];

    TextLadderOptions options;
    options.maxLabelLength = 9;
    const auto cut = TextLadderWriter::write(
        LadderLayout::fromParts(columns({ "a", "b" }), { row(1, 0, "603 " + hebrew + hebrew, 0) }), options);
    // "603 " and two of the letters, then "...": six columns, never half a letter.
    EXPECT_NE(cut.find("603 \xd7\xa9\xd7\x9c..."), std::string::npos) << cut;
}
