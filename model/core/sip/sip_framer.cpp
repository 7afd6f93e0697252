// SPDX-License-Identifier: Apache-2.0
#include "sip/sip_framer.h"

#include "sip/sip_start_line.h"

#include <algorithm>
#include <cstring>

namespace sipladder::core {

namespace {

// A start line longer than this is not SIP (the same bound as looksLikeSipStart).
constexpr std::size_t kMaxStartLine = 8192;
// Content-Length values above this are clamped; such a message hits the pending bound anyway.
constexpr std::uint64_t kMaxContentLength = std::uint64_t(1) << 40;
constexpr std::size_t kKeptCapacity = 64 * 1024;

bool isLineEnd(std::uint8_t c)
{
    return c == '\r' || c == '\n';
}

bool isSpace(std::uint8_t c)
{
    return c == ' ' || c == '\t';
}

char lower(std::uint8_t c)
{
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : static_cast<char>(c);
}

bool equalsNoCase(ByteView bytes, std::string_view lowerText)
{
    if (bytes.size() != lowerText.size())
        return false;
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        if (lower(bytes[i]) != lowerText[i])
            return false;
    }
    return true;
}

std::size_t skipLineEnds(ByteView bytes, std::size_t pos)
{
    while (pos < bytes.size() && isLineEnd(bytes[pos]))
        ++pos;
    return pos;
}

} // namespace

SipFramer::SipFramer(std::size_t maxPendingMessageBytes)
    : m_maxPending(std::max<std::size_t>(maxPendingMessageBytes, 64))
{
}

std::optional<std::size_t> SipFramer::findHeaderEnd(ByteView bytes, std::size_t from)
{
    const std::uint8_t* data = bytes.data();
    const std::size_t size = bytes.size();
    std::size_t pos = from;
    while (pos < size) {
        const auto* lf = static_cast<const std::uint8_t*>(std::memchr(data + pos, '\n', size - pos));
        if (lf == nullptr)
            return std::nullopt;
        const std::size_t i = static_cast<std::size_t>(lf - data);
        if (i + 1 < size && data[i + 1] == '\n')
            return i + 2;
        if (i + 2 < size && data[i + 1] == '\r' && data[i + 2] == '\n')
            return i + 3;
        pos = i + 1;
    }
    return std::nullopt;
}

std::uint64_t SipFramer::contentLength(ByteView headerBlock)
{
    const auto header = scanHeaderBlock(headerBlock);
    if (header)
        return header->contentLength;
    // No blank line: read the lines there are.
    std::uint64_t value = 0;
    const std::uint8_t* data = headerBlock.data();
    const std::size_t size = headerBlock.size();
    const auto* firstLf = static_cast<const std::uint8_t*>(std::memchr(data, '\n', size));
    std::size_t pos = firstLf ? static_cast<std::size_t>(firstLf - data) + 1 : size;
    while (pos < size) {
        const auto* lf = static_cast<const std::uint8_t*>(std::memchr(data + pos, '\n', size - pos));
        const std::size_t lineEnd = lf ? static_cast<std::size_t>(lf - data) : size;
        if (contentLengthOfLine(headerBlock.subspan(pos, lineEnd - pos), value))
            return value;
        pos = lineEnd + 1;
    }
    return 0;
}

bool SipFramer::contentLengthOfLine(ByteView line, std::uint64_t& value)
{
    // Cheap filter first: only "Content-Length" and its compact form "l" can match.
    if (line.empty() || ((line[0] | 0x20) != 'c' && (line[0] | 0x20) != 'l'))
        return false;
    const auto* colon = static_cast<const std::uint8_t*>(std::memchr(line.data(), ':', line.size()));
    if (colon == nullptr)
        return false;
    std::size_t nameEnd = static_cast<std::size_t>(colon - line.data());
    while (nameEnd > 0 && isSpace(line[nameEnd - 1]))
        --nameEnd;
    const ByteView name = line.first(nameEnd);
    if (!equalsNoCase(name, "content-length") && !equalsNoCase(name, "l"))
        return false;
    std::size_t v = static_cast<std::size_t>(colon - line.data()) + 1;
    while (v < line.size() && isSpace(line[v]))
        ++v;
    value = 0;
    while (v < line.size() && line[v] >= '0' && line[v] <= '9') {
        value = std::min(value * 10 + (line[v] - '0'), kMaxContentLength);
        ++v;
    }
    return true;
}

std::optional<SipFramer::HeaderBlock> SipFramer::scanHeaderBlock(ByteView bytes)
{
    // One pass over the lines: finds the blank line and reads Content-Length on the way.
    const std::uint8_t* data = bytes.data();
    const std::size_t size = bytes.size();
    HeaderBlock block;
    bool haveLength = false;
    bool firstLine = true;
    std::size_t pos = 0;
    while (pos < size) {
        const auto* lf = static_cast<const std::uint8_t*>(std::memchr(data + pos, '\n', size - pos));
        if (lf == nullptr)
            return std::nullopt;
        const std::size_t i = static_cast<std::size_t>(lf - data);
        std::size_t lineEnd = i;
        if (lineEnd > pos && data[lineEnd - 1] == '\r')
            --lineEnd;
        if (!firstLine) {
            if (lineEnd == pos) {
                block.headerLength = i + 1;
                return block;
            }
            if (!haveLength && !isSpace(data[pos]))
                haveLength = contentLengthOfLine(bytes.subspan(pos, lineEnd - pos), block.contentLength);
        }
        firstLine = false;
        pos = i + 1;
    }
    return std::nullopt;
}

SipFramer::StartLine SipFramer::classifyStartLine(ByteView bytes)
{
    if (looksLikeSipStart(bytes))
        return StartLine::Sip;
    const std::size_t window = std::min(bytes.size(), kMaxStartLine);
    if (bytes.size() >= kMaxStartLine || std::memchr(bytes.data(), '\n', window) != nullptr)
        return StartLine::NotSip;
    return StartLine::Undecided;
}

void SipFramer::feed(ByteView chunk, std::uint64_t frameNumber, bool gapBefore, SipFramerConsumer& consumer,
    std::span<const std::uint64_t> carriers)
{
    const auto chunkFrames = carriers.empty() ? std::span<const std::uint64_t>(&frameNumber, 1) : carriers;
    if (gapBefore) {
        if (!m_pending.empty() && m_pendingStartIsSip)
            emitPending(m_pending.size(), true, consumer);
        clearPending();
        m_needSync = true;
    }

    std::size_t pos = 0;
    if (!m_pending.empty())
        pos = continuePending(chunk, chunkFrames, consumer);

    while (pos < chunk.size()) {
        pos = skipLineEnds(chunk, pos);
        if (pos == chunk.size())
            break;
        ByteView rest = chunk.subspan(pos);
        if (m_needSync) {
            if (!looksLikeSipStart(rest)) {
                const auto found = findSipStart(chunk, pos, chunk.size() - pos);
                if (!found) {
                    keepPossibleStartLine(chunk, pos, frameNumber, chunkFrames);
                    break;
                }
                pos = *found;
                rest = chunk.subspan(pos);
            }
            m_needSync = false;
        }
        const StartLine start = classifyStartLine(rest);
        if (start == StartLine::NotSip) {
            // Content-Length was wrong or the stream carries something else: look for the next message.
            m_needSync = true;
            continue;
        }
        if (start == StartLine::Sip) {
            if (const auto header = scanHeaderBlock(rest)) {
                const std::uint64_t total = header->headerLength + header->contentLength;
                if (total <= rest.size()) {
                    SipFramedMessage message;
                    message.bytes = rest.first(static_cast<std::size_t>(total));
                    message.firstFrameNumber = frameNumber;
                    message.frames = chunkFrames;
                    consumer.onSipMessage(message);
                    pos += static_cast<std::size_t>(total);
                    continue;
                }
            }
        }
        beginPending(rest, frameNumber, chunkFrames, consumer);
        if (!m_pending.empty())
            break;
        // The partial message was already over the bound and was emitted as truncated.
        pos += std::min(rest.size(), m_maxPending);
    }
}

void SipFramer::keepPossibleStartLine(
    ByteView chunk, std::size_t from, std::uint64_t frameNumber, std::span<const std::uint64_t> chunkFrames)
{
    // The chunk may end inside the start line of the next message: keep its last line if it could be
    // one (printable, no line end yet), so that resynchronisation does not miss a split start line.
    std::size_t tailStart = chunk.size();
    while (tailStart > from && chunk[tailStart - 1] != '\n')
        --tailStart;
    const ByteView tail = chunk.subspan(tailStart);
    if (tail.empty() || tail.size() >= kMaxStartLine || !((tail[0] | 0x20) >= 'a' && (tail[0] | 0x20) <= 'z'))
        return;
    for (const std::uint8_t c : tail) {
        if (c < 0x20 || c > 0x7e)
            return;
    }
    clearPending();
    m_pending.assign(tail.begin(), tail.end());
    m_pendingFrame = frameNumber;
    m_pendingFrames.add(frameNumber, chunkFrames);
    m_pendingChunks = 1;
}

void SipFramer::beginPending(ByteView rest, std::uint64_t frameNumber, std::span<const std::uint64_t> chunkFrames,
    SipFramerConsumer& consumer)
{
    clearPending();
    m_pendingFrame = frameNumber;
    m_pendingFrames.add(frameNumber, chunkFrames);
    m_pendingChunks = 1;
    m_pendingStartIsSip = classifyStartLine(rest) == StartLine::Sip;
    m_pending.assign(rest.begin(), rest.begin() + static_cast<std::ptrdiff_t>(std::min(rest.size(), m_maxPending)));
    if (m_pendingStartIsSip) {
        if (const auto headerEnd = findHeaderEnd(m_pending)) {
            m_headerLength = *headerEnd;
            m_totalLength = *headerEnd + contentLength(ByteView(m_pending).first(*headerEnd));
        } else {
            m_scanFrom = m_pending.size() >= 2 ? m_pending.size() - 2 : 0;
        }
    }
    if (m_pending.size() >= m_maxPending) {
        if (m_pendingStartIsSip)
            emitPending(m_pending.size(), true, consumer);
        clearPending();
        m_needSync = true;
    }
}

std::size_t SipFramer::continuePending(
    ByteView chunk, std::span<const std::uint64_t> chunkFrames, SipFramerConsumer& consumer)
{
    ++m_pendingChunks;
    // Every path below that emits the message has taken at least one byte of this chunk.
    if (!chunk.empty())
        m_pendingFrames.add(chunkFrames.front(), chunkFrames);
    const std::size_t old = m_pending.size();

    if (m_headerLength != 0) {
        const std::uint64_t need = m_totalLength - old;
        const std::size_t take = static_cast<std::size_t>(
            std::min<std::uint64_t>({ need, chunk.size(), static_cast<std::uint64_t>(m_maxPending - old) }));
        m_pending.insert(m_pending.end(), chunk.begin(), chunk.begin() + static_cast<std::ptrdiff_t>(take));
        if (m_pending.size() == m_totalLength) {
            emitPending(m_pending.size(), false, consumer);
            clearPending();
        } else if (m_pending.size() >= m_maxPending) {
            emitPending(m_pending.size(), true, consumer);
            clearPending();
            m_needSync = true;
        }
        return take;
    }

    const std::size_t take = std::min(chunk.size(), m_maxPending - old);
    m_pending.insert(m_pending.end(), chunk.begin(), chunk.begin() + static_cast<std::ptrdiff_t>(take));

    if (!m_pendingStartIsSip) {
        const StartLine start = classifyStartLine(m_pending);
        if (start == StartLine::NotSip || (start == StartLine::Undecided && m_pending.size() >= m_maxPending)) {
            // Not a message after all: rescan this chunk from its start for the next one.
            clearPending();
            m_needSync = true;
            return 0;
        }
        if (start == StartLine::Undecided)
            return take;
        m_pendingStartIsSip = true;
        m_needSync = false;
    }

    const auto headerEnd = findHeaderEnd(m_pending, m_scanFrom);
    if (!headerEnd) {
        m_scanFrom = m_pending.size() >= 2 ? m_pending.size() - 2 : 0;
        if (m_pending.size() >= m_maxPending) {
            emitPending(m_pending.size(), true, consumer);
            clearPending();
            m_needSync = true;
        }
        return take;
    }
    m_headerLength = *headerEnd;
    m_totalLength = *headerEnd + contentLength(ByteView(m_pending).first(*headerEnd));
    if (m_pending.size() >= m_totalLength) {
        // The header end lies in this chunk, so the message ends in it too: what follows is not ours.
        const std::size_t excess = m_pending.size() - static_cast<std::size_t>(m_totalLength);
        emitPending(static_cast<std::size_t>(m_totalLength), false, consumer);
        clearPending();
        return take - excess;
    }
    if (m_pending.size() >= m_maxPending) {
        emitPending(m_pending.size(), true, consumer);
        clearPending();
        m_needSync = true;
    }
    return take;
}

void SipFramer::emitPending(std::size_t length, bool truncated, SipFramerConsumer& consumer)
{
    SipFramedMessage message;
    message.bytes = ByteView(m_pending).first(length);
    message.firstFrameNumber = m_pendingFrame;
    message.frames = m_pendingFrames.view();
    message.truncated = truncated;
    message.spansChunks = m_pendingChunks > 1;
    consumer.onSipMessage(message);
}

void SipFramer::clearPending()
{
    m_pending.clear();
    // Keep a small buffer for the next partial message, but do not hold on to a huge one.
    if (m_pending.capacity() > kKeptCapacity)
        m_pending.shrink_to_fit();
    m_pendingChunks = 0;
    m_pendingFrames.clear();
    m_pendingStartIsSip = false;
    m_headerLength = 0;
    m_totalLength = 0;
    m_scanFrom = 0;
}

void SipFramer::flush(SipFramerConsumer& consumer)
{
    if (!m_pending.empty() && m_pendingStartIsSip)
        emitPending(m_pending.size(), true, consumer);
    clearPending();
    m_needSync = true;
}

} // namespace sipladder::core
