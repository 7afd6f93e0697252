// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "layout/ladder_layout.h"
#include "load/capture_snapshot.h"

#include <cstddef>
#include <string>

namespace sipladder::core {

struct TextLadderOptions {
    // Arrow labels longer than this are shortened with "..." (the marks at the line end stay).
    std::size_t maxLabelLength = 48;
};

// A deterministic plain-ASCII ladder of a LadderLayout, for golden tests and the text export:
//
//     10:00:16.000 +0.000       |-----INVITE (SDP)---->|  [ERR]
//     10:00:16.020 +0.020       |<----100 Trying-------|
//
// One lifeline per column, arrows between the right lifelines (`~` for ICMP errors, a two-line
// loop for a message to itself), the time of day and the delta since the previous row on the left,
// and marks at the line end: `[ERR]` (failure), `[cancel]` (caller's own cancel), `[challenge]`,
// `(retx)` (retransmission), `(xN)` (N copies folded), `(malformed)`.
class TextLadderWriter {
public:
    // The ladder alone: the lifeline labels, then one line per row.
    static std::string write(const LadderLayout& layout, const TextLadderOptions& options = {});
    // The same under one title line per call drawn: "[1] Call-ID ... INVITE sip:... -> 404 Not Found (failed)".
    // Rows carry their call's "[n]" when several calls are drawn.
    static std::string write(
        const LadderLayout& layout, const CaptureSnapshot& snapshot, const TextLadderOptions& options = {});

private:
    static std::string render(
        const LadderLayout& layout, const CaptureSnapshot* snapshot, const TextLadderOptions& options);
};

} // namespace sipladder::core
