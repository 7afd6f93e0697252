// SPDX-License-Identifier: Apache-2.0
// sipladder-cli on SIP text logs, as a user runs it: every log shape of tests/data/textlogs, text
// mixed with a capture, text on standard input, logs that are cut, hold no SIP or are binary, and
// a log exported as a pcap that loads back to the same calls.
#include "support/json_value.h"
#include "support/process_runner.h"
#include "support/test_paths.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace st = sipladder::testing;
using st::JsonValue;
using st::ProcessResult;

namespace {

std::filesystem::path textLogs()
{
    return st::testDataDir() / "textlogs";
}

std::string readFile(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

class CliTextLogTest : public ::testing::Test {
protected:
    void SetUp() override { m_dir = st::makeTempDir("sipladder-cli-text"); }
    void TearDown() override { std::filesystem::remove_all(m_dir); }

    static ProcessResult run(std::vector<std::string> args, const st::ProcessOptions& options = {})
    {
        args.insert(args.begin(), SIPLADDER_CLI_PATH);
        return st::runProcess(args, options);
    }
    static std::optional<JsonValue> json(const ProcessResult& result)
    {
        std::string error;
        auto parsed = JsonValue::parse(result.out, &error);
        EXPECT_TRUE(parsed) << error << "\n" << result.out;
        return parsed;
    }
    std::string path(const std::string& name) const { return (m_dir / name).string(); }

    std::filesystem::path m_dir;
};

} // namespace

TEST_F(CliTextLogTest, EveryLogShapeGivesTheTrunkCallsAndTheirDiagnosis)
{
    std::size_t files = 0;
    for (const auto& entry : std::filesystem::directory_iterator(textLogs())) {
        if (entry.path().extension() != ".log" && entry.path().extension() != ".txt")
            continue;
        ++files;
        SCOPED_TRACE(entry.path().filename().string());
        const auto summary = run({"summary", "--json", entry.path().string()});
        ASSERT_EQ(summary.exitCode, 0) << summary.err;
        EXPECT_TRUE(summary.err.empty()) << summary.err;
        const auto s = json(summary);
        ASSERT_TRUE(s);
        const auto& file = (*s)["files"][0];
        EXPECT_EQ(file["format"].asString().rfind("text/", 0), 0u) << file["format"].asString();
        EXPECT_TRUE(file["frames"].isNull());
        EXPECT_GT(file["lines"].asInt(), 0);
        ASSERT_EQ((*s)["calls"].size(), 2u);
        std::vector<std::string> states;
        for (const auto& call : (*s)["calls"].asArray())
            states.push_back(call["state"].asString());
        std::sort(states.begin(), states.end());
        EXPECT_EQ(states, (std::vector<std::string>{"failed", "success"}));

        const auto diagnose = run({"diagnose", "--json", entry.path().string()});
        ASSERT_EQ(diagnose.exitCode, 0) << diagnose.err;
        const auto d = json(diagnose);
        ASSERT_TRUE(d);
        ASSERT_EQ((*d)["failures"].size(), 1u);
        const auto& failure = (*d)["failures"][0];
        EXPECT_EQ(failure["status"].asInt(), 404);
        EXPECT_EQ(failure["cause"].asString(), "number-format");
        EXPECT_FALSE(failure["baseline_call_id"].asString().empty());
        // A text log locates evidence by line, not by frame.
        EXPECT_TRUE(failure["frame"].isNull());
        EXPECT_GT(failure["line"].asInt(), 0);
    }
    EXPECT_GE(files, 7u) << "a fixture for every shape of log";
}

TEST_F(CliTextLogTest, TextAndCaptureMergeIntoOneTimeLine)
{
    const auto sample = std::filesystem::path(SIPLADDER_SOURCE_DIR) / "resources/samples/trunk-404.pcap";
    const auto log = textLogs() / "ngrep-byline.txt";
    const auto both = run({"summary", "--json", sample.string(), log.string()});
    ASSERT_EQ(both.exitCode, 0) << both.err;
    const auto merged = json(both);
    const auto alone = json(run({"summary", "--json", sample.string()}));
    ASSERT_TRUE(merged && alone);
    ASSERT_EQ((*merged)["files"].size(), 2u);
    EXPECT_EQ((*merged)["files"][1]["format"].asString(), "text/ngrep");
    EXPECT_EQ((*merged)["totals"]["sip_messages"].asInt(), (*alone)["totals"]["sip_messages"].asInt() + 11);
    // One time line: calls in order of their first message, whichever file they came from.
    std::string previous;
    for (const auto& call : (*merged)["calls"].asArray()) {
        EXPECT_LE(previous, call["start_time"].asString());
        previous = call["start_time"].asString();
    }
}

TEST_F(CliTextLogTest, StandardInputMayBeAPastedTrace)
{
    st::ProcessOptions options;
    options.standardInput = readFile(textLogs() / "raw-quoted-mail.txt");
    const auto result = run({"diagnose", "--json", "-"}, options);
    ASSERT_EQ(result.exitCode, 0) << result.err;
    const auto d = json(result);
    ASSERT_TRUE(d);
    ASSERT_EQ((*d)["failures"].size(), 1u);
    EXPECT_EQ((*d)["failures"][0]["cause"].asString(), "number-format");
    const auto summary = json(run({"summary", "--json", "-"}, options));
    ASSERT_TRUE(summary);
    EXPECT_EQ((*summary)["files"][0]["path"].asString(), "-");
    EXPECT_EQ((*summary)["files"][0]["format"].asString(), "text/raw-sip");
}

TEST_F(CliTextLogTest, ACutLogKeepsTheMessagesBeforeTheCutAndWarnsWithTheLine)
{
    // Cut inside the last message of the log.
    auto text = readFile(textLogs() / "asterisk-chan-sip-full.log");
    const auto lastInvite = text.rfind("BYE sip:");
    ASSERT_NE(lastInvite, std::string::npos);
    text.resize(lastInvite + 60);
    std::ofstream(path("cut.log"), std::ios::binary) << text;
    const auto result = run({"summary", "--json", path("cut.log")});
    ASSERT_EQ(result.exitCode, 0) << result.err;
    EXPECT_NE(result.err.find("line "), std::string::npos) << result.err;
    const auto s = json(result);
    ASSERT_TRUE(s);
    const auto& warnings = (*s)["files"][0]["warnings"];
    ASSERT_GE(warnings.size(), 1u);
    EXPECT_GT(warnings[0]["line"].asInt(), 0);
    EXPECT_TRUE(warnings[0]["frame"].isNull());
    EXPECT_EQ((*s)["calls"].size(), 2u);
}

TEST_F(CliTextLogTest, TextWithoutSipAndBinaryGarbageAreRefusedWithTheirReason)
{
    std::ofstream(path("notes.txt"), std::ios::binary) << "Call from the customer at 10:00, says it rang twice.\n";
    std::string garbage(4096, '\0');
    std::mt19937 random(7);
    for (auto& c : garbage)
        c = static_cast<char>(random());
    std::ofstream(path("garbage.bin"), std::ios::binary) << garbage;
    for (const auto& [file, reason] : std::vector<std::pair<std::string, std::string>>{
             {path("notes.txt"), "no SIP"}, {path("garbage.bin"), "binary"}}) {
        const auto result = run({"summary", file});
        EXPECT_EQ(result.exitCode, 3) << file;
        EXPECT_TRUE(result.out.empty()) << result.out;
        EXPECT_NE(result.err.find(file), std::string::npos) << result.err;
        EXPECT_NE(result.err.find(reason), std::string::npos) << result.err;
    }
}

TEST_F(CliTextLogTest, ALogExportedAsPcapLoadsBackToTheSameCalls)
{
    const auto log = (textLogs() / "freeswitch-siptrace.log").string();
    const auto exported = run({"export", "--format", "pcap", "-o", path("trace.pcap"), log});
    ASSERT_EQ(exported.exitCode, 0) << exported.err;
    ASSERT_TRUE(std::filesystem::exists(path("trace.pcap")));
    const auto fromLog = json(run({"summary", "--json", log}));
    const auto fromPcap = json(run({"summary", "--json", path("trace.pcap")}));
    ASSERT_TRUE(fromLog && fromPcap);
    EXPECT_EQ((*fromPcap)["files"][0]["format"].asString(), "pcap");
    EXPECT_EQ((*fromPcap)["totals"]["sip_messages"].asInt(), (*fromLog)["totals"]["sip_messages"].asInt());
    ASSERT_EQ((*fromPcap)["calls"].size(), (*fromLog)["calls"].size());
    for (std::size_t i = 0; i < (*fromLog)["calls"].size(); ++i) {
        const auto& a = (*fromLog)["calls"][i];
        const auto& b = (*fromPcap)["calls"][i];
        for (const char* key : {"call_id", "request_uri", "state", "start_time", "src", "dst"})
            EXPECT_EQ(a[key].asString(), b[key].asString()) << key;
        EXPECT_EQ(a["final_status"].asInt(), b["final_status"].asInt());
        EXPECT_EQ(a["message_count"].asInt(), b["message_count"].asInt());
    }

    // Only the failed call, and an output that cannot be written.
    const auto failed = run({"export", "--format", "pcap", "--failed", "-o", path("failed.pcap"), log});
    ASSERT_EQ(failed.exitCode, 0) << failed.err;
    const auto failedCalls = json(run({"summary", "--json", path("failed.pcap")}));
    ASSERT_TRUE(failedCalls);
    EXPECT_EQ((*failedCalls)["calls"].size(), 1u);
    const auto unwritable = run({"export", "--format", "pcap", "-o", path("no-such-dir/out.pcap"), log});
    EXPECT_EQ(unwritable.exitCode, 4);
    EXPECT_NE(unwritable.err.find("no-such-dir"), std::string::npos) << unwritable.err;
}

// chan_sip gives up on an unanswered INVITE 32 s later with a console warning, not a SIP message: the
// log's last time stamp, whatever line carries it, is where the trace ends, so the call timed out.
TEST_F(CliTextLogTest, TheLastTimeStampOfAnyLineEndsTheLog)
{
    std::string log;
    const std::string invite = "INVITE sip:5551234567@198.51.100.50:5060 SIP/2.0\n"
                               "Via: SIP/2.0/UDP 10.0.0.5:5060;branch=z9hG4bK1a2b;rport\n"
                               "From: \"1000\" <sip:1000@10.0.0.5>;tag=as01\n"
                               "To: <sip:5551234567@198.51.100.50:5060>\n"
                               "Call-ID: t1@10.0.0.5\n"
                               "CSeq: 102 INVITE\n"
                               "Content-Length: 0\n\n";
    log += "[Nov 24 10:00:00] VERBOSE[1] chan_sip.c: Reliably Transmitting (no NAT) to 198.51.100.50:5060:\n" + invite
        + "---\n";
    for (int retry = 1; retry <= 6; ++retry)
        log += "[Nov 24 10:00:0" + std::to_string(retry) + "] VERBOSE[1] chan_sip.c: Retransmitting #"
            + std::to_string(retry) + " (no NAT) to 198.51.100.50:5060:\n" + invite + "---\n";
    const std::string ended = log + "[Nov 24 10:00:32] WARNING[1] chan_sip.c: Retransmission timeout reached on "
                                    "transmission t1@10.0.0.5 for seqno 102 (Critical Request)\n";
    std::ofstream(path("ended.log"), std::ios::binary) << ended;
    std::ofstream(path("cut.log"), std::ios::binary) << log;

    const auto endedSummary = json(run({"summary", "--json", path("ended.log")}));
    ASSERT_TRUE(endedSummary);
    ASSERT_EQ((*endedSummary)["calls"].size(), 1u);
    EXPECT_EQ((*endedSummary)["calls"][0]["state"].asString(), "failed");
    const auto diagnosis = run({"diagnose", path("ended.log")});
    EXPECT_NE(diagnosis.out.find("[timeout, error]"), std::string::npos) << diagnosis.out;
    // Without the warning the log ends 6 s after the INVITE: too early to call it a time-out.
    const auto cutSummary = json(run({"summary", "--json", path("cut.log")}));
    ASSERT_TRUE(cutSummary);
    EXPECT_EQ((*cutSummary)["calls"][0]["state"].asString(), "in-progress");
}

// A host the log knows only by name (the logging PBX, never written with an address) has a stand-in
// address inside; the diagnosis names it as the log does, never by that address.
TEST_F(CliTextLogTest, AHostKnownByNameIsNamedInTheDiagnosis)
{
    const std::string head = "From: \"Carrier\" <sip:+12125550147@carrier.example>;tag=t1\n"
                             "Call-ID: fail1@carrier.example\n";
    const std::string log = "<--- Received SIP request (300 bytes) from UDP:203.0.113.10:5060 --->\n"
                            "INVITE sip:+15551234567@pbx.example.test SIP/2.0\n"
                            "Via: SIP/2.0/UDP 203.0.113.10:5060;branch=z9hG4bKaa1\n"
        + head + "To: <sip:+15551234567@pbx.example.test>\nCSeq: 1 INVITE\nContent-Length: 0\n\n"
        + "<--- Transmitting SIP response (279 bytes) to UDP:203.0.113.10:5060 --->\n"
          "SIP/2.0 404 Not Found\nVia: SIP/2.0/UDP 203.0.113.10:5060;branch=z9hG4bKaa1\n"
        + head + "To: <sip:+15551234567@pbx.example.test>;tag=s1\nCSeq: 1 INVITE\nContent-Length: 0\n\n";
    std::ofstream(path("pbx.log"), std::ios::binary) << log;
    const auto diagnosis = run({"diagnose", path("pbx.log")});
    ASSERT_EQ(diagnosis.exitCode, 0) << diagnosis.err;
    EXPECT_NE(diagnosis.out.find("pbx.example.test:5060 answered 404 Not Found"), std::string::npos) << diagnosis.out;
    EXPECT_EQ(diagnosis.out.find("0.0.0."), std::string::npos) << diagnosis.out;
}
