// SPDX-License-Identifier: Apache-2.0
#include "flow/message_keys.h"

#include "flow/message_fields.h"
#include "sip/header_names.h"
#include "util/fast_hash.h"

#include <algorithm>

namespace sipladder::core {

namespace {

bool hasMagicCookie(std::string_view branch)
{
    return branch.size() > 7 && equalsIgnoreCase(branch.substr(0, 7), "z9hG4bK");
}

// RFC 3261 §17.1.3/§17.2.3: branch + CSeq method, or for RFC 2543 peers Call-ID + CSeq number +
// method + top Via sent-by. Seeded with the Call-ID, so keys of different calls never meet.
std::uint64_t transactionKey(std::uint64_t callSeed, const MessageFields& message, SipMethod method,
    std::string_view methodText)
{
    std::uint64_t key = combineHash(0x7472616e73616374ull, callSeed);
    const auto branch = message.topViaBranch;
    if (hasMagicCookie(branch)) {
        key = MessageKeys::hashText(branch, key);
    } else {
        key = MessageKeys::hashText(message.topViaSentBy, key ^ 0x32353433ull);
        key = MessageKeys::hashText(branch, key);
        key = combineHash(key, message.cseqNumber);
    }
    key = combineHash(key, static_cast<std::uint64_t>(method));
    if (method == SipMethod::Unknown)
        key = MessageKeys::hashText(methodText, key);
    return key;
}

} // namespace

std::uint64_t MessageKeys::hashText(std::string_view text, std::uint64_t seed)
{
    return fastHash(text.data(), text.size(), seed);
}

std::uint64_t MessageKeys::callIdKey(std::string_view callId, std::uint32_t attempt)
{
    return fastHash(callId.data(), callId.size(), 0x63616c6cull + attempt);
}

std::uint64_t MessageKeys::callIdCheckOf(std::string_view callId)
{
    return fastHash(callId.data(), callId.size(), 0x9d1c3a5e7f20b46bull);
}

MessageKeys MessageKeys::of(const MessageFields& m)
{
    MessageKeys keys;
    keys.callId = callIdKey(m.callId, 0);
    keys.callIdCheck = callIdCheckOf(m.callId);
    keys.transaction = transactionKey(keys.callIdCheck, m, m.cseqMethod, m.cseqMethodText);
    if (m.cseqMethod == SipMethod::Ack || m.cseqMethod == SipMethod::Cancel)
        keys.inviteTransaction = transactionKey(keys.callIdCheck, m, SipMethod::Invite, {});
    if (!m.fromTag.empty() && !m.toTag.empty()) {
        // Requests from the callee swap From and To: the dialog is the unordered pair of tags.
        const auto low = std::min(m.fromTag, m.toTag);
        const auto high = std::max(m.fromTag, m.toTag);
        keys.dialog = hashText(high, hashText(low, combineHash(0x6469616c6f67ull, keys.callIdCheck)) ^ 0x7c);
    }
    keys.fromTag = hashText(m.fromTag, 0x746167ull);
    keys.toTag = hashText(m.toTag, 0x746167ull);
    if (m.isRequest) {
        keys.text = hashText(m.requestUri, 0x757269ull);
        keys.signature = hashText(m.requestUri, hashText(m.methodText, 0x72657175ull));
    } else {
        keys.text = hashText(m.reasonPhrase, 0x726561736f6eull);
        keys.signature = hashText(m.toTag, combineHash(0x72657370ull, m.statusCode));
    }
    return keys;
}

} // namespace sipladder::core
