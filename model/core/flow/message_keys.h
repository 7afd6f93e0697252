// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <string_view>

namespace sipladder::core {

struct MessageFields;

// The hashes that identify a message's call, transaction, dialog and texts, computed once per
// message by the grouper (on the loader's grouping thread, which has more time to spare than the
// reading one). Transactions and dialogs are identified within their call by these 64-bit hashes; Call-IDs by
// two independent 64-bit hashes.
struct MessageKeys {
    std::uint64_t callId = 0; // the call map's key for the Call-ID
    std::uint64_t callIdCheck = 0; // an independent hash of the Call-ID, kept in the call
    std::uint64_t transaction = 0; // RFC 3261 §17 matching key of this message's transaction
    std::uint64_t inviteTransaction = 0; // the same key with method INVITE (for ACK and CANCEL)
    std::uint64_t dialog = 0; // the call and the unordered pair of tags (0 without both tags)
    std::uint64_t fromTag = 0;
    std::uint64_t toTag = 0;
    std::uint64_t text = 0; // of the Request-URI (requests) or the reason phrase (responses)
    std::uint64_t signature = 0; // "the same message" within a transaction (see MessageRecord)

    static MessageKeys of(const MessageFields& fields);

    // The call map's key for a Call-ID, re-keyed on the rare collision (`attempt` > 0).
    static std::uint64_t callIdKey(std::string_view callId, std::uint32_t attempt);
    static std::uint64_t callIdCheckOf(std::string_view callId);
    static std::uint64_t hashText(std::string_view text, std::uint64_t seed);
};

} // namespace sipladder::core
