// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "load/batch_parser.h"
#include "load/load_batch.h"

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>

namespace sipladder::core {

// Hands batches from the reading thread (producer) to the grouping thread (consumer), in order,
// and shares the parsing between them: the consumer parses the oldest batch unless the producer
// already took it; the producer, when the consumer falls behind, parses the newest waiting one.
// Whoever is less busy ends up parsing more. Emptied batches are recycled.
class BatchQueue {
public:
    explicit BatchQueue(std::size_t maxInFlight = 16);

    // Producer: an empty batch to fill; while too many are in flight, helps by parsing instead of
    // only waiting.
    std::unique_ptr<LoadBatch> acquire(BatchParser& parser);
    // Producer: hands a filled batch over; parses a waiting one if the consumer is behind.
    void push(std::unique_ptr<LoadBatch> batch, BatchParser& parser);
    // Producer: no more batches will come.
    void close();

    // Consumer: the next batch in order, parsed (by itself or the producer), or nullptr at the end.
    std::unique_ptr<LoadBatch> pop(BatchParser& parser);
    void recycle(std::unique_ptr<LoadBatch> batch);

private:
    // Claims and parses the newest unparsed batch; false when there is none.
    bool helpParse(BatchParser& parser, std::unique_lock<std::mutex>& lock);
    static bool claim(LoadBatch& batch);
    void finishParsing(LoadBatch& batch);

    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<std::unique_ptr<LoadBatch>> m_waiting; // in order; raw, being parsed or parsed
    std::deque<std::unique_ptr<LoadBatch>> m_free;
    std::size_t m_inFlight = 0;
    std::size_t m_maxInFlight;
    bool m_closed = false;
};

} // namespace sipladder::core
