// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "util/bytes.h"

#include <cstdint>
#include <limits>

namespace sipladder::core {

// Link-layer header types, numbered as pcap's LINKTYPE_* values (which is what files store).
enum class LinkType : std::uint32_t {
    Null = 0,
    Ethernet = 1,
    Ppp = 9,
    Raw = 101,
    Loop = 108,
    LinuxSll = 113,
    Ipv4 = 228,
    Ipv6 = 229,
    LinuxSll2 = 276,
};

inline constexpr std::uint64_t kUnknownFileOffset = std::numeric_limits<std::uint64_t>::max();

// One captured frame as a reader hands it out; `data` is only valid until the reader's next call.
struct RawFrame {
    std::uint64_t frameNumber = 0; // 1-based within its file, as in Wireshark
    std::int64_t timestampNs = 0; // nanoseconds since the Unix epoch, UTC
    std::uint32_t linkType = 0; // a LinkType value (unknown values are passed through)
    std::uint32_t originalLength = 0; // length on the wire; data.size() is the captured length
    ByteView data;
    std::uint64_t dataFileOffset = kUnknownFileOffset; // where data[0] is in the (possibly inflated) file
};

} // namespace sipladder::core
