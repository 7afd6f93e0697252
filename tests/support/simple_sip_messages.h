// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>

namespace sipladder::testing {

// The smallest INVITE transaction between alice (192.0.2.1) and bob, one Call-ID each: for tests
// about how messages travel (files, frames, segments), not what they say.
std::string simpleInvite(const std::string& callId, int bodyBytes = 0);
std::string simpleOk(const std::string& callId);

} // namespace sipladder::testing
