// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "load/capture_snapshot.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace sipladder::core {

// The calls whose initial request reached the user it named (a 2xx, busy, or ringing the caller
// cancelled: the destination exists), indexed by Request-URI user and by phone number, so that a 404 can ask "did
// anything in the capture reach this user, perhaps written another way, at another host or server?".
class ReachIndex {
public:
    struct Entry {
        std::uint32_t callIndex = kNoIndex;
        std::uint32_t requestMessage = kNoIndex; // the initial transaction's request
        std::uint64_t method = 0; // BaselineFinder::methodKey
        std::string_view uri; // the Request-URI as written (in the snapshot's text)
        std::string user; // its user part as written (the number of a tel: URI)
        std::uint64_t hostHash = 0; // of the lower-cased host (hostHash())
        IpAddress destination; // where the request went
        std::int64_t startNs = 0;
        std::uint16_t finalStatus = 0;
        bool successful = false; // the call succeeded: it can be the working call compared with
    };

    explicit ReachIndex(const CaptureSnapshot& snapshot);

    // What Entry::hostHash holds for a host as written (case and IPv6 spelling folded); 0 for none.
    static std::uint64_t hostHash(std::string_view host);

    const std::vector<Entry>& entries() const { return m_entries; }
    // Entries of `method` whose user part is exactly `user` (users are case-sensitive).
    std::vector<const Entry*> withUser(std::uint64_t method, std::string_view user) const;
    // Entries of `method` whose user part is the same phone number as `user` (number_match.h),
    // exact matches included; empty when `user` is not a number.
    std::vector<const Entry*> withSameNumber(std::uint64_t method, std::string_view user) const;

private:
    // Two numbers that are the same number share their last 7 digits (the shorter has at least 7).
    static constexpr std::size_t kSuffixDigits = 7;

    std::vector<Entry> m_entries;
    // Keyed by hashes of the user and of its last digits; lookups compare the users themselves.
    std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> m_byUser;
    std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> m_bySuffix;
};

} // namespace sipladder::core
