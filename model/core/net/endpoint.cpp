// SPDX-License-Identifier: Apache-2.0
#include "net/endpoint.h"

#include <arpa/inet.h>
#include <cstring>
#include <string>

namespace sipladder::core {

IpAddress IpAddress::v4(std::uint8_t a, std::uint8_t b, std::uint8_t c, std::uint8_t d)
{
    IpAddress address;
    address.bytes[0] = a;
    address.bytes[1] = b;
    address.bytes[2] = c;
    address.bytes[3] = d;
    return address;
}

IpAddress IpAddress::fromV4Bytes(const std::uint8_t* fourBytes)
{
    IpAddress address;
    std::memcpy(address.bytes.data(), fourBytes, 4);
    return address;
}

IpAddress IpAddress::fromV6Bytes(const std::uint8_t* sixteenBytes)
{
    IpAddress address;
    std::memcpy(address.bytes.data(), sixteenBytes, 16);
    address.isV6 = true;
    return address;
}

namespace {

// Dotted IPv4 as inet_pton reads it (four decimal octets, no leading zeros), without its C string:
// text logs parse an address or a host name for almost every message.
bool parseDottedV4(std::string_view text, IpAddress& out)
{
    const char* p = text.data();
    const char* const end = p + text.size();
    auto isDigit = [&] { return p != end && *p >= '0' && *p <= '9'; };
    IpAddress parsed;
    for (std::size_t octet = 0; octet < 4; ++octet) {
        if (octet > 0) {
            if (p == end || *p != '.')
                return false;
            ++p;
        }
        if (!isDigit())
            return false;
        unsigned value = static_cast<unsigned>(*p++ - '0');
        if (isDigit()) {
            if (value == 0)
                return false; // "01"
            value = value * 10 + static_cast<unsigned>(*p++ - '0');
            if (isDigit())
                value = value * 10 + static_cast<unsigned>(*p++ - '0');
        }
        if (value > 255)
            return false;
        parsed.bytes[octet] = static_cast<std::uint8_t>(value);
    }
    if (p != end)
        return false;
    out = parsed;
    return true;
}

} // namespace

bool IpAddress::parse(std::string_view text, IpAddress& out)
{
    if (parseDottedV4(text, out))
        return true;
    // Only IPv6 text has a colon; anything else (a host name) needs no second try.
    char buffer[INET6_ADDRSTRLEN + 1];
    if (text.find(':') == std::string_view::npos || text.size() >= sizeof buffer)
        return false;
    std::memcpy(buffer, text.data(), text.size());
    buffer[text.size()] = '\0';
    IpAddress parsed;
    if (inet_pton(AF_INET6, buffer, parsed.bytes.data()) != 1)
        return false;
    parsed.isV6 = true;
    out = parsed;
    return true;
}

std::string IpAddress::toString() const
{
    char buffer[INET6_ADDRSTRLEN] = {};
    inet_ntop(isV6 ? AF_INET6 : AF_INET, bytes.data(), buffer, sizeof buffer);
    return buffer;
}

std::string Endpoint::toString() const
{
    char text[kMaxTextLength];
    return std::string(text, formatTo(text));
}

std::size_t Endpoint::formatTo(char* out) const
{
    std::size_t length = 0;
    if (address.isV6) {
        out[length++] = '[';
        inet_ntop(AF_INET6, address.bytes.data(), out + length, INET6_ADDRSTRLEN);
        length += std::strlen(out + length);
        out[length++] = ']';
    } else {
        // Dotted quad by hand: this runs twice per call in large summaries.
        for (int i = 0; i < 4; ++i) {
            unsigned value = address.bytes[static_cast<std::size_t>(i)];
            if (value >= 100)
                out[length++] = static_cast<char>('0' + value / 100);
            if (value >= 10)
                out[length++] = static_cast<char>('0' + value / 10 % 10);
            out[length++] = static_cast<char>('0' + value % 10);
            if (i < 3)
                out[length++] = '.';
        }
    }
    out[length++] = ':';
    char digits[6];
    int count = 0;
    unsigned value = port;
    do {
        digits[count++] = static_cast<char>('0' + value % 10);
        value /= 10;
    } while (value != 0);
    while (count > 0)
        out[length++] = digits[--count];
    return length;
}

std::size_t hashValue(const IpAddress& address)
{
    std::uint64_t a;
    std::uint64_t b;
    std::memcpy(&a, address.bytes.data(), 8);
    std::memcpy(&b, address.bytes.data() + 8, 8);
    std::uint64_t h = a * 0x9E3779B97F4A7C15ull ^ (b + 0x632BE59BD9B4E019ull + (address.isV6 ? 1 : 0));
    h ^= h >> 29;
    return static_cast<std::size_t>(h * 0xBF58476D1CE4E5B9ull);
}

std::size_t hashValue(const Endpoint& endpoint)
{
    return hashValue(endpoint.address) ^ (static_cast<std::size_t>(endpoint.port) * 0x94D049BB133111EBull);
}

} // namespace sipladder::core
