// SPDX-License-Identifier: Apache-2.0
#include "sip/name_addr.h"

#include "sip/header_names.h"
#include "sip/header_value.h"

namespace sipladder::core {

std::optional<std::string_view> NameAddr::lookupParameter(std::string_view name) const
{
    for (const auto& [paramName, value] : parameters) {
        if (equalsIgnoreCase(paramName, name))
            return value ? std::string_view(*value) : std::string_view();
    }
    return std::nullopt;
}

std::string_view findTag(std::string_view headerValue)
{
    return findParameter(headerValue, "tag").value_or(std::string_view());
}

NameAddr parseNameAddr(std::string_view headerValue)
{
    NameAddr result;
    std::string unfolded;
    std::string_view value = trimHeaderValue(headerValue);
    if (isFoldedValue(value)) {
        unfolded = unfoldHeaderValue(value);
        value = unfolded;
    }
    if (value == "*") {
        result.isWildcard = true;
        result.uriText.push_back('*'); // not operator=("*"): GCC 12 raises a false -Wrestrict there
        return result;
    }

    std::size_t pos = 0;
    std::string_view params;
    if (!value.empty() && value[0] == '"') {
        // quoted-string with quoted-pairs
        for (pos = 1; pos < value.size() && value[pos] != '"'; ++pos) {
            if (value[pos] == '\\' && pos + 1 < value.size())
                ++pos;
            result.displayName.push_back(value[pos]);
        }
        pos = pos < value.size() ? pos + 1 : pos;
        while (pos < value.size() && (value[pos] == ' ' || value[pos] == '\t'))
            ++pos;
    }
    const std::size_t open = findUnquoted(value.substr(pos), '<');
    if (open != std::string_view::npos) {
        if (result.displayName.empty())
            result.displayName = std::string(trimHeaderValue(value.substr(pos, open)));
        const std::size_t uriStart = pos + open + 1;
        const std::size_t close = value.find('>', uriStart);
        result.hasAngleBrackets = true;
        result.uriText = std::string(trimHeaderValue(value.substr(uriStart, close - uriStart)));
        if (close != std::string_view::npos)
            params = value.substr(close + 1);
    } else {
        // addr-spec: everything from the first ';' belongs to the header (RFC 3261 §20.10).
        const std::string_view spec = value.substr(pos);
        const std::size_t semicolon = spec.find(';');
        result.uriText = std::string(trimHeaderValue(spec.substr(0, semicolon)));
        if (semicolon != std::string_view::npos)
            params = spec.substr(semicolon);
    }
    result.uri = parseSipUri(result.uriText);
    forEachParameter(params, [&result](std::string_view name, std::optional<std::string_view> paramValue) {
        result.parameters.emplace_back(
            std::string(name), paramValue ? std::optional<std::string>(std::string(*paramValue)) : std::nullopt);
    });
    return result;
}

} // namespace sipladder::core
