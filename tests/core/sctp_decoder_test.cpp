// SPDX-License-Identifier: Apache-2.0
#include "net/sctp_decoder.h"

#include "support/packet_builder.h"

#include <gtest/gtest.h>

using namespace sipladder::core;
using sipladder::testing::PacketBuilder;
using sipladder::testing::SctpChunkSpec;

namespace {

const Endpoint kAlice { IpAddress::v4(192, 0, 2, 1), 5060 };
const Endpoint kBob { IpAddress::v4(198, 51, 100, 7), 5060 };

} // namespace

TEST(SctpDecoder, HeaderAndDataChunksAmongOthersWithPadding)
{
    const std::uint8_t sack[12] = { 0, 0, 0, 4, 0, 0, 0x10, 0, 0, 0, 0, 0 };
    SctpChunkSpec chunks[4];
    chunks[0].type = 3; // SACK first
    chunks[0].userData = ByteView(sack, sizeof sack);
    chunks[1].userData = asBytes("odd");
    chunks[1].tsn = 100;
    chunks[1].stream = 2;
    chunks[1].messageId = 7;
    chunks[1].payloadProtocol = 0x2A;
    chunks[2].type = 64;
    chunks[2].userData = asBytes("i-data fragment");
    chunks[2].tsn = 101;
    chunks[2].messageId = 0x01020304;
    chunks[2].beginning = false;
    chunks[2].fragmentSequence = 3;
    chunks[2].unordered = true;
    chunks[3].type = 6; // ABORT, skipped
    PacketBuilder builder;
    builder.sctp(kAlice, kBob, chunks, 0xCAFEBABE);

    SctpHeader header;
    ASSERT_TRUE(SctpDecoder::decodeHeader(builder.bytes(), header));
    EXPECT_EQ(header.sourcePort, 5060);
    EXPECT_EQ(header.destinationPort, 5060);
    EXPECT_EQ(header.verificationTag, 0xCAFEBABEu);

    auto remaining = header.chunks;
    SctpDataChunk chunk;
    ASSERT_TRUE(SctpDecoder::nextDataChunk(remaining, chunk));
    EXPECT_FALSE(chunk.iData);
    EXPECT_TRUE(chunk.beginning);
    EXPECT_TRUE(chunk.ending);
    EXPECT_FALSE(chunk.unordered);
    EXPECT_EQ(chunk.tsn, 100u);
    EXPECT_EQ(chunk.stream, 2);
    EXPECT_EQ(chunk.messageId, 7u);
    EXPECT_EQ(chunk.fragmentSequence, 100u);
    EXPECT_EQ(chunk.payloadProtocol, 0x2Au);
    EXPECT_EQ(asText(chunk.userData), "odd"); // the padding byte is not part of the data

    ASSERT_TRUE(SctpDecoder::nextDataChunk(remaining, chunk));
    EXPECT_TRUE(chunk.iData);
    EXPECT_FALSE(chunk.beginning);
    EXPECT_TRUE(chunk.unordered);
    EXPECT_EQ(chunk.messageId, 0x01020304u);
    EXPECT_EQ(chunk.fragmentSequence, 3u);
    EXPECT_EQ(asText(chunk.userData), "i-data fragment");

    EXPECT_FALSE(SctpDecoder::nextDataChunk(remaining, chunk));
    EXPECT_TRUE(remaining.empty());
}

TEST(SctpDecoder, MalformedAndTruncatedChunkLists)
{
    SctpChunkSpec chunk;
    chunk.userData = asBytes("INVITE sip:x SIP/2.0");
    PacketBuilder builder;
    builder.sctp(kAlice, kBob, std::span(&chunk, 1));
    const auto bytes = builder.bytes();
    SctpHeader header;
    EXPECT_FALSE(SctpDecoder::decodeHeader(bytes.first(11), header));
    // Cut inside the chunk header: nothing; cut inside the data: what was captured.
    for (std::size_t length = 12; length < bytes.size(); ++length) {
        ASSERT_TRUE(SctpDecoder::decodeHeader(bytes.first(length), header));
        auto remaining = header.chunks;
        SctpDataChunk data;
        const bool found = SctpDecoder::nextDataChunk(remaining, data);
        EXPECT_EQ(found, length >= 12 + 16) << length;
        if (found) {
            EXPECT_EQ(data.userData.size(), length - 28);
        }
    }
    std::vector<std::uint8_t> zeroLength(bytes.begin(), bytes.end());
    zeroLength[14] = 0;
    zeroLength[15] = 0;
    ASSERT_TRUE(SctpDecoder::decodeHeader(zeroLength, header));
    auto remaining = header.chunks;
    SctpDataChunk data;
    EXPECT_FALSE(SctpDecoder::nextDataChunk(remaining, data));
    EXPECT_TRUE(remaining.empty());
}
