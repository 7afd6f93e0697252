// SPDX-License-Identifier: Apache-2.0
// sipladder-cli: the headless SipLadder, for scripts and CI.
#include "command_line.h"
#include "stdin_spool.h"

#include "analysis/diagnoser.h"
#include "load/capture_loader.h"
#include "report/diagnosis_json_writer.h"
#include "report/diagnosis_text_writer.h"
#include "report/summary_json_writer.h"
#include "report/summary_table_writer.h"

#include <cstdio>
#include <string>

using namespace sipladder;

namespace {

void printWarnings(const core::CaptureSnapshot& snapshot)
{
    for (const auto& file : snapshot.files()) {
        for (const auto& warning : file.warnings)
            std::fprintf(stderr, "%s: warning: %s\n", file.path.c_str(), warning.message.c_str());
    }
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
