// SPDX-License-Identifier: Apache-2.0
#include "net/packet_dissector.h"

#include "support/packet_builder.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

using namespace sipladder::core;
using sipladder::testing::ErspanType;
using sipladder::testing::GtpUOptions;
using sipladder::testing::IpOptions;
using sipladder::testing::PacketBuilder;
using sipladder::testing::PppOptions;
using sipladder::testing::SctpChunkSpec;

namespace {

const std::string kInvite = "INVITE sip:bob@example.test SIP/2.0\r\n"
                            "Via: SIP/2.0/UDP 192.0.2.1:40000;branch=z9hG4bK776asdhds\r\n"
                            "Call-ID: a84b4c76e66710@pc33.example.test\r\n"
                            "CSeq: 314159 INVITE\r\n"
                            "Content-Length: 0\r\n\r\n";
const std::string kOk = "SIP/2.0 200 OK\r\nCall-ID: a84b4c76e66710@pc33.example.test\r\nContent-Length: 0\r\n\r\n";

const Endpoint kAlice { IpAddress::v4(192, 0, 2, 1), 40000 };
const Endpoint kBob { IpAddress::v4(198, 51, 100, 7), 40002 };
const IpAddress kOuterA = IpAddress::v4(10, 0, 0, 1);
const IpAddress kOuterB = IpAddress::v4(10, 0, 0, 2);

Endpoint v6(const char* text, std::uint16_t port)
{
    IpAddress address;
    EXPECT_TRUE(IpAddress::parse(text, address));
    return { address, port };
}

struct RecordedPayload {
    SipPayload payload; // bytes point into the frame or a reassembly buffer: only valid during the call
    std::string text;
    std::uint64_t frameNumber = 0;
    std::uint64_t fileOffset = kUnknownFileOffset;
};

struct RecordedIcmp {
    IcmpErrorEvent event;
    std::string quoted;
    std::uint64_t frameNumber = 0;
};

class RecordingSink : public DissectorSink {
public:
    void onSipPayload(const FrameContext& frame, const SipPayload& payload) override
    {
        payloads.push_back(
            { payload, std::string(asText(payload.bytes)), frame.frameNumber, frame.fileOffsetOf(payload.bytes) });
    }
    void onIcmpError(const FrameContext& frame, const IcmpErrorEvent& event) override
    {
        icmp.push_back({ event, std::string(asText(event.quotedPayload)), frame.frameNumber });
    }
    void onWarning(const FrameContext& frame, std::string message) override
    {
        warnings.emplace_back(frame.frameNumber, std::move(message));
    }

    std::vector<RecordedPayload> payloads;
    std::vector<RecordedIcmp> icmp;
    std::vector<std::pair<std::uint64_t, std::string>> warnings;
};

// Feeds frames with increasing numbers and timestamps, as a capture reader would.
class Harness {
public:
    explicit Harness(DissectorLimits limits = {})
        : dissector(sink, limits)
    {
    }

    void feed(ByteView bytes, std::uint32_t linkType, std::int64_t timestampNs = -1)
    {
        FrameContext frame;
        frame.frameNumber = ++m_frameNumber;
        frame.timestampNs = timestampNs >= 0 ? timestampNs : std::int64_t(m_frameNumber) * 1'000'000;
        frame.frameData = bytes;
        frame.dataFileOffset = 1000 * m_frameNumber;
        dissector.dissect(frame, linkType);
    }
    void feed(const PacketBuilder& builder, std::int64_t timestampNs = -1)
    {
        feed(builder.bytes(), builder.linkType(), timestampNs);
    }

    RecordingSink sink;
    PacketDissector dissector;

private:
    std::uint64_t m_frameNumber = 0;
};

void expectOneInvite(const Harness& harness, const Endpoint& source, const Endpoint& destination,
    const std::vector<Encapsulation>& layers, Transport transport = Transport::Udp)
{
    ASSERT_EQ(harness.sink.payloads.size(), 1u);
    const auto& recorded = harness.sink.payloads[0];
    EXPECT_EQ(recorded.text, kInvite);
    EXPECT_EQ(recorded.payload.source, source);
    EXPECT_EQ(recorded.payload.destination, destination);
    EXPECT_EQ(recorded.payload.transport, transport);
    EXPECT_EQ(recorded.payload.framing, PayloadFraming::Datagram);
    EncapsulationSet expected;
    for (auto layer : layers)
        expected.add(layer);
    EXPECT_EQ(recorded.payload.encapsulation.toString(), expected.toString());
}

void put16(std::vector<std::uint8_t>& out, std::uint32_t value)
{
    out.push_back(static_cast<std::uint8_t>(value >> 8));
    out.push_back(static_cast<std::uint8_t>(value));
}

void hepChunk(std::vector<std::uint8_t>& out, std::uint16_t type, ByteView value)
{
    put16(out, 0);
    put16(out, type);
    put16(out, static_cast<std::uint32_t>(value.size() + 6));
    out.insert(out.end(), value.begin(), value.end());
}

// A HEPv3 packet reporting an IPv6/TCP packet, with a plain or zlib-compressed payload.
std::vector<std::uint8_t> hep3(const std::string& payload, std::uint8_t protocolType, bool compress)
{
    const auto source = v6("2001:db8::5", 5070);
    const auto destination = v6("2001:db8::6", 5080);
    std::vector<std::uint8_t> body;
    const std::uint8_t family = 10;
    const std::uint8_t tcp = 6;
    hepChunk(body, 1, ByteView(&family, 1));
    hepChunk(body, 2, ByteView(&tcp, 1));
    hepChunk(body, 5, ByteView(source.address.bytes.data(), 16));
    hepChunk(body, 6, ByteView(destination.address.bytes.data(), 16));
    const std::uint8_t ports[4] = { 0x13, 0xCE, 0x13, 0xD8 }; // 5070, 5080
    hepChunk(body, 7, ByteView(ports, 2));
    hepChunk(body, 8, ByteView(ports + 2, 2));
    hepChunk(body, 11, ByteView(&protocolType, 1));
    if (compress) {
        uLongf length = compressBound(static_cast<uLong>(payload.size()));
        std::vector<std::uint8_t> packed(length);
        EXPECT_EQ(compress2(packed.data(), &length, reinterpret_cast<const Bytef*>(payload.data()),
                      static_cast<uLong>(payload.size()), 6),
            Z_OK);
        packed.resize(length);
        hepChunk(body, 16, packed);
    } else {
        hepChunk(body, 15, asBytes(payload));
    }
    std::vector<std::uint8_t> packet = { 'H', 'E', 'P', '3' };
    put16(packet, static_cast<std::uint32_t>(body.size() + 6));
    packet.insert(packet.end(), body.begin(), body.end());
    return packet;
}

} // namespace

TEST(PacketDissector, SipOverUdpOnAnyPortIsZeroCopy)
{
    Harness harness;
    PacketBuilder builder;
    builder.payload(kInvite).udp(kAlice, kBob).ip().ethernet();
    harness.feed(builder);
    expectOneInvite(harness, kAlice, kBob, {});
    const auto& recorded = harness.sink.payloads[0];
    EXPECT_EQ(recorded.frameNumber, 1u);
    EXPECT_EQ(recorded.payload.firstFrameNumber, 1u);
    // The payload is a slice of the frame: its file offset is known (Ethernet 14 + IPv4 20 + UDP 8).
    EXPECT_EQ(recorded.fileOffset, 1000u + 42u);
    EXPECT_EQ(harness.dissector.stats().frames, 1u);
    EXPECT_EQ(harness.dissector.stats().undecodableFrames, 0u);
}

TEST(PacketDissector, EveryLinkType)
{
    const auto alice6 = v6("2001:db8::1", 5062);
    const auto bob6 = v6("2001:db8::2", 5064);
    struct Case {
        const char* name;
        bool ipv6;
        std::function<void(PacketBuilder&)> link;
        std::uint32_t linkType;
        std::vector<Encapsulation> layers;
    };
    const std::vector<Case> cases = {
        { "ethernet", false, [](PacketBuilder& b) { b.ethernet(); }, 1, {} },
        { "ethernet6", true, [](PacketBuilder& b) { b.ethernet(); }, 1, {} },
        { "sll", false, [](PacketBuilder& b) { b.sll(); }, 113, { Encapsulation::LinuxCooked } },
        { "sll2", true, [](PacketBuilder& b) { b.sll2(); }, 276, { Encapsulation::LinuxCooked } },
        { "null", false, [](PacketBuilder& b) { b.nullLoopback(); }, 0, { Encapsulation::Loopback } },
        { "null-be", true, [](PacketBuilder& b) { b.nullLoopback(24, true); }, 0, { Encapsulation::Loopback } },
        { "loop", true, [](PacketBuilder& b) { b.loop(); }, 108, { Encapsulation::Loopback } },
        { "raw", false, [](PacketBuilder&) {}, 101, {} },
        { "dlt-raw-12", false, [](PacketBuilder&) {}, 12, {} },
        { "dlt-raw-14", true, [](PacketBuilder&) {}, 14, {} },
        { "ipv4", false, [](PacketBuilder&) {}, 228, {} },
        { "ipv6", true, [](PacketBuilder&) {}, 229, {} },
        { "ppp", false, [](PacketBuilder& b) { b.ppp(); }, 9, { Encapsulation::Ppp } },
        { "ppp-compressed", true,
            [](PacketBuilder& b) {
                b.ppp(PppOptions { false, true });
            },
            9, { Encapsulation::Ppp } },
        { "pppoe", false, [](PacketBuilder& b) { b.pppoe(3).ethernet(); }, 1,
            { Encapsulation::Pppoe, Encapsulation::Ppp } },
        { "mpls", true,
            [](PacketBuilder& b) {
                b.mpls({ 100, 200 }).ethernet();
            },
            1, { Encapsulation::Mpls } },
        { "vlan", false, [](PacketBuilder& b) { b.ethernet({ 42 }); }, 1, { Encapsulation::Vlan } },
        { "qinq", true,
            [](PacketBuilder& b) {
                b.ethernet({ 42, 43 }, 0x88A8);
            },
            1, { Encapsulation::Vlan, Encapsulation::QinQ } },
        { "vlan-pppoe", false, [](PacketBuilder& b) { b.pppoe(3).ethernet({ 7 }); }, 1,
            { Encapsulation::Vlan, Encapsulation::Pppoe, Encapsulation::Ppp } },
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.name);
        Harness harness;
        PacketBuilder builder;
        const auto& from = c.ipv6 ? alice6 : kAlice;
        const auto& to = c.ipv6 ? bob6 : kBob;
        builder.payload(kInvite).udp(from, to).ip();
        c.link(builder);
        harness.feed(builder.bytes(), c.linkType);
        expectOneInvite(harness, from, to, c.layers);
        if (harness.sink.payloads.size() == 1) {
            EXPECT_NE(harness.sink.payloads[0].fileOffset, kUnknownFileOffset);
        }
    }
}

TEST(PacketDissector, UnsupportedLinkTypeAndNonIpFramesAreCountedApart)
{
    Harness harness;
    PacketBuilder builder;
    builder.payload(kInvite).udp(kAlice, kBob).ip().ethernet();
    harness.feed(builder.bytes(), 147);
    builder.payload("arp or something").ethernet();
    harness.feed(builder);
    harness.feed(builder.bytes().first(10), 1);
    EXPECT_TRUE(harness.sink.payloads.empty());
    EXPECT_EQ(harness.dissector.stats().frames, 3u);
    EXPECT_EQ(harness.dissector.stats().unsupportedLinkTypeFrames, 1u);
    EXPECT_EQ(harness.dissector.stats().undecodableFrames, 1u);
}

TEST(PacketDissector, EveryTunnelGivesTheInnermostEndpoints)
{
    const auto alice6 = v6("2001:db8::1", 5062);
    const auto bob6 = v6("2001:db8::2", 5064);
    struct Case {
        const char* name;
        bool ipv6;
        std::function<void(PacketBuilder&)> wrap;
        std::vector<Encapsulation> layers;
    };
    const std::vector<Case> cases = {
        { "ipip", false, [](PacketBuilder& b) { b.ipInIp(kOuterA, kOuterB); }, { Encapsulation::IpInIp } },
        { "ip6ip", true, [](PacketBuilder& b) { b.ipInIp(kOuterA, kOuterB); }, { Encapsulation::IpInIp } },
        { "gre", false,
            [](PacketBuilder& b) {
                b.gre(kOuterA, kOuterB, { true, 5, 6 });
            },
            { Encapsulation::Gre } },
        { "gre6", true, [](PacketBuilder& b) { b.gre(kOuterA, kOuterB); }, { Encapsulation::Gre } },
        { "gre-mpls", false, [](PacketBuilder& b) { b.mpls({ 20 }).gre(kOuterA, kOuterB); },
            { Encapsulation::Gre, Encapsulation::Mpls } },
        { "gre-teb", false, [](PacketBuilder& b) { b.ethernet({ 9 }).gre(kOuterA, kOuterB); },
            { Encapsulation::Gre, Encapsulation::EthernetOverGre, Encapsulation::Vlan } },
        { "erspan1", false, [](PacketBuilder& b) { b.ethernet().erspan(kOuterA, kOuterB, ErspanType::TypeI); },
            { Encapsulation::Gre, Encapsulation::Erspan } },
        { "erspan2", true, [](PacketBuilder& b) { b.ethernet().erspan(kOuterA, kOuterB, ErspanType::TypeII); },
            { Encapsulation::Gre, Encapsulation::Erspan } },
        { "erspan3", false, [](PacketBuilder& b) { b.ethernet().erspan(kOuterA, kOuterB, ErspanType::TypeIII); },
            { Encapsulation::Gre, Encapsulation::Erspan } },
        { "erspan3-platform", false,
            [](PacketBuilder& b) { b.ethernet().erspan(kOuterA, kOuterB, ErspanType::TypeIII, true); },
            { Encapsulation::Gre, Encapsulation::Erspan } },
        { "pptp", false, [](PacketBuilder& b) { b.ppp().pptp(kOuterA, kOuterB, 1, 7, 6); },
            { Encapsulation::Gre, Encapsulation::Ppp } },
        { "gtpu", true,
            [](PacketBuilder& b) {
                b.gtpU(kOuterA, kOuterB, GtpUOptions { 9, 1, 2, 2 });
            },
            { Encapsulation::GtpU } },
        { "gtpu4", false, [](PacketBuilder& b) { b.gtpU(kOuterA, kOuterB); }, { Encapsulation::GtpU } },
        { "vxlan", false, [](PacketBuilder& b) { b.ethernet().vxlan(kOuterA, kOuterB, 77); },
            { Encapsulation::Vxlan } },
        { "vxlan-gre-ipip", false,
            [](PacketBuilder& b) {
                b.ipInIp(IpAddress::v4(172, 16, 0, 1), IpAddress::v4(172, 16, 0, 2))
                    .gre(IpAddress::v4(172, 17, 0, 1), IpAddress::v4(172, 17, 0, 2))
                    .ethernet()
                    .vxlan(kOuterA, kOuterB);
            },
            { Encapsulation::Vxlan, Encapsulation::Gre, Encapsulation::IpInIp } },
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.name);
        Harness harness;
        PacketBuilder builder;
        const auto& from = c.ipv6 ? alice6 : kAlice;
        const auto& to = c.ipv6 ? bob6 : kBob;
        builder.payload(kInvite).udp(from, to).ip();
        c.wrap(builder);
        builder.ethernet({ 100 });
        harness.feed(builder);
        auto layers = c.layers;
        layers.push_back(Encapsulation::Vlan);
        expectOneInvite(harness, from, to, layers);
    }
}

TEST(PacketDissector, TunnelDepthIsLimited)
{
    DissectorLimits limits;
    limits.maxTunnelDepth = 2;
    PacketBuilder builder;
    builder.payload(kInvite).udp(kAlice, kBob).ip().ipInIp(kOuterA, kOuterB).gre(kOuterA, kOuterB);
    Harness two(limits);
    two.feed(builder);
    EXPECT_EQ(two.sink.payloads.size(), 1u);

    builder.ipInIp(kOuterA, kOuterB);
    Harness three(limits);
    three.feed(builder);
    EXPECT_TRUE(three.sink.payloads.empty());
    EXPECT_EQ(three.dissector.stats().undecodableFrames, 1u);
}

TEST(PacketDissector, Ipv4FragmentsInReverseOrder)
{
    const std::string big = kInvite.substr(0, kInvite.size() - 2) + "X-Padding: " + std::string(3000, 'p') + "\r\n\r\n";
    PacketBuilder builder;
    builder.payload(big).udp(kAlice, kBob).ip();
    auto fragments = PacketBuilder::fragmentIp(builder.bytes(), 1400);
    ASSERT_EQ(fragments.size(), 3u);
    std::reverse(fragments.begin(), fragments.end());
    Harness harness;
    for (const auto& fragment : fragments)
        harness.feed(builder.ipPacket(fragment).ethernet({ 5 }));
    ASSERT_EQ(harness.sink.payloads.size(), 1u);
    const auto& recorded = harness.sink.payloads[0];
    EXPECT_EQ(recorded.text, big);
    EXPECT_EQ(recorded.frameNumber, 3u);
    EXPECT_EQ(recorded.payload.firstFrameNumber, 1u);
    EXPECT_EQ(recorded.fileOffset, kUnknownFileOffset); // from the reassembly buffer
    EXPECT_TRUE(recorded.payload.encapsulation.has(Encapsulation::IpFragments));
    EXPECT_TRUE(recorded.payload.encapsulation.has(Encapsulation::Vlan));
    EXPECT_EQ(recorded.payload.source, kAlice);
    EXPECT_EQ(harness.dissector.stats().ipFragments, 3u);
    EXPECT_EQ(harness.dissector.stats().ipDatagramsReassembled, 1u);
}

TEST(PacketDissector, Ipv6FragmentsWithDestinationOptionsAfterTheFragmentHeader)
{
    const auto from = v6("2001:db8::a", 5060);
    const auto to = v6("2001:db8::b", 5060);
    const std::string big = kInvite.substr(0, kInvite.size() - 2) + "X-Padding: " + std::string(2000, 'q') + "\r\n\r\n";
    const std::uint8_t destinationOptions[] = { 60 };
    IpOptions options;
    options.ipv6ExtensionHeaders = destinationOptions;
    PacketBuilder builder;
    builder.payload(big).udp(from, to).ip(options);
    auto fragments = PacketBuilder::fragmentIp(builder.bytes(), 1000, 7);
    ASSERT_EQ(fragments.size(), 3u);
    std::swap(fragments[0], fragments[1]);
    Harness harness;
    for (const auto& fragment : fragments)
        harness.feed(builder.ipPacket(fragment).sll());
    ASSERT_EQ(harness.sink.payloads.size(), 1u);
    EXPECT_EQ(harness.sink.payloads[0].text, big);
    EXPECT_EQ(harness.sink.payloads[0].payload.destination, to);
    EXPECT_EQ(harness.sink.payloads[0].payload.encapsulation.toString(), "sll,ip-fragments");
}

TEST(PacketDissector, FragmentedDatagramInsideATunnel)
{
    const std::string big = kInvite.substr(0, kInvite.size() - 2) + "X-Padding: " + std::string(2000, 'z') + "\r\n\r\n";
    PacketBuilder builder;
    builder.payload(big).udp(kAlice, kBob).ip().gre(kOuterA, kOuterB);
    auto fragments = PacketBuilder::fragmentIp(builder.bytes(), 800);
    Harness harness;
    for (const auto& fragment : fragments)
        harness.feed(builder.ipPacket(fragment).ethernet());
    ASSERT_EQ(harness.sink.payloads.size(), 1u);
    EXPECT_EQ(harness.sink.payloads[0].text, big);
    EXPECT_EQ(harness.sink.payloads[0].payload.source, kAlice);
    EXPECT_EQ(harness.sink.payloads[0].payload.encapsulation.toString(), "gre,ip-fragments");
}

TEST(PacketDissector, FragmentEvictionAtTheBoundAndAtTimeOut)
{
    DissectorLimits limits;
    limits.maxPendingIpDatagrams = 2;
    limits.ipFragmentTimeoutNs = 5'000'000'000;
    Harness harness(limits);
    PacketBuilder builder;
    std::vector<std::vector<std::vector<std::uint8_t>>> datagrams;
    for (std::uint16_t id = 1; id <= 3; ++id) {
        IpOptions options;
        options.identification = id;
        builder.payload(kInvite + std::string(1000, 'w')).udp(kAlice, kBob).ip(options);
        datagrams.push_back(PacketBuilder::fragmentIp(builder.bytes(), 600));
    }
    for (const auto& fragments : datagrams)
        harness.feed(builder.ipPacket(fragments[0]).ethernet(), 1'000'000'000);
    EXPECT_EQ(harness.dissector.stats().ipDatagramsEvicted, 1u); // the bound: datagram 1 went
    // Time passes: any frame expires what is older than the time-out, fragment or not.
    builder.payload("not ip").ethernet();
    harness.feed(builder, 7'000'000'000);
    EXPECT_EQ(harness.dissector.stats().ipDatagramsEvicted, 3u);
    harness.feed(builder.ipPacket(datagrams[2][1]).ethernet(), 7'100'000'000);
    EXPECT_TRUE(harness.sink.payloads.empty());
    harness.dissector.finish();
    EXPECT_EQ(harness.dissector.stats().ipDatagramsIncompleteAtEnd, 1u);
    EXPECT_EQ(harness.dissector.stats().ipFragments, 4u);
}

TEST(PacketDissector, IcmpErrorQuotingAnInviteIsAnEventNotAMessage)
{
    Harness harness;
    PacketBuilder builder;
    builder.payload(kInvite).udp(kAlice, kBob).ip().icmpError(kBob.address, kAlice.address, 3, 3).ethernet();
    harness.feed(builder);
    const auto alice6 = v6("2001:db8::1", 5060);
    const auto bob6 = v6("2001:db8::2", 5060);
    const auto router = v6("2001:db8::ff", 0);
    builder.payload(kInvite).udp(alice6, bob6).ip().icmpError(router.address, alice6.address, 1, 4, 200).ethernet();
    harness.feed(builder);
    // An ICMP error quoting RTP is not reported.
    builder.payload("\x80\x08rtp rtp rtp").udp(kAlice, kBob).ip().icmpError(kBob.address, kAlice.address, 3, 3);
    harness.feed(builder.ethernet());

    EXPECT_TRUE(harness.sink.payloads.empty());
    ASSERT_EQ(harness.sink.icmp.size(), 2u);
    const auto& v4 = harness.sink.icmp[0];
    EXPECT_EQ(v4.event.type, 3);
    EXPECT_EQ(v4.event.code, 3);
    EXPECT_EQ(v4.event.reporter, (Endpoint { kBob.address, 0 }));
    EXPECT_EQ(v4.event.quotedSource, kAlice);
    EXPECT_EQ(v4.event.quotedDestination, kBob);
    EXPECT_EQ(v4.quoted, kInvite);
    const auto& v6Event = harness.sink.icmp[1];
    EXPECT_TRUE(v6Event.event.isV6);
    EXPECT_EQ(v6Event.event.reporter, router);
    EXPECT_EQ(v6Event.event.quotedDestination, bob6);
    EXPECT_EQ(v6Event.quoted, kInvite.substr(0, 200 - 48));
    EXPECT_EQ(harness.dissector.stats().icmpErrorsQuotingSip, 2u);
}

TEST(PacketDissector, SctpSingleAndFragmentedMessages)
{
    const Endpoint a { IpAddress::v4(192, 0, 2, 1), 5060 };
    const Endpoint b { IpAddress::v4(192, 0, 2, 2), 5060 };
    Harness harness;
    PacketBuilder builder;
    // Two whole messages bundled in one packet, after a SACK.
    const std::uint8_t sack[12] = { 0, 0, 0, 4, 0, 0, 0x10, 0, 0, 0, 0, 0 };
    SctpChunkSpec bundle[3];
    bundle[0].type = 3;
    bundle[0].userData = ByteView(sack, sizeof sack);
    bundle[1].userData = asBytes(kInvite);
    bundle[1].tsn = 1;
    bundle[2].userData = asBytes(kOk);
    bundle[2].tsn = 2;
    bundle[2].stream = 1;
    harness.feed(builder.sctp(a, b, bundle).ip().sll());
    ASSERT_EQ(harness.sink.payloads.size(), 2u);
    EXPECT_EQ(harness.sink.payloads[0].text, kInvite);
    EXPECT_EQ(harness.sink.payloads[1].text, kOk);
    EXPECT_EQ(harness.sink.payloads[0].payload.transport, Transport::Sctp);
    EXPECT_EQ(harness.sink.payloads[0].payload.source, a);
    EXPECT_NE(harness.sink.payloads[0].fileOffset, kUnknownFileOffset);

    // A message in three DATA chunks over three packets, the middle one last.
    const std::string big = kInvite.substr(0, kInvite.size() - 2) + "X-Padding: " + std::string(2500, 's') + "\r\n\r\n";
    const std::size_t third = big.size() / 3;
    SctpChunkSpec parts[3];
    for (int i = 0; i < 3; ++i) {
        parts[i].tsn = 10 + static_cast<std::uint32_t>(i);
        parts[i].stream = 4;
        parts[i].messageId = 2;
        parts[i].beginning = i == 0;
        parts[i].ending = i == 2;
        const std::size_t begin = third * static_cast<std::size_t>(i);
        parts[i].userData = asBytes(big).subspan(begin, i == 2 ? big.size() - begin : third);
    }
    harness.feed(builder.sctp(a, b, std::span(&parts[0], 1)).ip().sll());
    harness.feed(builder.sctp(a, b, std::span(&parts[2], 1)).ip().sll());
    EXPECT_EQ(harness.sink.payloads.size(), 2u);
    harness.feed(builder.sctp(a, b, std::span(&parts[1], 1)).ip().sll());
    ASSERT_EQ(harness.sink.payloads.size(), 3u);
    const auto& whole = harness.sink.payloads[2];
    EXPECT_EQ(whole.text, big);
    EXPECT_EQ(whole.payload.firstFrameNumber, 2u);
    EXPECT_EQ(whole.payload.encapsulation.toString(), "sll,sctp-fragments");
    EXPECT_EQ(harness.dissector.stats().sctpDataChunks, 5u);

    // I-DATA, and a fragment that never completes: a warning at the end.
    SctpChunkSpec idata;
    idata.type = 64;
    idata.userData = asBytes(kOk);
    idata.messageId = 1;
    harness.feed(builder.sctp(b, a, std::span(&idata, 1)).ip().sll());
    ASSERT_EQ(harness.sink.payloads.size(), 4u);
    EXPECT_EQ(harness.sink.payloads[3].text, kOk);
    harness.feed(builder.sctp(a, b, std::span(&parts[0], 1)).ip().sll());
    harness.dissector.finish();
    ASSERT_EQ(harness.sink.warnings.size(), 1u);
    EXPECT_EQ(harness.sink.warnings[0].first, 6u);
}

TEST(PacketDissector, HepCarriesTheInnerEndpointsAndTransport)
{
    Harness harness;
    PacketBuilder builder;
    for (bool compress : { false, true }) {
        const auto hep = hep3(kInvite, 1, compress);
        harness.feed(builder.payload(hep).udp(kAlice, { kBob.address, 9060 }).ip().ethernet());
    }
    const auto rtcp = hep3("\x81\xc8\x00\x06rtcp report", 5, false);
    harness.feed(builder.payload(rtcp).udp(kAlice, { kBob.address, 9060 }).ip().ethernet());
    ASSERT_EQ(harness.sink.payloads.size(), 2u);
    for (std::size_t i = 0; i < 2; ++i) {
        const auto& recorded = harness.sink.payloads[i];
        EXPECT_EQ(recorded.text, kInvite);
        EXPECT_EQ(recorded.payload.source, v6("2001:db8::5", 5070));
        EXPECT_EQ(recorded.payload.destination, v6("2001:db8::6", 5080));
        EXPECT_EQ(recorded.payload.transport, Transport::Tcp);
        EXPECT_EQ(recorded.payload.framing, PayloadFraming::Datagram);
        EXPECT_TRUE(recorded.payload.encapsulation.has(Encapsulation::Hep));
        EXPECT_EQ(recorded.payload.encapsulation.has(Encapsulation::HepCompressed), i == 1);
    }
    EXPECT_EQ(harness.dissector.stats().hepPackets, 3u);
    EXPECT_EQ(harness.dissector.stats().hepNonSipPackets, 1u);
}

TEST(PacketDissector, KeepAlivesJunkAndOtherDatagrams)
{
    Harness harness;
    PacketBuilder builder;
    harness.feed(builder.payload("\r\n\r\n").udp(kAlice, { kBob.address, 5060 }).ip().ethernet());
    harness.feed(builder.payload("\r\n" + kInvite).udp(kAlice, kBob).ip().ethernet());
    const std::string junk = std::string("\0\0\0\0\r\n", 6) + kInvite;
    harness.feed(builder.payload(junk).udp(kAlice, { kBob.address, 5060 }).ip().ethernet());
    harness.feed(builder.payload(junk).udp(kAlice, kBob).ip().ethernet()); // not a SIP port: ignored
    harness.feed(builder.payload("\x80\x00 not sip at all").udp(kAlice, kBob).ip().ethernet());
    ASSERT_EQ(harness.sink.payloads.size(), 2u);
    EXPECT_EQ(harness.sink.payloads[0].text, kInvite);
    EXPECT_EQ(harness.sink.payloads[0].frameNumber, 2u);
    EXPECT_EQ(harness.sink.payloads[1].text, kInvite);
    EXPECT_EQ(harness.sink.payloads[1].frameNumber, 3u);
    ASSERT_EQ(harness.sink.warnings.size(), 1u);
    EXPECT_EQ(harness.sink.warnings[0].first, 3u);
    EXPECT_NE(harness.sink.warnings[0].second.find("6 bytes"), std::string::npos);
}

TEST(PacketDissector, EveryPrefixOfEveryKindOfFrameIsSafe)
{
    const std::string big = kInvite + std::string(600, 'p');
    std::vector<std::pair<std::vector<std::uint8_t>, std::uint32_t>> frames;
    PacketBuilder builder;
    auto add = [&](PacketBuilder& b) { frames.emplace_back(b.toVector(), b.linkType()); };
    const auto alice6 = v6("2001:db8::1", 5060);
    const auto bob6 = v6("2001:db8::2", 5060);
    const std::uint8_t chain[] = { 0, 43, 60, 51 };
    IpOptions options;
    options.ipv6ExtensionHeaders = chain;
    add(builder.payload(kInvite).udp(kAlice, kBob).ip().ethernet({ 1, 2 }));
    add(builder.payload(kInvite).udp(alice6, bob6).ip(options).sll2());
    add(builder.payload(kInvite).udp(kAlice, kBob).ip().pppoe().ethernet());
    add(builder.payload(kInvite).udp(kAlice, kBob).ip().mpls({ 1, 2, 3 }).ethernet());
    add(builder.payload(kInvite)
            .udp(kAlice, kBob)
            .ip()
            .ethernet()
            .erspan(kOuterA, kOuterB, ErspanType::TypeIII, true)
            .ethernet());
    add(builder.payload(kInvite).udp(kAlice, kBob).ip().ppp().pptp(kOuterA, kOuterB, 1, 2, 3).nullLoopback());
    add(builder.payload(kInvite).udp(alice6, bob6).ip().gtpU(kOuterA, kOuterB, { 1, 2, 3, 2 }).ppp());
    add(builder.payload(kInvite).udp(kAlice, kBob).ip().ethernet().vxlan(kOuterA, kOuterB).loop());
    add(builder.payload(kInvite).udp(kAlice, kBob).ip().icmpError(kBob.address, kAlice.address, 3, 3).ethernet());
    SctpChunkSpec chunk;
    chunk.userData = asBytes(kInvite);
    add(builder.sctp(kAlice, kBob, std::span(&chunk, 1)).ip().ethernet());
    add(builder.payload(hep3(kInvite, 1, true)).udp(kAlice, kBob).ip().ethernet());
    add(builder.payload(kInvite).tcp(kAlice, kBob, 1, 1, 0x18).ip().ethernet());
    builder.payload(big).udp(kAlice, kBob).ip();
    for (const auto& fragment : PacketBuilder::fragmentIp(builder.bytes(), 256))
        add(builder.ipPacket(fragment).ethernet());

    for (const auto& [bytes, linkType] : frames) {
        Harness harness;
        for (std::size_t length = 0; length <= bytes.size(); ++length) {
            // A copy of exactly `length` bytes, so that AddressSanitizer sees any read past the capture.
            std::vector<std::uint8_t> prefix(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(length));
            harness.feed(prefix, linkType);
            for (const auto& recorded : harness.sink.payloads)
                EXPECT_LE(recorded.text.size(), big.size());
        }
        harness.dissector.finish();
        EXPECT_EQ(harness.dissector.stats().frames, bytes.size() + 1);
    }
}

TEST(PacketDissector, RandomBytesUnderEveryLinkTypeAndMutatedFrames)
{
    std::mt19937 random(20261124);
    std::uniform_int_distribution<int> byte(0, 255);
    Harness harness;
    for (std::uint32_t linkType : { 0u, 1u, 9u, 12u, 14u, 50u, 101u, 108u, 113u, 228u, 229u, 276u }) {
        for (int i = 0; i < 2000; ++i) {
            std::vector<std::uint8_t> frame(static_cast<std::size_t>(random() % 200));
            for (auto& b : frame)
                b = static_cast<std::uint8_t>(byte(random));
            // Make the interesting paths likely: a valid-looking first nibble or EtherType.
            if (frame.size() > 14 && i % 2 == 0) {
                frame[12] = 0x08;
                frame[13] = 0x00;
                frame[14] = 0x45;
            }
            harness.feed(frame, linkType);
        }
    }
    // Valid frames of every kind with a few bytes flipped.
    PacketBuilder builder;
    std::vector<std::vector<std::uint8_t>> seeds;
    seeds.push_back(builder.payload(kInvite).udp(kAlice, kBob).ip().gre(kOuterA, kOuterB).ethernet({ 3 }).toVector());
    seeds.push_back(
        builder.payload(kInvite).udp(kAlice, kBob).ip().ethernet().vxlan(kOuterA, kOuterB).ethernet().toVector());
    seeds.push_back(
        builder.payload(kInvite).udp(kAlice, kBob).ip().gtpU(kOuterA, kOuterB, { 1, 1, 1, 1 }).ethernet().toVector());
    seeds.push_back(builder.payload(kInvite)
                        .udp(kAlice, kBob)
                        .ip()
                        .icmpError(kBob.address, kAlice.address, 3, 3)
                        .ethernet()
                        .toVector());
    SctpChunkSpec chunk;
    chunk.userData = asBytes(kInvite);
    chunk.beginning = false;
    seeds.push_back(builder.sctp(kAlice, kBob, std::span(&chunk, 1)).ip().ethernet().toVector());
    for (int i = 0; i < 20000; ++i) {
        auto frame = seeds[static_cast<std::size_t>(i) % seeds.size()];
        for (int flips = 0; flips < 3; ++flips)
            frame[random() % frame.size()] = static_cast<std::uint8_t>(byte(random));
        harness.feed(frame, 1);
    }
    harness.dissector.finish();
    EXPECT_EQ(harness.dissector.stats().frames, 12u * 2000u + 20000u);
    // Mutations mostly leave the SIP text intact, so plenty of messages must still come out.
    EXPECT_GT(harness.sink.payloads.size(), 1000u);
}

TEST(PacketDissector, TcpSegmentsReachTheStreamDissectorWithTheirEncapsulation)
{
    const Endpoint client { IpAddress::v4(192, 0, 2, 1), 40100 };
    const Endpoint server { IpAddress::v4(198, 51, 100, 7), 5060 };
    Harness harness;
    PacketBuilder builder;
    const std::size_t half = kInvite.size() / 2;
    const std::uint8_t pshAck = 0x18;
    harness.feed(builder.payload(kInvite.substr(0, half)).tcp(client, server, 1000, 1, pshAck).ip().ethernet({ 7 }));
    harness.feed(builder.payload(kInvite.substr(half))
                     .tcp(client, server, 1000 + std::uint32_t(half), 1, pshAck)
                     .ip()
                     .ethernet({ 7 }));
    // Inside a GRE tunnel, the innermost addresses and ports identify the stream.
    harness.feed(builder.payload(kOk)
                     .tcp(server, client, 1, 1000 + std::uint32_t(kInvite.size()), pshAck)
                     .ip()
                     .gre(kOuterA, kOuterB)
                     .ethernet());
    // A message cut off by the end of the capture is delivered by finish(), flagged.
    harness.feed(builder.payload(kInvite.substr(0, half))
                     .tcp(client, server, 1000 + std::uint32_t(kInvite.size()), 1, pshAck)
                     .ip()
                     .ethernet({ 7 }));
    EXPECT_EQ(harness.sink.payloads.size(), 2u);
    harness.dissector.finish();

    ASSERT_EQ(harness.sink.payloads.size(), 3u);
    const auto& invite = harness.sink.payloads[0];
    EXPECT_EQ(invite.text, kInvite);
    EXPECT_EQ(invite.payload.transport, Transport::Tcp);
    EXPECT_EQ(invite.payload.framing, PayloadFraming::Stream);
    EXPECT_EQ(invite.payload.source, client);
    EXPECT_EQ(invite.payload.destination, server);
    EXPECT_EQ(invite.payload.firstFrameNumber, 1u);
    EXPECT_TRUE(invite.payload.encapsulation.has(Encapsulation::Vlan));
    EXPECT_TRUE(invite.payload.encapsulation.has(Encapsulation::TcpSegments));
    const auto& ok = harness.sink.payloads[1];
    EXPECT_EQ(ok.text, kOk);
    EXPECT_EQ(ok.payload.source, server);
    EXPECT_TRUE(ok.payload.encapsulation.has(Encapsulation::Gre));
    EXPECT_EQ(harness.sink.payloads[2].payload.framing, PayloadFraming::StreamTruncated);
    EXPECT_EQ(harness.sink.payloads[2].text, kInvite.substr(0, half));
    EXPECT_EQ(harness.dissector.stats().tcpSegments, 4u);
}

TEST(PacketDissector, SipOverTcpInsideIpFragments)
{
    const Endpoint client { IpAddress::v4(192, 0, 2, 1), 40100 };
    const Endpoint server { IpAddress::v4(198, 51, 100, 7), 5060 };
    const std::string big = kInvite.substr(0, kInvite.size() - 2) + "X-Padding: " + std::string(2000, 't') + "\r\n\r\n";
    PacketBuilder builder;
    builder.payload(big).tcp(client, server, 5, 1, 0x18).ip();
    auto fragments = PacketBuilder::fragmentIp(builder.bytes(), 900);
    std::reverse(fragments.begin(), fragments.end());
    Harness harness;
    for (const auto& fragment : fragments)
        harness.feed(builder.ipPacket(fragment).ethernet());
    harness.dissector.finish();
    ASSERT_EQ(harness.sink.payloads.size(), 1u);
    EXPECT_EQ(harness.sink.payloads[0].text, big);
    EXPECT_TRUE(harness.sink.payloads[0].payload.encapsulation.has(Encapsulation::IpFragments));
}
