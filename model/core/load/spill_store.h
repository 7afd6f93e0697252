// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "capture/byte_source.h"
#include "util/bytes.h"

#include <cstdint>
#include <string>
#include <vector>

namespace sipladder::core {

// Keeps the bytes of messages that are not a slice of one captured frame (reassembled from IP
// fragments or TCP segments, unmasked WebSocket, inflated HEP) in an anonymous temporary file, so
// the capture is never held in memory and every message can still be read back by offset.
class SpillStore final : public ByteSource {
public:
    SpillStore();
    ~SpillStore() override;
    SpillStore(const SpillStore&) = delete;
    SpillStore& operator=(const SpillStore&) = delete;

    // False when no temporary file could be made; then append() keeps bytes in memory instead.
    bool usesFile() const { return m_fd >= 0; }
    std::uint64_t append(ByteView bytes);
    // Writes out what is buffered; call once loading is done, before reading.
    void flush();

    bool read(std::uint64_t offset, std::uint32_t length, std::string& out) const override;

private:
    int m_fd = -1;
    std::uint64_t m_size = 0;
    std::uint64_t m_flushed = 0;
    std::vector<std::uint8_t> m_buffer;
};

} // namespace sipladder::core
