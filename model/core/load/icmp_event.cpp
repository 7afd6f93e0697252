// SPDX-License-Identifier: Apache-2.0
#include "load/icmp_event.h"

namespace sipladder::core {

const char* IcmpEvent::description() const
{
    if (isV6) {
        switch (type) {
        case 1:
            switch (code) {
            case 0:
                return "no route to destination";
            case 1:
                return "administratively prohibited";
            case 3:
                return "address unreachable";
            case 4:
                return "port unreachable";
            default:
                return "destination unreachable";
            }
        case 2:
            return "packet too big";
        case 3:
            return "hop limit exceeded";
        case 4:
            return "parameter problem";
        default:
            return "ICMPv6 error";
        }
    }
    switch (type) {
    case 3:
        switch (code) {
        case 0:
            return "network unreachable";
        case 1:
            return "host unreachable";
        case 2:
            return "protocol unreachable";
        case 3:
            return "port unreachable";
        case 4:
            return "fragmentation needed";
        case 9:
        case 10:
        case 13:
            return "administratively prohibited";
        default:
            return "destination unreachable";
        }
    case 4:
        return "source quench";
    case 5:
        return "redirect";
    case 11:
        return "TTL exceeded";
    case 12:
        return "parameter problem";
    default:
        return "ICMP error";
    }
}

} // namespace sipladder::core
