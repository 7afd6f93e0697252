// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "net/endpoint.h"

#include <array>
#include <cstdint>

namespace sipladder::core {

// A TCP connection direction that carried SIP, with the frames that opened it (its SYN and the
// peer's SYN-ACK, those the capture holds): a pcap export of any of its messages copies them, so
// that the copied stream starts where the connection did, also when two connections used the same
// addresses and ports one after the other.
struct TcpConnection {
    std::uint32_t fileIndex = 0;
    Endpoint source;
    Endpoint destination;
    std::array<std::uint64_t, 2> openingFrames {}; // ascending; the first `openingFrameCount` are set
    std::uint8_t openingFrameCount = 0;

    std::uint64_t firstFrame() const { return openingFrames[0]; }
};

} // namespace sipladder::core
