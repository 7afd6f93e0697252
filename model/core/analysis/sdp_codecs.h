// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sipladder::core {

// The codecs of an SDP body (RFC 4566/8866): for each m= line with a non-zero port, its payload
// types named by a=rtpmap, or by the static table of RFC 3551 (0 PCMU/8000, 8 PCMA/8000, 9 G722/8000,
// 18 G729/8000...) when it has none. "PCMU/8000" style, in offer order, each name once.
struct SdpCodecs {
    std::vector<std::string> audio;
    std::vector<std::string> video;
    std::vector<std::string> other; // image (T.38), application...

    bool empty() const { return audio.empty() && video.empty() && other.empty(); }
    // "PCMU/8000, PCMA/8000, telephone-event/8000" (all media kinds, audio first).
    std::string joined() const;
};

SdpCodecs sdpCodecs(std::string_view sdp);

// Codecs named in both lists (case-insensitive encoding name and clock rate), in the order of `a`.
std::vector<std::string> commonCodecs(const std::vector<std::string>& a, const std::vector<std::string>& b);

} // namespace sipladder::core
