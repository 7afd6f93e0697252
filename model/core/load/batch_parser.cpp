// SPDX-License-Identifier: Apache-2.0
#include "load/batch_parser.h"

#include "util/fast_hash.h"

#include <string>

namespace sipladder::core {

void BatchParser::parse(LoadBatch& batch)
{
    for (const auto& payload : batch.payloads()) {
        const auto bytes = batch.bytesOf(payload.begin, payload.length);
        if (!m_parser.parse(bytes, m_message, payload.framing == PayloadFraming::Datagram))
            continue;
        // The message as parsed: a datagram may carry keep-alive bytes before it or junk past its Content-Length.
        const auto extent = m_message.bytes().empty() ? bytes : m_message.bytes();
        LoadBatch::Message parsed{MessageFields::of(m_message), payload.meta, payload.framesBegin, payload.framesCount};
        parsed.meta.location.offset += static_cast<std::uint64_t>(extent.data() - bytes.data());
        parsed.meta.location.length = static_cast<std::uint32_t>(extent.size());
        parsed.meta.contentHash = fastHash(extent.data(), extent.size());
        parsed.fields.forEachView([&](std::string_view& view) {
            if (!view.empty() && !batch.ownsText(view))
                view = batch.keep(view);
        });
        const auto frame = payload.meta.frameNumber;
        if (payload.meta.fromTextLog) {
            // The text reader has warned of a cut-off message or a Content-Length the log disagrees
            // with, by line; anything else wrong with the message is said here, by line too.
            const auto others = m_message.problems().bits() & ~static_cast<std::uint32_t>(SipProblem::ContentLengthBeyondData);
            if (others != 0 && !payload.meta.truncated) {
                batch.addWarning({payload.meta.fileIndex, "malformed message", std::nullopt,
                    "malformed SIP message at line " + std::to_string(frame) + ": " + m_message.problemText(), frame});
            }
        } else if (payload.meta.truncated) {
            batch.addWarning({payload.meta.fileIndex, "cut-off message", frame,
                "SIP message cut off at frame " + std::to_string(frame)
                    + ": the stream ended before its Content-Length was complete",
                std::nullopt});
        } else if (m_message.problems().any()) {
            batch.addWarning({payload.meta.fileIndex, "malformed message", frame,
                "malformed SIP message at frame " + std::to_string(frame) + ": " + m_message.problemText(), std::nullopt});
        }
        batch.messages().push_back(parsed);
    }
    for (const auto& quoted : batch.quotedPayloads()) {
        std::string_view callId;
        if (m_parser.parse(batch.bytesOf(quoted.begin, quoted.length), m_message, true)) {
            callId = m_message.callId();
            if (!callId.empty() && !batch.ownsText(callId))
                callId = batch.keep(callId);
        }
        batch.icmpEvents().push_back(LoadBatch::Icmp{quoted.event, callId});
    }
}

} // namespace sipladder::core
