// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "net/encapsulation.h"
#include "util/bytes.h"

#include <cstdint>

namespace sipladder::core {

// What a GRE packet carries once its own headers (and an ERSPAN header) are removed.
enum class GreContent : std::uint8_t {
    EtherType, // `payload` is announced by `etherType` (IPv4, IPv6, MPLS...): see LinkDecoder::decodeEtherType
    Ethernet, // a whole Ethernet frame: transparent Ethernet bridging or ERSPAN
    Ppp, // a PPP frame from enhanced GRE (PPTP)
    Nothing, // a keep-alive or acknowledgement without payload, or an unsupported protocol/version
};

struct GreTunnel {
    GreContent content = GreContent::Nothing;
    std::uint16_t etherType = 0; // the GRE protocol type field
    ByteView payload;
    EncapsulationSet encapsulation; // Gre, plus EthernetOverGre or Erspan
};

// GRE version 0 (RFC 2784 with the RFC 2890 key and sequence extensions) and version 1 (enhanced
// GRE, RFC 2637). ERSPAN type I (0x88BE without a sequence number), type II (0x88BE with one,
// 8-byte header) and type III (0x22EB, 12-byte header plus an 8-byte platform sub-header when the
// O flag is set) are unwrapped to their mirrored Ethernet frame.
class GreDecoder {
public:
    // False when the header is truncated or malformed.
    static bool decode(ByteView packet, GreTunnel& out);
};

} // namespace sipladder::core
