// SPDX-License-Identifier: Apache-2.0
#include "analysis/parsed_message.h"

#include "sip/header_value.h"
#include "sip/sip_parser.h"
#include "util/bytes.h"

namespace sipladder::core {

namespace {

std::string settled(std::string_view value)
{
    return isFoldedValue(value) ? unfoldHeaderValue(value) : std::string(trimHeaderValue(value));
}

} // namespace

bool ParsedMessage::load(const CaptureSnapshot& snapshot, std::uint32_t messageIndex)
{
    m_ok = false;
    m_index = messageIndex;
    m_message.clear();
    if (messageIndex >= snapshot.messages().size())
        return false;
    if (!snapshot.readMessage(snapshot.messages()[messageIndex], m_text))
        return false;
    SipParser parser;
    m_ok = parser.parse(asBytes(m_text), m_message, true);
    return m_ok;
}

std::optional<std::string> ParsedMessage::header(HeaderId id) const
{
    if (!m_ok)
        return std::nullopt;
    const auto value = m_message.header(id);
    if (!value)
        return std::nullopt;
    return settled(*value);
}

std::optional<std::string> ParsedMessage::header(std::string_view name) const
{
    if (!m_ok)
        return std::nullopt;
    const auto value = m_message.header(name);
    if (!value)
        return std::nullopt;
    return settled(*value);
}

std::vector<std::string> ParsedMessage::values(HeaderId id) const
{
    std::vector<std::string> out;
    if (!m_ok)
        return out;
    m_message.values(id, [&](std::string_view value) { out.push_back(settled(value)); });
    return out;
}

} // namespace sipladder::core
