// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "flow/message_fields.h"
#include "flow/message_meta.h"
#include "load/icmp_event.h"
#include "net/sip_payload.h"

#include <atomic>
#include <cstring>
#include <deque>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace sipladder::core {

// A run of consecutive SIP payloads on their way from the reading thread to the grouping thread.
// The reader copies each payload in (the frame is reused right after); either thread then parses
// the batch (whichever is free), and the grouping thread consumes batches strictly in order. Its
// content never depends on timing, so the result of a load is deterministic.
class LoadBatch {
public:
    enum class State : int { Raw, Parsing, Parsed };

    // A payload as the dissector delivered it; `meta.location` covers the whole payload until parsed.
    struct Payload {
        MessageMeta meta;
        std::uint32_t begin = 0; // in bytes()
        std::uint32_t length = 0;
        PayloadFraming framing = PayloadFraming::Datagram;
        // The frames that carried it, in frames(), when that is not meta.frameNumber alone.
        std::uint32_t framesBegin = 0;
        std::uint32_t framesCount = 0;
    };
    struct QuotedPayload {
        IcmpEvent event;
        std::uint32_t begin = 0;
        std::uint32_t length = 0;
    };
    // A warning for the file's list, applied in order by the grouping thread.
    struct Warning {
        std::uint32_t fileIndex = 0;
        const char* kind = "";
        std::optional<std::uint64_t> frame;
        std::string text;
        std::optional<std::uint64_t> line; // for text logs, instead of a frame
    };
    // Parsed: fields point into bytes() or into owned copies of unfolded header values.
    struct Message {
        MessageFields fields;
        MessageMeta meta;
        std::uint32_t framesBegin = 0; // as in Payload
        std::uint32_t framesCount = 0;
    };
    struct Icmp {
        IcmpEvent event;
        std::string_view quotedCallId;
    };

    static constexpr std::size_t kPayloadsPerBatch = 512;
    static constexpr std::size_t kByteCapacity = 1 << 20;

    LoadBatch() { m_bytes.reserve(kByteCapacity); }

    bool full() const { return m_payloads.size() >= kPayloadsPerBatch; }
    bool empty() const { return m_payloads.empty() && m_quoted.empty() && m_warnings.empty(); }
    // Whether `length` more payload bytes fit without moving what is stored (an empty batch takes anything).
    bool hasRoom(std::size_t length) const { return m_bytes.empty() || m_bytes.size() + length <= m_bytes.capacity(); }

    // `frames`: the frames that carried it when not meta.frameNumber alone (else empty).
    void addPayload(
        const MessageMeta& meta, ByteView bytes, PayloadFraming framing, std::span<const std::uint64_t> frames = {})
    {
        const auto framesBegin = static_cast<std::uint32_t>(m_frames.size());
        m_frames.insert(m_frames.end(), frames.begin(), frames.end());
        m_payloads.push_back(Payload{meta, append(bytes), static_cast<std::uint32_t>(bytes.size()), framing,
            framesBegin, static_cast<std::uint32_t>(frames.size())});
    }
    void addQuotedPayload(const IcmpEvent& event, ByteView quoted)
    {
        m_quoted.push_back(QuotedPayload{event, append(quoted), static_cast<std::uint32_t>(quoted.size())});
    }
    void addWarning(Warning warning) { m_warnings.push_back(std::move(warning)); }

    ByteView bytesOf(std::uint32_t begin, std::uint32_t length) const { return {m_bytes.data() + begin, length}; }
    std::span<const std::uint64_t> framesOf(std::uint32_t begin, std::uint32_t count) const
    {
        return std::span<const std::uint64_t>(m_frames).subspan(begin, count);
    }
    bool ownsText(std::string_view text) const
    {
        const auto* base = reinterpret_cast<const char*>(m_bytes.data());
        return text.data() >= base && text.data() + text.size() <= base + m_bytes.size();
    }
    // A stable copy of text that lies outside bytes() (an unfolded header value).
    std::string_view keep(std::string_view text) { return m_keptTexts.emplace_back(text); }

    const std::vector<Payload>& payloads() const { return m_payloads; }
    const std::vector<QuotedPayload>& quotedPayloads() const { return m_quoted; }
    std::vector<Message>& messages() { return m_messages; }
    std::vector<Icmp>& icmpEvents() { return m_icmpEvents; }
    std::vector<Warning>& warnings() { return m_warnings; }

    std::atomic<int>& state() { return m_state; }

    void clear()
    {
        m_bytes.clear();
        m_frames.clear();
        m_payloads.clear();
        m_quoted.clear();
        m_warnings.clear();
        m_messages.clear();
        m_icmpEvents.clear();
        m_keptTexts.clear();
        m_state.store(static_cast<int>(State::Raw), std::memory_order_relaxed);
    }

private:
    std::uint32_t append(ByteView bytes)
    {
        const auto begin = static_cast<std::uint32_t>(m_bytes.size());
        if (m_bytes.size() + bytes.size() > m_bytes.capacity())
            m_bytes.reserve(m_bytes.size() + bytes.size()); // only for a first, oversized payload
        m_bytes.insert(m_bytes.end(), bytes.begin(), bytes.end());
        return begin;
    }

    std::vector<std::uint8_t> m_bytes;
    std::vector<std::uint64_t> m_frames; // carrier frames of the payloads that came in several
    std::vector<Payload> m_payloads;
    std::vector<QuotedPayload> m_quoted;
    std::vector<Warning> m_warnings;
    std::vector<Message> m_messages;
    std::vector<Icmp> m_icmpEvents;
    std::deque<std::string> m_keptTexts;
    std::atomic<int> m_state{static_cast<int>(State::Raw)};
};

} // namespace sipladder::core
