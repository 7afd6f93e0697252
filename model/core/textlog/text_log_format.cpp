// SPDX-License-Identifier: Apache-2.0
#include "textlog/text_log_format.h"

namespace sipladder::core {

std::string_view textLogFormatName(TextLogFormat format)
{
    switch (format) {
    case TextLogFormat::RawSip:
        return "text/raw-sip";
    case TextLogFormat::AsteriskChanSip:
        return "text/asterisk-chan-sip";
    case TextLogFormat::AsteriskPjsip:
        return "text/asterisk-pjsip";
    case TextLogFormat::FreeSwitch:
        return "text/freeswitch-siptrace";
    case TextLogFormat::Ngrep:
        return "text/ngrep";
    case TextLogFormat::Sngrep:
        return "text/sngrep";
    case TextLogFormat::CiscoCcsip:
        return "text/cisco-ccsip";
    }
    return "text/raw-sip";
}

bool looksLikeTextLog(ByteView head)
{
    if (head.empty())
        return false;
    // NUL bytes say nothing either way: logrotate's copytruncate leaves runs of them in a log, and
    // UTF-16 text has one beside every ASCII character (the reader drops them).
    std::size_t suspicious = 0;
    std::size_t zeros = 0;
    for (const std::uint8_t byte : head) {
        if (byte == 0) {
            ++zeros;
            continue;
        }
        // Bytes >= 0x80 count as text (UTF-8, Latin-1); ESC starts terminal colour codes, VT ends
        // the records of sofia's dump files.
        if (byte < 0x20 && byte != '\t' && byte != '\n' && byte != '\r' && byte != 0x1b && byte != 0x0b && byte != 0x0c)
            ++suspicious;
        else if (byte == 0x7f)
            ++suspicious;
    }
    const std::size_t text = head.size() - zeros;
    return text > 0 && suspicious * 100 <= text * 2;
}

} // namespace sipladder::core
