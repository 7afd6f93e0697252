// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "flow/message_record.h"
#include "net/endpoint.h"
#include "net/transport.h"

#include <cstdint>

namespace sipladder::core {

// An ICMP error that quotes a SIP datagram, kept as an event of the call it concerns (it explains
// time-outs); never counted as a SIP message.
struct IcmpEvent {
    std::int64_t timestampNs = 0;
    std::uint64_t frameNumber = 0;
    std::uint32_t fileIndex = 0;
    std::uint32_t callIndex = kNoIndex; // from the quoted Call-ID, or the last call sent to that address
    bool isV6 = false;
    std::uint8_t type = 0;
    std::uint8_t code = 0;
    Endpoint reporter;
    Endpoint quotedSource;
    Endpoint quotedDestination;
    Transport quotedTransport = Transport::Udp;

    // "port unreachable", "host unreachable", "administratively prohibited", "TTL exceeded", ...
    const char* description() const;
};

} // namespace sipladder::core
