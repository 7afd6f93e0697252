// SPDX-License-Identifier: Apache-2.0
#include "net/sctp_reassembler.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

using namespace sipladder::core;

namespace {

const Endpoint kAlice { IpAddress::v4(192, 0, 2, 1), 5060 };
const Endpoint kBob { IpAddress::v4(198, 51, 100, 7), 5060 };

// Splits `text` into DATA (or I-DATA) fragments of `size` bytes starting at `tsn`.
std::vector<SctpDataChunk> split(const std::string& text, std::size_t size, std::uint32_t tsn, std::uint16_t stream,
    std::uint32_t messageId, bool iData = false)
{
    std::vector<SctpDataChunk> chunks;
    for (std::size_t offset = 0, index = 0; offset < text.size(); offset += size, ++index) {
        SctpDataChunk chunk;
        chunk.iData = iData;
        chunk.stream = stream;
        chunk.tsn = tsn + static_cast<std::uint32_t>(index);
        chunk.messageId = messageId;
        chunk.fragmentSequence = iData ? static_cast<std::uint32_t>(index) : chunk.tsn;
        chunk.beginning = offset == 0;
        chunk.ending = offset + size >= text.size();
        chunk.userData = asBytes(text).subspan(offset, std::min(size, text.size() - offset));
        chunks.push_back(chunk);
    }
    return chunks;
}

std::string message(char fill, std::size_t length)
{
    std::string text = "MESSAGE sip:bob@example.test SIP/2.0\r\n";
    text.append(length - text.size(), fill);
    return text;
}

} // namespace

TEST(SctpReassembler, DataFragmentsInAnyOrderAcrossATsnWrap)
{
    const auto text = message('a', 3000);
    SctpReassembler reassembler({});
    auto chunks = split(text, 700, 0xFFFFFFFEu, 1, 9);
    ASSERT_EQ(chunks.size(), 5u);
    std::rotate(chunks.begin(), chunks.begin() + 2, chunks.end());
    SctpMessage out;
    for (std::size_t i = 0; i + 1 < chunks.size(); ++i)
        EXPECT_EQ(reassembler.push(kAlice, kBob, chunks[i], 10 + i, out), SctpPushResult::Pending);
    ASSERT_EQ(reassembler.push(kAlice, kBob, chunks.back(), 20, out), SctpPushResult::Complete);
    EXPECT_EQ(asText(out.bytes), text);
    EXPECT_EQ(out.firstFrameNumber, 10u);
    EXPECT_EQ(reassembler.pendingCount(), 0u);
}

TEST(SctpReassembler, IDataInterleavedMessagesOnOneStream)
{
    const auto first = message('x', 1500);
    const auto second = message('y', 1500);
    SctpReassembler reassembler({});
    auto a = split(first, 600, 1, 3, 100, true);
    auto b = split(second, 600, 10, 3, 101, true);
    SctpMessage out;
    EXPECT_EQ(reassembler.push(kAlice, kBob, a[0], 1, out), SctpPushResult::Pending);
    EXPECT_EQ(reassembler.push(kAlice, kBob, b[0], 2, out), SctpPushResult::Pending);
    EXPECT_EQ(reassembler.push(kAlice, kBob, b[2], 3, out), SctpPushResult::Pending);
    EXPECT_EQ(reassembler.push(kAlice, kBob, a[2], 4, out), SctpPushResult::Pending);
    ASSERT_EQ(reassembler.push(kAlice, kBob, b[1], 5, out), SctpPushResult::Complete);
    EXPECT_EQ(asText(out.bytes), second);
    ASSERT_EQ(reassembler.push(kAlice, kBob, a[1], 6, out), SctpPushResult::Complete);
    EXPECT_EQ(asText(out.bytes), first);
}

TEST(SctpReassembler, DuplicatesAndOtherAssociationsDoNotMix)
{
    const auto text = message('d', 1000);
    SctpReassembler reassembler({});
    auto chunks = split(text, 400, 50, 0, 1);
    const auto reverseText = message('r', 1000);
    auto reverse = split(reverseText, 400, 50, 0, 1);
    SctpMessage out;
    EXPECT_EQ(reassembler.push(kAlice, kBob, chunks[0], 1, out), SctpPushResult::Pending);
    EXPECT_EQ(reassembler.push(kBob, kAlice, reverse[0], 2, out), SctpPushResult::Pending);
    EXPECT_EQ(reassembler.push(kAlice, kBob, chunks[0], 3, out), SctpPushResult::Pending); // retransmitted
    EXPECT_EQ(reassembler.push(kAlice, kBob, chunks[2], 4, out), SctpPushResult::Pending);
    ASSERT_EQ(reassembler.push(kAlice, kBob, chunks[1], 5, out), SctpPushResult::Complete);
    EXPECT_EQ(asText(out.bytes), text);
    EXPECT_EQ(reassembler.pendingCount(), 1u);
    const auto left = reassembler.finish();
    ASSERT_EQ(left.size(), 1u);
    EXPECT_EQ(left[0], 2u);
}

TEST(SctpReassembler, BoundedByBytesAndByMessageCount)
{
    DissectorLimits limits;
    limits.maxSctpPendingBytes = 1000;
    SctpReassembler reassembler(limits);
    const auto big = message('b', 1500);
    auto chunks = split(big, 600, 1, 0, 1);
    SctpMessage out;
    EXPECT_EQ(reassembler.push(kAlice, kBob, chunks[0], 1, out), SctpPushResult::Pending);
    EXPECT_EQ(reassembler.push(kAlice, kBob, chunks[1], 2, out), SctpPushResult::Dropped);
    EXPECT_EQ(reassembler.pendingCount(), 0u);

    const auto small = message('c', 200);
    for (std::uint32_t i = 0; i < SctpReassembler::kMaxPendingMessages + 5; ++i) {
        auto pieces = split(small, 100, 1000 * i, 1, i);
        EXPECT_EQ(reassembler.push(kAlice, kBob, pieces[0], i, out), SctpPushResult::Pending);
    }
    EXPECT_EQ(reassembler.evictedCount(), 5u);
    EXPECT_EQ(reassembler.pendingCount(), SctpReassembler::kMaxPendingMessages);
    // The newest ones are still there and complete.
    auto last = split(small, 100, 1000 * (SctpReassembler::kMaxPendingMessages + 4), 1,
        SctpReassembler::kMaxPendingMessages + 4);
    EXPECT_EQ(reassembler.push(kAlice, kBob, last[1], 9999, out), SctpPushResult::Complete);
}
