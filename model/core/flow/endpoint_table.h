// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "net/endpoint.h"
#include "util/flat_index_map.h"

#include <cstdint>
#include <vector>

namespace sipladder::core {

using EndpointId = std::uint32_t;

// Every address:port seen, stored once: message records keep 4-byte ids instead of two 20-byte
// endpoints (captures reuse a handful of trunk and phone addresses for millions of messages), and
// ids compare equal exactly when the endpoints do.
class EndpointTable {
public:
    EndpointId intern(const Endpoint& endpoint);
    // The id of an endpoint already seen, or kNoEndpoint.
    EndpointId find(const Endpoint& endpoint) const;
    const Endpoint& operator[](EndpointId id) const { return m_endpoints[id]; }
    std::size_t size() const { return m_endpoints.size(); }

    static constexpr EndpointId kNoEndpoint = FlatIndexMap::kAbsent;

private:
    FlatIndexMap m_ids;
    std::vector<Endpoint> m_endpoints;
};

} // namespace sipladder::core
