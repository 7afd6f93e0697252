// SPDX-License-Identifier: Apache-2.0
#include "load/capture_snapshot.h"

namespace sipladder::core {

std::span<const std::uint32_t> CaptureSnapshot::messagesOfCall(std::uint32_t callIndex) const
{
    if (callIndex + 1 >= m_callMessageOffsets.size())
        return {};
    const auto begin = m_callMessageOffsets[callIndex];
    const auto end = m_callMessageOffsets[callIndex + 1];
    return std::span<const std::uint32_t>(m_callMessages).subspan(begin, end - begin);
}

std::span<const std::uint32_t> CaptureSnapshot::transactionsOfCall(std::uint32_t callIndex) const
{
    if (callIndex + 1 >= m_callTransactionOffsets.size())
        return {};
    const auto begin = m_callTransactionOffsets[callIndex];
    const auto end = m_callTransactionOffsets[callIndex + 1];
    return std::span<const std::uint32_t>(m_callTransactions).subspan(begin, end - begin);
}

std::vector<std::uint32_t> CaptureSnapshot::icmpEventsOfCall(std::uint32_t callIndex) const
{
    std::vector<std::uint32_t> result;
    for (std::uint32_t i = 0; i < m_icmpEvents.size(); ++i) {
        if (m_icmpEvents[i].callIndex == callIndex)
            result.push_back(i);
    }
    return result;
}

std::string_view CaptureSnapshot::methodText(const MessageRecord& message) const
{
    if (message.method == SipMethod::Unknown)
        return text(message.methodText);
    return sipMethodName(message.method);
}

bool CaptureSnapshot::readMessage(const MessageRecord& message, std::string& out) const
{
    if (message.location.sourceIndex >= m_byteSources.size())
        return false;
    return m_byteSources[message.location.sourceIndex]->read(message.location.offset, message.location.length, out);
}

} // namespace sipladder::core
