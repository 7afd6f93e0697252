// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>

namespace sipladder::core {

// Text made safe for HTML, in element content and in quoted attribute values alike: & < > " ' as
// character references, control characters other than tab and line feed as U+FFFD, and invalid
// UTF-8 as U+FFFD, so that whatever bytes a trace holds, the report is valid UTF-8 and no value can
// open a tag, end an attribute or start a script.
void appendHtmlEscaped(std::string& out, std::string_view text);
std::string htmlEscaped(std::string_view text);

// The length of the valid UTF-8 sequence starting at `pos` (1 for ASCII), or 0 when it is invalid.
std::size_t utf8SequenceAt(std::string_view text, std::size_t pos);

} // namespace sipladder::core
