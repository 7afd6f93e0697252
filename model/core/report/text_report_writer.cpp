// SPDX-License-Identifier: Apache-2.0
#include "report/text_report_writer.h"

#include "report/diagnosis_text_writer.h"
#include "report/report_source.h"
#include "report/text_ladder_writer.h"
#include "util/time_format.h"

namespace sipladder::core {

namespace {

std::string printable(std::string_view text)
{
    return DiagnosisTextWriter::printable(text);
}

std::string plural(std::uint64_t count, std::string_view word)
{
    return std::to_string(count) + " " + std::string(word) + (count == 1 ? "" : "s");
}

} // namespace

std::string TextReportWriter::render(const CaptureSnapshot& snapshot, const Diagnosis& diagnosis,
    std::span<const std::uint32_t> calls, const ReportOptions& options)
{
    ReportSource source(snapshot, diagnosis, calls, options);
    const auto rule = std::string(78, '=') + "\n";
    std::string out = printable(source.title()) + "\n" + std::string(source.title().size(), '-') + "\n";
    out += "Calls: " + std::to_string(source.calls().size()) + " of " + std::to_string(snapshot.calls().size())
        + (source.scope().empty() ? std::string() : " (" + printable(source.scope()) + ")")
        + (source.redacting() ? ", redacted: numbers, users, names, hosts, addresses and Call-IDs are placeholders"
                              : "")
        + "\n";
    for (std::size_t i = 0; i < snapshot.files().size(); ++i) {
        const auto& file = snapshot.files()[i];
        out += "File:  " + printable(source.fileName(i)) + " (" + file.format + ", " + plural(file.frames, "frame")
            + ", " + plural(file.sipMessages, "SIP message") + ", " + plural(file.warnings.size(), "warning") + ")\n";
    }
    const auto& totals = snapshot.totals();
    out += "Total: " + plural(totals.sipMessages, "SIP message") + ", " + plural(totals.calls, "call") + ", "
        + plural(totals.retransmissions, "retransmission") + ", " + plural(totals.duplicates, "duplicate") + ", "
        + plural(totals.malformedMessages, "malformed message") + ", " + plural(totals.icmpErrors, "ICMP error")
        + "\n\n";

    std::size_t number = 0;
    for (const auto callIndex : source.calls()) {
        const auto& call = snapshot.calls()[callIndex];
        const auto* failure = diagnosis.initialFailureOfCall(callIndex);
        out += "  [" + std::to_string(++number) + "] " + formatTimeOfDay(call.startNs) + "  "
            + printable(source.method(call)) + "  " + printable(source.finalResponse(call)) + "  "
            + std::string(callStateName(call.state))
            + (failure ? "  <" + std::string(causeId(failure->explanation.cause)) + ">" : std::string()) + "  "
            + printable(source.callId(callIndex)) + "\n";
    }

    number = 0;
    std::size_t failureNumber = 0;
    for (const auto callIndex : source.calls()) {
        const auto& call = snapshot.calls()[callIndex];
        out += "\n" + rule;
        out += "[" + std::to_string(++number) + "] Call-ID " + printable(source.callId(callIndex)) + "\n";
        out += "    " + printable(source.method(call)) + " "
            + printable(source.uri(snapshot.text(call.requestUri))) + "  ->  " + printable(source.finalResponse(call))
            + " (" + std::string(callStateName(call.state)) + ")\n";
        out += "    From: " + printable(source.header("From", snapshot.text(call.from))) + "\n";
        out += "    To:   " + printable(source.header("To", snapshot.text(call.to))) + "\n";
        out += "    " + source.endpoint(call.source) + " -> " + source.endpoint(call.destination) + " "
            + std::string(transportName(call.transport)) + ", " + formatIsoUtc(call.startNs) + ", "
            + formatDuration(call.endNs - call.startNs) + ", " + plural(call.messageCount, "message") + "\n";
        out += rule + "\n";
        out += printable(TextLadderWriter::write(source.ladder(callIndex)));

        const auto failures = diagnosis.failuresOfCall(callIndex);
        if (failures.empty())
            continue;
        out += "\nDiagnosis (" + plural(failures.size(), "failure") + ")\n";
        for (const auto index : failures) {
            const auto& original = diagnosis.failures()[index];
            const auto names = source.failureNames(original);
            DiagnosisTextWriter::appendFailure(out, ++failureNumber, source.failure(original), names.context());
        }
    }
    return out;
}

bool TextReportWriter::write(const CaptureSnapshot& snapshot, const Diagnosis& diagnosis,
    std::span<const std::uint32_t> calls, const ReportOptions& options, std::FILE* out)
{
    const auto text = render(snapshot, diagnosis, calls, options);
    if (std::fwrite(text.data(), 1, text.size(), out) != text.size())
        return false;
    return std::fflush(out) == 0;
}

} // namespace sipladder::core
