// SPDX-License-Identifier: Apache-2.0
#include "support/sample_calls.h"

#include "support/capture_file_writer.h"
#include "support/packet_builder.h"
#include "support/sip_scenario.h"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

namespace sipladder::testing {

namespace {

struct Frame {
    std::int64_t timestampNs = 0;
    std::vector<std::uint8_t> bytes;
};

ScenarioParty party(std::string user, std::string domain, core::IpAddress address, std::string agent = "TestPhone/1.0")
{
    ScenarioParty result;
    result.user = std::move(user);
    result.domain = std::move(domain);
    result.signalling = core::Endpoint { address, 5060 };
    result.agent = std::move(agent);
    return result;
}

ScenarioCall between(ScenarioParty caller, ScenarioParty callee)
{
    ScenarioCall call;
    call.caller = std::move(caller);
    call.callee = std::move(callee);
    return call;
}

} // namespace

void writeSampleCalls(const std::filesystem::path& path)
{
    using core::IpAddress;
    const auto carrier = IpAddress::v4(192, 0, 2, 10);
    const auto pbx = IpAddress::v4(198, 51, 100, 5);
    const auto sbc = IpAddress::v4(198, 51, 100, 9);

    // Calls start a second apart (leg B 50 ms after leg A, as an SBC forwards it).
    auto at = [](std::uint32_t index) { return kSampleStartNs + std::int64_t(index) * 1'000'000'000; };
    std::vector<Frame> frames;
    PacketBuilder builder;
    SipScenario scenario;
    ScenarioTiming timing;
    timing.talkNs = 2'000'000'000;
    timing.answerNs = 1'000'000'000;
    timing.cancelNs = 1'000'000'000;

    auto add = [&](std::uint32_t index, ScenarioCall call, std::int64_t startNs, auto&& build) {
        call.seed = index + 1;
        if (call.callId.empty())
            call.callId = "sample-" + std::to_string(index) + "@test.example";
        scenario.reset(call, timing);
        build(scenario);
        for (const auto& message : scenario.messages()) {
            const bool forward = message.direction == ScenarioDirection::CallerToCallee;
            const auto& from = forward ? call.caller.signalling : call.callee.signalling;
            const auto& to = forward ? call.callee.signalling : call.caller.signalling;
            builder.payload(scenario.text(message)).udp(from, to).ip().ethernet();
            frames.push_back({ startNs + message.offsetNs, builder.toVector() });
        }
    };

    const ScenarioCall answered
        = between(party("+12125550147", "carrier.example", carrier), party("5551234567", "pbx.example.test", pbx));
    add(SampleAnswered, answered, at(SampleAnswered), [](SipScenario& s) { s.answeredCall(); });

    const ScenarioCall notFound = between(party("+12125550100", "carrier.example", IpAddress::v4(192, 0, 2, 11)),
        party("5550000404", "pbx.example.test", pbx));
    add(SampleNotFound, notFound, at(SampleNotFound), [](SipScenario& s) { s.failedCall(404); });

    ScenarioCall cancelled
        = between(party("alice", "example.org", IpAddress::v4(203, 0, 113, 7)), party("bob", "example.org", pbx));
    cancelled.caller.displayName = "\xc3\x89mile Zola"; // "Émile", UTF-8
    add(SampleCancelled, cancelled, at(SampleCancelled), [](SipScenario& s) { s.cancelledCall(); });

    const ScenarioCall registration = between(party("carol", "example.org", IpAddress::v4(203, 0, 113, 8)),
        party("carol", "example.org", IpAddress::v4(198, 51, 100, 6)));
    add(SampleRegister, registration, at(SampleRegister), [](SipScenario& s) { s.registration(true); });

    const ScenarioCall options
        = between(party("pbx", "pbx.example.test", pbx), party("carrier", "carrier.example", carrier));
    add(SampleOptions, options, at(SampleOptions), [](SipScenario& s) { s.optionsPing(); });

    const ScenarioCall busy
        = between(party("+4930123456", "carrier.example", IpAddress::v4(192, 0, 2, 12), std::string(kSampleRareAgent)),
            party("030999999", "pbx.example.test", pbx));
    add(SampleBusy, busy, at(SampleBusy), [](SipScenario& s) { s.failedCall(486); });

    // Two legs through an SBC: same numbers, the second leg leaves from where the first arrived.
    const ScenarioCall legA = between(party("+13125550111", "carrier.example", IpAddress::v4(192, 0, 2, 20)),
        party("7735550122", "sbc.example.test", sbc));
    add(SampleLegA, legA, at(SampleLegA), [](SipScenario& s) { s.answeredCall(); });
    const ScenarioCall legB = between(party("+13125550111", "sbc.example.test", sbc),
        party("7735550122", "pbx.example.test", IpAddress::v4(10, 0, 0, 5)));
    add(SampleLegB, legB, at(SampleLegA) + 50'000'000, [](SipScenario& s) { s.answeredCall(); });

    const ScenarioCall inProgress
        = between(party("+12125550199", "carrier.example", carrier), party("5559876543", "pbx.example.test", pbx));
    add(SampleInProgress, inProgress, at(SampleInProgress), [](SipScenario& s) { s.unansweredCall(3); });

    std::stable_sort(
        frames.begin(), frames.end(), [](const Frame& a, const Frame& b) { return a.timestampNs < b.timestampNs; });
    PcapWriter writer(path, builder.linkType());
    for (const auto& frame : frames)
        writer.write(frame.timestampNs, core::ByteView(frame.bytes.data(), frame.bytes.size()));
    writer.close();
}

core::SnapshotPtr loadSampleCalls(const std::filesystem::path& path)
{
    writeSampleCalls(path);
    core::LoadOptions options;
    options.paths = { path.string() };
    auto result = core::CaptureLoader::load(options);
    if (!result)
        throw std::runtime_error(result.error().message);
    return result.value();
}

} // namespace sipladder::testing
