// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <string>

namespace sipladder::core {

// A file that message bytes are read back from when a view needs them (the capture itself, an
// inflated copy of a .gz capture, or the loader's store of reassembled messages).
class ByteSource {
public:
    virtual ~ByteSource() = default;
    // Reads exactly `length` bytes at `offset` into `out`; false when the file is gone or short.
    virtual bool read(std::uint64_t offset, std::uint32_t length, std::string& out) const = 0;
};

} // namespace sipladder::core
