// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "load/capture_snapshot.h"
#include "load/load_options.h"
#include "util/cancellation.h"
#include "util/progress.h"
#include "util/result.h"

#include <memory>

namespace sipladder::core {

using SnapshotPtr = std::shared_ptr<const CaptureSnapshot>;

// One pass over the inputs: read -> dissect -> reassemble -> frame -> parse -> group, then
// classify. Several files are merged by frame time into one time line. Pure core: callable from a
// worker thread, reports progress through the sink, honours the token between frames.
class CaptureLoader {
public:
    // Fails (naming the file) when any input cannot be read at all; a readable file with problems
    // loads with warnings. Returns ErrorCode::Cancelled when the token was set.
    static Result<SnapshotPtr> load(const LoadOptions& options, ProgressSink* progress = nullptr,
        const CancellationToken& token = CancellationToken());
};

} // namespace sipladder::core
