// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "flow/endpoint_table.h"
#include "net/encapsulation.h"
#include "net/endpoint.h"
#include "net/transport.h"
#include "sip/sip_method.h"
#include "util/string_arena.h"

#include <cstdint>
#include <limits>

namespace sipladder::core {

inline constexpr std::uint32_t kNoIndex = std::numeric_limits<std::uint32_t>::max();

// Where a message's bytes are: a byte source of the snapshot (a capture file, an inflated copy,
// or the store of reassembled messages), an offset and a length. The text is read back on demand.
struct ByteLocation {
    std::uint64_t offset = 0;
    std::uint32_t length = 0;
    std::uint32_t sourceIndex = 0;
};

enum MessageFlag : std::uint16_t {
    MessageIsRequest = 1u << 0,
    MessageHasSdp = 1u << 1,
    MessageRetransmission = 1u << 2,
    MessageDuplicate = 1u << 3,
    MessageMalformed = 1u << 4,
    MessageTruncated = 1u << 5, // a stream ended inside it
    MessageFromTextLog = 1u << 6, // frameNumber and firstFrameNumber are the line of its start line
    MessageSourceInferred = 1u << 7, // a text log did not state it: taken from Via/Contact/Request-URI
    MessageDestinationInferred = 1u << 8,
};

// One SIP message as the call model keeps it: identity, addressing, where its bytes are, and the
// parsed fields that calls, transactions and outcomes need. Compact on purpose (a 1 GB capture
// holds over a million of them); everything else is parsed again from the bytes when shown.
struct MessageRecord {
    std::int64_t timestampNs = 0;
    std::uint64_t frameNumber = 0; // the frame that completed the message
    std::uint64_t firstFrameNumber = 0; // the first frame that carried any of it
    std::uint64_t contentHash = 0;
    // Identifies "the same message" within a transaction for retransmission detection: method and
    // Request-URI of a request, status and To tag of a response.
    std::uint64_t signature = 0;
    ByteLocation location;
    EndpointId source = 0; // ids in the snapshot's endpoint table
    EndpointId destination = 0;
    std::uint32_t fileIndex = 0;
    std::uint32_t callIndex = kNoIndex;
    std::uint32_t transactionIndex = kNoIndex;
    std::uint32_t duplicateOf = kNoIndex; // the first copy, for duplicates
    std::uint32_t dialogIndex = kNoIndex; // once both tags are known
    std::uint32_t cseqNumber = 0;
    std::uint16_t statusCode = 0; // 0 for requests
    std::uint16_t flags = 0;
    std::uint32_t problems = 0; // SipProblem bits
    EncapsulationSet encapsulation;
    SipMethod method = SipMethod::Unknown; // the request method, or the CSeq method of a response
    Transport transport = Transport::Udp;
    StringRef methodText; // only when method is Unknown
    StringRef requestUriOrReason; // Request-URI of a request, reason phrase of a response
    StringRef fromTag;
    StringRef toTag;

    bool isRequest() const { return (flags & MessageIsRequest) != 0; }
    bool has(MessageFlag flag) const { return (flags & flag) != 0; }
};

} // namespace sipladder::core
