// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "analysis/baseline_finder.h"
#include "analysis/failure.h"
#include "analysis/explanation_texts.h"
#include "analysis/failure_explainer.h"
#include "load/capture_snapshot.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

namespace sipladder::core {

// All failures of a capture with their explanations, in the order of their calls and, within a
// call, of their transactions; computed once after loading (it reads some messages back for
// their Reason, Warning, Retry-After, SDP...). Immutable once built.
class Diagnosis {
public:
    const std::vector<Failure>& failures() const { return m_failures; }
    // Indexes into failures() of one call (empty when the call has none).
    std::vector<std::uint32_t> failuresOfCall(std::uint32_t callIndex) const;
    // The failure that makes a call failed (its initial transaction's), if any: the call list's
    // Diagnosis column.
    const Failure* initialFailureOfCall(std::uint32_t callIndex) const;

private:
    friend class Diagnoser;
    std::vector<Failure> m_failures;
    std::vector<std::uint32_t> m_firstOfCall; // per call: index of its first failure or kNoIndex
    std::vector<std::uint32_t> m_initialOfCall; // per call: index of its initial failure or kNoIndex
};

using DiagnosisPtr = std::shared_ptr<const Diagnosis>;

// Explains failures: the cause rules of CONTRACT.md (404 precedence number-format ->
// domain-mismatch -> wrong-server -> unknown-user; the other causes by status, Reason/Q.850 and
// Warning headers, SDP, challenges, CANCELs, ICMP errors, registrations), the working-call
// baseline and the Request-URI diff.
class Diagnoser {
public:
    explicit Diagnoser(const CaptureSnapshot& snapshot, const ExplanationTexts& texts = ExplanationTexts::builtIn());

    // Every failure of the capture.
    DiagnosisPtr diagnoseAll() const;
    // One failed transaction, against the best baseline or a chosen one (the user picked another
    // working call); nullopt when the transaction is not a failure, or the chosen call is not a
    // successful call other than the failing one.
    std::optional<Failure> diagnose(std::uint32_t transactionIndex,
        std::optional<std::uint32_t> baselineCall = std::nullopt) const;

    const BaselineFinder& baselines() const { return m_baselines; }
    const CaptureSnapshot& snapshot() const { return m_snapshot; }

private:
    const CaptureSnapshot& m_snapshot;
    const ExplanationTexts& m_texts;
    BaselineFinder m_baselines;
    FailureExplainer m_explainer;
};

} // namespace sipladder::core
