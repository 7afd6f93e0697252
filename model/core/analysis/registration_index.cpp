// SPDX-License-Identifier: Apache-2.0
#include "analysis/registration_index.h"

#include "analysis/number_match.h"
#include "analysis/parsed_message.h"
#include "sip/header_value.h"
#include "sip/name_addr.h"
#include "util/fast_hash.h"

#include <charconv>

namespace sipladder::core {

namespace {

constexpr std::size_t kSuffixDigits = 7;

// Numbers are filed under their last digits so that every form of one number meets; other users
// under themselves.
std::string fileKey(std::string_view user)
{
    const auto digits = numberDigits(user);
    if (digits.size() >= kSuffixDigits)
        return "#" + digits.substr(digits.size() - kSuffixDigits);
    return "@" + std::string(user);
}

bool sameUser(std::string_view a, std::string_view b)
{
    return a == b || sameNumber(a, b);
}

std::uint64_t pairHash(const IpAddress& source, const IpAddress& destination)
{
    const auto first = fastHash(source.bytes.data(), source.bytes.size(), source.isV6 ? 6 : 4);
    return fastHash(destination.bytes.data(), destination.bytes.size(), first ^ (destination.isV6 ? 6 : 4));
}

std::optional<std::uint32_t> parseSeconds(std::string_view text)
{
    text = trimHeaderValue(unquote(trimHeaderValue(text)));
    std::uint32_t value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end == text.data())
        return std::nullopt;
    return value;
}

} // namespace

RegistrationIndex::RegistrationIndex(const CaptureSnapshot& snapshot)
    : m_snapshot(snapshot)
{
    const auto& transactions = snapshot.transactions();
    const auto& messages = snapshot.messages();
    for (std::uint32_t t = 0; t < transactions.size(); ++t) {
        const auto& transaction = transactions[t];
        if (transaction.method != SipMethod::Register || transaction.requestMessage == kNoIndex)
            continue;
        const auto& request = messages[transaction.requestMessage];
        m_pairs.insert(
            pairHash(snapshot.source(request).address, snapshot.destination(request).address));
        const auto& call = snapshot.calls()[transaction.callIndex];
        Registration registration;
        registration.callIndex = transaction.callIndex;
        registration.transactionIndex = t;
        registration.requestMessage = transaction.requestMessage;
        registration.startNs = request.timestampNs;
        registration.finalStatus = transaction.finalStatus;
        const auto to = parseNameAddr(snapshot.text(call.to));
        registration.aor = to.uriText;
        registration.user = to.uri.user;
        if (registration.user.empty())
            continue;
        m_bySuffix[fileKey(registration.user)].push_back(static_cast<std::uint32_t>(m_registrations.size()));
        m_registrations.push_back(std::move(registration));
    }
}

bool RegistrationIndex::registeredWith(const IpAddress& source, const IpAddress& destination) const
{
    return m_pairs.count(pairHash(source, destination)) != 0;
}

std::optional<std::uint32_t> RegistrationIndex::expiresOf(const Registration& registration, std::string& evidence) const
{
    const ParsedMessage request(m_snapshot, registration.requestMessage);
    if (!request.ok())
        return std::nullopt;
    // A Contact's own expires parameter wins over the Expires header (RFC 3261 §10.2.1.1).
    for (const auto& contact : request.values(HeaderId::Contact)) {
        const auto parsed = parseNameAddr(contact);
        if (parsed.isWildcard) {
            if (const auto expires = request.header(HeaderId::Expires)) {
                evidence = "Contact: *, Expires: " + *expires;
                return parseSeconds(*expires);
            }
        }
        if (const auto expires = parsed.lookupParameter("expires")) {
            evidence = "Contact: " + contact;
            return parseSeconds(*expires);
        }
    }
    if (const auto expires = request.header(HeaderId::Expires)) {
        evidence = "Expires: " + *expires;
        return parseSeconds(*expires);
    }
    return std::nullopt;
}

RegistrationIndex::State RegistrationIndex::stateOf(std::string_view user, std::int64_t atNs) const
{
    State state;
    const auto found = m_bySuffix.find(fileKey(user));
    if (found == m_bySuffix.end())
        return state;
    const Registration* lastAccepted = nullptr;
    const Registration* lastAttempt = nullptr;
    for (const auto index : found->second) {
        const auto& registration = m_registrations[index];
        if (registration.startNs > atNs || !sameUser(registration.user, user))
            continue;
        lastAttempt = &registration;
        if (registration.finalStatus >= 200 && registration.finalStatus < 300)
            lastAccepted = &registration;
    }
    if (!lastAccepted) {
        if (lastAttempt) {
            state.decisive = *lastAttempt;
            std::string evidence;
            state.expiresSeconds = expiresOf(*lastAttempt, evidence);
            state.expiresEvidence = evidence;
        }
        return state;
    }
    state.decisive = *lastAccepted;
    std::string evidence;
    state.expiresSeconds = expiresOf(*lastAccepted, evidence);
    state.expiresEvidence = evidence;
    if (state.expiresSeconds && *state.expiresSeconds == 0)
        state.kind = State::Kind::Deregistered;
    else if (state.expiresSeconds
        && lastAccepted->startNs + static_cast<std::int64_t>(*state.expiresSeconds) * 1'000'000'000 < atNs)
        state.kind = State::Kind::Expired;
    else
        state.kind = State::Kind::Registered;
    return state;
}

} // namespace sipladder::core
