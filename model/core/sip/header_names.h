// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace sipladder::core {

// The headers SipLadder looks at by identity. Anything else is Other and is found by name.
enum class HeaderId : std::uint8_t {
    Via,
    From,
    To,
    CallId,
    CSeq,
    Contact,
    ContentLength,
    ContentType,
    ContentEncoding,
    ContentDisposition,
    ContentLanguage,
    MaxForwards,
    Route,
    RecordRoute,
    Path,
    ServiceRoute,
    Expires,
    MinExpires,
    Event,
    Subject,
    Supported,
    AllowEvents,
    ReferTo,
    ReferredBy,
    Replaces,
    Accept,
    AcceptEncoding,
    AcceptLanguage,
    AcceptContact,
    RejectContact,
    RequestDisposition,
    Allow,
    Authorization,
    ProxyAuthorization,
    WwwAuthenticate,
    ProxyAuthenticate,
    AuthenticationInfo,
    UserAgent,
    Server,
    Reason,
    Warning,
    RetryAfter,
    Date,
    Timestamp,
    Priority,
    Organization,
    CallInfo,
    AlertInfo,
    ErrorInfo,
    InReplyTo,
    ReplyTo,
    MimeVersion,
    RSeq,
    RAck,
    SubscriptionState,
    Privacy,
    PAssertedIdentity,
    PPreferredIdentity,
    PChargingVector,
    RemotePartyId,
    Diversion,
    HistoryInfo,
    Identity,
    IdentityInfo,
    SessionExpires,
    MinSe,
    SessionId,
    Require,
    ProxyRequire,
    Unsupported,
    XCid, // X-CID
    XCallId, // X-Call-ID
    XOrigCallId, // X-Orig-Call-ID
    XOriginalCallId, // X-Original-Call-ID
    Other,
};

inline constexpr std::size_t kHeaderIdCount = static_cast<std::size_t>(HeaderId::Other) + 1;

// Case-insensitive, accepts the compact forms of RFC 3261 §7.3.3 and the IANA registry ("i" is
// Call-ID, "v" is Via...). Runs on every header line, so it allocates nothing and compares at most a
// few candidates of the same length.
HeaderId headerIdOf(std::string_view name);

namespace detail {
// The known names and compact forms as little-endian words, for headerIdOfPadded(): an entry matches
// when ((text ^ lower) & care) is zero in both words, `care` clearing the case bit of letters and
// every byte past the name.
struct PaddedHeaderName {
    std::uint64_t lower[2];
    std::uint64_t care[2];
    HeaderId id;
    std::uint8_t next; // the next entry with the same length and initial, or kNoPaddedName
};
inline constexpr std::size_t kMaxPaddedNameLength = 15;
inline constexpr std::uint8_t kNoPaddedName = 0xff;
struct PaddedHeaderNames {
    // First entry by (length << 5 | initial & 0x1f) for lengths 1 to 15.
    std::uint8_t head[(kMaxPaddedNameLength + 1) * 32];
    PaddedHeaderName entries[kHeaderIdCount * 2];
};
extern const PaddedHeaderNames kPaddedHeaderNames;

// headerIdOf() of the `length` bytes at `name` for the parser's hot loop: at least 16 bytes must be
// readable at `name`. Names longer than 15 bytes give Other.
inline HeaderId headerIdOfPadded(const char* name, std::size_t length)
{
    if constexpr (std::endian::native != std::endian::little) {
        return headerIdOf(std::string_view(name, length));
    } else {
        if (length == 0 || length > kMaxPaddedNameLength)
            return HeaderId::Other;
        std::uint64_t low;
        std::uint64_t high;
        std::memcpy(&low, name, 8);
        std::memcpy(&high, name + 8, 8);
        const auto& names = kPaddedHeaderNames;
        for (std::uint8_t i = names.head[length << 5 | (static_cast<unsigned char>(name[0]) & 0x1f)];
             i != kNoPaddedName; i = names.entries[i].next) {
            const PaddedHeaderName& entry = names.entries[i];
            if ((((low ^ entry.lower[0]) & entry.care[0]) | ((high ^ entry.lower[1]) & entry.care[1])) == 0)
                return entry.id;
        }
        return HeaderId::Other;
    }
}
} // namespace detail

// "Call-ID", "CSeq", "WWW-Authenticate"...; empty for Other.
std::string_view canonicalHeaderName(HeaderId id);

// The compact form letter ('i' for Call-ID), or 0 when the header has none.
char compactHeaderForm(HeaderId id);

// True for headers whose grammar is a comma-separated list (Via, Contact, Route, Allow...), so
// that several values may share one header line. False for single-valued headers and for those
// whose value contains commas of its own (WWW-Authenticate, Authorization, Date, Subject...).
bool isListHeader(HeaderId id);

// ASCII case-insensitive equality, for header and parameter names.
bool equalsIgnoreCase(std::string_view a, std::string_view b);

} // namespace sipladder::core
