// SPDX-License-Identifier: Apache-2.0
// TextLogReader on hand-made text: every shape of trace, separators, line ends, quoting, prefixes,
// Content-Length agreement, cut logs, times and inferred endpoints.
#include "support/test_paths.h"

#include "sip/sip_parser.h"
#include "textlog/line_feed_byte_source.h"
#include "textlog/text_log_format.h"
#include "textlog/text_log_reader.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>

namespace core = sipladder::core;
namespace st = sipladder::testing;
using core::TextLogFormat;

namespace {

struct ReadMessage {
    std::string text;
    core::TextLogMessage meta;
};

struct ReadResult {
    std::vector<ReadMessage> messages;
    std::vector<core::TextLogWarning> warnings;
    TextLogFormat format = TextLogFormat::RawSip;
    std::string fileBytes;
};

class TextLogReaderTest : public ::testing::Test {
protected:
    void SetUp() override { m_dir = st::makeTempDir("sipladder-textlog"); }
    void TearDown() override { std::filesystem::remove_all(m_dir); }

    ReadResult read(const std::string& content)
    {
        const auto path = m_dir / ("log" + std::to_string(++m_count) + ".txt");
        std::ofstream(path, std::ios::binary) << content;
        auto file = core::FileByteSource::open(path.string());
        EXPECT_TRUE(file);
        ReadResult result;
        result.fileBytes = content;
        core::TextLogReader reader(file.value(), m_hosts);
        core::TextLogMessage message;
        while (reader.next(message)) {
            result.messages.push_back({std::string(core::asText(message.bytes)), message});
            for (auto& warning : reader.warnings())
                result.warnings.push_back(warning);
            reader.warnings().clear();
        }
        for (auto& warning : reader.warnings())
            result.warnings.push_back(warning);
        result.format = reader.format();
        // A message said to be a verbatim slice of the file is exactly that; one said to be the file's
        // lines but for LF line ends reads back the same through LineFeedByteSource.
        const core::LineFeedByteSource lineFeeds(file.value(), core::LineFeedByteSource::Ends::LineFeed);
        const core::LineFeedByteSource dotLineFeeds(file.value(), core::LineFeedByteSource::Ends::DotLineFeed);
        for (const auto& m : result.messages) {
            if (m.meta.fileOffset != core::kUnknownFileOffset) {
                EXPECT_EQ(content.substr(m.meta.fileOffset, m.text.size()), m.text);
                EXPECT_EQ(m.meta.lineFeedOffset, core::kUnknownFileOffset);
            }
            if (m.meta.lineFeedOffset != core::kUnknownFileOffset) {
                std::string readBack;
                EXPECT_TRUE(lineFeeds.read(m.meta.lineFeedOffset, static_cast<std::uint32_t>(m.text.size()), readBack));
                EXPECT_EQ(readBack, m.text);
                EXPECT_EQ(m.meta.dotLineFeedOffset, core::kUnknownFileOffset);
            }
            if (m.meta.dotLineFeedOffset != core::kUnknownFileOffset) {
                std::string readBack;
                EXPECT_TRUE(
                    dotLineFeeds.read(m.meta.dotLineFeedOffset, static_cast<std::uint32_t>(m.text.size()), readBack));
                EXPECT_EQ(readBack, m.text);
            }
        }
        return result;
    }

    core::HostNameTable m_hosts;
    std::filesystem::path m_dir;
    int m_count = 0;
};

std::string crlf(std::string text)
{
    std::string out;
    for (const char c : text) {
        if (c == '\n')
            out += "\r\n";
        else
            out += c;
    }
    return out;
}

const std::string kInvite = "INVITE sip:5551234567@198.51.100.20 SIP/2.0\n"
                            "Via: SIP/2.0/UDP 203.0.113.10:5060;branch=z9hG4bK-1\n"
                            "From: <sip:+12125550147@carrier.example>;tag=a1\n"
                            "To: <sip:5551234567@pbx.example.test>\n"
                            "Call-ID: call-1@carrier.example\n"
                            "CSeq: 1 INVITE\n"
                            "Contact: <sip:+12125550147@203.0.113.10:5060>\n"
                            "Content-Type: application/sdp\n"
                            "Content-Length: 39\n"
                            "\n"
                            "v=0\n"
                            "o=- 1 1 IN IP4 203.0.113.10\n"
                            "s=-\n";
const std::string kTrying = "SIP/2.0 100 Trying\n"
                            "Via: SIP/2.0/UDP 203.0.113.10:5060;branch=z9hG4bK-1\n"
                            "From: <sip:+12125550147@carrier.example>;tag=a1\n"
                            "To: <sip:5551234567@pbx.example.test>\n"
                            "Call-ID: call-1@carrier.example\n"
                            "CSeq: 1 INVITE\n"
                            "Content-Length: 0\n"
                            "\n";
const std::string kNotFound = "SIP/2.0 404 Not Found\n"
                              "Via: SIP/2.0/UDP 203.0.113.10:5060;branch=z9hG4bK-1\n"
                              "From: <sip:+12125550147@carrier.example>;tag=a1\n"
                              "To: <sip:5551234567@pbx.example.test>;tag=b2\n"
                              "Call-ID: call-1@carrier.example\n"
                              "CSeq: 1 INVITE\n"
                              "Content-Length: 0\n"
                              "\n";

// A message as ngrep -W byline prints it: each CR as a '.' at the end of its line.
std::string ngrepDotted(const std::string& text)
{
    std::string out;
    for (std::size_t start = 0; start < text.size();) {
        const auto end = text.find('\n', start);
        out += text.substr(start, end - start) + ".\n";
        start = end + 1;
    }
    return out;
}

std::string describe(const std::vector<core::TextLogWarning>& warnings)
{
    std::string out;
    for (const auto& warning : warnings)
        out += warning.text + "\n";
    return out;
}

std::string startLine(const ReadMessage& message)
{
    return message.text.substr(0, message.text.find("\r\n"));
}

} // namespace

TEST_F(TextLogReaderTest, RawMessagesSplitOnBlankLinesDashesOrNothing)
{
    // LF line ends; a rule of dashes; the 404 right after the 100's blank line.
    const auto result = read("Ticket 4711, the trace:\n\n" + kInvite + "\n-----\n" + kTrying + kNotFound + "Thanks\n");
    ASSERT_EQ(result.messages.size(), 3u);
    EXPECT_EQ(result.format, TextLogFormat::RawSip);
    EXPECT_EQ(startLine(result.messages[0]), "INVITE sip:5551234567@198.51.100.20 SIP/2.0");
    EXPECT_EQ(startLine(result.messages[1]), "SIP/2.0 100 Trying");
    EXPECT_EQ(startLine(result.messages[2]), "SIP/2.0 404 Not Found");
    EXPECT_EQ(result.messages[0].text, crlf(kInvite)) << "LF lines become CRLF; the body matches Content-Length";
    EXPECT_NE(result.messages[0].meta.lineFeedOffset, core::kUnknownFileOffset) << "read back from the file, LF made CRLF";
    EXPECT_EQ(result.messages[0].meta.line, 3u);
    EXPECT_TRUE(result.warnings.empty()) << describe(result.warnings);
    // No time in the text: the order of messages, one microsecond apart.
    EXPECT_EQ(result.messages[0].meta.timestampNs, 0);
    EXPECT_EQ(result.messages[1].meta.timestampNs, 1000);
    EXPECT_EQ(result.messages[2].meta.timestampNs, 2000);
    // Endpoints from Via and Request-URI, the responses back the way the request came.
    EXPECT_EQ(result.messages[0].meta.source.toString(), "203.0.113.10:5060");
    EXPECT_EQ(result.messages[0].meta.destination.toString(), "198.51.100.20:5060");
    EXPECT_TRUE(result.messages[0].meta.sourceInferred);
    EXPECT_TRUE(result.messages[0].meta.destinationInferred);
    EXPECT_EQ(result.messages[2].meta.source.toString(), "198.51.100.20:5060");
    EXPECT_EQ(result.messages[2].meta.destination.toString(), "203.0.113.10:5060");
}

TEST_F(TextLogReaderTest, CrlfMessagesAreVerbatimSlicesOfTheFile)
{
    const std::string content = crlf(kInvite) + "\r\n" + crlf(kTrying);
    const auto result = read(content);
    ASSERT_EQ(result.messages.size(), 2u);
    EXPECT_EQ(result.messages[0].meta.fileOffset, 0u);
    EXPECT_EQ(result.messages[1].meta.fileOffset, crlf(kInvite).size() + 2);
    EXPECT_EQ(result.messages[1].text, crlf(kTrying));
}

TEST_F(TextLogReaderTest, QuotingAndIndentationAreRemovedButFoldingIsKept)
{
    std::string quoted;
    std::string body = kTrying;
    body.insert(body.find("CSeq:"), "Subject: a long\n  folded subject\n");
    for (std::size_t start = 0; start < body.size();) {
        const auto end = body.find('\n', start);
        const auto line = body.substr(start, end - start);
        quoted += line.empty() ? ">\n" : ">     " + line + "\n";
        start = end + 1;
    }
    const auto result = read("On Monday Sam wrote:\n> the PBX says:\n>\n" + quoted);
    ASSERT_EQ(result.messages.size(), 1u);
    EXPECT_NE(result.messages[0].text.find("Subject: a long\r\n  folded subject\r\n"), std::string::npos)
        << result.messages[0].text;
    EXPECT_EQ(result.messages[0].text.rfind("SIP/2.0 100 Trying\r\nVia:", 0), 0u);
    EXPECT_EQ(result.messages[0].meta.fileOffset, core::kUnknownFileOffset);
}

TEST_F(TextLogReaderTest, AnsiColoursCarriageReturnsAndLogPrefixesAreTolerated)
{
    const std::string esc = "\x1b";
    std::string text = "[Nov 24 10:00:00] VERBOSE[123][C-00000001] chan_sip.c: \n" + esc + "[1;32m<--- SIP read from UDP:203.0.113.10:5060 --->"
        + esc + "[0m\r\n" + kInvite + "<------------->\n"
        + "[Nov 24 10:00:00] VERBOSE[124] pbx.c:     -- Executing [5551234567@from-trunk:1] Dial(\"SIP/x\")\r\r\n"
        + "[Nov 24 10:00:01] VERBOSE[123][C-00000001] chan_sip.c: \n<--- Transmitting (no NAT) to 203.0.113.10:5060 --->\n"
        + kNotFound + "<------------>\n";
    const auto result = read(text);
    ASSERT_EQ(result.messages.size(), 2u);
    EXPECT_EQ(result.format, TextLogFormat::AsteriskChanSip);
    EXPECT_EQ(startLine(result.messages[0]), "INVITE sip:5551234567@198.51.100.20 SIP/2.0");
    EXPECT_TRUE(result.warnings.empty()) << describe(result.warnings);
    // The log names the peer; the PBX's own address is inferred.
    EXPECT_FALSE(result.messages[0].meta.sourceInferred);
    EXPECT_TRUE(result.messages[0].meta.destinationInferred);
    EXPECT_EQ(result.messages[1].meta.destination.toString(), "203.0.113.10:5060");
    EXPECT_FALSE(result.messages[1].meta.destinationInferred);
    // "Nov 24" without a year: 1970-11-24, the time of the prefix.
    const std::int64_t nov24 = core::daysSinceEpoch(1970, 11, 24) * 86400LL * 1'000'000'000LL;
    EXPECT_EQ(result.messages[0].meta.timestampNs, nov24 + 10 * 3600LL * 1'000'000'000LL);
    EXPECT_EQ(result.messages[1].meta.timestampNs, nov24 + (10 * 3600LL + 1) * 1'000'000'000LL);
}

TEST_F(TextLogReaderTest, PjsipMarkersGiveDirectionTransportAndPeer)
{
    const auto result = read("<--- Received SIP request (512 bytes) from TCP:[2001:db8::10]:5070 --->\n" + kInvite + "\n"
        + "<--- Transmitting SIP response (300 bytes) to TCP:[2001:db8::10]:5070 --->\n" + kTrying + "\n");
    ASSERT_EQ(result.messages.size(), 2u);
    EXPECT_EQ(result.format, TextLogFormat::AsteriskPjsip);
    EXPECT_EQ(result.messages[0].meta.transport, core::Transport::Tcp);
    EXPECT_EQ(result.messages[0].meta.source.toString(), "[2001:db8::10]:5070");
    EXPECT_EQ(result.messages[1].meta.destination.toString(), "[2001:db8::10]:5070");
    EXPECT_EQ(result.messages[1].meta.source, result.messages[0].meta.destination);
}

// The logging host's own address shows in the Via of the first request it sends. Messages before
// that one get it too: the start of the log is looked at before any message is handed out.
TEST_F(TextLogReaderTest, TheLoggingHostLearntLaterNamesTheFirstMessagesToo)
{
    const std::string options = "OPTIONS sip:192.0.2.50 SIP/2.0\nVia: SIP/2.0/UDP 10.1.1.1:5060;branch=z9hG4bK-opt\n"
                                "From: <sip:pbx@10.1.1.1>;tag=o1\nTo: <sip:192.0.2.50>\nCall-ID: opt-1@10.1.1.1\n"
                                "CSeq: 1 OPTIONS\nContent-Length: 0\n\n";
    const auto result = read("<--- Received SIP request (512 bytes) from UDP:203.0.113.10:5060 --->\n" + kInvite + "\n"
        + "<--- Transmitting SIP request (300 bytes) to UDP:192.0.2.50:5060 --->\n" + options);
    ASSERT_EQ(result.messages.size(), 2u);
    EXPECT_EQ(result.messages[1].meta.source.toString(), "10.1.1.1:5060");
    EXPECT_EQ(result.messages[0].meta.destination.toString(), "10.1.1.1:5060")
        << "not the Request-URI's host, which is all the first message itself says";
    EXPECT_TRUE(result.messages[0].meta.destinationInferred);
}

TEST_F(TextLogReaderTest, FreeSwitchSiptraceTakesItsTimeAndTheDateOfTheLogAround)
{
    const std::string rule(72, '-');
    const auto result = read("2026-11-24 09:59:59.500000 [NOTICE] switch_channel.c:1118 New Channel sofia/external/x\n"
                             "recv 512 bytes from udp/[203.0.113.10]:5060 at 10:00:00.123456:\n"
        + rule + "\n" + kInvite + rule + "\n"
        + "send 300 bytes to udp/[203.0.113.10]:5060 at 10:00:00.200001:\n   " + rule + "\n   SIP/2.0 100 Trying\n"
        + "   Via: SIP/2.0/UDP 203.0.113.10:5060;branch=z9hG4bK-1\n   Call-ID: call-1@carrier.example\n"
          "   From: <sip:a@b>;tag=1\n   To: <sip:c@d>\n   CSeq: 1 INVITE\n   Content-Length: 0\n\n   "
        + rule + "\n");
    ASSERT_EQ(result.messages.size(), 2u);
    EXPECT_EQ(result.format, TextLogFormat::FreeSwitch);
    const std::int64_t day = core::daysSinceEpoch(2026, 11, 24) * 86400LL * 1'000'000'000LL;
    EXPECT_EQ(result.messages[0].meta.timestampNs, day + 36000LL * 1'000'000'000LL + 123'456'000);
    EXPECT_EQ(result.messages[1].meta.timestampNs, day + 36000LL * 1'000'000'000LL + 200'001'000);
    EXPECT_EQ(startLine(result.messages[1]), "SIP/2.0 100 Trying") << "the indentation of sofia's dump is removed";
}

TEST_F(TextLogReaderTest, NgrepDotsAreTheCarriageReturns)
{
    const std::string dotted = ngrepDotted(kNotFound);
    const auto result = read("interface: eth0\nfilter: port 5060\n#\nT 2026/11/24 10:00:00.000100 198.51.100.20:5060 -> "
                             "203.0.113.10:40000 [AP]\n"
        + dotted + "\n#\n");
    ASSERT_EQ(result.messages.size(), 1u);
    EXPECT_EQ(result.format, TextLogFormat::Ngrep);
    EXPECT_EQ(result.messages[0].text, crlf(kNotFound));
    EXPECT_EQ(result.messages[0].meta.transport, core::Transport::Tcp);
    EXPECT_EQ(result.messages[0].meta.destination.toString(), "203.0.113.10:40000");
    EXPECT_FALSE(result.messages[0].meta.sourceInferred);
}

TEST_F(TextLogReaderTest, SngrepTextIsPutInTimeOrder)
{
    const auto result = read("2026/11/24 10:00:01.000000 198.51.100.20:5060 -> 203.0.113.10:5060\n" + crlf(kNotFound)
        + "\n\n2026/11/24 10:00:00.000000 203.0.113.10:5060 -> 198.51.100.20:5060\n" + crlf(kTrying) + "\n\n");
    ASSERT_EQ(result.messages.size(), 2u);
    EXPECT_EQ(result.format, TextLogFormat::Sngrep);
    EXPECT_EQ(startLine(result.messages[0]), "SIP/2.0 100 Trying");
    EXPECT_EQ(result.messages[0].meta.line, 13u) << "the line of its start line in the file, not its place in time order";
    EXPECT_LT(result.messages[0].meta.timestampNs, result.messages[1].meta.timestampNs);
}

TEST_F(TextLogReaderTest, CiscoBlocksWithoutTheBlankLineBeforeTheBody)
{
    // As copied from a web page: the blank line between headers and SDP is gone.
    std::string invite = kInvite;
    invite.erase(invite.find("\n\nv=0") + 1, 1);
    const auto result = read("000123: *Nov 24 10:00:00.050 UTC: //-1/xxxxxxxxxxxx/SIP/Msg/ccsipDisplayMsg:\nReceived:\n"
        + invite + "00:11:29: //-1/xxxxxxxxxxxx/SIP/Msg/ccsipDisplayMsg:\nSent:\n" + kTrying);
    ASSERT_EQ(result.messages.size(), 2u);
    EXPECT_EQ(result.format, TextLogFormat::CiscoCcsip);
    EXPECT_NE(result.messages[0].text.find("Content-Length: 39\r\n\r\nv=0\r\n"), std::string::npos);
    EXPECT_TRUE(result.warnings.empty()) << describe(result.warnings);
    // Received: the sender is the Via; the router itself is where the Request-URI points.
    EXPECT_EQ(result.messages[0].meta.source.toString(), "203.0.113.10:5060");
    EXPECT_EQ(result.messages[1].meta.destination.toString(), "203.0.113.10:5060");
    EXPECT_EQ(result.messages[1].meta.source.toString(), "198.51.100.20:5060");
}

TEST_F(TextLogReaderTest, ContentLengthThatDisagreesKeepsWhatIsThereAndWarnsWithTheLine)
{
    std::string invite = kInvite;
    invite.replace(invite.find("Content-Length: 39"), 18, "Content-Length: 99");
    const auto result = read(kTrying + "\n" + invite + "\n" + kNotFound);
    ASSERT_EQ(result.messages.size(), 3u);
    ASSERT_EQ(result.warnings.size(), 1u);
    EXPECT_EQ(result.warnings[0].line, 10u);
    EXPECT_STREQ(result.warnings[0].kind, "content-length");
    EXPECT_NE(result.warnings[0].text.find("Content-Length 99"), std::string::npos);
    EXPECT_NE(result.messages[1].text.find("s=-\r\n"), std::string::npos) << "the body as the log has it";
    EXPECT_EQ(startLine(result.messages[2]), "SIP/2.0 404 Not Found");
}

TEST_F(TextLogReaderTest, ZeroContentLengthLeavesFollowingConsoleOutputOut)
{
    const auto result = read("<--- Transmitting SIP response (300 bytes) to UDP:203.0.113.10:5060 --->\n" + kTrying
        + "    -- Executing [5551234567@from-trunk:1] Dial(\"PJSIP/200\")\n  == Everyone is busy\n");
    ASSERT_EQ(result.messages.size(), 1u);
    EXPECT_EQ(result.messages[0].text, crlf(kTrying));
    EXPECT_TRUE(result.warnings.empty()) << describe(result.warnings);
}

TEST_F(TextLogReaderTest, BodyWithBareLineFeedsOnTheWireKeepsThem)
{
    // Headers CRLF, SDP with LF only, as some phones send it; Content-Length counts the LF form.
    const std::string message = crlf("SIP/2.0 200 OK\nVia: SIP/2.0/UDP 203.0.113.10:5060;branch=z9hG4bK-1\n"
                                     "From: <sip:a@b>;tag=1\nTo: <sip:c@d>;tag=2\nCall-ID: x@y\nCSeq: 1 INVITE\n"
                                     "Content-Type: application/sdp\nContent-Length: 14\n\n")
        + "v=0\ns=-\nt=0 0\n";
    const auto result = read(message + "\r\n");
    ASSERT_EQ(result.messages.size(), 1u);
    EXPECT_EQ(result.messages[0].text, message);
    EXPECT_TRUE(result.warnings.empty()) << describe(result.warnings);
}

TEST_F(TextLogReaderTest, MultipartBodyWithBlankLinesIsCutByContentLength)
{
    const std::string body = "--b1\r\nContent-Type: application/sdp\r\n\r\nv=0\r\n--b1\r\nContent-Type: "
                             "application/isup\r\n\r\nxyz\r\n--b1--\r\n";
    const std::string message = "INVITE sip:1@198.51.100.20 SIP/2.0\r\nVia: SIP/2.0/UDP 203.0.113.10;branch=z9hG4bK-9\r\n"
                                "From: <sip:a@b>;tag=1\r\nTo: <sip:c@d>\r\nCall-ID: mp@y\r\nCSeq: 1 INVITE\r\n"
                                "Content-Type: multipart/mixed;boundary=b1\r\nContent-Length: "
        + std::to_string(body.size()) + "\r\n\r\n" + body;
    const auto result = read(message + "\r\nSome words after it.\r\n");
    ASSERT_EQ(result.messages.size(), 1u);
    EXPECT_EQ(result.messages[0].text, message);
    EXPECT_EQ(result.messages[0].meta.fileOffset, 0u);
    EXPECT_TRUE(result.warnings.empty()) << describe(result.warnings);
}

TEST_F(TextLogReaderTest, CutLogKeepsWhatIsThereAndWarnsWithTheLine)
{
    const auto full = kTrying + "\n" + kInvite;
    const auto cut = full.substr(0, full.find("o=- 1 1"));
    const auto result = read(cut);
    ASSERT_EQ(result.messages.size(), 2u);
    EXPECT_FALSE(result.messages[0].meta.truncated);
    EXPECT_TRUE(result.messages[1].meta.truncated);
    ASSERT_EQ(result.warnings.size(), 1u);
    EXPECT_STREQ(result.warnings[0].kind, "cut-off message");
    EXPECT_EQ(result.warnings[0].line, 10u);
    EXPECT_NE(result.warnings[0].text.find("line 10"), std::string::npos);
}

TEST_F(TextLogReaderTest, LastMessageWithoutItsFinalLineEndIsComplete)
{
    auto text = kTrying;
    text.resize(text.size() - 2); // a clipboard without the final blank line and line feed
    const auto result = read(text);
    ASSERT_EQ(result.messages.size(), 1u);
    EXPECT_FALSE(result.messages[0].meta.truncated);
    EXPECT_TRUE(result.warnings.empty()) << describe(result.warnings);
    EXPECT_EQ(result.messages[0].text, crlf(kTrying));
}

TEST_F(TextLogReaderTest, HostNamesBecomeStandInAddressesSharedByName)
{
    const std::string request = "OPTIONS sip:pbx.example.test SIP/2.0\nVia: SIP/2.0/TLS proxy.example.test;branch=z9hG4bK-o\n"
                                "From: <sip:a@b>;tag=1\nTo: <sip:c@d>\nCall-ID: o@y\nCSeq: 1 OPTIONS\nContent-Length: 0\n\n";
    const auto result = read(request + request);
    ASSERT_EQ(result.messages.size(), 2u);
    const auto& source = result.messages[0].meta.source;
    EXPECT_TRUE(core::HostNameTable::isStandIn(source.address));
    EXPECT_EQ(m_hosts.nameOf(source.address), "proxy.example.test");
    EXPECT_EQ(source.port, 5061) << "TLS defaults to 5061";
    EXPECT_EQ(m_hosts.nameOf(result.messages[0].meta.destination.address), "pbx.example.test");
    EXPECT_EQ(result.messages[1].meta.source, source);
    EXPECT_EQ(result.messages[0].meta.transport, core::Transport::Tls);
}

// A request with nothing but its Via to say where it came from: received= and rport= (any case,
// spaces around '=') give the address it was seen from; a bare ";rport" gives nothing.
TEST_F(TextLogReaderTest, ReceivedAndRportOfTheViaNameTheSender)
{
    auto options = [](const std::string& via, int n) {
        return "OPTIONS sip:pbx.example.test SIP/2.0\nVia: SIP/2.0/UDP " + via + "\nFrom: <sip:a@b>;tag=" + std::to_string(n)
            + "\nTo: <sip:c@d>\nCall-ID: rp" + std::to_string(n) + "@y\nCSeq: 1 OPTIONS\nContent-Length: 0\n\n";
    };
    const std::vector<std::pair<std::string, std::string>> cases {
        {"10.0.0.1:5060;branch=z9hG4bK-1;rport", "10.0.0.1:5060"},
        {"10.0.0.1:5060;branch=z9hG4bK-2;rport=40001;received=192.0.2.9", "192.0.2.9:40001"},
        {"10.0.0.1:5060;branch=z9hG4bK-3;RPORT = 40002", "10.0.0.1:40002"},
        {"10.0.0.1;Received=192.0.2.10;branch=z9hG4bK-4", "192.0.2.10:5060"},
        {"10.0.0.1:5070;received=;branch=z9hG4bK-5", "10.0.0.1:5070"},
        {"10.0.0.1:5060;branch=z9hG4bK-6;reportable;rportx=1", "10.0.0.1:5060"},
        {"[2001:db8::5]:5062;branch=z9hG4bK-7", "[2001:db8::5]:5062"},
    };
    std::string log;
    for (std::size_t i = 0; i < cases.size(); ++i)
        log += options(cases[i].first, static_cast<int>(i));
    const auto result = read(log);
    ASSERT_EQ(result.messages.size(), cases.size());
    for (std::size_t i = 0; i < cases.size(); ++i) {
        EXPECT_EQ(result.messages[i].meta.source.toString(), cases[i].second) << cases[i].first;
        EXPECT_TRUE(result.messages[i].meta.sourceInferred);
    }
}

TEST_F(TextLogReaderTest, TimeOfDayRollsOverMidnight)
{
    const auto result = read("U 2026/11/24 23:59:59.900000 203.0.113.10:5060 -> 198.51.100.20:5060\n" + kTrying
        + "\nrecv 10 bytes from udp/[203.0.113.10]:5060 at 00:00:00.100000:\n" + kNotFound);
    ASSERT_EQ(result.messages.size(), 2u);
    EXPECT_EQ(result.messages[1].meta.timestampNs - result.messages[0].meta.timestampNs, 200'000'000);
}

TEST_F(TextLogReaderTest, TextWithoutSipHasNoMessages)
{
    const auto result = read("Hi team,\n\nthe customer says calls fail since Monday. INVITE? 404?\nSIP/2.0 is fine.\n");
    EXPECT_TRUE(result.messages.empty());
}

TEST_F(TextLogReaderTest, EveryMessageParsesAsSip)
{
    const auto result = read(kInvite + "\n" + kTrying + "\n" + kNotFound);
    core::SipParser parser;
    core::SipMessage message;
    for (const auto& m : result.messages) {
        ASSERT_TRUE(parser.parse(core::asBytes(m.text), message, false));
        EXPECT_TRUE(message.problems().none()) << message.problemText();
        EXPECT_EQ(message.callId(), "call-1@carrier.example");
    }
}

// Two messages in one TCP segment: ngrep prints them in one block, the second start line right after
// the first body. Both get the block's addresses, time and transport.
TEST_F(TextLogReaderTest, TwoMessagesInOneNgrepSegmentBothKeepTheBlock)
{
    std::string ack = kNotFound;
    ack.replace(0, ack.find('\n'), "ACK sip:5551234567@198.51.100.20 SIP/2.0");
    std::string bye = kNotFound;
    bye.replace(0, bye.find('\n'), "BYE sip:5551234567@198.51.100.20 SIP/2.0");
    const auto result = read("#\nT 2026/11/24 10:00:07.000000 203.0.113.10:40000 -> 198.51.100.20:5060 [AP]\n"
        + ngrepDotted(ack) + ngrepDotted(bye) + "\n#\n");
    ASSERT_EQ(result.messages.size(), 2u) << describe(result.warnings);
    for (const auto& message : result.messages) {
        EXPECT_EQ(message.meta.transport, core::Transport::Tcp);
        EXPECT_EQ(message.meta.source.toString(), "203.0.113.10:40000");
        EXPECT_EQ(message.meta.destination.toString(), "198.51.100.20:5060");
        EXPECT_EQ(message.meta.timestampNs, result.messages[0].meta.timestampNs);
    }
    EXPECT_EQ(startLine(result.messages[1]), "BYE sip:5551234567@198.51.100.20 SIP/2.0");
    // A start line after other text is not part of the block any more.
    const auto apart = read("#\nT 2026/11/24 10:00:07.000000 203.0.113.10:40000 -> 198.51.100.20:5060 [AP]\n"
        + ngrepDotted(ack) + "some other output\n" + bye);
    ASSERT_EQ(apart.messages.size(), 2u);
    EXPECT_TRUE(apart.messages[1].meta.sourceInferred || apart.messages[1].meta.source.toString() != "203.0.113.10:40000");
}

// A NOTIFY for a REFER carries "SIP/2.0 200 OK" as its body: a start line inside a body that may hold
// SIP, before Content-Length is reached, is body.
TEST_F(TextLogReaderTest, SipfragBodyStaysInItsNotify)
{
    const std::string body = "SIP/2.0 200 OK\n";
    const std::string notify = "NOTIFY sip:a@203.0.113.10 SIP/2.0\nVia: SIP/2.0/UDP 198.51.100.20;branch=z9hG4bK-n\n"
                               "From: <sip:c@d>;tag=2\nTo: <sip:a@b>;tag=1\nCall-ID: refer@y\nCSeq: 2 NOTIFY\n"
                               "Event: refer\nContent-Type: message/sipfrag;version=2.0\nContent-Length: "
        + std::to_string(body.size() + 1) + "\n\n" + body;
    const auto result = read(notify + "\n" + kTrying);
    ASSERT_EQ(result.messages.size(), 2u) << describe(result.warnings);
    EXPECT_NE(result.messages[0].text.find("\r\n\r\nSIP/2.0 200 OK\r\n"), std::string::npos) << result.messages[0].text;
    EXPECT_EQ(startLine(result.messages[1]), "SIP/2.0 100 Trying");
    EXPECT_TRUE(result.warnings.empty()) << describe(result.warnings);
}

// A body written with LF line ends that is exactly Content-Length as written is no mismatch, even
// when one line earlier the CRLF reading, short of its last line end, came to the same number.
TEST_F(TextLogReaderTest, AnExactBodyWinsOverAMatchOneLineEndShort)
{
    // Lines of the body: 3 + 1 bytes as written per line; CRLF short of the last end after k lines is
    // 5k - 2, as written after k + 1 lines is 4(k + 1): equal for k = 6.
    std::string body;
    for (int i = 0; i < 7; ++i)
        body += "a=" + std::to_string(i) + "\n";
    const std::string head = crlf("SIP/2.0 200 OK\nVia: SIP/2.0/UDP 203.0.113.10:5060;branch=z9hG4bK-1\n"
                                  "From: <sip:a@b>;tag=1\nTo: <sip:c@d>;tag=2\nCall-ID: lf@y\nCSeq: 1 INVITE\n"
                                  "Content-Type: application/sdp\nContent-Length: "
        + std::to_string(body.size()) + "\n\n");
    ASSERT_EQ(body.size(), 28u);
    const auto result = read(head + body + "\r\n");
    ASSERT_EQ(result.messages.size(), 1u);
    EXPECT_EQ(result.messages[0].text, head + body);
    EXPECT_TRUE(result.warnings.empty()) << describe(result.warnings);
}

// Zeros at the start (logrotate's copytruncate) and UTF-16 text (Windows "Unicode") are still logs.
TEST_F(TextLogReaderTest, ZerosAndUtf16AreReadAsText)
{
    const auto zeros = read(std::string(5000, '\0') + kInvite + "\n" + kNotFound);
    ASSERT_EQ(zeros.messages.size(), 2u);
    EXPECT_EQ(startLine(zeros.messages[0]), "INVITE sip:5551234567@198.51.100.20 SIP/2.0");

    std::string utf16 = "\xFF\xFE";
    for (const char c : crlf(kInvite + "\n" + kNotFound)) {
        utf16 += c;
        utf16 += '\0';
    }
    const auto wide = read(utf16);
    ASSERT_EQ(wide.messages.size(), 2u) << describe(wide.warnings);
    EXPECT_EQ(startLine(wide.messages[0]), "INVITE sip:5551234567@198.51.100.20 SIP/2.0");
    EXPECT_EQ(startLine(wide.messages[1]), "SIP/2.0 404 Not Found");
    EXPECT_TRUE(wide.warnings.empty()) << describe(wide.warnings);

    EXPECT_TRUE(core::looksLikeTextLog(core::ByteView(reinterpret_cast<const std::uint8_t*>(utf16.data()), utf16.size())));
    const std::string binary = "\x7f" "ELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x03\x00\x3e\x00\x01\x00";
    EXPECT_FALSE(core::looksLikeTextLog(core::ByteView(reinterpret_cast<const std::uint8_t*>(binary.data()), binary.size())));
}

// ngrep -T writes the time since the previous packet: the messages get those times, summed.
TEST_F(TextLogReaderTest, NgrepDeltasMakeATimeLine)
{
    const auto result = read("#\nU +0.000000 203.0.113.10:5060 -> 198.51.100.20:5060\n" + ngrepDotted(kTrying)
        + "\n#\nU +2.500000 198.51.100.20:5060 -> 203.0.113.10:5060\n" + ngrepDotted(kNotFound) + "\n#\n");
    ASSERT_EQ(result.messages.size(), 2u);
    EXPECT_EQ(result.messages[1].meta.timestampNs - result.messages[0].meta.timestampNs, 2'500'000'000);
    EXPECT_NE(result.messages[0].meta.dotLineFeedOffset, core::kUnknownFileOffset) << "read back from the file, '.' as CR";
}

// A response goes back the way its request came while the request is among the last 8192 to 16384
// remembered; an older one falls back to the response's own headers.
TEST_F(TextLogReaderTest, ResponsesFindRequestsAcrossTheRememberedGenerations)
{
    auto request = [](int i) {
        const std::string n = std::to_string(i);
        return "OPTIONS sip:probe@198.51.100.20 SIP/2.0\nVia: SIP/2.0/UDP 203.0.113.10:5060;branch=z9hG4bK" + n
            + "\nFrom: <sip:a@203.0.113.10>;tag=" + n + "\nTo: <sip:probe@far.example.test>\nCall-ID: c" + n
            + "\nCSeq: 1 OPTIONS\nContent-Length: 0\n\n";
    };
    auto response = [](int i) {
        const std::string n = std::to_string(i);
        return "SIP/2.0 200 OK\nVia: SIP/2.0/UDP 203.0.113.10:5060;branch=z9hG4bK" + n + "\nFrom: <sip:a@203.0.113.10>;tag="
            + n + "\nTo: <sip:probe@far.example.test>;tag=r\nCall-ID: c" + n + "\nCSeq: 1 OPTIONS\nContent-Length: 0\n\n";
    };
    std::string log;
    for (int i = 0; i < 20000; ++i)
        log += request(i);
    log += response(19999) + response(10000) + response(0);
    const auto result = read(log);
    ASSERT_EQ(result.messages.size(), 20003u);
    const auto& recent = result.messages[20000].meta;
    const auto& older = result.messages[20001].meta;
    const auto& forgotten = result.messages[20002].meta;
    EXPECT_EQ(recent.source.toString(), "198.51.100.20:5060");
    EXPECT_EQ(recent.destination.toString(), "203.0.113.10:5060");
    EXPECT_EQ(older.source.toString(), "198.51.100.20:5060") << "a request of the generation before";
    // Forgotten: the responder is taken from the To header's host name (a stand-in address).
    EXPECT_NE(forgotten.source.toString(), "198.51.100.20:5060");
    EXPECT_EQ(forgotten.destination.toString(), "203.0.113.10:5060");
}

namespace {

// A sngrep text export of `calls` calls, saved call by call (so out of time order): an INVITE and its
// 404 each, after a header line stating time and endpoints. Returns the log; `starts` gets the line of
// each message's start line, by Call-ID and method. `wrongLengthCall` declares a Content-Length its
// body does not have; `bareCall`'s 404 comes without its header line (endpoints to be inferred).
std::string sngrepLog(int calls, int wrongLengthCall, int bareCall, std::map<std::string, std::uint64_t>& starts)
{
    std::string log;
    std::uint64_t line = 1;
    auto add = [&](const std::string& header, const std::string& key, const std::string& message) {
        // A line of other text before a message without its header: not another of the block before.
        log += (header.empty() ? std::string("-- pasted without its header --") : header) + "\n";
        ++line;
        starts[key] = line;
        log += message + "\n\n";
        line += static_cast<std::uint64_t>(std::count(message.begin(), message.end(), '\n')) + 2;
    };
    auto stamp = [](int ms) {
        char text[64];
        std::snprintf(text, sizeof text, "2026/11/24 10:%02d:%02d.%06d", ms / 60000, ms / 1000 % 60, ms % 1000 * 1000);
        return std::string(text);
    };
    for (int i = 0; i < calls; ++i) {
        const std::string id = "sngrep-" + std::to_string(i) + "@203.0.113.10";
        const std::string caller = "203.0.113." + std::to_string(1 + i % 200) + ":5060";
        const std::string via = "Via: SIP/2.0/UDP " + caller + ";branch=z9hG4bK" + std::to_string(i) + "\r\n";
        const std::string common = via + "From: <sip:+12125550147@carrier.example>;tag=a" + std::to_string(i)
            + "\r\nTo: <sip:5551234567@pbx.example.test>\r\nCall-ID: " + id + "\r\nCSeq: 1 INVITE\r\n";
        add(stamp(i) + " " + caller + " -> 198.51.100.20:5060", id + " INVITE",
            "INVITE sip:5551234567@198.51.100.20 SIP/2.0\r\n" + common + "Content-Type: application/sdp\r\nContent-Length: "
                + (i == wrongLengthCall ? "99" : "5") + "\r\n\r\nv=0\r\n");
        add(i == bareCall ? "" : stamp(i + 50) + " 198.51.100.20:5060 -> " + caller, id + " 404",
            "SIP/2.0 404 Not Found\r\n" + common + "Content-Length: 0\r\n");
    }
    return log;
}

} // namespace

// A large sngrep export is read in two halves at once: every message comes out once, in time order,
// with the line it starts on in the file, and a warning in the second half names its own line.
TEST_F(TextLogReaderTest, LargeSngrepTextReadInTwoHalvesKeepsEverything)
{
    for (const bool bare : {false, true}) {
        constexpr int kCalls = 42000;
        std::map<std::string, std::uint64_t> starts;
        const std::string log = sngrepLog(kCalls, kCalls - 10, bare ? kCalls - 20 : -1, starts);
        ASSERT_GT(log.size(), 26u << 20) << "past the first look and long enough to be read in two halves";
        const auto path = m_dir / (bare ? "bare.txt" : "sngrep.txt");
        std::ofstream(path, std::ios::binary) << log;
        auto file = core::FileByteSource::open(path.string());
        ASSERT_TRUE(file);
        core::HostNameTable hosts;
        core::TextLogReader reader(file.value(), hosts);
        core::TextLogMessage message;
        std::vector<core::TextLogWarning> warnings;
        std::set<std::string> seen;
        std::int64_t lastTime = 0;
        std::size_t count = 0;
        while (reader.next(message)) {
            const std::string text(core::asText(message.bytes));
            const auto idAt = text.find("Call-ID: ") + 9;
            const std::string key = text.substr(idAt, text.find("\r\n", idAt) - idAt)
                + (text.starts_with("INVITE") ? " INVITE" : " 404");
            ASSERT_TRUE(seen.insert(key).second) << key << " came out twice";
            ASSERT_EQ(message.line, starts.at(key)) << key;
            ASSERT_GE(message.timestampNs, lastTime) << key;
            lastTime = message.timestampNs;
            if (bare && key == "sngrep-" + std::to_string(kCalls - 20) + "@203.0.113.10 404") {
                EXPECT_TRUE(message.destinationInferred);
                EXPECT_EQ(message.destination.toString(), "203.0.113." + std::to_string(1 + (kCalls - 20) % 200) + ":5060");
            } else {
                ASSERT_FALSE(message.sourceInferred) << key;
            }
            for (auto& warning : reader.warnings())
                warnings.push_back(warning);
            reader.warnings().clear();
            ++count;
        }
        EXPECT_EQ(count, static_cast<std::size_t>(2 * kCalls));
        // With a message whose endpoints are inferred, the second half is read again after the first.
        EXPECT_EQ(reader.readInTwoHalves(), !bare);
        EXPECT_EQ(reader.format(), TextLogFormat::Sngrep);
        EXPECT_EQ(reader.linesRead(), static_cast<std::uint64_t>(std::count(log.begin(), log.end(), '\n')));
        EXPECT_EQ(reader.bytesConsumed(), log.size());
        ASSERT_EQ(warnings.size(), 1u) << describe(warnings);
        const auto wrongLine = starts.at("sngrep-" + std::to_string(kCalls - 10) + "@203.0.113.10 INVITE");
        EXPECT_EQ(warnings[0].line, wrongLine);
        EXPECT_NE(warnings[0].text.find("at line " + std::to_string(wrongLine) + " "), std::string::npos) << warnings[0].text;
        std::filesystem::remove(path);
    }
}
