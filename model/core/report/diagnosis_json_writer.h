// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "analysis/diagnoser.h"
#include "load/capture_snapshot.h"
#include "util/json_writer.h"

#include <cstdio>
#include <optional>
#include <string_view>

namespace sipladder::core {

// `sipladder-cli diagnose --json`: every failure with its cause, evidence, working call and
// Request-URI diff, with the keys and formats of CONTRACT.md (plus a few extra keys, which the
// contract allows: title, explanation, fixes, references, uncertainties, q850_cause, initial,
// header_diffs, and characters for differing URI components).
class DiagnosisJsonWriter {
public:
    static bool write(const CaptureSnapshot& snapshot, const Diagnosis& diagnosis, std::FILE* out);

    // One element of "failures", with the Call-IDs given (the reports pass redacted ones).
    static void writeFailure(JsonWriter& json, const Failure& failure, std::string_view callId,
        std::optional<std::string_view> baselineCallId);
};

} // namespace sipladder::core
