// SPDX-License-Identifier: Apache-2.0
#include "analysis/reason_header.h"

#include "sip/header_value.h"

#include <charconv>

namespace sipladder::core {

bool ReasonValue::isQ850() const
{
    if (protocol.size() != 5)
        return false;
    return (protocol[0] == 'Q' || protocol[0] == 'q') && protocol.substr(1) == ".850";
}

ReasonValue parseReasonValue(std::string_view value)
{
    ReasonValue reason;
    value = trimHeaderValue(value);
    reason.raw = std::string(value);
    const auto semicolon = value.find(';');
    reason.protocol = std::string(trimHeaderValue(value.substr(0, semicolon)));
    if (semicolon == std::string_view::npos)
        return reason;
    const auto params = value.substr(semicolon);
    if (const auto cause = findParameter(params, "cause")) {
        const auto digits = unquote(*cause);
        int number = 0;
        const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), number);
        if (error == std::errc() && end == digits.data() + digits.size() && number >= 0 && number < 1000)
            reason.cause = number;
    }
    if (const auto text = findParameter(params, "text"))
        reason.text = std::string(unquote(*text));
    return reason;
}

std::optional<ReasonValue> firstQ850(const std::vector<std::string>& reasonValues)
{
    for (const auto& value : reasonValues) {
        // Reason is a comma list, but a stack may have put several values in one header line.
        std::optional<ReasonValue> found;
        forEachListItem(value, [&](std::string_view item) {
            auto reason = parseReasonValue(item);
            if (reason.isQ850() && reason.cause) {
                found = std::move(reason);
                return false;
            }
            return true;
        });
        if (found)
            return found;
    }
    return std::nullopt;
}

} // namespace sipladder::core
