// SPDX-License-Identifier: Apache-2.0
#include "support/capture_generator.h"

#include "support/capture_file_writer.h"
#include "support/packet_builder.h"
#include "support/sip_scenario.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace sipladder::testing {

namespace {

using core::Endpoint;
using core::IpAddress;

constexpr std::int64_t kMs = 1'000'000;
constexpr std::int64_t kSecond = 1'000'000'000;
constexpr std::int64_t kRtpIntervalNs = 20 * kMs;
constexpr std::size_t kRtpPayloadSize = 160; // 20 ms of G.711 at 8 kHz
constexpr std::size_t kRtpHeaderSize = 12;
constexpr std::size_t kEthIpUdpSize = 14 + 20 + 8;
constexpr std::size_t kEthIpTcpSize = 14 + 20 + 20;
constexpr std::int64_t kTcpHandshakeNs = 3 * kMs;
constexpr std::uint8_t kTcpSyn = 0x02;
constexpr std::uint8_t kTcpAck = 0x10;
constexpr std::uint8_t kTcpPshAck = 0x18;

// splitmix64: the same sequence on every platform, unlike the std:: distributions.
class Random {
public:
    explicit Random(std::uint64_t seed)
        : m_state(seed)
    {
    }
    std::uint64_t next()
    {
        std::uint64_t z = (m_state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    double unit() { return double(next() >> 11) * (1.0 / 9007199254740992.0); }
    std::uint64_t below(std::uint64_t n) { return n ? next() % n : 0; }
    std::int64_t between(std::int64_t low, std::int64_t high)
    {
        return low + static_cast<std::int64_t>(below(static_cast<std::uint64_t>(high - low + 1)));
    }
    bool chance(double p) { return unit() < p; }

private:
    std::uint64_t m_state;
};

enum class EventKind : std::uint8_t {
    Sip,
    TcpHandshake,
    RtpFromCaller,
    RtpFromCallee,
};

struct Event {
    std::int64_t timeNs = 0;
    std::uint64_t order = 0; // ties keep the order in which events were queued
    std::uint32_t slot = 0;
    std::uint16_t index = 0;
    EventKind kind = EventKind::Sip;

    bool operator>(const Event& other) const
    {
        return timeNs != other.timeNs ? timeNs > other.timeNs : order > other.order;
    }
};

struct RtpStream {
    Endpoint source;
    Endpoint destination;
    std::int64_t nextNs = 0;
    std::int64_t endNs = 0;
    std::uint32_t ssrc = 0;
    std::uint32_t timestamp = 0;
    std::uint16_t sequence = 0;
    bool first = true;
};

struct ActiveCall {
    SipScenario scenario;
    std::int64_t startNs = 0;
    std::uint32_t pendingEvents = 0;
    bool tcp = false;
    std::uint32_t tcpIsn[2] = {}; // caller side, callee side
    std::uint32_t tcpNext[2] = {};
    std::array<RtpStream, 2> rtp; // [0] from the caller, [1] from the callee
    std::uint8_t payloadType = 0;
};

struct Carrier {
    std::array<IpAddress, 2> sbc;
    std::string domain;
    std::string agent;
};

struct Pbx {
    IpAddress address;
    std::string domain;
    std::string agent;
    std::string mainNumber; // E.164 number the PBX presents on outbound calls
};

struct Phone {
    IpAddress address;
    std::string extension;
    std::string displayName;
    std::string agent;
};

enum class Outcome : std::uint8_t {
    Answered,
    ChallengedAnswered,
    NotFound,
    Busy,
    Cancelled,
    OtherFailure,
    ChallengedFailure,
    NoAnswer,
    Register,
    Options,
};

Outcome pickOutcome(Random& random)
{
    // Shares of all Call-IDs: about 80 % answered, the rest the usual trunk failures.
    const double r = random.unit();
    constexpr std::array<std::pair<double, Outcome>, 9> kCumulative { {
        { 0.740, Outcome::Answered },
        { 0.800, Outcome::ChallengedAnswered },
        { 0.845, Outcome::NotFound },
        { 0.880, Outcome::Busy },
        { 0.925, Outcome::Cancelled },
        { 0.945, Outcome::OtherFailure },
        { 0.950, Outcome::ChallengedFailure },
        { 0.955, Outcome::NoAnswer },
        { 0.980, Outcome::Register },
    } };
    for (const auto& [limit, outcome] : kCumulative) {
        if (r < limit)
            return outcome;
    }
    return Outcome::Options;
}

class GeneratorRun {
public:
    GeneratorRun(const CaptureGeneratorOptions& options, const std::filesystem::path& path)
        : m_options(options)
        , m_random(options.seed * 0x2545F4914F6CDD1Dull + 0x5851F42D4C957F2Dull)
    {
        if (options.format == CaptureFileFormat::Pcapng) {
            m_pcapng = std::make_unique<PcapngWriter>(path);
            m_pcapng->addInterface(1, 262144);
        } else {
            m_pcap = std::make_unique<PcapWriter>(path, 1);
        }
        m_nextCallNs = options.startTimeNs;
        buildEndpoints();
        buildRtpPayloads();
        m_heap.reserve(65536);
    }

    CaptureGeneratorStats execute()
    {
        while (m_callsStarted < m_options.calls || !m_heap.empty()) {
            if (m_callsStarted < m_options.calls && (m_heap.empty() || m_nextCallNs <= m_heap.front().timeNs)) {
                startCall();
                continue;
            }
            std::pop_heap(m_heap.begin(), m_heap.end(), std::greater<> {});
            const Event event = m_heap.back();
            m_heap.pop_back();
            emit(event);
        }
        if (m_pcap) {
            m_pcap->close();
            m_stats.fileBytes = m_pcap->bytesWritten();
        } else {
            m_pcapng->close();
            m_stats.fileBytes = m_pcapng->bytesWritten();
        }
        return m_stats;
    }

private:
    std::uint64_t recordBytes(std::size_t frameSize) const
    {
        if (m_pcap)
            return 16 + frameSize;
        return 32 + ((frameSize + 3) & ~std::size_t(3));
    }

    static std::string numberText(std::uint64_t value, int digits)
    {
        std::string text(static_cast<std::size_t>(digits), '0');
        for (int i = digits - 1; i >= 0; --i, value /= 10)
            text[static_cast<std::size_t>(i)] = static_cast<char>('0' + value % 10);
        return text;
    }

    void buildEndpoints()
    {
        const std::array<const char*, 4> carrierDomains { "carrier-a.example.net", "carrier-b.example.net",
            "carrier-c.example.org", "carrier-d.example.com" };
        const std::array<const char*, 4> carrierAgents { "CarrierA-SBC/9.2.1", "Kamailio (5.7.2 (x86_64/linux))",
            "OpenSIPS (3.4.2 (x86_64/linux))", "NetTrunk SBC 5.1.0" };
        for (std::uint8_t i = 0; i < 4; ++i) {
            Carrier carrier;
            carrier.sbc = { IpAddress::v4(203, 0, 113, static_cast<std::uint8_t>(10 + 10 * i)),
                IpAddress::v4(203, 0, 113, static_cast<std::uint8_t>(11 + 10 * i)) };
            carrier.domain = carrierDomains[i];
            carrier.agent = carrierAgents[i];
            m_carriers.push_back(carrier);
        }
        m_pbxs.push_back(
            { IpAddress::v4(198, 51, 100, 20), "pbx.example.test", "Asterisk PBX 20.5.0", "+15551230100" });
        m_pbxs.push_back({ IpAddress::v4(198, 51, 100, 21), "pbx2.example.test",
            "FreeSWITCH-mod_sofia/1.10.11-release~64bit", "+15551240100" });
        const std::array<const char*, 6> phoneAgents { "Yealink SIP-T54W 96.86.0.100",
            "Polycom/6.4.3.5018 PolycomVVX-VVX_450-UA/6.4.3.5018", "Grandstream GXP2170 1.0.11.23",
            "Cisco-CP8841/14.1.1", "Linphone/5.2.0 (belle-sip/5.2.0)", "MicroSIP/3.21.3" };
        const std::array<const char*, 12> firstNames { "Alice", "Bob", "Carol", "Dave", "Erin", "Frank", "Grace",
            "Heidi", "Ivan", "Judy", "Mallory", "Oscar" };
        const std::array<const char*, 8> lastNames { "Smith", "Jones", "Garcia", "Miller", "Davis", "Lopez", "Wilson",
            "Clark" };
        for (std::uint32_t i = 0; i < 2000; ++i) {
            Phone phone;
            phone.address
                = IpAddress::v4(10, 20, static_cast<std::uint8_t>(i / 250), static_cast<std::uint8_t>(i % 250 + 2));
            phone.extension = std::to_string(2000 + i);
            phone.displayName = std::string(firstNames[i % firstNames.size()]) + " "
                + lastNames[(i / firstNames.size()) % lastNames.size()];
            phone.agent = phoneAgents[(i * 7) % phoneAgents.size()];
            m_phones.push_back(phone);
        }
    }

    void buildRtpPayloads()
    {
        // Low-level noise rather than digital silence, so frames differ as real ones do.
        Random random(m_options.seed ^ 0xA5A5A5A5u);
        for (std::size_t frame = 0; frame < m_pcmu.size(); ++frame) {
            for (std::size_t i = 0; i < kRtpPayloadSize; ++i) {
                const auto level = static_cast<std::uint8_t>(random.below(6));
                const bool negative = random.chance(0.5);
                m_pcmu[frame][i] = static_cast<std::uint8_t>((negative ? 0x7F : 0xFF) - level);
                m_pcma[frame][i] = static_cast<std::uint8_t>((negative ? 0x55 : 0xD5) ^ level);
            }
        }
    }

    std::string randomE164(Random& random)
    {
        const std::uint64_t npa = 201 + random.below(780);
        const std::uint64_t nxx = 201 + random.below(780);
        const std::uint64_t line = random.below(10000);
        return "+1" + numberText(npa, 3) + numberText(nxx, 3) + numberText(line, 4);
    }

    std::uint32_t allocateSlot()
    {
        if (!m_freeSlots.empty()) {
            const std::uint32_t slot = m_freeSlots.back();
            m_freeSlots.pop_back();
            return slot;
        }
        m_calls.push_back(std::make_unique<ActiveCall>());
        return static_cast<std::uint32_t>(m_calls.size() - 1);
    }

    void push(std::int64_t timeNs, std::uint32_t slot, std::uint16_t index, EventKind kind)
    {
        m_heap.push_back({ timeNs, m_order++, slot, index, kind });
        std::push_heap(m_heap.begin(), m_heap.end(), std::greater<> {});
        m_stats.peakQueuedEvents = std::max<std::uint64_t>(m_stats.peakQueuedEvents, m_heap.size());
        ++m_calls[slot]->pendingEvents;
    }

    ScenarioTiming randomTiming(Random& random) const
    {
        ScenarioTiming timing;
        timing.tryingNs = random.between(5, 60) * kMs;
        timing.ringingNs = timing.tryingNs + random.between(60, 600) * kMs;
        timing.answerNs = random.between(1000, 18000) * kMs;
        timing.failNs = random.between(20, 400) * kMs;
        timing.ackNs = random.between(2, 60) * kMs;
        timing.roundTripNs = random.between(10, 80) * kMs;
        timing.cancelNs = random.between(2000, 25000) * kMs;
        timing.retryNs = random.between(5, 40) * kMs;
        return timing;
    }

    // With --rtp-share, the talk time of each answered call is chosen so that the RTP committed so
    // far stays at the asked share of the file, and a call goes without RTP while the share is
    // ahead (with low shares); otherwise it is a plausible hold time. Returns the talk time and
    // whether the call's RTP is written.
    std::pair<std::int64_t, bool> chooseTalk(Random& random) const
    {
        const double plausible = 3.0 - std::log(1.0 - random.unit()) * 57.0;
        const auto plausibleNs = static_cast<std::int64_t>(std::min(plausible, 900.0) * double(kSecond));
        if (m_options.rtpShare <= 0.0)
            return { plausibleNs, false };
        const double share = std::min(m_options.rtpShare, 0.995);
        const double ratio = share / (1.0 - share);
        const double perCall = m_callsBuilt ? double(m_otherBytes) / double(m_callsBuilt) : 6000.0;
        const double deficit = ratio * (double(m_otherBytes) + perCall) - double(m_rtpCommittedBytes);
        const double bytesPerSecond = 2.0 * double(kSecond / kRtpIntervalNs) * double(recordBytes(214));
        if (deficit < 0.5 * bytesPerSecond)
            return { plausibleNs, false };
        double seconds = deficit / bytesPerSecond * (0.7 + 0.6 * random.unit());
        seconds = std::clamp(seconds, 0.2, 3600.0);
        return { static_cast<std::int64_t>(seconds * double(kSecond)), true };
    }

    void startCall()
    {
        const std::uint64_t callIndex = m_callsStarted++;
        const std::int64_t startNs = m_nextCallNs;
        m_nextCallNs
            += static_cast<std::int64_t>(-std::log(1.0 - m_random.unit()) / m_options.callsPerSecond * double(kSecond));
        Random random(m_options.seed * 0x9E3779B97F4A7C15ull ^ (callIndex + 1) * 0xD1B54A32D192ED03ull);

        const Outcome outcome = pickOutcome(random);
        ScenarioCall& call = m_call;
        call.callId.clear();
        call.requestUser.clear();
        call.requestHost.clear();
        call.transport = ScenarioTransport::Udp;
        call.seed = random.next();
        call.firstCseq = static_cast<std::uint32_t>(1 + random.below(3) * 100);
        call.answerPayloadType = random.chance(0.8) ? 0 : 8;
        call.caller.media.reset();
        call.callee.media.reset();
        call.caller.rtpPort = 0;
        call.callee.rtpPort = 0;
        call.caller.displayName.clear();
        call.callee.displayName.clear();

        const auto& pbx = m_pbxs[random.below(m_pbxs.size())];
        const auto& carrier = m_carriers[random.below(m_carriers.size())];
        const IpAddress& sbc = carrier.sbc[random.below(2)];
        auto setPbx = [&](ScenarioParty& party, const std::string& user) {
            party.user = user;
            party.domain = pbx.domain;
            party.signalling = { pbx.address, 5060 };
            party.agent = pbx.agent;
        };
        auto setCarrier = [&](ScenarioParty& party, const std::string& user) {
            party.user = user;
            party.domain = carrier.domain;
            party.signalling = { sbc, 5060 };
            party.media = IpAddress::v4(203, 0, 113, static_cast<std::uint8_t>(128 + random.below(64)));
            party.agent = carrier.agent;
        };
        auto setPhone = [&](ScenarioParty& party) {
            const auto& phone = m_phones[random.below(m_phones.size())];
            party.user = phone.extension;
            party.domain = pbx.domain;
            party.displayName = phone.displayName;
            party.signalling = { phone.address, 5060 };
            party.agent = phone.agent;
            if (random.chance(0.05)) {
                call.transport = ScenarioTransport::Tcp;
                party.signalling.port = static_cast<std::uint16_t>(32768 + random.below(28000));
            }
        };

        bool trunk = false;
        if (outcome == Outcome::Register) {
            setPhone(call.caller);
            setPbx(call.callee, "");
            call.requestHost = pbx.domain;
        } else if (outcome == Outcome::Options) {
            if (random.chance(0.5)) {
                setPbx(call.caller, "pbx");
                setCarrier(call.callee, "");
            } else {
                setCarrier(call.caller, "sbc");
                setPbx(call.callee, "");
            }
            call.requestHost = call.callee.domain;
            call.caller.displayName.clear();
        } else {
            const double direction = random.unit();
            if (direction < 0.45) {
                // Inbound: a carrier delivers a call to one of the company's numbers, 10-digit or E.164.
                trunk = true;
                setCarrier(call.caller, randomE164(random));
                const std::string did = "555" + numberText(1230000 + random.below(20000), 7);
                setPbx(call.callee, random.chance(0.25) ? "+1" + did : did);
            } else if (direction < 0.80) {
                trunk = true;
                setPbx(call.caller, pbx.mainNumber);
                call.caller.displayName = "Example Corp";
                setCarrier(call.callee, randomE164(random));
            } else {
                setPhone(call.caller);
                if (random.chance(0.5)) {
                    setPbx(call.callee, std::to_string(2000 + random.below(2000)));
                } else {
                    setPbx(call.callee, randomE164(random));
                }
            }
        }
        call.trunkHeaders = trunk;

        ScenarioTiming timing = randomTiming(random);
        const bool answered = outcome == Outcome::Answered || outcome == Outcome::ChallengedAnswered;
        bool withRtp = false;
        if (answered)
            std::tie(timing.talkNs, withRtp) = chooseTalk(random);

        InviteOptions invite;
        invite.retransmissions = random.chance(0.015) ? 1 : 0;
        invite.sessionProgress = trunk && random.chance(0.6);
        invite.sessionRefresh = random.chance(0.35);
        invite.calleeHangsUp = random.chance(0.45);
        invite.okRetransmitted = random.chance(0.01);
        const int challenge = trunk ? 407 : 401;

        const std::uint32_t slot = allocateSlot();
        ActiveCall& active = *m_calls[slot];
        active.startNs = startNs;
        active.pendingEvents = 0;
        active.tcp = call.transport == ScenarioTransport::Tcp;
        SipScenario& scenario = active.scenario;
        scenario.reset(call, timing);
        switch (outcome) {
        case Outcome::Answered:
            scenario.answeredCall(invite);
            break;
        case Outcome::ChallengedAnswered:
            invite.challenge = challenge;
            scenario.answeredCall(invite);
            break;
        case Outcome::NotFound:
            scenario.failedCall(random.chance(0.9) ? 404 : 604, invite);
            break;
        case Outcome::Busy:
            invite.ringBeforeFailure = random.chance(0.5);
            scenario.failedCall(random.chance(0.9) ? 486 : 600, invite);
            break;
        case Outcome::Cancelled:
            scenario.cancelledCall(invite);
            break;
        case Outcome::OtherFailure: {
            constexpr std::array<int, 7> kStatuses { 480, 503, 603, 488, 484, 408, 500 };
            const int status = kStatuses[random.below(kStatuses.size())];
            invite.ringBeforeFailure = status == 480 || status == 603 || status == 408;
            scenario.failedCall(status, invite);
            break;
        }
        case Outcome::ChallengedFailure:
            invite.challenge = challenge;
            scenario.failedCall(random.chance(0.5) ? 486 : 403, invite);
            break;
        case Outcome::NoAnswer:
            scenario.unansweredCall(7);
            break;
        case Outcome::Register:
            scenario.registration(random.chance(0.9));
            break;
        case Outcome::Options:
            scenario.optionsPing();
            break;
        }

        std::int64_t sipStartNs = startNs;
        if (active.tcp) {
            active.tcpIsn[0] = static_cast<std::uint32_t>(random.next());
            active.tcpIsn[1] = static_cast<std::uint32_t>(random.next());
            active.tcpNext[0] = active.tcpIsn[0] + 1;
            active.tcpNext[1] = active.tcpIsn[1] + 1;
            for (std::uint16_t i = 0; i < 3; ++i)
                push(startNs + i * kMs, slot, i, EventKind::TcpHandshake);
            m_otherBytes += 3 * recordBytes(60);
            sipStartNs += kTcpHandshakeNs;
            ++m_stats.tcpCalls;
        }
        const auto messages = scenario.messages();
        for (std::size_t i = 0; i < messages.size(); ++i) {
            push(sipStartNs + messages[i].offsetNs, slot, static_cast<std::uint16_t>(i), EventKind::Sip);
            m_otherBytes += recordBytes((active.tcp ? kEthIpTcpSize : kEthIpUdpSize) + messages[i].textSize);
        }
        ++m_callsBuilt;
        ++m_stats.calls;
        if (answered)
            ++m_stats.answeredCalls;

        if (withRtp && scenario.media()) {
            const auto& media = *scenario.media();
            active.payloadType = media.payloadType;
            // Early media (from a 183) lasts the whole ring time; leave it out when it alone would
            // take the RTP beyond its share.
            const double ratio = m_options.rtpShare / (1.0 - m_options.rtpShare);
            const double budget = ratio * double(m_otherBytes) - double(m_rtpCommittedBytes);
            const double earlyBytes
                = double(media.answerNs - media.calleeStartNs) / double(kRtpIntervalNs) * double(recordBytes(214));
            const std::int64_t calleeStartNs = earlyBytes > budget / 2 ? media.answerNs : media.calleeStartNs;
            const std::array<std::int64_t, 2> starts { media.callerStartNs, calleeStartNs };
            auto packetsOf = [](std::int64_t fromNs, std::int64_t toNs) {
                return fromNs < toNs ? static_cast<std::uint64_t>((toNs - fromNs + kRtpIntervalNs - 1) / kRtpIntervalNs)
                                     : std::uint64_t(0);
            };
            for (std::size_t side = 0; side < 2; ++side) {
                RtpStream& stream = active.rtp[side];
                stream.source = side == 0 ? media.caller : media.callee;
                stream.destination = side == 0 ? media.callee : media.caller;
                stream.nextNs = sipStartNs + starts[side] + random.between(1, 19) * kMs;
                stream.endNs = sipStartNs + media.endNs;
                stream.ssrc = static_cast<std::uint32_t>(random.next());
                stream.timestamp = static_cast<std::uint32_t>(random.next());
                stream.sequence = static_cast<std::uint16_t>(random.next());
                stream.first = true;
                if (stream.nextNs < stream.endNs) {
                    m_rtpCommittedBytes += packetsOf(stream.nextNs, stream.endNs) * recordBytes(214);
                    push(stream.nextNs, slot, 0, side == 0 ? EventKind::RtpFromCaller : EventKind::RtpFromCallee);
                }
            }
        }
        m_activeCalls += 1;
        m_stats.peakActiveCalls = std::max(m_stats.peakActiveCalls, m_activeCalls);
    }

    static EthernetOptions macsFor(const IpAddress& source, const IpAddress& destination)
    {
        EthernetOptions options;
        options.source.bytes = { 0x02, 0x00, source.bytes[0], source.bytes[1], source.bytes[2], source.bytes[3] };
        options.destination.bytes
            = { 0x02, 0x00, destination.bytes[0], destination.bytes[1], destination.bytes[2], destination.bytes[3] };
        return options;
    }

    void writeFrame(std::int64_t timeNs, bool rtp)
    {
        const auto bytes = m_builder.bytes();
        if (m_pcap)
            m_pcap->write(timeNs, bytes);
        else
            m_pcapng->writeEnhanced(0, timeNs, bytes);
        if (m_stats.frames == 0)
            m_stats.firstTimestampNs = timeNs;
        m_stats.lastTimestampNs = timeNs;
        ++m_stats.frames;
        if (rtp)
            m_stats.rtpBytes += recordBytes(bytes.size());
    }

    IpOptions nextIpOptions()
    {
        IpOptions options;
        options.identification = m_ipIdentification++;
        return options;
    }

    void emit(const Event& event)
    {
        ActiveCall& active = *m_calls[event.slot];
        const auto& call = active.scenario.call();
        const Endpoint& caller = call.caller.signalling;
        const Endpoint& callee = call.callee.signalling;
        switch (event.kind) {
        case EventKind::TcpHandshake: {
            const bool fromCaller = event.index != 1;
            const std::uint32_t sequence = event.index == 0 ? active.tcpIsn[0]
                : event.index == 1                          ? active.tcpIsn[1]
                                                            : active.tcpNext[0];
            const std::uint32_t acknowledgment = event.index == 0 ? 0
                : event.index == 1                                ? active.tcpNext[0]
                                                                  : active.tcpNext[1];
            const std::uint8_t flags = event.index == 0 ? kTcpSyn : event.index == 1 ? kTcpSyn | kTcpAck : kTcpAck;
            const Endpoint& source = fromCaller ? caller : callee;
            const Endpoint& destination = fromCaller ? callee : caller;
            m_builder.payload(std::string_view())
                .tcp(source, destination, sequence, acknowledgment, flags)
                .ip(nextIpOptions())
                .ethernet(macsFor(source.address, destination.address));
            writeFrame(event.timeNs, false);
            ++m_stats.tcpControlFrames;
            break;
        }
        case EventKind::Sip: {
            const auto& message = active.scenario.messages()[event.index];
            const std::string_view text = active.scenario.text(message);
            const bool fromCaller = message.direction == ScenarioDirection::CallerToCallee;
            const Endpoint& source = fromCaller ? caller : callee;
            const Endpoint& destination = fromCaller ? callee : caller;
            m_builder.payload(text);
            if (active.tcp) {
                const std::size_t side = fromCaller ? 0 : 1;
                m_builder.tcp(source, destination, active.tcpNext[side], active.tcpNext[1 - side], kTcpPshAck);
                active.tcpNext[side] += static_cast<std::uint32_t>(text.size());
            } else {
                m_builder.udp(source, destination);
            }
            m_builder.ip(nextIpOptions()).ethernet(macsFor(source.address, destination.address));
            writeFrame(event.timeNs, false);
            ++m_stats.sipMessages;
            m_stats.sipTextBytes += text.size();
            if (message.retransmission)
                ++m_stats.retransmissions;
            break;
        }
        case EventKind::RtpFromCaller:
        case EventKind::RtpFromCallee: {
            RtpStream& stream = active.rtp[event.kind == EventKind::RtpFromCaller ? 0 : 1];
            std::uint8_t* p = m_rtp.data();
            p[0] = 0x80;
            p[1] = static_cast<std::uint8_t>((stream.first ? 0x80 : 0) | active.payloadType);
            p[2] = static_cast<std::uint8_t>(stream.sequence >> 8);
            p[3] = static_cast<std::uint8_t>(stream.sequence);
            for (int i = 0; i < 4; ++i) {
                p[4 + i] = static_cast<std::uint8_t>(stream.timestamp >> (24 - 8 * i));
                p[8 + i] = static_cast<std::uint8_t>(stream.ssrc >> (24 - 8 * i));
            }
            const auto& noise = active.payloadType == 8 ? m_pcma : m_pcmu;
            const auto& frame = noise[(stream.sequence ^ (stream.ssrc & 0xFF)) % noise.size()];
            std::copy(frame.begin(), frame.end(), p + kRtpHeaderSize);
            m_builder.payload(core::ByteView(m_rtp.data(), m_rtp.size()))
                .udp(stream.source, stream.destination)
                .ip(nextIpOptions())
                .ethernet(macsFor(stream.source.address, stream.destination.address));
            writeFrame(event.timeNs, true);
            ++m_stats.rtpFrames;
            stream.first = false;
            ++stream.sequence;
            stream.timestamp += kRtpPayloadSize;
            stream.nextNs += kRtpIntervalNs;
            if (stream.nextNs < stream.endNs)
                push(stream.nextNs, event.slot, 0, event.kind);
            break;
        }
        }
        if (--active.pendingEvents == 0) {
            m_freeSlots.push_back(event.slot);
            --m_activeCalls;
        }
    }

    CaptureGeneratorOptions m_options;
    Random m_random;
    std::unique_ptr<PcapWriter> m_pcap;
    std::unique_ptr<PcapngWriter> m_pcapng;
    PacketBuilder m_builder;
    ScenarioCall m_call;
    std::vector<Event> m_heap;
    std::vector<std::unique_ptr<ActiveCall>> m_calls;
    std::vector<std::uint32_t> m_freeSlots;
    std::vector<Carrier> m_carriers;
    std::vector<Pbx> m_pbxs;
    std::vector<Phone> m_phones;
    std::array<std::array<std::uint8_t, kRtpPayloadSize>, 8> m_pcmu {};
    std::array<std::array<std::uint8_t, kRtpPayloadSize>, 8> m_pcma {};
    std::array<std::uint8_t, kRtpHeaderSize + kRtpPayloadSize> m_rtp {};
    CaptureGeneratorStats m_stats;
    std::int64_t m_nextCallNs = 0;
    std::uint64_t m_callsStarted = 0;
    std::uint64_t m_callsBuilt = 0;
    std::uint64_t m_order = 0;
    std::uint64_t m_otherBytes = 0; // record bytes of everything but RTP, committed at call start
    std::uint64_t m_rtpCommittedBytes = 0;
    std::uint64_t m_activeCalls = 0;
    std::uint16_t m_ipIdentification = 1;
};

} // namespace

CaptureGenerator::CaptureGenerator(const CaptureGeneratorOptions& options)
    : m_options(options)
{
}

CaptureGeneratorStats CaptureGenerator::write(const std::filesystem::path& path) const
{
    if (!(m_options.callsPerSecond > 0.0))
        throw std::runtime_error("calls per second must be positive");
    if (m_options.rtpShare < 0.0 || m_options.rtpShare > 0.995)
        throw std::runtime_error("the RTP share must be between 0 and 0.995");
    GeneratorRun run(m_options, path);
    return run.execute();
}

} // namespace sipladder::testing
