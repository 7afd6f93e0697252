// SPDX-License-Identifier: Apache-2.0
// sipladder-cli: the headless SipLadder, for scripts and CI.
#include "command_line.h"
#include "stdin_spool.h"

#include "analysis/diagnoser.h"
#include "load/capture_loader.h"
#include "report/diagnosis_json_writer.h"
#include "report/diagnosis_text_writer.h"
#include "report/pcap_exporter.h"
#include "report/summary_json_writer.h"
#include "report/summary_table_writer.h"

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

using namespace sipladder;

namespace {

void printWarnings(const core::CaptureSnapshot& snapshot)
{
    for (const auto& file : snapshot.files()) {
        for (const auto& warning : file.warnings)
            std::fprintf(stderr, "%s: warning: %s\n", file.path.c_str(), warning.message.c_str());
    }
}

// `export --format pcap`: the calls chosen by --call and --failed (all without either), written by
// PcapExporter, which renames a finished temporary over OUT so that nothing is left on failure.
int exportPcap(const cli::CommandLine& line, const core::CaptureSnapshot& snapshot)
{
    std::vector<std::uint32_t> chosen;
    const auto& calls = snapshot.calls();
    for (const auto& id : line.callIds) {
        bool found = false;
        for (std::uint32_t i = 0; i < calls.size(); ++i) {
            if (snapshot.callId(calls[i]) == id) {
                chosen.push_back(i);
                found = true;
            }
        }
        if (!found) {
            std::fprintf(stderr, "sipladder-cli: no call has the Call-ID '%s'\n", id.c_str());
            return cli::ExitUsage;
        }
    }
    if (line.failed) {
        for (std::uint32_t i = 0; i < calls.size(); ++i) {
            if (calls[i].state == core::CallState::Failed || calls[i].state == core::CallState::Cancelled)
                chosen.push_back(i);
        }
    }
    std::sort(chosen.begin(), chosen.end());
    chosen.erase(std::unique(chosen.begin(), chosen.end()), chosen.end());
    const bool selected = !line.callIds.empty() || line.failed;
    // A selection that matched nothing (no failed call) writes a valid, empty pcap.
    const core::CaptureSnapshot empty;
    const auto written = selected && chosen.empty() ? core::PcapExporter::write(empty, {}, line.output)
                                                    : core::PcapExporter::write(snapshot, chosen, line.output);
    if (!written) {
        std::fprintf(stderr, "sipladder-cli: %s\n", written.error().message.c_str());
        return cli::ExitUnwritableOutput;
    }
    const auto& stats = written.value();
    const auto callCount = selected ? chosen.size() : calls.size();
    std::printf("%s: %llu SIP messages of %zu %s in %llu packets\n", line.output.c_str(),
        static_cast<unsigned long long>(stats.messages), callCount, callCount == 1 ? "call" : "calls",
        static_cast<unsigned long long>(stats.packets));
    if (stats.unreadable > 0) {
        std::fprintf(stderr, "sipladder-cli: warning: %llu messages could not be read back and were left out\n",
            static_cast<unsigned long long>(stats.unreadable));
    }
    return cli::ExitOk;
}

int run(const cli::CommandLine& line)
{
    core::LoadOptions options;
    cli::StdinSpool spool;
    for (const auto& file : line.files) {
        if (file == "-") {
            auto path = spool.path();
            if (!path) {
                std::fprintf(stderr, "sipladder-cli: -: %s\n", spool.error().c_str());
                return cli::ExitUnreadableInput;
            }
            options.paths.push_back(*path);
            options.displayNames.push_back("-");
        } else {
            options.paths.push_back(file);
            options.displayNames.push_back(file);
        }
    }
    auto loaded = core::CaptureLoader::load(options);
    if (!loaded) {
        std::fprintf(stderr, "sipladder-cli: %s\n", loaded.error().message.c_str());
        return cli::ExitUnreadableInput;
    }
    const auto& snapshot = *loaded.value();
    printWarnings(snapshot);
    if (line.command == "export")
        return exportPcap(line, snapshot);
    bool written = false;
    if (line.command == "diagnose") {
        const auto diagnosis = core::Diagnoser(snapshot).diagnoseAll();
        written = line.json ? core::DiagnosisJsonWriter::write(snapshot, *diagnosis, stdout)
                            : core::DiagnosisTextWriter::write(snapshot, *diagnosis, stdout);
    } else {
        written = line.json ? core::SummaryJsonWriter::write(snapshot, stdout)
                            : core::SummaryTableWriter::write(snapshot, stdout);
    }
    if (!written) {
        std::fprintf(stderr, "sipladder-cli: could not write to standard output\n");
        return cli::ExitFailure;
    }
    return cli::ExitOk;
}

} // namespace

int main(int argc, char** argv)
{
    const auto line = cli::CommandLine::parse(argc, argv);
    if (line.version) {
        std::printf("sipladder-cli %s\n", SIPLADDER_VERSION);
        return cli::ExitOk;
    }
    if (line.help) {
        std::fputs((line.command.empty() ? cli::CommandLine::usage() : cli::CommandLine::commandUsage(line.command)).c_str(),
            stdout);
        return cli::ExitOk;
    }
    if (!line.error.empty()) {
        std::fprintf(stderr, "sipladder-cli: %s\n\n%s", line.error.c_str(),
            (line.command.empty() ? cli::CommandLine::usage() : cli::CommandLine::commandUsage(line.command)).c_str());
        return cli::ExitUsage;
    }
    return run(line);
}
