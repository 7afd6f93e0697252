// SPDX-License-Identifier: Apache-2.0
#include "analysis/registration_index.h"

#include "analysis/number_match.h"
#include "analysis/parsed_message.h"
#include "sip/header_value.h"
#include "sip/name_addr.h"
#include "util/ascii_text.h"
#include "util/fast_hash.h"

#include <algorithm>
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
        registration.host = asciiLowerCase(to.uri.host);
        registration.registrar = snapshot.destination(request).address;
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

std::optional<std::uint32_t> RegistrationIndex::expiresOf(
    const Registration& registration, std::string& evidence, std::uint32_t& evidenceMessage, bool& isQuery) const
{
    isQuery = false;
    evidenceMessage = registration.requestMessage;
    const ParsedMessage request(m_snapshot, registration.requestMessage);
    if (!request.ok())
        return std::nullopt;
    const auto contacts = request.values(HeaderId::Contact);
    if (contacts.empty()) {
        isQuery = true;
        return std::nullopt;
    }
    // What one message says: a Contact's own expires parameter wins over the Expires header
    // (RFC 3261 §10.2.1.1); "Contact: *" with Expires 0 removes every binding.
    auto read = [&](const ParsedMessage& message, std::uint32_t index) -> std::optional<std::uint32_t> {
        for (const auto& contact : message.values(HeaderId::Contact)) {
            const auto parsed = parseNameAddr(contact);
            if (parsed.isWildcard) {
                if (const auto expires = message.header(HeaderId::Expires)) {
                    evidence = "Contact: *, Expires: " + *expires;
                    evidenceMessage = index;
                    return parseSeconds(*expires);
                }
            }
            if (const auto expires = parsed.lookupParameter("expires")) {
                evidence = "Contact: " + contact;
                evidenceMessage = index;
                return parseSeconds(*expires);
            }
        }
        if (const auto expires = message.header(HeaderId::Expires)) {
            evidence = "Expires: " + *expires;
            evidenceMessage = index;
            return parseSeconds(*expires);
        }
        return std::nullopt;
    };
    const auto asked = read(request, registration.requestMessage);
    // The registrar's 2xx lists the bindings with the expiry it granted (RFC 3261 §10.3): that wins.
    const auto& transaction = m_snapshot.transactions()[registration.transactionIndex];
    if (asked != std::optional<std::uint32_t>(0) && transaction.finalResponse != kNoIndex
        && registration.finalStatus >= 200 && registration.finalStatus < 300) {
        const ParsedMessage response(m_snapshot, transaction.finalResponse);
        std::string grantedEvidence;
        std::uint32_t grantedMessage = kNoIndex;
        std::swap(grantedEvidence, evidence);
        std::swap(grantedMessage, evidenceMessage);
        if (response.ok()) {
            if (const auto granted = read(response, transaction.finalResponse))
                return granted;
        }
        std::swap(grantedEvidence, evidence);
        std::swap(grantedMessage, evidenceMessage);
    }
    return asked;
}

RegistrationIndex::State RegistrationIndex::stateOf(std::string_view user, std::int64_t atNs) const
{
    State state;
    const auto found = m_bySuffix.find(fileKey(user));
    if (found == m_bySuffix.end())
        return state;
    // Latest first: the last accepted REGISTER before the moment decides.
    std::vector<const Registration*> before;
    for (const auto index : found->second) {
        const auto& registration = m_registrations[index];
        if (!sameUser(registration.user, user))
            continue;
        if (registration.startNs > atNs) {
            if (!state.later || registration.startNs < state.later->startNs)
                state.later = registration;
            continue;
        }
        before.push_back(&registration);
    }
    std::sort(before.begin(), before.end(),
        [](const Registration* a, const Registration* b) { return a->startNs > b->startNs; });
    const Registration* lastAttempt = nullptr;
    for (const auto* registration : before) {
        std::string evidence;
        std::uint32_t evidenceMessage = kNoIndex;
        bool isQuery = false;
        const auto expires = expiresOf(*registration, evidence, evidenceMessage, isQuery);
        if (isQuery)
            continue;
        if (!lastAttempt)
            lastAttempt = registration;
        if (registration->finalStatus < 200 || registration->finalStatus >= 300)
            continue;
        state.decisive = *registration;
        state.expiresSeconds = expires;
        state.expiresEvidence = evidence;
        state.evidenceMessage = evidenceMessage;
        if (expires && *expires == 0)
            state.kind = State::Kind::Deregistered;
        else if (expires && registration->startNs + static_cast<std::int64_t>(*expires) * 1'000'000'000 < atNs)
            state.kind = State::Kind::Expired;
        else
            state.kind = State::Kind::Registered;
        return state;
    }
    if (lastAttempt) {
        state.kind = State::Kind::Rejected;
        state.decisive = *lastAttempt;
        state.evidenceMessage = lastAttempt->requestMessage;
    }
    return state;
}

} // namespace sipladder::core
