// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "net/carrier_frames.h"
#include "util/bytes.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace sipladder::core {

// One SIP message cut out of a stream. `bytes` is valid only during the consumer call: it points into
// the chunk that was fed when the message lay wholly inside it, else into the framer's buffer.
struct SipFramedMessage {
    ByteView bytes;
    std::uint64_t firstFrameNumber = 0; // the first frame that carried any of its bytes
    std::span<const std::uint64_t> frames; // every frame that carried any of its bytes, ascending
    bool truncated = false; // the stream ended, lost bytes or hit the bound before the message was complete
    bool spansChunks = false; // assembled from more than one fed chunk
};

class SipFramerConsumer {
public:
    virtual ~SipFramerConsumer() = default;
    virtual void onSipMessage(const SipFramedMessage& message) = 0;
};

// Content-Length framing (RFC 3261 §18.3) over the in-order bytes of one stream direction: several
// messages per chunk, one message over many chunks, CRLF keep-alives between messages, and
// resynchronisation on the next SIP start line after a gap or garbage. Only a partial message is
// copied; complete messages inside a chunk are handed out as views into it.
class SipFramer {
public:
    explicit SipFramer(std::size_t maxPendingMessageBytes = 1 << 20);

    // `gapBefore`: bytes are missing before this chunk, so a pending message is cut off. `carriers`:
    // the frames that carried the chunk when its segment came IP-fragmented; empty means `frameNumber`.
    void feed(ByteView chunk, std::uint64_t frameNumber, bool gapBefore, SipFramerConsumer& consumer,
        std::span<const std::uint64_t> carriers = {});
    // End of the stream: a pending partial message is emitted as truncated.
    void flush(SipFramerConsumer& consumer);

    std::size_t pendingBytes() const { return m_pending.size(); }
    // False until a SIP start line was found, and again after garbage or a gap.
    bool inSync() const { return !m_needSync; }

    // Offset just past the blank line ending the header block ("\r\n\r\n", tolerating "\n\n")
    // when it lies in `bytes` at or after `from`.
    static std::optional<std::size_t> findHeaderEnd(ByteView bytes, std::size_t from = 0);
    // Content-Length (or compact "l") of a header block that starts with its start line; 0 when absent
    // or unreadable (RFC 3261 §18.3 lets a stream message without one have no body).
    static std::uint64_t contentLength(ByteView headerBlock);

private:
    struct HeaderBlock {
        std::size_t headerLength = 0;
        std::uint64_t contentLength = 0;
    };
    // The header block at the start of `bytes` (start line first), when its blank line is there.
    static std::optional<HeaderBlock> scanHeaderBlock(ByteView bytes);
    static bool contentLengthOfLine(ByteView line, std::uint64_t& value);

    enum class StartLine { Sip, NotSip, Undecided };
    static StartLine classifyStartLine(ByteView bytes);

    // Appends to the pending message; returns how many bytes of `chunk` it took (the rest follow it).
    std::size_t continuePending(ByteView chunk, std::span<const std::uint64_t> chunkFrames, SipFramerConsumer& consumer);
    void beginPending(ByteView rest, std::uint64_t frameNumber, std::span<const std::uint64_t> chunkFrames,
        SipFramerConsumer& consumer);
    void keepPossibleStartLine(
        ByteView chunk, std::size_t from, std::uint64_t frameNumber, std::span<const std::uint64_t> chunkFrames);
    void emitPending(std::size_t length, bool truncated, SipFramerConsumer& consumer);
    void clearPending();

    std::size_t m_maxPending;
    bool m_needSync = true;
    std::vector<std::uint8_t> m_pending; // a partial message, starting at its start line
    std::uint64_t m_pendingFrame = 0;
    CarrierFrames m_pendingFrames; // every frame whose bytes are in m_pending
    std::size_t m_pendingChunks = 0;
    bool m_pendingStartIsSip = false; // the start line was seen whole and is SIP
    std::size_t m_headerLength = 0; // 0 while the header block is incomplete
    std::uint64_t m_totalLength = 0; // header + Content-Length, once the header block is complete
    std::size_t m_scanFrom = 0; // where the search for the header end resumes
};

} // namespace sipladder::core
