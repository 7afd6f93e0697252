// SPDX-License-Identifier: Apache-2.0
#include "net/websocket_decoder.h"

#include "sip/sip_start_line.h"

#include <algorithm>
#include <cstring>

namespace sipladder::core {

namespace {

constexpr std::size_t kMaxHeaderLength = 14;
// Enough of a payload to hold a SIP start line with a long Request-URI.
constexpr std::size_t kProbeLength = 1024;
// Smallest payload that can hold a SIP start line ("SIP/2.0 200" plus a line end).
constexpr std::uint64_t kMinSipPayload = 12;

} // namespace

WebSocketDecoder::WebSocketDecoder(std::size_t maxMessageBytes)
    : m_maxMessage(maxMessageBytes)
{
}

WebSocketDecoder::HeaderParse WebSocketDecoder::parseHeader(ByteView bytes, FrameHeader& out)
{
    if (bytes.size() < 2)
        return HeaderParse::Incomplete;
    const std::uint8_t b0 = bytes[0];
    const std::uint8_t b1 = bytes[1];
    if (b0 & 0x30)
        return HeaderParse::Invalid; // RSV2/RSV3 are defined by no extension in use for SIP
    const std::uint8_t opcode = b0 & 0x0f;
    if (opcode > Binary && opcode != Close && opcode != Ping && opcode != Pong)
        return HeaderParse::Invalid;
    const bool masked = (b1 & 0x80) != 0;
    const std::uint8_t length7 = b1 & 0x7f;
    std::size_t need = 2 + (length7 == 126 ? 2 : length7 == 127 ? 8 : 0) + (masked ? 4 : 0);
    if (bytes.size() < need)
        return HeaderParse::Incomplete;
    std::uint64_t length = length7;
    std::size_t pos = 2;
    if (length7 == 126) {
        length = readBe16(bytes.data() + 2);
        pos = 4;
    } else if (length7 == 127) {
        length = (std::uint64_t(readBe32(bytes.data() + 2)) << 32) | readBe32(bytes.data() + 6);
        if (length >> 63)
            return HeaderParse::Invalid;
        pos = 10;
    }
    const bool fin = (b0 & 0x80) != 0;
    if (opcode >= Close && (!fin || length > 125))
        return HeaderParse::Invalid;
    out.fin = fin;
    out.compressed = (b0 & 0x40) != 0;
    out.opcode = opcode;
    out.masked = masked;
    out.mask = {};
    if (masked)
        std::memcpy(out.mask.data(), bytes.data() + pos, 4);
    out.payloadLength = length;
    out.headerLength = need;
    return HeaderParse::Complete;
}

bool WebSocketDecoder::looksLikeSipFrame(ByteView bytes)
{
    FrameHeader header;
    if (parseHeader(bytes, header) != HeaderParse::Complete)
        return false;
    if ((header.opcode != Text && header.opcode != Binary) || header.compressed
        || header.payloadLength < kMinSipPayload)
        return false;
    const std::size_t available = bytes.size() - header.headerLength;
    const std::size_t probeLength
        = static_cast<std::size_t>(std::min<std::uint64_t>({ header.payloadLength, available, kProbeLength }));
    std::array<std::uint8_t, kProbeLength> probe;
    const std::uint8_t* payload = bytes.data() + header.headerLength;
    for (std::size_t i = 0; i < probeLength; ++i)
        probe[i] = header.masked ? static_cast<std::uint8_t>(payload[i] ^ header.mask[i & 3]) : payload[i];
    std::size_t start = 0;
    while (start < probeLength && (probe[start] == '\r' || probe[start] == '\n'))
        ++start;
    return looksLikeSipStart(ByteView(probe.data() + start, probeLength - start));
}

std::optional<std::size_t> WebSocketDecoder::findSipFrame(ByteView bytes, std::size_t limit)
{
    const std::size_t end = std::min(bytes.size(), limit);
    for (std::size_t i = 0; i < end; ++i) {
        const std::uint8_t b = bytes[i];
        const std::uint8_t opcode = b & 0x0f;
        if ((b & 0x70) == 0 && (opcode == Text || opcode == Binary) && looksLikeSipFrame(bytes.subspan(i)))
            return i;
    }
    return std::nullopt;
}

void WebSocketDecoder::feed(ByteView chunk, std::uint64_t frameNumber, bool gapBefore,
    WebSocketMessageConsumer& consumer, std::span<const std::uint64_t> carriers)
{
    ++m_feedCount;
    m_chunkFrames = carriers.empty() ? std::span<const std::uint64_t>(&frameNumber, 1) : carriers;
    if (gapBefore) {
        if (m_messageActive && !m_messageCompressed)
            emitMessage(true, consumer);
        reset(true);
    }
    std::size_t pos = 0;
    while (pos < chunk.size()) {
        if (m_needSync) {
            const auto found = findSipFrame(chunk.subspan(pos));
            if (!found)
                return;
            pos += *found;
            m_needSync = false;
        }
        if (!m_inPayload) {
            FrameHeader header;
            HeaderParse parsed;
            std::size_t consumed = 0;
            bool spans = false;
            std::uint64_t startFrame = frameNumber;
            if (m_headerLength == 0) {
                parsed = parseHeader(chunk.subspan(pos), header);
                m_headerFrames.clear();
                m_headerFrames.add(frameNumber, m_chunkFrames);
                if (parsed == HeaderParse::Incomplete) {
                    m_headerLength = chunk.size() - pos;
                    std::memcpy(m_header.data(), chunk.data() + pos, m_headerLength);
                    m_headerFrame = frameNumber;
                    m_headerFeed = m_feedCount;
                    return;
                }
                consumed = header.headerLength;
            } else {
                const std::size_t old = m_headerLength;
                const std::size_t take = std::min(kMaxHeaderLength - old, chunk.size() - pos);
                std::array<std::uint8_t, kMaxHeaderLength> joined;
                std::memcpy(joined.data(), m_header.data(), old);
                std::memcpy(joined.data() + old, chunk.data() + pos, take);
                parsed = parseHeader(ByteView(joined.data(), old + take), header);
                if (take > 0)
                    m_headerFrames.add(frameNumber, m_chunkFrames);
                if (parsed == HeaderParse::Incomplete) {
                    std::memcpy(m_header.data() + old, chunk.data() + pos, take);
                    m_headerLength = old + take;
                    return;
                }
                consumed = header.headerLength - old;
                spans = true;
                startFrame = m_headerFrame;
                m_headerLength = 0;
            }
            if (parsed == HeaderParse::Invalid) {
                // Not WebSocket framing here (lost sync): drop what was started and look for SIP again.
                if (m_messageActive && !m_messageCompressed)
                    emitMessage(true, consumer);
                reset(true);
                ++pos;
                continue;
            }
            pos += consumed;
            m_frame = header;
            beginFrame(startFrame, spans);
            if (m_remaining == 0)
                finishFrame(consumer);
            continue;
        }
        const std::size_t available
            = static_cast<std::size_t>(std::min<std::uint64_t>(m_remaining, chunk.size() - pos));
        consumePayload(chunk.subspan(pos, available), consumer);
        pos += available;
        if (m_remaining == 0)
            finishFrame(consumer);
    }
}

void WebSocketDecoder::beginFrame(std::uint64_t frameNumber, bool frameStartedInEarlierChunk)
{
    m_inPayload = true;
    m_remaining = m_frame.payloadLength;
    m_payloadOffset = 0;
    m_frameSpansChunks = frameStartedInEarlierChunk;
    m_skipPayload = false;

    if (m_frame.opcode >= Close) {
        m_skipPayload = true;
        return;
    }
    if (m_frame.opcode == Continuation) {
        // A continuation without its first frame (the capture joined mid-message) cannot be read.
        if (!m_messageActive || m_messageCompressed)
            m_skipPayload = true;
        else
            m_messageFrames.add(frameNumber, m_headerFrames.view());
        if (frameStartedInEarlierChunk)
            m_messageSpansChunks = true;
        return;
    }
    if (m_messageActive)
        clearMessage(); // a new message while one was unfinished: the old one is lost
    m_messageActive = true;
    m_messageText = m_frame.opcode == Text;
    m_messageFrame = frameNumber;
    m_messageFeed = frameStartedInEarlierChunk ? m_headerFeed : m_feedCount;
    m_messageSpansChunks = frameStartedInEarlierChunk;
    m_messageCompressed = m_frame.compressed;
    m_skipPayload = m_messageCompressed;
    m_messageFrames.add(frameNumber, m_headerFrames.view());
}

void WebSocketDecoder::consumePayload(ByteView bytes, WebSocketMessageConsumer& consumer)
{
    const std::size_t n = bytes.size();
    if (m_skipPayload) {
        m_remaining -= n;
        m_payloadOffset += n;
        return;
    }
    if (n > 0)
        m_messageFrames.add(m_chunkFrames.front(), m_chunkFrames);
    if (!m_frame.masked && m_frame.fin && m_frame.opcode != Continuation && m_message.empty() && m_payloadOffset == 0
        && n == m_remaining && !m_messageOverflow) {
        WebSocketMessage message;
        message.payload = bytes;
        message.text = m_messageText;
        message.firstFrameNumber = m_messageFrame;
        message.spansChunks = m_messageSpansChunks;
        m_emitFrames.swap(m_messageFrames);
        message.frames = m_emitFrames.view();
        m_remaining = 0;
        clearMessage();
        consumer.onWebSocketMessage(message);
        return;
    }
    if (m_feedCount != m_messageFeed)
        m_messageSpansChunks = true;
    const std::size_t room = m_maxMessage - std::min(m_maxMessage, m_message.size());
    const std::size_t keep = std::min(n, room);
    if (keep < n)
        m_messageOverflow = true;
    const std::size_t old = m_message.size();
    m_message.resize(old + keep);
    std::uint8_t* out = m_message.data() + old;
    if (m_frame.masked) {
        for (std::size_t i = 0; i < keep; ++i)
            out[i] = static_cast<std::uint8_t>(bytes[i] ^ m_frame.mask[(m_payloadOffset + i) & 3]);
    } else if (keep > 0) {
        std::memcpy(out, bytes.data(), keep);
    }
    m_remaining -= n;
    m_payloadOffset += n;
}

void WebSocketDecoder::finishFrame(WebSocketMessageConsumer& consumer)
{
    m_inPayload = false;
    const bool dataFrame = m_frame.opcode < Close;
    m_skipPayload = false;
    if (dataFrame && m_frame.fin && m_messageActive) {
        if (!m_messageCompressed)
            emitMessage(m_messageOverflow, consumer);
        clearMessage();
    }
}

void WebSocketDecoder::emitMessage(bool truncated, WebSocketMessageConsumer& consumer)
{
    if (m_message.empty())
        return;
    WebSocketMessage message;
    message.payload = m_message;
    message.text = m_messageText;
    message.firstFrameNumber = m_messageFrame;
    message.spansChunks = m_messageSpansChunks;
    message.frames = m_messageFrames.view();
    message.truncated = truncated;
    consumer.onWebSocketMessage(message);
}

void WebSocketDecoder::clearMessage()
{
    m_messageActive = false;
    m_messageText = false;
    m_messageOverflow = false;
    m_messageCompressed = false;
    m_messageSpansChunks = false;
    m_messageFrames.clear();
    m_message.clear();
    if (m_message.capacity() > 64 * 1024)
        m_message.shrink_to_fit();
}

void WebSocketDecoder::flush(WebSocketMessageConsumer& consumer)
{
    if (m_messageActive && !m_messageCompressed)
        emitMessage(true, consumer);
    reset(true);
}

void WebSocketDecoder::reset(bool needSync)
{
    m_headerLength = 0;
    m_inPayload = false;
    m_remaining = 0;
    m_payloadOffset = 0;
    m_skipPayload = false;
    clearMessage();
    m_needSync = needSync;
}

} // namespace sipladder::core
