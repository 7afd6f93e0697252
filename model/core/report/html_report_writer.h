// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "analysis/diagnoser.h"
#include "layout/ladder_layout.h"
#include "load/capture_snapshot.h"
#include "report/report_options.h"

#include <cstdint>
#include <cstdio>
#include <functional>
#include <span>
#include <string>

namespace sipladder::core {

// Draws one call's ladder as an SVG document (the render library's painter, from the GUI or the
// CLI); the layout is already redacted when the report is. An empty string, or an SVG that holds
// anything active (scripts, event handlers, foreign objects), makes the report use the text ladder.
using LadderSvgProvider = std::function<std::string(const LadderLayout& layout)>;

struct HtmlReportOptions : ReportOptions {
    LadderSvgProvider ladderSvg; // empty: the text ladder in a <pre>
};

// The HTML report (`export --format html`, File › Export…): one self-contained file, with the
// stylesheet of resources/report inlined and no script, font, image or link to load. A summary of
// the trace (files, totals, a table of the exported calls with their state and diagnosis), then per
// call its ladder, the diagnosis of each failure (summary, explanation, evidence, the working call,
// the Request-URI and header diffs with the differing characters marked, what to check, what the
// capture cannot tell, references) and its raw messages in collapsible blocks.
//
// Every value from the trace is escaped (html_escape.h) and none is ever placed in an attribute;
// a Content-Security-Policy that allows no script backs that up. With redaction, every value goes
// through the export's Redactor first.
class HtmlReportWriter {
public:
    static std::string render(const CaptureSnapshot& snapshot, const Diagnosis& diagnosis,
        std::span<const std::uint32_t> calls, const HtmlReportOptions& options = {});
    // False when writing failed.
    static bool write(const CaptureSnapshot& snapshot, const Diagnosis& diagnosis, std::span<const std::uint32_t> calls,
        const HtmlReportOptions& options, std::FILE* out);

    // The SVG as it can go inline (from its <svg ...> tag to the end), or empty when it is not an SVG
    // or holds anything active.
    static std::string inlineSvg(std::string_view svg);
};

} // namespace sipladder::core
