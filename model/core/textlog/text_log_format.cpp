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
    std::size_t suspicious = 0;
    for (const std::uint8_t byte : head) {
        if (byte == 0)
            return false;
        // Bytes >= 0x80 count as text (UTF-8, Latin-1); ESC starts terminal colour codes, VT ends
        // the records of sofia's dump files.
        if (byte < 0x20 && byte != '\t' && byte != '\n' && byte != '\r' && byte != 0x1b && byte != 0x0b && byte != 0x0c)
            ++suspicious;
        else if (byte == 0x7f)
            ++suspicious;
    }
    return suspicious * 100 <= head.size() * 2;
}

} // namespace sipladder::core
