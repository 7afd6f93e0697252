// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "load/load_warning.h"
#include "net/dissector_limits.h"

#include <cstdint>
#include <string>
#include <vector>

namespace sipladder::core {

// One file that was loaded, with what was found wrong in it.
struct InputFile {
    std::string path; // as given by the user
    std::string format; // "pcap", "pcap-ns", "pcapng", "text/asterisk-pjsip"..., with ".gz" when compressed
    bool isTextLog = false;
    std::uint64_t frames = 0; // captures only
    std::uint64_t lines = 0; // text logs only
    std::uint64_t sipMessages = 0;
    std::uint64_t bytes = 0;
    std::vector<LoadWarning> warnings;
    DissectorStats stats;
};

} // namespace sipladder::core
