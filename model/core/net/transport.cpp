// SPDX-License-Identifier: Apache-2.0
#include "net/transport.h"

namespace sipladder::core {

std::string_view transportName(Transport transport)
{
    switch (transport) {
    case Transport::Udp:
        return "udp";
    case Transport::Tcp:
        return "tcp";
    case Transport::Sctp:
        return "sctp";
    case Transport::Tls:
        return "tls";
    case Transport::WebSocket:
        return "ws";
    case Transport::Unknown:
        break;
    }
    return "unknown";
}

} // namespace sipladder::core
