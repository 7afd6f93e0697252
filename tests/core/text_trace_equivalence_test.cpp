// SPDX-License-Identifier: Apache-2.0
// The same traffic loaded from a packet capture and from the text trace of each shape a log takes
// (TextTraceWriter) gives the same calls: Call-IDs, messages in order, states, final statuses and
// the same diagnosis; where the text says addresses and times, those too.
#include "analysis/diagnoser.h"
#include "load/capture_loader.h"
#include "support/capture_file_writer.h"
#include "support/packet_builder.h"
#include "support/test_paths.h"
#include "support/text_trace_writer.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

namespace core = sipladder::core;
namespace st = sipladder::testing;
using st::TextTraceStyle;
using st::WireMessage;

namespace {

const core::Endpoint kCarrier { core::IpAddress::v4(203, 0, 113, 10), 5060 };
const core::Endpoint kPbx { core::IpAddress::v4(198, 51, 100, 20), 5060 };
constexpr std::int64_t kBase = 1'795'860'000'000'000'000; // 2026-11-28 10:00:00 UTC
constexpr std::int64_t kMs = 1'000'000;

std::string sdp(const std::string& address)
{
    return "v=0\r\no=- 1 1 IN IP4 " + address + "\r\ns=-\r\nc=IN IP4 " + address
        + "\r\nt=0 0\r\nm=audio 40000 RTP/AVP 0 8\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n";
}

std::string message(const std::string& startLine, const std::string& callId, const std::string& cseq,
    const std::string& branch, const std::string& toTag = {}, const std::string& body = {})
{
    const std::string user = callId.substr(0, callId.find('@'));
    std::string text = startLine + "\r\n";
    text += "Via: SIP/2.0/UDP 203.0.113.10:5060;branch=" + branch + "\r\n";
    text += "From: <sip:+12125550147@carrier.example>;tag=from-" + user + "\r\n";
    text += "To: <sip:5551234567@pbx.example.test>" + (toTag.empty() ? std::string() : ";tag=" + toTag) + "\r\n";
    text += "Call-ID: " + callId + "\r\n";
    text += "CSeq: " + cseq + "\r\n";
    if (startLine.rfind("INVITE", 0) == 0)
        text += "Contact: <sip:+12125550147@203.0.113.10:5060>\r\n";
    if (startLine.rfind("SIP/2.0 18", 0) == 0 || startLine.rfind("SIP/2.0 200 OK", 0) == 0)
        text += "Contact: <sip:5551234567@198.51.100.20:5060>\r\n";
    if (!body.empty())
        text += "Content-Type: application/sdp\r\n";
    text += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
    return text;
}

// A 404 to the E.164 form of a number, then a call that reached its national form.
std::vector<WireMessage> trunkTraffic()
{
    const std::string failing = "fail1@carrier.example";
    const std::string working = "work1@carrier.example";
    auto at = [](std::int64_t ms, const core::Endpoint& from, const core::Endpoint& to, std::string text) {
        return WireMessage { kBase + ms * kMs, from, to, core::Transport::Udp, std::move(text) };
    };
    return {
        at(0, kCarrier, kPbx,
            message("INVITE sip:+15551234567@pbx.example.test SIP/2.0", failing, "1 INVITE", "z9hG4bK-f1", {},
                sdp("203.0.113.10"))),
        at(20, kPbx, kCarrier, message("SIP/2.0 100 Trying", failing, "1 INVITE", "z9hG4bK-f1")),
        at(120, kPbx, kCarrier, message("SIP/2.0 404 Not Found", failing, "1 INVITE", "z9hG4bK-f1", "pbx-1")),
        at(130, kCarrier, kPbx,
            message("ACK sip:+15551234567@pbx.example.test SIP/2.0", failing, "1 ACK", "z9hG4bK-f1", "pbx-1")),
        at(5000, kCarrier, kPbx,
            message("INVITE sip:5551234567@pbx.example.test SIP/2.0", working, "1 INVITE", "z9hG4bK-w1", {},
                sdp("203.0.113.10"))),
        at(5020, kPbx, kCarrier, message("SIP/2.0 100 Trying", working, "1 INVITE", "z9hG4bK-w1")),
        at(5400, kPbx, kCarrier, message("SIP/2.0 180 Ringing", working, "1 INVITE", "z9hG4bK-w1", "pbx-2")),
        at(7000, kPbx, kCarrier,
            message("SIP/2.0 200 OK", working, "1 INVITE", "z9hG4bK-w1", "pbx-2", sdp("198.51.100.20"))),
        at(7010, kCarrier, kPbx,
            message("ACK sip:5551234567@198.51.100.20:5060 SIP/2.0", working, "1 ACK", "z9hG4bK-w2", "pbx-2")),
        at(20000, kCarrier, kPbx,
            message("BYE sip:5551234567@198.51.100.20:5060 SIP/2.0", working, "2 BYE", "z9hG4bK-w3", "pbx-2")),
        at(20030, kPbx, kCarrier, message("SIP/2.0 200 OK", working, "2 BYE", "z9hG4bK-w3", "pbx-2")),
    };
}

struct LoadedCall {
    std::string callId;
    core::CallState state = core::CallState::InProgress;
    std::vector<std::string> startLines;
    std::vector<std::string> endpoints; // "source -> destination" per message
    std::vector<std::int64_t> times;
};

struct Loaded {
    std::vector<LoadedCall> calls;
    std::vector<std::string> causes; // per failure: "Call-ID cause baseline-Call-ID"
    std::size_t warnings = 0;
};

Loaded load(const std::filesystem::path& path)
{
    core::LoadOptions options;
    options.paths.push_back(path.string());
    auto loaded = core::CaptureLoader::load(options);
    EXPECT_TRUE(loaded) << path;
    Loaded out;
    if (!loaded)
        return out;
    const auto& snapshot = *loaded.value();
    for (const auto& file : snapshot.files())
        out.warnings += file.warnings.size();
    for (std::uint32_t c = 0; c < snapshot.calls().size(); ++c) {
        const auto& call = snapshot.calls()[c];
        LoadedCall loadedCall;
        loadedCall.callId = std::string(snapshot.callId(call));
        loadedCall.state = call.state;
        for (const auto index : snapshot.messagesOfCall(c)) {
            const auto& record = snapshot.messages()[index];
            std::string text;
            EXPECT_TRUE(snapshot.readMessage(record, text));
            loadedCall.startLines.push_back(text.substr(0, text.find("\r\n")));
            loadedCall.endpoints.push_back(
                snapshot.source(record).toString() + " -> " + snapshot.destination(record).toString());
            loadedCall.times.push_back(record.timestampNs);
        }
        out.calls.push_back(std::move(loadedCall));
    }
    const auto diagnosis = core::Diagnoser(snapshot).diagnoseAll();
    for (const auto& failure : diagnosis->failures()) {
        out.causes.push_back(std::string(snapshot.callId(snapshot.calls()[failure.callIndex])) + " "
            + std::string(core::causeId(failure.explanation.cause)) + " "
            + (failure.baseline ? std::string(snapshot.callId(snapshot.calls()[failure.baseline->callIndex])) : "-"));
    }
    return out;
}

void writeCapture(const std::filesystem::path& path, const std::vector<WireMessage>& messages)
{
    st::PcapWriter writer(path, 1);
    st::PacketBuilder builder;
    for (const auto& m : messages) {
        builder.payload(m.text).udp(m.source, m.destination).ip().ethernet();
        writer.write(m.timeNs, builder.bytes());
    }
}

struct StyleCase {
    TextTraceStyle style;
    const char* name;
    bool bothAddresses; // the text names source and destination
    bool oneLogger; // the text is one host's log (not pasted messages)
    std::int64_t timeResolutionNs; // 0: the text has no times
};

class TextTraceEquivalenceTest : public ::testing::TestWithParam<StyleCase> {
protected:
    void SetUp() override { m_dir = st::makeTempDir("sipladder-equivalence"); }
    void TearDown() override { std::filesystem::remove_all(m_dir); }
    std::filesystem::path m_dir;
};

} // namespace

TEST_P(TextTraceEquivalenceTest, SameCallsAsTheCaptureOfTheSameTraffic)
{
    const auto& param = GetParam();
    const auto traffic = trunkTraffic();
    writeCapture(m_dir / "trunk.pcap", traffic);
    st::TextTraceWriter(param.style, kPbx).write(m_dir / "trunk.log", traffic);

    const auto fromCapture = load(m_dir / "trunk.pcap");
    const auto fromText = load(m_dir / "trunk.log");
    EXPECT_EQ(fromText.warnings, 0u);
    ASSERT_EQ(fromCapture.calls.size(), 2u);
    ASSERT_EQ(fromText.calls.size(), fromCapture.calls.size());
    for (std::size_t c = 0; c < fromCapture.calls.size(); ++c) {
        const auto& expected = fromCapture.calls[c];
        const auto& actual = fromText.calls[c];
        SCOPED_TRACE(expected.callId);
        EXPECT_EQ(actual.callId, expected.callId);
        EXPECT_EQ(actual.state, expected.state);
        EXPECT_EQ(actual.startLines, expected.startLines);
        ASSERT_EQ(actual.endpoints.size(), expected.endpoints.size());
        if (param.bothAddresses) {
            EXPECT_EQ(actual.endpoints, expected.endpoints);
        }
        if (param.timeResolutionNs > 0) {
            // Relative times as the log wrote them, and the time of day (a log without a year, such as
            // Cisco's, is dated 1970 by the contract).
            constexpr std::int64_t kDayNs = 86'400'000'000'000;
            for (std::size_t m = 0; m < expected.times.size(); ++m) {
                EXPECT_NEAR(static_cast<double>(actual.times[m] - actual.times[0]),
                    static_cast<double>(expected.times[m] - expected.times[0]), static_cast<double>(param.timeResolutionNs))
                    << "message " << m;
                EXPECT_NEAR(static_cast<double>(actual.times[m] % kDayNs), static_cast<double>(expected.times[m] % kDayNs),
                    static_cast<double>(param.timeResolutionNs))
                    << "message " << m;
            }
        } else {
            for (std::size_t m = 1; m < actual.times.size(); ++m)
                EXPECT_LT(actual.times[m - 1], actual.times[m]) << "the order of the text is the time line";
        }
    }
    // The carrier, named by every shape, is the same lifeline as in the capture; the logging PBX is
    // one lifeline throughout, even where the log names only its peer.
    std::set<std::string> pbxSides;
    for (std::size_t c = 0; c < fromText.calls.size(); ++c) {
        for (std::size_t m = 0; m < fromText.calls[c].endpoints.size(); ++m) {
            const auto& actual = fromText.calls[c].endpoints[m];
            const auto& expected = fromCapture.calls[c].endpoints[m];
            const auto arrow = actual.find(" -> ");
            const bool fromCarrier = expected.rfind("203.0.113.10:5060 ->", 0) == 0;
            EXPECT_EQ(fromCarrier ? actual.substr(0, arrow) : actual.substr(arrow + 4), "203.0.113.10:5060") << actual;
            pbxSides.insert(fromCarrier ? actual.substr(arrow + 4) : actual.substr(0, arrow));
        }
    }
    if (param.oneLogger) {
        EXPECT_EQ(pbxSides.size(), 1u) << *pbxSides.begin();
    }
    EXPECT_EQ(fromCapture.causes, (std::vector<std::string> { "fail1@carrier.example number-format work1@carrier.example" }));
    EXPECT_EQ(fromText.causes, fromCapture.causes);
}

INSTANTIATE_TEST_SUITE_P(EveryShape, TextTraceEquivalenceTest,
    ::testing::Values(StyleCase { TextTraceStyle::RawSip, "RawSip", false, false, 0 },
        StyleCase { TextTraceStyle::AsteriskChanSip, "AsteriskChanSip", false, true, 1000 },
        StyleCase { TextTraceStyle::AsteriskPjsip, "AsteriskPjsip", false, true, 0 },
        StyleCase { TextTraceStyle::FreeSwitch, "FreeSwitch", false, true, 1000 },
        StyleCase { TextTraceStyle::Ngrep, "Ngrep", true, true, 1000 },
        StyleCase { TextTraceStyle::Sngrep, "Sngrep", true, true, 1000 },
        StyleCase { TextTraceStyle::CiscoCcsip, "CiscoCcsip", false, true, kMs }),
    [](const ::testing::TestParamInfo<StyleCase>& info) { return std::string(info.param.name); });
