// SPDX-License-Identifier: Apache-2.0
#include "load/batch_queue.h"

namespace sipladder::core {

namespace {

constexpr int kRaw = static_cast<int>(LoadBatch::State::Raw);
constexpr int kParsing = static_cast<int>(LoadBatch::State::Parsing);
constexpr int kParsed = static_cast<int>(LoadBatch::State::Parsed);

} // namespace

BatchQueue::BatchQueue(std::size_t maxInFlight)
    : m_maxInFlight(maxInFlight)
{
}

bool BatchQueue::claim(LoadBatch& batch)
{
    int expected = kRaw;
    return batch.state().compare_exchange_strong(expected, kParsing, std::memory_order_acq_rel);
}

void BatchQueue::finishParsing(LoadBatch& batch)
{
    batch.state().store(kParsed, std::memory_order_release);
    batch.state().notify_all();
}

bool BatchQueue::helpParse(BatchParser& parser, std::unique_lock<std::mutex>& lock)
{
    // The newest raw batch: the consumer works from the oldest end, so the two rarely meet.
    // Never the oldest one, which the consumer is about to take.
    for (auto it = m_waiting.rbegin(); m_waiting.size() > 1 && it != m_waiting.rend() - 1; ++it) {
        LoadBatch& batch = **it;
        if (!claim(batch))
            continue;
        // The batch stays alive: the consumer recycles it only after it is parsed.
        lock.unlock();
        parser.parse(batch);
        finishParsing(batch);
        lock.lock();
        return true;
    }
    return false;
}

std::unique_ptr<LoadBatch> BatchQueue::acquire(BatchParser& parser)
{
    std::unique_lock lock(m_mutex);
    while (m_inFlight >= m_maxInFlight) {
        if (!helpParse(parser, lock))
            m_changed.wait(lock);
    }
    ++m_inFlight;
    if (m_free.empty())
        return std::make_unique<LoadBatch>();
    auto batch = std::move(m_free.front());
    m_free.pop_front();
    return batch;
}

void BatchQueue::push(std::unique_ptr<LoadBatch> batch, BatchParser& parser)
{
    std::unique_lock lock(m_mutex);
    m_waiting.push_back(std::move(batch));
    m_changed.notify_all();
    // Several batches waiting means the consumer is the slower side: take one of them over.
    if (m_waiting.size() > 2)
        helpParse(parser, lock);
}

void BatchQueue::close()
{
    {
        std::lock_guard lock(m_mutex);
        m_closed = true;
    }
    m_changed.notify_all();
}

std::unique_ptr<LoadBatch> BatchQueue::pop(BatchParser& parser)
{
    std::unique_ptr<LoadBatch> batch;
    {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [this] { return !m_waiting.empty() || m_closed; });
        if (m_waiting.empty())
            return nullptr;
        batch = std::move(m_waiting.front());
        m_waiting.pop_front();
    }
    if (claim(*batch)) {
        parser.parse(*batch);
        batch->state().store(kParsed, std::memory_order_release);
    } else {
        // The producer is parsing it: wait until it is done.
        for (int state = batch->state().load(std::memory_order_acquire); state != kParsed;
             state = batch->state().load(std::memory_order_acquire))
            batch->state().wait(state, std::memory_order_acquire);
    }
    return batch;
}

void BatchQueue::recycle(std::unique_ptr<LoadBatch> batch)
{
    batch->clear();
    {
        std::lock_guard lock(m_mutex);
        --m_inFlight;
        m_free.push_back(std::move(batch));
    }
    m_changed.notify_all();
}

} // namespace sipladder::core
