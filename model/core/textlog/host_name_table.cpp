// SPDX-License-Identifier: Apache-2.0
#include "textlog/host_name_table.h"

#include "util/ascii_text.h"

namespace sipladder::core {

IpAddress HostNameTable::addressOf(std::string_view name)
{
    auto key = asciiLowerCase(name);
    auto found = m_numbers.find(key);
    std::uint32_t number = 0;
    if (found != m_numbers.end()) {
        number = found->second;
    } else if (m_names.size() < 0xFFFFFE) {
        m_names.push_back(key);
        number = static_cast<std::uint32_t>(m_names.size());
        m_numbers.emplace(std::move(key), number);
    }
    return IpAddress::v4(0, static_cast<std::uint8_t>(number >> 16), static_cast<std::uint8_t>(number >> 8),
        static_cast<std::uint8_t>(number));
}

std::string_view HostNameTable::nameOf(const IpAddress& address) const
{
    if (!isStandIn(address))
        return {};
    const std::uint32_t number
        = (std::uint32_t(address.bytes[1]) << 16) | (std::uint32_t(address.bytes[2]) << 8) | address.bytes[3];
    if (number == 0 || number > m_names.size())
        return {};
    return m_names[number - 1];
}

} // namespace sipladder::core
