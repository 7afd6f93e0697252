// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "load/capture_loader.h"
#include "net/endpoint.h"
#include "support/sip_scenario.h"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace sipladder::testing {

// Builds a small Ethernet/IPv4/UDP capture out of SIP scenarios and hand-written messages, in any
// order (frames are sorted by time when written), then loads it: the fixtures of the diagnosis tests.
class TraceBuilder {
public:
    // Rewrites the text of message `index` of a scenario (add a Reason header, an SDP...).
    using Edit = std::function<std::string(std::size_t index, std::string_view text)>;

    // Every message of `scenario` (already built), the first at `startNs`; `edit` may change texts.
    void addScenario(const SipScenario& scenario, std::int64_t startNs, const Edit& edit = {});
    void addUdp(std::int64_t atNs, const core::Endpoint& from, const core::Endpoint& to, std::string_view text);
    // An ICMP port unreachable from `reporter` quoting a datagram `from` -> `to` carrying `quotedText`.
    void addIcmpPortUnreachable(std::int64_t atNs, const core::IpAddress& reporter, const core::Endpoint& from,
        const core::Endpoint& to, std::string_view quotedText);
    // A non-SIP frame, so that "the capture goes on" until `atNs`.
    void addFiller(std::int64_t atNs);

    void write(const std::filesystem::path& path) const;
    // Writes the capture at `path` and loads it; throws std::runtime_error when either fails.
    core::SnapshotPtr load(const std::filesystem::path& path) const;

private:
    struct Frame {
        std::int64_t timestampNs = 0;
        std::vector<std::uint8_t> bytes;
    };
    std::vector<Frame> m_frames;
};

// The text of a SIP message with `headerLines` ("Name: value\r\n"...) inserted before its
// Content-Length header.
std::string withHeaders(std::string_view message, std::string_view headerLines);
// The message with its body replaced (Content-Type and Content-Length set to match).
std::string withBody(std::string_view message, std::string_view contentType, std::string_view body);
// The message with the first header named `name` (case-sensitive, as SipScenario writes them) given a
// new value.
std::string withHeaderValue(std::string_view message, std::string_view name, std::string_view value);
// The message with its start line replaced.
std::string withStartLine(std::string_view message, std::string_view startLine);

} // namespace sipladder::testing
