// SPDX-License-Identifier: Apache-2.0
#include "capture/capture_format.h"

#include <algorithm>
#include <array>
#include <cstring>

namespace sipladder::core {

namespace {

struct Magic {
    std::string_view bytes;
    CaptureFormat format;
    std::string_view name;
};

using namespace std::string_view_literals;

// Magic numbers as they appear in the file. The pcap ones come in both byte orders; the others
// are from the formats' own documentation and Wireshark's wiretap readers.
constexpr std::array kMagics = {
    Magic { "\xa1\xb2\xc3\xd4"sv, CaptureFormat::Pcap, "pcap" },
    Magic { "\xd4\xc3\xb2\xa1"sv, CaptureFormat::Pcap, "pcap" },
    Magic { "\xa1\xb2\x3c\x4d"sv, CaptureFormat::PcapNanosecond, "pcap" },
    Magic { "\x4d\x3c\xb2\xa1"sv, CaptureFormat::PcapNanosecond, "pcap" },
    Magic { "\xa1\xb2\xcd\x34"sv, CaptureFormat::PcapModified, "pcap" },
    Magic { "\x34\xcd\xb2\xa1"sv, CaptureFormat::PcapModified, "pcap" },
    Magic { "\x0a\x0d\x0d\x0a"sv, CaptureFormat::Pcapng, "pcapng" },
    Magic { "\x1f\x8b"sv, CaptureFormat::Gzip, "gzip" },
    Magic { "\xa1\x2b\x3c\x4d"sv, CaptureFormat::Unsupported, "Navtel pcap variant" },
    Magic { "\x4d\x3c\x2b\xa1"sv, CaptureFormat::Unsupported, "Navtel pcap variant" },
    Magic { "\xa1\xb2\x34\xcd"sv, CaptureFormat::Unsupported, "Fmesquita pcap variant" },
    Magic { "\xcd\x34\xb2\xa1"sv, CaptureFormat::Unsupported, "Fmesquita pcap variant" },
    Magic { "\x1c\x00\x01\xac"sv, CaptureFormat::Unsupported, "IXIA lcap (hardware)" },
    Magic { "\xac\x01\x00\x1c"sv, CaptureFormat::Unsupported, "IXIA lcap (hardware)" },
    Magic { "\x1c\x00\x01\xab"sv, CaptureFormat::Unsupported, "IXIA lcap (software)" },
    Magic { "\xab\x01\x00\x1c"sv, CaptureFormat::Unsupported, "IXIA lcap (software)" },
    Magic { "RTSS"sv, CaptureFormat::Unsupported, "Microsoft Network Monitor 1.x" },
    Magic { "GMBU"sv, CaptureFormat::Unsupported, "Microsoft Network Monitor 2.x" },
    Magic { "snoop\0\0\0"sv, CaptureFormat::Unsupported, "Sun snoop" },
    Magic { "TRSNIFF data    \x1a"sv, CaptureFormat::Unsupported, "Sniffer (DOS)" },
    Magic { "XCP\0"sv, CaptureFormat::Unsupported, "NetXRay / Windows Sniffer" },
    Magic { "VL\0\0"sv, CaptureFormat::Unsupported, "NetXRay 1.x" },
    Magic { "iptrace 1.0"sv, CaptureFormat::Unsupported, "AIX iptrace" },
    Magic { "iptrace 2.0"sv, CaptureFormat::Unsupported, "AIX iptrace" },
    Magic { "btsnoop\0"sv, CaptureFormat::Unsupported, "Bluetooth btsnoop" },
    Magic { "\x00\x00\x02\x00\x12\x05\x00\x10"sv, CaptureFormat::Unsupported, "Tektronix K12" },
    Magic { "Session Transcript"sv, CaptureFormat::Unsupported, "Catapult DCT2000" },
    Magic { "ObserverPktBuffer"sv, CaptureFormat::Unsupported, "Network Instruments Observer" },
    Magic { "EyeSDN"sv, CaptureFormat::Unsupported, "EyeSDN USB S0/E1" },
};

} // namespace

FormatProbe probeCaptureFormat(ByteView head)
{
    const std::string_view text = asText(head);
    for (const Magic& magic : kMagics) {
        if (text.substr(0, magic.bytes.size()) == magic.bytes)
            return { magic.format, magic.name, false };
    }
    // A file cut inside the four-byte magic of a format we read.
    if (!head.empty() && head.size() < 4) {
        for (const Magic& magic : kMagics) {
            if (magic.format != CaptureFormat::Unsupported && magic.bytes.size() > head.size()
                && magic.bytes.substr(0, head.size()) == text)
                return { magic.format, magic.name, true };
        }
    }
    return {};
}

bool looksLikeText(ByteView head)
{
    if (head.empty())
        return false;
    std::size_t printable = 0;
    for (const std::uint8_t byte : head) {
        if (byte == 0)
            return false;
        // Bytes >= 0x80 are counted as text so that UTF-8 files qualify.
        if ((byte >= 0x20 && byte != 0x7f) || byte == '\t' || byte == '\n' || byte == '\r')
            ++printable;
    }
    return printable * 100 >= head.size() * 95;
}

} // namespace sipladder::core
