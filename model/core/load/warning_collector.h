// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "load/input_file.h"
#include "net/dissector_limits.h"

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace sipladder::core {

// Collects one file's warnings; past a bound per kind, only counts them, and summarise() says how
// many more there were (a warning is never dropped silently).
class WarningCollector {
public:
    WarningCollector(InputFile& file, std::size_t maxPerKind);

    void add(const std::string& kind, std::optional<std::uint64_t> frame, std::string message);
    void add(const std::string& kind, std::optional<std::uint64_t> frame, std::optional<std::uint64_t> line,
        std::string message);
    // What the dissector had to drop or repair (fragments never completed, stream gaps...).
    void addStatistics(const DissectorStats& stats);
    void summarise();

private:
    InputFile& m_file;
    std::size_t m_maxPerKind;
    std::map<std::string, std::size_t> m_counts;
};

} // namespace sipladder::core
