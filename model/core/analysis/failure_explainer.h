// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "analysis/baseline_finder.h"
#include "analysis/explanation.h"
#include "analysis/explanation_texts.h"
#include "analysis/failure.h"
#include "analysis/parsed_message.h"
#include "analysis/reach_index.h"
#include "analysis/registration_index.h"
#include "load/capture_snapshot.h"

#include <cstdint>
#include <unordered_map>
#include <vector>

namespace sipladder::core {

// The cause rules of CONTRACT.md for one failed transaction: picks the cause id (the 404 precedence
// number-format -> domain-mismatch -> wrong-server -> unknown-user; the others by status, outcome,
// Reason/Q.850, Warning, SDP, challenges, CANCELs, ICMP errors and registrations), gathers the
// evidence, and fills the texts. What the capture cannot tell goes into the uncertainties.
class FailureExplainer {
public:
    FailureExplainer(const CaptureSnapshot& snapshot, const ExplanationTexts& texts, const BaselineFinder& baselines);

    // `failure` has its identity filled (call, transaction, messages, status, Request-URI) and its
    // baseline chosen; `request` and `response` are its request and final response read back (either
    // may have failed to load).
    Explanation explain(const Failure& failure, const ParsedMessage& request, const ParsedMessage& response) const;

    const ReachIndex& reach() const { return m_reach; }
    const RegistrationIndex& registrations() const { return m_registrations; }

private:
    class Builder;
    friend class Builder;

    const CaptureSnapshot& m_snapshot;
    const ExplanationTexts& m_texts;
    const BaselineFinder& m_baselines;
    ReachIndex m_reach;
    RegistrationIndex m_registrations;
    std::unordered_map<std::uint32_t, std::vector<std::uint32_t>> m_icmpByCall;
};

} // namespace sipladder::core
