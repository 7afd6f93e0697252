// SPDX-License-Identifier: Apache-2.0
#include "util/zeroed_memory.h"

#include "util/huge_pages.h"

#include <cstdint>
#include <cstdlib>
#include <new>
#include <utility>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace sipladder::core {

namespace {

constexpr std::size_t kMapThreshold = 2u << 20;

} // namespace

ZeroedMemory::ZeroedMemory(std::size_t bytes)
    : m_size(bytes)
{
    if (bytes == 0)
        return;
#if defined(__linux__)
    if (bytes >= kMapThreshold) {
        // Mapped on a huge-page boundary and to a whole number of huge pages, so that all of it can
        // be backed by them (a mapping's unaligned ends only ever get small pages): one extra huge
        // page is reserved, and what lies before the boundary and past the end is given back.
        const std::size_t length = (bytes + kMapThreshold - 1) & ~(kMapThreshold - 1);
        void* mapped = ::mmap(nullptr, length + kMapThreshold, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (mapped != MAP_FAILED) {
            auto* const reserved = static_cast<char*>(mapped);
            const auto address = reinterpret_cast<std::uintptr_t>(reserved);
            auto* const aligned = reserved + (((address + kMapThreshold - 1) & ~(kMapThreshold - 1)) - address);
            if (aligned > reserved)
                ::munmap(reserved, static_cast<std::size_t>(aligned - reserved));
            const std::size_t tail = static_cast<std::size_t>(reserved + length + kMapThreshold - (aligned + length));
            if (tail > 0)
                ::munmap(aligned + length, tail);
            m_data = aligned;
            m_mappedLength = length;
            m_mapped = true;
            adviseHugePages(m_data, length);
            return;
        }
    }
#endif
    m_data = std::calloc(bytes, 1);
    if (m_data == nullptr)
        throw std::bad_alloc();
}

ZeroedMemory::~ZeroedMemory()
{
    release();
}

ZeroedMemory::ZeroedMemory(ZeroedMemory&& other) noexcept
    : m_data(std::exchange(other.m_data, nullptr))
    , m_size(std::exchange(other.m_size, 0))
    , m_mapped(std::exchange(other.m_mapped, false))
    , m_mappedLength(std::exchange(other.m_mappedLength, 0))
{
}

ZeroedMemory& ZeroedMemory::operator=(ZeroedMemory&& other) noexcept
{
    if (this != &other) {
        release();
        m_data = std::exchange(other.m_data, nullptr);
        m_size = std::exchange(other.m_size, 0);
        m_mapped = std::exchange(other.m_mapped, false);
        m_mappedLength = std::exchange(other.m_mappedLength, 0);
    }
    return *this;
}

void ZeroedMemory::release()
{
#if defined(__linux__)
    if (m_mapped) {
        ::munmap(m_data, m_mappedLength);
        m_data = nullptr;
        return;
    }
#endif
    std::free(m_data);
    m_data = nullptr;
}

} // namespace sipladder::core
