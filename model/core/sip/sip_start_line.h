// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "util/bytes.h"

#include <cstddef>
#include <optional>

namespace sipladder::core {

// Content-based SIP recognition, used on every port: true when `bytes` begins with a SIP request
// line ("METHOD SP Request-URI SP SIP/2.0") or a status line ("SIP/2.0 SP 3DIGIT"). Leading
// CR/LF (keep-alives) is not accepted here; callers skip it first.
bool looksLikeSipStart(ByteView bytes);

// Offset of the first line start (offset 0 or just after an LF) at or after `from` where a SIP
// start line begins, searching at most `limit` bytes; used to resynchronise a stream after a gap
// and to find SIP behind junk bytes.
std::optional<std::size_t> findSipStart(ByteView bytes, std::size_t from = 0, std::size_t limit = 65536);

} // namespace sipladder::core
