// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "net/endpoint.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace sipladder::core {

// The placeholders of one export: each original value gets one, numbered per kind in order of first
// appearance, and keeps it for the whole export.
//
// - Phone numbers: "NUMBER-n". Numbers that are the same number (sameNumber(), CONTRACT.md) share n,
//   and each written form keeps what it has in front of the national number: the '+' and country code,
//   the international prefix (00, 011) and country code, or the trunk prefix. So +15551234567 and
//   5551234567 become "+1-NUMBER-1" and "NUMBER-1", +4930123456, 004930123456 and 030123456 become
//   "+49-NUMBER-2", "0049-NUMBER-2" and "0-NUMBER-2": a number-format diff still reads as one. Where
//   forms differ in more than that (a local 1234567 against 5551234567), learning makes the shared
//   part shorter, "555-NUMBER-3" against "NUMBER-3". The subscriber digits are never shown.
// - Other user parts "USER-n", display names "NAME-n", host names "HOST-n", Call-IDs "CALLID-n",
//   file names "file-n.ext" (the extension kept).
// - IP addresses become documentation addresses of the same family (RFC 5737 192.0.2.x, 198.51.100.x,
//   203.0.113.x, then the benchmarking range 198.18.0.0/15; RFC 3849 2001:db8::x), so that a redacted
//   capture stays a valid one. An address the trace itself holds is never handed out as a placeholder.
//   The unspecified and loopback addresses (0.0.0.0 means "on hold" in SDP) are kept.
//
// Values are compared as the protocol compares them: host names ignoring case, users and Call-IDs
// exactly, addresses by value. The table also keeps every value it mapped as a phrase that
// findPhrase() spots in free text (explanations, notes), where no grammar says what is a host.
class PlaceholderTable {
public:
    // While learning, a number group's shared digits may still shrink as other forms of the number
    // come in; after endLearning() every group is fixed, so no placeholder already written changes.
    void beginLearning() { m_learning = true; }
    void endLearning();

    // `written` is a user part or number as written ("+1 (555) 123-4567", "%2B1555...").
    std::string number(std::string_view written);
    std::string user(std::string_view user);
    std::string displayName(std::string_view name);
    std::string host(std::string_view host);
    std::string callId(std::string_view callId);
    std::string fileName(std::string_view path);
    IpAddress address(const IpAddress& address);

    // An address the trace holds: never used as a placeholder.
    void reserveAddress(const IpAddress& address);
    // True for text this table produced (so redacting twice changes nothing).
    bool isPlaceholder(std::string_view text) const { return m_issued.count(std::string(text)) != 0; }
    bool isPlaceholderAddress(const IpAddress& address) const { return m_issuedAddresses.count(address) != 0; }
    // An address of the trace (reserved, or mapped already).
    bool isOriginalAddress(const IpAddress& address) const { return m_reserved.count(address) != 0; }

    // A known value starting at `pos` of `text`, when one does and ends at a token boundary: its length
    // and placeholder. Prefers the longest.
    struct PhraseMatch {
        std::size_t length = 0;
        std::string replacement;
    };
    std::optional<PhraseMatch> findPhrase(std::string_view text, std::size_t pos) const;

private:
    enum class PhraseKind : std::uint8_t { User, DisplayName, Host, CallId };
    struct Phrase {
        std::string text;
        PhraseKind kind = PhraseKind::User;
    };
    struct NumberGroup {
        std::string representative; // digits of the first form seen
        std::string shared; // the digits every form ends with: the national number, or less once learnt
        std::size_t id = 0;
        bool fixed = false;
    };

    std::string issue(std::string placeholder);
    void addPhrase(std::string_view text, PhraseKind kind);
    std::string replacementOf(const Phrase& phrase) const;
    std::size_t numberGroup(const std::string& digits, bool plus);
    IpAddress nextAddress(bool v6);

    bool m_learning = false;
    std::vector<NumberGroup> m_numberGroups;
    std::unordered_map<std::string, std::size_t> m_groupOfDigits;
    std::unordered_map<std::string, std::vector<std::size_t>> m_groupsBySuffix; // last 7 digits -> groups
    std::unordered_map<std::string, std::string> m_users;
    std::unordered_map<std::string, std::string> m_displayNames;
    std::unordered_map<std::string, std::string> m_hosts; // lower-cased key
    std::unordered_map<std::string, std::string> m_callIds;
    std::unordered_map<std::string, std::string> m_files;
    std::unordered_map<IpAddress, IpAddress> m_addresses;
    std::unordered_set<IpAddress> m_reserved;
    std::unordered_set<IpAddress> m_issuedAddresses;
    std::unordered_set<std::string> m_issued;
    std::uint32_t m_nextV4 = 0;
    std::uint64_t m_nextV6 = 0;

    std::vector<Phrase> m_phrases;
    std::unordered_set<std::string> m_phraseKeys;
    // Phrases by their first alphanumeric run, lower-cased; phrases that start otherwise are in m_oddPhrases.
    std::unordered_map<std::string, std::vector<std::size_t>> m_phrasesByWord;
    std::vector<std::size_t> m_oddPhrases;
};

} // namespace sipladder::core
