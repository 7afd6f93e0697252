// SPDX-License-Identifier: Apache-2.0
// sipladder-cli as a user runs it: exit codes, messages on stderr, and the JSON of CONTRACT.md.
#include "support/capture_file_writer.h"
#include "support/json_value.h"
#include "support/packet_builder.h"
#include "support/process_runner.h"
#include "support/test_paths.h"

#include <gtest/gtest.h>

#include <sys/stat.h>

#include <fstream>
#include <regex>

namespace core = sipladder::core;
namespace st = sipladder::testing;
using st::JsonValue;
using st::ProcessResult;

namespace {

constexpr std::int64_t kBase = 1795514400LL * 1'000'000'000; // 2026-11-24T10:00:00Z
constexpr std::int64_t kMs = 1'000'000;
const core::Endpoint kCarrier{core::IpAddress::v4(203, 0, 113, 10), 5060};
const core::Endpoint kPbx{core::IpAddress::v4(198, 51, 100, 20), 5060};

std::string sip(const std::string& startLine, const std::string& callId, const std::string& cseq,
    const std::string& branch, const std::string& toTag = "")
{
    std::string text = startLine + "\r\n";
    text += "Via: SIP/2.0/UDP 203.0.113.10:5060;branch=" + branch + "\r\n";
    // Each call has its own From tag: calls sharing one would be taken for legs of one conversation.
    text += "From: \"Carrier\" <sip:+12125550147@carrier.example>;tag=" + callId.substr(0, callId.find('@')) + "\r\n";
    text += "To: <sip:+15551234567@pbx.example.test>" + (toTag.empty() ? std::string() : ";tag=" + toTag) + "\r\n";
    text += "Call-ID: " + callId + "\r\n";
    text += "CSeq: " + cseq + "\r\n";
    text += "Content-Length: 0\r\n\r\n";
    return text;
}

struct Packet {
    std::int64_t atMs;
    core::Endpoint from;
    core::Endpoint to;
    std::string text;
};

void writePcap(const std::filesystem::path& path, const std::vector<Packet>& packets)
{
    st::PcapWriter writer(path, 1);
    st::PacketBuilder builder;
    for (const auto& p : packets) {
        builder.payload(p.text).udp(p.from, p.to).ip().ethernet();
        writer.write(kBase + p.atMs * kMs, builder.bytes());
    }
}

// A 404 to the E.164 form and a working call to the national form.
std::vector<Packet> trunkPackets(const std::string& prefix = "")
{
    const std::string failing = prefix + "a84b4c76e66710@carrier.example";
    const std::string working = prefix + "77ae1c2@carrier.example";
    return {
        {0, kCarrier, kPbx, sip("INVITE sip:+15551234567@pbx.example.test SIP/2.0", failing, "1 INVITE", "z9hG4bK1")},
        {120, kPbx, kCarrier, sip("SIP/2.0 404 Not Found", failing, "1 INVITE", "z9hG4bK1", "x1")},
        {130, kCarrier, kPbx, sip("ACK sip:+15551234567@pbx.example.test SIP/2.0", failing, "1 ACK", "z9hG4bK1", "x1")},
        {5000, kCarrier, kPbx, sip("INVITE sip:5551234567@pbx.example.test SIP/2.0", working, "1 INVITE", "z9hG4bK2")},
        {5100, kPbx, kCarrier, sip("SIP/2.0 200 OK", working, "1 INVITE", "z9hG4bK2", "y1")},
    };
}

class CliTest : public ::testing::Test {
protected:
    void SetUp() override { m_dir = st::makeTempDir("sipladder-cli-test"); }
    void TearDown() override { std::filesystem::remove_all(m_dir); }

    static ProcessResult run(std::vector<std::string> args, const st::ProcessOptions& options = {})
    {
        args.insert(args.begin(), SIPLADDER_CLI_PATH);
        return st::runProcess(args, options);
    }

    std::string path(const std::string& name) const { return (m_dir / name).string(); }

    std::filesystem::path m_dir;
};

} // namespace

TEST_F(CliTest, VersionAndHelp)
{
    const auto version = run({"--version"});
    EXPECT_EQ(version.exitCode, 0);
    EXPECT_TRUE(std::regex_search(version.out, std::regex(R"(^sipladder-cli \d+\.\d+\.\d+)")));
    const auto help = run({"--help"});
    EXPECT_EQ(help.exitCode, 0);
    EXPECT_NE(help.out.find("summary"), std::string::npos);
    const auto summaryHelp = run({"summary", "--help"});
    EXPECT_EQ(summaryHelp.exitCode, 0);
    EXPECT_NE(summaryHelp.out.find("--json"), std::string::npos);
}

TEST_F(CliTest, UsageErrorsExitWithTwo)
{
    for (const auto& args : std::vector<std::vector<std::string>>{
             {}, {"frobnicate", "x.pcap"}, {"summary"}, {"summary", "--bogus", "x.pcap"}}) {
        const auto result = run(args);
        EXPECT_EQ(result.exitCode, 2) << (args.empty() ? "(no arguments)" : args[0]);
        EXPECT_TRUE(result.out.empty());
        EXPECT_NE(result.err.find("Usage:"), std::string::npos);
    }
}

TEST_F(CliTest, EachUnreadableInputHasItsOwnMessageAndExitThree)
{
    std::ofstream(path("empty.pcap")).close();
    std::ofstream(path("notes.txt")) << "Hello, this is not a capture but a text file.\n";
    std::ofstream(path("netmon.cap")) << std::string("GMBU\x00\x02", 6) << std::string(200, '\0');
    std::filesystem::create_directory(path("folder"));
    writePcap(path("secret.pcap"), trunkPackets());
    std::filesystem::permissions(path("secret.pcap"), std::filesystem::perms::none);

    struct Case {
        std::string file;
        std::string expected;
        bool asNobody = false;
    };
    for (const auto& c : std::vector<Case>{{path("missing.pcap"), "does not exist"},
             {path("folder"), "directory"},
             {path("empty.pcap"), "empty"},
             {path("notes.txt"), "not a packet capture"},
             {path("netmon.cap"), "Network Monitor"},
             {path("secret.pcap"), "permission denied", true}}) {
        SCOPED_TRACE(c.file);
        st::ProcessOptions options;
        options.asNobody = c.asNobody;
        const auto result = run({"summary", c.file}, options);
        EXPECT_EQ(result.exitCode, 3);
        EXPECT_TRUE(result.out.empty()) << "nothing is written when an input cannot be read";
        EXPECT_NE(result.err.find(c.expected), std::string::npos) << result.err;
        EXPECT_NE(result.err.find(std::filesystem::path(c.file).filename().string()), std::string::npos);
        EXPECT_EQ(std::count(result.err.begin(), result.err.end(), '\n'), 1) << "one line: " << result.err;
    }
}

TEST_F(CliTest, OneUnreadableFileAmongGoodOnesWritesNothing)
{
    writePcap(path("good.pcap"), trunkPackets());
    const auto result = run({"summary", "--json", path("good.pcap"), path("missing.pcap")});
    EXPECT_EQ(result.exitCode, 3);
    EXPECT_TRUE(result.out.empty());
}

TEST_F(CliTest, JsonSummaryHasTheKeysAndFormatsOfTheContract)
{
    writePcap(path("trunk.pcap"), trunkPackets());
    const auto result = run({"summary", "--json", path("trunk.pcap")});
    ASSERT_EQ(result.exitCode, 0) << result.err;
    std::string error;
    const auto json = JsonValue::parse(result.out, &error);
    ASSERT_TRUE(json) << error << "\n" << result.out;

    const auto& file = (*json)["files"][0];
    EXPECT_EQ(file["path"].asString(), path("trunk.pcap"));
    EXPECT_EQ(file["format"].asString(), "pcap");
    EXPECT_EQ(file["frames"].asInt(), 5);
    EXPECT_EQ(file["warnings"].size(), 0u);

    const auto& totals = (*json)["totals"];
    EXPECT_EQ(totals["sip_messages"].asInt(), 5);
    EXPECT_EQ(totals["calls"].asInt(), 2);
    EXPECT_EQ(totals["retransmissions"].asInt(), 0);
    EXPECT_EQ(totals["duplicates"].asInt(), 0);

    const auto& calls = (*json)["calls"];
    ASSERT_EQ(calls.size(), 2u);
    const auto& failed = calls[0];
    EXPECT_EQ(failed["call_id"].asString(), "a84b4c76e66710@carrier.example");
    EXPECT_EQ(failed["initial_method"].asString(), "INVITE");
    EXPECT_EQ(failed["request_uri"].asString(), "sip:+15551234567@pbx.example.test");
    EXPECT_EQ(failed["from"].asString(), "\"Carrier\" <sip:+12125550147@carrier.example>;tag=a84b4c76e66710");
    EXPECT_EQ(failed["to"].asString(), "<sip:+15551234567@pbx.example.test>");
    EXPECT_EQ(failed["src"].asString(), "203.0.113.10:5060");
    EXPECT_EQ(failed["dst"].asString(), "198.51.100.20:5060");
    EXPECT_EQ(failed["transport"].asString(), "udp");
    EXPECT_EQ(failed["start_time"].asString(), "2026-11-24T10:00:00.000000Z");
    EXPECT_EQ(failed["end_time"].asString(), "2026-11-24T10:00:00.130000Z");
    EXPECT_EQ(failed["message_count"].asInt(), 3);
    EXPECT_EQ(failed["final_status"].asInt(), 404);
    EXPECT_EQ(failed["final_reason"].asString(), "Not Found");
    EXPECT_EQ(failed["state"].asString(), "failed");
    EXPECT_EQ(failed["linked_call_ids"].type(), JsonValue::Type::Array);
    EXPECT_EQ(calls[1]["state"].asString(), "success");
    EXPECT_EQ(calls[1]["final_status"].asInt(), 200);
}

TEST_F(CliTest, TableListsEveryCall)
{
    writePcap(path("trunk.pcap"), trunkPackets());
    const auto result = run({"summary", path("trunk.pcap")});
    ASSERT_EQ(result.exitCode, 0) << result.err;
    EXPECT_NE(result.out.find("5 SIP messages, 2 calls"), std::string::npos) << result.out;
    EXPECT_TRUE(std::regex_search(result.out, std::regex(R"(1\s+10:00:00\.000\s+INVITE\s+\+12125550147\s+\+15551234567)")))
        << result.out;
    EXPECT_TRUE(std::regex_search(result.out, std::regex(R"(404 Not Found\s+failed)"))) << result.out;
    EXPECT_TRUE(std::regex_search(result.out, std::regex(R"(200 OK\s+success)"))) << result.out;
}

TEST_F(CliTest, TruncatedCaptureLoadsWhatIsThereAndWarnsWithTheFrame)
{
    writePcap(path("cut.pcap"), trunkPackets());
    const auto size = std::filesystem::file_size(path("cut.pcap"));
    st::truncateFile(path("cut.pcap"), size - 20);
    const auto result = run({"summary", "--json", path("cut.pcap")});
    ASSERT_EQ(result.exitCode, 0) << result.err;
    EXPECT_NE(result.err.find("truncated at frame 5"), std::string::npos) << result.err;
    const auto json = JsonValue::parse(result.out);
    ASSERT_TRUE(json);
    const auto& warning = (*json)["files"][0]["warnings"][0];
    EXPECT_EQ(warning["frame"].asInt(), 5);
    EXPECT_TRUE(warning["line"].isNull());
    EXPECT_NE(warning["message"].asString().find("truncated at frame 5"), std::string::npos);
    EXPECT_EQ((*json)["totals"]["sip_messages"].asInt(), 4);
}

TEST_F(CliTest, SeveralFilesMergeIntoOneTimeLine)
{
    auto early = trunkPackets("host-a-");
    auto late = trunkPackets("host-b-");
    for (auto& p : early)
        p.atMs += 1000; // host A's calls start 1 s after host B's
    writePcap(path("a.pcap"), early);
    writePcap(path("b.pcap"), late);
    const auto result = run({"summary", "--json", path("a.pcap"), path("b.pcap")});
    ASSERT_EQ(result.exitCode, 0) << result.err;
    const auto json = JsonValue::parse(result.out);
    ASSERT_TRUE(json);
    EXPECT_EQ((*json)["files"].size(), 2u);
    EXPECT_EQ((*json)["totals"]["sip_messages"].asInt(), 10);
    const auto& calls = (*json)["calls"];
    ASSERT_EQ(calls.size(), 4u);
    EXPECT_EQ(calls[0]["call_id"].asString(), "host-b-a84b4c76e66710@carrier.example");
    EXPECT_EQ(calls[1]["call_id"].asString(), "host-a-a84b4c76e66710@carrier.example");
    EXPECT_EQ(calls[2]["call_id"].asString(), "host-b-77ae1c2@carrier.example");
    EXPECT_EQ(calls[3]["call_id"].asString(), "host-a-77ae1c2@carrier.example");
}

TEST_F(CliTest, StandardInputIsReadLikeAFile)
{
    writePcap(path("trunk.pcap"), trunkPackets());
    std::ifstream in(path("trunk.pcap"), std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    st::ProcessOptions options;
    options.standardInput = bytes;
    const auto result = run({"summary", "--json", "-"}, options);
    ASSERT_EQ(result.exitCode, 0) << result.err;
    const auto json = JsonValue::parse(result.out);
    ASSERT_TRUE(json);
    EXPECT_EQ((*json)["files"][0]["path"].asString(), "-");
    EXPECT_EQ((*json)["totals"]["calls"].asInt(), 2);
}

TEST_F(CliTest, BundledSampleShowsTheTrunkStory)
{
    const auto sample = std::filesystem::path(SIPLADDER_SOURCE_DIR) / "resources/samples/trunk-404.pcap";
    const auto result = run({"summary", "--json", sample.string()});
    ASSERT_EQ(result.exitCode, 0) << result.err;
    EXPECT_TRUE(result.err.empty()) << result.err;
    const auto json = JsonValue::parse(result.out);
    ASSERT_TRUE(json);
    const auto& calls = (*json)["calls"];
    ASSERT_EQ(calls.size(), 6u);
    std::vector<std::string> states;
    for (const auto& call : calls.asArray())
        states.push_back(call["initial_method"].asString() + " " + call["state"].asString());
    EXPECT_EQ(states, (std::vector<std::string>{"OPTIONS success", "INVITE success", "INVITE failed", "INVITE failed",
                          "INVITE cancelled", "INVITE success"}));
    EXPECT_EQ(calls[1]["request_uri"].asString(), "sip:5551234567@pbx.example.test");
    EXPECT_EQ(calls[2]["request_uri"].asString(), "sip:+15551234567@pbx.example.test");
    EXPECT_EQ(calls[2]["final_status"].asInt(), 404);
    EXPECT_EQ(calls[3]["final_status"].asInt(), 486); // after the 407 challenge and its retry
    EXPECT_EQ((*json)["totals"]["retransmissions"].asInt(), 1);

    const auto table = run({"summary", sample.string()});
    EXPECT_TRUE(std::regex_search(table.out, std::regex(R"(OPTIONS\s+ping\s+pbx\.example\.test)"))) << table.out;
}

TEST_F(CliTest, DiagnoseExplainsThe404AgainstTheWorkingCall)
{
    writePcap(path("trunk.pcap"), trunkPackets());
    const auto result = run({"diagnose", "--json", path("trunk.pcap")});
    ASSERT_EQ(result.exitCode, 0) << result.err;
    std::string error;
    const auto json = JsonValue::parse(result.out, &error);
    ASSERT_TRUE(json) << error << "\n" << result.out;
    const auto& failures = (*json)["failures"];
    ASSERT_EQ(failures.size(), 1u);
    const auto& failure = failures[0];
    EXPECT_EQ(failure["call_id"].asString(), "a84b4c76e66710@carrier.example");
    EXPECT_EQ(failure["cseq"].asString(), "1 INVITE");
    EXPECT_EQ(failure["frame"].asInt(), 2);
    EXPECT_EQ(failure["method"].asString(), "INVITE");
    EXPECT_EQ(failure["request_uri"].asString(), "sip:+15551234567@pbx.example.test");
    EXPECT_EQ(failure["status"].asInt(), 404);
    EXPECT_EQ(failure["reason"].asString(), "Not Found");
    EXPECT_EQ(failure["cause"].asString(), "number-format");
    EXPECT_EQ(failure["severity"].asString(), "error");
    EXPECT_FALSE(failure["summary"].asString().empty());
    ASSERT_GE(failure["evidence"].size(), 2u);
    EXPECT_EQ(failure["evidence"][0]["frame"].asInt(), 1);
    EXPECT_EQ(failure["evidence"][0]["header"].asString(), "Request-URI");
    EXPECT_EQ(failure["evidence"][0]["value"].asString(), "sip:+15551234567@pbx.example.test");
    EXPECT_EQ(failure["baseline_call_id"].asString(), "77ae1c2@carrier.example");
    EXPECT_NE(failure["baseline_reason"].asString().find("same trunk"), std::string::npos);
    const auto& diff = failure["uri_diff"];
    EXPECT_EQ(diff["failing"].asString(), "sip:+15551234567@pbx.example.test");
    EXPECT_EQ(diff["baseline"].asString(), "sip:5551234567@pbx.example.test");
    EXPECT_TRUE(diff["same_number"].asBool());
    bool userDiffers = false;
    for (const auto& component : diff["components"].asArray()) {
        if (component["name"].asString() == "user") {
            userDiffers = !component["equal"].asBool();
            EXPECT_EQ(component["failing"].asString(), "+15551234567");
            EXPECT_EQ(component["baseline"].asString(), "5551234567");
        }
        if (component["name"].asString() == "host") {
            EXPECT_TRUE(component["equal"].asBool());
        }
    }
    EXPECT_TRUE(userDiffers);

    const auto text = run({"diagnose", path("trunk.pcap")});
    ASSERT_EQ(text.exitCode, 0) << text.err;
    EXPECT_NE(text.out.find("[number-format, error]"), std::string::npos) << text.out;
    EXPECT_NE(text.out.find("404 Not Found"), std::string::npos);
    EXPECT_NE(text.out.find("77ae1c2@carrier.example"), std::string::npos);
}

TEST_F(CliTest, DiagnoseHasTheSameUsageAndInputErrors)
{
    EXPECT_EQ(run({"diagnose"}).exitCode, 2);
    EXPECT_EQ(run({"diagnose", "--help"}).exitCode, 0);
    const auto missing = run({"diagnose", "--json", path("missing.pcap")});
    EXPECT_EQ(missing.exitCode, 3);
    EXPECT_TRUE(missing.out.empty());
}

#ifdef SIPLADDER_GUI_PATH
TEST_F(CliTest, DesktopAppWithoutADisplayPrintsTheSummaryAndTheDiagnosis)
{
    const auto sample = std::filesystem::path(SIPLADDER_SOURCE_DIR) / "resources" / "samples" / "trunk-404.pcap";
    const auto result = st::runProcess({"/usr/bin/env", "-u", "DISPLAY", "-u", "WAYLAND_DISPLAY", "-u",
        "QT_QPA_PLATFORM", SIPLADDER_GUI_PATH, sample.string()});
    ASSERT_EQ(result.exitCode, 0) << result.err;
    EXPECT_NE(result.err.find("no display"), std::string::npos);
    EXPECT_NE(result.out.find("6 calls"), std::string::npos) << result.out;
    EXPECT_NE(result.out.find("[number-format, error]"), std::string::npos) << result.out;
    EXPECT_NE(result.out.find("sip:5551234567@pbx.example.test"), std::string::npos);
}
#endif

// `export`, every format, as a user runs it on a machine without a display.
class CliExportTest : public CliTest {
protected:
    static ProcessResult runHeadless(std::vector<std::string> args)
    {
        args.insert(args.begin(), {"/usr/bin/env", "-u", "DISPLAY", "-u", "WAYLAND_DISPLAY", "-u", "QT_QPA_PLATFORM",
                                      SIPLADDER_CLI_PATH});
        return st::runProcess(args);
    }
    static std::string read(const std::string& file)
    {
        std::ifstream in(file, std::ios::binary);
        return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
};

TEST_F(CliExportTest, EveryFormatIsWrittenWithoutADisplay)
{
    writePcap(path("trunk.pcap"), trunkPackets());
    const std::vector<std::pair<std::string, std::string>> formats{{"html", "<!DOCTYPE html>"}, {"pdf", "%PDF-"},
        {"svg", "<?xml"}, {"png", "\x89PNG\r\n"}, {"txt", "SipLadder report"}, {"json", "{"},
        {"pcap", std::string("\xd4\xc3\xb2\xa1", 4)}};
    for (const auto& [format, magic] : formats) {
        SCOPED_TRACE(format);
        const auto out = path("report." + format);
        const auto result = runHeadless({"export", "--format", format, "-o", out, path("trunk.pcap")});
        ASSERT_EQ(result.exitCode, 0) << result.err;
        EXPECT_TRUE(result.err.empty()) << result.err;
        EXPECT_NE(result.out.find(out), std::string::npos) << result.out;
        const auto bytes = read(out);
        EXPECT_EQ(bytes.substr(0, magic.size()), magic);
        if (format == "html" || format == "txt" || format == "svg") {
            EXPECT_NE(bytes.find("404 Not Found"), std::string::npos);
        }
        if (format == "html") {
            EXPECT_NE(bytes.find("<svg"), std::string::npos) << "the ladders are drawn as SVG";
            EXPECT_NE(bytes.find("number-format"), std::string::npos);
        }
    }
    // Nothing but the outputs in the folder: no temporaries left behind.
    EXPECT_EQ(std::distance(std::filesystem::directory_iterator(m_dir), std::filesystem::directory_iterator()),
        static_cast<std::ptrdiff_t>(formats.size() + 1));
    const auto help = run({"export", "--help"});
    EXPECT_EQ(help.exitCode, 0);
    for (const char* format : {"html", "pdf", "svg", "png", "txt", "json", "pcap", "--redact"})
        EXPECT_NE(help.out.find(format), std::string::npos) << format;
}

TEST_F(CliExportTest, FailedAndCallChooseTheCalls)
{
    writePcap(path("trunk.pcap"), trunkPackets());
    auto callIds = [&](const std::string& file) {
        std::string error;
        const auto json = JsonValue::parse(read(file), &error);
        std::vector<std::string> ids;
        if (!json) {
            ADD_FAILURE() << error;
            return ids;
        }
        for (const auto& call : (*json)["calls"].asArray())
            ids.push_back(call["call_id"].asString());
        return ids;
    };
    ASSERT_EQ(run({"export", "--format", "json", "-o", path("all.json"), path("trunk.pcap")}).exitCode, 0);
    EXPECT_EQ(callIds(path("all.json")).size(), 2u);
    ASSERT_EQ(run({"export", "--format", "json", "--failed", "-o", path("failed.json"), path("trunk.pcap")}).exitCode, 0);
    EXPECT_EQ(callIds(path("failed.json")), std::vector<std::string>{"a84b4c76e66710@carrier.example"});
    ASSERT_EQ(run({"export", "--format", "json", "--call", "77ae1c2@carrier.example", "-o", path("one.json"),
                  path("trunk.pcap")})
                  .exitCode,
        0);
    EXPECT_EQ(callIds(path("one.json")), std::vector<std::string>{"77ae1c2@carrier.example"});

    // --failed on a PDF: the failing call's page, not the working one's Call-ID as a section.
    const auto pdf = runHeadless({"export", "--format", "pdf", "--failed", "-o", path("failed.pdf"), path("trunk.pcap")});
    ASSERT_EQ(pdf.exitCode, 0) << pdf.err;
    EXPECT_NE(pdf.out.find("report of 1 call on"), std::string::npos) << pdf.out;

    // An unknown Call-ID is a usage error, and nothing is written.
    const auto unknown = run({"export", "--format", "html", "--call", "nope@nowhere", "-o", path("unknown.html"),
        path("trunk.pcap")});
    EXPECT_EQ(unknown.exitCode, 2);
    EXPECT_NE(unknown.err.find("nope@nowhere"), std::string::npos) << unknown.err;
    EXPECT_FALSE(std::filesystem::exists(path("unknown.html")));
    // Usage errors of the export options.
    EXPECT_EQ(run({"export", "--format", "doc", "-o", path("x.doc"), path("trunk.pcap")}).exitCode, 2);
    EXPECT_EQ(run({"export", "--format", "pdf", path("trunk.pcap")}).exitCode, 2);
    EXPECT_EQ(run({"summary", "--redact", path("trunk.pcap")}).exitCode, 2);
}

TEST_F(CliExportTest, UnwritableOutputExitsWithFourAndUnreadableInputWithThree)
{
    writePcap(path("trunk.pcap"), trunkPackets());
    std::filesystem::create_directory(path("folder"));
    for (const char* format : {"html", "pdf", "svg", "png", "txt", "json", "pcap"}) {
        SCOPED_TRACE(format);
        const auto missingDir = path("no-such-folder/out.") + format;
        const auto result = runHeadless({"export", "--format", format, "-o", missingDir, path("trunk.pcap")});
        EXPECT_EQ(result.exitCode, 4) << result.err;
        EXPECT_NE(result.err.find(missingDir), std::string::npos) << result.err;
        EXPECT_EQ(runHeadless({"export", "--format", format, "-o", path("folder"), path("trunk.pcap")}).exitCode, 4);
        const auto missingInput = runHeadless({"export", "--format", format, "-o", path("x.out"), path("missing.pcap")});
        EXPECT_EQ(missingInput.exitCode, 3);
        EXPECT_FALSE(std::filesystem::exists(path("x.out")));
    }
}

TEST_F(CliExportTest, TextLogsAndRedactionExport)
{
    const auto log = (st::testDataDir() / "textlogs" / "raw-pasted.txt").string();
    for (const char* format : {"html", "pdf", "svg", "txt", "json", "pcap"}) {
        SCOPED_TRACE(format);
        const auto out = path(std::string("log.") + format);
        const auto result = runHeadless({"export", "--format", format, "-o", out, log});
        ASSERT_EQ(result.exitCode, 0) << result.err;
        EXPECT_GT(std::filesystem::file_size(out), 100u);
    }
    EXPECT_NE(read(path("log.txt")).find("|<--404 Not Found---|"), std::string::npos) << read(path("log.txt"));

    // --redact: the numbers, hosts, addresses and Call-IDs of the trunk are nowhere in the files.
    writePcap(path("trunk.pcap"), trunkPackets());
    for (const char* format : {"html", "svg", "txt", "json"}) {
        SCOPED_TRACE(format);
        const auto out = path(std::string("redacted.") + format);
        const auto result = runHeadless({"export", "--format", format, "--redact", "-o", out, path("trunk.pcap")});
        ASSERT_EQ(result.exitCode, 0) << result.err;
        EXPECT_NE(result.out.find("redacted"), std::string::npos);
        const auto bytes = read(out);
        for (const char* original : {"5551234567", "12125550147", "203.0.113.10", "198.51.100.20", "carrier.example",
                 "pbx.example.test", "a84b4c76e66710@"}) // the Call-ID (a tag is random and stays)
            EXPECT_EQ(bytes.find(original), std::string::npos) << original;
    }
}

// Exports write a temporary and rename it over OUT: over an input that would replace the capture with
// the report about it, over a device or a pipe it would make a plain file of it. Both are refused.
TEST_F(CliExportTest, AnInputOrADeviceIsNeverReplacedByTheExport)
{
    writePcap(path("trunk.pcap"), trunkPackets());
    const auto before = read(path("trunk.pcap"));
    std::filesystem::create_symlink(path("trunk.pcap"), path("link.pcap"));
    for (const char* format : {"txt", "pcap"}) {
        SCOPED_TRACE(format);
        for (const auto& out : {path("trunk.pcap"), path("link.pcap")}) {
            const auto result = runHeadless({"export", "--format", format, "-o", out, path("trunk.pcap")});
            EXPECT_EQ(result.exitCode, 4) << result.err;
            EXPECT_NE(result.err.find("one of the inputs"), std::string::npos) << result.err;
        }
        EXPECT_EQ(read(path("trunk.pcap")), before);
    }
    ASSERT_EQ(::mkfifo(path("pipe").c_str(), 0600), 0);
    const auto piped = runHeadless({"export", "--format", "txt", "-o", path("pipe"), path("trunk.pcap")});
    EXPECT_EQ(piped.exitCode, 4) << piped.err;
    EXPECT_NE(piped.err.find("not a regular file"), std::string::npos) << piped.err;
    EXPECT_EQ(std::filesystem::status(path("pipe")).type(), std::filesystem::file_type::fifo);
}

// "-o -" writes the export to standard output, for a pipe; what was written is said on standard error.
TEST_F(CliExportTest, DashWritesTheExportToStandardOutput)
{
    writePcap(path("trunk.pcap"), trunkPackets());
    const auto text = runHeadless({"export", "--format", "txt", "--failed", "-o", "-", path("trunk.pcap")});
    ASSERT_EQ(text.exitCode, 0) << text.err;
    EXPECT_EQ(text.out.rfind("SipLadder report", 0), 0u) << text.out;
    EXPECT_NE(text.out.find("404 Not Found"), std::string::npos);
    EXPECT_NE(text.err.find("standard output: txt report of"), std::string::npos) << text.err;
    EXPECT_FALSE(std::filesystem::exists(path("-")));

    const auto pcap = runHeadless({"export", "--format", "pcap", "-o", "-", path("trunk.pcap")});
    ASSERT_EQ(pcap.exitCode, 0) << pcap.err;
    ASSERT_GE(pcap.out.size(), 24u);
    std::ofstream(path("piped.pcap"), std::ios::binary) << pcap.out;
    const auto summary = run({"summary", "--json", path("piped.pcap")});
    ASSERT_EQ(summary.exitCode, 0) << summary.err;
    EXPECT_NE(summary.out.find("a84b4c76e66710@carrier.example"), std::string::npos);
}
