// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "sip/sip_message.h"
#include "util/bytes.h"

#include <string_view>

namespace sipladder::core {

// Zero-copy, tolerant SIP message parser. Accepts CRLF or bare LF line ends, leading CR/LF
// keep-alives, whitespace before the colon, empty values, obsolete line folding, compact header
// names and duplicate headers. A malformed message that is still recognisably SIP is returned with
// SipProblems set rather than dropped. No allocation per message once `out` has grown its header
// vector (folded headers behind the computed fields are the rare exception).
class SipParser {
public:
    // Parses `bytes` into `out` (views into `bytes`). `datagram` is true for a whole UDP/SCTP/HEP/
    // WebSocket payload: the body is then cut at Content-Length and bytes after it are ignored
    // (RFC 3261 §18.3); without Content-Length the body is the rest. For a message already framed
    // out of a stream (`datagram` false) the body is the rest of `bytes`. Returns false only when
    // nothing SIP-like is there (out.problems() then has BadStartLine and out is otherwise empty).
    bool parse(ByteView bytes, SipMessage& out, bool datagram);

private:
    static bool parseStartLine(std::string_view line, SipMessage& out);
    static void parseHeaders(
        const char* begin, const char* p, const char* end, SipMessage& out, const char*& bodyStart);
    static void computeFields(SipMessage& out, std::size_t headerBlockSize);
    static void computeBody(SipMessage& out, const char* bodyStart, const char* end, bool datagram);
    static std::string_view settledValue(SipMessage& out, const SipHeader& header, std::size_t headerBlockSize);
};

} // namespace sipladder::core
