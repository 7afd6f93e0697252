// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "sip/sip_method.h"

#include <cstdint>
#include <string_view>

namespace sipladder::core {

class SipMessage;

// What the call grouper needs of a parsed message, as views into bytes kept alive by the caller.
// Plain data, so the loader can parse on one thread and group on another.
struct MessageFields {
    bool isRequest = false;
    bool hasCSeq = false;
    bool hasSdp = false;
    SipMethod method = SipMethod::Unknown; // request method, or the CSeq method of a response
    SipMethod cseqMethod = SipMethod::Unknown;
    std::uint16_t statusCode = 0;
    std::uint32_t cseqNumber = 0;
    std::uint32_t problems = 0; // SipProblem bits
    std::string_view methodText;
    std::string_view requestUri;
    std::string_view reasonPhrase;
    std::string_view cseqMethodText;
    std::string_view callId;
    std::string_view topViaBranch;
    std::string_view topViaSentBy;
    std::string_view fromValue; // raw: may be folded
    std::string_view toValue;
    std::string_view fromTag;
    std::string_view toTag;
    std::string_view legHint; // an X-CID style header naming another leg's Call-ID

    // The fields of `message`; the views point wherever the message's views point.
    static MessageFields of(const SipMessage& message);

    // Calls `visit(std::string_view&)` for every view, so they can be moved to other storage.
    template <typename Visit>
    void forEachView(Visit&& visit)
    {
        for (auto* view : {&methodText, &requestUri, &reasonPhrase, &cseqMethodText, &callId, &topViaBranch,
                 &topViaSentBy, &fromValue, &toValue, &fromTag, &toTag, &legHint})
            visit(*view);
    }
};

} // namespace sipladder::core
