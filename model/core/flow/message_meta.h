// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "flow/message_record.h"
#include "net/encapsulation.h"
#include "net/endpoint.h"
#include "net/transport.h"

#include <cstdint>

namespace sipladder::core {

// What the loader knows of a message besides its parsed text: where, when and how it was seen.
struct MessageMeta {
    std::int64_t timestampNs = 0;
    std::uint64_t frameNumber = 0;
    std::uint64_t firstFrameNumber = 0;
    std::uint32_t fileIndex = 0;
    Endpoint source;
    Endpoint destination;
    Transport transport = Transport::Udp;
    EncapsulationSet encapsulation;
    ByteLocation location;
    std::uint64_t contentHash = 0;
    bool truncated = false;
    bool fromTextLog = false; // then frameNumber is the line of its start line
    bool sourceInferred = false; // taken from the message's headers, not stated by the log
    bool destinationInferred = false;
};

} // namespace sipladder::core
