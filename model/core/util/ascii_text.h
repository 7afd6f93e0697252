// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>

namespace sipladder::core {

// ASCII-only helpers for protocol text (host names, tokens, hex escapes): locale-independent on purpose.

inline char asciiLower(char c)
{
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

inline std::string asciiLowerCase(std::string_view text)
{
    std::string out(text);
    for (auto& c : out)
        c = asciiLower(c);
    return out;
}

// 0-15 for a hex digit, -1 otherwise.
inline int hexDigitValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

} // namespace sipladder::core
