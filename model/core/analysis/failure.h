// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "analysis/baseline_finder.h"
#include "analysis/explanation.h"
#include "analysis/uri_diff.h"
#include "flow/message_record.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sipladder::core {

// A header of the failing request that differs from the working call's (To, From,
// P-Asserted-Identity, Route), shown beside the Request-URI diff.
struct HeaderValueDiff {
    std::string header;
    UriDiff diff;
};

// One failed transaction with its explanation (CONTRACT.md "failures"): every failure of the
// outcome table, the initial transaction's and later ones (a re-INVITE's 488, a BYE's 481).
struct Failure {
    std::uint32_t callIndex = kNoIndex;
    std::uint32_t transactionIndex = kNoIndex;
    std::uint32_t requestMessage = kNoIndex; // the failing request (first copy), when captured
    std::uint32_t finalMessage = kNoIndex; // the final error response; kNoIndex for a time-out
    bool initial = false; // the call's initial transaction (it makes the call failed)
    std::string cseq; // "1 INVITE"
    std::optional<std::uint64_t> frame; // of the final response, else of the request (captures)
    std::optional<std::uint64_t> line; // the same for a message of a text log (then frame is empty)
    SipMethod method = SipMethod::Unknown;
    std::string methodText;
    std::string requestUri;
    std::optional<int> status; // none for a time-out without a final response
    std::string reason;
    Explanation explanation;
    std::optional<Baseline> baseline; // the working call compared with, if any
    std::optional<UriDiff> uriDiff; // failing vs baseline Request-URI
    std::vector<HeaderValueDiff> headerDiffs;
};

} // namespace sipladder::core
