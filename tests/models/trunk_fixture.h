// SPDX-License-Identifier: Apache-2.0
#pragma once
// A small trunk capture for the diagnosis tests of the models, widgets and window: a carrier trunk
// (192.0.2.10) into a PBX (198.51.100.5) where the INVITE to +15551234567 gets 404 Not Found while
// calls to 5551234567 and 5559990000 were answered, plus a busy call and a call nobody answered.
// Header-only, built with the shared packet builder and SIP scenarios; included as
// "models/trunk_fixture.h" by the other Qt test suites.

#include "support/capture_file_writer.h"
#include "support/packet_builder.h"
#include "support/sip_scenario.h"

#include "load/capture_loader.h"

#include <algorithm>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace sipladder::testing::trunk {

// Calls in order of their first message (their call index).
enum Call : std::uint32_t {
    Answered, // INVITE 5551234567, 200 OK; its Call-ID holds markup (a Call-ID may hold '<' and '>')
    NotFound, // INVITE +15551234567, 404; its caller's display name holds markup
    OtherAnswered, // INVITE 5559990000, 200 OK: another working call on the same trunk
    Busy, // INVITE 5551112222, 486 Busy Here
    Unanswered, // INVITE 5553334444 sent seven times, never answered; the capture goes on 40 s more
    Keepalive, // OPTIONS 40 s after the unanswered INVITE, so that it counts as timed out
    CallCount,
};

inline constexpr std::string_view kHostileCallId = "<b>bold</b>@carrier.example";
inline constexpr std::string_view kHostileDisplayName = "<b>x</b>";
inline constexpr std::int64_t kStartNs = 1795514400LL * 1'000'000'000;

inline void writeCapture(const std::filesystem::path& path)
{
    using core::IpAddress;
    const core::Endpoint carrier { IpAddress::v4(192, 0, 2, 10), 5060 };
    const core::Endpoint pbx { IpAddress::v4(198, 51, 100, 5), 5060 };

    struct Frame {
        std::int64_t timestampNs;
        std::vector<std::uint8_t> bytes;
    };
    std::vector<Frame> frames;
    PacketBuilder builder;
    SipScenario scenario;
    ScenarioTiming timing;
    timing.talkNs = 2'000'000'000;
    timing.answerNs = 1'000'000'000;

    auto call = [&](std::uint32_t index, std::string dialled, std::string displayName = "Carrier") {
        ScenarioCall c;
        c.caller.user = "+12125550147";
        c.caller.domain = "carrier.example";
        c.caller.displayName = std::move(displayName);
        c.caller.signalling = carrier;
        c.caller.agent = "CarrierSBC/4.2";
        c.callee.user = std::move(dialled);
        c.callee.domain = "pbx.example.test";
        c.callee.signalling = pbx;
        c.callee.agent = "PBX/1.0";
        c.seed = index + 1;
        c.callId = "trunk-" + std::to_string(index) + "@carrier.example";
        c.trunkHeaders = true;
        return c;
    };
    auto add = [&](const ScenarioCall& c, std::int64_t startNs, auto&& build) {
        scenario.reset(c, timing);
        build(scenario);
        for (const auto& message : scenario.messages()) {
            const bool forward = message.direction == ScenarioDirection::CallerToCallee;
            builder.payload(scenario.text(message))
                .udp(forward ? c.caller.signalling : c.callee.signalling,
                    forward ? c.callee.signalling : c.caller.signalling)
                .ip()
                .ethernet();
            frames.push_back({ startNs + message.offsetNs, builder.toVector() });
        }
    };
    auto at = [](int second) { return kStartNs + std::int64_t(second) * 1'000'000'000; };

    ScenarioCall answered = call(Answered, "5551234567");
    answered.callId = std::string(kHostileCallId);
    add(answered, at(0), [](SipScenario& s) { s.answeredCall(); });
    add(call(NotFound, "+15551234567", std::string(kHostileDisplayName)), at(10),
        [](SipScenario& s) { s.failedCall(404); });
    add(call(OtherAnswered, "5559990000"), at(20), [](SipScenario& s) { s.answeredCall(); });
    add(call(Busy, "5551112222"), at(30), [](SipScenario& s) { s.failedCall(486); });
    add(call(Unanswered, "5553334444"), at(40), [](SipScenario& s) { s.unansweredCall(7); });
    ScenarioCall keepalive = call(Keepalive, "pbx");
    add(keepalive, at(40 + 72), [](SipScenario& s) { s.optionsPing(); });

    std::stable_sort(
        frames.begin(), frames.end(), [](const Frame& a, const Frame& b) { return a.timestampNs < b.timestampNs; });
    PcapWriter writer(path, builder.linkType());
    for (const auto& frame : frames)
        writer.write(frame.timestampNs, core::ByteView(frame.bytes.data(), frame.bytes.size()));
    writer.close();
}

inline core::SnapshotPtr loadCapture(const std::filesystem::path& path)
{
    writeCapture(path);
    core::LoadOptions options;
    options.paths = { path.string() };
    auto result = core::CaptureLoader::load(options);
    if (!result)
        throw std::runtime_error(result.error().message);
    return result.value();
}

} // namespace sipladder::testing::trunk
