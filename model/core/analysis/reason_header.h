// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sipladder::core {

// One value of a Reason header (RFC 3326): `Q.850;cause=16;text="Normal call clearing"`.
struct ReasonValue {
    std::string protocol; // "Q.850", "SIP", as written
    std::optional<int> cause;
    std::string text; // unquoted; empty when absent
    std::string raw; // the whole value as written

    bool isQ850() const;
};

// Parses one Reason value; the protocol is empty and cause nullopt for junk.
ReasonValue parseReasonValue(std::string_view value);
// The first Q.850 cause among the values, if any.
std::optional<ReasonValue> firstQ850(const std::vector<std::string>& reasonValues);

} // namespace sipladder::core
