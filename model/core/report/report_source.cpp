// SPDX-License-Identifier: Apache-2.0
#include "report/report_source.h"

#include <algorithm>

namespace sipladder::core {

ReportSource::ReportSource(const CaptureSnapshot& snapshot, const Diagnosis& diagnosis,
    std::span<const std::uint32_t> calls, const ReportOptions& options)
    : m_snapshot(snapshot)
    , m_diagnosis(diagnosis)
    , m_title(options.title)
    , m_scope(options.scope)
{
    // Each call once, in call order, whatever order the caller named them in.
    for (const auto call : calls) {
        if (call < snapshot.calls().size())
            m_calls.push_back(call);
    }
    std::sort(m_calls.begin(), m_calls.end());
    m_calls.erase(std::unique(m_calls.begin(), m_calls.end()), m_calls.end());
    if (options.redact) {
        if (options.redactor) {
            m_redactor = options.redactor;
        } else {
            m_ownRedactor = std::make_unique<Redactor>();
            m_redactor = m_ownRedactor.get();
        }
        m_redactor->learn(snapshot, m_calls, &diagnosis);
    }
}

std::string ReportSource::title() const
{
    return m_title.empty() ? std::string("SipLadder report") : m_title;
}

std::string ReportSource::text(std::string_view text)
{
    return m_redactor ? m_redactor->redactText(text) : std::string(text);
}

std::string ReportSource::header(std::string_view name, std::string_view value)
{
    return m_redactor ? m_redactor->redactHeaderValue(name, value) : std::string(value);
}

std::string ReportSource::uri(std::string_view uri)
{
    return m_redactor ? m_redactor->redactUri(uri) : std::string(uri);
}

std::string ReportSource::startLine(std::string_view line)
{
    return m_redactor ? m_redactor->redactStartLine(line) : std::string(line);
}

std::string ReportSource::callId(std::uint32_t callIndex)
{
    const auto id = m_snapshot.callId(m_snapshot.calls()[callIndex]);
    return m_redactor ? m_redactor->mapCallId(id) : std::string(id);
}

std::string ReportSource::method(const CallFlow& call) const
{
    return call.initialMethod == SipMethod::Unknown ? std::string(m_snapshot.text(call.initialMethodText))
                                                    : std::string(sipMethodName(call.initialMethod));
}

std::string ReportSource::finalResponse(const CallFlow& call)
{
    if (call.finalStatus == 0)
        return "no final response";
    return std::to_string(call.finalStatus) + " " + text(m_snapshot.text(call.finalReason));
}

std::string ReportSource::failureStatus(const Failure& failure)
{
    return failure.status ? std::to_string(*failure.status) + " " + failure.reason : std::string("no final response");
}

std::string ReportSource::endpoint(const Endpoint& endpoint)
{
    // A text log's host names stand behind stand-in addresses: shown by name, redacted as an address.
    return m_redactor ? m_redactor->mapEndpoint(endpoint).toString() : m_snapshot.endpointText(endpoint);
}

std::string ReportSource::fileName(std::size_t fileIndex)
{
    const auto& path = m_snapshot.files()[fileIndex].path;
    return m_redactor ? m_redactor->mapFileName(path) : path;
}

std::string ReportSource::warning(std::string_view message)
{
    return text(message);
}

std::optional<std::string> ReportSource::messageText(std::uint32_t messageIndex)
{
    std::string raw;
    if (messageIndex >= m_snapshot.messages().size()
        || !m_snapshot.readMessage(m_snapshot.messages()[messageIndex], raw))
        return std::nullopt;
    if (m_redactor)
        return m_redactor->redactMessage(raw);
    return raw;
}

std::string ReportSource::messageStartLine(std::uint32_t messageIndex, const std::optional<std::string>& text)
{
    if (text) {
        // The text is already redacted.
        const auto end = text->find_first_of("\r\n");
        return text->substr(0, end);
    }
    const auto& message = m_snapshot.messages()[messageIndex];
    std::string line;
    if (message.isRequest()) {
        line = std::string(m_snapshot.methodText(message)) + " "
            + std::string(m_snapshot.text(message.requestUriOrReason)) + " SIP/2.0";
    } else {
        line = "SIP/2.0 " + std::to_string(message.statusCode) + " "
            + std::string(m_snapshot.text(message.requestUriOrReason));
    }
    return startLine(line);
}

Failure ReportSource::failure(const Failure& failure)
{
    return m_redactor ? m_redactor->redactFailure(failure) : failure;
}

LadderLayout ReportSource::ladder(std::uint32_t callIndex)
{
    const std::uint32_t calls[] = { callIndex };
    auto layout = LadderLayout::build(m_snapshot, calls, {}, &m_diagnosis);
    return m_redactor ? m_redactor->redactLayout(layout) : layout;
}

DiagnosisTextWriter::FailureContext ReportSource::FailureNames::context() const
{
    DiagnosisTextWriter::FailureContext context;
    context.callId = callId;
    context.timeNs = timeNs;
    if (baselineCallId)
        context.baselineCallId = *baselineCallId;
    context.baselineStartNs = baselineStartNs;
    return context;
}

ReportSource::FailureNames ReportSource::failureNames(const Failure& failure)
{
    const auto plain = DiagnosisTextWriter::contextOf(m_snapshot, failure);
    FailureNames names;
    names.callId = callId(failure.callIndex);
    names.timeNs = plain.timeNs;
    if (failure.baseline) {
        names.baselineCallId = callId(failure.baseline->callIndex);
        names.baselineStartNs = plain.baselineStartNs;
    }
    return names;
}

std::string ReportSource::locator(const MessageRecord& message)
{
    return (message.has(MessageFromTextLog) ? "line " : "frame ") + std::to_string(message.frameNumber);
}

} // namespace sipladder::core
