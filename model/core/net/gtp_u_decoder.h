// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "util/bytes.h"

#include <cstdint>

namespace sipladder::core {

// GTP-U (3GPP TS 29.281) as carried on UDP port 2152: version 1 G-PDUs with the optional sequence
// number, N-PDU number and extension header chain. The T-PDU is an IPv4 or IPv6 packet.
class GtpUDecoder {
public:
    static constexpr std::uint16_t kPort = 2152;

    // True for a G-PDU whose T-PDU starts with an IPv4/IPv6 version nibble; `inner` is that packet.
    static bool decode(ByteView datagram, ByteView& inner);
};

} // namespace sipladder::core
