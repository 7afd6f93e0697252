// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "analysis/message_diff.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sipladder::core {

// One component of two URIs side by side, named as in CONTRACT.md:
// - "scheme"; "user" (a tel: URI's number); "password"; "host" (IPv6 in brackets, present for
//   sip:/sips:); "port"; "param:NAME" one per URI parameter; "header:NAME" one per URI header
//   (NAME lower-cased). A component appears when either side has it: "password" and "port" only
//   when a side writes one, "user" only when a side has a user part.
// - "opaque": the whole URI, when a side is not a sip:, sips: or tel: URI (urn:, http:, junk, nothing).
// - From diffNameAddrs() only: "display-name", and "field-param:NAME" for the header parameters
//   outside <...> (";expires=", ";+sip.instance="), so that they are never confused with the URI's own.
// A component present on one side only has nullopt on the other and is never equal. A parameter
// without a value (";lr") has the value "". Equality follows RFC 3261 §19.1.4: scheme, host
// (IPv6 addresses by value), parameter and header names ignore case, and so do the token values of
// transport, user, method, maddr, ttl, lr, comp, phone-context, ext and isub; user, password and
// every other value compare exactly (a differing case may be what a peer rejects), with %HH escapes
// of unreserved characters equal to the characters. Two tel: numbers compare without visual
// separators (RFC 3966). Equal values written differently (case, escapes) count as equal.
struct UriComponentDiff {
    std::string name;
    std::optional<std::string> failing;
    std::optional<std::string> baseline;
    bool equal = true;
    // Inside a differing component present on both sides: what differs, character by character
    // (Removed: only the failing side has it; Added: only the baseline).
    std::vector<DiffSegment> characters;
};

// A failing Request-URI (or To, From, P-Asserted-Identity, Route value) against a working call's.
struct UriDiff {
    std::string failing; // the texts compared, as given
    std::string baseline;
    std::vector<UriComponentDiff> components; // in URI order; parameters and headers in order of appearance,
                                              // the failing side's first, then those only the baseline has
    // Both user parts are phone numbers (numberDigits) and the same number once normalised
    // (CONTRACT.md "the same number"; true as well when they are written identically).
    bool sameNumber = false;
    // A short note for people, empty when identical: "+15551234567 and 5551234567 are the same
    // number: E.164 form vs 10-digit national form.", "Same user, different host: a.example vs
    // b.example.", "Different URI parameters: user=phone vs (none)." Quoted values are cut to 80
    // bytes and control characters shown as '?'.
    std::string note;

    // Every component equal (also true when there is none: two empty values).
    bool identical() const;
};

// Compares two URIs component by component (sip:, sips:, tel:; other schemes as a whole). A
// surrounding <...> is ignored. Never fails: junk is compared as "opaque" text.
UriDiff diffUris(std::string_view failing, std::string_view baseline);

// The same for header values holding a URI (name-addr or addr-spec, with or without display name and
// header parameters): the URI's components, then "display-name" (as unquoted; exact) and the
// header parameters as "field-param:NAME" (exact values, names ignoring case). The tag parameter is
// left out: it differs between any two calls.
UriDiff diffNameAddrs(std::string_view failing, std::string_view baseline);

} // namespace sipladder::core
