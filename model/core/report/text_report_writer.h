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

// The text report (`export --format txt`), for pasting into a ticket or a chat: a heading with the
// files and totals, one line per exported call, then per call its ASCII ladder with cause badges
// (TextLadderWriter) and the diagnosis of its failures as `sipladder-cli diagnose` prints them.
// Plain ASCII apart from what the trace holds; control characters become '?'.
class TextReportWriter {
public:
    static std::string render(const CaptureSnapshot& snapshot, const Diagnosis& diagnosis,
        std::span<const std::uint32_t> calls, const ReportOptions& options = {});
    // False when writing failed.
    static bool write(const CaptureSnapshot& snapshot, const Diagnosis& diagnosis, std::span<const std::uint32_t> calls,
        const ReportOptions& options, std::FILE* out);
};

} // namespace sipladder::core
