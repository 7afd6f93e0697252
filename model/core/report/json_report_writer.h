// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "analysis/diagnoser.h"
#include "load/capture_snapshot.h"
#include "report/report_options.h"

#include <cstdint>
#include <cstdio>
#include <span>
#include <string>

namespace sipladder::core {

// The JSON report (`export --format json`): the full analysis for tools.
//
//     {"report": {"title", "generator", "scope", "redacted", "exported_calls"},
//      "files": [...], "totals": {...},            the keys of `summary --json`
//      "calls": [{...the keys of a `summary --json` call...,
//                 "messages": [{"time", "frame", "line", "src", "dst", "transport", "start_line",
//                               "request", "retransmission", "duplicate", "malformed", "truncated",
//                               "sdp", "text"}],
//                 "failures": [...the elements of `diagnose --json` "failures"...]}]}
//
// "frame" is set for captures and "line" for text logs (the other is null); "text" is null when the
// message could not be read back. With redaction every trace value is redacted, keys and counts
// are not.
class JsonReportWriter {
public:
    static std::string render(const CaptureSnapshot& snapshot, const Diagnosis& diagnosis,
        std::span<const std::uint32_t> calls, const ReportOptions& options = {});
    // False when writing failed.
    static bool write(const CaptureSnapshot& snapshot, const Diagnosis& diagnosis, std::span<const std::uint32_t> calls,
        const ReportOptions& options, std::FILE* out);
};

} // namespace sipladder::core
