// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "analysis/diagnoser.h"
#include "load/capture_snapshot.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>

namespace sipladder::core {

// The readable `sipladder-cli diagnose`: one block per failure with its cause, summary, evidence,
// the working call it was compared with and how the Request-URIs differ, then what to check.
class DiagnosisTextWriter {
public:
    static bool write(const CaptureSnapshot& snapshot, const Diagnosis& diagnosis, std::FILE* out);

    // What a failure's block names besides the failure itself (the reports pass redacted Call-IDs).
    struct FailureContext {
        std::string_view callId;
        std::int64_t timeNs = 0; // of the final response, else of the request
        std::optional<std::string_view> baselineCallId; // with the failure's baseline
        std::int64_t baselineStartNs = 0;
    };
    // The block of one failure, numbered "#number", as `diagnose` prints it.
    static void appendFailure(
        std::string& out, std::size_t number, const Failure& failure, const FailureContext& context);
    // Control characters (but line feeds) as '?', so that terminal output stays on its lines.
    static std::string printable(std::string_view text);
    // The context of a failure of `snapshot`, its Call-IDs as they are.
    static FailureContext contextOf(const CaptureSnapshot& snapshot, const Failure& failure);
};

} // namespace sipladder::core
