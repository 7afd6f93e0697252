// SPDX-License-Identifier: Apache-2.0
#include "net/datagram_sip_detector.h"

#include "sip/sip_start_line.h"

namespace sipladder::core {

DatagramScan DatagramSipDetector::scan(ByteView datagram, bool sipPort)
{
    DatagramScan result;
    std::size_t offset = 0;
    while (offset < datagram.size() && (datagram[offset] == '\r' || datagram[offset] == '\n'))
        ++offset;
    if (offset < datagram.size() && looksLikeSipStart(datagram.subspan(offset))) {
        result.kind = DatagramKind::Sip;
        result.sip = datagram.subspan(offset);
        result.skippedBytes = offset;
        return result;
    }
    std::size_t blank = offset;
    while (blank < datagram.size()
        && (datagram[blank] == '\r' || datagram[blank] == '\n' || datagram[blank] == ' ' || datagram[blank] == '\t'))
        ++blank;
    if (blank == datagram.size()) {
        result.kind = datagram.empty() ? DatagramKind::NotSip : DatagramKind::KeepAlive;
        return result;
    }
    if (sipPort) {
        // findSipStart only tries line starts, so a start line must follow an LF in the junk.
        if (auto start = findSipStart(datagram, offset, kJunkSearchLimit); start && *start > offset) {
            result.kind = DatagramKind::SipAfterJunk;
            result.sip = datagram.subspan(*start);
            result.skippedBytes = *start;
            return result;
        }
    }
    return result;
}

} // namespace sipladder::core
