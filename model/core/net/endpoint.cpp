// SPDX-License-Identifier: Apache-2.0
#include "net/endpoint.h"

#include <arpa/inet.h>
#include <cstring>

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

bool IpAddress::parse(const std::string& text, IpAddress& out)
{
    IpAddress parsed;
    if (inet_pton(AF_INET, text.c_str(), parsed.bytes.data()) == 1) {
        out = parsed;
        return true;
    }
    if (inet_pton(AF_INET6, text.c_str(), parsed.bytes.data()) == 1) {
        parsed.isV6 = true;
        out = parsed;
        return true;
    }
    return false;
}

std::string IpAddress::toString() const
{
    char buffer[INET6_ADDRSTRLEN] = {};
    inet_ntop(isV6 ? AF_INET6 : AF_INET, bytes.data(), buffer, sizeof buffer);
    return buffer;
}

std::string Endpoint::toString() const
{
    std::string text;
    if (address.isV6) {
        text = "[" + address.toString() + "]";
    } else {
        text = address.toString();
    }
    text += ':';
    text += std::to_string(port);
    return text;
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
