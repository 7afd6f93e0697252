// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <vector>

namespace sipladder::core {

// Open-addressing map from a 64-bit hash to a 32-bit index (linear probing, power-of-two size).
// Keys are already well-mixed hashes; callers resolve the rare collision by checking the indexed
// record and re-keying. Several times faster than std::unordered_map on the load's hot path.
class FlatIndexMap {
public:
    static constexpr std::uint32_t kAbsent = 0xFFFFFFFFu;

    FlatIndexMap() { m_slots.resize(1024); }

    std::uint32_t find(std::uint64_t key) const
    {
        key = normalise(key);
        const std::size_t mask = m_slots.size() - 1;
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
        if ((m_size + 1) * 4 > m_slots.size() * 3)
            grow();
        place(normalise(key), value);
    }

    std::size_t size() const { return m_size; }

private:
    struct Slot {
        std::uint64_t key = 0;
        std::uint32_t value = kAbsent;
    };

    // 0 marks an empty slot, so a key of 0 is stored as 1 (the keys are hashes; a shared slot is harmless).
    static std::uint64_t normalise(std::uint64_t key) { return key == 0 ? 1 : key; }

    void place(std::uint64_t key, std::uint32_t value)
    {
        const std::size_t mask = m_slots.size() - 1;
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
        std::vector<Slot> old(m_slots.size() * 2);
        old.swap(m_slots);
        m_size = 0;
        for (const Slot& slot : old) {
            if (slot.key != 0)
                place(slot.key, slot.value);
        }
    }

    std::vector<Slot> m_slots;
    std::size_t m_size = 0;
};

} // namespace sipladder::core
