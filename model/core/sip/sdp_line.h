// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string_view>

namespace sipladder::core {

// "v=0", "a=rtpmap:0 PCMU/8000": an SDP line is one lower-case type letter and '=' (RFC 8866 §5).
inline bool isSdpLine(std::string_view line)
{
    return line.size() >= 2 && line[1] == '=' && line[0] >= 'a' && line[0] <= 'z';
}

} // namespace sipladder::core
