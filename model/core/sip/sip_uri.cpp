// SPDX-License-Identifier: Apache-2.0
#include "sip/sip_uri.h"

#include "sip/header_names.h"
#include "sip/header_value.h"

namespace sipladder::core {

namespace {

bool isAlpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

bool isHexDigit(char c)
{
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

bool hasWhitespaceOrControl(std::string_view text)
{
    for (char c : text) {
        if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f)
            return true;
    }
    return false;
}

// Host names and IPv4 addresses (underscores are invalid but common enough to accept).
bool isPlausibleHostName(std::string_view host)
{
    if (host.empty())
        return false;
    for (char c : host) {
        if (!isAlpha(c) && !isDigit(c) && c != '-' && c != '.' && c != '_')
            return false;
    }
    return true;
}

bool isPlausibleIpv6(std::string_view host)
{
    if (host.find(':') == std::string_view::npos)
        return false;
    for (char c : host) {
        if (!isHexDigit(c) && c != ':' && c != '.')
            return false;
    }
    return true;
}

// The first of the characters of `set` in `text` from `from` on, or npos. Not
// string_view::find_first_of, which calls memchr once for every character it passes.
std::size_t findFirstOf(std::string_view text, std::string_view set, std::size_t from = 0)
{
    for (std::size_t i = from; i < text.size(); ++i) {
        for (const char c : set) {
            if (text[i] == c)
                return i;
        }
    }
    return std::string_view::npos;
}

std::optional<std::uint16_t> parsePort(std::string_view digits)
{
    if (digits.empty() || digits.size() > 5)
        return std::nullopt;
    std::uint32_t value = 0;
    for (char c : digits) {
        if (!isDigit(c))
            return std::nullopt;
        value = value * 10 + static_cast<std::uint32_t>(c - '0');
    }
    if (value > 65535)
        return std::nullopt;
    return static_cast<std::uint16_t>(value);
}

// "name[=value]" items separated by `separator`; empty items are skipped.
void appendItems(std::string_view text, char separator, std::vector<SipUri::Parameter>& out)
{
    std::size_t pos = 0;
    while (pos <= text.size()) {
        std::size_t end = text.find(separator, pos);
        if (end == std::string_view::npos)
            end = text.size();
        const std::string_view item = text.substr(pos, end - pos);
        if (!item.empty()) {
            const std::size_t equals = item.find('=');
            if (equals == std::string_view::npos)
                out.emplace_back(std::string(item), std::nullopt);
            else
                out.emplace_back(std::string(item.substr(0, equals)), std::string(item.substr(equals + 1)));
        }
        pos = end + 1;
    }
}

std::optional<std::string_view> lookup(const std::vector<SipUri::Parameter>& items, std::string_view name)
{
    for (const auto& [itemName, value] : items) {
        if (equalsIgnoreCase(itemName, name))
            return value ? std::string_view(*value) : std::string_view();
    }
    return std::nullopt;
}

void appendParameters(std::string& out, const std::vector<SipUri::Parameter>& items, char first, char separator)
{
    bool isFirst = true;
    for (const auto& [name, value] : items) {
        out += isFirst ? first : separator;
        isFirst = false;
        out += name;
        if (value) {
            out += '=';
            out += *value;
        }
    }
}

// Parameters (";...") then headers ("?...") of a sip:/sips:/tel: URI.
void parseTail(std::string_view tail, SipUri& uri)
{
    const std::size_t question = tail.find('?');
    appendItems(tail.substr(0, question), ';', uri.parameters);
    if (question != std::string_view::npos)
        appendItems(tail.substr(question + 1), '&', uri.headers);
}

// The parts of a sip:/sips: URI after the scheme, as views into it.
struct SipHierarchy {
    std::string_view user;
    std::optional<std::string_view> password;
    std::string_view host; // without IPv6 brackets
    std::optional<std::uint16_t> port;
    std::optional<std::string_view> tail; // ";params?headers"; none after an unclosed '['
    bool ipv6Reference = false;
    bool valid = false;
};

SipHierarchy splitSipHierarchy(std::string_view rest)
{
    SipHierarchy parts;
    bool ok = true;
    // A raw '@' can only end the userinfo: parameters and headers must escape it.
    const std::size_t at = rest.rfind('@');
    std::string_view hostPart = rest;
    if (at != std::string_view::npos) {
        const std::string_view userInfo = rest.substr(0, at);
        const std::size_t colon = userInfo.find(':');
        parts.user = userInfo.substr(0, colon);
        if (colon != std::string_view::npos)
            parts.password = userInfo.substr(colon + 1);
        ok = !parts.user.empty();
        hostPart = rest.substr(at + 1);
    }

    std::size_t pos = 0;
    if (!hostPart.empty() && hostPart[0] == '[') {
        const std::size_t close = hostPart.find(']');
        parts.ipv6Reference = true;
        if (close == std::string_view::npos) {
            parts.host = hostPart.substr(1, findFirstOf(hostPart, ";?") - 1);
            return parts;
        }
        parts.host = hostPart.substr(1, close - 1);
        ok = ok && isPlausibleIpv6(parts.host);
        pos = close + 1;
    } else {
        std::size_t hostPortEnd = findFirstOf(hostPart, ";?");
        if (hostPortEnd == std::string_view::npos)
            hostPortEnd = hostPart.size();
        const HostPort split = splitHostPort(hostPart.substr(0, hostPortEnd));
        if (split.ipv6) {
            // Unbracketed IPv6 ("sip:4321@fec0:0:0:0:216:d3ff:fe0d:22c:5060"): wrong, but real.
            parts.host = split.host;
            parts.port = split.port;
            parts.valid = ok && split.valid && isPlausibleIpv6(parts.host);
            parts.tail = hostPart.substr(hostPortEnd);
            return parts;
        }
        pos = findFirstOf(hostPart, ":;?");
        if (pos == std::string_view::npos)
            pos = hostPart.size();
        parts.host = hostPart.substr(0, pos);
        ok = ok && isPlausibleHostName(parts.host);
    }
    if (pos < hostPart.size() && hostPart[pos] == ':') {
        std::size_t end = findFirstOf(hostPart, ";?", pos + 1);
        if (end == std::string_view::npos)
            end = hostPart.size();
        parts.port = parsePort(hostPart.substr(pos + 1, end - pos - 1));
        ok = ok && parts.port.has_value();
        pos = end;
    }
    if (pos < hostPart.size() && hostPart[pos] != ';' && hostPart[pos] != '?')
        ok = false;
    parts.tail = hostPart.substr(pos);
    parts.valid = ok;
    return parts;
}

void parseSipHierarchy(std::string_view rest, SipUri& uri)
{
    const SipHierarchy parts = splitSipHierarchy(rest);
    uri.user = std::string(parts.user);
    if (parts.password)
        uri.password = std::string(*parts.password);
    uri.host = std::string(parts.host);
    uri.port = parts.port;
    uri.hostIsIpv6Reference = parts.ipv6Reference;
    if (parts.tail)
        parseTail(*parts.tail, uri);
    uri.valid = parts.valid;
}

// The text of a URI without surrounding whitespace and <...>, and where its scheme ends (npos when
// it has none).
std::pair<std::string_view, std::size_t> uriAndSchemeEnd(std::string_view text)
{
    text = trimHeaderValue(text);
    if (text.size() >= 2 && text.front() == '<' && text.back() == '>')
        text = trimHeaderValue(text.substr(1, text.size() - 2));
    if (text.empty() || !isAlpha(text[0]))
        return {text, std::string_view::npos};
    std::size_t pos = 0;
    while (pos < text.size()
        && (isAlpha(text[pos]) || isDigit(text[pos]) || text[pos] == '+' || text[pos] == '-' || text[pos] == '.'))
        ++pos;
    if (pos >= text.size() || text[pos] != ':')
        return {text, std::string_view::npos};
    return {text, pos};
}

void parseTel(std::string_view rest, SipUri& uri)
{
    const std::size_t end = rest.find_first_of(";?");
    uri.user = std::string(rest.substr(0, end));
    if (end != std::string_view::npos)
        parseTail(rest.substr(end), uri);
    bool ok = !uri.user.empty();
    for (char c : uri.user) {
        // RFC 3966 global and local numbers: digits, hex digits, '*', '#', '+' and visual separators.
        if (!isHexDigit(c) && c != '*' && c != '#' && c != '+' && c != '-' && c != '.' && c != '(' && c != ')')
            ok = false;
    }
    uri.valid = ok;
}

} // namespace

std::optional<std::string_view> SipUri::lookupParameter(std::string_view name) const
{
    return lookup(parameters, name);
}

std::optional<std::string_view> SipUri::lookupHeader(std::string_view name) const
{
    return lookup(headers, name);
}

std::string SipUri::hostPort() const
{
    std::string out;
    if (hostIsIpv6Reference) {
        out += '[';
        out += host;
        out += ']';
    } else {
        out += host;
    }
    if (port) {
        out += ':';
        out += std::to_string(*port);
    }
    return out;
}

std::string SipUri::toString() const
{
    std::string out = scheme;
    out += ':';
    if (!isSip() && !isTel()) {
        out += opaque;
        return out;
    }
    if (isTel()) {
        out += user;
    } else {
        if (!user.empty() || !password.empty()) {
            out += user;
            if (!password.empty()) {
                out += ':';
                out += password;
            }
            out += '@';
        }
        out += hostPort();
    }
    appendParameters(out, parameters, ';', ';');
    appendParameters(out, headers, '?', '&');
    return out;
}

SipUri parseSipUri(std::string_view text)
{
    SipUri uri;
    const auto [uriText, pos] = uriAndSchemeEnd(text);
    if (pos == std::string_view::npos)
        return uri;
    text = uriText;
    uri.scheme.reserve(pos);
    for (char c : text.substr(0, pos))
        uri.scheme.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c);
    const std::string_view rest = text.substr(pos + 1);

    if (uri.isSip())
        parseSipHierarchy(rest, uri);
    else if (uri.isTel())
        parseTel(rest, uri);
    else {
        uri.opaque = std::string(rest);
        uri.valid = !rest.empty();
    }
    if (hasWhitespaceOrControl(rest))
        uri.valid = false;
    return uri;
}

SipUriTarget locateSipUriTarget(std::string_view text)
{
    SipUriTarget target;
    const auto [uriText, pos] = uriAndSchemeEnd(text);
    if (pos == std::string_view::npos)
        return target;
    const std::string_view scheme = uriText.substr(0, pos);
    target.secure = equalsIgnoreCase(scheme, "sips");
    if (!target.secure && !equalsIgnoreCase(scheme, "sip"))
        return target;
    const SipHierarchy parts = splitSipHierarchy(uriText.substr(pos + 1));
    target.isSip = true;
    target.host = parts.host;
    target.port = parts.port;
    return target;
}

} // namespace sipladder::core
