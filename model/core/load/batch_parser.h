// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "load/load_batch.h"
#include "sip/sip_message.h"
#include "sip/sip_parser.h"

namespace sipladder::core {

// Parses the payloads of a batch into messages (fields, exact extent, content hash, warnings).
// One per thread: it keeps the parser's reusable buffers.
class BatchParser {
public:
    void parse(LoadBatch& batch);

private:
    SipParser m_parser;
    SipMessage m_message;
};

} // namespace sipladder::core
