// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "util/result.h"

#include <optional>
#include <string>

namespace sipladder::core {

class CaptureSnapshot;

// Whether an export may write `outputPath`. Exports write a temporary beside it and rename it over
// it at the end, which would turn a device or a pipe into a plain file (as root, /dev/null or
// /dev/full), and would replace one of the inputs with the report about it: both are refused.
// nullopt when the path is fine (absent, or an existing regular file that is none of the snapshot's
// input files).
std::optional<Error> checkOutputTarget(const std::string& outputPath, const CaptureSnapshot& inputs);

} // namespace sipladder::core
