// SPDX-License-Identifier: Apache-2.0
#include "report/export_scope.h"

#include <algorithm>
#include <string_view>
#include <unordered_map>

namespace sipladder::core {

bool isFailedCall(const CallFlow& call)
{
    return call.state == CallState::Failed || call.state == CallState::Cancelled;
}

std::string ExportScope::describe() const
{
    if (!failed && callIds.empty())
        return "all calls";
    std::string text = failed ? "failed calls" : "";
    if (!callIds.empty()) {
        if (!text.empty())
            text += " + ";
        // "--call X --call X" names one call.
        std::vector<std::string> distinct(callIds.begin(), callIds.end());
        std::sort(distinct.begin(), distinct.end());
        const auto count = static_cast<std::size_t>(std::unique(distinct.begin(), distinct.end()) - distinct.begin());
        text += std::to_string(count) + (count == 1 ? " call" : " calls") + " by Call-ID";
    }
    return text;
}

ExportSelection selectExportCalls(const CaptureSnapshot& snapshot, const ExportScope& scope)
{
    ExportSelection selection;
    const auto& calls = snapshot.calls();
    std::vector<bool> chosen(calls.size(), scope.callIds.empty() && !scope.failed);
    if (!scope.callIds.empty()) {
        std::unordered_map<std::string_view, std::uint32_t> byCallId;
        byCallId.reserve(calls.size());
        for (std::uint32_t i = 0; i < calls.size(); ++i)
            byCallId.emplace(snapshot.callId(calls[i]), i);
        for (const auto& id : scope.callIds) {
            const auto found = byCallId.find(id);
            if (found == byCallId.end()) {
                if (std::find(selection.unknownCallIds.begin(), selection.unknownCallIds.end(), id)
                    == selection.unknownCallIds.end())
                    selection.unknownCallIds.push_back(id);
            } else {
                chosen[found->second] = true;
            }
        }
    }
    for (std::uint32_t i = 0; i < calls.size(); ++i) {
        if (chosen[i] || (scope.failed && isFailedCall(calls[i])))
            selection.calls.push_back(i);
    }
    return selection;
}

} // namespace sipladder::core
