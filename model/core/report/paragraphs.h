// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string_view>
#include <vector>

namespace sipladder::core {

// An explanation text as the reports lay it out: paragraphs split at blank lines (leading line ends
// and spaces dropped, empty ones skipped), each a list of its lines.
inline std::vector<std::vector<std::string_view>> splitParagraphs(std::string_view value)
{
    std::vector<std::vector<std::string_view>> out;
    std::size_t pos = 0;
    while (pos <= value.size()) {
        auto end = value.find("\n\n", pos);
        if (end == std::string_view::npos)
            end = value.size();
        auto paragraph = value.substr(pos, end - pos);
        while (!paragraph.empty() && (paragraph.front() == '\n' || paragraph.front() == ' '))
            paragraph.remove_prefix(1);
        if (!paragraph.empty()) {
            auto& lines = out.emplace_back();
            std::size_t line = 0;
            while (line <= paragraph.size()) {
                auto lineEnd = paragraph.find('\n', line);
                if (lineEnd == std::string_view::npos)
                    lineEnd = paragraph.size();
                lines.push_back(paragraph.substr(line, lineEnd - line));
                line = lineEnd + 1;
            }
        }
        pos = end + 2;
    }
    return out;
}

} // namespace sipladder::core
