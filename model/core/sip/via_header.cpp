// SPDX-License-Identifier: Apache-2.0
#include "sip/via_header.h"

#include "sip/header_value.h"

#include <algorithm>

namespace sipladder::core {

namespace {

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

std::size_t skipSpace(std::string_view text, std::size_t pos)
{
    while (pos < text.size() && isSpace(text[pos]))
        ++pos;
    return pos;
}

// A protocol element: stops at '/', whitespace, ';' or ','.
std::size_t scanElement(std::string_view text, std::size_t pos)
{
    while (pos < text.size()) {
        const char c = text[pos];
        if (c == '/' || c == ';' || c == ',' || isSpace(c))
            break;
        ++pos;
    }
    return pos;
}

std::optional<std::uint16_t> parsePort(std::string_view digits)
{
    if (digits.empty() || digits.size() > 5)
        return std::nullopt;
    std::uint32_t value = 0;
    for (char c : digits) {
        if (c < '0' || c > '9')
            return std::nullopt;
        value = value * 10 + static_cast<std::uint32_t>(c - '0');
    }
    if (value > 65535)
        return std::nullopt;
    return static_cast<std::uint16_t>(value);
}

} // namespace

std::optional<std::string_view> ViaHeader::parameter(std::string_view name) const
{
    return findParameter(parameters, name);
}

ViaHeader parseViaHeader(std::string_view value)
{
    ViaHeader via;
    std::size_t pos = skipSpace(value, 0);

    std::size_t end = scanElement(value, pos);
    via.protocolName = value.substr(pos, end - pos);
    pos = skipSpace(value, end);
    bool protocolOk = !via.protocolName.empty() && pos < value.size() && value[pos] == '/';
    if (protocolOk) {
        pos = skipSpace(value, pos + 1);
        end = scanElement(value, pos);
        via.protocolVersion = value.substr(pos, end - pos);
        pos = skipSpace(value, end);
        protocolOk = !via.protocolVersion.empty() && pos < value.size() && value[pos] == '/';
    }
    if (protocolOk) {
        pos = skipSpace(value, pos + 1);
        end = scanElement(value, pos);
        via.transport = value.substr(pos, end - pos);
        pos = skipSpace(value, end);
        protocolOk = !via.transport.empty();
    }
    if (!protocolOk) {
        nextListItem(value, 0, via.text);
        return via;
    }

    const std::size_t sentByStart = pos;
    std::size_t sentByEnd = pos;
    if (pos < value.size() && value[pos] == '[') {
        const std::size_t close = value.find(']', pos);
        if (close == std::string_view::npos
            || value.substr(pos, close - pos).find_first_of(";,") != std::string_view::npos) {
            nextListItem(value, 0, via.text);
            return via;
        }
        via.host = value.substr(pos + 1, close - pos - 1);
        via.hostIsIpv6Reference = true;
        pos = close + 1;
    } else {
        end = pos;
        std::size_t colons = 0;
        while (end < value.size() && value[end] != ';' && value[end] != ',' && !isSpace(value[end]))
            colons += value[end++] == ':' ? 1 : 0;
        if (colons >= 2) {
            // Unbracketed IPv6, seen from real devices; tolerated rather than flagged.
            const HostPort bare = splitHostPort(value.substr(pos, end - pos));
            via.host = bare.host;
            via.port = bare.port;
            if (!bare.valid)
                via.host = {};
            pos = end;
        } else {
            end = pos;
            while (end < value.size() && value[end] != ':' && value[end] != ';' && value[end] != ','
                && !isSpace(value[end]))
                ++end;
            via.host = value.substr(pos, end - pos);
            pos = end;
        }
    }
    sentByEnd = pos;
    const std::size_t afterHost = skipSpace(value, pos);
    bool portOk = true;
    if (afterHost < value.size() && value[afterHost] == ':' && !via.port) {
        const std::size_t portStart = skipSpace(value, afterHost + 1);
        end = portStart;
        while (end < value.size() && value[end] >= '0' && value[end] <= '9')
            ++end;
        via.port = parsePort(value.substr(portStart, end - portStart));
        portOk = via.port.has_value();
        sentByEnd = end;
        pos = end;
    }
    via.sentBy = value.substr(sentByStart, sentByEnd - sentByStart);

    // One pass to the end of this via-parm (an unquoted comma starts the next one), noting where
    // the parameters begin.
    std::size_t semicolon = std::string_view::npos;
    std::size_t stop = value.size();
    for (std::size_t i = pos; i < value.size(); ++i) {
        const char c = value[i];
        if (c == '"') {
            while (++i < value.size() && value[i] != '"')
                i += value[i] == '\\' ? 1 : 0;
        } else if (c == ',') {
            stop = i;
            break;
        } else if (c == ';' && semicolon == std::string_view::npos) {
            semicolon = i;
        }
    }
    via.text = trimHeaderValue(value.substr(0, stop));
    if (semicolon != std::string_view::npos)
        via.parameters = trimHeaderValue(value.substr(semicolon, stop - semicolon));
    if (auto branch = findParameter(via.parameters, "branch"))
        via.branch = *branch;
    // Anything other than whitespace between sent-by and the parameters is junk.
    const bool tailOk = trimHeaderValue(value.substr(pos, std::min(semicolon, stop) - pos)).empty();
    via.valid = !via.host.empty() && portOk && tailOk;
    return via;
}

} // namespace sipladder::core
