// SPDX-License-Identifier: Apache-2.0
#include "textlog/text_log_prefetcher.h"

#include <cstdint>

namespace sipladder::core {

namespace {

// A chunk is handed over when it holds this many messages or bytes; a few chunks in flight keep
// both threads busy without holding much of the log in memory.
constexpr std::size_t kMessagesPerChunk = 512;
constexpr std::size_t kBytesPerChunk = 512 * 1024;
constexpr std::size_t kChunksInFlight = 8;

} // namespace

void TextLogPrefetcher::Chunk::clear()
{
    messages.clear();
    offsets.clear();
    evidence.clear();
    bytes.clear();
    warnings.clear();
    last = false;
}

TextLogPrefetcher::TextLogPrefetcher(std::unique_ptr<TextLogReader> reader, bool background)
    : m_reader(std::move(reader))
    , m_background(background)
{
}

TextLogPrefetcher::~TextLogPrefetcher()
{
    if (!m_thread.joinable())
        return;
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_changed.notify_all();
    m_thread.join();
}

std::uint64_t TextLogPrefetcher::bytesConsumed() const
{
    if (!m_background || !m_started)
        return m_reader->bytesConsumed();
    return m_bytesConsumed.load(std::memory_order_relaxed);
}

bool TextLogPrefetcher::next(TextLogMessage& message)
{
    if (!m_background) {
        const bool read = m_reader->next(message);
        for (auto& warning : m_reader->warnings())
            m_warnings.push_back(std::move(warning));
        m_reader->warnings().clear();
        return read;
    }
    if (!m_started) {
        m_started = true;
        m_thread = std::thread([this] { readAhead(); });
    }
    while (!m_current || m_nextInChunk == m_current->messages.size()) {
        if (m_current) {
            moveWarningsBefore(m_current->messages.size());
            if (m_current->last) {
                if (!m_ended) {
                    m_ended = true;
                    // The reader's figures may be read from here on: the thread is done with it.
                    m_thread.join();
                }
                return false;
            }
        }
        takeChunk();
    }
    moveWarningsBefore(m_nextInChunk);
    const std::string_view bytes = m_current->bytes;
    message = m_current->messages[m_nextInChunk];
    message.bytes = asBytes(bytes.substr(m_current->offsets[m_nextInChunk], message.bytes.size()));
    const Evidence& kept = m_current->evidence[m_nextInChunk];
    if (kept.pending) {
        TextLogReader::EndpointEvidence evidence;
        evidence.facts.isRequest = kept.isRequest;
        const auto texts = evidence.facts.texts();
        for (std::size_t i = 0; i < texts.size(); ++i)
            *texts[i] = bytes.substr(kept.texts[i].first, kept.texts[i].second);
        evidence.context = kept.context;
        m_reader->inferEndpoints(message, evidence);
    }
    ++m_nextInChunk;
    return true;
}

void TextLogPrefetcher::moveWarningsBefore(std::size_t index)
{
    auto& pending = m_current->warnings;
    while (m_nextWarning < pending.size() && pending[m_nextWarning].first <= index)
        m_warnings.push_back(std::move(pending[m_nextWarning++].second));
}

void TextLogPrefetcher::takeChunk()
{
    std::unique_lock lock(m_mutex);
    if (m_current) {
        m_current->clear();
        m_free.push_back(std::move(m_current));
        m_changed.notify_all();
    }
    m_changed.wait(lock, [this] { return !m_ready.empty(); });
    m_current = std::move(m_ready.front());
    m_ready.pop_front();
    m_nextInChunk = 0;
    m_nextWarning = 0;
}

void TextLogPrefetcher::readAhead()
{
    std::unique_ptr<Chunk> chunk = std::make_unique<Chunk>();
    TextLogMessage message;
    for (;;) {
        const TextLogReader::EndpointEvidence* evidence = nullptr;
        const bool read = m_reader->nextLeavingEndpoints(message, evidence);
        for (auto& warning : m_reader->warnings())
            chunk->warnings.emplace_back(chunk->messages.size(), std::move(warning));
        m_reader->warnings().clear();
        if (read) {
            const std::size_t offset = chunk->bytes.size();
            const std::string_view text = asText(message.bytes);
            chunk->offsets.push_back(offset);
            chunk->bytes.append(text);
            chunk->messages.push_back(message);
            Evidence& kept = chunk->evidence.emplace_back();
            if (evidence != nullptr) {
                kept.pending = true;
                kept.isRequest = evidence->facts.isRequest;
                kept.context = evidence->context;
                auto facts = evidence->facts;
                const auto texts = facts.texts();
                for (std::size_t i = 0; i < texts.size(); ++i) {
                    const std::string_view fact = *texts[i];
                    // A header value is a slice of the message; anything else is kept after it.
                    const auto factAt = reinterpret_cast<std::uintptr_t>(fact.data());
                    const auto textAt = reinterpret_cast<std::uintptr_t>(text.data());
                    std::size_t at = 0;
                    if (!fact.empty() && factAt >= textAt && factAt + fact.size() <= textAt + text.size()) {
                        at = offset + (factAt - textAt);
                    } else {
                        at = chunk->bytes.size();
                        chunk->bytes.append(fact);
                    }
                    kept.texts[i] = {static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(fact.size())};
                }
            }
        }
        chunk->last = !read;
        if (read && chunk->messages.size() < kMessagesPerChunk && chunk->bytes.size() < kBytesPerChunk)
            continue;
        m_bytesConsumed.store(m_reader->bytesConsumed(), std::memory_order_relaxed);
        std::unique_lock lock(m_mutex);
        m_ready.push_back(std::move(chunk));
        m_changed.notify_all();
        if (!read)
            return;
        m_changed.wait(lock, [this] { return m_stop || m_ready.size() < kChunksInFlight; });
        if (m_stop)
            return;
        if (!m_free.empty()) {
            chunk = std::move(m_free.front());
            m_free.pop_front();
        } else {
            chunk = std::make_unique<Chunk>();
        }
    }
}

} // namespace sipladder::core
