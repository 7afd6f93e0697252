// SPDX-License-Identifier: Apache-2.0
#include "report/summary_json_writer.h"

#include "redact/redactor.h"
#include "util/time_format.h"

#include <algorithm>
#include <functional>
#include <future>
#include <string>

namespace sipladder::core {

namespace {

void writeOptionalText(JsonWriter& json, std::string_view text)
{
    if (text.empty())
        json.null();
    else
        json.value(text);
}

void writeCall(JsonWriter& json, const CaptureSnapshot& snapshot, const CallFlow& call)
{
    json.beginObject();
    SummaryJsonWriter::writeCallFields(json, snapshot, call);
    json.endObject();
}

} // namespace

void SummaryJsonWriter::writeFiles(JsonWriter& json, const CaptureSnapshot& snapshot, Redactor* redactor)
{
    json.key("files");
    json.beginArray();
    for (const auto& file : snapshot.files()) {
        json.beginObject();
        json.key("path");
        json.value(redactor ? redactor->mapFileName(file.path) : file.path);
        json.key("format");
        json.value(file.format);
        // A text log has lines, a capture frames (CONTRACT.md: "line is set for text inputs, frame for captures").
        json.key("frames");
        if (file.isTextLog)
            json.null();
        else
            json.value(file.frames);
        json.key("lines");
        if (file.isTextLog)
            json.value(file.lines);
        else
            json.null();
        json.key("sip_messages");
        json.value(file.sipMessages);
        json.key("warnings");
        json.beginArray();
        for (const auto& warning : file.warnings) {
            json.beginObject();
            json.key("frame");
            json.value(warning.frame);
            json.key("line");
            json.value(warning.line);
            json.key("message");
            json.value(redactor ? redactor->redactText(warning.message) : warning.message);
            json.endObject();
        }
        json.endArray();
        json.endObject();
    }
    json.endArray();
}

void SummaryJsonWriter::writeTotals(JsonWriter& json, const CaptureSnapshot& snapshot)
{
    const auto& totals = snapshot.totals();
    json.key("totals");
    json.beginObject();
    json.key("sip_messages");
    json.value(totals.sipMessages);
    json.key("calls");
    json.value(totals.calls);
    json.key("retransmissions");
    json.value(totals.retransmissions);
    json.key("duplicates");
    json.value(totals.duplicates);
    json.key("malformed_messages");
    json.value(totals.malformedMessages);
    json.key("icmp_errors");
    json.value(totals.icmpErrors);
    json.key("frames");
    json.value(totals.frames);
    json.endObject();
}

void SummaryJsonWriter::writeCallFields(
    JsonWriter& json, const CaptureSnapshot& snapshot, const CallFlow& call, Redactor* redactor)
{
    if (redactor) {
        json.key("call_id");
        json.value(redactor->mapCallId(snapshot.callId(call)));
        json.key("initial_method");
        json.value(call.initialMethod == SipMethod::Unknown
                ? redactor->redactText(snapshot.text(call.initialMethodText))
                : std::string(sipMethodName(call.initialMethod)));
        json.key("request_uri");
        writeOptionalText(json, redactor->redactUri(snapshot.text(call.requestUri)));
        json.key("from");
        json.value(redactor->redactHeaderValue("From", snapshot.text(call.from)));
        json.key("to");
        json.value(redactor->redactHeaderValue("To", snapshot.text(call.to)));
        json.key("src");
        json.value(redactor->mapEndpoint(call.source).toString());
        json.key("dst");
        json.value(redactor->mapEndpoint(call.destination).toString());
    } else {
        json.key("call_id");
        json.value(snapshot.callId(call));
        json.key("initial_method");
        json.value(call.initialMethod == SipMethod::Unknown ? snapshot.text(call.initialMethodText)
                                                            : sipMethodName(call.initialMethod));
        json.key("request_uri");
        writeOptionalText(json, snapshot.text(call.requestUri));
        json.key("from");
        json.value(snapshot.text(call.from));
        json.key("to");
        json.value(snapshot.text(call.to));
        char text[Endpoint::kMaxTextLength];
        // A host a text log only named shows as its name (CaptureSnapshot::endpointText).
        auto endpoint = [&](const Endpoint& value) {
            if (snapshot.hostName(value.address).empty())
                json.value(std::string_view(text, value.formatTo(text)));
            else
                json.value(snapshot.endpointText(value));
        };
        json.key("src");
        endpoint(call.source);
        json.key("dst");
        endpoint(call.destination);
    }
    char text[Endpoint::kMaxTextLength];
    json.key("transport");
    json.value(transportName(call.transport));
    json.key("start_time");
    json.value(std::string_view(text, formatIsoUtcTo(call.startNs, text)));
    json.key("end_time");
    json.value(std::string_view(text, formatIsoUtcTo(call.endNs, text)));
    json.key("message_count");
    json.value(call.messageCount);
    json.key("final_status");
    if (call.finalStatus == 0)
        json.null();
    else
        json.value(static_cast<unsigned>(call.finalStatus));
    json.key("final_reason");
    if (call.finalStatus == 0)
        json.null();
    else if (redactor)
        json.value(redactor->redactText(snapshot.text(call.finalReason)));
    else
        json.value(snapshot.text(call.finalReason));
    json.key("state");
    json.value(callStateName(call.state));
    json.key("linked_call_ids");
    json.beginArray();
    for (const auto linked : call.linkedCalls) {
        if (redactor)
            json.value(redactor->mapCallId(snapshot.callId(snapshot.calls()[linked])));
        else
            json.value(snapshot.callId(snapshot.calls()[linked]));
    }
    json.endArray();
    json.key("retransmissions");
    json.value(call.retransmissions);
    json.key("duplicates");
    json.value(call.duplicates);
    json.key("dialogs");
    json.value(call.dialogCount);
    // Text logs: whether src/dst were taken from the message's headers rather than stated by the log.
    const auto first = call.firstRequest != kNoIndex ? call.firstRequest : call.firstMessage;
    const MessageRecord* firstMessage = first != kNoIndex ? &snapshot.messages()[first] : nullptr;
    json.key("src_inferred");
    json.value(firstMessage != nullptr && firstMessage->has(MessageSourceInferred));
    json.key("dst_inferred");
    json.value(firstMessage != nullptr && firstMessage->has(MessageDestinationInferred));
}

namespace {

// Large call lists are rendered in chunks, every other chunk on a second thread, and written in order.
void writeCalls(JsonWriter& json, const CaptureSnapshot& snapshot)
{
    constexpr std::size_t kChunk = 8192;
    const auto& calls = snapshot.calls();
    auto render = [&snapshot, &calls](std::size_t begin, std::string& out) {
        out.clear();
        JsonWriter chunk(out, 2);
        chunk.setCompactBeyond(2);
        const auto end = std::min(calls.size(), begin + kChunk);
        for (std::size_t i = begin; i < end; ++i)
            writeCall(chunk, snapshot, calls[i]);
    };
    std::string even;
    std::string odd;
    for (std::size_t begin = 0; begin < calls.size(); begin += 2 * kChunk) {
        std::future<void> second;
        if (begin + kChunk < calls.size())
            second = std::async(std::launch::async, render, begin + kChunk, std::ref(odd));
        render(begin, even);
        json.rawElements(even);
        if (second.valid()) {
            second.get();
            json.rawElements(odd);
        }
    }
}

} // namespace

bool SummaryJsonWriter::write(const CaptureSnapshot& snapshot, std::FILE* out)
{
    JsonWriter json(out);
    json.beginObject();
    writeFiles(json, snapshot);
    writeTotals(json, snapshot);
    json.key("calls");
    json.beginArray();
    writeCalls(json, snapshot);
    json.endArray();
    json.endObject();
    return json.flush();
}

} // namespace sipladder::core
