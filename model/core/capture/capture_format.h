// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "util/bytes.h"

#include <cstddef>
#include <string_view>

namespace sipladder::core {

enum class CaptureFormat {
    Pcap, // microsecond pcap, either byte order
    PcapNanosecond,
    PcapModified, // Kuznetzov's patched pcap with 24-byte records; libpcap reads it
    Pcapng,
    Gzip,
    Unsupported, // a capture format we recognise but cannot read; see FormatProbe::name
    Unknown,
};

struct FormatProbe {
    CaptureFormat format = CaptureFormat::Unknown;
    // For Unsupported: the format's usual name, e.g. "Microsoft Network Monitor 2.x".
    std::string_view name;
    // The file is shorter than the magic number it starts with.
    bool truncatedMagic = false;
};

// How many leading bytes probeCaptureFormat() wants to see.
inline constexpr std::size_t kFormatProbeLength = 512;

// Identifies a capture file by its first bytes (never by its name).
FormatProbe probeCaptureFormat(ByteView head);

// True when the bytes are mostly printable text (no NUL bytes), for a friendlier error message.
bool looksLikeText(ByteView head);

} // namespace sipladder::core
