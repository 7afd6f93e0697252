// SPDX-License-Identifier: Apache-2.0
#include "report/diagnosis_text_writer.h"

#include "util/time_format.h"

#include <string>

namespace sipladder::core {

namespace {

std::string printable(std::string_view text)
{
    return DiagnosisTextWriter::printable(text);
}

// Wraps `text` at `width` columns: the first line after `firstIndent`, the others after `indent`.
void appendWrapped(std::string& out, std::string_view text, std::string_view indent, std::string_view firstIndent = {},
    std::size_t width = 100)
{
    std::size_t column = 0;
    std::size_t start = 0;
    out += firstIndent.empty() ? indent : firstIndent;
    while (start < text.size()) {
        auto end = text.find_first_of(" \n", start);
        if (end == std::string_view::npos)
            end = text.size();
        const auto word = text.substr(start, end - start);
        if (column > 0 && column + 1 + word.size() > width) {
            out += '\n';
            out += indent;
            column = 0;
        } else if (column > 0) {
            out += ' ';
            ++column;
        }
        out += printable(word);
        column += word.size();
        if (end < text.size() && text[end] == '\n') {
            out += '\n';
            out += indent;
            column = 0;
        }
        start = end + 1;
    }
    out += '\n';
}

std::string describeComponent(const UriComponentDiff& component)
{
    auto side
        = [](const std::optional<std::string>& value) { return value ? printable(*value) : std::string("(none)"); };
    return component.name + ": " + side(component.failing) + "  vs  " + side(component.baseline);
}

} // namespace

// Keeps terminal output on its lines whatever bytes a header held.
std::string DiagnosisTextWriter::printable(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        out += (byte < 0x20 && c != '\n') || byte == 0x7F ? '?' : c;
    }
    return out;
}

DiagnosisTextWriter::FailureContext DiagnosisTextWriter::contextOf(
    const CaptureSnapshot& snapshot, const Failure& failure)
{
    FailureContext context;
    const auto& call = snapshot.calls()[failure.callIndex];
    context.callId = snapshot.callId(call);
    context.timeNs = failure.finalMessage != kNoIndex ? snapshot.messages()[failure.finalMessage].timestampNs
        : failure.requestMessage != kNoIndex          ? snapshot.messages()[failure.requestMessage].timestampNs
                                                      : call.startNs;
    if (failure.baseline) {
        const auto& baseline = snapshot.calls()[failure.baseline->callIndex];
        context.baselineCallId = snapshot.callId(baseline);
        context.baselineStartNs = baseline.startNs;
    }
    return context;
}

void DiagnosisTextWriter::appendFailure(
    std::string& text, std::size_t number, const Failure& failure, const FailureContext& context)
{
    const auto& explanation = failure.explanation;
    text += "\n#" + std::to_string(number) + "  " + formatTimeOfDay(context.timeNs) + "  "
        + printable(failure.methodText) + " " + printable(failure.requestUri) + "  ->  "
        + (failure.status ? std::to_string(*failure.status) + " " + printable(failure.reason)
                          : std::string("no final response"))
        + "  [" + std::string(causeId(explanation.cause)) + ", " + std::string(severityName(explanation.severity))
        + "]\n";
    text += "    Call-ID " + printable(context.callId) + ", CSeq " + printable(failure.cseq)
        + (failure.frame       ? ", frame " + std::to_string(*failure.frame)
                : failure.line ? ", line " + std::to_string(*failure.line)
                               : std::string())
        + "\n";
    text += "    " + printable(explanation.title) + "\n";
    appendWrapped(text, explanation.summary, "    ");
    if (!explanation.explanation.empty()) {
        text += "\n";
        appendWrapped(text, explanation.explanation, "    ");
        text += "\n";
    }
    for (const auto& evidence : explanation.evidence) {
        text += "    evidence: "
            + (evidence.frame       ? "frame " + std::to_string(*evidence.frame) + " "
                    : evidence.line ? "line " + std::to_string(*evidence.line) + " "
                                    : std::string())
            + printable(evidence.header) + ": " + printable(evidence.value) + "\n";
    }
    if (failure.baseline && context.baselineCallId) {
        text += "    working call: " + printable(*context.baselineCallId) + " at "
            + formatTimeOfDay(context.baselineStartNs) + " (" + failure.baseline->reason + ")\n";
    } else {
        text += "    working call: none in the capture\n";
    }
    if (failure.uriDiff) {
        for (const auto& component : failure.uriDiff->components) {
            if (!component.equal)
                text += "    Request-URI " + describeComponent(component) + "\n";
        }
        if (!failure.uriDiff->note.empty())
            appendWrapped(text, failure.uriDiff->note, "    ");
    }
    for (const auto& header : failure.headerDiffs) {
        for (const auto& component : header.diff.components) {
            if (!component.equal)
                text += "    " + header.header + " " + describeComponent(component) + "\n";
        }
    }
    for (const auto& uncertainty : explanation.uncertainties)
        appendWrapped(text, "could not tell: " + uncertainty, "      ", "    ");
    for (const auto& fix : explanation.fixes)
        appendWrapped(text, fix.platform + ": " + fix.text, "          ", "    check ");
    if (!explanation.references.empty()) {
        std::string references;
        for (const auto& reference : explanation.references)
            references += (references.empty() ? "" : "; ") + reference;
        text += "    see " + references + "\n";
    }
}

bool DiagnosisTextWriter::write(const CaptureSnapshot& snapshot, const Diagnosis& diagnosis, std::FILE* out)
{
    const auto& failures = diagnosis.failures();
    std::size_t failedCalls = 0;
    for (std::uint32_t call = 0; call < snapshot.calls().size(); ++call)
        failedCalls += diagnosis.initialFailureOfCall(call) != nullptr ? 1 : 0;
    std::string text = std::to_string(failures.size()) + (failures.size() == 1 ? " failure" : " failures") + " in "
        + std::to_string(snapshot.calls().size()) + " calls (" + std::to_string(failedCalls) + " calls failed)\n";

    std::size_t number = 0;
    for (const auto& failure : failures) {
        appendFailure(text, ++number, failure, contextOf(snapshot, failure));
        if (text.size() > (1 << 20)) {
            if (std::fwrite(text.data(), 1, text.size(), out) != text.size())
                return false;
            text.clear();
        }
    }
    if (std::fwrite(text.data(), 1, text.size(), out) != text.size())
        return false;
    return std::fflush(out) == 0;
}

} // namespace sipladder::core
