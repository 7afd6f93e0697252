// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <cstdint>
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
