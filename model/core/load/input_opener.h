// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "capture/byte_source.h"
#include "capture/capture_reader.h"
#include "textlog/host_name_table.h"
#include "textlog/text_log_reader.h"
#include "util/result.h"

#include <memory>
#include <string>

namespace sipladder::core {

// One input of a load, opened: a packet capture or a SIP text log (either may be gzip-compressed).
struct OpenedInput {
    std::unique_ptr<CaptureReader> capture;
    std::unique_ptr<TextLogReader> text;
    std::shared_ptr<const ByteSource> byteSource; // where message bytes are read back from
    bool compressed = false;
};

// Opens `path` by its content: a capture (pcap, pcapng) or a text log, each possibly gzip-compressed.
// Errors name the file: missing, unreadable, empty, a capture format SipLadder does not read, or
// binary data that is "not a packet capture or SIP text log". Whether a text holds any SIP is only
// known once it has been read (the loader says so then).
Result<OpenedInput> openInput(const std::string& path, HostNameTable& hosts);

} // namespace sipladder::core
