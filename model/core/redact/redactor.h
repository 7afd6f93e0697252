// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "analysis/failure.h"
#include "layout/ladder_layout.h"
#include "net/endpoint.h"
#include "redact/placeholder_table.h"

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sipladder::core {

class CaptureSnapshot;
class Diagnosis;

// Takes out of an export what identifies people and networks, consistently (issue 6 "Redaction"):
// user parts and phone numbers (in URIs, display names, P-Asserted-Identity, Diversion,
// Remote-Party-ID, From/To/Contact...), host names and IP addresses (endpoints, Via, Contact,
// Route/Record-Route, SDP o=/c=, any header value, bodies) and Call-IDs, replaced by the
// placeholders of PlaceholderTable. The same value gets the same placeholder everywhere in one
// export; other forms of the same number get related ones ("+1-NUMBER-1" and "NUMBER-1").
//
// Use one Redactor per export, and share it between the files of one export (an HTML report and its
// pcap) so that they agree. learn() first: it walks the exported calls in trace order, so that
// placeholders are numbered by first appearance in the trace, whatever a writer prints first.
// SIP messages keep their shape (the same headers, parameters, tags, branches, ports, and a
// Content-Length that fits the redacted body), so a redacted capture still parses.
// Not thread-safe: it assigns placeholders as it goes.
class Redactor {
public:
    // Walks the messages of `callIndexes` (in that order, each call's messages in time order), then
    // what their failures refer to (the working call, evidence messages), the linked calls' Call-IDs
    // and the file names.
    void learn(const CaptureSnapshot& snapshot, std::span<const std::uint32_t> callIndexes,
        const Diagnosis* diagnosis = nullptr);

    // A whole SIP message (start line, headers, body); junk that is not SIP is redacted as text.
    std::string redactMessage(std::string_view message);
    // A start line: the Request-URI of a request, the reason phrase of a response.
    std::string redactStartLine(std::string_view line);
    // One header's value, by what the header holds (name-addr lists, Via, Call-ID, credentials...).
    std::string redactHeaderValue(std::string_view headerName, std::string_view value);
    // A sip:, sips: or tel: URI (with or without <>); other text as text.
    std::string redactUri(std::string_view uri);
    // Free text built from the trace: summaries, explanations, notes, evidence, warnings. Finds
    // URIs, addresses, numbers of 7 digits or more, and every value already mapped.
    std::string redactText(std::string_view text);

    std::string mapCallId(std::string_view callId) { return m_table.callId(callId); }
    IpAddress mapAddress(const IpAddress& address) { return m_table.address(address); }
    Endpoint mapEndpoint(const Endpoint& endpoint) { return { m_table.address(endpoint.address), endpoint.port }; }
    // A file name as "file-1.pcapng": paths name customers and tickets.
    std::string mapFileName(std::string_view path) { return m_table.fileName(path); }

    // A failure with every trace value redacted; URI diffs keep their components and equality, with
    // the differing characters computed again on the redacted values.
    Failure redactFailure(const Failure& failure);
    // Lifeline labels and endpoints, arrow labels and start lines redacted. The result has no call
    // indexes (the titles are the caller's).
    LadderLayout redactLayout(const LadderLayout& layout);

    const PlaceholderTable& table() const { return m_table; }

private:
    struct Rules {
        bool numbers = true; // digit runs of 7 or more (with separators) are phone numbers
        bool hostNames = false; // any dotted name with a top-level label is a host
    };
    static constexpr Rules kProse { true, false };
    static constexpr Rules kMessage { true, true };
    static constexpr Rules kTechnical { false, false };
    static constexpr Rules kSdp { false, true };

    std::string scan(std::string_view text, Rules rules);
    std::size_t scanUri(std::string_view text, std::size_t pos, std::string& out);
    std::size_t scanAddress(std::string_view text, std::size_t pos, std::string& out);
    std::size_t scanNumber(std::string_view text, std::size_t pos, std::string& out);
    std::size_t scanHostName(std::string_view text, std::size_t pos, std::string& out);
    std::size_t scanTerm(std::string_view text, std::size_t pos, std::string& out) const;
    // Copies a token, replacing the trace's own IPv4 addresses glued inside it
    // ("z9hG4bK-46ea715e192.168.1.2", "tag=as1f10.1.2.3").
    void appendToken(std::string_view token, std::string& out);

    std::string redactUser(std::string_view user);
    std::string redactHost(std::string_view host);
    std::string redactHostPort(std::string_view hostPort);
    std::string redactParameters(std::string_view text);
    std::string redactParameterValue(std::string_view name, std::string_view value);
    std::string redactNameAddrList(std::string_view value);
    std::string redactNameAddr(std::string_view item);
    std::string redactVia(std::string_view item);
    std::string redactCredentials(std::string_view value);
    std::string redactCallIdList(std::string_view value);
    std::string redactBody(std::string_view body, std::string_view contentType);
    std::string redactXmlIdentities(const std::string& xml);
    std::string redactSdpLine(std::string_view line);
    std::string redactEvidence(std::string_view header, std::string_view value);
    UriDiff redactUriDiff(const UriDiff& diff, bool nameAddr, std::string_view header);
    void learnMessage(const CaptureSnapshot& snapshot, std::uint32_t messageIndex, std::string& buffer);
    void learnCall(const CaptureSnapshot& snapshot, std::uint32_t callIndex, std::string& buffer);

    PlaceholderTable m_table;
    // Short user parts of the failure being redacted ("201"): in its texts a bare "201" is that
    // user, although elsewhere short numbers are left alone (status codes, frames, counts).
    std::vector<std::pair<std::string, std::string>> m_terms;
};

} // namespace sipladder::core
