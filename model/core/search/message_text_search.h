// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "load/capture_snapshot.h"
#include "util/cancellation.h"
#include "util/progress.h"
#include "util/result.h"

#include <cstdint>
#include <string_view>
#include <vector>

namespace sipladder::core {

struct MessageTextSearchResult {
    std::vector<std::uint32_t> calls; // ascending call indexes with at least one matching message
    std::uint64_t messagesSearched = 0; // read back and searched
    std::uint64_t messagesUnreadable = 0; // their file is gone or changed since the load
};

// Searches the raw text of every message of a snapshot (read back from the files, never held in
// memory) for a needle, case-insensitively for ASCII letters; other bytes match exactly. Reads go
// in file and offset order, so the files are read sequentially. Duplicates (the same bytes as their
// first copy) and the messages of calls already matched are not read again. Pure core: runs on a
// worker thread, reports progress (bytesDone/bytesTotal over the messages' bytes, framesDone =
// messages, callsSoFar = calls matched) and honours the token every few hundred messages.
class MessageTextSearch {
public:
    // An empty needle matches no call. Returns ErrorCode::Cancelled when the token was set.
    static Result<MessageTextSearchResult> run(const CaptureSnapshot& snapshot, std::string_view needle,
        ProgressSink* progress = nullptr, const CancellationToken& token = CancellationToken());
};

} // namespace sipladder::core
