// SPDX-License-Identifier: Apache-2.0
#include "load/spill_store.h"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <string>
#include <unistd.h>

namespace sipladder::core {

namespace {

constexpr std::size_t kBufferSize = 1 << 20;

int makeAnonymousTempFile()
{
    const char* dir = std::getenv("TMPDIR");
    std::string pattern = std::string(dir && *dir ? dir : "/tmp") + "/sipladder-spill-XXXXXX";
    const int fd = ::mkstemp(pattern.data());
    if (fd >= 0)
        ::unlink(pattern.c_str()); // removed by the system when the last descriptor closes, even after a crash
    return fd;
}

bool writeAll(int fd, const std::uint8_t* data, std::size_t length)
{
    while (length > 0) {
        const auto written = ::write(fd, data, length);
        if (written < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        data += written;
        length -= static_cast<std::size_t>(written);
    }
    return true;
}

} // namespace

SpillStore::SpillStore()
    : m_fd(makeAnonymousTempFile())
{
    m_buffer.reserve(kBufferSize);
}

SpillStore::~SpillStore()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

std::uint64_t SpillStore::append(ByteView bytes)
{
    const auto offset = m_size;
    m_size += bytes.size();
    if (m_fd >= 0 && m_buffer.size() + bytes.size() > kBufferSize)
        flush();
    m_buffer.insert(m_buffer.end(), bytes.begin(), bytes.end());
    return offset;
}

void SpillStore::flush()
{
    if (m_fd < 0 || m_buffer.empty())
        return;
    if (writeAll(m_fd, m_buffer.data(), m_buffer.size())) {
        m_flushed += m_buffer.size();
        m_buffer.clear();
    } else {
        // Disk full: keep the rest in memory rather than lose messages.
        ::close(m_fd);
        m_fd = -1;
    }
}

bool SpillStore::read(std::uint64_t offset, std::uint32_t length, std::string& out) const
{
    if (offset + length > m_size)
        return false;
    out.resize(length);
    std::uint64_t done = 0;
    // Bytes below m_flushed are in the file; the rest is still in the buffer.
    while (done < length && offset + done < m_flushed) {
        const auto chunk = std::min<std::uint64_t>(length - done, m_flushed - (offset + done));
        const auto got = ::pread(m_fd, out.data() + done, chunk, static_cast<off_t>(offset + done));
        if (got <= 0) {
            if (got < 0 && errno == EINTR)
                continue;
            return false;
        }
        done += static_cast<std::uint64_t>(got);
    }
    if (done < length) {
        const auto bufferOffset = offset + done - m_flushed;
        std::memcpy(out.data() + done, m_buffer.data() + bufferOffset, length - done);
    }
    return true;
}

} // namespace sipladder::core
