// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "load/load_batch.h"

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>

namespace sipladder::core {

// A bounded hand-over of batches from one producer thread to one consumer thread; emptied batches
// come back through recycle() so the steady state allocates nothing.
class BatchQueue {
public:
    explicit BatchQueue(std::size_t maxInFlight = 8);

    // Producer: an empty batch to fill (waits while too many are in flight).
    std::unique_ptr<LoadBatch> acquire();
    void push(std::unique_ptr<LoadBatch> batch);
    // Producer: no more batches will come.
    void close();

    // Consumer: the next batch, or nullptr once closed and drained.
    std::unique_ptr<LoadBatch> pop();
    void recycle(std::unique_ptr<LoadBatch> batch);

private:
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::deque<std::unique_ptr<LoadBatch>> m_full;
    std::deque<std::unique_ptr<LoadBatch>> m_free;
    std::size_t m_inFlight = 0;
    std::size_t m_maxInFlight;
    bool m_closed = false;
};

} // namespace sipladder::core
