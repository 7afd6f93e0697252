// SPDX-License-Identifier: Apache-2.0
#include "net/hep_decoder.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <random>
#include <string>
#include <vector>

using namespace sipladder::core;

namespace {

using Bytes = std::vector<std::uint8_t>;

const std::string kSip = "OPTIONS sip:bob@example.test SIP/2.0\r\nCall-ID: hep-1\r\nContent-Length: 0\r\n\r\n";

void put16(Bytes& out, std::uint16_t v)
{
    out.push_back(static_cast<std::uint8_t>(v >> 8));
    out.push_back(static_cast<std::uint8_t>(v));
}

void put32(Bytes& out, std::uint32_t v)
{
    put16(out, static_cast<std::uint16_t>(v >> 16));
    put16(out, static_cast<std::uint16_t>(v));
}

void putLe32(Bytes& out, std::uint32_t v)
{
    for (int i = 0; i < 4; ++i)
        out.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}

void chunk(Bytes& out, std::uint16_t type, const Bytes& data, std::uint16_t vendor = 0)
{
    put16(out, vendor);
    put16(out, type);
    put16(out, static_cast<std::uint16_t>(data.size() + 6));
    out.insert(out.end(), data.begin(), data.end());
}

Bytes be16(std::uint16_t v)
{
    Bytes b;
    put16(b, v);
    return b;
}

Bytes be32(std::uint32_t v)
{
    Bytes b;
    put32(b, v);
    return b;
}

Bytes text(const std::string& s)
{
    return Bytes(s.begin(), s.end());
}

// A HEPv3 packet with IPv4 addresses 192.0.2.1:5060 -> 198.51.100.2:5080 and the given payload chunk.
Bytes hepV3(const Bytes& payload, std::uint16_t payloadChunk = 15, std::uint8_t protocolType = 1)
{
    Bytes body;
    chunk(body, 1, { 2 });
    chunk(body, 2, { 17 });
    chunk(body, 3, { 192, 0, 2, 1 });
    chunk(body, 4, { 198, 51, 100, 2 });
    chunk(body, 7, be16(5060));
    chunk(body, 8, be16(5080));
    chunk(body, 9, be32(1700000000));
    chunk(body, 10, be32(123456));
    chunk(body, 11, { protocolType });
    chunk(body, 12, be32(2001));
    chunk(body, 3, { 1, 2, 3, 4, 5, 6 }, 0x0123); // a vendor chunk reusing a generic type: skipped
    chunk(body, 14, text("secret"));
    chunk(body, payloadChunk, payload);
    chunk(body, 17, text("corr-id"));
    Bytes out = text("HEP3");
    put16(out, static_cast<std::uint16_t>(body.size() + 6));
    out.insert(out.end(), body.begin(), body.end());
    return out;
}

Bytes compress(const std::string& s)
{
    uLongf size = compressBound(s.size());
    Bytes out(size);
    EXPECT_EQ(compress2(out.data(), &size, reinterpret_cast<const Bytef*>(s.data()), s.size(), 6), Z_OK);
    out.resize(size);
    return out;
}

} // namespace

TEST(HepDecoder, DecodesV3WithAddressesPortsTimeAndPayload)
{
    const Bytes packet = hepV3(text(kSip));
    ASSERT_TRUE(HepDecoder::looksLikeHep(packet));
    ASSERT_EQ(HepDecoder::packetLength(packet), packet.size());

    HepDecoder decoder;
    DissectorStats stats;
    HepPacket hep;
    ASSERT_TRUE(decoder.decode(packet, hep, stats));
    EXPECT_EQ(hep.version, 3);
    EXPECT_EQ(hep.source.toString(), "192.0.2.1:5060");
    EXPECT_EQ(hep.destination.toString(), "198.51.100.2:5080");
    EXPECT_EQ(hep.transport, Transport::Udp);
    ASSERT_TRUE(hep.timestampNs.has_value());
    EXPECT_EQ(*hep.timestampNs, 1700000000LL * 1'000'000'000 + 123456LL * 1000);
    EXPECT_EQ(hep.payloadType, 1);
    EXPECT_FALSE(hep.compressed);
    EXPECT_EQ(asText(hep.payload), kSip);
    // Zero-copy: the payload is a slice of the input.
    EXPECT_GE(hep.payload.data(), packet.data());
    EXPECT_LE(hep.payload.data() + hep.payload.size(), packet.data() + packet.size());
    EXPECT_EQ(stats.hepPackets, 1u);
    EXPECT_EQ(stats.hepNonSipPackets, 0u);
}

TEST(HepDecoder, DecodesV3Ipv6AndTcp)
{
    Bytes body;
    Bytes v6src(16, 0);
    v6src[0] = 0x20;
    v6src[1] = 0x01;
    v6src[2] = 0x0d;
    v6src[3] = 0xb8;
    v6src[15] = 1;
    Bytes v6dst = v6src;
    v6dst[15] = 2;
    chunk(body, 1, { 10 });
    chunk(body, 2, { 6 });
    chunk(body, 5, v6src);
    chunk(body, 6, v6dst);
    chunk(body, 7, be16(5061));
    chunk(body, 8, be16(5062));
    chunk(body, 15, text(kSip));
    Bytes packet = text("HEP3");
    put16(packet, static_cast<std::uint16_t>(body.size() + 6));
    packet.insert(packet.end(), body.begin(), body.end());

    HepDecoder decoder;
    DissectorStats stats;
    HepPacket hep;
    ASSERT_TRUE(decoder.decode(packet, hep, stats));
    EXPECT_EQ(hep.source.toString(), "[2001:db8::1]:5061");
    EXPECT_EQ(hep.destination.toString(), "[2001:db8::2]:5062");
    EXPECT_EQ(hep.transport, Transport::Tcp);
    EXPECT_FALSE(hep.timestampNs.has_value());
    EXPECT_EQ(hep.payloadType, 0);
    EXPECT_EQ(stats.hepNonSipPackets, 0u); // no type, but the payload starts with a SIP start line
}

TEST(HepDecoder, InflatesCompressedPayloadAndReusesItsBuffer)
{
    HepDecoder decoder;
    DissectorStats stats;
    for (int round = 0; round < 3; ++round) {
        const std::string message = kSip + std::string(static_cast<std::size_t>(round) * 5000, 'x');
        const Bytes packet = hepV3(compress(message), 16);
        HepPacket hep;
        ASSERT_TRUE(decoder.decode(packet, hep, stats));
        EXPECT_TRUE(hep.compressed);
        EXPECT_EQ(asText(hep.payload), message);
    }
    EXPECT_EQ(stats.hepPackets, 3u);
    EXPECT_EQ(stats.hepDecompressionFailures, 0u);
}

TEST(HepDecoder, CountsCorruptCompressedPayload)
{
    Bytes compressed = compress(kSip);
    compressed.resize(compressed.size() / 2);
    HepDecoder decoder;
    DissectorStats stats;
    HepPacket hep;
    EXPECT_FALSE(decoder.decode(hepV3(compressed, 16), hep, stats));
    EXPECT_EQ(stats.hepDecompressionFailures, 1u);
    EXPECT_FALSE(decoder.decode(hepV3(text("not zlib at all"), 16), hep, stats));
    EXPECT_EQ(stats.hepDecompressionFailures, 2u);
    EXPECT_EQ(stats.hepPackets, 0u);
}

TEST(HepDecoder, BoundsInflatedSize)
{
    const Bytes packet = hepV3(compress(std::string(3 << 20, 'a')), 16);
    HepDecoder decoder;
    DissectorStats stats;
    HepPacket hep;
    EXPECT_FALSE(decoder.decode(packet, hep, stats));
    EXPECT_EQ(stats.hepDecompressionFailures, 1u);
}

TEST(HepDecoder, CountsNonSipPayloadTypes)
{
    HepDecoder decoder;
    DissectorStats stats;
    HepPacket hep;
    ASSERT_TRUE(decoder.decode(hepV3(text("rtcp bytes"), 15, 5), hep, stats));
    EXPECT_EQ(hep.payloadType, 5);
    EXPECT_EQ(stats.hepNonSipPackets, 1u);
}

TEST(HepDecoder, DecodesV2WithPaddedAndPackedTimeHeader)
{
    for (std::size_t padding : { 0u, 2u }) {
        Bytes packet = { 2, 16, 2, 17 };
        put16(packet, 5060);
        put16(packet, 5070);
        packet.insert(packet.end(), { 10, 0, 0, 1, 10, 0, 0, 2 });
        putLe32(packet, 1600000000);
        putLe32(packet, 500);
        packet.insert(packet.end(), { 7, 0 });
        packet.insert(packet.end(), padding, 0);
        const Bytes sip = text(kSip);
        packet.insert(packet.end(), sip.begin(), sip.end());

        ASSERT_TRUE(HepDecoder::looksLikeHep(packet));
        EXPECT_FALSE(HepDecoder::packetLength(packet).has_value());
        HepDecoder decoder;
        DissectorStats stats;
        HepPacket hep;
        ASSERT_TRUE(decoder.decode(packet, hep, stats)) << padding;
        EXPECT_EQ(hep.version, 2);
        EXPECT_EQ(hep.source.toString(), "10.0.0.1:5060");
        EXPECT_EQ(hep.destination.toString(), "10.0.0.2:5070");
        ASSERT_TRUE(hep.timestampNs.has_value());
        EXPECT_EQ(*hep.timestampNs, 1600000000LL * 1'000'000'000 + 500'000);
        EXPECT_EQ(asText(hep.payload), kSip) << padding;
    }
}

TEST(HepDecoder, DecodesV1Ipv6)
{
    Bytes packet = { 1, 40, 10, 6 };
    put16(packet, 5060);
    put16(packet, 5060);
    Bytes addresses(32, 0);
    addresses[15] = 1;
    addresses[31] = 2;
    packet.insert(packet.end(), addresses.begin(), addresses.end());
    const Bytes sip = text(kSip);
    packet.insert(packet.end(), sip.begin(), sip.end());
    HepDecoder decoder;
    DissectorStats stats;
    HepPacket hep;
    ASSERT_TRUE(decoder.decode(packet, hep, stats));
    EXPECT_EQ(hep.version, 1);
    EXPECT_EQ(hep.transport, Transport::Tcp);
    EXPECT_EQ(hep.source.toString(), "[::1]:5060");
    EXPECT_EQ(hep.destination.toString(), "[::2]:5060");
    EXPECT_FALSE(hep.timestampNs.has_value());
    EXPECT_EQ(asText(hep.payload), kSip);
}

TEST(HepDecoder, RejectsMalformedPackets)
{
    HepDecoder decoder;
    DissectorStats stats;
    HepPacket hep;
    EXPECT_FALSE(decoder.decode(text("HEP"), hep, stats));
    EXPECT_FALSE(decoder.decode(text("HEP3"), hep, stats));
    EXPECT_FALSE(decoder.decode(Bytes { 'H', 'E', 'P', '3', 0, 3 }, hep, stats)); // total length < header
    EXPECT_FALSE(decoder.decode(Bytes { 'H', 'E', 'P', '3', 0, 6 }, hep, stats)); // no payload chunk
    EXPECT_FALSE(decoder.decode(Bytes { 2, 16, 2, 17, 0, 1 }, hep, stats)); // v2 header cut short
    EXPECT_FALSE(decoder.decode(Bytes { 2, 16, 2, 17, 0, 1, 0, 2, 1, 2, 3, 4, 5, 6, 7, 8 }, hep, stats)); // no time
    EXPECT_FALSE(HepDecoder::looksLikeHep(text("INVITE sip:x SIP/2.0")));
    EXPECT_FALSE(HepDecoder::looksLikeHep(Bytes { 2, 17, 2, 17, 0, 0, 0, 0 }));

    // A chunk whose length is zero (below its own header) stops the walk before the payload.
    Bytes zeroLength = text("HEP3");
    Bytes body;
    put16(body, 0);
    put16(body, 7);
    put16(body, 0);
    chunk(body, 15, text(kSip));
    put16(zeroLength, static_cast<std::uint16_t>(body.size() + 6));
    zeroLength.insert(zeroLength.end(), body.begin(), body.end());
    EXPECT_FALSE(decoder.decode(zeroLength, hep, stats));

    // A payload chunk longer than the packet is not read past the end.
    Bytes overlong = hepV3(text(kSip));
    overlong.resize(overlong.size() - 20);
    EXPECT_FALSE(decoder.decode(overlong, hep, stats));
    EXPECT_EQ(stats.hepPackets, 0u);
}

TEST(HepDecoder, SurvivesRandomAndMutatedInput)
{
    std::mt19937 rng(1234);
    HepDecoder decoder;
    DissectorStats stats;
    const Bytes good = hepV3(text(kSip));
    const Bytes goodCompressed = hepV3(compress(kSip), 16);
    for (int i = 0; i < 20000; ++i) {
        Bytes input;
        switch (i % 3) {
        case 0:
            input.resize(rng() % 200);
            for (auto& b : input)
                b = static_cast<std::uint8_t>(rng());
            if (input.size() >= 4 && (i & 8))
                std::copy_n("HEP3", 4, input.begin());
            break;
        case 1:
        case 2: {
            input = (i % 3 == 1) ? good : goodCompressed;
            const int flips = 1 + static_cast<int>(rng() % 4);
            for (int f = 0; f < flips; ++f)
                input[rng() % input.size()] = static_cast<std::uint8_t>(rng());
            input.resize(rng() % (input.size() + 1));
            break;
        }
        }
        HepPacket hep;
        if (decoder.decode(input, hep, stats) && !hep.compressed) {
            ASSERT_GE(hep.payload.data(), input.data());
            ASSERT_LE(hep.payload.data() + hep.payload.size(), input.data() + input.size());
        }
        (void)HepDecoder::looksLikeHep(input);
        (void)HepDecoder::packetLength(input);
    }
    EXPECT_GT(stats.hepPackets, 0u);
}
