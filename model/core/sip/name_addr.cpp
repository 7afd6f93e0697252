// SPDX-License-Identifier: Apache-2.0
#include "sip/name_addr.h"

#include "sip/byte_scan.h"
#include "sip/header_names.h"
#include "sip/header_value.h"

#include <bit>

namespace sipladder::core {

std::optional<std::string_view> NameAddr::lookupParameter(std::string_view name) const
{
    for (const auto& [paramName, value] : parameters) {
        if (equalsIgnoreCase(paramName, name))
            return value ? std::string_view(*value) : std::string_view();
    }
    return std::nullopt;
}

namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

} // namespace

// findParameter(headerValue, "tag") fused into one pass: it runs twice for every message.
std::string_view findTag(std::string_view headerValue)
{
    const char* const begin = headerValue.data();
    const char* const end = begin + headerValue.size();

    // The first ';' outside quotes and <...>, unless an unquoted ',' ends the value first. Every
    // special character of a 16-byte block comes from one load.
    const char* p = begin;
    const char* semicolon = nullptr;
    int angle = 0;
    while (semicolon == nullptr) {
        if (p >= end)
            return {};
        unsigned mask = detail::valueSpecialMask(begin, p, end);
        const char* next = end - p >= 16 ? p + 16 : end;
        for (; mask != 0; mask &= mask - 1) {
            const char* const at = p + std::countr_zero(mask);
            const char c = *at;
            if (c == '"') {
                next = detail::skipQuotedString(begin, at, end);
                break;
            }
            if (angle == 0 && c == ';') {
                semicolon = at;
                break;
            }
            if (angle == 0 && c == ',')
                return {};
            if (c == '<')
                ++angle;
            else if (c == '>' && angle > 0)
                --angle;
        }
        p = next;
    }
    p = semicolon;

    // ";name[=value]" parameters up to an unquoted ','; the first one named tag wins.
    while (p < end && *p == ';') {
        ++p;
        while (p < end && isSpace(*p))
            ++p;
        const char* const nameStart = p;
        while (p < end && *p != '=' && *p != ';' && *p != ',' && !isSpace(*p))
            ++p;
        const bool isTag = p - nameStart == 3 && (nameStart[0] | 0x20) == 't' && (nameStart[1] | 0x20) == 'a'
            && (nameStart[2] | 0x20) == 'g';
        while (p < end && isSpace(*p))
            ++p;
        std::string_view value;
        if (p < end && *p == '=') {
            ++p;
            while (p < end && isSpace(*p))
                ++p;
            const char* const valueStart = p;
            p = detail::findUnquoted<true>(begin, p, end);
            value = trimHeaderValue(std::string_view(valueStart, static_cast<std::size_t>(p - valueStart)));
        }
        if (isTag)
            return value;
        if (p < end && *p != ';' && *p != ',')
            p = detail::findUnquoted<true>(begin, p, end);
    }
    return {};
}

namespace {

// Where the parts of a trimmed, unfolded name-addr or addr-spec value lie.
struct NameAddrLayout {
    std::optional<std::string_view> quotedName; // inside the quotes, escapes kept
    std::string_view bareName; // an unquoted display name before '<', untrimmed
    std::string_view uriText; // trimmed
    std::string_view params; // header parameters, from their first ';'
    bool hasAngleBrackets = false;
};

NameAddrLayout layoutOf(std::string_view value)
{
    NameAddrLayout layout;
    std::size_t pos = 0;
    if (!value.empty() && value[0] == '"') {
        // quoted-string with quoted-pairs
        for (pos = 1; pos < value.size() && value[pos] != '"'; ++pos) {
            if (value[pos] == '\\' && pos + 1 < value.size())
                ++pos;
        }
        layout.quotedName = value.substr(1, std::min(pos, value.size()) - 1);
        pos = pos < value.size() ? pos + 1 : pos;
        while (pos < value.size() && (value[pos] == ' ' || value[pos] == '\t'))
            ++pos;
    }
    const std::size_t open = findUnquoted(value.substr(pos), '<');
    if (open != std::string_view::npos) {
        layout.bareName = value.substr(pos, open);
        const std::size_t uriStart = pos + open + 1;
        const std::size_t close = value.find('>', uriStart);
        layout.hasAngleBrackets = true;
        layout.uriText = trimHeaderValue(value.substr(uriStart, close - uriStart));
        if (close != std::string_view::npos)
            layout.params = value.substr(close + 1);
    } else {
        // addr-spec: everything from the first ';' belongs to the header (RFC 3261 §20.10).
        const std::string_view spec = value.substr(pos);
        const std::size_t semicolon = spec.find(';');
        layout.uriText = trimHeaderValue(spec.substr(0, semicolon));
        if (semicolon != std::string_view::npos)
            layout.params = spec.substr(semicolon);
    }
    return layout;
}

} // namespace

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

    const NameAddrLayout layout = layoutOf(value);
    if (layout.quotedName) {
        const std::string_view quoted = *layout.quotedName;
        for (std::size_t i = 0; i < quoted.size(); ++i) {
            if (quoted[i] == '\\' && i + 1 < quoted.size())
                ++i;
            result.displayName.push_back(quoted[i]);
        }
    }
    if (layout.hasAngleBrackets && result.displayName.empty())
        result.displayName = std::string(trimHeaderValue(layout.bareName));
    result.hasAngleBrackets = layout.hasAngleBrackets;
    result.uriText = std::string(layout.uriText);
    result.uri = parseSipUri(result.uriText);
    forEachParameter(layout.params, [&result](std::string_view name, std::optional<std::string_view> paramValue) {
        result.parameters.emplace_back(
            std::string(name), paramValue ? std::optional<std::string>(std::string(*paramValue)) : std::nullopt);
    });
    return result;
}

std::optional<std::string_view> nameAddrUriText(std::string_view headerValue)
{
    const std::string_view value = trimHeaderValue(headerValue);
    if (isFoldedValue(value))
        return std::nullopt;
    if (value == "*")
        return std::string_view();
    return layoutOf(value).uriText;
}

} // namespace sipladder::core
