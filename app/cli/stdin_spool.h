// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>

namespace sipladder::cli {

// Copies standard input to a temporary file the first time it is asked for, so that '-' can be
// loaded like any file and its messages read back by offset; the file is removed on destruction.
class StdinSpool {
public:
    StdinSpool() = default;
    ~StdinSpool();
    StdinSpool(const StdinSpool&) = delete;
    StdinSpool& operator=(const StdinSpool&) = delete;

    std::optional<std::string> path();
    const std::string& error() const { return m_error; }

private:
    std::string m_path;
    std::string m_error;
};

} // namespace sipladder::cli
