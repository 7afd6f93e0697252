// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "flow/message_fields.h"
#include "flow/message_keys.h"
#include "flow/message_meta.h"
#include "load/capture_snapshot.h"
#include "sip/sip_message.h"
#include "util/flat_index_map.h"

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

namespace sipladder::core {

// Builds the call model while messages stream in, in time order: groups messages into calls by
// Call-ID, into transactions by RFC 3261 §17 keys, marks retransmissions and duplicates as
// CONTRACT.md defines them; finish() classifies outcomes, follows challenge retries, links
// B2BUA legs and fills the snapshot's indexes.
class CallGrouper {
public:
    explicit CallGrouper(CaptureSnapshot& snapshot);

    // Reserves room for about this many messages (and proportionally transactions and calls), so a
    // large capture does not copy its records on every growth.
    void reserve(std::size_t expectedMessages);

    // Returns the new message's index.
    std::uint32_t add(const MessageFields& message, const MessageMeta& meta);
    std::uint32_t add(const SipMessage& message, const MessageMeta& meta) { return add(MessageFields::of(message), meta); }
    // `quotedCallId` is the Call-ID found in the quoted datagram, if any.
    void addIcmpEvent(IcmpEvent event, std::string_view quotedCallId);

    // Safe to read from another thread while messages are added.
    std::size_t callCount() const { return m_callCount.load(std::memory_order_relaxed); }

    // `captureEndNs`: time of the last frame of all inputs (decides whether an unanswered request timed out).
    void finish(std::int64_t captureEndNs);

private:
    std::uint32_t findOrAddCall(const MessageFields& message, const MessageKeys& keys, std::uint32_t messageIndex);
    std::uint32_t findCall(std::string_view callId) const;
    std::uint32_t matchTransaction(
        const MessageFields& message, const MessageKeys& keys, MessageRecord& record, std::uint32_t messageIndex);
    void markCopies(MessageRecord& record, std::uint32_t messageIndex);
    std::uint32_t matchDialog(const MessageKeys& keys, const MessageRecord& record, std::uint32_t messageIndex);
    StringRef storeTag(CallFlow* call, std::string_view tag, std::uint64_t hash);
    StringRef storeRequestUri(CallFlow* call, std::string_view uri, std::uint64_t hash);
    StringRef storeReason(std::string_view reason, std::uint64_t hash);
    void updateTransaction(std::uint32_t transactionIndex, const MessageRecord& record, std::uint32_t messageIndex);
    void updateCall(CallFlow& call, const MessageFields& message, const MessageRecord& record, std::uint32_t messageIndex);

    void classifyTransactions(std::int64_t captureEndNs);
    void linkRetries();
    void summariseCalls();
    void linkLegs();
    void resolveIcmpEvents();
    void buildIndexes();

    CaptureSnapshot& m_snapshot;
    FlatIndexMap m_callsByHash;
    FlatIndexMap m_transactionsByKey;
    FlatIndexMap m_dialogsByKey;
    // Reason phrases repeat ("OK", "Ringing"): stored once each.
    FlatIndexMap m_reasonsByHash;
    std::vector<StringRef> m_reasons;
    // Per message: the previous message of the same transaction (walked back for copies).
    std::vector<std::uint32_t> m_previousInTransaction;
    // Per transaction: its latest message.
    std::vector<std::uint32_t> m_lastMessageOfTransaction;
    // Per call: cross-leg hints read from X-CID style headers.
    std::vector<StringRef> m_linkHints;
    std::vector<std::string> m_pendingIcmpCallIds;
    std::atomic<std::size_t> m_callCount{0};
};

} // namespace sipladder::core
