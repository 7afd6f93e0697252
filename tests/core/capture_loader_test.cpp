// SPDX-License-Identifier: Apache-2.0
#include "load/capture_loader.h"
#include "net/tcp_segment.h"
#include "support/capture_file_writer.h"
#include "support/packet_builder.h"
#include "support/simple_sip_messages.h"
#include "support/test_paths.h"

#include <gtest/gtest.h>

#include <fstream>

#include <string>
#include <vector>

using namespace sipladder::core;
namespace st = sipladder::testing;

namespace {

constexpr std::int64_t kBase = 1795514400LL * 1'000'000'000;
constexpr std::int64_t kMs = 1'000'000;
const Endpoint kCaller{IpAddress::v4(192, 0, 2, 1), 5060};
const Endpoint kCallee{IpAddress::v4(192, 0, 2, 2), 5060};

class CaptureLoaderTest : public ::testing::Test {
protected:
    void SetUp() override { m_dir = st::makeTempDir("sipladder-loader-test"); }
    void TearDown() override { std::filesystem::remove_all(m_dir); }

    std::string path(const std::string& name) const { return (m_dir / name).string(); }

    static SnapshotPtr load(const std::vector<std::string>& paths, ProgressSink* progress = nullptr,
        const CancellationToken& token = CancellationToken())
    {
        LoadOptions options;
        options.paths = paths;
        auto result = CaptureLoader::load(options, progress, token);
        EXPECT_TRUE(result) << (result ? "" : result.error().message);
        return result ? result.value() : nullptr;
    }

    static std::string textOf(const CaptureSnapshot& snapshot, const MessageRecord& message)
    {
        std::string text;
        EXPECT_TRUE(snapshot.readMessage(message, text));
        return text;
    }

    std::filesystem::path m_dir;
    st::PacketBuilder m_builder;
};

} // namespace

TEST_F(CaptureLoaderTest, MessageBytesAreReadBackFromTheFileOrTheSpillStore)
{
    const auto plain = st::simpleInvite("plain@x");
    const auto fragmented = st::simpleInvite("fragmented@x", 3000);
    const auto segmented = st::simpleInvite("segmented@x", 500);
    {
        st::PcapWriter writer(path("mixed.pcap"), 1);
        m_builder.payload(plain).udp(kCaller, kCallee).ip().ethernet();
        writer.write(kBase, m_builder.bytes());
        m_builder.payload(fragmented).udp(kCaller, kCallee).ip();
        const auto datagram = m_builder.toVector();
        for (const auto& fragment : st::PacketBuilder::fragmentIp(datagram, 1400)) {
            m_builder.ipPacket(fragment).ethernet();
            writer.write(kBase + 10 * kMs, m_builder.bytes());
        }
        const Endpoint tcpCaller{kCaller.address, 40000};
        const std::uint32_t isn = 1000;
        m_builder.payload(std::string_view()).tcp(tcpCaller, kCallee, isn, 0, TcpSyn).ip().ethernet();
        writer.write(kBase + 20 * kMs, m_builder.bytes());
        const auto half = segmented.size() / 2;
        m_builder.payload(std::string_view(segmented).substr(0, half)).tcp(tcpCaller, kCallee, isn + 1, 1, TcpAck).ip().ethernet();
        writer.write(kBase + 21 * kMs, m_builder.bytes());
        m_builder.payload(std::string_view(segmented).substr(half))
            .tcp(tcpCaller, kCallee, static_cast<std::uint32_t>(isn + 1 + half), 1, TcpAck | TcpPsh)
            .ip()
            .ethernet();
        writer.write(kBase + 22 * kMs, m_builder.bytes());
    }
    const auto snapshot = load({path("mixed.pcap")});
    ASSERT_TRUE(snapshot);
    ASSERT_EQ(snapshot->messages().size(), 3u);
    const auto& m = snapshot->messages();
    EXPECT_EQ(textOf(*snapshot, m[0]), plain);
    EXPECT_EQ(m[0].location.sourceIndex, 0u) << "a datagram in one frame is read from the capture itself";
    EXPECT_EQ(m[0].frameNumber, 1u);
    EXPECT_EQ(textOf(*snapshot, m[1]), fragmented);
    EXPECT_TRUE(m[1].encapsulation.has(Encapsulation::IpFragments));
    EXPECT_EQ(m[1].firstFrameNumber, 2u);
    EXPECT_GT(m[1].frameNumber, m[1].firstFrameNumber);
    EXPECT_EQ(textOf(*snapshot, m[2]), segmented);
    EXPECT_EQ(m[2].transport, Transport::Tcp);
    EXPECT_TRUE(m[2].encapsulation.has(Encapsulation::TcpSegments));
    EXPECT_NE(m[1].location.sourceIndex, 0u) << "reassembled bytes live in the spill store";
}

TEST_F(CaptureLoaderTest, GzipCaptureReadsBackFromTheInflatedCopy)
{
    const auto text = st::simpleInvite("gz@x");
    {
        st::PcapWriter writer(path("plain.pcap"), 1);
        m_builder.payload(text).udp(kCaller, kCallee).ip().ethernet();
        writer.write(kBase, m_builder.bytes());
    }
    st::gzipFile(path("plain.pcap"), path("trace.pcap.gz"));
    const auto snapshot = load({path("trace.pcap.gz")});
    ASSERT_TRUE(snapshot);
    EXPECT_EQ(snapshot->files()[0].format, "pcap.gz");
    ASSERT_EQ(snapshot->messages().size(), 1u);
    EXPECT_EQ(textOf(*snapshot, snapshot->messages()[0]), text);
}

TEST_F(CaptureLoaderTest, IcmpErrorQuotingAnInviteIsAnEventOfItsCallNotAMessage)
{
    {
        st::PcapWriter writer(path("icmp.pcap"), 1);
        m_builder.payload(st::simpleInvite("scan@x")).udp(kCaller, kCallee).ip().ethernet();
        writer.write(kBase, m_builder.bytes());
        m_builder.payload(st::simpleInvite("scan@x")).udp(kCaller, kCallee).ip().icmpError(kCallee.address, kCaller.address, 3, 3);
        m_builder.ethernet();
        writer.write(kBase + 2 * kMs, m_builder.bytes());
    }
    const auto snapshot = load({path("icmp.pcap")});
    ASSERT_TRUE(snapshot);
    EXPECT_EQ(snapshot->totals().sipMessages, 1u);
    ASSERT_EQ(snapshot->icmpEvents().size(), 1u);
    const auto& event = snapshot->icmpEvents()[0];
    EXPECT_EQ(event.callIndex, 0u);
    EXPECT_EQ(event.frameNumber, 2u);
    EXPECT_STREQ(event.description(), "port unreachable");
    EXPECT_EQ(event.quotedDestination, kCallee);
    EXPECT_EQ(snapshot->icmpEventsOfCall(0), std::vector<std::uint32_t>{0});
}

TEST_F(CaptureLoaderTest, NonSipTrafficMakesNoMessages)
{
    {
        st::PcapWriter writer(path("rtp.pcap"), 1);
        std::string rtp(172, '\x80');
        for (int i = 0; i < 500; ++i) {
            m_builder.payload(rtp).udp(Endpoint{kCaller.address, 40000}, Endpoint{kCallee.address, 40002}).ip().ethernet();
            writer.write(kBase + i * 20 * kMs, m_builder.bytes());
        }
    }
    const auto snapshot = load({path("rtp.pcap")});
    ASSERT_TRUE(snapshot);
    EXPECT_EQ(snapshot->totals().frames, 500u);
    EXPECT_EQ(snapshot->totals().sipMessages, 0u);
    EXPECT_TRUE(snapshot->files()[0].warnings.empty());
}

TEST_F(CaptureLoaderTest, MalformedMessagesAreKeptAndWarningsBeyondTheBoundAreCounted)
{
    {
        st::PcapWriter writer(path("broken.pcap"), 1);
        for (int i = 0; i < 150; ++i) {
            std::string text = st::simpleInvite("c" + std::to_string(i) + "@x");
            text.replace(text.find("Call-ID"), 7, "X-Gone");
            m_builder.payload(text).udp(kCaller, kCallee).ip().ethernet();
            writer.write(kBase + i * kMs, m_builder.bytes());
        }
    }
    const auto snapshot = load({path("broken.pcap")});
    ASSERT_TRUE(snapshot);
    EXPECT_EQ(snapshot->totals().sipMessages, 150u);
    EXPECT_EQ(snapshot->totals().malformedMessages, 150u);
    EXPECT_EQ(snapshot->totals().calls, 0u);
    const auto& warnings = snapshot->files()[0].warnings;
    ASSERT_EQ(warnings.size(), 101u);
    EXPECT_EQ(warnings[0].frame, 1u);
    EXPECT_NE(warnings[0].message.find("malformed SIP message at frame 1"), std::string::npos);
    EXPECT_NE(warnings[0].message.find("Call-ID"), std::string::npos) << warnings[0].message;
    EXPECT_EQ(warnings.back().message, "50 more malformed message warnings not listed");
}

namespace {

class RecordingProgress : public ProgressSink {
public:
    void report(const LoadProgress& progress) override { reports.push_back(progress); }
    std::vector<LoadProgress> reports;
};

} // namespace

TEST_F(CaptureLoaderTest, ReportsProgressAndHonoursCancellation)
{
    {
        st::PcapWriter writer(path("many.pcap"), 1);
        for (int i = 0; i < 5000; ++i) {
            m_builder.payload(st::simpleInvite("m" + std::to_string(i) + "@x")).udp(kCaller, kCallee).ip().ethernet();
            writer.write(kBase + i * kMs, m_builder.bytes());
        }
    }
    RecordingProgress progress;
    const auto snapshot = load({path("many.pcap")}, &progress);
    ASSERT_TRUE(snapshot);
    ASSERT_GE(progress.reports.size(), 2u);
    EXPECT_EQ(progress.reports.front().stage, LoadStage::Reading);
    EXPECT_EQ(progress.reports.back().stage, LoadStage::Finished);
    EXPECT_EQ(progress.reports.back().bytesDone, progress.reports.back().bytesTotal);
    EXPECT_EQ(progress.reports.back().bytesTotal, std::filesystem::file_size(path("many.pcap")));
    EXPECT_EQ(progress.reports.back().callsSoFar, 5000u);

    CancellationToken token;
    token.cancel();
    LoadOptions options;
    options.paths = {path("many.pcap")};
    const auto cancelled = CaptureLoader::load(options, nullptr, token);
    ASSERT_FALSE(cancelled);
    EXPECT_EQ(cancelled.error().code, ErrorCode::Cancelled);
}

// Cancelling while a lone text log is being read ahead: the read-ahead thread is stopped before
// what it uses (the host names its Vias give) goes away. A log longer than the reader's first look,
// so that the thread is still reading when the loop sees the token.
TEST_F(CaptureLoaderTest, CancellingWhileALogIsReadAheadStopsTheReader)
{
    {
        std::ofstream log(path("names.log"), std::ios::binary);
        for (int i = 0; i < 40000; ++i) {
            log << "OPTIONS sip:pbx.example.test SIP/2.0\r\nVia: SIP/2.0/UDP host" << i % 500
                << ".example.test;branch=z9hG4bK" << i << "\r\nFrom: <sip:a@b>;tag=" << i
                << "\r\nTo: <sip:c@d>\r\nCall-ID: n" << i << "@y\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
        }
    }
    class CancelAtOnce : public ProgressSink {
    public:
        explicit CancelAtOnce(CancellationToken& token)
            : m_token(token)
        {
        }
        void report(const LoadProgress&) override { m_token.cancel(); }

    private:
        CancellationToken& m_token;
    };
    CancellationToken token;
    CancelAtOnce cancelAtOnce(token);
    LoadOptions options;
    options.paths = {path("names.log")};
    const auto cancelled = CaptureLoader::load(options, &cancelAtOnce, token);
    ASSERT_FALSE(cancelled);
    EXPECT_EQ(cancelled.error().code, ErrorCode::Cancelled);

    const auto whole = load({path("names.log")});
    ASSERT_TRUE(whole);
    EXPECT_EQ(whole->messages().size(), 40000u);
}

TEST_F(CaptureLoaderTest, FilesAreMergedByFrameTimeIntoOneTimeLine)
{
    {
        st::PcapWriter a(path("a.pcap"), 1);
        st::PcapWriter b(path("b.pcap"), 1);
        for (int i = 0; i < 6; ++i) {
            m_builder.payload(st::simpleInvite("t" + std::to_string(i) + "@x")).udp(kCaller, kCallee).ip().ethernet();
            (i % 2 == 0 ? a : b).write(kBase + i * 10 * kMs, m_builder.bytes());
        }
    }
    const auto snapshot = load({path("b.pcap"), path("a.pcap")});
    ASSERT_TRUE(snapshot);
    ASSERT_EQ(snapshot->messages().size(), 6u);
    for (std::size_t i = 0; i < 6; ++i) {
        EXPECT_EQ(snapshot->messages()[i].timestampNs, kBase + static_cast<std::int64_t>(i) * 10 * kMs);
        EXPECT_EQ(snapshot->messages()[i].fileIndex, i % 2 == 0 ? 1u : 0u);
        EXPECT_EQ(textOf(*snapshot, snapshot->messages()[i]), st::simpleInvite("t" + std::to_string(i) + "@x"));
    }
    EXPECT_EQ(snapshot->captureStartNs(), kBase);
    EXPECT_EQ(snapshot->captureEndNs(), kBase + 50 * kMs);
}

TEST_F(CaptureLoaderTest, NoInputIsAnError)
{
    const auto result = CaptureLoader::load(LoadOptions{});
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error().code, ErrorCode::InvalidArgument);
}

// A text log's messages are read back as they were handed on, wherever they are kept: the log
// itself (CRLF lines), the log seen with CRLF for its LF lines, or the spill store (lines that
// changed: a prefix taken off, ngrep's dotted line ends).
TEST_F(CaptureLoaderTest, TextLogMessagesAreReadBackAsHandedOn)
{
    const std::string message = "OPTIONS sip:pbx.example.test SIP/2.0\nVia: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK1\n"
                                "From: <sip:a@example.test>;tag=1\nTo: <sip:pbx.example.test>\nCall-ID: readback@x\n"
                                "CSeq: 1 OPTIONS\nContent-Type: application/sdp\nContent-Length: 10\n\nv=0\ns=-\n";
    auto crlf = [](std::string text) {
        for (std::size_t at = text.find('\n'); at != std::string::npos; at = text.find('\n', at + 2))
            text.replace(at, 1, "\r\n");
        return text;
    };
    const std::string expected = crlf(message);
    auto dotted = [](const std::string& text) { // ngrep -W byline: each CR as a '.'
        std::string out;
        for (const char c : text)
            out += c == '\n' ? std::string(".\n") : std::string(1, c);
        return out;
    };
    const std::vector<std::pair<std::string, std::string>> logs {
        {"lf.log", message},
        {"crlf.log", crlf(message)},
        {"mixed.log", message.substr(0, 60) + crlf(message.substr(60))},
        {"prefixed.log", "> " + message.substr(0, message.find('\n')) + "\n" + message.substr(message.find('\n') + 1)},
        {"ngrep.log", "#\nU 192.0.2.1:5060 -> 192.0.2.2:5060\n" + dotted(message) + "\n#\n"},
    };
    for (const auto& [name, text] : logs) {
        std::ofstream(path(name), std::ios::binary) << "Some console output\n" << text << "\nmore output\n";
        const auto snapshot = load({path(name)});
        ASSERT_TRUE(snapshot) << name;
        ASSERT_EQ(snapshot->messages().size(), 1u) << name;
        EXPECT_EQ(textOf(*snapshot, snapshot->messages()[0]), expected) << name;
    }
}
