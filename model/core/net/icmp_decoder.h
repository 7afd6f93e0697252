// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "net/sip_payload.h"
#include "util/bytes.h"

namespace sipladder::core {

// ICMP errors that quote the datagram they refer to: ICMPv4 destination unreachable (3), source
// quench (4), redirect (5), time exceeded (11), parameter problem (12); ICMPv6 types 1 to 4.
class IcmpDecoder {
public:
    // Decodes the error and its quoted IP + UDP/TCP/SCTP headers into `out` (type, code, quoted
    // endpoints, transport, and what is quoted of the transport payload). The reporter and the
    // encapsulation are left to the caller. False for other ICMP messages or too short a quote.
    static bool decodeError(ByteView message, bool isV6, IcmpErrorEvent& out);

    // Whether a quoted (often truncated) transport payload starts like a SIP message: a complete
    // start line, or a first line that the quote cuts short but that begins like one.
    static bool quotedPayloadLooksLikeSip(ByteView payload);
};

} // namespace sipladder::core
