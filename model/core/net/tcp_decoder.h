// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "util/bytes.h"

#include <cstdint>

namespace sipladder::core {

struct TcpHeader {
    std::uint16_t sourcePort = 0;
    std::uint16_t destinationPort = 0;
    std::uint32_t sequence = 0;
    std::uint32_t acknowledgment = 0;
    std::uint8_t flags = 0; // TcpFlag bits (FIN, SYN, RST, PSH, ACK; URG/ECE/CWR also kept)
    ByteView payload;
};

class TcpDecoder {
public:
    // False when the header (with its options) is cut or the data offset is below 5 words.
    static bool decode(ByteView segment, TcpHeader& out);
};

} // namespace sipladder::core
