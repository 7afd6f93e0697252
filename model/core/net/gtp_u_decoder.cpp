// SPDX-License-Identifier: Apache-2.0
#include "net/gtp_u_decoder.h"

namespace sipladder::core {

namespace {

constexpr std::uint8_t kMessageGPdu = 0xFF;
constexpr std::size_t kMandatoryHeader = 8;
constexpr std::size_t kOptionalFields = 4;
// Extension headers are few in practice; a long chain is crafted or garbage.
constexpr int kMaxExtensionHeaders = 16;

} // namespace

bool GtpUDecoder::decode(ByteView datagram, ByteView& inner)
{
    if (datagram.size() < kMandatoryHeader)
        return false;
    const std::uint8_t flags = datagram[0];
    const bool version1 = (flags >> 5) == 1;
    const bool protocolTypeGtp = (flags & 0x10) != 0;
    if (!version1 || !protocolTypeGtp || datagram[1] != kMessageGPdu)
        return false;
    const bool hasExtension = (flags & 0x04) != 0;
    const bool hasOptional = (flags & 0x07) != 0;

    // The length field counts everything after the mandatory header.
    const std::size_t length = readBe16(datagram.data() + 2);
    std::size_t end = kMandatoryHeader + length;
    if (end > datagram.size())
        end = datagram.size();
    std::size_t offset = kMandatoryHeader;
    if (hasOptional) {
        if (end < offset + kOptionalFields)
            return false;
        std::uint8_t nextType = datagram[offset + 3];
        offset += kOptionalFields;
        int count = 0;
        while (hasExtension && nextType != 0) {
            if (++count > kMaxExtensionHeaders || end < offset + 1)
                return false;
            // Each extension header's length is in 4-byte units and includes its length and next-type bytes.
            const std::size_t extensionLength = std::size_t(datagram[offset]) * 4;
            if (extensionLength == 0 || end < offset + extensionLength)
                return false;
            nextType = datagram[offset + extensionLength - 1];
            offset += extensionLength;
        }
    }
    if (offset >= end)
        return false;
    const auto version = datagram[offset] >> 4;
    if (version != 4 && version != 6)
        return false;
    inner = datagram.subspan(offset, end - offset);
    return true;
}

} // namespace sipladder::core
