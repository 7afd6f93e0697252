// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "analysis/diagnoser.h"
#include "load/capture_snapshot.h"

#include <cstdio>

namespace sipladder::core {

// The readable `sipladder-cli diagnose`: one block per failure with its cause, summary, evidence,
// the working call it was compared with and how the Request-URIs differ, then what to check.
class DiagnosisTextWriter {
public:
    static bool write(const CaptureSnapshot& snapshot, const Diagnosis& diagnosis, std::FILE* out);
};

} // namespace sipladder::core
