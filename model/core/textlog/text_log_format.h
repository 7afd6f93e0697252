// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "util/bytes.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace sipladder::core {

// The shapes of SIP text trace SipLadder reads, told apart by their content (never the file name).
enum class TextLogFormat : std::uint8_t {
    RawSip, // messages pasted one after another
    AsteriskChanSip, // `sip set debug on`
    AsteriskPjsip, // `pjsip set logger on`
    FreeSwitch, // `sofia global siptrace on` (and sofia's dump files)
    Ngrep, // ngrep -W byline, with or without -t
    Sngrep, // sngrep's "Save as .txt"
    CiscoCcsip, // Cisco IOS / CUBE `debug ccsip messages`
};

inline constexpr std::size_t kTextLogFormatCount = 7;

// InputFile::format of a text log: "text/raw-sip", "text/asterisk-chan-sip", "text/asterisk-pjsip",
// "text/freeswitch-siptrace", "text/ngrep", "text/sngrep", "text/cisco-ccsip".
std::string_view textLogFormatName(TextLogFormat format);

// True when the first bytes of a file read as text a log could hold: no NUL bytes and hardly any
// control characters besides tab, line ends, form feeds and the ESC of terminal colours. Binary
// files that are not captures fail this and are rejected before anything is parsed.
bool looksLikeTextLog(ByteView head);

// How many leading bytes looksLikeTextLog() wants to see.
inline constexpr std::size_t kTextProbeLength = 64 * 1024;

} // namespace sipladder::core
