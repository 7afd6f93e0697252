// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "load/capture_snapshot.h"

#include <cstdint>
#include <string>
#include <vector>

namespace sipladder::core {

// Which calls an export holds (`sipladder-cli export [--call ID]... [--failed]`, File › Export…):
// every call when nothing is asked for, else the calls named by Call-ID together with, with
// `failed`, the failed calls of CONTRACT.md (initial transaction a failure, cancelled included).
struct ExportScope {
    bool failed = false;
    std::vector<std::string> callIds;

    // "all", "failed", "2 calls", "failed + 1 call": for a report's heading.
    std::string describe() const;
};

struct ExportSelection {
    std::vector<std::uint32_t> calls; // call indexes in call order, each once
    std::vector<std::string> unknownCallIds; // asked for but not in the capture (a usage error for the CLI)
};

ExportSelection selectExportCalls(const CaptureSnapshot& snapshot, const ExportScope& scope);

// CONTRACT.md: a call is failed when its initial transaction is a failure, cancelled included.
bool isFailedCall(const CallFlow& call);

} // namespace sipladder::core
