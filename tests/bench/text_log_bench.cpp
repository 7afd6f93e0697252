// SPDX-License-Identifier: Apache-2.0
// text-log-bench: the time per message of reading a large SIP text log against reading the capture
// of the same traffic (issue 5's target: within 2x of the capture engine). It generates a capture
// (CaptureGenerator), writes its SIP messages as the text log of one shape (TextTraceWriter) until
// the log reaches the asked size, then loads both with CaptureLoader, best of N runs, and prints
// the figures (the two loads take turns, best of N each). Run by hand:
//   text-log-bench [--size-mb 200] [--style pjsip|chan-sip|freeswitch|ngrep|sngrep|cisco|raw] [--runs 3]
// Files go to $SIPLADDER_BENCH_DIR (default /tmp/sipladder-bench) and are reused when present.
#include "load/capture_loader.h"
#include "support/capture_generator.h"
#include "support/text_trace_writer.h"

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>

namespace {

using namespace sipladder;
using Clock = std::chrono::steady_clock;

struct Timing {
    double bestMs = 0;
    std::size_t messages = 0;
    std::size_t calls = 0;
};

// One load of `path`: its time, messages and calls.
Timing loadOnce(const std::filesystem::path& path)
{
    core::LoadOptions options;
    options.paths = {path.string()};
    const auto start = Clock::now();
    const auto loaded = core::CaptureLoader::load(options);
    const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    if (!loaded) {
        std::fprintf(stderr, "text-log-bench: %s\n", loaded.error().message.c_str());
        std::exit(1);
    }
    return Timing {ms, loaded.value()->messages().size(), loaded.value()->calls().size()};
}

void keepBest(Timing& best, const Timing& run, bool first)
{
    best.messages = run.messages;
    best.calls = run.calls;
    best.bestMs = first ? run.bestMs : std::min(best.bestMs, run.bestMs);
}

// Writes the messages of `capture` as a text log of `style` as seen by the host that sent the
// first message's destination, stopping at `maxBytes`. Returns the messages written.
std::size_t writeTextLog(const std::filesystem::path& capture, const std::filesystem::path& log,
    testing::TextTraceStyle style, std::uint64_t maxBytes)
{
    core::LoadOptions options;
    options.paths = {capture.string()};
    const auto loaded = core::CaptureLoader::load(options);
    if (!loaded) {
        std::fprintf(stderr, "text-log-bench: %s\n", loaded.error().message.c_str());
        std::exit(1);
    }
    const auto& snapshot = *loaded.value();
    std::ofstream out(log, std::ios::binary);
    std::string chunk;
    std::uint64_t written = 0;
    std::size_t messages = 0;
    const testing::TextTraceWriter writer(style, snapshot.destination(snapshot.messages().front()));
    for (const auto& record : snapshot.messages()) {
        testing::WireMessage message;
        if (!snapshot.readMessage(record, message.text))
            continue;
        message.timeNs = record.timestampNs;
        message.source = snapshot.source(record);
        message.destination = snapshot.destination(record);
        message.transport = record.transport;
        chunk.clear();
        writer.append(chunk, message);
        if (written + chunk.size() > maxBytes)
            break;
        out << chunk;
        written += chunk.size();
        ++messages;
    }
    return messages;
}

} // namespace

int main(int argc, char** argv)
{
    std::uint64_t sizeMb = 200;
    std::string styleName = "pjsip";
    int runs = 3;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string arg = argv[i];
        if (arg == "--size-mb")
            sizeMb = std::strtoull(argv[i + 1], nullptr, 10);
        else if (arg == "--style")
            styleName = argv[i + 1];
        else if (arg == "--runs")
            runs = std::max(1, std::atoi(argv[i + 1]));
    }
    const std::map<std::string, testing::TextTraceStyle> styles {
        {"raw", testing::TextTraceStyle::RawSip}, {"chan-sip", testing::TextTraceStyle::AsteriskChanSip},
        {"pjsip", testing::TextTraceStyle::AsteriskPjsip}, {"freeswitch", testing::TextTraceStyle::FreeSwitch},
        {"ngrep", testing::TextTraceStyle::Ngrep}, {"sngrep", testing::TextTraceStyle::Sngrep},
        {"cisco", testing::TextTraceStyle::CiscoCcsip}};
    const auto style = styles.find(styleName);
    if (style == styles.end() || sizeMb == 0) {
        std::fprintf(stderr, "usage: text-log-bench [--size-mb N] [--style %s] [--runs N]\n",
            "raw|chan-sip|pjsip|freeswitch|ngrep|sngrep|cisco");
        return 2;
    }
    const char* dirVariable = std::getenv("SIPLADDER_BENCH_DIR");
    const std::filesystem::path dir = dirVariable ? dirVariable : "/tmp/sipladder-bench";
    std::filesystem::create_directories(dir);
    // About 1 KB of log per message and 8 messages per call: enough calls for the size asked.
    const std::uint64_t calls = sizeMb * 1024 * 1024 / 6000 + 100;
    const auto capture = dir / ("text-source-" + std::to_string(calls) + ".pcap");
    if (!std::filesystem::exists(capture)) {
        testing::CaptureGeneratorOptions options;
        options.calls = calls;
        options.seed = 5;
        testing::CaptureGenerator(options).write(capture);
    }
    const auto log = dir / ("text-" + styleName + "-" + std::to_string(sizeMb) + "mb.log");
    std::size_t written = 0;
    if (!std::filesystem::exists(log))
        written = writeTextLog(capture, log, style->second, sizeMb * 1024 * 1024);

    // The two loads take turns, so that a machine whose speed drifts during the runs (a virtual
    // machine's neighbours) slows both alike; the best run of each is compared.
    Timing fromCapture;
    Timing fromText;
    for (int run = 0; run < runs; ++run) {
        keepBest(fromCapture, loadOnce(capture), run == 0);
        keepBest(fromText, loadOnce(log), run == 0);
    }
    const double perCapture = fromCapture.bestMs * 1000.0 / static_cast<double>(fromCapture.messages);
    const double perText = fromText.bestMs * 1000.0 / static_cast<double>(fromText.messages);
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    std::printf("capture %s: %.1f MB, %zu messages, %zu calls: %.0f ms (%.2f us/message)\n",
        capture.filename().c_str(), static_cast<double>(std::filesystem::file_size(capture)) / 1e6,
        fromCapture.messages, fromCapture.calls, fromCapture.bestMs, perCapture);
    std::printf("text log %s: %.1f MB, %zu messages%s, %zu calls: %.0f ms (%.2f us/message)\n",
        log.filename().c_str(), static_cast<double>(std::filesystem::file_size(log)) / 1e6, fromText.messages,
        written ? (" (" + std::to_string(written) + " written)").c_str() : "", fromText.calls, fromText.bestMs,
        perText);
    std::printf("text / capture time per message: %.2fx (target: at most 2x); peak RSS %ld MB\n",
        perText / perCapture, usage.ru_maxrss / 1024);
    return 0;
}
