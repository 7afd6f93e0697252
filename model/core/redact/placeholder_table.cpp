// SPDX-License-Identifier: Apache-2.0
#include "redact/placeholder_table.h"

#include "analysis/number_match.h"
#include "sip/header_names.h"
#include "sip/header_value.h"
#include "util/ascii_text.h"

#include <algorithm>

namespace sipladder::core {

namespace {

constexpr std::size_t kSuffixDigits = 7; // "the same number" needs at least 7 shared trailing digits
constexpr std::size_t kMinPhrase = 3;
constexpr std::size_t kMinCallIdPhrase = 6;

bool isAlnum(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool writtenWithPlus(std::string_view written)
{
    written = trimHeaderValue(written);
    return (!written.empty() && written.front() == '+')
        || (written.size() >= 3 && written[0] == '%' && written[1] == '2' && (written[2] == 'B' || written[2] == 'b'));
}

std::string commonSuffix(std::string_view a, std::string_view b)
{
    std::size_t n = 0;
    while (n < a.size() && n < b.size() && a[a.size() - 1 - n] == b[b.size() - 1 - n])
        ++n;
    return std::string(a.substr(a.size() - n));
}

// ITU-T E.164 country codes of one and two digits; all others have three.
std::size_t countryCodeLength(std::string_view digits)
{
    static constexpr std::string_view kTwoDigitCodes[] = { "20", "27", "30", "31", "32", "33", "34", "36", "39", "40",
        "41", "43", "44", "45", "46", "47", "48", "49", "51", "52", "53", "54", "55", "56", "57", "58", "60", "61",
        "62", "63", "64", "65", "66", "81", "82", "84", "86", "90", "91", "92", "93", "94", "95", "98" };
    if (digits.starts_with('1') || digits.starts_with('7'))
        return 1;
    for (const auto code : kTwoDigitCodes) {
        if (digits.starts_with(code))
            return 2;
    }
    return 3;
}

// The national significant number: the digits without '+' and country code, international prefix
// (00, 011) and country code, or trunk prefix (0, or the 1 of an 11-digit NANP number). What a
// placeholder keeps in front of "NUMBER-n" is what this removes.
std::string nationalNumber(const std::string& digits, bool plus)
{
    constexpr std::size_t kShortest = 4;
    auto withoutCountryCode = [&](std::string_view international) {
        const auto length = countryCodeLength(international);
        return international.size() >= length + kShortest ? std::string(international.substr(length)) : digits;
    };
    if (plus)
        return withoutCountryCode(digits);
    if (digits.starts_with("00"))
        return withoutCountryCode(std::string_view(digits).substr(2));
    if (digits.starts_with("011") && digits.size() > 11)
        return withoutCountryCode(std::string_view(digits).substr(3));
    if (digits.starts_with('0') && digits.size() > kShortest)
        return digits.substr(1);
    if (digits.size() == 11 && digits.starts_with('1'))
        return digits.substr(1);
    return digits;
}

// Kept as they are: they identify nobody and mean something (RFC 3323 anonymity, SDP hold, loopback).
bool isAnonymous(std::string_view text)
{
    return equalsIgnoreCase(text, "anonymous") || equalsIgnoreCase(text, "anonymous.invalid")
        || equalsIgnoreCase(text, "localhost");
}

bool isKeptAddress(const IpAddress& address)
{
    if (!address.isV6) {
        const auto& b = address.bytes;
        return (b[0] == 0 && b[1] == 0 && b[2] == 0 && b[3] == 0) || b[0] == 127;
    }
    for (std::size_t i = 0; i < 15; ++i) {
        if (address.bytes[i] != 0)
            return false;
    }
    return address.bytes[15] <= 1; // :: and ::1
}

// A phrase ends where a token does: not inside a word, and not before ".x", "-x" or "@x".
bool endsAtBoundary(std::string_view text, std::size_t end)
{
    if (end >= text.size())
        return true;
    const char c = text[end];
    if (isAlnum(c) || c == '_')
        return false;
    if ((c == '.' || c == '-' || c == '@') && end + 1 < text.size() && isAlnum(text[end + 1]))
        return false;
    return true;
}

} // namespace

void PlaceholderTable::endLearning()
{
    m_learning = false;
    for (auto& group : m_numberGroups)
        group.fixed = true;
}

std::string PlaceholderTable::issue(std::string placeholder)
{
    m_issued.insert(placeholder);
    return placeholder;
}

std::size_t PlaceholderTable::numberGroup(const std::string& digits, bool plus)
{
    if (const auto found = m_groupOfDigits.find(digits); found != m_groupOfDigits.end())
        return found->second;
    std::size_t group = m_numberGroups.size();
    std::string suffix;
    if (digits.size() >= kSuffixDigits) {
        suffix = digits.substr(digits.size() - kSuffixDigits);
        for (const auto candidate : m_groupsBySuffix[suffix]) {
            if (sameNumber(m_numberGroups[candidate].representative, digits)) {
                group = candidate;
                break;
            }
        }
    }
    if (group == m_numberGroups.size()) {
        m_numberGroups.push_back({ digits, nationalNumber(digits, plus), m_numberGroups.size() + 1, !m_learning });
        if (!suffix.empty())
            m_groupsBySuffix[suffix].push_back(group);
    } else if (!m_numberGroups[group].fixed) {
        const auto shared = commonSuffix(m_numberGroups[group].shared, digits);
        if (shared.size() >= kSuffixDigits)
            m_numberGroups[group].shared = shared;
    }
    m_groupOfDigits.emplace(digits, group);
    return group;
}

std::string PlaceholderTable::number(std::string_view written)
{
    if (isPlaceholder(written))
        return std::string(written);
    const auto digits = numberDigits(written);
    if (digits.empty())
        return user(written);
    const bool plus = writtenWithPlus(written);
    const auto& group = m_numberGroups[numberGroup(digits, plus)];
    std::string out = plus ? "+" : "";
    if (digits.size() > group.shared.size() && digits.ends_with(group.shared)) {
        out += digits.substr(0, digits.size() - group.shared.size());
        out += '-';
    }
    out += "NUMBER-" + std::to_string(group.id);
    return issue(std::move(out));
}

std::string PlaceholderTable::user(std::string_view user)
{
    if (user.empty() || isPlaceholder(user) || isAnonymous(user))
        return std::string(user);
    const std::string key(user);
    auto found = m_users.find(key);
    if (found == m_users.end()) {
        found = m_users.emplace(key, issue("USER-" + std::to_string(m_users.size() + 1))).first;
        addPhrase(user, PhraseKind::User);
    }
    return found->second;
}

std::string PlaceholderTable::displayName(std::string_view name)
{
    name = trimHeaderValue(name);
    if (name.empty() || isPlaceholder(name) || isAnonymous(name))
        return std::string(name);
    if (!numberDigits(name).empty())
        return number(name);
    const std::string key(name);
    auto found = m_displayNames.find(key);
    if (found == m_displayNames.end()) {
        found = m_displayNames.emplace(key, issue("NAME-" + std::to_string(m_displayNames.size() + 1))).first;
        addPhrase(name, PhraseKind::DisplayName);
    }
    return found->second;
}

std::string PlaceholderTable::host(std::string_view host)
{
    if (host.empty() || isPlaceholder(host) || isAnonymous(host))
        return std::string(host);
    if (host.size() > 2 && host.front() == '[' && host.back() == ']')
        return "[" + this->host(host.substr(1, host.size() - 2)) + "]";
    IpAddress ip;
    if (IpAddress::parse(host, ip))
        return address(ip).toString();
    // A fully qualified name's root dot ("example.com.") names the same host.
    const bool rootDot = host.size() > 1 && host.back() == '.';
    const auto name = rootDot ? host.substr(0, host.size() - 1) : host;
    const auto key = asciiLowerCase(name);
    auto found = m_hosts.find(key);
    if (found == m_hosts.end()) {
        found = m_hosts.emplace(key, issue("HOST-" + std::to_string(m_hosts.size() + 1))).first;
        addPhrase(name, PhraseKind::Host);
    }
    return rootDot ? found->second + "." : found->second;
}

std::string PlaceholderTable::callId(std::string_view callId)
{
    if (callId.empty() || isPlaceholder(callId))
        return std::string(callId);
    const std::string key(callId);
    auto found = m_callIds.find(key);
    if (found == m_callIds.end()) {
        found = m_callIds.emplace(key, issue("CALLID-" + std::to_string(m_callIds.size() + 1))).first;
        addPhrase(callId, PhraseKind::CallId);
    }
    return found->second;
}

std::string PlaceholderTable::fileName(std::string_view path)
{
    const std::string key(path);
    auto found = m_files.find(key);
    if (found != m_files.end())
        return found->second;
    auto name = path.substr(std::min(path.size(), path.find_last_of("/\\") + 1));
    // The extension says what kind of input it was (".pcapng", ".pcap.gz", ".log"): kept.
    std::string extension;
    const auto dot = name.find_last_of('.');
    if (dot != std::string_view::npos && dot > 0) {
        extension = std::string(name.substr(dot));
        if (equalsIgnoreCase(extension, ".gz")) {
            const auto before = name.substr(0, dot).find_last_of('.');
            if (before != std::string_view::npos && before > 0)
                extension = std::string(name.substr(before));
        }
        for (const char c : extension) {
            if (!isAlnum(c) && c != '.') {
                extension.clear();
                break;
            }
        }
    }
    return m_files.emplace(key, issue("file-" + std::to_string(m_files.size() + 1) + extension)).first->second;
}

void PlaceholderTable::reserveAddress(const IpAddress& address)
{
    m_reserved.insert(address);
}

IpAddress PlaceholderTable::nextAddress(bool v6)
{
    for (;;) {
        IpAddress candidate;
        if (v6) {
            const std::uint64_t n = ++m_nextV6;
            candidate.isV6 = true;
            candidate.bytes[0] = 0x20;
            candidate.bytes[1] = 0x01;
            candidate.bytes[2] = 0x0d;
            candidate.bytes[3] = 0xb8;
            for (int i = 0; i < 8; ++i)
                candidate.bytes[15 - i] = static_cast<std::uint8_t>(n >> (8 * i));
        } else {
            const std::uint32_t n = m_nextV4++;
            if (n < 254) {
                candidate = IpAddress::v4(192, 0, 2, static_cast<std::uint8_t>(n + 1));
            } else if (n < 2 * 254) {
                candidate = IpAddress::v4(198, 51, 100, static_cast<std::uint8_t>(n - 254 + 1));
            } else if (n < 3 * 254) {
                candidate = IpAddress::v4(203, 0, 113, static_cast<std::uint8_t>(n - 2 * 254 + 1));
            } else {
                // 198.18.0.0/15 (RFC 2544), then round again: more addresses than that is no report.
                const std::uint32_t k = (n - 3 * 254) % 131070 + 1;
                candidate = IpAddress::v4(198, static_cast<std::uint8_t>(18 + (k >> 16)),
                    static_cast<std::uint8_t>((k >> 8) & 0xff), static_cast<std::uint8_t>(k & 0xff));
            }
        }
        if (m_reserved.count(candidate) == 0 && m_issuedAddresses.count(candidate) == 0)
            return candidate;
    }
}

IpAddress PlaceholderTable::address(const IpAddress& address)
{
    if (isKeptAddress(address))
        return address;
    if (const auto found = m_addresses.find(address); found != m_addresses.end())
        return found->second;
    if (isPlaceholderAddress(address))
        return address;
    m_reserved.insert(address);
    const auto mapped = nextAddress(address.isV6);
    m_issuedAddresses.insert(mapped);
    m_addresses.emplace(address, mapped);
    m_issued.insert(mapped.toString());
    return mapped;
}

void PlaceholderTable::addPhrase(std::string_view text, PhraseKind kind)
{
    if (text.size() < (kind == PhraseKind::CallId ? kMinCallIdPhrase : kMinPhrase))
        return;
    std::string key(1, static_cast<char>('0' + static_cast<int>(kind)));
    key += kind == PhraseKind::Host ? asciiLowerCase(text) : std::string(text);
    if (!m_phraseKeys.insert(std::move(key)).second)
        return;
    const auto index = m_phrases.size();
    m_phrases.push_back({ std::string(text), kind });
    if (isAlnum(text.front())) {
        std::size_t end = 0;
        while (end < text.size() && isAlnum(text[end]))
            ++end;
        m_phrasesByWord[asciiLowerCase(text.substr(0, end))].push_back(index);
    } else {
        m_oddPhrases.push_back(index);
    }
}

std::string PlaceholderTable::replacementOf(const Phrase& phrase) const
{
    switch (phrase.kind) {
    case PhraseKind::User:
        return m_users.at(phrase.text);
    case PhraseKind::DisplayName:
        return m_displayNames.at(phrase.text);
    case PhraseKind::Host:
        return m_hosts.at(asciiLowerCase(phrase.text));
    case PhraseKind::CallId:
        return m_callIds.at(phrase.text);
    }
    return {};
}

std::optional<PlaceholderTable::PhraseMatch> PlaceholderTable::findPhrase(std::string_view text, std::size_t pos) const
{
    std::optional<PhraseMatch> best;
    auto consider = [&](const Phrase& phrase) {
        if (phrase.text.size() > text.size() - pos || (best && best->length >= phrase.text.size()))
            return;
        const auto candidate = text.substr(pos, phrase.text.size());
        const bool equal
            = phrase.kind == PhraseKind::Host ? equalsIgnoreCase(candidate, phrase.text) : candidate == phrase.text;
        if (equal && endsAtBoundary(text, pos + phrase.text.size()))
            best = PhraseMatch { phrase.text.size(), replacementOf(phrase) };
    };
    if (pos >= text.size())
        return best;
    if (isAlnum(text[pos])) {
        std::size_t end = pos;
        while (end < text.size() && isAlnum(text[end]))
            ++end;
        if (const auto found = m_phrasesByWord.find(asciiLowerCase(text.substr(pos, end - pos)));
            found != m_phrasesByWord.end()) {
            for (const auto index : found->second)
                consider(m_phrases[index]);
        }
    } else {
        for (const auto index : m_oddPhrases) {
            if (m_phrases[index].text.front() == text[pos])
                consider(m_phrases[index]);
        }
    }
    return best;
}

} // namespace sipladder::core
