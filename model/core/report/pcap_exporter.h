// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "load/capture_snapshot.h"
#include "util/result.h"

#include <cstdint>
#include <span>
#include <string>

namespace sipladder::core {

// What an export wrote.
struct PcapExportStats {
    std::uint64_t packets = 0; // frames written
    std::uint64_t messages = 0; // SIP messages they carry
    std::uint64_t unreadable = 0; // messages whose bytes could not be read back (skipped, counted)
};

// Writes the SIP messages of some calls as a pcap that Wireshark and sngrep open: each message is
// synthesised as a packet with its recorded source and destination addresses and ports, transport
// (UDP datagrams; TCP segments with consistent sequence numbers per connection) and time. Text logs
// come out this way; captures too (issue 6 adds their original frames). Written with libpcap.
class PcapExporter {
public:
    // `callIndexes` empty: every call. Fails (ErrorCode with a message naming the path) when the file
    // cannot be written.
    static Result<PcapExportStats> write(
        const CaptureSnapshot& snapshot, std::span<const std::uint32_t> callIndexes, const std::string& path);
};

} // namespace sipladder::core
