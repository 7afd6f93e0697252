// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "analysis/diagnoser.h"
#include "layout/ladder_layout.h"
#include "load/capture_snapshot.h"
#include "redact/redactor.h"
#include "report/diagnosis_text_writer.h"
#include "report/report_options.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace sipladder::core {

// What the report writers read, with redaction applied in one place: every value taken from the
// trace goes through here, so a writer cannot print one unredacted by forgetting a call.
class ReportSource {
public:
    ReportSource(const CaptureSnapshot& snapshot, const Diagnosis& diagnosis, std::span<const std::uint32_t> calls,
        const ReportOptions& options);

    const CaptureSnapshot& snapshot() const { return m_snapshot; }
    const Diagnosis& diagnosis() const { return m_diagnosis; }
    const std::vector<std::uint32_t>& calls() const { return m_calls; }
    bool redacting() const { return m_redactor != nullptr; }
    std::string title() const;
    const std::string& scope() const { return m_scope; }

    // Trace values, redacted when asked.
    std::string text(std::string_view text);
    std::string header(std::string_view name, std::string_view value);
    std::string uri(std::string_view uri);
    std::string startLine(std::string_view line);
    std::string callId(std::uint32_t callIndex);
    // The call's initial method: its name, or an unknown method's name as written.
    std::string method(const CallFlow& call) const;
    // "404 Not Found" (the reason phrase as trace text), or "no final response".
    std::string finalResponse(const CallFlow& call);
    // A failure's status as the reports print it: "404 Not Found", or "no final response".
    static std::string failureStatus(const Failure& failure);
    std::string endpoint(const Endpoint& endpoint);
    std::string fileName(std::size_t fileIndex);
    std::string warning(std::string_view message);
    // A message's text read back from its file; nullopt when it cannot be read.
    std::optional<std::string> messageText(std::uint32_t messageIndex);
    // The message's start line: from its text when readable, else rebuilt from what was kept of it.
    std::string messageStartLine(std::uint32_t messageIndex, const std::optional<std::string>& text);
    Failure failure(const Failure& failure);
    // The ladder of one call with the diagnosis's cause badges, and, for a failure, the context its
    // text block names (Call-IDs owned by the returned value).
    LadderLayout ladder(std::uint32_t callIndex);
    struct FailureNames {
        std::string callId;
        std::optional<std::string> baselineCallId;
        DiagnosisTextWriter::FailureContext context() const;
        std::int64_t timeNs = 0;
        std::int64_t baselineStartNs = 0;
    };
    FailureNames failureNames(const Failure& failure);

    // For the JSON and JSON-shaped writers that take a redactor (null when not redacting).
    Redactor* redactor() { return m_redactor; }

    // "frame 12" for a capture, "line 40" for a text log.
    static std::string locator(const MessageRecord& message);

private:
    const CaptureSnapshot& m_snapshot;
    const Diagnosis& m_diagnosis;
    std::vector<std::uint32_t> m_calls;
    std::string m_title;
    std::string m_scope;
    std::unique_ptr<Redactor> m_ownRedactor;
    Redactor* m_redactor = nullptr;
};

} // namespace sipladder::core
