// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "net/frame_context.h"
#include "net/sip_payload.h"

#include <string>

namespace sipladder::core {

// Receives what the packet dissector finds; the loader implements it.
class DissectorSink {
public:
    virtual ~DissectorSink() = default;
    virtual void onSipPayload(const FrameContext& frame, const SipPayload& payload) = 0;
    virtual void onIcmpError(const FrameContext& frame, const IcmpErrorEvent& event) = 0;
    // Something a user should know about this frame (a clear sentence without the frame number).
    virtual void onWarning(const FrameContext& frame, std::string message) = 0;
};

} // namespace sipladder::core
