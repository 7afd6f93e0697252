// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "net/encapsulation.h"
#include "net/endpoint.h"
#include "net/transport.h"
#include "util/bytes.h"

#include <cstdint>
#include <span>

namespace sipladder::core {

enum class PayloadFraming : std::uint8_t {
    // A whole datagram (UDP, SCTP message, HEP payload, WebSocket message): holds at most one SIP
    // message; bytes past its Content-Length are ignored (RFC 3261 §18.3).
    Datagram,
    // Exactly one message already cut out of a stream by Content-Length framing.
    Stream,
    // The tail of a stream that ended (or lost bytes) before its Content-Length was complete.
    StreamTruncated,
};

// A candidate SIP message found by the dissector, with the innermost addresses that carried it.
struct SipPayload {
    Endpoint source;
    Endpoint destination;
    Transport transport = Transport::Udp;
    EncapsulationSet encapsulation;
    PayloadFraming framing = PayloadFraming::Datagram;
    ByteView bytes; // valid only during the sink call; may point into the frame or into a reassembly buffer
    std::uint64_t firstFrameNumber = 0; // first frame that carried any of these bytes
    // Every frame that carried any of these bytes (IP fragments, SCTP chunks, TCP segments),
    // ascending; empty means the frame being dissected alone. Valid only during the sink call.
    std::span<const std::uint64_t> frames;
    // TCP: the SYN and SYN-ACK that opened the connection this came over, when captured; given with
    // the first message of each direction only (else empty). Not part of the message, but a pcap
    // export of any of its messages needs them to start the stream where it started.
    std::span<const std::uint64_t> connectionFrames;
};

// An ICMP or ICMPv6 error that quotes a datagram (not a SIP message of its own).
struct IcmpErrorEvent {
    bool isV6 = false;
    std::uint8_t type = 0;
    std::uint8_t code = 0;
    Endpoint reporter; // the address that sent the ICMP error (port 0)
    Endpoint quotedSource; // source and destination of the quoted datagram
    Endpoint quotedDestination;
    Transport quotedTransport = Transport::Udp;
    EncapsulationSet encapsulation;
    ByteView quotedPayload; // what the error quotes of the transport payload, often truncated
};

} // namespace sipladder::core
