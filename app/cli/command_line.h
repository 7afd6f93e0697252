// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <vector>

namespace sipladder::cli {

// Exit codes of CONTRACT.md.
enum ExitCode : int {
    ExitOk = 0,
    ExitFailure = 1,
    ExitUsage = 2,
    ExitUnreadableInput = 3,
    ExitUnwritableOutput = 4,
};

// The parsed command line of sipladder-cli.
struct CommandLine {
    std::string command; // "summary", "diagnose", "export"; empty with --help/--version at top level
    bool json = false;
    // export
    std::string format; // --format
    std::vector<std::string> callIds; // --call, repeatable
    bool failed = false; // --failed
    bool redact = false; // --redact
    std::string output; // -o / --output
    bool help = false;
    bool version = false;
    std::vector<std::string> files;
    std::string error; // a usage error, for stderr; empty when the line is fine

    static CommandLine parse(int argc, char** argv);
    static std::string usage();
    static std::string commandUsage(const std::string& command);
};

} // namespace sipladder::cli
