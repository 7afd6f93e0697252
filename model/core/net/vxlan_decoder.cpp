// SPDX-License-Identifier: Apache-2.0
#include "net/vxlan_decoder.h"

namespace sipladder::core {

namespace {

constexpr std::size_t kHeader = 8;
constexpr std::uint8_t kFlagVniValid = 0x08;

} // namespace

bool VxlanDecoder::decode(ByteView datagram, ByteView& innerEthernet)
{
    if (datagram.size() < kHeader || (datagram[0] & kFlagVniValid) == 0)
        return false;
    innerEthernet = datagram.subspan(kHeader);
    return true;
}

} // namespace sipladder::core
