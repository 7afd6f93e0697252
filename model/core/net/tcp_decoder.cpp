// SPDX-License-Identifier: Apache-2.0
#include "net/tcp_decoder.h"

namespace sipladder::core {

bool TcpDecoder::decode(ByteView segment, TcpHeader& out)
{
    constexpr std::size_t kMinHeader = 20;
    if (segment.size() < kMinHeader)
        return false;
    const auto* p = segment.data();
    const std::size_t headerLength = std::size_t(p[12] >> 4) * 4;
    if (headerLength < kMinHeader || segment.size() < headerLength)
        return false;
    out.sourcePort = readBe16(p);
    out.destinationPort = readBe16(p + 2);
    out.sequence = readBe32(p + 4);
    out.acknowledgment = readBe32(p + 8);
    out.flags = p[13];
    out.payload = segment.subspan(headerLength);
    return true;
}

} // namespace sipladder::core
