// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "analysis/diagnoser.h"
#include "load/capture_snapshot.h"
#include "report/report_options.h"
#include "util/result.h"

#include <cstdint>
#include <functional>
#include <span>

class QIODevice;

namespace sipladder::render {

struct PdfReportOptions : core::ReportOptions {
    // Called with calls done / calls in all; returning false cancels (ErrorCode::Cancelled).
    std::function<bool(std::uint64_t done, std::uint64_t total)> progress;
};

struct PdfReportStats {
    std::uint64_t pages = 0;
    std::uint64_t messages = 0; // raw messages printed
    std::uint64_t unreadable = 0; // messages that could not be read back from their file
};

// The PDF report (`export --format pdf`, File › Export…), A4 portrait: the content of the HTML
// report (title, summary of the trace with its findings and files, the table of exported calls;
// per call its facts, its ladder with the failures highlighted and badged, the diagnosis of each
// failure with its evidence, the working call, the Request-URI and header diffs with the differing
// characters marked, what to check, what the capture cannot tell, references, and the raw
// messages). Paginated: long ladders go on across pages with the lifeline header repeated on each,
// tables repeat their heading row, and every page has a footer with its number.
//
// Text is drawn as text (QTextLayout lines, the ladder through LadderPainter), so readers can select
// and search it and pdftotext extracts it. Values from the trace come from core::ReportSource, so
// redaction applies to everything. Needs a QGuiApplication (fonts); any thread.
class PdfReportWriter {
public:
    static core::Result<PdfReportStats> write(const core::CaptureSnapshot& snapshot, const core::Diagnosis& diagnosis,
        std::span<const std::uint32_t> calls, QIODevice& out, const PdfReportOptions& options = {});
};

} // namespace sipladder::render
