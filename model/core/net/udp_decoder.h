// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "util/bytes.h"

#include <cstdint>

namespace sipladder::core {

struct UdpHeader {
    std::uint16_t sourcePort = 0;
    std::uint16_t destinationPort = 0;
    ByteView payload;
};

class UdpDecoder {
public:
    // The payload is bounded by the UDP length when it is plausible, else by the capture: a length
    // of 0 is used by jumbograms and segmentation offload, and a length beyond the capture is a
    // snap length cut or a corrupt field (tshark still dissects the payload then). False when the
    // header is cut.
    static bool decode(ByteView segment, UdpHeader& out);
};

} // namespace sipladder::core
