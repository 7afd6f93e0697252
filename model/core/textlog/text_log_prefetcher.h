// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "textlog/text_log_reader.h"

#include <array>
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace sipladder::core {

// Hands out the messages of a TextLogReader, read ahead on a thread of its own when `background`
// is set: taking a log apart line by line is the slow half of loading it, and the loading thread can
// meanwhile pass the messages already read on to the call model. In the background the loading
// thread also infers the endpoints of the messages it takes (the reader leaves them), which
// shares the work of a log out between the two. Messages and warnings come out in
// the reader's order either way. In the background the reader works alone on its HostNameTable
// (stand-in addresses are numbered in reading order), so a load reads only one log this way.
class TextLogPrefetcher {
public:
    TextLogPrefetcher(std::unique_ptr<TextLogReader> reader, bool background);
    // Stops the thread when the messages were not all taken (a cancelled load).
    ~TextLogPrefetcher();
    TextLogPrefetcher(const TextLogPrefetcher&) = delete;
    TextLogPrefetcher& operator=(const TextLogPrefetcher&) = delete;

    // The next message (its bytes valid until the next call); false at the end of the log.
    bool next(TextLogMessage& message);
    // The reader's warnings up to the message handed out last (all of them once next() said false);
    // the caller clears the vector.
    std::vector<TextLogWarning>& warnings() { return m_warnings; }

    std::uint64_t bytesConsumed() const;
    std::uint64_t bytesTotal() const { return m_reader->bytesTotal(); }
    // These are the reader's own figures: ask before the first message or after the last.
    const TextLogReader& reader() const { return *m_reader; }

private:
    // What a message's endpoints are to be inferred from, kept in a chunk: the texts as places in
    // its bytes (most are inside the message itself).
    struct Evidence {
        std::array<std::pair<std::uint32_t, std::uint32_t>, MessageFacts::kTextCount> texts {}; // offset, length
        LogContext context;
        bool isRequest = false;
        bool pending = false; // false: the reader inferred the endpoints itself
    };
    struct Chunk {
        std::vector<TextLogMessage> messages; // bytes point into `bytes` once handed out
        std::vector<std::size_t> offsets; // of each message in `bytes`
        std::vector<Evidence> evidence; // of each message
        std::string bytes;
        std::vector<std::pair<std::size_t, TextLogWarning>> warnings; // raised before message N
        bool last = false;
        void clear();
    };

    void readAhead();
    void takeChunk(); // waits for the next chunk
    void moveWarningsBefore(std::size_t index);

    std::unique_ptr<TextLogReader> m_reader;
    bool m_background;
    bool m_started = false;
    bool m_ended = false;

    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<std::unique_ptr<Chunk>> m_ready;
    std::deque<std::unique_ptr<Chunk>> m_free;
    bool m_stop = false;
    std::atomic<std::uint64_t> m_bytesConsumed {0};
    std::thread m_thread;

    std::unique_ptr<Chunk> m_current;
    std::size_t m_nextInChunk = 0;
    std::size_t m_nextWarning = 0;
    std::vector<TextLogWarning> m_warnings;
};

} // namespace sipladder::core
