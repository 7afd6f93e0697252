// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "analysis/message_diff.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sipladder::core {

// One component of two URIs side by side: scheme, user, password, host, port, "param:NAME",
// "header:NAME" (CONTRACT.md names). A component present on one side only has nullopt on the other.
struct UriComponentDiff {
    std::string name;
    std::optional<std::string> failing;
    std::optional<std::string> baseline;
    bool equal = true;
    // Inside a differing component present on both sides: what differs, character by character.
    std::vector<DiffSegment> characters;
};

// A failing Request-URI (or To, From, P-Asserted-Identity, Route value) against a working call's.
struct UriDiff {
    std::string failing;
    std::string baseline;
    std::vector<UriComponentDiff> components; // in URI order; parameters and headers in order of appearance
    // The user parts are the same number once normalised (CONTRACT.md "the same number").
    bool sameNumber = false;
    // A short note for people: "+15551234567 and 5551234567 are the same number (E.164 vs 10-digit form)".
    std::string note;

    bool identical() const;
};

// Compares two URIs component by component (sip:, sips:, tel:; other schemes as a whole).
UriDiff diffUris(std::string_view failing, std::string_view baseline);

// The same for header values holding a URI (name-addr or addr-spec, with or without display name and
// header parameters); the display name and header parameters are compared as "display-name" and
// "param:NAME" components after the URI's own.
UriDiff diffNameAddrs(std::string_view failing, std::string_view baseline);

} // namespace sipladder::core
