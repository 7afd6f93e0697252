// SPDX-License-Identifier: Apache-2.0
#include "sip/header_names.h"

#include <array>
#include <bit>
#include <cstring>

namespace sipladder::core {

namespace {

struct HeaderInfo {
    HeaderId id;
    std::string_view name;
    char compact;
    bool list;
};

// Indexed by HeaderId; the static_assert below keeps the order honest.
constexpr std::array<HeaderInfo, kHeaderIdCount> kHeaders { {
    { HeaderId::Via, "Via", 'v', true },
    { HeaderId::From, "From", 'f', false },
    { HeaderId::To, "To", 't', false },
    { HeaderId::CallId, "Call-ID", 'i', false },
    { HeaderId::CSeq, "CSeq", 0, false },
    { HeaderId::Contact, "Contact", 'm', true },
    { HeaderId::ContentLength, "Content-Length", 'l', false },
    { HeaderId::ContentType, "Content-Type", 'c', false },
    { HeaderId::ContentEncoding, "Content-Encoding", 'e', true },
    { HeaderId::ContentDisposition, "Content-Disposition", 0, false },
    { HeaderId::ContentLanguage, "Content-Language", 0, true },
    { HeaderId::MaxForwards, "Max-Forwards", 0, false },
    { HeaderId::Route, "Route", 0, true },
    { HeaderId::RecordRoute, "Record-Route", 0, true },
    { HeaderId::Path, "Path", 0, true },
    { HeaderId::ServiceRoute, "Service-Route", 0, true },
    { HeaderId::Expires, "Expires", 0, false },
    { HeaderId::MinExpires, "Min-Expires", 0, false },
    { HeaderId::Event, "Event", 'o', false },
    { HeaderId::Subject, "Subject", 's', false },
    { HeaderId::Supported, "Supported", 'k', true },
    { HeaderId::AllowEvents, "Allow-Events", 'u', true },
    { HeaderId::ReferTo, "Refer-To", 'r', false },
    { HeaderId::ReferredBy, "Referred-By", 'b', false },
    { HeaderId::Replaces, "Replaces", 0, false },
    { HeaderId::Accept, "Accept", 0, true },
    { HeaderId::AcceptEncoding, "Accept-Encoding", 0, true },
    { HeaderId::AcceptLanguage, "Accept-Language", 0, true },
    { HeaderId::AcceptContact, "Accept-Contact", 'a', true },
    { HeaderId::RejectContact, "Reject-Contact", 'j', true },
    { HeaderId::RequestDisposition, "Request-Disposition", 'd', true },
    { HeaderId::Allow, "Allow", 0, true },
    { HeaderId::Authorization, "Authorization", 0, false },
    { HeaderId::ProxyAuthorization, "Proxy-Authorization", 0, false },
    { HeaderId::WwwAuthenticate, "WWW-Authenticate", 0, false },
    { HeaderId::ProxyAuthenticate, "Proxy-Authenticate", 0, false },
    { HeaderId::AuthenticationInfo, "Authentication-Info", 0, false },
    { HeaderId::UserAgent, "User-Agent", 0, false },
    { HeaderId::Server, "Server", 0, false },
    { HeaderId::Reason, "Reason", 0, true },
    { HeaderId::Warning, "Warning", 0, true },
    { HeaderId::RetryAfter, "Retry-After", 0, false },
    { HeaderId::Date, "Date", 0, false },
    { HeaderId::Timestamp, "Timestamp", 0, false },
    { HeaderId::Priority, "Priority", 0, false },
    { HeaderId::Organization, "Organization", 0, false },
    { HeaderId::CallInfo, "Call-Info", 0, true },
    { HeaderId::AlertInfo, "Alert-Info", 0, true },
    { HeaderId::ErrorInfo, "Error-Info", 0, true },
    { HeaderId::InReplyTo, "In-Reply-To", 0, true },
    { HeaderId::ReplyTo, "Reply-To", 0, false },
    { HeaderId::MimeVersion, "MIME-Version", 0, false },
    { HeaderId::RSeq, "RSeq", 0, false },
    { HeaderId::RAck, "RAck", 0, false },
    { HeaderId::SubscriptionState, "Subscription-State", 0, false },
    { HeaderId::Privacy, "Privacy", 0, false },
    { HeaderId::PAssertedIdentity, "P-Asserted-Identity", 0, true },
    { HeaderId::PPreferredIdentity, "P-Preferred-Identity", 0, true },
    { HeaderId::PChargingVector, "P-Charging-Vector", 0, false },
    { HeaderId::RemotePartyId, "Remote-Party-ID", 0, true },
    { HeaderId::Diversion, "Diversion", 0, true },
    { HeaderId::HistoryInfo, "History-Info", 0, true },
    { HeaderId::Identity, "Identity", 'y', false },
    { HeaderId::IdentityInfo, "Identity-Info", 'n', false },
    { HeaderId::SessionExpires, "Session-Expires", 'x', false },
    { HeaderId::MinSe, "Min-SE", 0, false },
    { HeaderId::SessionId, "Session-ID", 0, false },
    { HeaderId::Require, "Require", 0, true },
    { HeaderId::ProxyRequire, "Proxy-Require", 0, true },
    { HeaderId::Unsupported, "Unsupported", 0, true },
    { HeaderId::XCid, "X-CID", 0, false },
    { HeaderId::XCallId, "X-Call-ID", 0, false },
    { HeaderId::XOrigCallId, "X-Orig-Call-ID", 0, false },
    { HeaderId::XOriginalCallId, "X-Original-Call-ID", 0, false },
    { HeaderId::Other, "", 0, false },
} };

constexpr bool tableInEnumOrder()
{
    for (std::size_t i = 0; i < kHeaders.size(); ++i) {
        if (static_cast<std::size_t>(kHeaders[i].id) != i)
            return false;
    }
    return true;
}
static_assert(tableInEnumOrder(), "kHeaders must list every HeaderId in declaration order");

constexpr std::size_t kMaxNameLength = 24;

constexpr char lowerAscii(char c)
{
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

constexpr std::array<unsigned char, 256> makeLowerTable()
{
    std::array<unsigned char, 256> table {};
    for (std::size_t i = 0; i < table.size(); ++i)
        table[i] = static_cast<unsigned char>(lowerAscii(static_cast<char>(i)));
    return table;
}
constexpr auto kLower = makeLowerTable();

// Compact form letter (lower case) -> header.
constexpr std::array<HeaderId, 256> makeCompactTable()
{
    std::array<HeaderId, 256> table {};
    for (auto& entry : table)
        entry = HeaderId::Other;
    for (const auto& info : kHeaders) {
        if (info.compact != 0)
            table[static_cast<unsigned char>(info.compact)] = info.id;
    }
    return table;
}
constexpr auto kCompact = makeCompactTable();

// Known names grouped by (length, first letter folded to its low 5 bits): a lookup reads one bucket
// head and compares the few names of that length and initial, usually exactly one.
constexpr std::size_t kBucketCount = (kMaxNameLength + 1) * 32;

constexpr std::size_t bucketOf(std::size_t length, char first)
{
    return length * 32 + (static_cast<unsigned char>(first) & 0x1f);
}

struct NameBuckets {
    std::array<HeaderId, kBucketCount> head {};
    std::array<HeaderId, kHeaderIdCount> next {}; // the next known name in the same bucket
};

constexpr NameBuckets makeNameBuckets()
{
    NameBuckets buckets {};
    for (auto& entry : buckets.head)
        entry = HeaderId::Other;
    for (auto& entry : buckets.next)
        entry = HeaderId::Other;
    // Filled backwards so that each chain lists names in table order, most frequent first.
    for (std::size_t i = kHeaders.size(); i-- > 0;) {
        const auto& info = kHeaders[i];
        if (info.name.size() < 2)
            continue;
        const std::size_t bucket = bucketOf(info.name.size(), info.name.front());
        buckets.next[i] = buckets.head[bucket];
        buckets.head[bucket] = info.id;
    }
    return buckets;
}
constexpr auto kBuckets = makeNameBuckets();

constexpr bool namesFitIndex()
{
    for (const auto& info : kHeaders) {
        if (info.name.size() > kMaxNameLength)
            return false;
    }
    return true;
}
static_assert(namesFitIndex(), "raise kMaxNameLength");

// Each known name lower-cased and zero-padded, with 0x20 at its letter positions: a name matches
// when it differs only in those bits, which lets headerIdOf compare 8 (or 4, or 2) bytes at a time.
struct FoldedName {
    std::array<unsigned char, kMaxNameLength> lower {};
    std::array<unsigned char, kMaxNameLength> letters {};
};

constexpr std::array<FoldedName, kHeaderIdCount> makeFoldedNames()
{
    std::array<FoldedName, kHeaderIdCount> names {};
    for (std::size_t i = 0; i < kHeaders.size(); ++i) {
        const auto name = kHeaders[i].name;
        for (std::size_t j = 0; j < name.size(); ++j) {
            const auto lower = static_cast<unsigned char>(lowerAscii(name[j]));
            names[i].lower[j] = lower;
            names[i].letters[j] = (lower >= 'a' && lower <= 'z') ? 0x20 : 0;
        }
    }
    return names;
}
constexpr auto kFoldedNames = makeFoldedNames();

template <typename Word> inline bool wordMatches(const char* name, const FoldedName& folded, std::size_t offset)
{
    Word text;
    Word lower;
    Word letters;
    std::memcpy(&text, name + offset, sizeof(Word));
    std::memcpy(&lower, folded.lower.data() + offset, sizeof(Word));
    std::memcpy(&letters, folded.letters.data() + offset, sizeof(Word));
    return ((text ^ lower) & static_cast<Word>(~letters)) == 0;
}

// `name` has the length of `folded` (at least 2); every load stays inside it.
inline bool matchesFolded(std::string_view name, const FoldedName& folded)
{
    const char* p = name.data();
    const std::size_t n = name.size();
    if (n >= 8) {
        for (std::size_t i = 0; i + 8 < n; i += 8) {
            if (!wordMatches<std::uint64_t>(p, folded, i))
                return false;
        }
        return wordMatches<std::uint64_t>(p, folded, n - 8);
    }
    if (n >= 4)
        return wordMatches<std::uint32_t>(p, folded, 0) && wordMatches<std::uint32_t>(p, folded, n - 4);
    return wordMatches<std::uint16_t>(p, folded, 0) && wordMatches<std::uint16_t>(p, folded, n - 2);
}

inline bool sameName(std::string_view a, std::string_view b)
{
    if (a.size() != b.size())
        return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (kLower[static_cast<unsigned char>(a[i])] != kLower[static_cast<unsigned char>(b[i])])
            return false;
    }
    return true;
}

} // namespace

bool equalsIgnoreCase(std::string_view a, std::string_view b)
{
    return sameName(a, b);
}

HeaderId headerIdOf(std::string_view name)
{
    const std::size_t length = name.size();
    if (length == 1)
        return kCompact[kLower[static_cast<unsigned char>(name[0])]];
    if (length == 0 || length > kMaxNameLength)
        return HeaderId::Other;
    for (HeaderId id = kBuckets.head[bucketOf(length, name[0])]; id != HeaderId::Other;
         id = kBuckets.next[static_cast<std::size_t>(id)]) {
        if (matchesFolded(name, kFoldedNames[static_cast<std::size_t>(id)]))
            return id;
    }
    return HeaderId::Other;
}

std::string_view canonicalHeaderName(HeaderId id)
{
    const auto index = static_cast<std::size_t>(id);
    return index < kHeaders.size() ? kHeaders[index].name : std::string_view();
}

char compactHeaderForm(HeaderId id)
{
    const auto index = static_cast<std::size_t>(id);
    return index < kHeaders.size() ? kHeaders[index].compact : 0;
}

bool isListHeader(HeaderId id)
{
    const auto index = static_cast<std::size_t>(id);
    return index < kHeaders.size() && kHeaders[index].list;
}

namespace detail {

namespace {

constexpr std::uint64_t littleEndianWord(const std::array<unsigned char, kMaxNameLength>& bytes, std::size_t offset)
{
    std::uint64_t word = 0;
    for (std::size_t i = 0; i < 8; ++i)
        word |= std::uint64_t(bytes[offset + i]) << (8 * i);
    return word;
}

constexpr PaddedHeaderName paddedName(std::string_view name, HeaderId id)
{
    std::array<unsigned char, kMaxNameLength> lower {};
    std::array<unsigned char, kMaxNameLength> care {};
    for (std::size_t i = 0; i < name.size(); ++i) {
        const auto c = static_cast<unsigned char>(lowerAscii(name[i]));
        lower[i] = c;
        care[i] = (c >= 'a' && c <= 'z') ? 0xdf : 0xff;
    }
    return PaddedHeaderName { { littleEndianWord(lower, 0), littleEndianWord(lower, 8) },
        { littleEndianWord(care, 0), littleEndianWord(care, 8) }, id, kNoPaddedName };
}

constexpr PaddedHeaderNames makePaddedHeaderNames()
{
    PaddedHeaderNames names {};
    for (auto& head : names.head)
        head = kNoPaddedName;
    std::size_t count = 0;
    auto add = [&](std::string_view name, HeaderId id) {
        names.entries[count] = paddedName(name, id);
        // Appended at the chain's end so that chains keep table order, most frequent first.
        std::uint8_t* link = &names.head[name.size() << 5 | (static_cast<unsigned char>(name[0]) & 0x1f)];
        while (*link != kNoPaddedName)
            link = &names.entries[*link].next;
        *link = static_cast<std::uint8_t>(count);
        ++count;
    };
    for (const auto& info : kHeaders) {
        if (info.name.size() >= 2 && info.name.size() <= kMaxPaddedNameLength)
            add(info.name, info.id);
    }
    for (const auto& info : kHeaders) {
        if (info.compact != 0) {
            const char letter[1] = { info.compact };
            add(std::string_view(letter, 1), info.id);
        }
    }
    return names;
}

} // namespace

constinit const PaddedHeaderNames kPaddedHeaderNames = makePaddedHeaderNames();

} // namespace detail

} // namespace sipladder::core
