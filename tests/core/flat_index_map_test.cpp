// SPDX-License-Identifier: Apache-2.0
#include "util/fast_hash.h"
#include "util/flat_index_map.h"
#include "util/string_arena.h"
#include "util/zeroed_memory.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <unordered_map>

using namespace sipladder::core;

TEST(FlatIndexMap, FindsWhatWasInsertedAcrossGrowth)
{
    FlatIndexMap map;
    std::unordered_map<std::uint64_t, std::uint32_t> reference;
    for (std::uint32_t i = 0; i < 100000; ++i) {
        const auto key = fastHash(&i, sizeof i);
        map.insert(key, i);
        reference[key] = i;
    }
    EXPECT_EQ(map.size(), reference.size());
    for (const auto& [key, value] : reference)
        ASSERT_EQ(map.find(key), value);
    const std::uint64_t absent = 12345;
    EXPECT_EQ(map.find(absent), reference.count(absent) ? reference[absent] : FlatIndexMap::kAbsent);
}

TEST(FlatIndexMap, ZeroKeyIsUsableAndInsertOverwrites)
{
    FlatIndexMap map;
    map.insert(0, 7);
    EXPECT_EQ(map.find(0), 7u);
    map.insert(0, 9);
    EXPECT_EQ(map.find(0), 9u);
    EXPECT_EQ(map.size(), 1u);
}

TEST(FastHash, DependsOnEveryByteAndTheLength)
{
    std::string a(1000, 'x');
    std::string b = a;
    b[517] = 'y';
    EXPECT_NE(fastHash(a.data(), a.size()), fastHash(b.data(), b.size()));
    EXPECT_NE(fastHash(a.data(), 999), fastHash(a.data(), 1000));
    EXPECT_EQ(fastHash(a.data(), a.size()), fastHash(std::string(a).data(), a.size()));
    EXPECT_NE(fastHash("", 0), fastHash("\0", 1));
}

TEST(StringArena, KeepsViewsStableWhileGrowing)
{
    StringArena arena;
    const auto first = arena.add("call-1@example.test");
    std::string big(3 << 20, 'b');
    const auto large = arena.add(big);
    for (int i = 0; i < 100000; ++i)
        arena.add("filler-" + std::to_string(i));
    EXPECT_EQ(arena.view(first), "call-1@example.test");
    EXPECT_EQ(arena.view(large).size(), big.size());
    EXPECT_TRUE(arena.add("").empty());
    EXPECT_EQ(arena.view(StringRef{}), "");
}

TEST(FlatIndexMap, ClearEmptiesAndKeepsWorking)
{
    FlatIndexMap map;
    for (std::uint64_t key = 1; key <= 5000; ++key)
        map.insert(key * 0x9E3779B97F4A7C15ull, static_cast<std::uint32_t>(key));
    map.clear();
    EXPECT_EQ(map.size(), 0u);
    for (std::uint64_t key = 1; key <= 5000; ++key)
        EXPECT_EQ(map.find(key * 0x9E3779B97F4A7C15ull), FlatIndexMap::kAbsent);
    map.insert(42, 7);
    EXPECT_EQ(map.find(42), 7u);
    EXPECT_EQ(map.size(), 1u);
}

TEST(ZeroedMemory, LargeBlocksAreZeroAlignedToHugePagesAndMovable)
{
    for (const std::size_t bytes : { std::size_t(100), std::size_t(2) << 20, (std::size_t(5) << 20) + 123 }) {
        ZeroedMemory memory(bytes);
        ASSERT_NE(memory.data(), nullptr);
        EXPECT_EQ(memory.size(), bytes);
        auto* const data = static_cast<unsigned char*>(memory.data());
        EXPECT_EQ(data[0], 0);
        EXPECT_EQ(data[bytes / 2], 0);
        EXPECT_EQ(data[bytes - 1], 0);
        data[0] = 1;
        data[bytes - 1] = 2; // the whole block is writable
        if (bytes >= (std::size_t(2) << 20)) {
            // A mapping on a huge-page boundary, so that all of it can be backed by huge pages.
            EXPECT_EQ(reinterpret_cast<std::uintptr_t>(data) % (std::uintptr_t(2) << 20), 0u);
        }
        ZeroedMemory moved(std::move(memory));
        EXPECT_EQ(memory.data(), nullptr);
        EXPECT_EQ(static_cast<unsigned char*>(moved.data())[bytes - 1], 2);
        ZeroedMemory assigned;
        assigned = std::move(moved);
        EXPECT_EQ(static_cast<unsigned char*>(assigned.data())[0], 1);
    }
}
