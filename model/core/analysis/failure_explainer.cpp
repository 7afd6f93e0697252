// SPDX-License-Identifier: Apache-2.0
#include "analysis/failure_explainer.h"

#include "analysis/number_match.h"
#include "analysis/reason_header.h"
#include "analysis/sdp_codecs.h"
#include "sip/header_value.h"
#include "sip/name_addr.h"
#include "sip/sip_uri.h"
#include "util/ascii_text.h"
#include "util/time_format.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>
#include <optional>
#include <string>

namespace sipladder::core {

namespace {

constexpr std::int64_t kNsPerSecond = 1'000'000'000;

std::string seconds(std::int64_t ns)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.1f", static_cast<double>(std::max<std::int64_t>(ns, 0)) / kNsPerSecond);
    return text;
}

bool isLongNumber(std::string_view user)
{
    return numberDigits(user).size() >= 7;
}

// RFC 1918, RFC 6598 shared space, loopback and link-local; IPv6 unique-local and link-local.
bool isPrivate(const IpAddress& address)
{
    const auto& b = address.bytes;
    if (!address.isV6) {
        return b[0] == 10 || (b[0] == 172 && (b[1] & 0xf0) == 16) || (b[0] == 192 && b[1] == 168)
            || (b[0] == 100 && (b[1] & 0xc0) == 64) || b[0] == 127 || (b[0] == 169 && b[1] == 254);
    }
    return (b[0] & 0xfe) == 0xfc || (b[0] == 0xfe && (b[1] & 0xc0) == 0x80);
}

// The parameter of a Digest challenge or credentials, e.g. realm="asterisk" -> asterisk.
std::string digestParameter(std::string_view value, std::string_view name)
{
    std::string lower = asciiLowerCase(value);
    std::size_t at = 0;
    while ((at = lower.find(name, at)) != std::string::npos) {
        const bool startsWord = at == 0 || lower[at - 1] == ' ' || lower[at - 1] == ',' || lower[at - 1] == '\t';
        auto after = at + name.size();
        while (after < lower.size() && lower[after] == ' ')
            ++after;
        if (startsWord && after < lower.size() && lower[after] == '=') {
            ++after;
            while (after < value.size() && value[after] == ' ')
                ++after;
            if (after < value.size() && value[after] == '"') {
                const auto end = value.find('"', after + 1);
                return std::string(value.substr(after + 1, end == std::string_view::npos ? value.npos : end - after - 1));
            }
            const auto end = value.find_first_of(", ", after);
            return std::string(value.substr(after, end == std::string_view::npos ? value.npos : end - after));
        }
        at += name.size();
    }
    return {};
}

// The Q.850 causes whose meaning moves a 500, 503 or 603 to a more telling cause id.
std::optional<Cause> causeForQ850(int q850)
{
    switch (q850) {
    case 1:
    case 2:
    case 3:
    case 22:
        return Cause::UnknownUser;
    case 17:
        return Cause::Busy;
    case 18:
    case 19:
        return Cause::NoAnswer;
    case 20:
    case 27:
        return Cause::NotRegistered;
    case 21:
        return Cause::Declined;
    case 28:
        return Cause::AddressIncomplete;
    case 34:
    case 38:
    case 41:
    case 42:
    case 44:
    case 47:
        return Cause::ServiceUnavailable;
    case 50:
    case 55:
    case 57:
    case 87:
        return Cause::Forbidden;
    case 58:
    case 65:
    case 88:
        return Cause::CodecMismatch;
    case 79: // service or option not implemented: RFC 3398 maps it to 501
        return Cause::ServerError;
    case 102:
        return Cause::Timeout;
    default:
        return std::nullopt;
    }
}

Severity defaultSeverity(Cause cause)
{
    switch (cause) {
    case Cause::Cancelled:
        return Severity::Info;
    case Cause::Busy:
    case Cause::NoAnswer:
    case Cause::Declined:
        return Severity::Warning;
    default:
        return Severity::Error;
    }
}

} // namespace

// Collects the cause, variant, values, evidence and notes of one failure, then renders the texts.
class FailureExplainer::Builder {
public:
    Builder(const FailureExplainer& owner, const Failure& failure, const ParsedMessage& request,
        const ParsedMessage& response)
        : m_owner(owner)
        , m_snapshot(owner.m_snapshot)
        , m_failure(failure)
        , m_transaction(owner.m_snapshot.transactions()[failure.transactionIndex])
        , m_call(owner.m_snapshot.calls()[failure.callIndex])
        , m_request(request)
        , m_response(response)
    {
    }

    Explanation build();

private:
    // Cause rules, one per family.
    void explainNotFound();
    void explainNoSuchResource();
    void explainNotRegistered();
    void explainUnanswered();
    void explainCancelled();
    void explainAuthFailure();
    void explainCodecMismatch();
    void explainBadRequest();
    void explainByStatus(int status);

    void fillCommonValues();
    void setWorkingValues(std::uint32_t callIndex, std::uint32_t requestMessage);
    void addEvidence(std::uint32_t messageIndex, std::string header, std::string value);
    void addFact(std::string header, std::string value) { addEvidence(kNoIndex, std::move(header), std::move(value)); }
    void addResponseHeader(HeaderId id, const char* name);
    void addUncertainty(std::string_view key);
    std::string text(std::string_view key) const { return ExplanationTexts::fill(m_owner.m_texts.text(key), m_values); }
    std::uint32_t messageOf(const ReachIndex::Entry& entry) const { return entry.requestMessage; }
    const ReachIndex::Entry* bestEntry(const std::vector<const ReachIndex::Entry*>& entries) const;
    std::uint64_t methodKey() const { return BaselineFinder::methodKey(m_snapshot, m_call); }
    std::string endpointText(std::uint32_t messageIndex, bool source) const;
    std::int64_t requestTime() const;
    bool hasCredentials() const
    {
        if (!m_request.ok()) // could not be read back: only the linked challenge tells
            return m_transaction.retryOf != kNoIndex;
        return m_request.header(HeaderId::Authorization).has_value()
            || m_request.header(HeaderId::ProxyAuthorization).has_value();
    }
    // A failure after an INVITE set the call up (a re-INVITE's 488, a BYE's 481) leaves the call up.
    bool insideEstablishedCall() const
    {
        return !m_failure.initial && m_call.initialMethod == SipMethod::Invite && m_call.state == CallState::Success;
    }

    const FailureExplainer& m_owner;
    const CaptureSnapshot& m_snapshot;
    const Failure& m_failure;
    const Transaction& m_transaction;
    const CallFlow& m_call;
    const ParsedMessage& m_request;
    const ParsedMessage& m_response;

    Explanation m_explanation;
    std::string m_variant; // "unknown-user.from-trunk"; empty for the cause's own texts
    std::map<std::string, std::string> m_values;
    std::vector<std::string> m_notes; // sentences appended to the explanation
    SipUri m_uri; // of the failing request
    std::optional<ReasonValue> m_q850;
    std::optional<Severity> m_severity; // when the rule knows better than the cause's default
};

void FailureExplainer::Builder::addEvidence(std::uint32_t messageIndex, std::string header, std::string value)
{
    Evidence evidence;
    evidence.messageIndex = messageIndex;
    if (messageIndex != kNoIndex && messageIndex < m_snapshot.messages().size()) {
        const auto& message = m_snapshot.messages()[messageIndex];
        (message.has(MessageFromTextLog) ? evidence.line : evidence.frame) = message.frameNumber;
    } else
        evidence.messageIndex = kNoIndex;
    evidence.header = std::move(header);
    evidence.value = std::move(value);
    m_explanation.evidence.push_back(std::move(evidence));
}

void FailureExplainer::Builder::addResponseHeader(HeaderId id, const char* name)
{
    for (const auto& value : m_response.values(id))
        addEvidence(m_failure.finalMessage, name, value);
}

void FailureExplainer::Builder::addUncertainty(std::string_view key)
{
    auto sentence = text(key);
    if (!sentence.empty()
        && std::find(m_explanation.uncertainties.begin(), m_explanation.uncertainties.end(), sentence)
            == m_explanation.uncertainties.end())
        m_explanation.uncertainties.push_back(std::move(sentence));
}

std::string FailureExplainer::Builder::endpointText(std::uint32_t messageIndex, bool source) const
{
    if (messageIndex == kNoIndex)
        return {};
    const auto& message = m_snapshot.messages()[messageIndex];
    // A text log's host known only by name has a stand-in address: the name is what the user knows.
    return m_snapshot.endpointText(source ? m_snapshot.source(message) : m_snapshot.destination(message));
}

std::int64_t FailureExplainer::Builder::requestTime() const
{
    if (m_failure.requestMessage != kNoIndex)
        return m_snapshot.messages()[m_failure.requestMessage].timestampNs;
    return m_transaction.startNs;
}

void FailureExplainer::Builder::fillCommonValues()
{
    static constexpr const char* kPlaceholders[] = {"method", "status", "reason", "request_uri", "user", "host",
        "source", "destination", "responder", "from_user", "from_host", "to_user", "working_call", "working_uri",
        "working_user", "working_host", "working_destination", "working_time", "failing_form", "working_form",
        "q850_cause", "q850_text", "warning", "retry_after", "elapsed", "retransmissions", "ring_seconds",
        "cancelled_by", "icmp", "offered_codecs", "accepted_codecs", "working_codecs", "aor", "event",
        "registration_frame", "allow", "unsupported", "min_se", "min_expires", "provisional", "initial_method", "common_codecs"};
    for (const auto* name : kPlaceholders)
        m_values[name] = std::string();

    m_uri = parseSipUri(m_failure.requestUri);
    m_values["method"] = m_failure.methodText;
    m_values["status"] = m_failure.status ? std::to_string(*m_failure.status) : std::string();
    m_values["reason"] = m_failure.reason;
    m_values["request_uri"] = m_failure.requestUri;
    m_values["user"] = m_uri.user;
    m_values["host"] = m_uri.hostPort();
    if (m_failure.requestMessage != kNoIndex) {
        m_values["source"] = endpointText(m_failure.requestMessage, true);
        m_values["destination"] = endpointText(m_failure.requestMessage, false);
    } else {
        m_values["source"] = m_snapshot.endpointText(m_snapshot.endpoint(m_transaction.requestSource));
        m_values["destination"] = m_snapshot.endpointText(m_snapshot.endpoint(m_transaction.requestDestination));
    }
    m_values["responder"] = endpointText(m_failure.finalMessage, true);
    const auto fromText = m_request.header(HeaderId::From).value_or(std::string(m_snapshot.text(m_call.from)));
    const auto toText = m_request.header(HeaderId::To).value_or(std::string(m_snapshot.text(m_call.to)));
    const auto from = parseNameAddr(fromText);
    const auto to = parseNameAddr(toText);
    m_values["from_user"] = from.uri.user;
    m_values["from_host"] = from.uri.host;
    m_values["to_user"] = to.uri.user;
    if (m_uri.user.empty() && m_failure.requestUri.empty()) {
        // The request was not captured: the response's To names what was asked for.
        const auto responseTo = parseNameAddr(m_response.header(HeaderId::To).value_or(toText));
        m_uri = responseTo.uri;
        m_values["user"] = m_uri.user;
        m_values["host"] = m_uri.hostPort();
        m_values["request_uri"] = responseTo.uriText;
    }
    m_values["initial_method"] = std::string(m_call.initialMethod != SipMethod::Unknown
            ? sipMethodName(m_call.initialMethod)
            : m_snapshot.text(m_call.initialMethodText));
    m_values["failing_form"] = describeNumberForm(m_uri.user);
    m_values["aor"] = to.uriText;
    if (const auto event = m_request.header(HeaderId::Event))
        m_values["event"] = *event;

    const auto warnings = m_response.values(HeaderId::Warning);
    std::string warningText;
    for (const auto& warning : warnings)
        warningText += (warningText.empty() ? "" : "; ") + warning;
    m_values["warning"] = warningText;
    if (const auto retryAfter = m_response.header(HeaderId::RetryAfter)) {
        const auto seconds = retryAfter->substr(0, retryAfter->find_first_of(" ;("));
        m_values["retry_after"] = seconds;
    }
    m_values["allow"] = m_response.header(HeaderId::Allow).value_or(std::string());
    m_values["unsupported"] = m_response.header("Unsupported").value_or(std::string());
    m_values["min_se"] = m_response.header(HeaderId::MinSe).value_or(std::string());
    m_values["min_expires"] = m_response.header(HeaderId::MinExpires).value_or(std::string());

    m_q850 = firstQ850(m_response.values(HeaderId::Reason));
    if (m_q850 && m_q850->cause) {
        m_explanation.q850Cause = *m_q850->cause;
        m_values["q850_cause"] = std::to_string(*m_q850->cause);
        auto meaning = std::string(m_owner.m_texts.text("q850." + std::to_string(*m_q850->cause)));
        if (meaning.empty())
            meaning = m_q850->text;
        m_values["q850_text"] = meaning;
    }

    if (m_failure.baseline)
        setWorkingValues(m_failure.baseline->callIndex, kNoIndex);
}

void FailureExplainer::Builder::setWorkingValues(std::uint32_t callIndex, std::uint32_t requestMessage)
{
    const auto& call = m_snapshot.calls()[callIndex];
    if (requestMessage == kNoIndex && call.initialTransaction != kNoIndex)
        requestMessage = m_snapshot.transactions()[call.initialTransaction].requestMessage;
    m_values["working_call"] = std::string(m_snapshot.callId(call));
    std::string uriText(requestMessage != kNoIndex
            ? m_snapshot.text(m_snapshot.messages()[requestMessage].requestUriOrReason)
            : m_snapshot.text(call.requestUri));
    const auto uri = parseSipUri(uriText);
    m_values["working_uri"] = uriText;
    m_values["working_user"] = uri.user;
    m_values["working_host"] = uri.hostPort();
    m_values["working_form"] = describeNumberForm(uri.user);
    m_values["working_destination"]
        = requestMessage != kNoIndex ? endpointText(requestMessage, false) : m_snapshot.endpointText(call.destination);
    m_values["working_time"] = formatTimeOfDay(
        requestMessage != kNoIndex ? m_snapshot.messages()[requestMessage].timestampNs : call.startNs);
}

const ReachIndex::Entry* FailureExplainer::Builder::bestEntry(const std::vector<const ReachIndex::Entry*>& entries) const
{
    // The working call that tells the most: the one most like the failing call (the baseline's
    // score), then the nearest in time. Another leg of the same conversation proves nothing. A number
    // called thousands of times is searched among the nearest calls in time only, so that a busy DID
    // does not make the diagnosis quadratic.
    constexpr std::size_t kMaxCandidates = 512;
    std::vector<const ReachIndex::Entry*> candidates;
    candidates.reserve(std::min(entries.size(), kMaxCandidates));
    const auto& linked = m_call.linkedCalls;
    for (const auto* entry : entries) {
        if (entry->callIndex != m_failure.callIndex
            && std::find(linked.begin(), linked.end(), entry->callIndex) == linked.end())
            candidates.push_back(entry);
    }
    if (candidates.size() > kMaxCandidates) {
        const auto start = m_call.startNs;
        std::nth_element(candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(kMaxCandidates),
            candidates.end(), [start](const ReachIndex::Entry* a, const ReachIndex::Entry* b) {
                const auto da = a->startNs > start ? a->startNs - start : start - a->startNs;
                const auto db = b->startNs > start ? b->startNs - start : start - b->startNs;
                return da != db ? da < db : a->callIndex < b->callIndex;
            });
        candidates.resize(kMaxCandidates);
    }
    std::vector<std::uint32_t> calls;
    calls.reserve(candidates.size());
    for (const auto* entry : candidates)
        calls.push_back(entry->callIndex);
    const auto best = m_owner.m_baselines.bestAmong(m_failure.callIndex, calls);
    if (!best)
        return nullptr;
    for (const auto* entry : candidates) {
        if (entry->callIndex == best->callIndex)
            return entry;
    }
    return nullptr;
}

void FailureExplainer::Builder::explainNotFound()
{
    const auto method = methodKey();
    const auto& user = m_uri.user;
    const auto host = ReachIndex::hostHash(m_uri.host);
    const auto destination = m_failure.requestMessage != kNoIndex
        ? m_snapshot.destination(m_snapshot.messages()[m_failure.requestMessage]).address
        : m_snapshot.endpoint(m_transaction.requestDestination).address;
    auto workingUri = [&](const ReachIndex::Entry& entry) {
        addEvidence(messageOf(entry), "Request-URI", std::string(entry.uri));
        setWorkingValues(entry.callIndex, entry.requestMessage);
        if (entry.successful)
            m_explanation.citedCall = entry.callIndex;
        if (m_values["failing_form"] == m_values["working_form"]) {
            // Only separators or escapes differ: quote both as written.
            m_values["failing_form"] += ", written " + user;
            m_values["working_form"] += ", written " + entry.user;
        }
    };

    if (!user.empty()) {
        // number-format: the same number, written another way, reached its user.
        std::vector<const ReachIndex::Entry*> otherForms;
        for (const auto* entry : m_owner.m_reach.withSameNumber(method, user)) {
            if (entry->user != user)
                otherForms.push_back(entry);
        }
        if (const auto* entry = bestEntry(otherForms)) {
            m_explanation.cause = Cause::NumberFormat;
            workingUri(*entry);
            return;
        }
        const auto sameUser = m_owner.m_reach.withUser(method, user);
        // domain-mismatch: the same user part reached it at another host.
        std::vector<const ReachIndex::Entry*> otherHosts;
        std::vector<const ReachIndex::Entry*> otherServers;
        std::vector<const ReachIndex::Entry*> sameServer;
        for (const auto* entry : sameUser) {
            // A tel: URI has no host to get wrong.
            if (entry->hostHash != host && entry->hostHash != 0 && host != 0)
                otherHosts.push_back(entry);
            else if (entry->destination != destination)
                otherServers.push_back(entry);
            else
                sameServer.push_back(entry);
        }
        if (const auto* entry = bestEntry(otherHosts)) {
            m_explanation.cause = Cause::DomainMismatch;
            workingUri(*entry);
            return;
        }
        // wrong-server: the same Request-URI was answered by another address.
        if (const auto* entry = bestEntry(otherServers)) {
            m_explanation.cause = Cause::WrongServer;
            workingUri(*entry);
            addEvidence(m_failure.requestMessage, "Sent to", m_values["destination"]);
            addEvidence(messageOf(*entry), "Sent to", m_values["working_destination"]);
            addUncertainty("uncertainty.single-capture-point");
            return;
        }
        m_explanation.cause = Cause::UnknownUser;
        if (const auto* entry = bestEntry(sameServer)) {
            m_variant = "unknown-user.reached-before";
            workingUri(*entry);
            return;
        }
    }
    m_explanation.cause = Cause::UnknownUser;

    // Where did the request come from? A phone registers with its PBX, a PBX with its carrier; a
    // carrier delivers DIDs to a PBX; private addresses sit behind the carrier.
    const auto source = m_failure.requestMessage != kNoIndex
        ? m_snapshot.source(m_snapshot.messages()[m_failure.requestMessage]).address
        : m_snapshot.endpoint(m_transaction.requestSource).address;
    const auto& registrations = m_owner.m_registrations;
    const auto& fromUser = m_values["from_user"];
    // Registrations between the two ends are facts; addresses and number shapes are only hints, so
    // a variant chosen from them says it could not be sure.
    bool hinted = false;
    if (registrations.registeredWith(source, destination)) {
        m_variant = isLongNumber(fromUser) ? "unknown-user.to-carrier" : "unknown-user.from-phone";
    } else if (registrations.registeredWith(destination, source) && isLongNumber(user)) {
        m_variant = "unknown-user.from-trunk";
    } else if (isPrivate(source) && !isPrivate(destination)) {
        m_variant = "unknown-user.to-carrier";
        hinted = true;
    } else if (!isPrivate(source) && isPrivate(destination)) {
        m_variant = "unknown-user.from-trunk";
        hinted = true;
    } else if (!fromUser.empty() && !isLongNumber(fromUser)) {
        m_variant = "unknown-user.from-extension";
        hinted = true;
    } else {
        m_variant = "unknown-user.origin-unknown";
        hinted = true;
    }
    if (hinted)
        addUncertainty("uncertainty.origin");

    const auto target = !user.empty() ? user : m_values["request_uri"];
    if (!target.empty()) {
        addFact("Capture",
            "no " + m_failure.methodText + " in the capture reached " + target
                + (isLongNumber(user) ? " in any number format" : ""));
    }
    if (!user.empty() && numberDigits(user).empty())
        addUncertainty("uncertainty.number-not-numeric");
    addUncertainty("uncertainty.single-capture-point");
}

void FailureExplainer::Builder::explainNoSuchResource()
{
    m_explanation.cause = Cause::NoSuchResource;
    switch (m_failure.method) {
    case SipMethod::Subscribe:
        m_variant = "no-such-resource.subscribe";
        if (const auto event = m_request.header(HeaderId::Event))
            addEvidence(m_failure.requestMessage, "Event", *event);
        break;
    case SipMethod::Message:
        m_variant = "no-such-resource.message";
        break;
    case SipMethod::Options:
        m_variant = "no-such-resource.options";
        break;
    case SipMethod::Publish:
        m_variant = "no-such-resource.publish";
        if (const auto event = m_request.header(HeaderId::Event))
            addEvidence(m_failure.requestMessage, "Event", *event);
        break;
    case SipMethod::Register:
        m_variant = "no-such-resource.register";
        if (const auto to = m_request.header(HeaderId::To))
            addEvidence(m_failure.requestMessage, "To", *to);
        break;
    default:
        m_variant = "no-such-resource.other";
        break;
    }
}

void FailureExplainer::Builder::explainNotRegistered()
{
    m_explanation.cause = Cause::NotRegistered;
    const auto user = !m_uri.user.empty() ? m_uri.user : m_values["to_user"];
    const auto& registrations = m_owner.m_registrations;
    if (user.empty()) {
        m_variant = "not-registered.never-registered";
        return;
    }
    const auto state = registrations.stateOf(user, requestTime());
    if (state.decisive) {
        m_values["aor"] = state.decisive->aor;
        m_values["registration_frame"]
            = std::to_string(m_snapshot.messages()[state.decisive->requestMessage].frameNumber);
        // A registration of the same user part elsewhere (another domain, another registrar) may not be
        // the one the responder looked up.
        const auto destination = m_failure.requestMessage != kNoIndex
            ? m_snapshot.destination(m_snapshot.messages()[m_failure.requestMessage]).address
            : m_snapshot.endpoint(m_transaction.requestDestination).address;
        if (state.decisive->host != asciiLowerCase(m_uri.host) && state.decisive->registrar != destination)
            addUncertainty("uncertainty.other-registrar");
    }
    const auto evidenceMessage = state.evidenceMessage != kNoIndex
        ? state.evidenceMessage
        : (state.decisive ? state.decisive->requestMessage : kNoIndex);
    using Kind = RegistrationIndex::State::Kind;
    switch (state.kind) {
    case Kind::Deregistered:
        m_variant = "not-registered.deregistered";
        addEvidence(evidenceMessage, "REGISTER",
            (state.expiresEvidence.empty() ? std::string("Expires: 0") : state.expiresEvidence) + " (at "
                + formatTimeOfDay(state.decisive->startNs) + ")");
        break;
    case Kind::Expired:
        m_variant = "not-registered.expired";
        addEvidence(evidenceMessage, "REGISTER",
            state.expiresEvidence + " (at " + formatTimeOfDay(state.decisive->startNs) + ", ran out at "
                + formatTimeOfDay(state.decisive->startNs
                    + static_cast<std::int64_t>(state.expiresSeconds.value_or(0)) * kNsPerSecond)
                + ", before this request)");
        break;
    case Kind::Registered:
        m_variant = "not-registered.registered";
        addEvidence(evidenceMessage, "REGISTER",
            (state.expiresEvidence.empty() ? std::string("accepted") : state.expiresEvidence) + " (accepted at "
                + formatTimeOfDay(state.decisive->startNs) + ", still in force)");
        break;
    case Kind::Rejected:
        m_variant = "not-registered.rejected";
        addEvidence(state.decisive->requestMessage, "REGISTER",
            state.decisive->finalStatus ? "answered " + std::to_string(state.decisive->finalStatus)
                                        : std::string("never answered"));
        break;
    case Kind::NeverRegistered:
        if (state.later) {
            m_variant = "not-registered.registered-later";
            m_values["aor"] = state.later->aor;
            m_values["registration_frame"]
                = std::to_string(m_snapshot.messages()[state.later->requestMessage].frameNumber);
            addEvidence(state.later->requestMessage, "REGISTER",
                "first REGISTER for " + user + " at " + formatTimeOfDay(state.later->startNs) + ", after this request");
        } else {
            m_variant = "not-registered.never-registered";
            addFact("Capture", "no REGISTER for " + user + " in the capture");
        }
        if (registrations.empty())
            addUncertainty("uncertainty.no-registrations");
        break;
    }
}

void FailureExplainer::Builder::explainUnanswered()
{
    const auto& messages = m_snapshot.messages();
    const auto t = m_failure.transactionIndex;
    const auto status = m_failure.status.value_or(0);
    const auto start = requestTime();
    const auto destination = m_failure.requestMessage != kNoIndex ? messages[m_failure.requestMessage].destination
                                                                  : m_transaction.requestDestination;
    std::uint32_t retransmissions = 0;
    std::uint32_t lastRetransmission = kNoIndex;
    std::uint32_t firstProvisional = kNoIndex;
    std::uint32_t firstRinging = kNoIndex;
    std::uint32_t endedBy = kNoIndex; // a BYE or CANCEL of the call after the request: the attempt was over then
    std::uint32_t otherAnswer = kNoIndex; // the same hop answering another request of the call
    for (const auto index : m_snapshot.messagesOfCall(m_failure.callIndex)) {
        const auto& message = messages[index];
        if (message.transactionIndex != t) {
            if (message.timestampNs > start && message.isRequest() && endedBy == kNoIndex
                && (message.method == SipMethod::Bye || message.method == SipMethod::Cancel))
                endedBy = index;
            if (!message.isRequest() && message.source == destination && otherAnswer == kNoIndex)
                otherAnswer = index;
            continue;
        }
        if (message.isRequest() && message.has(MessageRetransmission)) {
            ++retransmissions;
            lastRetransmission = index;
        }
        if (!message.isRequest() && message.statusCode < 200 && firstProvisional == kNoIndex)
            firstProvisional = index;
        if (!message.isRequest() && (message.statusCode == 180 || message.statusCode == 183)
            && firstRinging == kNoIndex)
            firstRinging = index;
    }
    const bool ringing = m_transaction.sawRinging;
    m_explanation.cause = ringing ? Cause::NoAnswer : Cause::Timeout;
    const std::string prefix = ringing ? "no-answer." : "timeout.";
    m_values["retransmissions"] = std::to_string(retransmissions);
    std::int64_t end = m_snapshot.captureEndNs();
    if (m_failure.finalMessage != kNoIndex)
        end = messages[m_failure.finalMessage].timestampNs;

    std::uint32_t cancel = kNoIndex;
    bool cancelCaptured = false;
    if (status == 487 && m_transaction.cancelTransaction != kNoIndex) {
        const auto& cancelTransaction = m_snapshot.transactions()[m_transaction.cancelTransaction];
        cancel = cancelTransaction.requestMessage;
        cancelCaptured = true;
        m_values["cancelled_by"] = cancel != kNoIndex
            ? endpointText(cancel, true)
            : m_snapshot.endpointText(m_snapshot.endpoint(cancelTransaction.requestSource));
        if (cancel != kNoIndex)
            end = messages[cancel].timestampNs;
    } else if (endedBy != kNoIndex && messages[endedBy].timestampNs < end) {
        end = messages[endedBy].timestampNs;
    }
    m_values["elapsed"] = seconds(end - start);
    if (firstRinging != kNoIndex)
        m_values["ring_seconds"] = seconds(end - messages[firstRinging].timestampNs);
    if (firstProvisional != kNoIndex) {
        m_values["provisional"] = std::to_string(messages[firstProvisional].statusCode) + " "
            + std::string(m_snapshot.text(messages[firstProvisional].requestUriOrReason));
    }

    if (retransmissions > 0) {
        addEvidence(lastRetransmission, "Retransmissions",
            std::to_string(retransmissions) + " retransmission" + (retransmissions == 1 ? "" : "s") + " of the "
                + m_failure.methodText + " to " + m_values["destination"] + ", the last at "
                + formatTimeOfDay(messages[lastRetransmission].timestampNs));
    }
    if (firstRinging != kNoIndex) {
        addEvidence(firstRinging, "Status",
            std::to_string(messages[firstRinging].statusCode) + " "
                + std::string(m_snapshot.text(messages[firstRinging].requestUriOrReason)));
    }

    const auto icmp = m_owner.m_icmpByCall.find(m_failure.callIndex);
    std::string icmpText;
    if (icmp != m_owner.m_icmpByCall.end()) {
        for (const auto index : icmp->second) {
            const auto& event = m_snapshot.icmpEvents()[index];
            const auto described = std::string(event.description()) + " from " + event.reporter.address.toString()
                + " for " + event.quotedDestination.toString();
            if (icmpText.empty())
                icmpText = described;
            Evidence evidence;
            evidence.frame = event.frameNumber;
            evidence.header = "ICMP";
            evidence.value = described;
            m_explanation.evidence.push_back(std::move(evidence));
        }
    }
    m_values["icmp"] = icmpText;

    if (status == 408) {
        m_variant = prefix + "408";
        addEvidence(m_failure.finalMessage, "Status", "408 " + m_failure.reason + " from " + m_values["responder"]);
    } else if (status == 487 && cancelCaptured) {
        m_variant = prefix + "cancelled-elsewhere";
        if (cancel != kNoIndex) {
            addEvidence(cancel, "CANCEL", "sent by " + m_values["cancelled_by"] + " after " + m_values["elapsed"] + " s");
            // RFC 3326: a forking proxy says why it cancelled; "completed elsewhere" is no failure of this branch.
            const ParsedMessage cancelMessage(m_snapshot, cancel);
            for (const auto& reason : cancelMessage.values(HeaderId::Reason)) {
                addEvidence(cancel, "Reason", reason);
                const auto parsed = parseReasonValue(reason);
                if (asciiLowerCase(parsed.protocol) == "sip" && parsed.cause == 200) {
                    m_variant = "no-answer.completed-elsewhere";
                    m_explanation.cause = Cause::NoAnswer;
                    m_severity = Severity::Info;
                }
            }
        }
    } else if (status == 487) {
        // The CANCEL (or whatever ended it) was not captured: only the 487 says the attempt was stopped.
        m_variant = prefix + "terminated";
        addEvidence(m_failure.finalMessage, "Status", "487 " + m_failure.reason + " from " + m_values["responder"]);
    } else if (ringing) {
        m_variant = "no-answer.no-final";
    } else if (!icmpText.empty()) {
        m_variant = "timeout.icmp";
    } else if (firstProvisional != kNoIndex) {
        m_variant = "timeout.provisional-only";
        addEvidence(firstProvisional, "Status",
            m_values["provisional"] + " from " + endpointText(firstProvisional, true) + ", then no final response");
    } else {
        m_variant = "timeout.no-response";
        addFact("Capture",
            "nothing came back from " + m_values["destination"] + " in " + m_values["elapsed"] + " s");
    }
    if (status != 408 && status != 487 && otherAnswer != kNoIndex) {
        // The hop answered other requests of the call, so the path to it works.
        addEvidence(otherAnswer, "Other answer",
            std::to_string(messages[otherAnswer].statusCode) + " "
                + std::string(m_snapshot.text(messages[otherAnswer].requestUriOrReason)) + " from "
                + m_values["destination"] + " to the " + std::string(m_snapshot.methodText(messages[otherAnswer])));
        m_notes.push_back(text("path-works.note"));
    }
    if (endedBy != kNoIndex && !cancelCaptured)
        addEvidence(endedBy, std::string(m_snapshot.methodText(messages[endedBy])),
            "sent by " + endpointText(endedBy, true) + " at " + formatTimeOfDay(messages[endedBy].timestampNs));
}

void FailureExplainer::Builder::explainCancelled()
{
    m_explanation.cause = Cause::Cancelled;
    const auto& messages = m_snapshot.messages();
    std::uint32_t cancel = kNoIndex;
    if (m_transaction.cancelTransaction != kNoIndex) {
        const auto& cancelTransaction = m_snapshot.transactions()[m_transaction.cancelTransaction];
        cancel = cancelTransaction.requestMessage;
        m_values["cancelled_by"] = cancel != kNoIndex
            ? endpointText(cancel, true)
            : m_snapshot.endpointText(m_snapshot.endpoint(cancelTransaction.requestSource));
    }
    std::uint32_t firstRinging = kNoIndex;
    for (const auto index : m_snapshot.messagesOfCall(m_failure.callIndex)) {
        const auto& message = messages[index];
        if (message.transactionIndex == m_failure.transactionIndex && !message.isRequest()
            && (message.statusCode == 180 || message.statusCode == 183)) {
            firstRinging = index;
            break;
        }
    }
    const auto end = cancel != kNoIndex ? messages[cancel].timestampNs : m_snapshot.captureEndNs();
    m_values["elapsed"] = seconds(end - requestTime());
    m_values["ring_seconds"]
        = firstRinging != kNoIndex ? seconds(end - messages[firstRinging].timestampNs) : std::string("0.0");
    if (cancel != kNoIndex) {
        addEvidence(cancel, "CANCEL", "sent by " + m_values["cancelled_by"] + " after " + m_values["elapsed"] + " s");
        const ParsedMessage cancelMessage(m_snapshot, cancel);
        for (const auto& reason : cancelMessage.values(HeaderId::Reason))
            addEvidence(cancel, "Reason", reason);
    }
}

void FailureExplainer::Builder::explainAuthFailure()
{
    m_explanation.cause = Cause::AuthFailed;
    const auto status = m_failure.status.value_or(0);
    // Credentials in the request tell that it answered a challenge, even when a stack changed its From tag
    // between the two and the retry could not be linked.
    const bool retried = m_transaction.retryOf != kNoIndex || hasCredentials();
    // The challenge that started it (the first of the chain) and the credentials sent back.
    auto first = m_failure.transactionIndex;
    for (int hops = 0; hops < 32 && m_snapshot.transactions()[first].retryOf != kNoIndex; ++hops)
        first = m_snapshot.transactions()[first].retryOf;
    const auto& firstChallenge = m_snapshot.transactions()[first];
    if (first != m_failure.transactionIndex && firstChallenge.finalResponse != kNoIndex) {
        const ParsedMessage challenge(m_snapshot, firstChallenge.finalResponse);
        for (const auto id : {HeaderId::WwwAuthenticate, HeaderId::ProxyAuthenticate}) {
            if (const auto value = challenge.header(id))
                addEvidence(firstChallenge.finalResponse, std::string(canonicalHeaderName(id)),
                    "realm=\"" + digestParameter(*value, "realm") + "\"");
        }
    }
    for (const auto id : {HeaderId::Authorization, HeaderId::ProxyAuthorization}) {
        if (const auto value = m_request.header(id)) {
            addEvidence(m_failure.requestMessage, std::string(canonicalHeaderName(id)),
                "username=\"" + digestParameter(*value, "username") + "\", realm=\""
                    + digestParameter(*value, "realm") + "\"");
        }
    }
    bool stale = false;
    for (const auto id : {HeaderId::WwwAuthenticate, HeaderId::ProxyAuthenticate}) {
        for (const auto& value : m_response.values(id)) {
            const bool isStale = asciiLowerCase(digestParameter(value, "stale")) == "true";
            addEvidence(m_failure.finalMessage, std::string(canonicalHeaderName(id)),
                "realm=\"" + digestParameter(value, "realm") + "\"" + (isStale ? ", stale=true" : ""));
            stale = stale || isStale;
        }
    }
    if (stale)
        m_variant = "auth-failed.stale-nonce";
    else if (retried && status == 403)
        m_variant = "auth-failed.forbidden-after-credentials";
    else if (retried)
        m_variant = "auth-failed.challenged-again";
    else
        m_variant = "auth-failed.no-retry";
}

void FailureExplainer::Builder::explainCodecMismatch()
{
    m_explanation.cause = Cause::CodecMismatch;
    const auto status = m_failure.status.value_or(0);
    if (status == 488 || status == 415 || status == 606)
        m_variant = "codec-mismatch." + std::to_string(status);
    std::vector<std::string> offeredList;
    if (m_request.ok()) {
        const auto offered = sdpCodecs(m_request.message().sdp());
        for (const auto* list : {&offered.audio, &offered.video, &offered.other})
            offeredList.insert(offeredList.end(), list->begin(), list->end());
        // A late offer (no SDP in the request) still needs words in the sentence.
        m_values["offered_codecs"] = offered.empty() ? std::string("no SDP offer in the request") : offered.joined();
        if (!offered.empty())
            addEvidence(m_failure.requestMessage, "SDP offer", offered.joined());
        else if (!m_request.message().contentType().empty())
            addEvidence(m_failure.requestMessage, "Content-Type", std::string(m_request.message().contentType()));
    }
    if (m_response.ok()) {
        const auto accepted = sdpCodecs(m_response.message().sdp());
        if (!accepted.empty()) {
            m_values["accepted_codecs"] = accepted.joined();
            addEvidence(m_failure.finalMessage, "SDP (supported)", accepted.joined());
            std::vector<std::string> acceptedList;
            for (const auto* list : {&accepted.audio, &accepted.video, &accepted.other})
                acceptedList.insert(acceptedList.end(), list->begin(), list->end());
            // Both sides name a codec in common: the refusal is about something else (bandwidth,
            // SRTP, ptime, direction...), and saying "no common codec" would send people the wrong way.
            const auto common = commonCodecs(offeredList, acceptedList);
            if (!common.empty() && !offeredList.empty()) {
                std::string joined;
                for (const auto& name : common)
                    joined += (joined.empty() ? "" : ", ") + name;
                m_values["common_codecs"] = joined;
                m_variant = "codec-mismatch.common-codec";
                addFact("Codecs in common", joined);
            }
        } else if (const auto accept = m_response.header(HeaderId::Accept)) {
            m_values["accepted_codecs"] = *accept;
            addEvidence(m_failure.finalMessage, "Accept", *accept);
        }
    }
    // What the working call agreed on: the answer of its initial transaction.
    if (m_failure.baseline) {
        const auto& call = m_snapshot.calls()[m_failure.baseline->callIndex];
        if (call.initialTransaction != kNoIndex) {
            const auto answer = m_snapshot.transactions()[call.initialTransaction].finalResponse;
            const ParsedMessage working(m_snapshot, answer);
            if (working.ok()) {
                const auto codecs = sdpCodecs(working.message().sdp());
                if (!codecs.empty()) {
                    m_values["working_codecs"] = codecs.joined();
                    addEvidence(answer, "SDP answer of the working call", codecs.joined());
                }
            }
        }
    }
}

void FailureExplainer::Builder::explainBadRequest()
{
    m_explanation.cause = Cause::BadRequest;
    if (!m_failure.reason.empty() && asciiLowerCase(m_failure.reason) != "bad request")
        addEvidence(m_failure.finalMessage, "Status", "400 " + m_failure.reason);
    if (m_request.ok() && m_request.message().problems().any())
        addEvidence(m_failure.requestMessage, "SipLadder's own check", m_request.message().problemText());
}

void FailureExplainer::Builder::explainByStatus(int status)
{
    switch (status) {
    case 400:
        explainBadRequest();
        return;
    case 403:
        if (hasCredentials())
            explainAuthFailure(); // CONTRACT.md: 403 after credentials is an authentication failure
        else
            m_explanation.cause = Cause::Forbidden;
        return;
    case 404:
    case 604:
        if (m_failure.method == SipMethod::Invite)
            explainNotFound();
        else
            explainNoSuchResource();
        return;
    case 480:
        explainNotRegistered();
        return;
    case 481:
        m_explanation.cause = Cause::NoDialog;
        if (const auto to = m_request.header(HeaderId::To))
            addEvidence(m_failure.requestMessage, "To", *to);
        return;
    case 484:
        m_explanation.cause = Cause::AddressIncomplete;
        if (!m_uri.user.empty())
            addEvidence(m_failure.requestMessage, "Request-URI user",
                m_uri.user + " (" + std::to_string(numberDigits(m_uri.user).size()) + " digits)");
        return;
    case 486:
    case 600:
        m_explanation.cause = Cause::Busy;
        m_variant = "busy." + std::to_string(status);
        return;
    case 603:
        m_explanation.cause = Cause::Declined;
        return;
    case 415:
    case 488:
    case 606:
        // Media negotiation happens in INVITE, UPDATE, PRACK (and ACK) offers; a REFER or MESSAGE
        // refused with 488 or 415 is about something else.
        if (m_failure.method == SipMethod::Invite || m_failure.method == SipMethod::Update
            || m_failure.method == SipMethod::Prack) {
            explainCodecMismatch();
            return;
        }
        break;
    case 503:
        m_explanation.cause = Cause::ServiceUnavailable;
        m_variant = m_values["retry_after"].empty() ? "service-unavailable.no-retry-after"
                                                    : "service-unavailable.retry-after";
        if (const auto retryAfter = m_response.header(HeaderId::RetryAfter))
            addEvidence(m_failure.finalMessage, "Retry-After", *retryAfter);
        return;
    default:
        break;
    }
    if (status >= 500 && status < 600) {
        m_explanation.cause = Cause::ServerError;
        if (status == 500 || status == 501 || status == 502 || status == 504 || status == 513)
            m_variant = "server-error." + std::to_string(status);
        if (const auto server = m_response.header(HeaderId::Server))
            addEvidence(m_failure.finalMessage, "Server", *server);
        return;
    }
    m_explanation.cause = Cause::Other;
    static constexpr int kOtherVariants[]
        = {402, 405, 410, 413, 414, 416, 420, 421, 422, 423, 482, 483, 485, 489, 491, 493, 494, 580};
    if (std::find(std::begin(kOtherVariants), std::end(kOtherVariants), status) != std::end(kOtherVariants))
        m_variant = "other." + std::to_string(status);
    if (status == 405)
        addResponseHeader(HeaderId::Allow, "Allow");
    if (status == 420) {
        if (const auto unsupported = m_response.header("Unsupported"))
            addEvidence(m_failure.finalMessage, "Unsupported", *unsupported);
        if (const auto require = m_request.header("Require"))
            addEvidence(m_failure.requestMessage, "Require", *require);
    }
    if (status == 422)
        addResponseHeader(HeaderId::MinSe, "Min-SE");
    if (status == 423)
        addResponseHeader(HeaderId::MinExpires, "Min-Expires");
}

Explanation FailureExplainer::Builder::build()
{
    fillCommonValues();
    if (m_failure.requestMessage != kNoIndex && !m_failure.requestUri.empty())
        addEvidence(m_failure.requestMessage, "Request-URI", m_failure.requestUri);
    const auto status = m_failure.status.value_or(0);
    const auto outcome = m_transaction.outcome;

    if (outcome == Outcome::Cancelled) {
        explainCancelled();
    } else if (outcome == Outcome::Unanswered) {
        explainUnanswered();
    } else if (outcome == Outcome::AuthFailure) {
        explainAuthFailure();
    } else {
        // A Q.850 cause tells more than a 500, 503 or 603 alone (CONTRACT.md).
        const auto mapped = (status == 500 || status == 503 || status == 603) && m_q850
            ? causeForQ850(*m_q850->cause)
            : std::nullopt;
        if (mapped) {
            switch (*mapped) {
            case Cause::UnknownUser:
                if (m_failure.method == SipMethod::Invite)
                    explainNotFound();
                else
                    explainNoSuchResource();
                break;
            case Cause::NotRegistered:
                explainNotRegistered();
                break;
            case Cause::CodecMismatch:
                explainCodecMismatch();
                if (m_variant != "codec-mismatch.common-codec")
                    m_variant = "codec-mismatch.q850";
                break;
            default:
                // The status's own texts would speak of the wrong code: these say the Reason decided.
                m_explanation.cause = *mapped;
                m_variant = std::string(causeId(*mapped)) + ".q850";
                break;
            }
        } else {
            explainByStatus(status);
        }
    }

    if (m_q850)
        addEvidence(m_failure.finalMessage, "Reason", m_q850->raw);
    for (const auto& reason : m_response.values(HeaderId::Reason)) {
        if (!m_q850 || reason != m_q850->raw)
            addEvidence(m_failure.finalMessage, "Reason", reason);
    }
    addResponseHeader(HeaderId::Warning, "Warning");
    if (m_failure.requestMessage == kNoIndex)
        addUncertainty("uncertainty.no-request");
    if ((m_failure.requestMessage != kNoIndex && !m_request.ok())
        || (m_failure.finalMessage != kNoIndex && !m_response.ok()))
        addUncertainty("uncertainty.unreadable");
    if (!m_failure.baseline && m_failure.initial)
        addUncertainty("uncertainty.no-baseline");

    const auto& texts = m_owner.m_texts;
    const auto& causeTexts = texts.forCause(m_explanation.cause);
    m_explanation.severity = m_severity.value_or(defaultSeverity(m_explanation.cause));
    if (insideEstablishedCall() && m_explanation.severity == Severity::Error)
        m_explanation.severity = Severity::Warning;
    m_explanation.title = ExplanationTexts::fill(causeTexts.title, m_values);
    const auto variantSummary = m_variant.empty() ? std::string() : text(m_variant + ".summary");
    const auto variantExplanation = m_variant.empty() ? std::string() : text(m_variant + ".explanation");
    m_explanation.summary
        = !variantSummary.empty() ? variantSummary : ExplanationTexts::fill(causeTexts.summary, m_values);
    m_explanation.explanation
        = !variantExplanation.empty() ? variantExplanation : ExplanationTexts::fill(causeTexts.explanation, m_values);
    if (m_q850)
        m_notes.push_back(text("q850.note"));
    if (!m_values["warning"].empty())
        m_notes.push_back(text("warning.note"));
    if (insideEstablishedCall())
        m_notes.push_back(text("later-in-call.note"));
    for (const auto& note : m_notes) {
        if (note.empty())
            continue;
        if (!m_explanation.explanation.empty())
            m_explanation.explanation += "\n\n";
        m_explanation.explanation += note;
    }
    for (const auto& [platform, fix] : causeTexts.fixes)
        m_explanation.fixes.push_back(Fix{platform, ExplanationTexts::fill(fix, m_values)});
    m_explanation.references = causeTexts.references;
    return std::move(m_explanation);
}

FailureExplainer::FailureExplainer(
    const CaptureSnapshot& snapshot, const ExplanationTexts& texts, const BaselineFinder& baselines)
    : m_snapshot(snapshot)
    , m_texts(texts)
    , m_baselines(baselines)
    , m_reach(snapshot)
    , m_registrations(snapshot)
{
    const auto& events = snapshot.icmpEvents();
    for (std::uint32_t i = 0; i < events.size(); ++i) {
        if (events[i].callIndex != kNoIndex)
            m_icmpByCall[events[i].callIndex].push_back(i);
    }
}

Explanation FailureExplainer::explain(
    const Failure& failure, const ParsedMessage& request, const ParsedMessage& response) const
{
    return Builder(*this, failure, request, response).build();
}

} // namespace sipladder::core
