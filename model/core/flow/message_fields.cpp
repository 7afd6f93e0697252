// SPDX-License-Identifier: Apache-2.0
#include "flow/message_fields.h"

#include "sip/sip_message.h"

namespace sipladder::core {

MessageFields MessageFields::of(const SipMessage& message)
{
    MessageFields fields;
    fields.isRequest = message.isRequest();
    fields.hasCSeq = !message.problems().has(SipProblem::MissingCSeq);
    fields.hasSdp = message.hasSdp();
    fields.method = message.method();
    fields.cseqMethod = message.cseqMethod();
    fields.statusCode = message.statusCode();
    fields.cseqNumber = message.cseqNumber();
    fields.problems = message.problems().bits();
    fields.methodText = message.methodText();
    fields.requestUri = message.requestUri();
    fields.reasonPhrase = message.reasonPhrase();
    fields.cseqMethodText = message.cseqMethodText();
    fields.callId = message.callId();
    fields.topViaBranch = message.topViaBranch();
    fields.topViaSentBy = message.topViaSentBy();
    fields.fromValue = message.fromValue();
    fields.toValue = message.toValue();
    fields.fromTag = message.fromTag();
    fields.toTag = message.toTag();
    if (fields.isRequest) {
        for (const auto id : {HeaderId::XCid, HeaderId::XCallId, HeaderId::XOrigCallId, HeaderId::XOriginalCallId}) {
            if (const auto value = message.header(id); value && !value->empty()) {
                fields.legHint = *value;
                break;
            }
        }
    }
    return fields;
}

} // namespace sipladder::core
