// SPDX-License-Identifier: Apache-2.0
#include "textlog/endpoint_inferrer.h"

#include "sip/header_names.h"
#include "sip/name_addr.h"
#include "sip/sip_uri.h"
#include "sip/via_header.h"
#include "util/ascii_text.h"
#include "util/fast_hash.h"

#include <string>

namespace sipladder::core {

namespace {

// Requests are remembered in two generations of this many: a response finds its request among the
// last 8192 to 16384, and the tables stay small enough for the cache (a log of a million requests
// would otherwise grow one table past it, and every lookup would miss).
constexpr std::size_t kRequestsPerGeneration = 8192;

std::optional<std::uint16_t> portNumber(std::string_view text)
{
    if (text.empty() || text.size() > 5)
        return std::nullopt;
    unsigned value = 0;
    for (const char c : text) {
        if (c < '0' || c > '9')
            return std::nullopt;
        value = value * 10 + static_cast<unsigned>(c - '0');
    }
    if (value == 0 || value > 65535)
        return std::nullopt;
    return static_cast<std::uint16_t>(value);
}

std::optional<Transport> viaTransport(const ViaSummary& via)
{
    if (!via.valid)
        return std::nullopt;
    return parseTransportName(via.transport);
}

// False when `via` surely carries neither a received= nor an rport= value (a bare ";rport" asks for
// one and gives none), so that its sent-by alone says where the message came from. Any spelling of
// either name sends the caller to the full parse.
bool mayCarryReceivedOrRport(std::string_view via)
{
    for (std::size_t i = 0; i < via.size(); ++i) {
        if (asciiLower(via[i]) != 'r')
            continue;
        if (equalsIgnoreCase(via.substr(i, 8), "received"))
            return true;
        if (equalsIgnoreCase(via.substr(i, 5), "rport")) {
            std::size_t next = i + 5;
            while (next < via.size() && (via[next] == ' ' || via[next] == '\t'))
                ++next;
            if (next < via.size() && via[next] == '=')
                return true;
        }
    }
    return false;
}

} // namespace

const EndpointInferrer::Leg* EndpointInferrer::RequestGeneration::find(std::uint64_t key) const
{
    const auto at = index.find(key);
    return at == FlatIndexMap::kAbsent ? nullptr : &legs[at];
}

void EndpointInferrer::RequestGeneration::put(std::uint64_t key, const Leg& leg)
{
    const auto at = index.find(key);
    if (at != FlatIndexMap::kAbsent) {
        legs[at] = leg;
        return;
    }
    index.insert(key, static_cast<std::uint32_t>(legs.size()));
    legs.push_back(leg);
}

void EndpointInferrer::RequestGeneration::clear()
{
    index.clear();
    legs.clear();
}

EndpointInferrer::EndpointInferrer(HostNameTable& hosts)
    : m_hosts(hosts)
{
    // Requests are remembered until their responses come; a generation's worth of them would
    // otherwise grow the tables step by step.
    m_requests.legs.reserve(kRequestsPerGeneration);
    m_olderRequests.legs.reserve(kRequestsPerGeneration);
}

std::uint64_t EndpointInferrer::transactionKey(const MessageFacts& facts, const ViaSummary& via)
{
    return fastHash(facts.callId.data(), facts.callId.size()) * 31 + fastHash(via.branch.data(), via.branch.size());
}

Endpoint EndpointInferrer::hostEndpoint(
    std::string_view host, std::optional<std::uint16_t> port, Transport transport, bool secure)
{
    Endpoint endpoint;
    endpoint.port = port.value_or(secure || transport == Transport::Tls ? 5061 : 5060);
    if (IpAddress::parse(host, endpoint.address))
        return endpoint;
    const auto alias = m_aliases.empty() ? m_aliases.end() : m_aliases.find(asciiLowerCase(host));
    if (alias != m_aliases.end()) {
        endpoint.address = alias->second.address;
        if (!port)
            endpoint.port = alias->second.port;
        return endpoint;
    }
    endpoint.address = host.empty() ? HostNameTable::unknownHost() : m_hosts.addressOf(host);
    return endpoint;
}

std::optional<Endpoint> EndpointInferrer::viaSender(
    std::string_view via, const ViaSummary& summary, Transport transport, bool useReceived)
{
    if (via.empty())
        return std::nullopt;
    // The summary's sent-by is enough when neither received= nor rport= is wanted (or there) and it
    // is plain "host" or "host:port" (the usual case); anything else is parsed in full.
    const auto plainSentBy = [&summary] {
        for (const char c : summary.sentBy) {
            if (c == '[' || c == ' ' || c == '\t')
                return false;
        }
        return !summary.sentBy.empty();
    };
    if ((!useReceived || !mayCarryReceivedOrRport(via)) && summary.valid && plainSentBy()) {
        const auto colon = summary.sentBy.find(':');
        if (colon == std::string_view::npos)
            return hostEndpoint(summary.sentBy, std::nullopt, transport, false);
        if (const auto port = portNumber(summary.sentBy.substr(colon + 1)))
            return hostEndpoint(summary.sentBy.substr(0, colon), port, transport, false);
    }
    const auto parsed = parseViaHeader(via);
    if (parsed.host.empty())
        return std::nullopt;
    std::string_view host = parsed.host;
    std::optional<std::uint16_t> port = parsed.port;
    if (useReceived) {
        if (const auto received = parsed.parameter("received"); received && !received->empty())
            host = *received;
        if (const auto rport = parsed.parameter("rport"); rport) {
            if (const auto number = portNumber(*rport))
                port = number;
        }
    }
    return hostEndpoint(host, port, transport, false);
}

std::optional<Endpoint> EndpointInferrer::uriTarget(std::string_view uriText, Transport transport, bool nameAddr)
{
    if (uriText.empty())
        return std::nullopt;
    if (nameAddr) {
        const auto inner = nameAddrUriText(uriText);
        if (!inner) { // folded over lines: only a copy holds it whole
            const SipUri uri = parseNameAddr(uriText).uri;
            if (!uri.isSip() || uri.host.empty())
                return std::nullopt;
            return hostEndpoint(uri.host, uri.port, transport, uri.scheme == "sips");
        }
        uriText = *inner;
    }
    const SipUriTarget target = locateSipUriTarget(uriText);
    if (!target.isSip || target.host.empty())
        return std::nullopt;
    return hostEndpoint(target.host, target.port, transport, target.secure);
}

std::optional<Endpoint> EndpointInferrer::requestTarget(const MessageFacts& facts, Transport transport)
{
    if (auto route = uriTarget(facts.route, transport, true))
        return route;
    return uriTarget(facts.requestUri, transport, false);
}

void EndpointInferrer::learnLocal(const Endpoint& endpoint)
{
    if (m_lastVoted != endpoint) {
        m_lastVotes = &m_localVotes[endpoint];
        m_lastVoted = endpoint;
    }
    const auto votes = ++*m_lastVotes;
    if (votes > m_localVotesBest) {
        m_localVotesBest = votes;
        m_local = endpoint;
    }
}

std::optional<Endpoint> EndpointInferrer::local() const
{
    return m_local;
}

ResolvedEndpoints EndpointInferrer::resolve(const MessageFacts& facts, const LogContext& context)
{
    ResolvedEndpoints result;
    // Only when the log does not say it: the Via is parsed for it otherwise for nothing.
    const ViaSummary via = summarizeViaHeader(facts.via);
    result.transport = context.transport ? *context.transport : viaTransport(via).value_or(Transport::Udp);
    const auto transport = result.transport;
    const auto key = transactionKey(facts, via);
    if (m_requests.legs.size() >= kRequestsPerGeneration) {
        std::swap(m_requests, m_olderRequests);
        m_requests.clear();
    }
    const Leg* request = nullptr;
    if (!facts.isRequest) {
        request = m_requests.find(key);
        if (request == nullptr)
            request = m_olderRequests.find(key);
    }
    const Endpoint unknown { HostNameTable::unknownHost(), 0 };

    if (context.source && context.destination) {
        result.source = *context.source;
        result.destination = *context.destination;
    } else if (context.remote && context.direction != LogDirection::Unknown) {
        // Asterisk and FreeSWITCH name the peer; the logging host is the other end.
        const bool received = context.direction == LogDirection::Received;
        std::optional<Endpoint> self;
        if (facts.isRequest && !received) {
            self = viaSender(facts.via, via, transport, false);
            if (self)
                learnLocal(*self);
        } else if (!facts.isRequest && received) {
            self = viaSender(facts.via, via, transport, false);
            if (self)
                learnLocal(*self);
        }
        if (!self)
            self = local();
        if (!self && request)
            self = received ? request->source : request->destination;
        if (!self) {
            self = facts.isRequest ? requestTarget(facts, transport) : uriTarget(facts.contact, transport, true);
            // The log is written by one host: until its own Via says its address, the first name or
            // address it was reached by stands for it, so that it stays one lifeline.
            if (self && !m_local)
                m_local = self;
        }
        (received ? result.source : result.destination) = *context.remote;
        (received ? result.destination : result.source) = self.value_or(unknown);
        (received ? result.destinationInferred : result.sourceInferred) = true;
    } else if (facts.isRequest) {
        const auto sender = viaSender(facts.via, via, transport, true);
        auto target = requestTarget(facts, transport);
        if (context.direction == LogDirection::Sent && sender)
            learnLocal(*viaSender(facts.via, via, transport, false));
        if (context.direction == LogDirection::Received && local())
            target = local();
        result.source = sender.value_or(unknown);
        result.destination = target.value_or(unknown);
        result.sourceInferred = true;
        result.destinationInferred = true;
    } else {
        // A response goes back the way its request came.
        if (request) {
            result.source = request->destination;
            result.destination = request->source;
            // The answering host's address in its Contact replaces a name it was reached by.
            if (request->destinationInferred && HostNameTable::isStandIn(request->destination.address)) {
                if (const auto contact = uriTarget(facts.contact, transport, true);
                    contact && !HostNameTable::isStandIn(contact->address)) {
                    const auto name = m_hosts.nameOf(request->destination.address);
                    if (!name.empty())
                        m_aliases.emplace(std::string(name), *contact);
                    result.source = *contact;
                }
            }
        } else {
            const auto requester = viaSender(facts.via, via, transport, true);
            std::optional<Endpoint> responder;
            if (context.direction == LogDirection::Sent)
                responder = local();
            if (!responder)
                responder = uriTarget(facts.contact, transport, true);
            if (!responder)
                responder = uriTarget(facts.to, transport, true);
            if (context.direction == LogDirection::Received && requester)
                learnLocal(*viaSender(facts.via, via, transport, false));
            result.source = responder.value_or(unknown);
            result.destination = requester.value_or(unknown);
        }
        result.sourceInferred = true;
        result.destinationInferred = true;
    }

    if (facts.isRequest) {
        m_requests.put(key, Leg { result.source, result.destination, result.destinationInferred });
    }
    return result;
}

} // namespace sipladder::core
