// SPDX-License-Identifier: Apache-2.0
// make-sample: writes the bundled sample resources/samples/trunk-404.pcap, byte for byte the same
// on every run: one carrier trunk and a PBX, a working call and the same number failing in E.164
// form, plus a challenge, a cancel and a retransmission.
#include "support/capture_file_writer.h"
#include "support/packet_builder.h"
#include "support/sip_scenario.h"

#include <array>
#include <cstdio>
#include <exception>
#include <stdexcept>
#include <string>

namespace {

using sipladder::core::Endpoint;
using sipladder::core::IpAddress;
using namespace sipladder::testing;

constexpr std::int64_t kMs = 1'000'000;
constexpr std::int64_t kSecond = 1'000'000'000;
constexpr std::int64_t kStartNs = 1795514400LL * kSecond; // 2026-11-24T10:00:00Z

class SampleWriter {
public:
    explicit SampleWriter(const std::string& path)
        : m_writer(path, 1)
    {
        m_carrier.user = "+12125550147";
        m_carrier.domain = "carrier.example";
        m_carrier.displayName = "Carrier";
        m_carrier.signalling = { IpAddress::v4(203, 0, 113, 10), 5060 };
        m_carrier.rtpPort = 16400;
        m_carrier.agent = "CarrierSBC/4.2";
        m_pbx.domain = "pbx.example.test";
        m_pbx.signalling = { IpAddress::v4(198, 51, 100, 20), 5060 };
        m_pbx.rtpPort = 12000;
        m_pbx.agent = "Asterisk PBX 20.5.0";
    }

    // Starts a call from the carrier to `dialled` at the PBX; each call has its own seed.
    SipScenario& call(const std::string& dialled, std::uint64_t seed, const ScenarioTiming& timing = {})
    {
        ScenarioCall call;
        call.caller = m_carrier;
        call.callee = m_pbx;
        call.callee.user = dialled;
        call.seed = seed;
        call.firstCseq = 101;
        call.trunkHeaders = true;
        m_scenario.reset(call, timing);
        return m_scenario;
    }

    SipScenario& options(std::uint64_t seed)
    {
        ScenarioCall call;
        call.caller = m_carrier;
        call.caller.user = "ping";
        call.caller.displayName.clear();
        call.callee = m_pbx;
        call.seed = seed;
        call.firstCseq = 1;
        ScenarioTiming timing;
        timing.roundTripNs = 12 * kMs;
        m_scenario.reset(call, timing);
        return m_scenario;
    }

    // Writes the scenario built last, its first message at `startNs` after the sample's start.
    void write(std::int64_t startNs)
    {
        const auto& call = m_scenario.call();
        for (const auto& message : m_scenario.messages()) {
            const bool fromCaller = message.direction == ScenarioDirection::CallerToCallee;
            const Endpoint& source = fromCaller ? call.caller.signalling : call.callee.signalling;
            const Endpoint& destination = fromCaller ? call.callee.signalling : call.caller.signalling;
            const std::int64_t timeNs = kStartNs + startNs + message.offsetNs;
            if (timeNs < m_lastNs)
                throw std::logic_error("sample messages out of time order");
            m_lastNs = timeNs;
            IpOptions ip;
            ip.identification = m_identification++;
            EthernetOptions ethernet;
            ethernet.source.bytes = fromCaller ? kCarrierMac : kPbxMac;
            ethernet.destination.bytes = fromCaller ? kPbxMac : kCarrierMac;
            m_builder.payload(m_scenario.text(message)).udp(source, destination).ip(ip).ethernet(ethernet);
            m_writer.write(timeNs, m_builder.bytes());
        }
    }

    void close() { m_writer.close(); }

private:
    static constexpr std::array<std::uint8_t, 6> kCarrierMac { 0x02, 0x00, 0xcb, 0x00, 0x71, 0x0a };
    static constexpr std::array<std::uint8_t, 6> kPbxMac { 0x02, 0x00, 0xc6, 0x33, 0x64, 0x14 };

    PcapWriter m_writer;
    PacketBuilder m_builder;
    SipScenario m_scenario;
    ScenarioParty m_carrier;
    ScenarioParty m_pbx;
    std::int64_t m_lastNs = 0;
    std::uint16_t m_identification = 0x1000;
};

void writeSample(const std::string& path)
{
    SampleWriter sample(path);

    // (a) The carrier's keep-alive.
    sample.options(1).optionsPing();
    sample.write(0);

    // (b) The working call, dialled in the national 10-digit form; hung up after 8 s of talk.
    ScenarioTiming working;
    working.tryingNs = 20 * kMs;
    working.ringingNs = 150 * kMs;
    working.answerNs = 3 * kSecond;
    working.ackNs = 30 * kMs;
    working.talkNs = 8 * kSecond;
    working.roundTripNs = 25 * kMs;
    sample.call("5551234567", 2, working).answeredCall();
    sample.write(2 * kSecond);

    // (c) The same number in E.164 form: the PBX does not know it.
    ScenarioTiming notFound;
    notFound.tryingNs = 20 * kMs;
    notFound.failNs = 60 * kMs;
    notFound.ackNs = 30 * kMs;
    sample.call("+15551234567", 3, notFound).failedCall(404);
    sample.write(16 * kSecond);

    // (d) Challenged by the PBX, retried with Proxy-Authorization, then busy.
    ScenarioTiming busy;
    busy.roundTripNs = 25 * kMs;
    busy.ackNs = 30 * kMs;
    busy.retryNs = 20 * kMs;
    busy.tryingNs = 20 * kMs;
    busy.failNs = 900 * kMs;
    InviteOptions challenged;
    challenged.challenge = 407;
    sample.call("5551239999", 4, busy).failedCall(486, challenged);
    sample.write(19 * kSecond);

    // (e) The caller gives up while it rings.
    ScenarioTiming cancelled;
    cancelled.tryingNs = 20 * kMs;
    cancelled.ringingNs = 200 * kMs;
    cancelled.cancelNs = 4 * kSecond;
    cancelled.roundTripNs = 25 * kMs;
    cancelled.ackNs = 30 * kMs;
    sample.call("5551230000", 5, cancelled).cancelledCall();
    sample.write(23 * kSecond);

    // (f) The first INVITE is re-sent after T1 (500 ms) before the PBX's 100 Trying arrives.
    ScenarioTiming slow;
    slow.tryingNs = 40 * kMs;
    slow.ringingNs = 60 * kMs;
    slow.answerNs = 1500 * kMs;
    slow.ackNs = 30 * kMs;
    slow.talkNs = 5 * kSecond;
    slow.roundTripNs = 25 * kMs;
    InviteOptions retransmitted;
    retransmitted.retransmissions = 1;
    retransmitted.ringing = false;
    sample.call("5551231111", 6, slow).answeredCall(retransmitted);
    sample.write(31 * kSecond);

    sample.close();
}

} // namespace

int main(int argc, char** argv)
{
    if (argc != 2 || std::string(argv[1]) == "--help") {
        std::fputs("usage: make-sample OUTPUT.pcap\nWrites the bundled sample capture trunk-404.pcap.\n",
            argc == 2 ? stdout : stderr);
        return argc == 2 ? 0 : 2;
    }
    try {
        writeSample(argv[1]);
    } catch (const std::exception& error) {
        std::fprintf(stderr, "make-sample: %s\n", error.what());
        return 1;
    }
    return 0;
}
