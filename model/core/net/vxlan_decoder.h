// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "util/bytes.h"

#include <cstdint>

namespace sipladder::core {

// VXLAN (RFC 7348) on UDP port 4789: an 8-byte header with the I flag, then an Ethernet frame.
class VxlanDecoder {
public:
    static constexpr std::uint16_t kPort = 4789;

    // True when the header is present with the VNI-valid flag; `innerEthernet` is the frame after it.
    static bool decode(ByteView datagram, ByteView& innerEthernet);
};

} // namespace sipladder::core
