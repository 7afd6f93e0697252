// SPDX-License-Identifier: Apache-2.0
#include "load/warning_collector.h"

namespace sipladder::core {

WarningCollector::WarningCollector(InputFile& file, std::size_t maxPerKind)
    : m_file(file)
    , m_maxPerKind(maxPerKind)
{
}

void WarningCollector::add(const std::string& kind, std::optional<std::uint64_t> frame, std::string message)
{
    add(kind, frame, std::nullopt, std::move(message));
}

void WarningCollector::add(const std::string& kind, std::optional<std::uint64_t> frame,
    std::optional<std::uint64_t> line, std::string message)
{
    auto& count = m_counts[kind];
    if (++count <= m_maxPerKind)
        m_file.warnings.push_back(LoadWarning{frame, line, std::move(message)});
}

void WarningCollector::addStatistics(const DissectorStats& stats)
{
    auto note = [&](std::uint64_t count, const std::string& text) {
        if (count > 0)
            add("statistics", std::nullopt, std::to_string(count) + " " + text);
    };
    note(stats.ipDatagramsEvicted, "fragmented IP datagrams dropped incomplete (reassembly bound or time-out)");
    note(stats.ipDatagramsIncompleteAtEnd, "fragmented IP datagrams still incomplete at the end of the file");
    note(stats.tcpGaps, "gaps in TCP streams (bytes not captured); SIP framing resynchronised after each");
    note(stats.tcpStreamsEvicted, "TCP stream directions evicted by the stream bound");
    note(stats.hepDecompressionFailures, "compressed HEP payloads could not be inflated");
    note(stats.unsupportedLinkTypeFrames, "frames with an unsupported link type were skipped");
}

void WarningCollector::summarise()
{
    for (const auto& [kind, count] : m_counts) {
        if (count > m_maxPerKind) {
            m_file.warnings.push_back(LoadWarning{
                std::nullopt, std::nullopt, std::to_string(count - m_maxPerKind) + " more " + kind + " warnings not listed"});
        }
    }
}

} // namespace sipladder::core
