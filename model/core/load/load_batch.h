// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "flow/message_fields.h"
#include "flow/message_meta.h"
#include "load/icmp_event.h"

#include <cstring>
#include <memory>
#include <string_view>
#include <vector>

namespace sipladder::core {

// Parsed messages handed from the reading thread to the grouping thread: the fields of each
// message point into this batch's own text buffer, so they stay valid after the frame is gone.
class LoadBatch {
public:
    struct Message {
        MessageFields fields;
        MessageMeta meta;
    };
    struct Icmp {
        IcmpEvent event;
        std::string_view quotedCallId;
    };

    static constexpr std::size_t kMessagesPerBatch = 512;
    static constexpr std::size_t kTextCapacity = 1 << 20;

    LoadBatch() { ensureCapacity(kTextCapacity); }

    bool full() const { return m_messages.size() >= kMessagesPerBatch; }
    bool empty() const { return m_messages.empty() && m_icmpEvents.empty(); }
    // Whether `bytes` more text fit without moving what is stored.
    bool hasRoom(std::size_t bytes) const { return m_used + bytes <= m_capacity; }
    // An empty batch can grow for one oversized message.
    void ensureCapacity(std::size_t bytes)
    {
        if (bytes > m_capacity && m_used == 0) {
            m_text = std::unique_ptr<char[]>(new char[bytes]);
            m_capacity = bytes;
        }
    }

    // Copies text into the batch; the view stays valid until clear().
    std::string_view store(std::string_view text)
    {
        if (text.empty())
            return {};
        char* at = m_text.get() + m_used;
        std::memcpy(at, text.data(), text.size());
        m_used += text.size();
        return {at, text.size()};
    }
    // Whether `text` already lies in this batch's buffer.
    bool owns(std::string_view text) const
    {
        return text.data() >= m_text.get() && text.data() + text.size() <= m_text.get() + m_used;
    }

    std::vector<Message>& messages() { return m_messages; }
    std::vector<Icmp>& icmpEvents() { return m_icmpEvents; }

    void clear()
    {
        m_messages.clear();
        m_icmpEvents.clear();
        m_used = 0;
    }

private:
    std::unique_ptr<char[]> m_text;
    std::size_t m_capacity = 0;
    std::size_t m_used = 0;
    std::vector<Message> m_messages;
    std::vector<Icmp> m_icmpEvents;
};

} // namespace sipladder::core
