// SPDX-License-Identifier: Apache-2.0
#include "report/pcap_exporter.h"

#include "capture/file_error.h"
#include "redact/redactor.h"
#include "report/link_layer_rewriter.h"
#include "report/output_target.h"
#include "report/packet_synthesiser.h"
#include "util/fast_hash.h"

#include <pcap/pcap.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <memory>
#include <optional>
#include <unistd.h>
#include <unordered_map>
#include <vector>

namespace sipladder::core {

namespace {

constexpr std::uint32_t kSnapLength = 262144;
// Progress is reported each time this many more messages are done, and while a capture is read
// past frames nobody asked for, every this many frames (so that Cancel answers quickly).
constexpr std::uint64_t kProgressEveryMessages = 256;
constexpr std::uint64_t kProgressEveryFrames = 4096;

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

Error cancelled()
{
    return Error{ErrorCode::Cancelled, "the pcap export was cancelled"};
}

// pcap_open_dead() takes a DLT_* value, files store LINKTYPE_* values (RawFrame::linkType); they
// differ for a few types, mapped back here (PcapReader::linkTypeFromDlt goes the other way).
int dltOf(std::uint32_t linkType)
{
    switch (linkType) {
    case 100:
        return DLT_ATM_RFC1483;
    case 101:
        return DLT_RAW;
    case 102:
        return DLT_SLIP_BSDOS;
    case 103:
        return DLT_PPP_BSDOS;
    case 106:
        return DLT_ATM_CLIP;
    case 108:
        return DLT_LOOP;
    case 246:
        return DLT_PFSYNC;
    default:
        return static_cast<int>(linkType);
    }
}

// The file being written: a temporary beside the destination, renamed over it by commit(), so that a
// failed or cancelled export leaves nothing behind.
class PcapOutput {
public:
    PcapOutput() = default;
    PcapOutput(const PcapOutput&) = delete;
    PcapOutput& operator=(const PcapOutput&) = delete;
    ~PcapOutput() { discard(); }

    std::optional<Error> open(const std::string& path, std::uint32_t linkType, bool nanosecond)
    {
        m_path = path;
        m_nanosecond = nanosecond;
        int fd = -1;
        for (int attempt = 0; attempt < 8 && fd < 0; ++attempt) {
            m_temporary = temporaryPathFor(path);
            fd = ::open(m_temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
            if (fd < 0 && errno != EEXIST) {
                const int error = errno;
                m_temporary.clear();
                return writeError(path, error);
            }
        }
        if (fd < 0) {
            m_temporary.clear();
            return writeError(path, EEXIST);
        }
        std::FILE* file = ::fdopen(fd, "wb");
        if (file == nullptr) {
            const int error = errno;
            ::close(fd);
            discard();
            return writeError(path, error);
        }
        m_dead.reset(pcap_open_dead_with_tstamp_precision(dltOf(linkType), static_cast<int>(kSnapLength),
            nanosecond ? PCAP_TSTAMP_PRECISION_NANO : PCAP_TSTAMP_PRECISION_MICRO));
        m_dumper = m_dead ? pcap_dump_fopen(m_dead.get(), file) : nullptr;
        if (m_dumper == nullptr) {
            std::fclose(file);
            discard();
            return Error{ErrorCode::WriteFailed,
                "cannot write " + quotedPath(path) + ": libpcap could not start the file (link type "
                    + std::to_string(linkType) + ")."};
        }
        return std::nullopt;
    }

    void write(std::int64_t timestampNs, const std::uint8_t* bytes, std::size_t length, std::uint32_t originalLength)
    {
        const std::int64_t ns = std::max<std::int64_t>(timestampNs, 0);
        pcap_pkthdr header{};
        header.ts.tv_sec = static_cast<time_t>(ns / 1'000'000'000);
        // With nanosecond precision libpcap writes tv_usec as it is: the nanoseconds.
        header.ts.tv_usec = static_cast<suseconds_t>(m_nanosecond ? ns % 1'000'000'000 : (ns % 1'000'000'000) / 1000);
        header.caplen = static_cast<bpf_u_int32>(std::min<std::size_t>(length, kSnapLength));
        header.len = std::max<bpf_u_int32>(originalLength, header.caplen);
        pcap_dump(reinterpret_cast<u_char*>(m_dumper), &header, bytes);
    }

    std::optional<Error> commit()
    {
        std::FILE* file = pcap_dump_file(m_dumper);
        const bool flushed
            = pcap_dump_flush(m_dumper) == 0 && std::ferror(file) == 0 && ::fsync(::fileno(file)) == 0;
        const int flushError = errno;
        pcap_dump_close(m_dumper);
        m_dumper = nullptr;
        if (!flushed) {
            discard();
            return writeError(m_path, flushError != 0 ? flushError : EIO);
        }
        if (::rename(m_temporary.c_str(), m_path.c_str()) != 0) {
            const int error = errno;
            discard();
            return writeError(m_path, error);
        }
        m_temporary.clear();
        return std::nullopt;
    }

    void discard()
    {
        if (m_dumper != nullptr) {
            pcap_dump_close(m_dumper);
            m_dumper = nullptr;
        }
        if (!m_temporary.empty()) {
            ::unlink(m_temporary.c_str());
            m_temporary.clear();
        }
    }

private:
    std::string m_path;
    std::string m_temporary;
    std::unique_ptr<pcap_t, PcapCloser> m_dead;
    pcap_dumper_t* m_dumper = nullptr;
    bool m_nanosecond = false;
};

// One capture file whose original frames are copied: its reader, the frames wanted (ascending, each
// once) and where the reader stands.
struct FrameSource {
    std::uint32_t fileIndex = 0;
    std::unique_ptr<CaptureReader> reader;
    std::vector<std::uint64_t> wanted;
    std::size_t next = 0; // into wanted: the frame `frame` holds when `positioned`
    RawFrame frame;
    bool positioned = false;
    std::vector<std::uint64_t> missing; // wanted frames the file no longer has, or that could not be converted
    // frameNumber of each copied message of this file, ascending: passing one means a message done.
    std::vector<std::uint64_t> completing;
    std::size_t completed = 0;
};

// Packets synthesised around SIP bytes, with TCP sequence numbers kept per direction.
class MessageSynthesis {
public:
    // Writes `bytes` as one UDP datagram or as TCP segments; returns how many packets.
    std::uint64_t write(PcapOutput& output, const Endpoint& from, const Endpoint& to, Transport transport,
        std::int64_t timestampNs, const std::string& bytes)
    {
        // TLS and WebSocket carry SIP over TCP; the export holds it as plain TCP on the same ports.
        // SCTP is written as UDP (one datagram per message).
        const bool tcp = transport == Transport::Tcp || transport == Transport::Tls || transport == Transport::WebSocket;
        const auto* data = reinterpret_cast<const std::uint8_t*>(bytes.data());
        std::uint64_t packets = 0;
        std::size_t done = 0;
        do {
            const std::size_t chunk
                = tcp ? std::min(bytes.size() - done, PacketSynthesiser::kMaxTcpPayload) : bytes.size();
            std::uint32_t sequence = 0;
            std::uint32_t acknowledgment = 0;
            if (tcp) {
                auto& next = sequenceOf(from, to);
                sequence = next;
                next += static_cast<std::uint32_t>(chunk);
                acknowledgment = sequenceOf(to, from);
            }
            m_synthesiser.build(from, to, tcp, sequence, acknowledgment, data + done, chunk);
            const auto& frame = m_synthesiser.frame();
            output.write(timestampNs, frame.data(), frame.size(), static_cast<std::uint32_t>(frame.size()));
            ++packets;
            done += chunk;
        } while (done < bytes.size());
        return packets;
    }

private:
    // Per direction of a TCP connection: the next sequence number, starting where the addresses say.
    std::uint32_t& sequenceOf(const Endpoint& from, const Endpoint& to)
    {
        const auto key = combineHash(hashValue(from), hashValue(to));
        auto found = m_nextSequence.find(key);
        if (found == m_nextSequence.end())
            found = m_nextSequence.emplace(key, static_cast<std::uint32_t>(key >> 32)).first;
        return found->second;
    }

    PacketSynthesiser m_synthesiser;
    std::unordered_map<std::uint64_t, std::uint32_t> m_nextSequence;
};

bool wantsAll(std::span<const std::uint32_t> callIndexes)
{
    return callIndexes.empty();
}

} // namespace

Result<PcapExportStats> PcapExporter::write(
    const CaptureSnapshot& snapshot, std::span<const std::uint32_t> callIndexes, const std::string& path)
{
    return write(snapshot, callIndexes, path, PcapExportOptions{});
}

Result<PcapExportStats> PcapExporter::write(const CaptureSnapshot& snapshot, std::span<const std::uint32_t> callIndexes,
    const std::string& path, const PcapExportOptions& options)
{
    if (auto refused = checkOutputTarget(path, snapshot))
        return std::move(*refused);
    for (const auto call : callIndexes) {
        if (call >= snapshot.calls().size())
            return Error{ErrorCode::InvalidArgument, "no call number " + std::to_string(call) + " in the trace"};
    }
    std::vector<std::uint32_t> calls(callIndexes.begin(), callIndexes.end());
    std::sort(calls.begin(), calls.end());
    calls.erase(std::unique(calls.begin(), calls.end()), calls.end());
    if (wantsAll(callIndexes)) {
        calls.resize(snapshot.calls().size());
        for (std::uint32_t i = 0; i < calls.size(); ++i)
            calls[i] = i;
    }

    // Every message of the export, in trace order; "every call" includes messages without a Call-ID.
    std::vector<std::uint32_t> messages;
    if (wantsAll(callIndexes)) {
        messages.resize(snapshot.messages().size());
        for (std::uint32_t i = 0; i < messages.size(); ++i)
            messages[i] = i;
    } else {
        for (const auto call : calls) {
            const auto ofCall = snapshot.messagesOfCall(call);
            messages.insert(messages.end(), ofCall.begin(), ofCall.end());
        }
        std::sort(messages.begin(), messages.end());
    }

    Redactor* const redactor = options.redactor;
    if (redactor != nullptr) {
        // Reserves the trace's addresses and numbers placeholders by first appearance; a redactor
        // that learnt these calls already (for the export's report) keeps every placeholder it gave.
        redactor->learn(snapshot, calls);
    }

    // Which messages travel as their original frames and which are synthesised.
    const bool copy = options.originalFrames && redactor == nullptr;
    std::vector<FrameSource> sources;
    std::vector<std::int32_t> sourceOfFile(snapshot.files().size(), -1);
    if (copy) {
        for (std::uint32_t i = 0; i < snapshot.files().size(); ++i) {
            if (snapshot.files()[i].isTextLog)
                continue;
            bool used = false;
            for (const auto index : messages)
                used = used || snapshot.messages()[index].fileIndex == i;
            if (!used)
                continue;
            // A capture that cannot be read again (changed on disk) has its messages synthesised.
            auto reader = snapshot.reopenCapture(i);
            if (!reader)
                continue;
            sourceOfFile[i] = static_cast<std::int32_t>(sources.size());
            FrameSource& source = sources.emplace_back();
            source.fileIndex = i;
            source.reader = std::move(reader.value());
        }
    }
    std::vector<std::uint32_t> synthesised;
    std::vector<std::uint32_t> copied;
    for (const auto index : messages) {
        const MessageRecord& message = snapshot.messages()[index];
        const auto sourceIndex = message.fileIndex < sourceOfFile.size() ? sourceOfFile[message.fileIndex] : -1;
        if (sourceIndex < 0 || message.has(MessageFromTextLog)) {
            synthesised.push_back(index);
            continue;
        }
        FrameSource& source = sources[static_cast<std::size_t>(sourceIndex)];
        for (const auto frame : snapshot.carrierFrames(index))
            source.wanted.push_back(frame);
        // The SYN and SYN-ACK of its TCP connection: the copy then starts the stream where it started.
        for (const auto frame : snapshot.connectionFrames(index))
            source.wanted.push_back(frame);
        source.completing.push_back(message.frameNumber);
        copied.push_back(index);
    }
    // ICMP errors that quote the calls' messages explain their time-outs: their frames come along.
    if (copy) {
        for (const auto& event : snapshot.icmpEvents()) {
            const bool ofExport = wantsAll(callIndexes) || std::binary_search(calls.begin(), calls.end(), event.callIndex);
            if (!ofExport || event.fileIndex >= sourceOfFile.size() || sourceOfFile[event.fileIndex] < 0)
                continue;
            sources[static_cast<std::size_t>(sourceOfFile[event.fileIndex])].wanted.push_back(event.frameNumber);
        }
    }
    for (auto& source : sources) {
        std::sort(source.wanted.begin(), source.wanted.end());
        source.wanted.erase(std::unique(source.wanted.begin(), source.wanted.end()), source.wanted.end());
        std::sort(source.completing.begin(), source.completing.end());
    }

    const std::uint64_t total = messages.size();
    std::uint64_t done = 0;
    std::uint64_t lastReported = 0;
    std::uint64_t framesRead = 0;
    auto report = [&](bool force) {
        if (!options.progress || (!force && done - lastReported < kProgressEveryMessages))
            return true;
        lastReported = done;
        return options.progress(done, total);
    };
    // Moves a source to its next wanted frame; frames the file no longer has are noted as missing.
    // False when the export was cancelled meanwhile.
    auto position = [&](FrameSource& source) {
        source.positioned = false;
        while (source.next < source.wanted.size()) {
            const auto status = source.reader->next(source.frame);
            if (status != ReadStatus::Frame) {
                source.missing.insert(source.missing.end(), source.wanted.begin() + static_cast<std::ptrdiff_t>(source.next),
                    source.wanted.end());
                source.next = source.wanted.size();
                break;
            }
            const auto number = source.frame.frameNumber;
            while (source.completed < source.completing.size() && source.completing[source.completed] <= number) {
                ++source.completed;
                ++done;
            }
            if (!report(false))
                return false;
            if (++framesRead % kProgressEveryFrames == 0 && options.progress && !options.progress(done, total))
                return false;
            while (source.next < source.wanted.size() && source.wanted[source.next] < number)
                source.missing.push_back(source.wanted[source.next++]);
            if (source.next < source.wanted.size() && source.wanted[source.next] == number) {
                source.positioned = true;
                return true;
            }
        }
        // Past the last wanted frame: what is left of the file is not read; its messages are done.
        done += source.completing.size() - source.completed;
        source.completed = source.completing.size();
        return report(false);
    };

    for (auto& source : sources) {
        if (!position(source))
            return cancelled();
    }

    // One link type for the file: the captures' own when every copied frame shares it (checked on
    // each source's first frame; a pcapng may still change it later), else Ethernet, which is also
    // what synthesised packets are. A frame of another link type gets the file's link layer around
    // its unchanged IP packet.
    std::optional<std::uint32_t> common;
    bool mixed = !synthesised.empty();
    for (const auto& source : sources) {
        if (!source.positioned)
            continue;
        if (common && *common != source.frame.linkType)
            mixed = true;
        common = source.frame.linkType;
    }
    const std::uint32_t linkType
        = mixed || !common ? static_cast<std::uint32_t>(LinkType::Ethernet) : *common;

    // Nanosecond timestamps when the inputs have them, so original times are kept to the nanosecond.
    bool nanosecond = false;
    for (const auto index : messages)
        nanosecond = nanosecond || snapshot.messages()[index].timestampNs % 1000 != 0;
    for (const auto& source : sources)
        nanosecond = nanosecond || snapshot.files()[source.fileIndex].format.starts_with("pcap-ns");

    PcapOutput output;
    if (auto error = output.open(path, linkType, nanosecond))
        return *error;

    PcapExportStats stats;
    MessageSynthesis synthesis;
    std::vector<std::uint8_t> converted;
    std::string bytes;
    std::size_t nextSynthesised = 0;
    for (;;) {
        // Merge by time, as the load did; ties keep file order.
        FrameSource* nextSource = nullptr;
        for (auto& source : sources) {
            if (source.positioned
                && (nextSource == nullptr || source.frame.timestampNs < nextSource->frame.timestampNs))
                nextSource = &source;
        }
        const MessageRecord* message
            = nextSynthesised < synthesised.size() ? &snapshot.messages()[synthesised[nextSynthesised]] : nullptr;
        const bool takeMessage = message != nullptr
            && (nextSource == nullptr || message->timestampNs < nextSource->frame.timestampNs
                || (message->timestampNs == nextSource->frame.timestampNs
                    && message->fileIndex < nextSource->fileIndex));
        if (nextSource == nullptr && message == nullptr)
            break;

        if (takeMessage) {
            ++nextSynthesised;
            ++done;
            if (!snapshot.readMessage(*message, bytes)) {
                ++stats.unreadable;
            } else {
                Endpoint from = snapshot.source(*message);
                Endpoint to = snapshot.destination(*message);
                if (redactor != nullptr) {
                    bytes = redactor->redactMessage(bytes);
                    from = redactor->mapEndpoint(from);
                    to = redactor->mapEndpoint(to);
                }
                stats.packets += synthesis.write(output, from, to, message->transport, message->timestampNs, bytes);
                ++stats.messages;
            }
            if (!report(false))
                return cancelled();
            continue;
        }

        const RawFrame& frame = nextSource->frame;
        if (frame.linkType == linkType) {
            output.write(frame.timestampNs, frame.data.data(), frame.data.size(), frame.originalLength);
            ++stats.packets;
            ++stats.originalFrames;
        } else {
            std::uint32_t originalLength = 0;
            if (LinkLayerRewriter::rewrite(
                    frame.linkType, frame.data, frame.originalLength, linkType, converted, originalLength)) {
                output.write(frame.timestampNs, converted.data(), converted.size(), originalLength);
                ++stats.packets;
                ++stats.originalFrames;
            } else {
                nextSource->missing.push_back(frame.frameNumber);
            }
        }
        ++nextSource->next;
        if (!position(*nextSource))
            return cancelled();
    }

    // A copied message counts when every frame that carried it was written.
    for (auto& source : sources) {
        std::sort(source.missing.begin(), source.missing.end());
        stats.missingFrames += source.missing.size();
    }
    for (const auto index : copied) {
        const auto& source = sources[static_cast<std::size_t>(sourceOfFile[snapshot.messages()[index].fileIndex])];
        bool complete = true;
        if (!source.missing.empty()) {
            for (const auto frame : snapshot.carrierFrames(index))
                complete = complete && !std::binary_search(source.missing.begin(), source.missing.end(), frame);
        }
        if (complete)
            ++stats.messages;
        else
            ++stats.unreadable;
    }

    done = total;
    if (!report(true))
        return cancelled();
    if (auto error = output.commit())
        return *error;
    return stats;
}

} // namespace sipladder::core
