// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "report/export_scope.h"
#include "util/result.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace sipladder::core {
class CaptureSnapshot;
class Diagnosis;
} // namespace sipladder::core

namespace sipladder::render {

// Every export format of `sipladder-cli export --format` and File › Export….
enum class ExportFormat { Html, Pdf, Svg, Png, Text, Json, Pcap };

// "html", "pdf", "svg", "png", "txt", "json", "pcap" (also the file extensions); nullopt otherwise.
std::optional<ExportFormat> parseExportFormat(std::string_view name);
std::string_view exportFormatName(ExportFormat format);

struct ExportRequest {
    ExportFormat format = ExportFormat::Html;
    bool redact = false;
    std::string outputPath;
    std::string title; // empty: "SipLadder report"
    std::string scope; // for the report heading (core::ExportScope::describe())
};

struct ExportStats {
    std::uint64_t calls = 0; // calls written
    std::uint64_t messages = 0; // SIP messages written (pcap) or shown
    std::uint64_t packets = 0; // pcap: frames written
    std::uint64_t pages = 0; // PDF pages; 0 for other formats
    std::uint64_t unreadable = 0; // messages that could not be read back and were left out
    std::uint64_t rowsLeftOut = 0; // png: ladder rows past what one image holds (see LadderImageWriter)
};

// Called now and then with work done / work in all (calls, or packets for pcap); returning false
// cancels the export (the result is then an error with ErrorCode::Cancelled and no file is left).
using ExportProgress = std::function<bool(std::uint64_t done, std::uint64_t total)>;

// Writes one export file: the calls given (call indexes, in call order; empty = no calls) in the
// requested format. SVG and PNG draw all the given calls as one ladder. The file is written to a
// temporary beside outputPath and renamed over it when complete, so a failure leaves nothing
// (ErrorCode::WriteFailed with a message naming the path when it cannot be written).
// Needs a QGuiApplication for the formats that paint (svg, png, pdf, and the SVG ladders of html).
// Thread-safe for different requests: the GUI runs it off the GUI thread.
class ReportExporter {
public:
    static core::Result<ExportStats> write(const core::CaptureSnapshot& snapshot, const core::Diagnosis& diagnosis,
        std::span<const std::uint32_t> calls, const ExportRequest& request, const ExportProgress& progress = {});
};

} // namespace sipladder::render
