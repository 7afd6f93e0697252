// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace sipladder::core {

// A problem with readable input: the frame (captures) or line (text logs) it concerns, when one does.
struct LoadWarning {
    std::optional<std::uint64_t> frame;
    std::optional<std::uint64_t> line;
    std::string message;
};

} // namespace sipladder::core
