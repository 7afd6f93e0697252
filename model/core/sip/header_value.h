// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

namespace sipladder::core {

// Zero-copy helpers for header values: trimming, comma lists, ";name=value" parameters, folding.
// All of them accept any bytes (unbalanced quotes, lone brackets) without reading out of bounds.

// Strips SP, HT, CR and LF from both ends.
inline std::string_view trimHeaderValue(std::string_view text)
{
    auto isSpace = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    std::size_t begin = 0;
    std::size_t end = text.size();
    while (begin < end && isSpace(text[begin]))
        ++begin;
    while (end > begin && isSpace(text[end - 1]))
        --end;
    return text.substr(begin, end - begin);
}

// Obsolete line folding (RFC 3261 §7.3.1): every run of whitespace that contains a line break
// becomes one SP, and the result is trimmed. Allocates; meant for the rare folded value.
std::string unfoldHeaderValue(std::string_view value);

// True when `value` still contains a line break, i.e. it was folded over several lines.
bool isFoldedValue(std::string_view value);

// One item of a comma-separated list starting at `pos`: commas inside double quotes (with
// backslash escapes) or inside <...> do not split. The item is trimmed; the return value is the
// position after the separating comma (value.size() at the end).
std::size_t nextListItem(std::string_view value, std::size_t pos, std::string_view& item);

// Calls `callback(std::string_view)` for every non-empty item of a comma-separated list. A callback
// returning bool stops the walk when it returns false.
template <typename Callback>
requires std::invocable<Callback&, std::string_view>
void forEachListItem(std::string_view value, Callback&& callback)
{
    std::size_t pos = 0;
    while (pos < value.size()) {
        std::string_view item;
        pos = nextListItem(value, pos, item);
        if (item.empty())
            continue;
        if constexpr (std::is_same_v<std::invoke_result_t<Callback&, std::string_view>, bool>) {
            if (!callback(item))
                return;
        } else {
            callback(item);
        }
    }
}

// Position of the first `c` that is outside double quotes and outside <...>, or npos.
std::size_t findUnquoted(std::string_view text, char c);

// Looks `name` up (case-insensitively) among ";name[=value]" parameters. `params` is the text
// from the first ';' on (anything before the first ';' is skipped); the walk stops at an unquoted
// ',' so a whole list value may be passed. Returns the value as written, quotes included, trimmed;
// an empty view for a parameter without a value; nullopt when absent.
std::optional<std::string_view> findParameter(std::string_view params, std::string_view name);

// Calls `callback(name, std::optional<std::string_view> value)` for each ";name[=value]" parameter
// of `params`, with the same rules as findParameter().
template <typename Callback> void forEachParameter(std::string_view params, Callback&& callback);

// Strips one pair of surrounding double quotes, if present. Escapes inside are kept.
std::string_view unquote(std::string_view text);

// "application/sdp" out of "application/sdp; charset=x" (trimmed, case as written).
std::string_view mediaTypeOf(std::string_view contentType);

// host[:port] as in a Via sent-by or a URI: "[2001:db8::1]:5060", "example.test", "192.0.2.1:5060",
// and the unbracketed IPv6 some devices send ("fe80:0:0:0:21a:a0ff:fe07:32e0:5060": with eight
// colons the last group is the port; with fewer, the whole text is the address).
struct HostPort {
    std::string_view host; // without brackets
    std::optional<std::uint16_t> port;
    bool ipv6 = false;
    bool bracketed = false;
    bool valid = false; // a host is there and the port, if any, is a number up to 65535
};
HostPort splitHostPort(std::string_view text);

namespace detail {
// Position of the first ';' outside quotes and <...>, or npos when there is none before an unquoted
// ',' (the end of the first list item).
std::size_t firstParameter(std::string_view params);

// Parses the parameter starting at `pos` (which points at a ';'); returns the position of the next
// ';' or npos when there is none (end of text or an unquoted ',').
std::size_t nextParameter(
    std::string_view params, std::size_t pos, std::string_view& name, std::optional<std::string_view>& value);
} // namespace detail

template <typename Callback> void forEachParameter(std::string_view params, Callback&& callback)
{
    std::size_t pos = detail::firstParameter(params);
    while (pos != std::string_view::npos) {
        std::string_view name;
        std::optional<std::string_view> value;
        pos = detail::nextParameter(params, pos, name, value);
        if (!name.empty())
            callback(name, value);
    }
}

} // namespace sipladder::core
