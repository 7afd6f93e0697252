// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sipladder::core {

// A URI taken apart for display and comparison (RFC 3261 §19.1, RFC 3966 for tel:). Owns its
// strings: URIs are parsed on demand (diagnosis, URI diff), not for every message.
struct SipUri {
    using Parameter = std::pair<std::string, std::optional<std::string>>;

    std::string scheme; // lower case: "sip", "sips", "tel", "urn"...
    std::string user; // as written, escapes kept; the number of a tel: URI
    std::string password;
    std::string host; // without IPv6 brackets
    std::optional<std::uint16_t> port;
    std::vector<Parameter> parameters; // ";user=phone;lr" in order, names and values as written
    std::vector<Parameter> headers; // "?Subject=x&Priority=urgent"
    bool hostIsIpv6Reference = false;
    bool valid = false;
    // For schemes other than sip/sips/tel: everything after "scheme:", kept whole.
    std::string opaque;

    bool isSip() const { return scheme == "sip" || scheme == "sips"; }
    bool isTel() const { return scheme == "tel"; }

    // Case-insensitive parameter lookup: the value, an empty view for a flag parameter such as
    // "lr", nullopt when absent.
    std::optional<std::string_view> lookupParameter(std::string_view name) const;
    std::optional<std::string_view> lookupHeader(std::string_view name) const;

    // host, or [host] for an IPv6 reference, plus ":port" when present.
    std::string hostPort() const;
    // The URI written back from its parts (scheme lower-cased, everything else as parsed).
    std::string toString() const;
};

// Parses sip:, sips: and tel: URIs; other schemes are kept whole in `opaque`. Tolerant: never
// throws or crashes on junk, sets `valid` false when the text is not a usable URI and keeps what
// it could read. Surrounding whitespace and a surrounding <...> are ignored.
SipUri parseSipUri(std::string_view text);

// Where a sip: or sips: URI leads, read without copying anything: the host and port parseSipUri
// would give, as views into `text`. Endpoint inference reads one for most messages of a text log.
struct SipUriTarget {
    bool isSip = false; // sip: or sips: (any case); nothing else is set otherwise
    bool secure = false; // sips:
    std::string_view host; // without IPv6 brackets
    std::optional<std::uint16_t> port;
};
SipUriTarget locateSipUriTarget(std::string_view text);

} // namespace sipladder::core
