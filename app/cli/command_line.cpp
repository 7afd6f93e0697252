// SPDX-License-Identifier: Apache-2.0
#include "command_line.h"

#include <string_view>

namespace sipladder::cli {

namespace {

bool isKnownCommand(std::string_view name)
{
    return name == "summary" || name == "diagnose" || name == "export";
}

bool isKnownFormat(std::string_view name)
{
    return name == "html" || name == "pdf" || name == "svg" || name == "png" || name == "txt" || name == "json"
        || name == "pcap";
}

} // namespace

std::string CommandLine::usage()
{
    return "Usage: sipladder-cli COMMAND [OPTIONS] FILE...\n"
           "\n"
           "Reads SIP traffic from packet captures (pcap, pcapng, either gzip-compressed) and SIP text logs\n"
           "(Asterisk, FreeSWITCH, ngrep, sngrep, Cisco, pasted messages), lists the calls and explains why\n"
           "the failed ones failed.\n"
           "\n"
           "Commands:\n"
           "  summary [--json] FILE...   the calls, as a table or as JSON\n"
           "  diagnose [--json] FILE...  why each failed call failed: cause, evidence, working call, URI diff\n"
           "  export --format FORMAT [--call ID]... [--failed] [--redact] -o OUT FILE...\n"
           "                             a report (html, pdf, txt, json), the ladder as an image (svg, png)\n"
           "                             or the calls as a pcap that Wireshark opens (text logs too)\n"
           "\n"
           "Options:\n"
           "  --help       show help (also after a command)\n"
           "  --version    show the version\n"
           "\n"
           "Several files are merged into one time line; '-' reads standard input.\n"
           "Exit codes: 0 ok (warnings allowed), 2 usage error, 3 an input could not be read,\n"
           "4 the output file could not be written.\n";
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
    if (command == "export") {
        return "Usage: sipladder-cli export --format html|pdf|svg|png|txt|json|pcap [--call ID]... [--failed]\n"
               "                            [--redact] -o OUT FILE...\n"
               "\n"
               "Writes one file about the calls:\n"
               "  html   a self-contained report: summary of the trace, then per call its ladder (SVG), the\n"
               "         diagnosis with evidence, the Request-URI diff against the working call, what to check\n"
               "         and the raw messages\n"
               "  pdf    the same report on A4 pages; long ladders go on across pages\n"
               "  svg    the ladder of the calls, drawn together as one ladder (text stays text)\n"
               "  png    the same ladder as an image (2x scale, white background)\n"
               "  txt    an ASCII ladder and the diagnosis, for a ticket or a chat\n"
               "  json   the full analysis (calls, messages, diagnosis), for tools\n"
               "  pcap   a capture that Wireshark and sngrep open: the calls' original frames (every fragment\n"
               "         and segment that carried them), or synthesised packets for text logs and --redact\n"
               "\n"
               "Without --call or --failed every call is written. Nothing is written when an input cannot be read\n"
               "(exit 3), a --call names no call of the input (exit 2) or OUT cannot be written (exit 4).\n"
               "\n"
               "  --format FORMAT   the output format (one of the above)\n"
               "  --call ID         a call by its Call-ID; repeat for several\n"
               "  --failed          the failed calls (initial transaction failed, cancelled included)\n"
               "  --redact          replace numbers, user names, host names, addresses and Call-IDs by\n"
               "                    placeholders (the same value keeps the same placeholder)\n"
               "  -o, --output OUT  the file to write ('-' for standard output)\n";
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
        } else if (!endOfOptions && arg == "--failed") {
            line.failed = true;
        } else if (!endOfOptions && arg == "--redact") {
            line.redact = true;
        } else if (!endOfOptions
            && (arg == "--format" || arg == "--call" || arg == "-o" || arg == "--output" || arg.starts_with("--format=")
                || arg.starts_with("--call=") || arg.starts_with("--output="))) {
            std::string value;
            std::string name(arg);
            if (const auto equals = arg.find('='); equals != std::string_view::npos) {
                name = std::string(arg.substr(0, equals));
                value = std::string(arg.substr(equals + 1));
            } else if (i + 1 < argc) {
                value = argv[++i];
            } else {
                line.error = "option '" + name + "' needs a value";
                return line;
            }
            if (name == "--format")
                line.format = value;
            else if (name == "--call")
                line.callIds.push_back(value);
            else
                line.output = value;
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
    if (line.command.empty()) {
        line.error = "no command given";
        return line;
    }
    const bool exportOptions = !line.format.empty() || !line.callIds.empty() || line.failed || line.redact || !line.output.empty();
    if (line.command != "export" && exportOptions) {
        line.error = "--format, --call, --failed, --redact and -o belong to the export command";
        return line;
    }
    if (line.command == "export") {
        if (line.json)
            line.error = "--json does not apply to export (use --format)";
        else if (line.format.empty())
            line.error = "no --format given";
        else if (!isKnownFormat(line.format))
            line.error = "unknown --format '" + line.format + "' (html, pdf, svg, png, txt, json or pcap)";
        else if (line.output.empty())
            line.error = "no output file given (-o OUT)";
        if (!line.error.empty())
            return line;
    }
    if (line.files.empty())
        line.error = "no input files given";
    return line;
}

} // namespace sipladder::cli
