// SPDX-License-Identifier: Apache-2.0
#include "command_line.h"

#include <string_view>

namespace sipladder::cli {

namespace {

bool isKnownCommand(std::string_view name)
{
    return name == "summary" || name == "diagnose";
}

} // namespace

std::string CommandLine::usage()
{
    return "Usage: sipladder-cli COMMAND [OPTIONS] FILE...\n"
           "\n"
           "Reads SIP traffic from packet captures (pcap, pcapng, either gzip-compressed), lists the calls\n"
           "and explains why the failed ones failed.\n"
           "\n"
           "Commands:\n"
           "  summary [--json] FILE...   the calls, as a table or as JSON\n"
           "  diagnose [--json] FILE...  why each failed call failed: cause, evidence, working call, URI diff\n"
           "\n"
           "Options:\n"
           "  --help       show help (also after a command)\n"
           "  --version    show the version\n"
           "\n"
           "Several files are merged into one time line; '-' reads standard input.\n"
           "Exit codes: 0 ok (warnings allowed), 2 usage error, 3 an input could not be read.\n";
}

std::string CommandLine::commandUsage(const std::string& command)
{
    if (command == "summary") {
        return "Usage: sipladder-cli summary [--json] FILE...\n"
               "\n"
               "Lists every call (all messages sharing a Call-ID): start time, method, From, To, Request-URI,\n"
               "source and destination, message count, final response and state. Warnings about the input\n"
               "(truncated files, malformed messages) go to standard error.\n"
               "\n"
               "  --json    the JSON document described in the README (files, totals, calls)\n";
    }
    if (command == "diagnose") {
        return "Usage: sipladder-cli diagnose [--json] FILE...\n"
               "\n"
               "Explains every failed transaction (the outcome table of the contract): a cause id such as\n"
               "number-format, unknown-user, timeout or codec-mismatch, a summary, the evidence (frames and header\n"
               "values), the working call it was compared with and how their Request-URIs differ, and what to\n"
               "check on Asterisk, FreeSWITCH, Kamailio, CUCM or at the carrier.\n"
               "\n"
               "  --json    the JSON document described in the README (\"failures\")\n";
    }
    return usage();
}

CommandLine CommandLine::parse(int argc, char** argv)
{
    CommandLine line;
    bool endOfOptions = false;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (!endOfOptions && arg == "--") {
            endOfOptions = true;
        } else if (!endOfOptions && (arg == "--help" || arg == "-h")) {
            line.help = true;
        } else if (!endOfOptions && arg == "--version") {
            line.version = true;
        } else if (!endOfOptions && arg == "--json") {
            line.json = true;
        } else if (!endOfOptions && arg.size() > 1 && arg.front() == '-') {
            line.error = "unknown option '" + std::string(arg) + "'";
            return line;
        } else if (line.command.empty()) {
            if (!isKnownCommand(arg)) {
                line.error = "unknown command '" + std::string(arg) + "'";
                return line;
            }
            line.command = arg;
        } else {
            line.files.emplace_back(arg);
        }
    }
    if (line.help || line.version)
        return line;
    if (line.command.empty())
        line.error = "no command given";
    else if (line.files.empty())
        line.error = "no input files given";
    return line;
}

} // namespace sipladder::cli
