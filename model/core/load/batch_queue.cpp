// SPDX-License-Identifier: Apache-2.0
#include "load/batch_queue.h"

namespace sipladder::core {

BatchQueue::BatchQueue(std::size_t maxInFlight)
    : m_maxInFlight(maxInFlight)
{
}

std::unique_ptr<LoadBatch> BatchQueue::acquire()
{
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [this] { return m_inFlight < m_maxInFlight; });
    ++m_inFlight;
    if (m_free.empty())
        return std::make_unique<LoadBatch>();
    auto batch = std::move(m_free.front());
    m_free.pop_front();
    return batch;
}

void BatchQueue::push(std::unique_ptr<LoadBatch> batch)
{
    {
        std::lock_guard lock(m_mutex);
        m_full.push_back(std::move(batch));
    }
    m_changed.notify_all();
}

void BatchQueue::close()
{
    {
        std::lock_guard lock(m_mutex);
        m_closed = true;
    }
    m_changed.notify_all();
}

std::unique_ptr<LoadBatch> BatchQueue::pop()
{
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [this] { return !m_full.empty() || m_closed; });
    if (m_full.empty())
        return nullptr;
    auto batch = std::move(m_full.front());
    m_full.pop_front();
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
