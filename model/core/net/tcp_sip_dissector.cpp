// SPDX-License-Identifier: Apache-2.0
#include "net/tcp_sip_dissector.h"

#include "net/hep_decoder.h"
#include "net/tcp_stream_reassembler.h"
#include "net/websocket_decoder.h"
#include "sip/sip_framer.h"
#include "sip/sip_start_line.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace sipladder::core {

namespace {

enum class StreamMode : std::uint8_t {
    Unknown, // nothing recognised yet, or not SIP: nothing is buffered
    Sip,
    HttpHeader, // inside the HTTP upgrade request or response; WebSocket frames follow
    WebSocket,
    Hep,
};

// Chunks of an unrecognised direction searched in full for a SIP start line (a capture that starts in
// the middle of a message); later chunks are only tested at their start, to keep non-SIP streams cheap.
constexpr std::size_t kFullScanChunks = 8;
constexpr std::size_t kMaxHttpHeader = 16 * 1024;
// How much of an HTTP request is searched for the WebSocket upgrade.
constexpr std::size_t kUpgradeSearchLength = 4096;
constexpr std::size_t kHepHeaderSize = 6;

struct DirectionKey {
    Endpoint source;
    Endpoint destination;
    bool operator==(const DirectionKey&) const = default;
};

struct DirectionKeyHash {
    std::size_t operator()(const DirectionKey& key) const noexcept
    {
        // Not symmetric, so that the two directions of a connection hash apart.
        return hashValue(key.source) * 0x9E3779B97F4A7C15ull + hashValue(key.destination);
    }
};

std::size_t skipLineEnds(ByteView bytes, std::size_t pos = 0)
{
    while (pos < bytes.size() && (bytes[pos] == '\r' || bytes[pos] == '\n'))
        ++pos;
    return pos;
}

bool startsWith(ByteView bytes, std::string_view prefix)
{
    return bytes.size() >= prefix.size() && std::memcmp(bytes.data(), prefix.data(), prefix.size()) == 0;
}

char lower(std::uint8_t c)
{
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : static_cast<char>(c);
}

bool containsNoCase(ByteView bytes, std::string_view lowerNeedle)
{
    if (bytes.size() < lowerNeedle.size())
        return false;
    for (std::size_t i = 0; i + lowerNeedle.size() <= bytes.size(); ++i) {
        std::size_t j = 0;
        while (j < lowerNeedle.size() && lower(bytes[i + j]) == lowerNeedle[j])
            ++j;
        if (j == lowerNeedle.size())
            return true;
    }
    return false;
}

// An HTTP GET whose header block asks for a WebSocket upgrade (RFC 6455 §4.1).
bool isWebSocketUpgradeRequest(ByteView bytes)
{
    if (!startsWith(bytes, "GET "))
        return false;
    ByteView head = bytes.first(std::min(bytes.size(), kUpgradeSearchLength));
    if (const auto end = SipFramer::findHeaderEnd(head))
        head = head.first(*end);
    return containsNoCase(head, "upgrade") && containsNoCase(head, "websocket");
}

bool isSwitchingProtocolsResponse(ByteView bytes)
{
    return (startsWith(bytes, "HTTP/1.1 101") || startsWith(bytes, "HTTP/1.0 101"));
}

bool hasHepMagic(ByteView bytes)
{
    return bytes.size() >= 4 && (bytes[0] == 'H' || bytes[0] == 'E') && bytes[1] == 'E' && bytes[2] == 'P'
        && bytes[3] == '3';
}

std::optional<std::size_t> findHepMagic(ByteView bytes, std::size_t from)
{
    for (std::size_t i = from; i + 4 <= bytes.size(); ++i) {
        if (hasHepMagic(bytes.subspan(i)))
            return i;
    }
    return std::nullopt;
}

bool payloadLooksLikeSip(ByteView payload)
{
    return looksLikeSipStart(payload.subspan(skipLineEnds(payload)));
}

} // namespace

class TcpSipDissector::Impl {
public:
    class Direction;

    Impl(const DissectorLimits& limits, DissectorStats& stats);
    ~Impl();

    void push(const FrameContext& frame, const TcpSegment& segment, DissectorSink& sink);
    void finish(DissectorSink& sink);
    std::size_t bufferedBytes() const;
    std::size_t streamCount() const { return m_directions.size(); }

    Direction* find(const DirectionKey& key) const;
    DissectorLimits m_limits;
    DissectorStats& m_stats;
    HepDecoder m_hep;

private:
    Direction* create(const DirectionKey& key, DissectorSink& sink);
    void remove(Direction* direction, DissectorSink& sink);
    void expireIdle(std::int64_t nowNs, DissectorSink& sink);
    void touch(Direction* direction);
    void unlink(Direction* direction);

    std::unordered_map<DirectionKey, std::unique_ptr<Direction>, DirectionKeyHash> m_directions;
    Direction* m_newest = nullptr;
    Direction* m_oldest = nullptr;
};

class TcpSipDissector::Impl::Direction final : public TcpStreamConsumer,
                                               public SipFramerConsumer,
                                               public WebSocketMessageConsumer {
public:
    Direction(Impl& owner, const DirectionKey& key)
        : m_owner(owner)
        , m_key(key)
        , m_reassembler(owner.m_limits, owner.m_stats)
        , m_framer(owner.m_limits.maxPendingMessageBytes)
        , m_websocket(owner.m_limits.maxPendingMessageBytes)
    {
    }

    void push(const FrameContext& frame, const TcpSegment& segment, DissectorSink& sink)
    {
        m_frame = &frame;
        m_sink = &sink;
        m_encapsulation = segment.encapsulation;
        m_lastFileIndex = frame.fileIndex;
        m_lastFrameNumber = frame.frameNumber;
        m_lastTimestampNs = frame.timestampNs;
        if ((segment.flags & TcpSyn) && m_synFrame == 0)
            m_synFrame = frame.frameNumber;
        m_reassembler.push(segment, frame.frameNumber, *this);
        m_frame = nullptr;
    }

    // Delivers everything still held (buffered segments past gaps, a partial message, truncated).
    void flushAll(DissectorSink& sink)
    {
        m_sink = &sink;
        m_frame = nullptr;
        m_reassembler.flush(*this);
        endOfData();
    }

    bool ended() const { return m_reassembler.ended(); }
    StreamMode mode() const { return m_mode; }
    std::size_t bufferedBytes() const
    {
        return m_reassembler.bufferedBytes() + m_framer.pendingBytes() + m_websocket.bufferedBytes()
            + m_hepBuffer.size();
    }

    const DirectionKey& key() const { return m_key; }
    bool isNewConnection(const TcpSegment& segment) const { return m_reassembler.isNewConnection(segment); }

    std::int64_t m_lastSeenNs = 0;
    Direction* m_newer = nullptr;
    Direction* m_older = nullptr;

    void onStreamData(const TcpStreamChunk& chunk) override
    {
        // Noted before the chunk is framed: a message it completes takes it along, and whatever is
        // left over waits for the next message.
        if (m_mode != StreamMode::Unknown)
            noteUnattributed(chunk);
        switch (m_mode) {
        case StreamMode::Unknown: {
            const auto delivered = m_delivered;
            detect(chunk);
            // The chunk that told what the stream carries (an HTTP upgrade, say) belongs with the
            // next message, unless a message took it already.
            if (m_mode != StreamMode::Unknown && m_delivered == delivered)
                noteUnattributed(chunk);
            break;
        }
        case StreamMode::Sip:
            m_framer.feed(chunk.bytes, chunk.frameNumber, chunk.gapBefore, *this, chunk.frames);
            break;
        case StreamMode::HttpHeader:
            consumeHttpHeader(chunk.bytes, chunk.frameNumber, chunk.frames, chunk.gapBefore);
            break;
        case StreamMode::WebSocket:
            m_websocket.feed(chunk.bytes, chunk.frameNumber, chunk.gapBefore, *this, chunk.frames);
            break;
        case StreamMode::Hep:
            feedHep(chunk.bytes, chunk.frameNumber, chunk.frames, chunk.gapBefore);
            break;
        }
    }

    void onStreamEnd() override { endOfData(); }

    void onSipMessage(const SipFramedMessage& message) override
    {
        SipPayload payload;
        payload.source = m_key.source;
        payload.destination = m_key.destination;
        payload.transport = Transport::Tcp;
        payload.encapsulation = m_encapsulation;
        if (message.spansChunks)
            payload.encapsulation.add(Encapsulation::TcpSegments);
        payload.framing = message.truncated ? PayloadFraming::StreamTruncated : PayloadFraming::Stream;
        payload.bytes = message.bytes;
        payload.firstFrameNumber = message.firstFrameNumber;
        payload.frames = message.frames;
        if (message.truncated)
            ++m_owner.m_stats.truncatedMessages;
        deliver(payload);
    }

    void onWebSocketMessage(const WebSocketMessage& message) override
    {
        ++m_owner.m_stats.websocketMessages;
        // RFC 7118: one SIP message per WebSocket message; anything else on the socket is not ours.
        if (!payloadLooksLikeSip(message.payload))
            return;
        SipPayload payload;
        payload.source = m_key.source;
        payload.destination = m_key.destination;
        payload.transport = Transport::WebSocket;
        payload.encapsulation = m_encapsulation;
        payload.encapsulation.add(Encapsulation::WebSocket);
        if (message.spansChunks)
            payload.encapsulation.add(Encapsulation::TcpSegments);
        payload.framing = message.truncated ? PayloadFraming::StreamTruncated : PayloadFraming::Datagram;
        payload.bytes = message.payload;
        payload.firstFrameNumber = message.firstFrameNumber;
        payload.frames = message.frames;
        if (message.truncated)
            ++m_owner.m_stats.truncatedMessages;
        deliver(payload);
    }

private:
    void detect(const TcpStreamChunk& chunk)
    {
        const ByteView bytes = chunk.bytes;
        const std::size_t start = skipLineEnds(bytes);
        if (start == bytes.size())
            return;
        const ByteView rest = bytes.subspan(start);
        if (looksLikeSipStart(rest)) {
            becomeSip();
            m_framer.feed(rest, chunk.frameNumber, false, *this, chunk.frames);
            return;
        }
        if (hasHepMagic(rest) && HepDecoder::looksLikeHep(rest)) {
            m_mode = StreamMode::Hep;
            m_reassembler.setBuffering(true);
            feedHep(rest, chunk.frameNumber, chunk.frames, false);
            return;
        }
        if (isWebSocketUpgradeRequest(rest) || isSwitchingProtocolsResponse(rest)) {
            m_mode = StreamMode::HttpHeader;
            m_reassembler.setBuffering(true);
            m_httpBytes = 0;
            m_httpPrevious = 0;
            m_httpBeforePrevious = 0;
            consumeHttpHeader(rest, chunk.frameNumber, chunk.frames, false);
            return;
        }
        if (WebSocketDecoder::looksLikeSipFrame(rest)) {
            becomeWebSocket(false);
            m_websocket.feed(rest, chunk.frameNumber, false, *this, chunk.frames);
            return;
        }
        // The other direction of this connection already told what it carries.
        if (const Direction* reverse = m_owner.find({ m_key.destination, m_key.source })) {
            if (reverse->mode() == StreamMode::Sip) {
                becomeSip();
                m_framer.feed(bytes, chunk.frameNumber, true, *this, chunk.frames);
                return;
            }
            if (reverse->mode() == StreamMode::WebSocket || reverse->mode() == StreamMode::HttpHeader) {
                becomeWebSocket(true);
                m_websocket.feed(bytes, chunk.frameNumber, false, *this, chunk.frames);
                return;
            }
        }
        if (m_unknownChunks < kFullScanChunks) {
            ++m_unknownChunks;
            if (const auto found = findSipStart(bytes, start, bytes.size() - start)) {
                becomeSip();
                m_framer.feed(bytes.subspan(*found), chunk.frameNumber, false, *this, chunk.frames);
                return;
            }
        }
        // Out-of-order segments were kept only until the first bytes in order told what the stream
        // carries (a connection's first segment may be overtaken); a stream of no interest keeps nothing.
        m_reassembler.setBuffering(false);
    }

    void becomeSip()
    {
        m_mode = StreamMode::Sip;
        m_reassembler.setBuffering(true);
    }

    void becomeWebSocket(bool needSync)
    {
        m_mode = StreamMode::WebSocket;
        m_reassembler.setBuffering(true);
        m_websocket.reset(needSync);
    }

    // Skips the HTTP upgrade header block without keeping it; the bytes after it are WebSocket frames.
    void consumeHttpHeader(
        ByteView bytes, std::uint64_t frameNumber, std::span<const std::uint64_t> carriers, bool gapBefore)
    {
        if (gapBefore) {
            becomeWebSocket(true);
            m_websocket.feed(bytes, frameNumber, false, *this, carriers);
            return;
        }
        for (std::size_t i = 0; i < bytes.size(); ++i) {
            const std::uint8_t c = bytes[i];
            const bool blankLine
                = c == '\n' && (m_httpPrevious == '\n' || (m_httpPrevious == '\r' && m_httpBeforePrevious == '\n'));
            m_httpBeforePrevious = m_httpPrevious;
            m_httpPrevious = c;
            if (blankLine) {
                becomeWebSocket(false);
                if (i + 1 < bytes.size())
                    m_websocket.feed(bytes.subspan(i + 1), frameNumber, false, *this, carriers);
                return;
            }
        }
        m_httpBytes += bytes.size();
        if (m_httpBytes > kMaxHttpHeader) {
            m_mode = StreamMode::Unknown;
            m_reassembler.setBuffering(false);
        }
    }

    // HEP over TCP: packets follow each other, each framed by its own total length.
    void feedHep(ByteView bytes, std::uint64_t frameNumber, std::span<const std::uint64_t> carriers, bool gapBefore)
    {
        if (gapBefore) {
            m_hepBuffer.clear();
            m_hepSynced = false;
        }
        const auto chunkFrames = carriers.empty() ? std::span<const std::uint64_t>(&frameNumber, 1) : carriers;
        std::size_t pos = 0;
        if (!m_hepBuffer.empty()) {
            ++m_hepChunks;
            if (!bytes.empty())
                m_hepFrames.add(frameNumber, chunkFrames);
            if (m_hepBuffer.size() < kHepHeaderSize) {
                const std::size_t take = std::min(kHepHeaderSize - m_hepBuffer.size(), bytes.size());
                m_hepBuffer.insert(m_hepBuffer.end(), bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(take));
                pos = take;
            }
            if (m_hepBuffer.size() >= kHepHeaderSize) {
                const auto length = HepDecoder::packetLength(m_hepBuffer);
                if (!length || !hasHepMagic(m_hepBuffer)) {
                    m_hepBuffer.clear();
                    m_hepSynced = false;
                } else {
                    const std::size_t take = std::min(*length - m_hepBuffer.size(), bytes.size() - pos);
                    m_hepBuffer.insert(m_hepBuffer.end(), bytes.begin() + static_cast<std::ptrdiff_t>(pos),
                        bytes.begin() + static_cast<std::ptrdiff_t>(pos + take));
                    pos += take;
                    if (m_hepBuffer.size() < *length)
                        return;
                    decodeHep(m_hepBuffer, m_hepFrame, m_hepFrames.view(), m_hepChunks > 1);
                    m_hepBuffer.clear();
                }
            }
        }
        while (pos < bytes.size()) {
            if (!m_hepSynced) {
                const auto found = findHepMagic(bytes, pos);
                if (!found)
                    return;
                pos = *found;
                m_hepSynced = true;
            }
            const ByteView rest = bytes.subspan(pos);
            if (rest.size() >= 4 && !hasHepMagic(rest)) {
                m_hepSynced = false;
                continue;
            }
            const auto length = rest.size() >= kHepHeaderSize ? HepDecoder::packetLength(rest) : std::nullopt;
            if (rest.size() >= kHepHeaderSize && !length) {
                m_hepSynced = false;
                ++pos;
                continue;
            }
            if (length && *length <= rest.size()) {
                decodeHep(rest.first(*length), frameNumber, chunkFrames, false);
                pos += *length;
                continue;
            }
            m_hepBuffer.assign(rest.begin(), rest.end());
            m_hepFrame = frameNumber;
            m_hepFrames.clear();
            m_hepFrames.add(frameNumber, chunkFrames);
            m_hepChunks = 1;
            return;
        }
    }

    void decodeHep(
        ByteView bytes, std::uint64_t firstFrameNumber, std::span<const std::uint64_t> frames, bool spansChunks)
    {
        HepPacket packet;
        if (!m_owner.m_hep.decode(bytes, packet, m_owner.m_stats))
            return;
        if (packet.payloadType != 1 && !(packet.payloadType == 0 && payloadLooksLikeSip(packet.payload)))
            return;
        SipPayload payload;
        payload.source = packet.source;
        payload.destination = packet.destination;
        payload.transport = packet.transport;
        payload.encapsulation = m_encapsulation;
        payload.encapsulation.add(Encapsulation::Hep);
        if (packet.compressed)
            payload.encapsulation.add(Encapsulation::HepCompressed);
        if (spansChunks)
            payload.encapsulation.add(Encapsulation::TcpSegments);
        payload.framing = PayloadFraming::Datagram;
        payload.bytes = packet.payload;
        payload.firstFrameNumber = firstFrameNumber;
        payload.frames = frames;
        deliver(payload);
    }

    void endOfData()
    {
        m_framer.flush(*this);
        m_websocket.flush(*this);
        m_hepBuffer.clear();
        m_hepBuffer.shrink_to_fit();
    }

    void deliver(const SipPayload& message)
    {
        if (m_sink == nullptr)
            return;
        SipPayload payload = message;
        attributeFrames(payload);
        if (m_frame != nullptr) {
            m_sink->onSipPayload(*m_frame, payload);
            return;
        }
        // Flushed outside this direction's own frame: the bytes are in our buffers, not in a frame.
        FrameContext context;
        context.fileIndex = m_lastFileIndex;
        context.frameNumber = m_lastFrameNumber;
        context.timestampNs = m_lastTimestampNs;
        m_sink->onSipPayload(context, payload);
    }

    // Frames of this direction whose bytes belong to no message (CRLF keep-alives, WebSocket pings
    // and non-SIP WebSocket messages, HEP packets without SIP) travel with the next message's
    // frames, so that a pcap export of the messages leaves no hole in the stream. The first message
    // also reports the SYN and SYN-ACK that opened the connection (see SipPayload).
    void noteUnattributed(const TcpStreamChunk& chunk)
    {
        // Bounded: a long stretch of bytes that are no message keeps only its latest frames.
        if (m_seen.view().size() >= kMaxUnattributedFrames)
            m_seen.clear();
        m_seen.add(chunk.frameNumber, chunk.frames);
    }

    void attributeFrames(SipPayload& payload)
    {
        ++m_delivered;
        if (!payload.frames.empty() && !m_seen.empty()) {
            const std::uint64_t last = payload.frames.back();
            m_payloadFrames.clear();
            m_rest.clear();
            for (const auto frame : payload.frames)
                m_payloadFrames.add(frame);
            for (const auto frame : m_seen.view()) {
                if (frame <= last)
                    m_payloadFrames.add(frame);
                else
                    m_rest.add(frame);
            }
            m_seen.swap(m_rest);
            payload.frames = m_payloadFrames.view();
        }
        // HEP payloads carry other endpoints than the connection's: nothing to tie the SYN to.
        if (!m_connectionReported && !payload.encapsulation.has(Encapsulation::Hep)) {
            m_connectionReported = true;
            std::size_t count = 0;
            if (m_synFrame != 0)
                m_connectionFrames[count++] = m_synFrame;
            const Direction* reverse = m_owner.find({ m_key.destination, m_key.source });
            if (reverse != nullptr && reverse->m_synFrame != 0)
                m_connectionFrames[count++] = reverse->m_synFrame;
            if (count == 2 && m_connectionFrames[0] > m_connectionFrames[1])
                std::swap(m_connectionFrames[0], m_connectionFrames[1]);
            payload.connectionFrames = std::span<const std::uint64_t>(m_connectionFrames.data(), count);
        }
    }

    static constexpr std::size_t kMaxUnattributedFrames = 64;

    Impl& m_owner;
    DirectionKey m_key;
    TcpStreamReassembler m_reassembler;
    SipFramer m_framer;
    WebSocketDecoder m_websocket;
    StreamMode m_mode = StreamMode::Unknown;
    std::size_t m_unknownChunks = 0;

    std::size_t m_httpBytes = 0;
    std::uint8_t m_httpPrevious = 0;
    std::uint8_t m_httpBeforePrevious = 0;

    std::vector<std::uint8_t> m_hepBuffer;
    std::uint64_t m_hepFrame = 0;
    CarrierFrames m_hepFrames; // the frames whose bytes are in m_hepBuffer
    std::size_t m_hepChunks = 0;
    bool m_hepSynced = true;

    CarrierFrames m_seen; // frames of chunks fed since the last message, not yet attributed
    std::uint64_t m_delivered = 0; // messages delivered so far
    CarrierFrames m_payloadFrames;
    CarrierFrames m_rest;
    std::uint64_t m_synFrame = 0; // the SYN that opened this direction, when captured
    bool m_connectionReported = false;
    std::array<std::uint64_t, 2> m_connectionFrames {};

    EncapsulationSet m_encapsulation;
    const FrameContext* m_frame = nullptr;
    DissectorSink* m_sink = nullptr;
    std::uint32_t m_lastFileIndex = 0;
    std::uint64_t m_lastFrameNumber = 0;
    std::int64_t m_lastTimestampNs = 0;
};

TcpSipDissector::Impl::Impl(const DissectorLimits& limits, DissectorStats& stats)
    : m_limits(limits)
    , m_stats(stats)
{
    m_limits.maxTcpStreams = std::max<std::size_t>(m_limits.maxTcpStreams, 1);
}

TcpSipDissector::Impl::~Impl() = default;

TcpSipDissector::Impl::Direction* TcpSipDissector::Impl::find(const DirectionKey& key) const
{
    const auto it = m_directions.find(key);
    return it == m_directions.end() ? nullptr : it->second.get();
}

void TcpSipDissector::Impl::push(const FrameContext& frame, const TcpSegment& segment, DissectorSink& sink)
{
    ++m_stats.tcpSegments;
    expireIdle(frame.timestampNs, sink);
    const DirectionKey key { segment.source, segment.destination };
    Direction* direction = find(key);
    if (direction == nullptr) {
        // Pure ACKs, FINs and RSTs of connections we never saw data on create nothing.
        if (segment.payload.empty() && !(segment.flags & TcpSyn))
            return;
        direction = create(key, sink);
    } else if ((segment.flags & TcpSyn) && direction->isNewConnection(segment)) {
        remove(direction, sink);
        direction = create(key, sink);
    }
    direction->m_lastSeenNs = frame.timestampNs;
    touch(direction);
    direction->push(frame, segment, sink);
}

TcpSipDissector::Impl::Direction* TcpSipDissector::Impl::create(const DirectionKey& key, DissectorSink& sink)
{
    if (m_directions.size() >= m_limits.maxTcpStreams && m_oldest != nullptr) {
        // Only a direction that could still carry data is a loss worth reporting.
        if (!m_oldest->ended())
            ++m_stats.tcpStreamsEvicted;
        remove(m_oldest, sink);
    }
    auto owned = std::make_unique<Direction>(*this, key);
    Direction* direction = owned.get();
    m_directions.emplace(key, std::move(owned));
    return direction;
}

void TcpSipDissector::Impl::remove(Direction* direction, DissectorSink& sink)
{
    direction->flushAll(sink);
    unlink(direction);
    const DirectionKey key = direction->key();
    m_directions.erase(key);
}

void TcpSipDissector::Impl::expireIdle(std::int64_t nowNs, DissectorSink& sink)
{
    while (m_oldest != nullptr && nowNs - m_oldest->m_lastSeenNs > m_limits.tcpIdleTimeoutNs)
        remove(m_oldest, sink);
}

void TcpSipDissector::Impl::unlink(Direction* direction)
{
    if (direction->m_newer != nullptr)
        direction->m_newer->m_older = direction->m_older;
    else if (m_newest == direction)
        m_newest = direction->m_older;
    if (direction->m_older != nullptr)
        direction->m_older->m_newer = direction->m_newer;
    else if (m_oldest == direction)
        m_oldest = direction->m_newer;
    direction->m_newer = nullptr;
    direction->m_older = nullptr;
}

void TcpSipDissector::Impl::touch(Direction* direction)
{
    if (m_newest == direction)
        return;
    unlink(direction);
    direction->m_older = m_newest;
    if (m_newest != nullptr)
        m_newest->m_newer = direction;
    m_newest = direction;
    if (m_oldest == nullptr)
        m_oldest = direction;
}

void TcpSipDissector::Impl::finish(DissectorSink& sink)
{
    // Oldest first, so that the order of what is flushed does not depend on hashing.
    while (m_oldest != nullptr)
        remove(m_oldest, sink);
}

std::size_t TcpSipDissector::Impl::bufferedBytes() const
{
    std::size_t total = 0;
    for (const auto& [key, direction] : m_directions)
        total += direction->bufferedBytes();
    return total;
}

TcpSipDissector::TcpSipDissector(const DissectorLimits& limits, DissectorStats& stats)
    : m_impl(std::make_unique<Impl>(limits, stats))
{
}

TcpSipDissector::~TcpSipDissector() = default;

void TcpSipDissector::push(const FrameContext& frame, const TcpSegment& segment, DissectorSink& sink)
{
    m_impl->push(frame, segment, sink);
}

void TcpSipDissector::finish(DissectorSink& sink)
{
    m_impl->finish(sink);
}

std::size_t TcpSipDissector::bufferedBytes() const
{
    return m_impl->bufferedBytes();
}

std::size_t TcpSipDissector::streamCount() const
{
    return m_impl->streamCount();
}

} // namespace sipladder::core
