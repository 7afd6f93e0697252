// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "load/capture_snapshot.h"

#include <cstdio>

namespace sipladder::core {

// `sipladder-cli summary --json`: files with warnings, totals, and every call, exactly the keys
// and formats of CONTRACT.md (plus a few extra keys, which the contract allows).
class SummaryJsonWriter {
public:
    // False when writing failed.
    static bool write(const CaptureSnapshot& snapshot, std::FILE* out);
};

} // namespace sipladder::core
