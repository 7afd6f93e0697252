// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "net/carrier_frames.h"
#include "util/bytes.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace sipladder::core {

// One WebSocket data message (text or binary). `payload` is valid only during the consumer call: it
// points into the fed chunk for an unmasked single-frame message lying wholly in it, else into the
// decoder's buffer (unmasked, continuation frames joined).
struct WebSocketMessage {
    ByteView payload;
    bool text = false;
    std::uint64_t firstFrameNumber = 0; // the frame that carried the start of its first frame
    std::span<const std::uint64_t> frames; // every frame that carried any of its bytes, ascending
    bool spansChunks = false; // assembled from more than one fed chunk
    bool truncated = false; // over the bound, or cut by a gap or the end of the stream
};

class WebSocketMessageConsumer {
public:
    virtual ~WebSocketMessageConsumer() = default;
    virtual void onWebSocketMessage(const WebSocketMessage& message) = 0;
};

// RFC 6455 framing over the in-order bytes of one stream direction (the bytes after the HTTP
// upgrade): FIN/opcode/mask/7-, 16- and 64-bit lengths, masked payloads, fragmented messages. Control
// frames (close, ping, pong) are skipped, also between the fragments of a message. Streaming: a
// frame may be split over chunks and a chunk may hold several frames. Messages are bounded.
class WebSocketDecoder {
public:
    explicit WebSocketDecoder(std::size_t maxMessageBytes = 1 << 20);

    // `carriers`: the frames that carried the chunk when its segment came IP-fragmented; empty means
    // `frameNumber` alone.
    void feed(ByteView chunk, std::uint64_t frameNumber, bool gapBefore, WebSocketMessageConsumer& consumer,
        std::span<const std::uint64_t> carriers = {});
    // End of the stream: a partly received message is emitted as truncated.
    void flush(WebSocketMessageConsumer& consumer);
    // Forget the frame in progress; with `needSync`, resynchronise on a frame that carries SIP.
    void reset(bool needSync);

    std::size_t bufferedBytes() const { return m_message.size() + m_headerLength; }

    // True when `bytes` begins with a text or binary frame header whose (unmasked) payload starts
    // with a SIP start line: how SIP over WebSocket is recognised mid-stream.
    static bool looksLikeSipFrame(ByteView bytes);
    // Offset of the first such frame within the first `limit` bytes.
    static std::optional<std::size_t> findSipFrame(ByteView bytes, std::size_t limit = 65536);

private:
    enum Opcode : std::uint8_t {
        Continuation = 0,
        Text = 1,
        Binary = 2,
        Close = 8,
        Ping = 9,
        Pong = 10,
    };

    struct FrameHeader {
        bool fin = false;
        bool compressed = false; // RSV1 (permessage-deflate): payload not readable here
        std::uint8_t opcode = 0;
        bool masked = false;
        std::array<std::uint8_t, 4> mask {};
        std::uint64_t payloadLength = 0;
        std::size_t headerLength = 0;
    };
    enum class HeaderParse { Complete, Incomplete, Invalid };
    static HeaderParse parseHeader(ByteView bytes, FrameHeader& out);

    void beginFrame(std::uint64_t frameNumber, bool frameStartedInEarlierChunk);
    void consumePayload(ByteView bytes, WebSocketMessageConsumer& consumer);
    void finishFrame(WebSocketMessageConsumer& consumer);
    void emitMessage(bool truncated, WebSocketMessageConsumer& consumer);
    void clearMessage();

    std::size_t m_maxMessage;
    bool m_needSync = false;
    std::uint64_t m_feedCount = 0; // tells whether a frame or message began in an earlier chunk

    std::array<std::uint8_t, 14> m_header {}; // a frame header split over chunks
    std::size_t m_headerLength = 0;
    std::uint64_t m_headerFrame = 0;
    std::uint64_t m_headerFeed = 0;
    CarrierFrames m_headerFrames; // the frames that carried the current frame header
    std::span<const std::uint64_t> m_chunkFrames; // those of the chunk being fed (only during feed())

    bool m_inPayload = false;
    FrameHeader m_frame;
    std::uint64_t m_remaining = 0;
    std::uint64_t m_payloadOffset = 0; // position in the frame payload, for the mask
    bool m_skipPayload = false; // control frame, compressed or stray continuation
    bool m_frameSpansChunks = false;

    bool m_messageActive = false; // a data message has started and waits for its final frame
    bool m_messageText = false;
    bool m_messageOverflow = false;
    bool m_messageCompressed = false; // permessage-deflate (RSV1): not inflated here, so skipped
    bool m_messageSpansChunks = false;
    std::uint64_t m_messageFrame = 0;
    std::uint64_t m_messageFeed = 0;
    CarrierFrames m_messageFrames; // every frame that carried a byte of the message so far
    CarrierFrames m_emitFrames; // those of a message being handed out after its state was cleared
    std::vector<std::uint8_t> m_message;
};

} // namespace sipladder::core
