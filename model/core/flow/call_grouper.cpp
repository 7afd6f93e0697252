// SPDX-License-Identifier: Apache-2.0
#include "flow/call_grouper.h"

#include "flow/leg_linker.h"
#include "sip/header_names.h"
#include "sip/header_value.h"
#include "util/fast_hash.h"
#include "util/huge_pages.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <thread>

namespace sipladder::core {

namespace {

// CONTRACT.md: copies of the same bytes between the same addresses within 50 ms are duplicates.
constexpr std::int64_t kDuplicateWindowNs = 50'000'000;
// How far back a transaction's messages are searched for an earlier copy.
constexpr int kMaxCopyWalk = 64;
// How many later transactions of a call are searched for the retry of a challenged request.
constexpr int kMaxRetryLookahead = 64;

// Header values are stored unfolded; most are not folded and need no copy.
StringRef addUnfolded(StringArena& strings, std::string_view value)
{
    if (value.find_first_of("\r\n") == std::string_view::npos)
        return strings.add(value);
    return strings.add(unfoldHeaderValue(value));
}

} // namespace

CallGrouper::CallGrouper(CaptureSnapshot& snapshot)
    : m_snapshot(snapshot)
{
}

void CallGrouper::reserve(std::size_t expectedMessages)
{
    m_snapshot.m_messages.reserve(expectedMessages);
    m_previousInTransaction.reserve(expectedMessages);
    m_snapshot.m_transactions.reserve(expectedMessages / 2);
    m_lastMessageOfTransaction.reserve(expectedMessages / 2);
    m_snapshot.m_calls.reserve(expectedMessages / 8);
    auto advise = [](auto& vector) { adviseHugePages(vector.data(), vector.capacity() * sizeof(vector[0])); };
    advise(m_snapshot.m_messages);
    advise(m_previousInTransaction);
    advise(m_snapshot.m_transactions);
    advise(m_lastMessageOfTransaction);
    advise(m_snapshot.m_calls);
}

std::uint32_t CallGrouper::findCall(std::string_view callId) const
{
    const auto check = MessageKeys::callIdCheckOf(callId);
    for (std::uint32_t attempt = 0;; ++attempt) {
        const auto index = m_callsByHash.find(MessageKeys::callIdKey(callId, attempt));
        if (index == FlatIndexMap::kAbsent)
            return kNoIndex;
        if (m_snapshot.m_calls[index].callIdCheck == check)
            return index;
    }
}

std::uint32_t CallGrouper::findOrAddCall(const MessageFields& message, const MessageKeys& keys, std::uint32_t messageIndex)
{
    const auto callId = message.callId;
    const auto check = keys.callIdCheck;
    for (std::uint32_t attempt = 0;; ++attempt) {
        const auto key = attempt == 0 ? keys.callId : MessageKeys::callIdKey(callId, attempt);
        const auto index = m_callsByHash.find(key);
        if (index == FlatIndexMap::kAbsent) {
            const auto newIndex = static_cast<std::uint32_t>(m_snapshot.m_calls.size());
            CallFlow call;
            call.callId = m_snapshot.m_strings.add(callId);
            call.callIdCheck = check;
            call.firstMessage = messageIndex;
            m_snapshot.m_calls.push_back(std::move(call));
            m_linkHints.emplace_back();
            m_callsByHash.insert(key, newIndex);
            m_callCount.store(m_snapshot.m_calls.size(), std::memory_order_relaxed);
            return newIndex;
        }
        if (m_snapshot.m_calls[index].callIdCheck == check)
            return index;
    }
}

std::uint32_t CallGrouper::add(const MessageFields& message, const MessageMeta& meta)
{
    const auto keys = MessageKeys::of(message);
    auto& messages = m_snapshot.m_messages;
    auto& strings = m_snapshot.m_strings;
    const auto index = static_cast<std::uint32_t>(messages.size());

    MessageRecord record;
    record.timestampNs = meta.timestampNs;
    record.frameNumber = meta.frameNumber;
    record.firstFrameNumber = meta.firstFrameNumber;
    record.contentHash = meta.contentHash;
    record.source = m_snapshot.m_endpoints.intern(meta.source);
    record.destination = m_snapshot.m_endpoints.intern(meta.destination);
    record.location = meta.location;
    record.fileIndex = meta.fileIndex;
    record.transport = meta.transport;
    record.encapsulation = meta.encapsulation;
    record.problems = message.problems;
    record.cseqNumber = message.cseqNumber;

    const auto callId = message.callId;
    if (!callId.empty())
        record.callIndex = findOrAddCall(message, keys, index);
    CallFlow* call = record.callIndex != kNoIndex ? &m_snapshot.m_calls[record.callIndex] : nullptr;

    if (message.isRequest) {
        record.flags |= MessageIsRequest;
        record.method = message.method;
        if (record.method == SipMethod::Unknown)
            record.methodText = strings.add(message.methodText);
        record.requestUriOrReason = storeRequestUri(call, message.requestUri, keys.text);
    } else {
        record.statusCode = message.statusCode;
        record.method = message.cseqMethod;
        if (record.method == SipMethod::Unknown)
            record.methodText = strings.add(message.cseqMethodText);
        record.requestUriOrReason = storeReason(message.reasonPhrase, keys.text);
    }
    if (message.hasSdp)
        record.flags |= MessageHasSdp;
    if (record.problems != 0)
        record.flags |= MessageMalformed;
    if (meta.truncated)
        record.flags |= MessageTruncated | MessageMalformed;
    if (meta.fromTextLog)
        record.flags |= MessageFromTextLog;
    if (meta.sourceInferred)
        record.flags |= MessageSourceInferred;
    if (meta.destinationInferred)
        record.flags |= MessageDestinationInferred;
    record.signature = keys.signature;
    record.fromTag = storeTag(call, message.fromTag, keys.fromTag);
    record.toTag = storeTag(call, message.toTag, keys.toTag);

    m_previousInTransaction.push_back(kNoIndex);
    if (record.callIndex != kNoIndex && message.hasCSeq)
        record.transactionIndex = matchTransaction(message, keys, record, index);

    if (record.transactionIndex != kNoIndex)
        markCopies(record, index);
    if (record.callIndex != kNoIndex && !record.fromTag.empty() && !record.toTag.empty())
        record.dialogIndex = matchDialog(keys, record, index);

    messages.push_back(record);
    if (record.transactionIndex != kNoIndex)
        updateTransaction(record.transactionIndex, messages.back(), index);
    if (record.callIndex != kNoIndex)
        updateCall(m_snapshot.m_calls[record.callIndex], message, messages.back(), index);

    auto& totals = m_snapshot.m_totals;
    ++totals.sipMessages;
    if (record.has(MessageRetransmission))
        ++totals.retransmissions;
    if (record.has(MessageDuplicate))
        ++totals.duplicates;
    if (record.has(MessageMalformed))
        ++totals.malformedMessages;
    return index;
}

StringRef CallGrouper::storeTag(CallFlow* call, std::string_view tag, std::uint64_t hash)
{
    if (tag.empty())
        return {};
    if (call == nullptr)
        return m_snapshot.m_strings.add(tag);
    for (int slot = 0; slot < 2; ++slot) {
        if (call->tagHash[slot] == hash && call->tagText[slot].length == tag.size())
            return call->tagText[slot];
    }
    const auto slot = call->nextTagSlot;
    call->nextTagSlot ^= 1;
    call->tagHash[slot] = hash;
    return call->tagText[slot] = m_snapshot.m_strings.add(tag);
}

StringRef CallGrouper::storeRequestUri(CallFlow* call, std::string_view uri, std::uint64_t hash)
{
    if (call == nullptr || uri.empty())
        return m_snapshot.m_strings.add(uri);
    if (call->uriHash == hash && call->uriText.length == uri.size())
        return call->uriText;
    call->uriHash = hash;
    return call->uriText = m_snapshot.m_strings.add(uri);
}

StringRef CallGrouper::storeReason(std::string_view reason, std::uint64_t hash)
{
    if (reason.empty())
        return {};
    const auto found = m_reasonsByHash.find(hash);
    if (found != FlatIndexMap::kAbsent && m_snapshot.m_strings.view(m_reasons[found]) == reason)
        return m_reasons[found];
    const auto ref = m_snapshot.m_strings.add(reason);
    // A new text under a taken hash (a collision) is stored but not remembered.
    if (found == FlatIndexMap::kAbsent) {
        m_reasonsByHash.insert(hash, static_cast<std::uint32_t>(m_reasons.size()));
        m_reasons.push_back(ref);
    }
    return ref;
}

std::uint32_t CallGrouper::matchTransaction(
    const MessageFields& message, const MessageKeys& keys, MessageRecord& record, std::uint32_t messageIndex)
{
    auto& transactions = m_snapshot.m_transactions;
    const auto callIndex = record.callIndex;
    const SipMethod method = message.cseqMethod;

    CallFlow& call = m_snapshot.m_calls[callIndex];
    auto lookup = [&](std::uint64_t key, SipMethod expected) -> std::uint32_t {
        // Most messages belong to the transaction of their call's previous message.
        if (call.lastTransaction != kNoIndex && transactions[call.lastTransaction].key == key
            && transactions[call.lastTransaction].method == expected)
            return call.lastTransaction;
        const auto found = m_transactionsByKey.find(key);
        if (found == FlatIndexMap::kAbsent)
            return kNoIndex;
        const Transaction& t = transactions[found];
        if (t.callIndex != callIndex || t.method != expected)
            return kNoIndex;
        return found;
    };

    // The ACK of a non-2xx final response belongs to the INVITE transaction (RFC 3261 §17.1.1.3).
    if (record.isRequest() && method == SipMethod::Ack) {
        const auto invite = lookup(keys.inviteTransaction, SipMethod::Invite);
        if (invite != kNoIndex && transactions[invite].finalStatus >= 300)
            return call.lastTransaction = invite;
    }

    const auto key = keys.transaction;
    if (const auto found = lookup(key, method); found != kNoIndex)
        return call.lastTransaction = found;

    const auto index = static_cast<std::uint32_t>(transactions.size());
    Transaction transaction;
    transaction.callIndex = callIndex;
    transaction.firstMessage = messageIndex;
    transaction.startNs = record.timestampNs;
    transaction.cseqNumber = record.cseqNumber;
    transaction.method = method;
    transaction.key = key;
    if (record.isRequest()) {
        transaction.requestSource = record.source;
        transaction.requestDestination = record.destination;
    } else {
        transaction.requestSource = record.destination;
        transaction.requestDestination = record.source;
    }
    if (method == SipMethod::Cancel) {
        const auto invite = lookup(keys.inviteTransaction, SipMethod::Invite);
        if (invite != kNoIndex) {
            transaction.cancelledTransaction = invite;
            if (transactions[invite].cancelTransaction == kNoIndex)
                transactions[invite].cancelTransaction = index;
        }
    }
    transactions.push_back(transaction);
    m_lastMessageOfTransaction.push_back(kNoIndex);
    m_transactionsByKey.insert(key, index);
    return call.lastTransaction = index;
}

void CallGrouper::markCopies(MessageRecord& record, std::uint32_t messageIndex)
{
    const auto& messages = m_snapshot.m_messages;
    const auto transactionIndex = record.transactionIndex;
    std::uint32_t previous = m_lastMessageOfTransaction[transactionIndex];
    m_previousInTransaction[messageIndex] = previous;

    bool retransmission = false;
    for (int steps = 0; previous != kNoIndex && steps < kMaxCopyWalk; ++steps) {
        const MessageRecord& earlier = messages[previous];
        const bool sameDirection = earlier.source == record.source && earlier.destination == record.destination;
        // A log prints each message it sends or receives once: two alike in one text log are a
        // retransmission, however close their (often coarse or made-up) times are.
        const bool sameLog = record.has(MessageFromTextLog) && earlier.fileIndex == record.fileIndex;
        if (sameDirection && !sameLog && record.timestampNs - earlier.timestampNs <= kDuplicateWindowNs
            && earlier.contentHash == record.contentHash && earlier.location.length == record.location.length) {
            record.flags |= MessageDuplicate;
            record.duplicateOf = earlier.duplicateOf != kNoIndex ? earlier.duplicateOf : previous;
            return;
        }
        if (!retransmission && sameDirection && !earlier.has(MessageDuplicate)
            && earlier.isRequest() == record.isRequest() && earlier.signature == record.signature)
            retransmission = earlier.isRequest() ? earlier.method == record.method : earlier.statusCode == record.statusCode;
        previous = m_previousInTransaction[previous];
    }
    if (retransmission)
        record.flags |= MessageRetransmission;
}

// Transactions and dialogs are identified within their call by 64-bit hashes of their keys (branch,
// tags); only Call-IDs, which decide what is one call, are compared as text.
std::uint32_t CallGrouper::matchDialog(const MessageKeys& keys, const MessageRecord& record, std::uint32_t messageIndex)
{
    auto& dialogs = m_snapshot.m_dialogs;
    CallFlow& call = m_snapshot.m_calls[record.callIndex];
    const std::uint64_t key = keys.dialog;
    const bool confirming = !record.isRequest() && record.statusCode >= 200 && record.statusCode < 300;

    std::uint32_t found = kNoIndex;
    if (call.lastDialog != kNoIndex && dialogs[call.lastDialog].key == key) {
        found = call.lastDialog;
    } else {
        found = m_dialogsByKey.find(key);
        if (found != FlatIndexMap::kAbsent && dialogs[found].callIndex != record.callIndex)
            found = kNoIndex;
    }
    if (found != kNoIndex && found != FlatIndexMap::kAbsent) {
        Dialog& dialog = dialogs[found];
        ++dialog.messageCount;
        dialog.confirmed = dialog.confirmed || confirming;
        return call.lastDialog = found;
    }
    const auto index = static_cast<std::uint32_t>(dialogs.size());
    Dialog dialog;
    dialog.callIndex = record.callIndex;
    dialog.firstMessage = messageIndex;
    dialog.callerTag = record.fromTag;
    dialog.calleeTag = record.toTag;
    dialog.key = key;
    dialog.messageCount = 1;
    dialog.confirmed = confirming;
    dialogs.push_back(dialog);
    ++call.dialogCount;
    m_dialogsByKey.insert(key, index);
    return call.lastDialog = index;
}

void CallGrouper::updateTransaction(std::uint32_t transactionIndex, const MessageRecord& record, std::uint32_t messageIndex)
{
    Transaction& transaction = m_snapshot.m_transactions[transactionIndex];
    m_lastMessageOfTransaction[transactionIndex] = messageIndex;
    ++transaction.messageCount;
    if (record.isRequest()) {
        if (transaction.requestMessage == kNoIndex && record.method == transaction.method) {
            transaction.requestMessage = messageIndex;
            transaction.requestSource = record.source;
            transaction.requestDestination = record.destination;
            transaction.startNs = std::min(transaction.startNs, record.timestampNs);
        }
        return;
    }
    const auto status = record.statusCode;
    if (status >= 200) {
        if (transaction.finalResponse == kNoIndex) {
            transaction.finalResponse = messageIndex;
            transaction.finalStatus = status;
        }
    } else if (status >= 100) {
        transaction.highestProvisional = std::max(transaction.highestProvisional, status);
        if (status == 180 || status == 183)
            transaction.sawRinging = true;
    }
}

void CallGrouper::updateCall(CallFlow& call, const MessageFields& message, const MessageRecord& record, std::uint32_t messageIndex)
{
    auto& strings = m_snapshot.m_strings;
    if (call.messageCount == 0) {
        call.startNs = record.timestampNs;
        call.endNs = record.timestampNs;
        call.initialMethod = record.method;
        call.initialMethodText = record.methodText;
        call.source = m_snapshot.endpoint(record.isRequest() ? record.source : record.destination);
        call.destination = m_snapshot.endpoint(record.isRequest() ? record.destination : record.source);
        call.transport = record.transport;
        call.from = addUnfolded(strings, message.fromValue);
        call.to = addUnfolded(strings, message.toValue);
        call.fromTag = record.fromTag;
    }
    ++call.messageCount;
    call.startNs = std::min(call.startNs, record.timestampNs);
    call.endNs = std::max(call.endNs, record.timestampNs);
    if (record.has(MessageRetransmission))
        ++call.retransmissions;
    if (record.has(MessageDuplicate))
        ++call.duplicates;
    if (record.has(MessageMalformed))
        ++call.malformedMessages;

    if (record.isRequest() && call.firstRequest == kNoIndex) {
        call.firstRequest = messageIndex;
        call.initialMethod = record.method;
        call.initialMethodText = record.methodText;
        call.requestUri = record.requestUriOrReason;
        call.source = m_snapshot.endpoint(record.source);
        call.destination = m_snapshot.endpoint(record.destination);
        call.transport = record.transport;
        if (call.firstMessage != messageIndex) {
            call.from = addUnfolded(strings, message.fromValue);
            call.to = addUnfolded(strings, message.toValue);
            call.fromTag = record.fromTag;
        }
        if (!message.legHint.empty())
            m_linkHints[record.callIndex] = strings.add(message.legHint);
    }
}

void CallGrouper::addIcmpEvent(IcmpEvent event, std::string_view quotedCallId)
{
    m_snapshot.m_icmpEvents.push_back(event);
    m_pendingIcmpCallIds.emplace_back(quotedCallId);
    ++m_snapshot.m_totals.icmpErrors;
}

void CallGrouper::finish(std::int64_t captureEndNs)
{
    // Leg linking reads only what loading set and writes only the calls' link lists, so it runs
    // beside the outcome classification, which writes other fields.
    std::thread legs([this] { linkLegs(); });
    buildIndexes();
    classifyTransactions(captureEndNs);
    linkRetries();
    summariseCalls();
    legs.join();
    resolveIcmpEvents();
    m_snapshot.m_totals.calls = m_snapshot.m_calls.size();
}

void CallGrouper::buildIndexes()
{
    const auto& messages = m_snapshot.m_messages;
    const auto callCount = m_snapshot.m_calls.size();

    auto buildCsr = [callCount](std::vector<std::uint32_t>& offsets, std::vector<std::uint32_t>& items,
                        std::size_t itemCount, auto callOf) {
        offsets.assign(callCount + 1, 0);
        for (std::size_t i = 0; i < itemCount; ++i) {
            const auto call = callOf(i);
            if (call != kNoIndex)
                ++offsets[call + 1];
        }
        for (std::size_t c = 0; c < callCount; ++c)
            offsets[c + 1] += offsets[c];
        items.assign(offsets[callCount], 0);
        std::vector<std::uint32_t> cursor(offsets.begin(), offsets.end() - 1);
        for (std::size_t i = 0; i < itemCount; ++i) {
            const auto call = callOf(i);
            if (call != kNoIndex)
                items[cursor[call]++] = static_cast<std::uint32_t>(i);
        }
    };
    buildCsr(m_snapshot.m_callMessageOffsets, m_snapshot.m_callMessages, messages.size(),
        [&](std::size_t i) { return messages[i].callIndex; });
    const auto& transactions = m_snapshot.m_transactions;
    buildCsr(m_snapshot.m_callTransactionOffsets, m_snapshot.m_callTransactions, transactions.size(),
        [&](std::size_t i) { return transactions[i].callIndex; });
}

void CallGrouper::classifyTransactions(std::int64_t captureEndNs)
{
    auto& transactions = m_snapshot.m_transactions;
    const auto& messages = m_snapshot.m_messages;
    for (auto& t : transactions) {
        const auto status = t.finalStatus;
        if (status == 0) {
            if (t.method == SipMethod::Ack)
                t.outcome = Outcome::NoResponseExpected;
            else if (t.requestMessage != kNoIndex && captureEndNs - t.startNs >= kUnansweredAfterNs)
                t.outcome = Outcome::Unanswered;
            else
                t.outcome = Outcome::InProgress;
        } else if (status < 300) {
            t.outcome = Outcome::Success;
        } else if (status < 400) {
            t.outcome = Outcome::Redirect;
        } else if (status == 401 || status == 407) {
            t.outcome = Outcome::AuthFailure; // becomes Challenge when an accepted retry follows
        } else if (status == 408) {
            t.outcome = Outcome::Unanswered;
        } else if (status == 487) {
            // Cancelled only when the INVITE's own sender cancelled it; a proxy timer is a failure.
            bool ownCancel = false;
            if (t.cancelTransaction != kNoIndex) {
                const auto& cancel = transactions[t.cancelTransaction];
                const auto cancelSource = cancel.requestMessage != kNoIndex ? messages[cancel.requestMessage].source
                                                                            : cancel.requestSource;
                ownCancel = m_snapshot.endpoint(cancelSource).address == m_snapshot.endpoint(t.requestSource).address;
            }
            t.outcome = ownCancel ? Outcome::Cancelled : Outcome::Unanswered;
        } else if (status < 500) {
            t.outcome = Outcome::ClientFailure;
        } else if (status < 600) {
            t.outcome = Outcome::ServerFailure;
        } else {
            t.outcome = Outcome::GlobalFailure;
        }
    }
}

void CallGrouper::linkRetries()
{
    auto& transactions = m_snapshot.m_transactions;
    const auto& messages = m_snapshot.m_messages;
    const auto& strings = m_snapshot.m_strings;
    for (std::uint32_t call = 0; call < m_snapshot.m_calls.size(); ++call) {
        const auto list = m_snapshot.transactionsOfCall(call);
        for (std::size_t i = 0; i < list.size(); ++i) {
            Transaction& challenged = transactions[list[i]];
            if ((challenged.finalStatus != 401 && challenged.finalStatus != 407) || challenged.requestMessage == kNoIndex)
                continue;
            const auto& request = messages[challenged.requestMessage];
            const auto fromTag = strings.view(request.fromTag);
            const auto end = std::min(list.size(), i + 1 + kMaxRetryLookahead);
            for (std::size_t j = i + 1; j < end; ++j) {
                Transaction& retry = transactions[list[j]];
                if (retry.method != challenged.method || retry.requestMessage == kNoIndex
                    || retry.cseqNumber <= challenged.cseqNumber || retry.retryOf != kNoIndex)
                    continue;
                const auto& retryRequest = messages[retry.requestMessage];
                if (strings.view(retryRequest.fromTag) != fromTag
                    || m_snapshot.endpoint(retryRequest.source).address != m_snapshot.endpoint(request.source).address)
                    continue;
                challenged.retryTransaction = list[j];
                retry.retryOf = list[i];
                break;
            }
        }
    }
    // Judge challenges by their retries: accepted credentials make the 401/407 a challenge; a retry
    // challenged again, or refused with 403, is an authentication failure (CONTRACT.md).
    for (auto& t : transactions) {
        if (t.retryOf != kNoIndex && t.finalStatus == 403)
            t.outcome = Outcome::AuthFailure;
        if (t.outcome != Outcome::AuthFailure || t.retryTransaction == kNoIndex)
            continue;
        const auto retryStatus = transactions[t.retryTransaction].finalStatus;
        if (retryStatus != 401 && retryStatus != 407 && retryStatus != 403)
            t.outcome = Outcome::Challenge;
    }
}

void CallGrouper::summariseCalls()
{
    const auto& transactions = m_snapshot.m_transactions;
    const auto& messages = m_snapshot.m_messages;
    for (std::uint32_t c = 0; c < m_snapshot.m_calls.size(); ++c) {
        CallFlow& call = m_snapshot.m_calls[c];
        const auto list = m_snapshot.transactionsOfCall(c);
        std::uint32_t first = kNoIndex;
        if (call.firstRequest != kNoIndex) {
            const auto& request = messages[call.firstRequest];
            if (request.method != SipMethod::Ack && request.method != SipMethod::Cancel)
                first = request.transactionIndex;
        }
        for (std::size_t i = 0; first == kNoIndex && i < list.size(); ++i) {
            const auto& t = transactions[list[i]];
            if (t.requestMessage != kNoIndex && t.method != SipMethod::Ack && t.method != SipMethod::Cancel)
                first = list[i];
        }
        if (first == kNoIndex && !list.empty())
            first = list.front();
        call.firstTransaction = first;

        std::uint32_t initial = first;
        for (int hops = 0; initial != kNoIndex && hops < 32; ++hops) {
            // A retry with credentials continues the call, whether or not they were accepted.
            const auto& t = transactions[initial];
            if (t.retryTransaction == kNoIndex)
                break;
            initial = t.retryTransaction;
        }
        call.initialTransaction = initial;
        if (initial == kNoIndex) {
            call.outcome = Outcome::InProgress;
        } else {
            const auto& t = transactions[initial];
            call.outcome = t.outcome;
            call.finalStatus = t.finalStatus;
            if (t.finalResponse != kNoIndex)
                call.finalReason = messages[t.finalResponse].requestUriOrReason;
        }
        call.state = callStateOf(call.outcome);
    }
}

void CallGrouper::linkLegs()
{
    std::vector<std::pair<std::uint32_t, std::uint32_t>> hinted;
    for (std::uint32_t c = 0; c < m_linkHints.size(); ++c) {
        if (m_linkHints[c].empty())
            continue;
        const auto other = findCall(m_snapshot.text(m_linkHints[c]));
        if (other != kNoIndex && other != c)
            hinted.emplace_back(c, other);
    }
    LegLinker::link(m_snapshot.m_calls, m_snapshot.m_strings, hinted);
}

void CallGrouper::resolveIcmpEvents()
{
    const auto& messages = m_snapshot.m_messages;
    constexpr std::size_t kMaxBackwardScan = 100000;
    for (std::size_t i = 0; i < m_snapshot.m_icmpEvents.size(); ++i) {
        IcmpEvent& event = m_snapshot.m_icmpEvents[i];
        if (!m_pendingIcmpCallIds[i].empty())
            event.callIndex = findCall(m_pendingIcmpCallIds[i]);
        if (event.callIndex != kNoIndex)
            continue;
        // The quote lacked a Call-ID: attach to the last message sent along the same path before it.
        const auto quotedSource = m_snapshot.m_endpoints.find(event.quotedSource);
        const auto quotedDestination = m_snapshot.m_endpoints.find(event.quotedDestination);
        if (quotedSource == EndpointTable::kNoEndpoint || quotedDestination == EndpointTable::kNoEndpoint)
            continue;
        auto it = std::upper_bound(messages.begin(), messages.end(), event.timestampNs,
            [](std::int64_t t, const MessageRecord& m) { return t < m.timestampNs; });
        for (std::size_t scanned = 0; it != messages.begin() && scanned < kMaxBackwardScan; ++scanned) {
            --it;
            if (it->source == quotedSource && it->destination == quotedDestination) {
                event.callIndex = it->callIndex;
                break;
            }
        }
    }
    m_pendingIcmpCallIds.clear();
}

} // namespace sipladder::core
