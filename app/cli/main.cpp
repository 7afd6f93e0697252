// SPDX-License-Identifier: Apache-2.0
// sipladder-cli: the headless SipLadder, for scripts and CI.
#include "command_line.h"
#include "stdin_spool.h"

#include "analysis/diagnoser.h"
#include "load/capture_loader.h"
#include "report/diagnosis_json_writer.h"
#include "report/diagnosis_text_writer.h"
#include "report/export_scope.h"
#include "report/summary_json_writer.h"
#include "report/summary_table_writer.h"
#include "report_exporter.h"

#include <QGuiApplication>

#include <stdlib.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <memory>
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

bool paintsLadders(render::ExportFormat format)
{
    // html draws each call's ladder as inline SVG with the painter; txt, json and pcap draw nothing.
    return format == render::ExportFormat::Html || format == render::ExportFormat::Pdf
        || format == render::ExportFormat::Svg || format == render::ExportFormat::Png;
}

// Fonts and painting need a QGuiApplication. Without a display the offscreen platform draws the same
// way; one chosen by the user (QT_QPA_PLATFORM) is left alone.
std::unique_ptr<QGuiApplication> makeGuiApplication()
{
    if (qEnvironmentVariableIsEmpty("DISPLAY") && qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")
        && !qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    // Qt's own notes (a missing XDG_RUNTIME_DIR, font fallbacks) are not the user's business: stderr
    // carries only what sipladder-cli has to say. Real errors still get through.
    qInstallMessageHandler([](QtMsgType type, const QMessageLogContext&, const QString& message) {
        if (type == QtCriticalMsg || type == QtFatalMsg)
            std::fprintf(stderr, "sipladder-cli: %s\n", message.toLocal8Bit().constData());
    });
    static int argc = 1;
    static char name[] = "sipladder-cli";
    static char* argv[] = { name, nullptr };
    return std::make_unique<QGuiApplication>(argc, argv);
}

std::string plural(std::uint64_t count, const char* word)
{
    return std::to_string(count) + " " + word + (count == 1 ? "" : "s");
}

bool copyToStdout(const std::string& path)
{
    std::FILE* in = std::fopen(path.c_str(), "rb");
    if (in == nullptr)
        return false;
    std::vector<char> buffer(1 << 16);
    bool ok = true;
    for (;;) {
        const std::size_t got = std::fread(buffer.data(), 1, buffer.size(), in);
        if (got > 0 && std::fwrite(buffer.data(), 1, got, stdout) != got) {
            ok = false;
            break;
        }
        if (got < buffer.size()) {
            ok = std::ferror(in) == 0;
            break;
        }
    }
    std::fclose(in);
    return ok && std::fflush(stdout) == 0;
}

// `export`: the calls chosen by --call and --failed (all without either), written by ReportExporter,
// which renames a finished temporary over OUT so that nothing is left on failure.
int exportCalls(const cli::CommandLine& line, const core::CaptureSnapshot& snapshot)
{
    const auto format = render::parseExportFormat(line.format);
    if (!format) {
        std::fprintf(stderr, "sipladder-cli: unknown --format '%s'\n", line.format.c_str());
        return cli::ExitUsage;
    }
    core::ExportScope scope;
    scope.failed = line.failed;
    scope.callIds = line.callIds;
    const auto selection = core::selectExportCalls(snapshot, scope);
    if (!selection.unknownCallIds.empty()) {
        for (const auto& id : selection.unknownCallIds)
            std::fprintf(stderr, "sipladder-cli: no call has the Call-ID '%s'\n", id.c_str());
        return cli::ExitUsage;
    }

    std::unique_ptr<QGuiApplication> app;
    if (paintsLadders(*format))
        app = makeGuiApplication();
    // Only the formats that explain need the diagnosis (the redactor also learns its working calls).
    const bool explains = *format != render::ExportFormat::Pcap || line.redact;
    const auto diagnosis = explains ? core::Diagnoser(snapshot).diagnoseAll() : std::make_shared<core::Diagnosis>();

    // "-o -": the export is written to a private temporary, then copied to standard output (a pipe
    // cannot take the temporary-and-rename every export does), and the line saying what was written
    // goes to standard error.
    const bool toStdout = line.output == "-";
    std::filesystem::path spoolDir;
    if (toStdout) {
        std::string pattern = (std::filesystem::temp_directory_path() / "sipladder-export-XXXXXX").string();
        if (::mkdtemp(pattern.data()) == nullptr) {
            std::fprintf(stderr, "sipladder-cli: cannot create a temporary folder for the export to standard output\n");
            return cli::ExitUnwritableOutput;
        }
        spoolDir = pattern;
    }
    struct SpoolRemover {
        std::filesystem::path dir;
        ~SpoolRemover()
        {
            std::error_code ignored;
            if (!dir.empty())
                std::filesystem::remove_all(dir, ignored);
        }
    } spoolRemover { spoolDir };

    render::ExportRequest request;
    request.format = *format;
    request.redact = line.redact;
    request.outputPath = toStdout ? (spoolDir / ("export." + line.format)).string() : line.output;
    request.scope = scope.describe();
    const auto written = render::ReportExporter::write(snapshot, *diagnosis, selection.calls, request);
    if (!written) {
        std::fprintf(stderr, "sipladder-cli: %s\n", written.error().message.c_str());
        return written.error().code == core::ErrorCode::WriteFailed ? cli::ExitUnwritableOutput : cli::ExitFailure;
    }
    if (toStdout && !copyToStdout(request.outputPath)) {
        std::fprintf(stderr, "sipladder-cli: could not write the export to standard output\n");
        return cli::ExitUnwritableOutput;
    }
    const auto& stats = written.value();
    std::string what;
    switch (*format) {
    case render::ExportFormat::Pcap:
        what = plural(stats.messages, "SIP message") + " of " + plural(stats.calls, "call") + " in "
            + plural(stats.packets, "packet");
        break;
    case render::ExportFormat::Svg:
    case render::ExportFormat::Png:
        what = "the ladder of " + plural(stats.calls, "call") + " (" + plural(stats.messages, "SIP message") + ")";
        break;
    case render::ExportFormat::Pdf:
        what = "report of " + plural(stats.calls, "call") + " on " + plural(stats.pages, "page");
        break;
    default:
        what = std::string(render::exportFormatName(*format)) + " report of " + plural(stats.calls, "call") + " ("
            + plural(stats.messages, "SIP message") + ")";
        break;
    }
    std::fprintf(toStdout ? stderr : stdout, "%s: %s%s\n", toStdout ? "standard output" : line.output.c_str(),
        what.c_str(), line.redact ? ", redacted" : "");
    if (stats.unreadable > 0) {
        std::fprintf(stderr, "sipladder-cli: warning: %llu messages could not be read back and were left out\n",
            static_cast<unsigned long long>(stats.unreadable));
    }
    if (stats.rowsLeftOut > 0) {
        std::fprintf(stderr,
            "sipladder-cli: warning: the ladder is too long for one image; its last %llu rows were left out (svg "
            "and pdf hold all of it)\n",
            static_cast<unsigned long long>(stats.rowsLeftOut));
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
        return exportCalls(line, snapshot);
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
