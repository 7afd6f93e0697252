// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "util/bytes.h"

#include <cstddef>
#include <cstdint>

namespace sipladder::core {

enum class DatagramKind : std::uint8_t {
    Sip, // `sip` starts with a SIP start line (leading CR/LF skipped)
    SipAfterJunk, // to or from a SIP port, non-SIP bytes precede a SIP start line at a line start
    KeepAlive, // only CR, LF, space or tab (RFC 5626 keep-alives and the like)
    NotSip,
};

struct DatagramScan {
    DatagramKind kind = DatagramKind::NotSip;
    ByteView sip; // from the start line to the end of the datagram
    std::size_t skippedBytes = 0; // CR/LF or junk before `sip`
};

// Content-based SIP recognition for one whole datagram (a UDP payload, an SCTP user message, a
// HEP payload). SIP is recognised on every port; the junk rule applies to SIP ports only.
class DatagramSipDetector {
public:
    // How far into a datagram to a SIP port a start line is looked for behind junk.
    static constexpr std::size_t kJunkSearchLimit = 512;

    static bool isSipPort(std::uint16_t port) { return port == 5060 || port == 5061; }

    static DatagramScan scan(ByteView datagram, bool sipPort);
};

} // namespace sipladder::core
