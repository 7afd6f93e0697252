// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "sip/sip_uri.h"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sipladder::core {

// One name-addr or addr-spec with its header parameters, as in From, To, Contact,
// P-Asserted-Identity, Diversion, Refer-To (RFC 3261 §20.10, §25.1).
struct NameAddr {
    std::string displayName; // quotes removed and escapes resolved; empty when absent
    std::string uriText; // between < and >, or the bare addr-spec
    SipUri uri;
    std::vector<std::pair<std::string, std::optional<std::string>>> parameters; // header params, as written
    bool hasAngleBrackets = false;
    bool isWildcard = false; // "Contact: *"

    // Case-insensitive; an empty view for a flag parameter, nullopt when absent.
    std::optional<std::string_view> lookupParameter(std::string_view name) const;
    std::string_view tag() const { return lookupParameter("tag").value_or(std::string_view()); }
};

// Parses one value (split comma lists first, e.g. with SipMessage::values). Quoted display names
// with escapes, unquoted display names, <...>, and bare addr-specs whose ";params" belong to the
// header, not the URI (RFC 3261 §20.10). Never fails; check uri.valid.
NameAddr parseNameAddr(std::string_view headerValue);

// The URI text parseNameAddr would find in `headerValue`, as a view into it (empty for "*"); none
// when the value is folded over lines, so that only a copy could hold it unfolded.
std::optional<std::string_view> nameAddrUriText(std::string_view headerValue);

// The tag parameter of a From/To value without allocating: only parameters outside <...> and
// outside quoted strings count. Empty when there is no tag.
std::string_view findTag(std::string_view headerValue);

} // namespace sipladder::core
