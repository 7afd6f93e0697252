// SPDX-License-Identifier: Apache-2.0
#include "util/zeroed_memory.h"

#include "util/huge_pages.h"

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
        void* mapped = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (mapped != MAP_FAILED) {
            m_data = mapped;
            m_mapped = true;
            adviseHugePages(m_data, bytes);
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
{
}

ZeroedMemory& ZeroedMemory::operator=(ZeroedMemory&& other) noexcept
{
    if (this != &other) {
        release();
        m_data = std::exchange(other.m_data, nullptr);
        m_size = std::exchange(other.m_size, 0);
        m_mapped = std::exchange(other.m_mapped, false);
    }
    return *this;
}

void ZeroedMemory::release()
{
#if defined(__linux__)
    if (m_mapped) {
        ::munmap(m_data, m_size);
        m_data = nullptr;
        return;
    }
#endif
    std::free(m_data);
    m_data = nullptr;
}

} // namespace sipladder::core
