// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "net/dissector_limits.h"

#include <cstddef>
#include <string>
#include <vector>

namespace sipladder::core {

struct LoadOptions {
    // One or several files, merged into one time line.
    std::vector<std::string> paths;
    // Names to report instead of the paths (same order), e.g. "-" for standard input copied to a temporary file.
    std::vector<std::string> displayNames;
    DissectorLimits limits;
    // Per file and kind, warnings beyond this are counted in one summary warning instead.
    std::size_t maxWarningsPerKind = 100;
};

} // namespace sipladder::core
