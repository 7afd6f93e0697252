// SPDX-License-Identifier: Apache-2.0
// Redaction and the reports over every capture of the public corpus: real traffic from many user
// agents. No address or Call-ID of a capture survives in any redacted report, every redacted SIP
// message still parses with a Content-Length that fits its body, and every HTML report is well formed.
#include "analysis/diagnoser.h"
#include "html_check.h"
#include "load/capture_loader.h"
#include "redact/redactor.h"
#include "report/html_report_writer.h"
#include "report/json_report_writer.h"
#include "report/text_report_writer.h"
#include "sip/sip_parser.h"
#include "support/test_paths.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <string>
#include <vector>

using namespace sipladder::core;
namespace st = sipladder::testing;

namespace {

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

// `value` occurs in `text` as itself, not as part of a longer address or number ("10.0.0.1" inside
// "10.0.0.10" or inside a placeholder "192.0.2.10" does not count).
bool occurs(const std::string& text, const std::string& value)
{
    for (auto pos = text.find(value); pos != std::string::npos; pos = text.find(value, pos + 1)) {
        const auto end = pos + value.size();
        const bool digitBefore
            = pos > 0 && (isDigit(text[pos - 1]) || (text[pos - 1] == '.' && pos > 1 && isDigit(text[pos - 2])));
        const bool digitAfter = end < text.size()
            && (isDigit(text[end]) || (text[end] == '.' && end + 1 < text.size() && isDigit(text[end + 1])));
        if (!digitBefore && !digitAfter)
            return true;
    }
    return false;
}

std::vector<std::filesystem::path> corpusCaptures(const std::filesystem::path& dir)
{
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
        const auto extension = entry.path().extension().string();
        if (entry.is_regular_file() && (extension == ".pcap" || extension == ".pcapng" || extension == ".cap"))
            files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    return files;
}

} // namespace

TEST(CorpusRedaction, NoAddressOrCallIdSurvivesAndMessagesStillParse)
{
    const auto dir = st::corpusDir();
    if (!dir)
        GTEST_SKIP() << "public corpus not found beside the checkout";
    std::size_t captures = 0;
    std::size_t messages = 0;
    for (const auto& path : corpusCaptures(*dir)) {
        SCOPED_TRACE(path.string());
        LoadOptions options;
        options.paths = { path.string() };
        const auto loaded = CaptureLoader::load(options);
        if (!loaded || loaded.value()->calls().empty())
            continue;
        const auto& snapshot = *loaded.value();
        ++captures;
        const auto diagnosis = Diagnoser(snapshot).diagnoseAll();
        std::vector<std::uint32_t> all(snapshot.calls().size());
        for (std::uint32_t i = 0; i < all.size(); ++i)
            all[i] = i;

        HtmlReportOptions redacted;
        redacted.redact = true;
        const std::string outputs[] = {
            HtmlReportWriter::render(snapshot, *diagnosis, all, redacted),
            JsonReportWriter::render(snapshot, *diagnosis, all, redacted),
            TextReportWriter::render(snapshot, *diagnosis, all, redacted),
        };
        EXPECT_EQ(st::checkHtml(outputs[0]), "");
        EXPECT_EQ(st::checkHtml(HtmlReportWriter::render(snapshot, *diagnosis, all, {})), "");

        // The addresses the packets came from and went to (not the kept unspecified and loopback ones).
        std::set<std::string> addresses;
        for (const auto& message : snapshot.messages()) {
            for (const auto* endpoint : { &snapshot.source(message), &snapshot.destination(message) }) {
                const auto& address = endpoint->address;
                const bool kept = address.isV6 ? address.toString() == "::" || address.toString() == "::1"
                                               : address.bytes[0] == 0 || address.bytes[0] == 127;
                if (!kept)
                    addresses.insert(address.toString());
            }
        }
        for (const auto& output : outputs) {
            for (const auto& address : addresses)
                EXPECT_FALSE(occurs(output, address))
                    << address << " in\n"
                    << output.substr(output.find(address) > 300 ? output.find(address) - 300 : 0, 600);
            for (const auto& call : snapshot.calls()) {
                const std::string id(snapshot.callId(call));
                if (id.size() >= 8) {
                    EXPECT_EQ(output.find(id), std::string::npos) << id;
                }
            }
        }

        // Every message that parsed cleanly still does once redacted, and its body fits its Content-Length.
        Redactor redactor;
        redactor.learn(snapshot, all, diagnosis.get());
        SipParser parser;
        std::string raw;
        for (const auto& message : snapshot.messages()) {
            if (!snapshot.readMessage(message, raw))
                continue;
            SipMessage original;
            if (!parser.parse(asBytes(raw), original, true) || original.problems().any())
                continue;
            const auto body = original.body().size();
            const bool exact = original.contentLength() && *original.contentLength() == body;
            const auto text = redactor.redactMessage(raw);
            SipMessage parsed;
            ASSERT_TRUE(parser.parse(asBytes(text), parsed, true)) << text;
            EXPECT_FALSE(parsed.problems().any()) << parsed.problemText() << "\n" << text;
            EXPECT_EQ(parsed.isRequest(), original.isRequest());
            EXPECT_EQ(parsed.statusCode(), original.statusCode());
            EXPECT_EQ(parsed.method(), original.method());
            EXPECT_EQ(parsed.cseqNumber(), original.cseqNumber());
            if (exact) {
                EXPECT_EQ(parsed.contentLength(), parsed.body().size()) << text;
            }
            ++messages;
        }
    }
    EXPECT_GT(captures, 20u);
    EXPECT_GT(messages, 500u);
}
