// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "util/zeroed_memory.h"

#include <cstdint>
#include <cstring>
#include <utility>

namespace sipladder::core {

// Open-addressing map from a 64-bit hash to a 32-bit index (linear probing, power-of-two size).
// Keys are already well-mixed hashes; callers resolve the rare collision by checking the indexed
// record and re-keying. Several times faster than std::unordered_map on the load's hot path.
class FlatIndexMap {
public:
    static constexpr std::uint32_t kAbsent = 0xFFFFFFFFu;

    FlatIndexMap()
        : m_memory(1024 * sizeof(Slot))
        , m_slots(static_cast<Slot*>(m_memory.data()))
        , m_capacity(1024)
    {
    }

    std::uint32_t find(std::uint64_t key) const
    {
        key = normalise(key);
        const std::size_t mask = m_capacity - 1;
        for (std::size_t i = key & mask;; i = (i + 1) & mask) {
            const Slot& slot = m_slots[i];
            if (slot.key == key)
                return slot.value;
            if (slot.key == 0)
                return kAbsent;
        }
    }

    // Inserts or overwrites.
    void insert(std::uint64_t key, std::uint32_t value)
    {
        if ((m_size + 1) * 4 > m_capacity * 3)
            grow();
        place(normalise(key), value);
    }

    std::size_t size() const { return m_size; }

    // Empties the table, keeping its capacity.
    void clear()
    {
        std::memset(m_slots, 0, m_capacity * sizeof(Slot));
        m_size = 0;
    }

private:
    // All-zero bytes are an empty slot, so fresh zeroed memory is an empty table.
    struct Slot {
        std::uint64_t key;
        std::uint32_t value;
    };

    // 0 marks an empty slot, so a key of 0 is stored as 1 (the keys are hashes; a shared slot is harmless).
    static std::uint64_t normalise(std::uint64_t key) { return key == 0 ? 1 : key; }

    void place(std::uint64_t key, std::uint32_t value)
    {
        const std::size_t mask = m_capacity - 1;
        for (std::size_t i = key & mask;; i = (i + 1) & mask) {
            Slot& slot = m_slots[i];
            if (slot.key == key) {
                slot.value = value;
                return;
            }
            if (slot.key == 0) {
                slot.key = key;
                slot.value = value;
                ++m_size;
                return;
            }
        }
    }

    void grow()
    {
        ZeroedMemory old = std::exchange(m_memory, ZeroedMemory(m_capacity * 2 * sizeof(Slot)));
        const Slot* oldSlots = m_slots;
        const std::size_t oldCapacity = m_capacity;
        m_slots = static_cast<Slot*>(m_memory.data());
        m_capacity *= 2;
        m_size = 0;
        for (std::size_t i = 0; i < oldCapacity; ++i) {
            if (oldSlots[i].key != 0)
                place(oldSlots[i].key, oldSlots[i].value);
        }
    }

    ZeroedMemory m_memory;
    Slot* m_slots;
    std::size_t m_capacity;
    std::size_t m_size = 0;
};

} // namespace sipladder::core
