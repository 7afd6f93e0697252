// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <vector>

namespace sipladder::testing {

struct ProcessResult {
    int exitCode = -1; // -1 when the process did not exit normally
    std::string out;
    std::string err;
};

struct ProcessOptions {
    std::string standardInput;
    // Run as the unprivileged "nobody" user (when started as root), to test permission errors.
    bool asNobody = false;
};

// Runs a program (argv[0] is its path) and collects its exit code and both output streams.
ProcessResult runProcess(const std::vector<std::string>& argv, const ProcessOptions& options = {});

} // namespace sipladder::testing
