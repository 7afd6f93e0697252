// SPDX-License-Identifier: Apache-2.0
#include "analysis/reach_index.h"

#include "analysis/baseline_finder.h"
#include "analysis/number_match.h"
#include "sip/sip_uri.h"
#include "util/ascii_text.h"
#include "util/fast_hash.h"

#include <cctype>

namespace sipladder::core {

namespace {

// The destination exists: it answered, was busy, or rang until its own caller gave up. Ringing before
// a failure proves nothing (a 183 is often an announcement before the 404).
bool reached(const Transaction& t)
{
    return (t.finalStatus >= 200 && t.finalStatus < 300) || t.finalStatus == 486 || t.finalStatus == 600
        || (t.sawRinging && t.outcome == Outcome::Cancelled);
}

std::uint64_t hashOf(std::string_view text)
{
    return fastHash(text.data(), text.size(), 0x7ea);
}

} // namespace

std::uint64_t ReachIndex::hostHash(std::string_view host)
{
    if (host.empty())
        return 0;
    // [2001:DB8:0:0::20] and [2001:db8::20] are one host.
    std::string text(host);
    if (text.size() > 2 && text.front() == '[' && text.back() == ']')
        text = text.substr(1, text.size() - 2);
    IpAddress address;
    if (text.find(':') != std::string::npos && IpAddress::parse(text, address))
        return hashOf(address.toString());
    return hashOf(asciiLowerCase(host));
}

ReachIndex::ReachIndex(const CaptureSnapshot& snapshot)
{
    const auto& calls = snapshot.calls();
    const auto& transactions = snapshot.transactions();
    const auto& messages = snapshot.messages();
    m_entries.reserve(calls.size() / 2);
    for (std::uint32_t c = 0; c < calls.size(); ++c) {
        const auto& call = calls[c];
        if (call.initialTransaction == kNoIndex)
            continue;
        const auto& t = transactions[call.initialTransaction];
        if (!reached(t) || t.requestMessage == kNoIndex)
            continue;
        const auto& request = messages[t.requestMessage];
        Entry entry;
        entry.callIndex = c;
        entry.requestMessage = t.requestMessage;
        entry.method = BaselineFinder::methodKey(snapshot, call);
        entry.uri = snapshot.text(request.requestUriOrReason);
        auto uri = parseSipUri(entry.uri);
        entry.user = std::move(uri.user);
        entry.hostHash = hostHash(uri.host);
        entry.destination = snapshot.destination(request).address;
        entry.startNs = request.timestampNs;
        entry.finalStatus = t.finalStatus;
        entry.successful = call.state == CallState::Success;
        if (entry.user.empty())
            continue;
        const auto index = static_cast<std::uint32_t>(m_entries.size());
        m_byUser[hashOf(entry.user)].push_back(index);
        const auto digits = numberDigits(entry.user);
        if (digits.size() >= kSuffixDigits)
            m_bySuffix[hashOf(std::string_view(digits).substr(digits.size() - kSuffixDigits))].push_back(index);
        m_entries.push_back(std::move(entry));
    }
}

std::vector<const ReachIndex::Entry*> ReachIndex::withUser(std::uint64_t method, std::string_view user) const
{
    std::vector<const Entry*> out;
    const auto found = m_byUser.find(hashOf(user));
    if (found == m_byUser.end())
        return out;
    for (const auto index : found->second) {
        if (m_entries[index].method == method && m_entries[index].user == user)
            out.push_back(&m_entries[index]);
    }
    return out;
}

std::vector<const ReachIndex::Entry*> ReachIndex::withSameNumber(std::uint64_t method, std::string_view user) const
{
    std::vector<const Entry*> out;
    const auto digits = numberDigits(user);
    if (digits.empty())
        return out;
    if (digits.size() < kSuffixDigits) {
        // Too short for a national or international form: only the same digits written alike.
        for (const auto* entry : withUser(method, user)) {
            if (sameNumber(entry->user, user))
                out.push_back(entry);
        }
        return out;
    }
    const auto found = m_bySuffix.find(hashOf(std::string_view(digits).substr(digits.size() - kSuffixDigits)));
    if (found == m_bySuffix.end())
        return out;
    for (const auto index : found->second) {
        const auto& entry = m_entries[index];
        if (entry.method == method && sameNumber(entry.user, user))
            out.push_back(&entry);
    }
    return out;
}

} // namespace sipladder::core
