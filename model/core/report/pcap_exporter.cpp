// SPDX-License-Identifier: Apache-2.0
#include "report/pcap_exporter.h"

#include "capture/file_error.h"
#include "util/fast_hash.h"

#include <pcap/pcap.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>
#include <unordered_map>
#include <vector>

namespace sipladder::core {

namespace {

constexpr std::uint32_t kSnapLength = 262144;
constexpr std::size_t kEthernetHeader = 14;
constexpr std::size_t kIpv4Header = 20;
constexpr std::size_t kIpv6Header = 40;
constexpr std::size_t kUdpHeader = 8;
constexpr std::size_t kTcpHeader = 20;
// TCP payload per segment: what an IPv4 total length can still describe.
constexpr std::size_t kMaxTcpPayload = 65535 - kIpv4Header - kTcpHeader;
constexpr std::uint8_t kProtocolTcp = 6;
constexpr std::uint8_t kProtocolUdp = 17;

void put16(std::vector<std::uint8_t>& out, std::size_t at, std::uint32_t value)
{
    out[at] = static_cast<std::uint8_t>(value >> 8);
    out[at + 1] = static_cast<std::uint8_t>(value);
}

void put32(std::vector<std::uint8_t>& out, std::size_t at, std::uint32_t value)
{
    put16(out, at, value >> 16);
    put16(out, at + 2, value & 0xFFFF);
}

std::uint32_t sumWords(const std::uint8_t* data, std::size_t length, std::uint32_t sum = 0)
{
    for (std::size_t i = 0; i + 1 < length; i += 2)
        sum += static_cast<std::uint32_t>((data[i] << 8) | data[i + 1]);
    if (length % 2 != 0)
        sum += static_cast<std::uint32_t>(data[length - 1] << 8);
    return sum;
}

std::uint16_t foldChecksum(std::uint32_t sum)
{
    while (sum >> 16)
        sum = (sum & 0xFFFF) + (sum >> 16);
    return static_cast<std::uint16_t>(~sum & 0xFFFF);
}

// IPv4 addresses of a mixed pair are written IPv4-mapped (::ffff:a.b.c.d).
IpAddress asIpv6(const IpAddress& address)
{
    if (address.isV6)
        return address;
    std::uint8_t bytes[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, address.bytes[0], address.bytes[1],
        address.bytes[2], address.bytes[3]};
    return IpAddress::fromV6Bytes(bytes);
}

// Builds Ethernet frames carrying IPv4/IPv6 with UDP or TCP around a payload.
class PacketSynthesiser {
public:
    const std::vector<std::uint8_t>& frame() const { return m_frame; }

    void build(const Endpoint& from, const Endpoint& to, bool tcp, std::uint32_t sequence, std::uint32_t acknowledgment,
        const std::uint8_t* payload, std::size_t length)
    {
        IpAddress source = from.address;
        IpAddress destination = to.address;
        if (source.isV6 != destination.isV6) {
            source = asIpv6(source);
            destination = asIpv6(destination);
        }
        const bool v6 = source.isV6;
        const std::size_t ipHeader = v6 ? kIpv6Header : kIpv4Header;
        const std::size_t transportHeader = tcp ? kTcpHeader : kUdpHeader;
        const std::size_t transportLength = transportHeader + length;
        m_frame.assign(kEthernetHeader + ipHeader + transportLength, 0);

        // Locally administered MACs made from the addresses, so each host keeps one.
        auto mac = [&](std::size_t at, const IpAddress& address) {
            m_frame[at] = 0x02;
            m_frame[at + 1] = 0x00;
            const std::uint8_t* tail = address.bytes.data() + (address.isV6 ? 12 : 0);
            std::memcpy(&m_frame[at + 2], tail, 4);
        };
        mac(0, destination);
        mac(6, source);
        put16(m_frame, 12, v6 ? 0x86DD : 0x0800);

        const std::size_t ip = kEthernetHeader;
        const std::uint8_t protocol = tcp ? kProtocolTcp : kProtocolUdp;
        std::uint32_t pseudo = 0;
        if (v6) {
            put32(m_frame, ip, 0x60000000);
            put16(m_frame, ip + 4, static_cast<std::uint32_t>(std::min<std::size_t>(transportLength, 0xFFFF)));
            m_frame[ip + 6] = protocol;
            m_frame[ip + 7] = 64;
            std::memcpy(&m_frame[ip + 8], source.bytes.data(), 16);
            std::memcpy(&m_frame[ip + 24], destination.bytes.data(), 16);
            pseudo = sumWords(&m_frame[ip + 8], 32);
        } else {
            m_frame[ip] = 0x45;
            put16(m_frame, ip + 2, static_cast<std::uint32_t>(std::min<std::size_t>(kIpv4Header + transportLength, 0xFFFF)));
            put16(m_frame, ip + 4, m_identification++);
            put16(m_frame, ip + 6, 0x4000); // don't fragment
            m_frame[ip + 8] = 64;
            m_frame[ip + 9] = protocol;
            std::memcpy(&m_frame[ip + 12], source.bytes.data(), 4);
            std::memcpy(&m_frame[ip + 16], destination.bytes.data(), 4);
            put16(m_frame, ip + 10, foldChecksum(sumWords(&m_frame[ip], kIpv4Header)));
            pseudo = sumWords(&m_frame[ip + 12], 8);
        }
        pseudo += protocol;
        pseudo += static_cast<std::uint32_t>(transportLength & 0xFFFF) + static_cast<std::uint32_t>(transportLength >> 16);

        const std::size_t t = ip + ipHeader;
        put16(m_frame, t, from.port);
        put16(m_frame, t + 2, to.port);
        std::size_t checksumAt = 0;
        if (tcp) {
            put32(m_frame, t + 4, sequence);
            put32(m_frame, t + 8, acknowledgment);
            m_frame[t + 12] = 0x50; // 20-byte header
            m_frame[t + 13] = 0x18; // PSH, ACK
            put16(m_frame, t + 14, 65535);
            checksumAt = t + 16;
        } else {
            put16(m_frame, t + 4, static_cast<std::uint32_t>(std::min<std::size_t>(transportLength, 0xFFFF)));
            checksumAt = t + 6;
        }
        if (length > 0)
            std::memcpy(&m_frame[t + transportHeader], payload, length);
        std::uint16_t checksum = foldChecksum(sumWords(&m_frame[t], transportLength, pseudo));
        if (!tcp && checksum == 0)
            checksum = 0xFFFF; // zero means "no checksum" in UDP
        put16(m_frame, checksumAt, checksum);
    }

private:
    std::vector<std::uint8_t> m_frame;
    std::uint16_t m_identification = 1;
};

struct PcapCloser {
    void operator()(pcap_t* p) const { pcap_close(p); }
};

std::string temporaryPathFor(const std::string& path)
{
    static std::atomic<unsigned> counter{0};
    return path + ".part-" + std::to_string(::getpid()) + "-" + std::to_string(counter.fetch_add(1));
}

Error writeError(const std::string& path, int error)
{
    return Error{ErrorCode::WriteFailed, "cannot write " + quotedPath(path) + ": " + std::strerror(error) + "."};
}

} // namespace

Result<PcapExportStats> PcapExporter::write(
    const CaptureSnapshot& snapshot, std::span<const std::uint32_t> callIndexes, const std::string& path)
{
    std::vector<std::uint32_t> messages;
    if (callIndexes.empty()) {
        messages.resize(snapshot.messages().size());
        for (std::uint32_t i = 0; i < messages.size(); ++i)
            messages[i] = i;
    } else {
        for (const auto call : callIndexes) {
            if (call >= snapshot.calls().size())
                return Error{ErrorCode::InvalidArgument, "no call number " + std::to_string(call) + " in the trace"};
            const auto ofCall = snapshot.messagesOfCall(call);
            messages.insert(messages.end(), ofCall.begin(), ofCall.end());
        }
        std::sort(messages.begin(), messages.end());
        messages.erase(std::unique(messages.begin(), messages.end()), messages.end());
    }

    // Written beside the destination and renamed over it at the end: a failed export leaves nothing.
    std::string temporary;
    int fd = -1;
    for (int attempt = 0; attempt < 8 && fd < 0; ++attempt) {
        temporary = temporaryPathFor(path);
        fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd < 0 && errno != EEXIST)
            return writeError(path, errno);
    }
    if (fd < 0)
        return writeError(path, EEXIST);
    std::FILE* file = ::fdopen(fd, "wb");
    if (file == nullptr) {
        const int error = errno;
        ::close(fd);
        ::unlink(temporary.c_str());
        return writeError(path, error);
    }
    std::unique_ptr<pcap_t, PcapCloser> dead(pcap_open_dead(DLT_EN10MB, static_cast<int>(kSnapLength)));
    pcap_dumper_t* dumper = dead ? pcap_dump_fopen(dead.get(), file) : nullptr;
    if (dumper == nullptr) {
        std::fclose(file);
        ::unlink(temporary.c_str());
        return Error{ErrorCode::WriteFailed, "cannot write " + quotedPath(path) + ": libpcap could not start the file."};
    }

    PcapExportStats stats;
    PacketSynthesiser synthesiser;
    // Per direction of a TCP connection: the next sequence number.
    std::unordered_map<std::uint64_t, std::uint32_t> nextSequence;
    auto directionKey = [](const Endpoint& from, const Endpoint& to) {
        return combineHash(hashValue(from), hashValue(to));
    };
    auto sequenceOf = [&](const Endpoint& from, const Endpoint& to) -> std::uint32_t& {
        const auto key = directionKey(from, to);
        auto found = nextSequence.find(key);
        if (found == nextSequence.end())
            found = nextSequence.emplace(key, static_cast<std::uint32_t>(key >> 32)).first;
        return found->second;
    };
    std::string bytes;
    for (const auto index : messages) {
        const MessageRecord& message = snapshot.messages()[index];
        if (!snapshot.readMessage(message, bytes)) {
            ++stats.unreadable;
            continue;
        }
        const Endpoint& from = snapshot.source(message);
        const Endpoint& to = snapshot.destination(message);
        // TLS and WebSocket carry SIP over TCP; the export holds it as plain TCP on the same ports.
        // SCTP is written as UDP (one datagram per message).
        const bool tcp = message.transport == Transport::Tcp || message.transport == Transport::Tls
            || message.transport == Transport::WebSocket;
        const std::int64_t ns = std::max<std::int64_t>(message.timestampNs, 0);
        pcap_pkthdr header{};
        header.ts.tv_sec = static_cast<time_t>(ns / 1'000'000'000);
        header.ts.tv_usec = static_cast<suseconds_t>((ns % 1'000'000'000) / 1000);
        const auto* data = reinterpret_cast<const std::uint8_t*>(bytes.data());
        std::size_t done = 0;
        do {
            const std::size_t chunk = tcp ? std::min(bytes.size() - done, kMaxTcpPayload) : bytes.size();
            std::uint32_t sequence = 0;
            std::uint32_t acknowledgment = 0;
            if (tcp) {
                auto& next = sequenceOf(from, to);
                sequence = next;
                next += static_cast<std::uint32_t>(chunk);
                acknowledgment = sequenceOf(to, from);
            }
            synthesiser.build(from, to, tcp, sequence, acknowledgment, data + done, chunk);
            const auto& frame = synthesiser.frame();
            header.len = static_cast<bpf_u_int32>(frame.size());
            header.caplen = static_cast<bpf_u_int32>(std::min<std::size_t>(frame.size(), kSnapLength));
            pcap_dump(reinterpret_cast<u_char*>(dumper), &header, frame.data());
            ++stats.packets;
            done += chunk;
        } while (done < bytes.size());
        ++stats.messages;
    }

    const bool flushed = pcap_dump_flush(dumper) == 0 && std::ferror(pcap_dump_file(dumper)) == 0
        && ::fsync(::fileno(pcap_dump_file(dumper))) == 0;
    const int flushError = errno;
    pcap_dump_close(dumper);
    if (!flushed) {
        ::unlink(temporary.c_str());
        return writeError(path, flushError != 0 ? flushError : EIO);
    }
    if (::rename(temporary.c_str(), path.c_str()) != 0) {
        const int error = errno;
        ::unlink(temporary.c_str());
        return writeError(path, error);
    }
    return stats;
}

} // namespace sipladder::core
