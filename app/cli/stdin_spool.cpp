// SPDX-License-Identifier: Apache-2.0
#include "stdin_spool.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <unistd.h>

namespace sipladder::cli {

StdinSpool::~StdinSpool()
{
    if (!m_path.empty())
        ::unlink(m_path.c_str());
}

std::optional<std::string> StdinSpool::path()
{
    if (!m_path.empty())
        return m_path;
    const char* dir = std::getenv("TMPDIR");
    std::string pattern = std::string(dir && *dir ? dir : "/tmp") + "/sipladder-stdin-XXXXXX";
    const int fd = ::mkstemp(pattern.data());
    if (fd < 0) {
        m_error = std::string("cannot create a temporary file: ") + std::strerror(errno);
        return std::nullopt;
    }
    m_path = pattern;
    char buffer[1 << 16];
    for (;;) {
        const auto got = ::read(STDIN_FILENO, buffer, sizeof buffer);
        if (got == 0)
            break;
        if (got < 0) {
            if (errno == EINTR)
                continue;
            m_error = std::string("cannot read standard input: ") + std::strerror(errno);
            ::close(fd);
            return std::nullopt;
        }
        for (ssize_t done = 0; done < got;) {
            const auto written = ::write(fd, buffer + done, static_cast<std::size_t>(got - done));
            if (written < 0) {
                if (errno == EINTR)
                    continue;
                m_error = std::string("cannot write a temporary file: ") + std::strerror(errno);
                ::close(fd);
                return std::nullopt;
            }
            done += written;
        }
    }
    ::close(fd);
    return m_path;
}

} // namespace sipladder::cli
