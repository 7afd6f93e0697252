// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <atomic>
#include <memory>

namespace sipladder::core {

// Shared flag that a GUI thread sets and a worker polls; copies share the same flag.
class CancellationToken {
public:
    CancellationToken()
        : m_flag(std::make_shared<std::atomic<bool>>(false))
    {
    }

    void cancel() const { m_flag->store(true, std::memory_order_relaxed); }
    bool isCancelled() const { return m_flag->load(std::memory_order_relaxed); }

private:
    std::shared_ptr<std::atomic<bool>> m_flag;
};

} // namespace sipladder::core
