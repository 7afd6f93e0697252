// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "net/endpoint.h"
#include "net/transport.h"
#include "sip/via_header.h"
#include "textlog/host_name_table.h"
#include "textlog/trace_marker.h"
#include "util/flat_index_map.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace sipladder::core {

// The header values of a message that say where it came from and went to.
struct MessageFacts {
    bool isRequest = false;
    std::string_view requestUri;
    std::string_view via; // the first Via header's value
    std::string_view route; // the first Route header's value
    std::string_view contact;
    std::string_view to;
    std::string_view callId;

    static constexpr std::size_t kTextCount = 6;
    // Its texts in one order, for code that keeps them elsewhere and puts them back.
    std::array<std::string_view*, kTextCount> texts() { return {&requestUri, &via, &route, &contact, &to, &callId}; }
};

// What the log said around a message.
struct LogContext {
    LogDirection direction = LogDirection::Unknown;
    std::optional<Endpoint> remote;
    std::optional<Endpoint> source;
    std::optional<Endpoint> destination;
    std::optional<Transport> transport;
};

struct ResolvedEndpoints {
    Endpoint source;
    Endpoint destination;
    Transport transport = Transport::Udp;
    bool sourceInferred = false;
    bool destinationInferred = false;
};

// Fills in the endpoints a text log does not state, from the message itself and from what the log
// said before. A request comes from its top Via (received= and rport= when present) and goes to its
// top Route or Request-URI; a response goes back the way its request came; the logging host's own
// address ("local") is learnt from the Via of the requests it sends and of the responses it receives,
// which is what Asterisk and FreeSWITCH logs, naming only the peer, need.
class EndpointInferrer {
public:
    explicit EndpointInferrer(HostNameTable& hosts);

    ResolvedEndpoints resolve(const MessageFacts& facts, const LogContext& context);

private:
    std::optional<Endpoint> viaSender(
        std::string_view via, const ViaSummary& summary, Transport transport, bool useReceived);
    std::optional<Endpoint> uriTarget(std::string_view uriText, Transport transport, bool nameAddr);
    std::optional<Endpoint> requestTarget(const MessageFacts& facts, Transport transport);
    Endpoint hostEndpoint(std::string_view host, std::optional<std::uint16_t> port, Transport transport, bool secure);
    void learnLocal(const Endpoint& endpoint);
    std::optional<Endpoint> local() const;
    static std::uint64_t transactionKey(const MessageFacts& facts, const ViaSummary& via);

    struct Leg {
        Endpoint source;
        Endpoint destination;
        bool destinationInferred = false;
    };
    // Requests by Call-ID and top Via branch, one generation of them.
    struct RequestGeneration {
        FlatIndexMap index; // key -> position in `legs`
        std::vector<Leg> legs;
        const Leg* find(std::uint64_t key) const;
        void put(std::uint64_t key, const Leg& leg);
        void clear();
    };
    HostNameTable& m_hosts;
    RequestGeneration m_requests;
    RequestGeneration m_olderRequests; // the generation before
    std::unordered_map<Endpoint, std::uint32_t> m_localVotes;
    // The count of the endpoint voted for last (a log's host votes for itself message after
    // message); the map's values do not move.
    std::optional<Endpoint> m_lastVoted;
    std::uint32_t* m_lastVotes = nullptr;
    std::optional<Endpoint> m_local;
    std::uint32_t m_localVotesBest = 0;
    std::unordered_map<std::string, Endpoint> m_aliases; // host name -> address seen in a Contact
};

} // namespace sipladder::core
