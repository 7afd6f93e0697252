// SPDX-License-Identifier: Apache-2.0
#include "capture/file_byte_source.h"

#include "capture/file_error.h"

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace sipladder::core {

FileByteSource::FileByteSource(int fd, std::uint64_t size)
    : m_fd(fd)
    , m_size(size)
{
}

FileByteSource::~FileByteSource()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

Result<std::shared_ptr<FileByteSource>> FileByteSource::open(const std::string& path)
{
    // O_NONBLOCK keeps open() from hanging on a FIFO; it is cleared once the file proves regular.
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return fileErrorFromErrno(errno, path);
    struct stat info { };
    if (::fstat(fd, &info) != 0) {
        const int error = errno;
        ::close(fd);
        return fileErrorFromErrno(error, path);
    }
    if (S_ISDIR(info.st_mode)) {
        ::close(fd);
        return fileErrorFromErrno(EISDIR, path);
    }
    if (!S_ISREG(info.st_mode)) {
        ::close(fd);
        return Error { ErrorCode::ReadFailed, quotedPath(path) + " is not a regular file (a device, pipe or socket)." };
    }
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    return std::shared_ptr<FileByteSource>(new FileByteSource(fd, static_cast<std::uint64_t>(info.st_size)));
}

std::shared_ptr<FileByteSource> FileByteSource::adopt(int fd, std::uint64_t size)
{
    return std::shared_ptr<FileByteSource>(new FileByteSource(fd, size));
}

std::int64_t FileByteSource::readSome(std::uint64_t offset, std::size_t length, std::uint8_t* out) const
{
    std::size_t done = 0;
    while (done < length) {
        const ssize_t n = ::pread(m_fd, out + done, length - done, static_cast<off_t>(offset + done));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        if (n == 0)
            break;
        done += static_cast<std::size_t>(n);
    }
    return static_cast<std::int64_t>(done);
}

bool FileByteSource::read(std::uint64_t offset, std::uint32_t length, std::string& out) const
{
    out.resize(length);
    const std::int64_t n = readSome(offset, length, reinterpret_cast<std::uint8_t*>(out.data()));
    if (n != static_cast<std::int64_t>(length)) {
        out.clear();
        return false;
    }
    return true;
}

} // namespace sipladder::core
