// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "capture/byte_source.h"
#include "capture/capture_reader.h"
#include "flow/call_flow.h"
#include "flow/dialog.h"
#include "flow/message_record.h"
#include "flow/transaction.h"
#include "load/capture_totals.h"
#include "load/icmp_event.h"
#include "load/input_file.h"
#include "load/tcp_connection.h"
#include "util/result.h"
#include "util/string_arena.h"

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace sipladder::core {

class CaptureLoader;

// The immutable result of a load: files, messages in time order, transactions, calls in order of
// their first message, ICMP events. Shared between threads as shared_ptr<const CaptureSnapshot>.
class CaptureSnapshot {
public:
    const std::vector<InputFile>& files() const { return m_files; }
    const std::vector<MessageRecord>& messages() const { return m_messages; }
    const std::vector<Transaction>& transactions() const { return m_transactions; }
    const std::vector<CallFlow>& calls() const { return m_calls; }
    const std::vector<Dialog>& dialogs() const { return m_dialogs; }
    const std::vector<IcmpEvent>& icmpEvents() const { return m_icmpEvents; }
    const CaptureTotals& totals() const { return m_totals; }
    const Endpoint& endpoint(EndpointId id) const { return m_endpoints[id]; }
    const Endpoint& source(const MessageRecord& message) const { return m_endpoints[message.source]; }
    const Endpoint& destination(const MessageRecord& message) const { return m_endpoints[message.destination]; }

    // Indexes into messages() of one call, in time order.
    std::span<const std::uint32_t> messagesOfCall(std::uint32_t callIndex) const;
    // Indexes into transactions() of one call, in order of their first message.
    std::span<const std::uint32_t> transactionsOfCall(std::uint32_t callIndex) const;
    // Indexes into icmpEvents() attached to one call.
    std::vector<std::uint32_t> icmpEventsOfCall(std::uint32_t callIndex) const;

    std::string_view text(StringRef ref) const { return m_strings.view(ref); }
    // The method name of a message ("INVITE", or the unknown method as written).
    std::string_view methodText(const MessageRecord& message) const;
    std::string_view callId(const CallFlow& call) const { return text(call.callId); }

    // The host name a text log gave for a stand-in address (0.0.0.0/8, see HostNameTable), else empty.
    std::string_view hostName(const IpAddress& address) const;
    // "192.0.2.1:5060", "[2001:db8::1]:5060", or "pbx.example.test:5060" for a host a text log only
    // named ("unknown" for the host a log does not tell at all).
    std::string endpointText(const Endpoint& endpoint) const;

    // Reads a message's bytes back from its file; false when the file is gone or changed.
    bool readMessage(const MessageRecord& message, std::string& out) const;

    // The frames of its capture file that carried a message, ascending: the IP fragments, TCP
    // segments or SCTP chunks it was put together from, or the one frame that held it. Empty for a
    // message of a text log.
    std::vector<std::uint64_t> carrierFrames(std::uint32_t messageIndex) const;
    // A fresh reader of a capture file of the load, over the very bytes that were loaded (the file as
    // it was opened, or the inflated copy of a .gz), numbering frames as the load did: for copying
    // original frames. Fails for a text log, or when the file cannot be read again.
    Result<std::unique_ptr<CaptureReader>> reopenCapture(std::uint32_t fileIndex) const;
    // For a message that came over TCP (also TLS, WebSocket): the SYN and SYN-ACK frames that opened
    // its connection, when the capture holds them; else empty.
    std::vector<std::uint64_t> connectionFrames(std::uint32_t messageIndex) const;

    // Time of the first and last frame of all inputs (not only SIP): "the capture goes on".
    std::int64_t captureStartNs() const { return m_captureStartNs; }
    std::int64_t captureEndNs() const { return m_captureEndNs; }

private:
    friend class CaptureLoader;
    friend class CallGrouper;

    // Records the frames that carried a message when they are not just its frameNumber.
    void addCarrierFrames(std::uint32_t messageIndex, std::uint64_t frameNumber, std::span<const std::uint64_t> frames);
    // Takes the connections the load saw and sorts them for connectionFrames().
    void setTcpConnections(std::vector<TcpConnection> connections);

    std::vector<InputFile> m_files;
    std::vector<MessageRecord> m_messages;
    std::vector<Transaction> m_transactions;
    std::vector<CallFlow> m_calls;
    std::vector<Dialog> m_dialogs;
    std::vector<IcmpEvent> m_icmpEvents;
    std::vector<std::uint32_t> m_callMessageOffsets; // CSR: call i owns [offsets[i], offsets[i+1])
    std::vector<std::uint32_t> m_callMessages;
    std::vector<std::uint32_t> m_callTransactionOffsets;
    std::vector<std::uint32_t> m_callTransactions;
    std::vector<std::shared_ptr<const ByteSource>> m_byteSources;
    // Carrier frames of the few messages that did not come in one frame (see carrierFrames()):
    // message indexes ascending, where each one's list begins in m_carrierDistances, and the
    // frames as distances back from the message's frameNumber. Nothing is kept for the others.
    std::vector<std::uint32_t> m_carrierMessages;
    std::vector<std::uint32_t> m_carrierBegins;
    std::vector<std::int32_t> m_carrierDistances;
    // Sorted by file, addresses, then first opening frame.
    std::vector<TcpConnection> m_tcpConnections;
    StringArena m_strings;
    EndpointTable m_endpoints;
    std::vector<std::string> m_hostNames; // of the stand-in addresses 0.0.0.1, 0.0.0.2...
    bool m_hasTextLogs = false; // only then are 0.0.0.0/8 addresses stand-ins
    CaptureTotals m_totals;
    std::int64_t m_captureStartNs = 0;
    std::int64_t m_captureEndNs = 0;
};

} // namespace sipladder::core
