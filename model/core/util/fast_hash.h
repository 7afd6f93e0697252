// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace sipladder::core {

// A fast non-cryptographic 64-bit hash of a byte range (8 bytes per step), used to tell identical
// message copies apart from different ones without keeping the bytes. Not for adversarial keys.
inline std::uint64_t fastHash(const void* data, std::size_t length, std::uint64_t seed = 0)
{
    constexpr std::uint64_t kMul = 0x9E3779B97F4A7C15ull;
    const auto* p = static_cast<const unsigned char*>(data);
    std::uint64_t h = seed ^ (length * kMul);
    __extension__ typedef unsigned __int128 Wide; // GCC/Clang extension: the full 64x64->128 product
    auto mix = [](std::uint64_t a, std::uint64_t b) {
        const Wide product = static_cast<Wide>(a) * b;
        return static_cast<std::uint64_t>(product) ^ static_cast<std::uint64_t>(product >> 64);
    };
    while (length >= 16) {
        std::uint64_t a;
        std::uint64_t b;
        std::memcpy(&a, p, 8);
        std::memcpy(&b, p + 8, 8);
        h = mix(a ^ h ^ 0xA0761D6478BD642Full, b ^ 0xE7037ED1A0B428DBull) ^ h;
        p += 16;
        length -= 16;
    }
    std::uint64_t tail[2] = {0, 0};
    if (length > 0) // an empty view may have a null pointer, which memcpy must not see
        std::memcpy(tail, p, length);
    h = mix(tail[0] ^ h ^ 0x8EBC6AF09C88C6E3ull, tail[1] ^ 0x589965CC75374CC3ull ^ length) ^ h;
    return mix(h, kMul) ^ h;
}

inline std::uint64_t combineHash(std::uint64_t a, std::uint64_t b)
{
    return fastHash(&b, sizeof b, a);
}

} // namespace sipladder::core
