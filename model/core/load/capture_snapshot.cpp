// SPDX-License-Identifier: Apache-2.0
#include "load/capture_snapshot.h"

#include "capture/capture_format.h"
#include "capture/file_byte_source.h"
#include "capture/file_error.h"
#include "capture/pcap_reader.h"

#include <algorithm>
#include <fcntl.h>
#include <limits>
#include <tuple>
#include <unistd.h>

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

void CaptureSnapshot::addCarrierFrames(
    std::uint32_t messageIndex, std::uint64_t frameNumber, std::span<const std::uint64_t> frames)
{
    // Messages are added in index order, so the index list stays sorted.
    if (frames.empty() || (!m_carrierMessages.empty() && m_carrierMessages.back() >= messageIndex))
        return;
    constexpr auto kMax = std::numeric_limits<std::int32_t>::max();
    for (const auto frame : frames) {
        const auto distance = static_cast<std::int64_t>(frameNumber) - static_cast<std::int64_t>(frame);
        if (distance > kMax || distance < -kMax)
            return; // cannot happen within one file; the message then reads as its frameNumber alone
    }
    m_carrierMessages.push_back(messageIndex);
    m_carrierBegins.push_back(static_cast<std::uint32_t>(m_carrierDistances.size()));
    for (const auto frame : frames)
        m_carrierDistances.push_back(static_cast<std::int32_t>(static_cast<std::int64_t>(frameNumber) - static_cast<std::int64_t>(frame)));
}

Result<std::unique_ptr<CaptureReader>> CaptureSnapshot::reopenCapture(std::uint32_t fileIndex) const
{
    if (fileIndex >= m_files.size() || fileIndex >= m_byteSources.size())
        return Error{ErrorCode::InvalidArgument, "no file number " + std::to_string(fileIndex) + " in the trace"};
    const std::string name = quotedPath(m_files[fileIndex].path);
    auto loaded = std::dynamic_pointer_cast<const FileByteSource>(m_byteSources[fileIndex]);
    if (m_files[fileIndex].isTextLog || !loaded)
        return Error{ErrorCode::InvalidArgument, name + " is not a packet capture."};
    // A reader streams through a descriptor's file offset, which duplicates share: the file is opened
    // anew through /proc, so that two readers (two exports at once) cannot disturb each other. It is
    // the same file even when it was renamed, replaced or (an inflated copy) unlinked since.
    std::shared_ptr<const FileByteSource> file = loaded;
    const std::string procPath = "/proc/self/fd/" + std::to_string(loaded->fd());
    const int fd = ::open(procPath.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd >= 0)
        file = FileByteSource::adopt(fd, loaded->size());
    std::uint8_t head[kFormatProbeLength];
    const std::int64_t headSize = file->readSome(0, sizeof head, head);
    if (headSize <= 0)
        return Error{ErrorCode::ReadFailed, name + " cannot be read again (I/O error)."};
    const FormatProbe probe = probeCaptureFormat(ByteView(head, static_cast<std::size_t>(headSize)));
    if (probe.format != CaptureFormat::Pcap && probe.format != CaptureFormat::PcapNanosecond
        && probe.format != CaptureFormat::PcapModified && probe.format != CaptureFormat::Pcapng)
        return Error{ErrorCode::ReadFailed, name + " has changed since it was loaded: it is no longer a capture."};
    auto reader = PcapReader::open(std::move(file), m_files[fileIndex].path, probe.format);
    if (!reader)
        return reader.error();
    return std::unique_ptr<CaptureReader>(std::move(reader.value()));
}

namespace {

auto connectionKey(const TcpConnection& c)
{
    return std::tie(c.fileIndex, c.source, c.destination);
}

} // namespace

void CaptureSnapshot::setTcpConnections(std::vector<TcpConnection> connections)
{
    std::sort(connections.begin(), connections.end(), [](const TcpConnection& a, const TcpConnection& b) {
        return std::make_tuple(a.fileIndex, a.source, a.destination, a.firstFrame())
            < std::make_tuple(b.fileIndex, b.source, b.destination, b.firstFrame());
    });
    m_tcpConnections = std::move(connections);
}

std::vector<std::uint64_t> CaptureSnapshot::connectionFrames(std::uint32_t messageIndex) const
{
    if (messageIndex >= m_messages.size() || m_tcpConnections.empty())
        return {};
    const MessageRecord& message = m_messages[messageIndex];
    const bool overTcp = message.transport == Transport::Tcp || message.transport == Transport::Tls
        || message.transport == Transport::WebSocket;
    if (!overTcp || message.has(MessageFromTextLog) || message.encapsulation.has(Encapsulation::Hep))
        return {};
    TcpConnection key;
    key.fileIndex = message.fileIndex;
    key.source = source(message);
    key.destination = destination(message);
    // The latest connection of these addresses opened before the message's first byte.
    const auto first = std::lower_bound(m_tcpConnections.begin(), m_tcpConnections.end(), key,
        [](const TcpConnection& a, const TcpConnection& b) { return connectionKey(a) < connectionKey(b); });
    const TcpConnection* found = nullptr;
    for (auto it = first; it != m_tcpConnections.end() && connectionKey(*it) == connectionKey(key); ++it) {
        if (it->firstFrame() > message.firstFrameNumber)
            break;
        found = &*it;
    }
    if (found == nullptr)
        return {};
    return std::vector<std::uint64_t>(found->openingFrames.begin(), found->openingFrames.begin() + found->openingFrameCount);
}

std::vector<std::uint64_t> CaptureSnapshot::carrierFrames(std::uint32_t messageIndex) const
{
    if (messageIndex >= m_messages.size())
        return {};
    const MessageRecord& message = m_messages[messageIndex];
    if (message.has(MessageFromTextLog))
        return {};
    const auto found = std::lower_bound(m_carrierMessages.begin(), m_carrierMessages.end(), messageIndex);
    if (found == m_carrierMessages.end() || *found != messageIndex)
        return {message.frameNumber};
    const auto at = static_cast<std::size_t>(found - m_carrierMessages.begin());
    const std::size_t begin = m_carrierBegins[at];
    const std::size_t end = at + 1 < m_carrierBegins.size() ? m_carrierBegins[at + 1] : m_carrierDistances.size();
    std::vector<std::uint64_t> frames;
    frames.reserve(end - begin);
    for (std::size_t i = begin; i < end; ++i)
        frames.push_back(static_cast<std::uint64_t>(static_cast<std::int64_t>(message.frameNumber) - m_carrierDistances[i]));
    return frames;
}

} // namespace sipladder::core
