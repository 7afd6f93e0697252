// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <string_view>

namespace sipladder::core {

enum class SipMethod : std::uint8_t {
    Invite,
    Ack,
    Bye,
    Cancel,
    Register,
    Options,
    Info,
    Update,
    Prack,
    Subscribe,
    Notify,
    Publish,
    Message,
    Refer,
    Unknown,
};

// RFC 3261 methods are case-sensitive, but captures contain "invite" from broken stacks; a method
// that matches a known one ignoring case is taken as that method. Anything else is Unknown (the
// text itself stays available from SipMessage::methodText()).
SipMethod parseSipMethod(std::string_view text);

// Canonical upper-case name ("INVITE"); "UNKNOWN" for SipMethod::Unknown.
std::string_view sipMethodName(SipMethod method);

} // namespace sipladder::core
