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

std::string_view CaptureSnapshot::hostName(const IpAddress& address) const
{
    if (!m_hasTextLogs || address.isV6 || address.bytes[0] != 0)
        return {};
    const std::uint32_t number
        = (std::uint32_t(address.bytes[1]) << 16) | (std::uint32_t(address.bytes[2]) << 8) | address.bytes[3];
    if (number == 0)
        return "unknown";
    return number <= m_hostNames.size() ? std::string_view(m_hostNames[number - 1]) : std::string_view();
}

std::string CaptureSnapshot::endpointText(const Endpoint& endpoint) const
{
    const auto name = hostName(endpoint.address);
    if (name.empty())
        return endpoint.toString();
    return std::string(name) + ":" + std::to_string(endpoint.port);
}

bool CaptureSnapshot::readMessage(const MessageRecord& message, std::string& out) const
{
    if (message.location.sourceIndex >= m_byteSources.size())
        return false;
    return m_byteSources[message.location.sourceIndex]->read(message.location.offset, message.location.length, out);
}

} // namespace sipladder::core
