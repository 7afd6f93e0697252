// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "capture/byte_source.h"
#include "util/result.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace sipladder::core {

// A regular file opened once and read by position (pread), so any number of threads can read it
// at once. It also stands for an inflated .gz capture: that temporary is unlinked as soon as it is
// created and lives exactly as long as this object's descriptor (and any reader's duplicate of it).
class FileByteSource final : public ByteSource {
public:
    // Opens a regular file; errors name it (missing, permission, directory, not a regular file).
    static Result<std::shared_ptr<FileByteSource>> open(const std::string& path);
    // Takes ownership of an open descriptor of a regular file (e.g. an unlinked temporary).
    static std::shared_ptr<FileByteSource> adopt(int fd, std::uint64_t size);

    ~FileByteSource() override;
    FileByteSource(const FileByteSource&) = delete;
    FileByteSource& operator=(const FileByteSource&) = delete;

    bool read(std::uint64_t offset, std::uint32_t length, std::string& out) const override;
    // Reads up to `length` bytes at `offset` into `out`; returns how many were read (short at the
    // end of the file), or -1 on an I/O error.
    std::int64_t readSome(std::uint64_t offset, std::size_t length, std::uint8_t* out) const;

    int fd() const { return m_fd; }
    // Size when the file was opened.
    std::uint64_t size() const { return m_size; }

private:
    FileByteSource(int fd, std::uint64_t size);

    int m_fd = -1;
    std::uint64_t m_size = 0;
};

} // namespace sipladder::core
