// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "textlog/log_clock.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace sipladder::core {

// Which kind of log prefix a line had in front of its content.
enum class LogPrefix : std::uint8_t {
    None,
    Asterisk, // "[Nov 24 10:00:00] VERBOSE[123][C-00000001] chan_sip.c: "
    Syslog, // "Nov 24 10:00:00 host asterisk[123]: "
    Iso, // "2026-11-24 10:00:00.123456 [NOTICE] sofia.c:123 " and ISO syslog
    Cisco, // "*Mar  1 00:04:25.359: ", "000123: Nov 24 10:00:00.123 UTC: ", "00:11:29: "
    Quote, // "> " of a mail reply (no time)
};

// One line of a log with what is not SIP removed: ANSI colour codes, stray CR characters, a log
// prefix (whose time is kept) and "> " quoting. Leading indentation is left for the caller, which
// knows the indentation of the message the line belongs to.
struct CleanLine {
    std::string_view content; // valid until the next LineCleaner::clean()
    LogTime time; // from the prefix, when it had one
    LogPrefix prefix = LogPrefix::None;
    bool modified = false; // content is not the line's bytes as they are in the file
};

class LineCleaner {
public:
    // `raw` is a line without its line feed (a CR before it may still be there).
    CleanLine clean(std::string_view raw);
    // Only what is not text (colour codes, CR and NUL bytes), no prefix: for the lines inside a message
    // whose start line had none, where a prefix would have to begin the line in a way no header does.
    CleanLine scrub(std::string_view raw);

    // The length of a log prefix at the start of `line` (0 when none), with its time and kind.
    static std::size_t prefixLength(std::string_view line, LogTime& time, LogPrefix& kind);

private:
    std::string m_scratch;
};

} // namespace sipladder::core
