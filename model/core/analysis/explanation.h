// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "analysis/cause.h"
#include "flow/message_record.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sipladder::core {

// One piece of evidence: a header value of a message (or, without a message, a fact such as "no
// REGISTER for this user in the capture").
struct Evidence {
    std::uint32_t messageIndex = kNoIndex; // into snapshot.messages(); kNoIndex when none
    std::optional<std::uint64_t> frame; // that message's frame, for display and JSON (captures)
    std::optional<std::uint64_t> line; // its line instead, for a message of a text log
    std::string header; // "Request-URI", "Reason", "Warning", "SDP m=audio"...
    std::string value;
};

// What to check or change, for one kind of system.
struct Fix {
    std::string platform; // "Asterisk", "FreeSWITCH", "Kamailio", "CUCM", "Carrier portal", "General"
    std::string text;
};

// The structured finding for one failure: the same record feeds the side panel, the CLI and the
// reports. Texts come from resources/diagnosis (compiled in), filled with the capture's values.
struct Explanation {
    Cause cause = Cause::Other;
    Severity severity = Severity::Error;
    std::string title; // "Number format not accepted"
    std::string summary; // one line: "The number was dialled in E.164 form; the working call used the 10-digit form."
    std::string explanation; // a paragraph or two
    std::vector<Evidence> evidence;
    std::vector<Fix> fixes;
    std::vector<std::string> references; // "RFC 3261 §21.4.5"
    // What the capture could not tell (said rather than guessed).
    std::vector<std::string> uncertainties;
    std::optional<int> q850Cause; // from a Reason: Q.850;cause=N header
    // The successful call the explanation cites as having reached the same user (404 rules), so the
    // diagnoser can compare with that call rather than another one.
    std::optional<std::uint32_t> citedCall;
};

} // namespace sipladder::core
