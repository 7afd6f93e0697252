// SPDX-License-Identifier: Apache-2.0
#include "capture/gzip_inflater.h"

#include "capture/capture_format.h"
#include "capture/file_error.h"

#include <cerrno>
#include <cstdlib>
#include <fcntl.h>
#include <system_error>
#include <unistd.h>
#include <vector>
#include <zlib.h>

namespace sipladder::core {

namespace {

// gzread() drops what it inflated in a call that hits damaged data, so the chunk size bounds how
// much good data before a damaged spot is lost; 64 KiB keeps that small and the calls few.
constexpr unsigned kChunkSize = 64 * 1024;
constexpr unsigned kGzipBufferSize = 32 * 1024;

std::string systemMessage(int errorNumber)
{
    return std::error_code(errorNumber, std::generic_category()).message();
}

struct GzCloser {
    void operator()(gzFile file) const { gzclose(file); }
};
using GzHandle = std::unique_ptr<gzFile_s, GzCloser>;

// An unlinked temporary; the descriptor is all that remains of it.
Result<int> makeTemporary(const std::string& displayName)
{
    const char* dir = std::getenv("TMPDIR");
    std::string pattern = (dir && *dir ? std::string(dir) : std::string("/tmp")) + "/sipladder-inflated-XXXXXX";
    const int fd = ::mkstemp(pattern.data());
    if (fd < 0) {
        return Error { ErrorCode::WriteFailed,
            "Cannot inflate " + quotedPath(displayName) + ": no temporary file could be created in "
                + pattern.substr(0, pattern.rfind('/')) + " (" + systemMessage(errno) + ")." };
    }
    ::unlink(pattern.c_str());
    ::fcntl(fd, F_SETFD, FD_CLOEXEC);
    return fd;
}

bool writeAll(int fd, const std::uint8_t* data, std::size_t size)
{
    while (size > 0) {
        const ssize_t n = ::write(fd, data, size);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        data += n;
        size -= static_cast<std::size_t>(n);
    }
    return true;
}

} // namespace

Result<InflatedFile> GzipInflater::inflate(
    const FileByteSource& compressed, const std::string& displayName, const HeadCheck& checkHead)
{
    const std::string name = quotedPath(displayName);
    // gzdopen() takes over a descriptor and reads from its offset; a duplicate leaves ours alone.
    const int readFd = ::dup(compressed.fd());
    if (readFd < 0 || ::lseek(readFd, 0, SEEK_SET) != 0) {
        const int error = errno;
        if (readFd >= 0)
            ::close(readFd);
        return fileErrorFromErrno(error, displayName);
    }
    GzHandle gz(gzdopen(readFd, "rb"));
    if (!gz) {
        ::close(readFd);
        return Error { ErrorCode::ReadFailed, "Cannot read " + name + ": zlib could not open it." };
    }
    gzbuffer(gz.get(), kGzipBufferSize);

    auto zlibMessage = [&gz]() {
        int code = Z_OK;
        const char* message = gzerror(gz.get(), &code);
        return std::string(message && *message ? message : "unknown zlib error");
    };
    auto zlibCode = [&gz]() {
        int code = Z_OK;
        gzerror(gz.get(), &code);
        return code;
    };

    std::vector<std::uint8_t> chunk(kChunkSize);
    std::size_t headSize = 0;
    while (headSize < kFormatProbeLength) {
        const int n = gzread(gz.get(), chunk.data() + headSize, static_cast<unsigned>(kFormatProbeLength - headSize));
        if (n <= 0)
            break;
        headSize += static_cast<std::size_t>(n);
    }
    if (headSize == 0) {
        if (zlibCode() == Z_OK)
            return Error { ErrorCode::EmptyFile, name + " is gzip-compressed but empty once inflated." };
        return Error { ErrorCode::NotACapture,
            name + " is a gzip file whose compressed data is damaged or cut off before any capture data ("
                + zlibMessage() + ")." };
    }
    if (auto rejection = checkHead(ByteView(chunk.data(), headSize)))
        return *rejection;

    auto temp = makeTemporary(displayName);
    if (!temp)
        return temp.error();
    const int tempFd = temp.value();
    auto writeFailed = [&]() -> Result<InflatedFile> {
        const int error = errno;
        ::close(tempFd);
        return Error { ErrorCode::WriteFailed,
            "Cannot inflate " + name + ": writing the temporary file failed (" + systemMessage(error) + ")." };
    };
    if (!writeAll(tempFd, chunk.data(), headSize))
        return writeFailed();
    std::uint64_t inflated = headSize;
    for (;;) {
        const int n = gzread(gz.get(), chunk.data(), kChunkSize);
        if (n <= 0)
            break;
        if (!writeAll(tempFd, chunk.data(), static_cast<std::size_t>(n)))
            return writeFailed();
        inflated += static_cast<std::uint64_t>(n);
    }

    std::string problem;
    switch (zlibCode()) {
    case Z_OK:
        break;
    case Z_BUF_ERROR:
        problem = "The gzip-compressed file is cut off: its data ends after " + std::to_string(inflated)
            + " inflated bytes, so the rest of the capture is missing.";
        break;
    case Z_ERRNO:
    case Z_MEM_ERROR: {
        const std::string message = zlibMessage();
        ::close(tempFd);
        return Error { ErrorCode::ReadFailed, "Cannot inflate " + name + ": " + message + "." };
    }
    default:
        problem = "The gzip-compressed data is damaged (" + zlibMessage() + ") after " + std::to_string(inflated)
            + " inflated bytes; the rest of the capture is lost.";
        break;
    }
    return InflatedFile { FileByteSource::adopt(tempFd, inflated), std::move(problem) };
}

} // namespace sipladder::core
