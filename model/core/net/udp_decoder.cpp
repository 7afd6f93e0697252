// SPDX-License-Identifier: Apache-2.0
#include "net/udp_decoder.h"

namespace sipladder::core {

bool UdpDecoder::decode(ByteView segment, UdpHeader& out)
{
    constexpr std::size_t kHeader = 8;
    if (segment.size() < kHeader)
        return false;
    const auto* p = segment.data();
    out.sourcePort = readBe16(p);
    out.destinationPort = readBe16(p + 2);
    const std::size_t length = readBe16(p + 4);
    std::size_t end = segment.size();
    if (length >= kHeader && length < end)
        end = length;
    out.payload = segment.subspan(kHeader, end - kHeader);
    return true;
}

} // namespace sipladder::core
