// SPDX-License-Identifier: Apache-2.0
#include "support/simple_sip_messages.h"

namespace sipladder::testing {

std::string simpleInvite(const std::string& callId, int bodyBytes)
{
    const std::string body(static_cast<std::size_t>(bodyBytes), 'v');
    return "INVITE sip:bob@example.test SIP/2.0\r\n"
           "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-"
        + callId
        + "\r\n"
          "From: <sip:alice@example.test>;tag=1\r\n"
          "To: <sip:bob@example.test>\r\n"
          "Call-ID: "
        + callId + "\r\nCSeq: 1 INVITE\r\nContent-Type: text/plain\r\nContent-Length: " + std::to_string(body.size())
        + "\r\n\r\n" + body;
}

std::string simpleOk(const std::string& callId)
{
    return "SIP/2.0 200 OK\r\n"
           "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK-"
        + callId
        + "\r\n"
          "From: <sip:alice@example.test>;tag=1\r\n"
          "To: <sip:bob@example.test>;tag=2\r\n"
          "Call-ID: "
        + callId + "\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n";
}

} // namespace sipladder::testing
