// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "load/capture_snapshot.h"
#include "util/result.h"

#include <cstdint>
#include <functional>
#include <span>
#include <string>

namespace sipladder::core {

// What an export wrote.
struct PcapExportStats {
    std::uint64_t packets = 0; // frames written
    std::uint64_t messages = 0; // SIP messages they carry
    // Messages left out: their bytes could not be read back, or (copied frames) a frame that carried
    // them is no longer in the capture file.
    std::uint64_t unreadable = 0;
    std::uint64_t originalFrames = 0; // of `packets`, frames copied from the captures (the rest synthesised)
    std::uint64_t missingFrames = 0; // frames to copy that the capture files no longer hold
};

class Redactor;

struct PcapExportOptions {
    // Non-null: every message is redacted with it (placeholders shared with the export's other
    // files) and the packets are always synthesised, with redacted addresses. The exporter calls
    // learn() on it with the exported calls (a redactor that learnt them already keeps its placeholders).
    Redactor* redactor = nullptr;
    // Captures: copy the original frames that carried the messages (IP fragments and TCP segments
    // included) rather than synthesising packets. Text logs are always synthesised.
    bool originalFrames = true;
    // Called now and then (every few hundred messages, and while a capture is read past frames not
    // exported) with messages done / messages in all; returning false cancels (ErrorCode::Cancelled,
    // nothing left behind).
    std::function<bool(std::uint64_t done, std::uint64_t total)> progress;
};

// Writes the SIP messages of some calls as a pcap that Wireshark and sngrep open, with libpcap.
//
// Captures: the original frames that carried the messages, byte for byte with their timestamps:
// every IP fragment, TCP segment and SCTP chunk of a reassembled message, each frame once (also
// when it carries messages of two exported calls), and the ICMP errors quoting the calls. Frames of
// several files are merged in time order, as the load merged them. The file has one link type: the
// captures' own when all copied frames share it; otherwise (several link types, or synthesised
// packets in the same file) Ethernet, and a frame of another link type keeps its IP packet under a
// new link header (VLAN tags, MPLS, PPPoE are left behind). Timestamps are written to the
// nanosecond when the inputs have nanoseconds.
//
// Text logs, and everything when redacting: each message is synthesised as a packet with its
// recorded (or redacted) source and destination addresses and ports, transport (UDP datagrams; TCP
// segments with consistent sequence numbers per connection) and time, on Ethernet.
class PcapExporter {
public:
    // `callIndexes` empty: every call (and the messages without a Call-ID). Fails (ErrorCode with a
    // message naming the path) when the file cannot be written; nothing is left behind then.
    // The three-argument form copies original frames, without redaction or progress.
    static Result<PcapExportStats> write(
        const CaptureSnapshot& snapshot, std::span<const std::uint32_t> callIndexes, const std::string& path);
    static Result<PcapExportStats> write(const CaptureSnapshot& snapshot, std::span<const std::uint32_t> callIndexes,
        const std::string& path, const PcapExportOptions& options);
};

} // namespace sipladder::core
