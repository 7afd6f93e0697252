// SPDX-License-Identifier: Apache-2.0
#include "flow/endpoint_table.h"

#include "util/fast_hash.h"

namespace sipladder::core {

namespace {

// Linear probing over re-keyed hashes, so a colliding endpoint gets the next key.
std::uint64_t keyOf(const Endpoint& endpoint, std::uint64_t attempt)
{
    return combineHash(static_cast<std::uint64_t>(hashValue(endpoint)), attempt);
}

} // namespace

EndpointId EndpointTable::find(const Endpoint& endpoint) const
{
    for (std::uint64_t attempt = 0;; ++attempt) {
        const auto id = m_ids.find(keyOf(endpoint, attempt));
        if (id == FlatIndexMap::kAbsent || m_endpoints[id] == endpoint)
            return id;
    }
}

EndpointId EndpointTable::intern(const Endpoint& endpoint)
{
    for (std::uint64_t attempt = 0;; ++attempt) {
        const auto key = keyOf(endpoint, attempt);
        const auto id = m_ids.find(key);
        if (id == FlatIndexMap::kAbsent) {
            const auto newId = static_cast<EndpointId>(m_endpoints.size());
            m_endpoints.push_back(endpoint);
            m_ids.insert(key, newId);
            return newId;
        }
        if (m_endpoints[id] == endpoint)
            return id;
    }
}

} // namespace sipladder::core
