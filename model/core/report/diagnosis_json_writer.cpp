// SPDX-License-Identifier: Apache-2.0
#include "report/diagnosis_json_writer.h"

#include "util/json_writer.h"

namespace sipladder::core {

namespace {

void writeSegments(JsonWriter& json, const std::vector<DiffSegment>& segments)
{
    json.beginArray();
    for (const auto& segment : segments) {
        json.beginObject();
        json.key("kind");
        json.value(segment.kind == DiffSegment::Kind::Equal  ? "equal"
                : segment.kind == DiffSegment::Kind::Removed ? "removed"
                                                             : "added");
        json.key("text");
        json.value(segment.text);
        json.endObject();
    }
    json.endArray();
}

void writeUriDiff(JsonWriter& json, const UriDiff& diff)
{
    json.beginObject();
    json.key("failing");
    json.value(diff.failing);
    json.key("baseline");
    json.value(diff.baseline);
    json.key("components");
    json.beginArray();
    for (const auto& component : diff.components) {
        json.beginObject();
        json.key("name");
        json.value(component.name);
        json.key("failing");
        json.value(component.failing);
        json.key("baseline");
        json.value(component.baseline);
        json.key("equal");
        json.value(component.equal);
        if (!component.characters.empty()) {
            json.key("characters");
            writeSegments(json, component.characters);
        }
        json.endObject();
    }
    json.endArray();
    json.key("same_number");
    json.value(diff.sameNumber);
    json.key("note");
    json.value(diff.note);
    json.endObject();
}

void writeStrings(JsonWriter& json, const std::vector<std::string>& strings)
{
    json.beginArray();
    for (const auto& text : strings)
        json.value(text);
    json.endArray();
}

} // namespace

void DiagnosisJsonWriter::writeFailure(
    JsonWriter& json, const Failure& failure, std::string_view callId, std::optional<std::string_view> baselineCallId)
{
    const auto& explanation = failure.explanation;
    json.beginObject();
    json.key("call_id");
    json.value(callId);
    json.key("cseq");
    json.value(failure.cseq);
    json.key("frame");
    json.value(failure.frame);
    json.key("line"); // CONTRACT.md: line for text inputs, frame for captures
    json.value(failure.line);
    json.key("method");
    json.value(failure.methodText);
    json.key("request_uri");
    if (failure.requestUri.empty())
        json.null();
    else
        json.value(failure.requestUri);
    json.key("status");
    if (failure.status)
        json.value(*failure.status);
    else
        json.null();
    json.key("reason");
    if (failure.status)
        json.value(failure.reason);
    else
        json.null();
    json.key("cause");
    json.value(causeId(explanation.cause));
    json.key("severity");
    json.value(severityName(explanation.severity));
    json.key("summary");
    json.value(explanation.summary);
    json.key("evidence");
    json.beginArray();
    for (const auto& evidence : explanation.evidence) {
        json.beginObject();
        json.key("frame");
        json.value(evidence.frame);
        json.key("line");
        json.value(evidence.line);
        json.key("header");
        json.value(evidence.header);
        json.key("value");
        json.value(evidence.value);
        json.endObject();
    }
    json.endArray();
    json.key("baseline_call_id");
    if (failure.baseline && baselineCallId)
        json.value(*baselineCallId);
    else
        json.null();
    json.key("baseline_reason");
    if (failure.baseline)
        json.value(failure.baseline->reason);
    else
        json.null();
    json.key("uri_diff");
    if (failure.uriDiff)
        writeUriDiff(json, *failure.uriDiff);
    else
        json.null();

    json.key("initial");
    json.value(failure.initial);
    json.key("title");
    json.value(explanation.title);
    json.key("explanation");
    json.value(explanation.explanation);
    json.key("fixes");
    json.beginArray();
    for (const auto& fix : explanation.fixes) {
        json.beginObject();
        json.key("platform");
        json.value(fix.platform);
        json.key("text");
        json.value(fix.text);
        json.endObject();
    }
    json.endArray();
    json.key("references");
    writeStrings(json, explanation.references);
    json.key("uncertainties");
    writeStrings(json, explanation.uncertainties);
    json.key("q850_cause");
    if (explanation.q850Cause)
        json.value(*explanation.q850Cause);
    else
        json.null();
    json.key("header_diffs");
    json.beginArray();
    for (const auto& header : failure.headerDiffs) {
        json.beginObject();
        json.key("header");
        json.value(header.header);
        json.key("diff");
        writeUriDiff(json, header.diff);
        json.endObject();
    }
    json.endArray();
    json.endObject();
}

bool DiagnosisJsonWriter::write(const CaptureSnapshot& snapshot, const Diagnosis& diagnosis, std::FILE* out)
{
    JsonWriter json(out);
    json.beginObject();
    json.key("failures");
    json.beginArray();
    for (const auto& failure : diagnosis.failures()) {
        std::optional<std::string_view> baselineCallId;
        if (failure.baseline)
            baselineCallId = snapshot.callId(snapshot.calls()[failure.baseline->callIndex]);
        writeFailure(json, failure, snapshot.callId(snapshot.calls()[failure.callIndex]), baselineCallId);
    }
    json.endArray();
    json.endObject();
    return json.flush();
}

} // namespace sipladder::core
