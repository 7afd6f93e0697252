// SPDX-License-Identifier: Apache-2.0
#include "report/json_report_writer.h"

#include "report/diagnosis_json_writer.h"
#include "report/report_source.h"
#include "report/summary_json_writer.h"
#include "util/json_writer.h"
#include "util/time_format.h"

namespace sipladder::core {

namespace {

void writeMessage(JsonWriter& json, ReportSource& source, std::uint32_t messageIndex)
{
    const auto& snapshot = source.snapshot();
    const auto& message = snapshot.messages()[messageIndex];
    const auto text = source.messageText(messageIndex);
    const bool textLog = message.has(MessageFromTextLog);
    json.beginObject();
    json.key("time");
    json.value(formatIsoUtc(message.timestampNs));
    json.key("frame");
    if (textLog)
        json.null();
    else
        json.value(message.frameNumber);
    json.key("line");
    if (textLog)
        json.value(message.frameNumber);
    else
        json.null();
    json.key("src");
    json.value(source.endpoint(snapshot.source(message)));
    json.key("dst");
    json.value(source.endpoint(snapshot.destination(message)));
    json.key("transport");
    json.value(transportName(message.transport));
    json.key("start_line");
    json.value(source.messageStartLine(messageIndex, text));
    json.key("request");
    json.value(message.isRequest());
    json.key("retransmission");
    json.value(message.has(MessageRetransmission));
    json.key("duplicate");
    json.value(message.has(MessageDuplicate));
    json.key("malformed");
    json.value(message.has(MessageMalformed));
    json.key("truncated");
    json.value(message.has(MessageTruncated));
    json.key("sdp");
    json.value(message.has(MessageHasSdp));
    json.key("text");
    if (text)
        json.value(*text);
    else
        json.null();
    json.endObject();
}

void writeReport(JsonWriter& json, ReportSource& source)
{
    const auto& snapshot = source.snapshot();
    const auto& diagnosis = source.diagnosis();
    json.beginObject();
    json.key("report");
    json.beginObject();
    json.key("title");
    json.value(source.title());
    json.key("generator");
    json.value("SipLadder");
    json.key("scope");
    json.value(source.scope().empty() ? std::string("calls given") : source.scope());
    json.key("redacted");
    json.value(source.redacting());
    json.key("exported_calls");
    json.value(static_cast<std::uint64_t>(source.calls().size()));
    json.endObject();

    SummaryJsonWriter::writeFiles(json, snapshot, source.redactor());
    SummaryJsonWriter::writeTotals(json, snapshot);
    json.key("calls");
    json.beginArray();
    for (const auto callIndex : source.calls()) {
        json.beginObject();
        SummaryJsonWriter::writeCallFields(json, snapshot, snapshot.calls()[callIndex], source.redactor());
        json.key("messages");
        json.beginArray();
        for (const auto messageIndex : snapshot.messagesOfCall(callIndex))
            writeMessage(json, source, messageIndex);
        json.endArray();
        json.key("failures");
        json.beginArray();
        for (const auto failureIndex : diagnosis.failuresOfCall(callIndex)) {
            const auto& original = diagnosis.failures()[failureIndex];
            const auto names = source.failureNames(original);
            std::optional<std::string_view> baselineCallId;
            if (names.baselineCallId)
                baselineCallId = *names.baselineCallId;
            DiagnosisJsonWriter::writeFailure(json, source.failure(original), names.callId, baselineCallId);
        }
        json.endArray();
        json.endObject();
    }
    json.endArray();
    json.endObject();
}

} // namespace

std::string JsonReportWriter::render(const CaptureSnapshot& snapshot, const Diagnosis& diagnosis,
    std::span<const std::uint32_t> calls, const ReportOptions& options)
{
    ReportSource source(snapshot, diagnosis, calls, options);
    std::string out;
    {
        JsonWriter json(out, 0);
        writeReport(json, source);
    }
    out += '\n';
    return out;
}

bool JsonReportWriter::write(const CaptureSnapshot& snapshot, const Diagnosis& diagnosis,
    std::span<const std::uint32_t> calls, const ReportOptions& options, std::FILE* out)
{
    ReportSource source(snapshot, diagnosis, calls, options);
    JsonWriter json(out);
    writeReport(json, source);
    return json.flush();
}

} // namespace sipladder::core
