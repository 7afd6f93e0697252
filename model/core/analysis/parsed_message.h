// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "load/capture_snapshot.h"
#include "sip/sip_message.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sipladder::core {

// A message of the snapshot read back from its file and parsed, for the headers the call model does
// not keep (Reason, Warning, Retry-After, Expires, SDP...). The parsed views point into the text held
// here, so it can be neither copied nor moved; hold it by value or in a unique_ptr.
class ParsedMessage {
public:
    ParsedMessage() = default;
    ParsedMessage(const CaptureSnapshot& snapshot, std::uint32_t messageIndex) { load(snapshot, messageIndex); }
    ParsedMessage(const ParsedMessage&) = delete;
    ParsedMessage& operator=(const ParsedMessage&) = delete;

    // False when the index is kNoIndex, the file is gone or changed, or the bytes are not SIP.
    bool load(const CaptureSnapshot& snapshot, std::uint32_t messageIndex);
    bool ok() const { return m_ok; }
    std::uint32_t index() const { return m_index; }
    const SipMessage& message() const { return m_message; }

    // First value of a header, unfolded; nullopt when absent or not loaded.
    std::optional<std::string> header(HeaderId id) const;
    std::optional<std::string> header(std::string_view name) const;
    // Every value of a header, comma lists split, each unfolded.
    std::vector<std::string> values(HeaderId id) const;

private:
    std::string m_text;
    SipMessage m_message;
    std::uint32_t m_index = kNoIndex;
    bool m_ok = false;
};

} // namespace sipladder::core
