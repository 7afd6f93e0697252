// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "analysis/diagnoser.h"
#include "load/capture_loader.h"

#include <cstdint>
#include <memory>
#include <optional>

namespace sipladder::models {

// What one load produced: the snapshot, every failure explained, and the diagnoser that explains a
// failure again against another working call. The diagnoser holds a reference to the snapshot, so
// the three live and die together (the snapshot is declared first: it is destroyed last). Shared
// read-only between the session, the models and the panels.
struct CaptureAnalysis {
    core::SnapshotPtr snapshot;
    std::unique_ptr<const core::Diagnoser> diagnoser;
    core::DiagnosisPtr diagnosis;

    // Explains a failed transaction against the chosen working call (nullopt: the best one); nullopt
    // when it is not a failure or nothing was diagnosed.
    std::optional<core::Failure> rediagnose(
        std::uint32_t transactionIndex, std::optional<std::uint32_t> baselineCall = std::nullopt) const
    {
        if (!diagnoser)
            return std::nullopt;
        return diagnoser->diagnose(transactionIndex, baselineCall);
    }
};

using CaptureAnalysisPtr = std::shared_ptr<const CaptureAnalysis>;

} // namespace sipladder::models
