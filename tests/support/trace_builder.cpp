// SPDX-License-Identifier: Apache-2.0
#include "support/trace_builder.h"

#include "support/capture_file_writer.h"
#include "support/packet_builder.h"

#include <algorithm>
#include <stdexcept>

namespace sipladder::testing {

void TraceBuilder::addScenario(const SipScenario& scenario, std::int64_t startNs, const Edit& edit)
{
    const auto& call = scenario.call();
    const auto messages = scenario.messages();
    for (std::size_t i = 0; i < messages.size(); ++i) {
        const auto& message = messages[i];
        const bool forward = message.direction == ScenarioDirection::CallerToCallee;
        const auto& from = forward ? call.caller.signalling : call.callee.signalling;
        const auto& to = forward ? call.callee.signalling : call.caller.signalling;
        const auto text = scenario.text(message);
        addUdp(startNs + message.offsetNs, from, to, edit ? edit(i, text) : std::string(text));
    }
}

void TraceBuilder::addUdp(std::int64_t atNs, const core::Endpoint& from, const core::Endpoint& to, std::string_view text)
{
    PacketBuilder builder;
    builder.payload(text).udp(from, to).ip().ethernet();
    m_frames.push_back({atNs, builder.toVector()});
}

void TraceBuilder::addIcmpPortUnreachable(std::int64_t atNs, const core::IpAddress& reporter, const core::Endpoint& from,
    const core::Endpoint& to, std::string_view quotedText)
{
    PacketBuilder builder;
    builder.payload(quotedText).udp(from, to).ip().icmpError(reporter, from.address, 3, 3);
    builder.ethernet();
    m_frames.push_back({atNs, builder.toVector()});
}

void TraceBuilder::addFiller(std::int64_t atNs)
{
    PacketBuilder builder;
    const std::string rtp(172, '\x80');
    builder.payload(rtp)
        .udp(core::Endpoint{core::IpAddress::v4(192, 0, 2, 250), 40000},
            core::Endpoint{core::IpAddress::v4(192, 0, 2, 251), 40002})
        .ip()
        .ethernet();
    m_frames.push_back({atNs, builder.toVector()});
}

void TraceBuilder::write(const std::filesystem::path& path) const
{
    auto frames = m_frames;
    std::stable_sort(
        frames.begin(), frames.end(), [](const Frame& a, const Frame& b) { return a.timestampNs < b.timestampNs; });
    PcapWriter writer(path, 1);
    for (const auto& frame : frames)
        writer.write(frame.timestampNs, core::ByteView(frame.bytes.data(), frame.bytes.size()));
    writer.close();
}

core::SnapshotPtr TraceBuilder::load(const std::filesystem::path& path) const
{
    write(path);
    core::LoadOptions options;
    options.paths = {path.string()};
    auto result = core::CaptureLoader::load(options);
    if (!result)
        throw std::runtime_error(result.error().message);
    return result.value();
}

std::string withHeaders(std::string_view message, std::string_view headerLines)
{
    std::string text(message);
    auto at = text.find("\r\nContent-Length:");
    if (at == std::string::npos)
        at = text.find("\r\n\r\n");
    if (at == std::string::npos)
        return text + std::string(headerLines);
    text.insert(at + 2, headerLines);
    return text;
}

std::string withBody(std::string_view message, std::string_view contentType, std::string_view body)
{
    const auto end = message.find("\r\n\r\n");
    std::string head(message.substr(0, end == std::string_view::npos ? message.size() : end + 2));
    auto dropHeader = [&head](std::string_view name) {
        const std::string key = "\r\n" + std::string(name) + ":";
        const auto at = head.find(key);
        if (at != std::string::npos)
            head.erase(at + 2, head.find("\r\n", at + 2) - at);
    };
    dropHeader("Content-Type");
    dropHeader("Content-Length");
    if (!body.empty())
        head += "Content-Type: " + std::string(contentType) + "\r\n";
    head += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n";
    return head + std::string(body);
}

std::string withHeaderValue(std::string_view message, std::string_view name, std::string_view value)
{
    std::string text(message);
    const std::string key = "\r\n" + std::string(name) + ": ";
    const auto at = text.find(key);
    if (at == std::string::npos)
        return text;
    const auto begin = at + key.size();
    text.replace(begin, text.find("\r\n", begin) - begin, value);
    return text;
}

std::string withStartLine(std::string_view message, std::string_view startLine)
{
    std::string text(message);
    text.replace(0, text.find("\r\n"), startLine);
    return text;
}

} // namespace sipladder::testing
