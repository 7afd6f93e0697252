// SPDX-License-Identifier: Apache-2.0
#include "net/sctp_decoder.h"

namespace sipladder::core {

namespace {

constexpr std::size_t kCommonHeader = 12;
constexpr std::size_t kChunkHeader = 4;
constexpr std::size_t kDataHeader = 16;
constexpr std::size_t kIDataHeader = 20;
constexpr std::uint8_t kChunkData = 0;
constexpr std::uint8_t kChunkIData = 64;

} // namespace

bool SctpDecoder::decodeHeader(ByteView packet, SctpHeader& out)
{
    if (packet.size() < kCommonHeader)
        return false;
    out.sourcePort = readBe16(packet.data());
    out.destinationPort = readBe16(packet.data() + 2);
    out.verificationTag = readBe32(packet.data() + 4);
    out.chunks = packet.subspan(kCommonHeader);
    return true;
}

bool SctpDecoder::nextDataChunk(ByteView& chunks, SctpDataChunk& out)
{
    while (chunks.size() >= kChunkHeader) {
        const std::uint8_t type = chunks[0];
        const std::uint8_t flags = chunks[1];
        const std::size_t length = readBe16(chunks.data() + 2);
        if (length < kChunkHeader) {
            chunks = {};
            return false;
        }
        // The last chunk of a truncated capture is cut; what was captured of it is still used.
        const std::size_t available = length < chunks.size() ? length : chunks.size();
        const auto chunk = chunks.first(available);
        const std::size_t padded = (length + 3) & ~std::size_t(3);
        chunks = padded < chunks.size() ? chunks.subspan(padded) : ByteView {};

        if (type != kChunkData && type != kChunkIData)
            continue;
        const bool iData = type == kChunkIData;
        const std::size_t headerLength = iData ? kIDataHeader : kDataHeader;
        if (chunk.size() < headerLength)
            return false;
        const auto* p = chunk.data();
        out.iData = iData;
        out.ending = (flags & 0x01) != 0;
        out.beginning = (flags & 0x02) != 0;
        out.unordered = (flags & 0x04) != 0;
        out.tsn = readBe32(p + 4);
        out.stream = readBe16(p + 8);
        if (iData) {
            out.messageId = readBe32(p + 12);
            const std::uint32_t ppidOrFsn = readBe32(p + 16);
            out.payloadProtocol = out.beginning ? ppidOrFsn : 0;
            out.fragmentSequence = out.beginning ? 0 : ppidOrFsn;
        } else {
            out.messageId = readBe16(p + 10);
            out.payloadProtocol = readBe32(p + 12);
            out.fragmentSequence = out.tsn;
        }
        out.userData = chunk.subspan(headerLength);
        return true;
    }
    chunks = {};
    return false;
}

} // namespace sipladder::core
