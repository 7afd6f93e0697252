// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "load/capture_snapshot.h"

#include <cstdio>

namespace sipladder::core {

// The readable `sipladder-cli summary`: a headline with the totals, then one row per call with the
// columns a VoIP engineer scans (time, method, from, to, Request-URI, addresses, messages, final
// response, state). Long values are shortened with "..." to keep rows on one line.
class SummaryTableWriter {
public:
    static bool write(const CaptureSnapshot& snapshot, std::FILE* out);
};

} // namespace sipladder::core
