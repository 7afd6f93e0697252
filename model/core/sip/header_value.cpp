// SPDX-License-Identifier: Apache-2.0
#include "sip/header_value.h"

#include "sip/header_names.h"

#include <array>

namespace sipladder::core {

namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// The characters that structure a header value; everything else is skipped with one table load,
// which is what keeps the per-message parameter scans (tags, branch) cheap.
constexpr std::array<bool, 256> makeSpecialTable()
{
    std::array<bool, 256> table {};
    for (char c : std::string_view("\"<>;,"))
        table[static_cast<unsigned char>(c)] = true;
    return table;
}
constexpr auto kSpecial = makeSpecialTable();

inline bool isSpecial(char c)
{
    return kSpecial[static_cast<unsigned char>(c)];
}

bool isBlank(char c)
{
    return c == ' ' || c == '\t';
}

// Skips a quoted string starting at `pos` (which holds '"'); returns the position after the closing
// quote, or text.size() when it never closes.
std::size_t skipQuoted(std::string_view text, std::size_t pos)
{
    for (++pos; pos < text.size(); ++pos) {
        if (text[pos] == '\\')
            ++pos;
        else if (text[pos] == '"')
            return pos + 1;
    }
    return text.size();
}

} // namespace

bool isFoldedValue(std::string_view value)
{
    return value.find('\n') != std::string_view::npos || value.find('\r') != std::string_view::npos;
}

std::string unfoldHeaderValue(std::string_view value)
{
    value = trimHeaderValue(value);
    std::string out;
    out.reserve(value.size());
    for (std::size_t i = 0; i < value.size(); ++i) {
        const char c = value[i];
        if (c != '\r' && c != '\n') {
            out.push_back(c);
            continue;
        }
        while (!out.empty() && isBlank(out.back()))
            out.pop_back();
        while (i + 1 < value.size() && isSpace(value[i + 1]))
            ++i;
        out.push_back(' ');
    }
    return out;
}

std::size_t nextListItem(std::string_view value, std::size_t pos, std::string_view& item)
{
    const std::size_t start = pos;
    int angle = 0;
    while (pos < value.size()) {
        const char c = value[pos];
        if (!isSpecial(c)) {
            ++pos;
            continue;
        }
        if (c == '"') {
            pos = skipQuoted(value, pos);
            continue;
        }
        if (c == '<') {
            ++angle;
        } else if (c == '>') {
            if (angle > 0)
                --angle;
        } else if (c == ',' && angle == 0) {
            item = trimHeaderValue(value.substr(start, pos - start));
            return pos + 1;
        }
        ++pos;
    }
    item = trimHeaderValue(value.substr(start));
    return value.size();
}

std::size_t findUnquoted(std::string_view text, char wanted)
{
    int angle = 0;
    std::size_t pos = 0;
    while (pos < text.size()) {
        const char c = text[pos];
        if (c == wanted && angle == 0)
            return pos;
        if (!isSpecial(c)) {
            ++pos;
            continue;
        }
        if (c == '"') {
            pos = skipQuoted(text, pos);
            continue;
        }
        if (c == '<')
            ++angle;
        else if (c == '>' && angle > 0)
            --angle;
        ++pos;
    }
    return std::string_view::npos;
}

HostPort splitHostPort(std::string_view text)
{
    HostPort result;
    auto parsePort = [](std::string_view digits) -> std::optional<std::uint16_t> {
        if (digits.empty() || digits.size() > 5)
            return std::nullopt;
        std::uint32_t value = 0;
        for (char c : digits) {
            if (c < '0' || c > '9')
                return std::nullopt;
            value = value * 10 + static_cast<std::uint32_t>(c - '0');
        }
        return value <= 65535 ? std::optional<std::uint16_t>(static_cast<std::uint16_t>(value)) : std::nullopt;
    };
    std::string_view portText;
    bool hasPort = false;
    if (!text.empty() && text.front() == '[') {
        const std::size_t close = text.find(']');
        if (close == std::string_view::npos)
            return result;
        result.host = text.substr(1, close - 1);
        result.ipv6 = true;
        result.bracketed = true;
        const std::string_view rest = text.substr(close + 1);
        if (!rest.empty()) {
            if (rest.front() != ':')
                return result;
            hasPort = true;
            portText = rest.substr(1);
        }
    } else {
        std::size_t colons = 0;
        std::size_t lastColon = 0;
        for (std::size_t i = 0; i < text.size(); ++i) {
            if (text[i] == ':') {
                ++colons;
                lastColon = i;
            }
        }
        result.ipv6 = colons >= 2;
        if (colons == 1 || colons >= 8) {
            hasPort = true;
            result.host = text.substr(0, lastColon);
            portText = text.substr(lastColon + 1);
        } else {
            result.host = text;
        }
    }
    if (hasPort) {
        result.port = parsePort(portText);
        if (!result.port)
            return result;
    }
    result.valid = !result.host.empty();
    return result;
}

namespace detail {

std::size_t firstParameter(std::string_view params)
{
    int angle = 0;
    std::size_t pos = 0;
    while (pos < params.size()) {
        const char c = params[pos];
        if (!isSpecial(c)) {
            ++pos;
            continue;
        }
        if (c == '"') {
            pos = skipQuoted(params, pos);
            continue;
        }
        if (angle == 0 && c == ';')
            return pos;
        if (angle == 0 && c == ',')
            return std::string_view::npos;
        if (c == '<')
            ++angle;
        else if (c == '>' && angle > 0)
            --angle;
        ++pos;
    }
    return std::string_view::npos;
}

std::size_t nextParameter(
    std::string_view params, std::size_t pos, std::string_view& name, std::optional<std::string_view>& value)
{
    const std::size_t size = params.size();
    ++pos; // the ';'
    while (pos < size && isSpace(params[pos]))
        ++pos;
    const std::size_t nameStart = pos;
    while (pos < size && params[pos] != '=' && params[pos] != ';' && params[pos] != ',' && !isSpace(params[pos]))
        ++pos;
    name = params.substr(nameStart, pos - nameStart);
    value.reset();
    while (pos < size && isSpace(params[pos]))
        ++pos;
    if (pos < size && params[pos] == '=') {
        ++pos;
        while (pos < size && isSpace(params[pos]))
            ++pos;
        const std::size_t valueStart = pos;
        while (pos < size && params[pos] != ';' && params[pos] != ',') {
            if (params[pos] == '"')
                pos = skipQuoted(params, pos);
            else
                ++pos;
        }
        value = trimHeaderValue(params.substr(valueStart, pos - valueStart));
    }
    // Skip junk up to the next separator ("; a b=c" keeps going at the next ';').
    while (pos < size && params[pos] != ';' && params[pos] != ',') {
        if (params[pos] == '"')
            pos = skipQuoted(params, pos);
        else
            ++pos;
    }
    if (pos < size && params[pos] == ';')
        return pos;
    return std::string_view::npos;
}

} // namespace detail

std::optional<std::string_view> findParameter(std::string_view params, std::string_view name)
{
    std::size_t pos = detail::firstParameter(params);
    while (pos != std::string_view::npos) {
        std::string_view paramName;
        std::optional<std::string_view> paramValue;
        pos = detail::nextParameter(params, pos, paramName, paramValue);
        if (equalsIgnoreCase(paramName, name))
            return paramValue ? *paramValue : std::string_view();
    }
    return std::nullopt;
}

std::string_view unquote(std::string_view text)
{
    if (text.size() >= 2 && text.front() == '"' && text.back() == '"')
        return text.substr(1, text.size() - 2);
    return text;
}

std::string_view mediaTypeOf(std::string_view contentType)
{
    std::size_t end = 0;
    while (end < contentType.size() && contentType[end] != ';')
        ++end;
    return trimHeaderValue(contentType.substr(0, end));
}

} // namespace sipladder::core
