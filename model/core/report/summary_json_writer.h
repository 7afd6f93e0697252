// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "load/capture_snapshot.h"
#include "util/json_writer.h"

#include <cstdio>

namespace sipladder::core {

class Redactor;

// `sipladder-cli summary --json`: files with warnings, totals, and every call, exactly the keys
// and formats of CONTRACT.md (plus a few extra keys, which the contract allows).
class SummaryJsonWriter {
public:
    // False when writing failed.
    static bool write(const CaptureSnapshot& snapshot, std::FILE* out);

    // The pieces, for the reports (which add keys and may redact: `redactor` null writes values as
    // they are). "files": [...] and "totals": {...} with their keys; a call's keys without the braces.
    static void writeFiles(JsonWriter& json, const CaptureSnapshot& snapshot, Redactor* redactor = nullptr);
    static void writeTotals(JsonWriter& json, const CaptureSnapshot& snapshot);
    static void writeCallFields(
        JsonWriter& json, const CaptureSnapshot& snapshot, const CallFlow& call, Redactor* redactor = nullptr);
};

} // namespace sipladder::core
