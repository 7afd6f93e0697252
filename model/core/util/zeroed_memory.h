// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>

namespace sipladder::core {

// Zero-filled memory for large tables: large blocks come straight from the kernel (already zero,
// so nothing is written until used) and are offered transparent huge pages, which makes the first
// touch of hundreds of megabytes far cheaper, notably in virtual machines. Small blocks use calloc.
class ZeroedMemory {
public:
    ZeroedMemory() = default;
    explicit ZeroedMemory(std::size_t bytes);
    ~ZeroedMemory();
    ZeroedMemory(ZeroedMemory&& other) noexcept;
    ZeroedMemory& operator=(ZeroedMemory&& other) noexcept;
    ZeroedMemory(const ZeroedMemory&) = delete;
    ZeroedMemory& operator=(const ZeroedMemory&) = delete;

    void* data() const { return m_data; }
    std::size_t size() const { return m_size; }

private:
    void release();

    void* m_data = nullptr;
    std::size_t m_size = 0;
    bool m_mapped = false;
    std::size_t m_mappedLength = 0; // whole huge pages

};

} // namespace sipladder::core
