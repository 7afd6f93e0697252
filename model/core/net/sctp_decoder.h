// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "util/bytes.h"

#include <cstdint>

namespace sipladder::core {

struct SctpHeader {
    std::uint16_t sourcePort = 0;
    std::uint16_t destinationPort = 0;
    std::uint32_t verificationTag = 0;
    ByteView chunks; // everything after the 12-byte common header
};

// A DATA (RFC 9260) or I-DATA (RFC 8260) chunk.
struct SctpDataChunk {
    bool iData = false;
    bool unordered = false;
    bool beginning = false; // B: first fragment of a user message
    bool ending = false; // E: last fragment
    std::uint16_t stream = 0;
    std::uint32_t tsn = 0;
    // DATA: the stream sequence number; I-DATA: the message identifier.
    std::uint32_t messageId = 0;
    // Order of this fragment inside its message: DATA uses the TSN, I-DATA the FSN (0 for the first).
    std::uint32_t fragmentSequence = 0;
    std::uint32_t payloadProtocol = 0; // PPID (I-DATA carries it in the first fragment only)
    ByteView userData;
};

class SctpDecoder {
public:
    static bool decodeHeader(ByteView packet, SctpHeader& out);

    // Finds the next DATA or I-DATA chunk in `chunks` (chunks are padded to 4 bytes), skipping other
    // chunk types, and advances `chunks` past it. False when no further data chunk is found or the
    // chunk list is malformed.
    static bool nextDataChunk(ByteView& chunks, SctpDataChunk& out);
};

} // namespace sipladder::core
