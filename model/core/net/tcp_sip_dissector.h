// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "net/dissector_limits.h"
#include "net/dissector_sink.h"
#include "net/tcp_segment.h"

#include <cstddef>
#include <memory>

namespace sipladder::core {

// Everything that happens to TCP payload: per-direction stream reassembly, recognition of what the
// stream carries (SIP, SIP over WebSocket after an HTTP upgrade, HEP over TCP, or something else,
// which is never buffered), Content-Length framing, and delivery of each SIP message to the sink.
class TcpSipDissector {
public:
    TcpSipDissector(const DissectorLimits& limits, DissectorStats& stats);
    ~TcpSipDissector();
    TcpSipDissector(const TcpSipDissector&) = delete;
    TcpSipDissector& operator=(const TcpSipDissector&) = delete;

    void push(const FrameContext& frame, const TcpSegment& segment, DissectorSink& sink);
    // End of input: deliver what is still buffered (out-of-order data after a gap, a message cut off
    // by the end of the capture, flagged as truncated).
    void finish(DissectorSink& sink);

    // State held right now, for tests and diagnostics: bytes kept in reassembly and framing buffers
    // (out-of-order segments, partial messages), and stream directions tracked.
    std::size_t bufferedBytes() const;
    std::size_t streamCount() const;

private:
    class Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace sipladder::core
