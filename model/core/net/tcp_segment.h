// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "net/encapsulation.h"
#include "net/endpoint.h"
#include "util/bytes.h"

#include <cstdint>
#include <span>

namespace sipladder::core {

enum TcpFlag : std::uint8_t {
    TcpFin = 0x01,
    TcpSyn = 0x02,
    TcpRst = 0x04,
    TcpPsh = 0x08,
    TcpAck = 0x10,
};

// A decoded TCP segment (header fields the reassembler needs, and its payload).
struct TcpSegment {
    Endpoint source;
    Endpoint destination;
    EncapsulationSet encapsulation;
    std::uint32_t sequence = 0;
    std::uint32_t acknowledgment = 0;
    std::uint8_t flags = 0;
    ByteView payload; // points into the frame or into a reassembled IP datagram
    // Every frame that carried the segment when it came in a reassembled IP datagram; empty means
    // the frame being dissected alone.
    std::span<const std::uint64_t> frames;
};

} // namespace sipladder::core
