// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "load/capture_snapshot.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace sipladder::core {

// The REGISTER traffic of a capture: which addresses of record registered, when, and for how long,
// and which address registered with which (a phone with its PBX, a PBX with its carrier).
class RegistrationIndex {
public:
    // One REGISTER transaction of an address of record.
    struct Registration {
        std::uint32_t callIndex = kNoIndex;
        std::uint32_t transactionIndex = kNoIndex;
        std::uint32_t requestMessage = kNoIndex;
        std::int64_t startNs = 0;
        std::uint16_t finalStatus = 0; // 0: no final response
        std::string aor; // the To URI
        std::string user; // its user part
        std::string host; // its host, lower case
        IpAddress registrar; // where the REGISTER went
    };

    // The state of one address of record at a moment, from the REGISTERs before it.
    struct State {
        enum class Kind : std::uint8_t {
            NeverRegistered, // no REGISTER for the user before that moment
            Rejected, // REGISTERs were sent before that moment, none accepted
            Deregistered, // the last accepted REGISTER had Expires 0
            Expired, // the last accepted REGISTER had run out
            Registered, // an accepted REGISTER still in force
        };
        Kind kind = Kind::NeverRegistered;
        // The REGISTER that decides (the last accepted one, or the last attempt when none was accepted).
        std::optional<Registration> decisive;
        std::optional<std::uint32_t> expiresSeconds; // of the decisive REGISTER, when known
        std::string expiresEvidence; // "Expires: 0", "Contact: <sip:...>;expires=0"
        std::uint32_t evidenceMessage = kNoIndex; // the message expiresEvidence was read from
        // The first REGISTER of the user after that moment (it registered too late), if any.
        std::optional<Registration> later;
    };

    explicit RegistrationIndex(const CaptureSnapshot& snapshot);

    bool empty() const { return m_registrations.empty(); }
    // The state of the user (exact user part or the same phone number) at `atNs`; reads REGISTER
    // messages and their 2xx back for the expiry (the registrar's grant wins, RFC 3261 §10.3); a
    // REGISTER without Contact only queries the bindings and does not count.
    State stateOf(std::string_view user, std::int64_t atNs) const;
    // Whether `source` sent any REGISTER to `destination` (addresses only).
    bool registeredWith(const IpAddress& source, const IpAddress& destination) const;

private:
    // The expiry granted (from the 2xx) or asked for (from the request); nullopt when unknown.
    // `isQuery` tells a REGISTER without Contact.
    std::optional<std::uint32_t> expiresOf(
        const Registration& registration, std::string& evidence, std::uint32_t& evidenceMessage, bool& isQuery) const;

    const CaptureSnapshot& m_snapshot;
    std::vector<Registration> m_registrations; // in time order
    std::unordered_map<std::string, std::vector<std::uint32_t>> m_bySuffix; // last digits or the whole user
    std::unordered_set<std::uint64_t> m_pairs; // hashes of (source, destination) addresses
};

} // namespace sipladder::core
