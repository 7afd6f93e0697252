// SPDX-License-Identifier: Apache-2.0
#include "load/capture_loader.h"

#include "capture/capture_reader.h"
#include "flow/call_grouper.h"
#include "load/batch_queue.h"
#include "load/spill_store.h"
#include "net/packet_dissector.h"
#include "sip/sip_parser.h"
#include "util/fast_hash.h"

#include <algorithm>
#include <chrono>
#include <limits>
#include <map>
#include <string>
#include <thread>

namespace sipladder::core {

namespace {

void replaceAll(std::string& text, const std::string& from, const std::string& to)
{
    for (auto at = text.find(from); !from.empty() && at != std::string::npos; at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
}

// How often (in frames) the loop looks at the cancellation token and the progress clock.
constexpr std::uint64_t kCheckEveryFrames = 1024;

// Collects one file's warnings; past a bound per kind, only counts them (never drops them silently).
class WarningCollector {
public:
    WarningCollector(InputFile& file, std::size_t maxPerKind)
        : m_file(file)
        , m_maxPerKind(maxPerKind)
    {
    }

    void add(const std::string& kind, std::optional<std::uint64_t> frame, std::string message)
    {
        auto& count = m_counts[kind];
        if (++count <= m_maxPerKind)
            m_file.warnings.push_back(LoadWarning{frame, std::nullopt, std::move(message)});
    }

    void summarise()
    {
        for (const auto& [kind, count] : m_counts) {
            if (count > m_maxPerKind) {
                m_file.warnings.push_back(LoadWarning{std::nullopt, std::nullopt,
                    std::to_string(count - m_maxPerKind) + " more " + kind + " warnings not listed"});
            }
        }
    }

private:
    InputFile& m_file;
    std::size_t m_maxPerKind;
    std::map<std::string, std::size_t> m_counts;
};

// The reading side of the load, shared by the sinks of all files: parsing scratch space and the
// batch being filled for the grouping thread.
struct LoadContext {
    SpillStore& spill;
    std::uint32_t spillSourceIndex;
    BatchQueue& queue;
    SipParser parser;
    SipMessage message;
    std::unique_ptr<LoadBatch> batch;

    LoadContext(SpillStore& store, std::uint32_t spillIndex, BatchQueue& batches)
        : spill(store)
        , spillSourceIndex(spillIndex)
        , queue(batches)
        , batch(batches.acquire())
    {
    }

    // Hands the current batch over when it cannot take `textBytes` more (or is full).
    LoadBatch& batchWithRoom(std::size_t textBytes)
    {
        if (batch->full() || !batch->hasRoom(textBytes)) {
            queue.push(std::move(batch));
            batch = queue.acquire();
        }
        batch->ensureCapacity(textBytes);
        return *batch;
    }

    void flush()
    {
        if (!batch->empty()) {
            queue.push(std::move(batch));
            batch = queue.acquire();
        }
    }
};

class FileSink final : public DissectorSink {
public:
    FileSink(LoadContext& context, InputFile& file, WarningCollector& warnings, std::uint32_t fileIndex,
        std::uint32_t sourceIndex)
        : m_context(context)
        , m_file(file)
        , m_warnings(warnings)
        , m_fileIndex(fileIndex)
        , m_sourceIndex(sourceIndex)
    {
    }

    void onSipPayload(const FrameContext& frame, const SipPayload& payload) override
    {
        auto& message = m_context.message;
        const bool datagram = payload.framing == PayloadFraming::Datagram;
        if (!m_context.parser.parse(payload.bytes, message, datagram))
            return;
        // The message as parsed: a datagram may carry keep-alive bytes before it or junk past its Content-Length.
        const auto bytes = message.bytes().empty() ? payload.bytes : message.bytes();

        MessageMeta meta;
        meta.timestampNs = frame.timestampNs;
        meta.frameNumber = frame.frameNumber;
        meta.firstFrameNumber = payload.firstFrameNumber != 0 ? payload.firstFrameNumber : frame.frameNumber;
        meta.fileIndex = m_fileIndex;
        meta.source = payload.source;
        meta.destination = payload.destination;
        meta.transport = payload.transport;
        meta.encapsulation = payload.encapsulation;
        meta.truncated = payload.framing == PayloadFraming::StreamTruncated;
        meta.contentHash = fastHash(bytes.data(), bytes.size());
        meta.location.length = static_cast<std::uint32_t>(bytes.size());
        const auto offset = frame.fileOffsetOf(bytes);
        if (offset != kUnknownFileOffset) {
            meta.location.sourceIndex = m_sourceIndex;
            meta.location.offset = offset;
        } else {
            meta.location.sourceIndex = m_context.spillSourceIndex;
            meta.location.offset = m_context.spill.append(bytes);
        }

        // The grouping thread sees copies of the fields, since the frame is reused after this call.
        auto fields = MessageFields::of(message);
        std::size_t textBytes = 0;
        fields.forEachView([&](std::string_view& view) { textBytes += view.size(); });
        LoadBatch& batch = m_context.batchWithRoom(textBytes);
        fields.forEachView([&](std::string_view& view) { view = batch.store(view); });
        batch.messages().push_back(LoadBatch::Message{fields, meta});
        ++m_file.sipMessages;

        if (meta.truncated) {
            m_warnings.add("cut-off message", frame.frameNumber,
                "SIP message cut off at frame " + std::to_string(frame.frameNumber)
                    + ": the stream ended before its Content-Length was complete");
        } else if (message.problems().any()) {
            m_warnings.add("malformed message", frame.frameNumber,
                "malformed SIP message at frame " + std::to_string(frame.frameNumber) + ": " + message.problemText());
        }
    }

    void onIcmpError(const FrameContext& frame, const IcmpErrorEvent& event) override
    {
        IcmpEvent record;
        record.timestampNs = frame.timestampNs;
        record.frameNumber = frame.frameNumber;
        record.fileIndex = m_fileIndex;
        record.isV6 = event.isV6;
        record.type = event.type;
        record.code = event.code;
        record.reporter = event.reporter;
        record.quotedSource = event.quotedSource;
        record.quotedDestination = event.quotedDestination;
        record.quotedTransport = event.quotedTransport;
        std::string_view callId;
        auto& message = m_context.message;
        if (m_context.parser.parse(event.quotedPayload, message, true))
            callId = message.callId();
        LoadBatch& batch = m_context.batchWithRoom(callId.size());
        batch.icmpEvents().push_back(LoadBatch::Icmp{record, batch.store(callId)});
    }

    void onWarning(const FrameContext& frame, std::string message) override
    {
        m_warnings.add("decoding", frame.frameNumber, message + " (frame " + std::to_string(frame.frameNumber) + ")");
    }

private:
    LoadContext& m_context;
    InputFile& m_file;
    WarningCollector& m_warnings;
    std::uint32_t m_fileIndex;
    std::uint32_t m_sourceIndex;
};

struct OpenFile {
    std::unique_ptr<CaptureReader> reader;
    std::unique_ptr<WarningCollector> warnings;
    std::unique_ptr<FileSink> sink;
    std::unique_ptr<PacketDissector> dissector;
    RawFrame frame;
    bool hasFrame = false;
};

void addStatsWarnings(WarningCollector& warnings, const DissectorStats& stats)
{
    auto note = [&](std::uint64_t count, const std::string& text) {
        if (count > 0)
            warnings.add("statistics", std::nullopt, std::to_string(count) + " " + text);
    };
    note(stats.ipDatagramsEvicted, "fragmented IP datagrams dropped incomplete (reassembly bound or time-out)");
    note(stats.ipDatagramsIncompleteAtEnd, "fragmented IP datagrams still incomplete at the end of the file");
    note(stats.tcpGaps, "gaps in TCP streams (bytes not captured); SIP framing resynchronised after each");
    note(stats.tcpStreamsEvicted, "TCP stream directions evicted by the stream bound");
    note(stats.hepDecompressionFailures, "compressed HEP payloads could not be inflated");
    note(stats.unsupportedLinkTypeFrames, "frames with an unsupported link type were skipped");
}

void reportProgress(ProgressSink* progress, const std::vector<OpenFile>& files, std::uint64_t frames,
    std::size_t calls, LoadStage stage)
{
    if (progress == nullptr)
        return;
    LoadProgress p;
    p.stage = stage;
    p.framesDone = frames;
    p.callsSoFar = calls;
    p.fileCount = static_cast<int>(files.size());
    for (const auto& file : files) {
        p.bytesDone += file.reader->bytesConsumed();
        p.bytesTotal += file.reader->bytesTotal();
    }
    progress->report(p);
}

} // namespace

Result<SnapshotPtr> CaptureLoader::load(const LoadOptions& options, ProgressSink* progress, const CancellationToken& token)
{
    if (options.paths.empty())
        return Error{ErrorCode::InvalidArgument, "no input files given"};

    auto snapshot = std::make_shared<CaptureSnapshot>();
    std::vector<OpenFile> files(options.paths.size());
    for (std::size_t i = 0; i < options.paths.size(); ++i) {
        auto reader = openCaptureReader(options.paths[i]);
        if (!reader) {
            auto error = reader.error();
            if (i < options.displayNames.size())
                replaceAll(error.message, options.paths[i], options.displayNames[i]);
            return error;
        }
        files[i].reader = std::move(reader).value();
        InputFile info;
        info.path = i < options.displayNames.size() ? options.displayNames[i] : options.paths[i];
        info.format = files[i].reader->formatName();
        info.bytes = files[i].reader->bytesTotal();
        snapshot->m_files.push_back(std::move(info));
        snapshot->m_byteSources.push_back(files[i].reader->byteSource());
    }
    auto spill = std::make_shared<SpillStore>();
    const auto spillIndex = static_cast<std::uint32_t>(snapshot->m_byteSources.size());
    snapshot->m_byteSources.push_back(spill);

    // Two threads: this one reads, dissects and parses; the grouping thread builds the call model.
    BatchQueue queue;
    LoadContext load(*spill, spillIndex, queue);
    CallGrouper grouper(*snapshot);
    // Reserving address space is free until touched: plan for SIP-only traffic of ~400 bytes a frame.
    std::uint64_t totalBytes = 0;
    for (const auto& file : files)
        totalBytes += file.reader->bytesTotal();
    grouper.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(totalBytes / 400, 64'000'000)));
    std::thread groupingThread([&queue, &grouper] {
        while (auto batch = queue.pop()) {
            for (const auto& message : batch->messages())
                grouper.add(message.fields, message.meta);
            for (const auto& icmp : batch->icmpEvents())
                grouper.addIcmpEvent(icmp.event, icmp.quotedCallId);
            queue.recycle(std::move(batch));
        }
    });
    auto stopGrouping = [&] {
        load.flush();
        queue.close();
        groupingThread.join();
    };

    for (std::size_t i = 0; i < files.size(); ++i) {
        auto& file = files[i];
        auto& info = snapshot->m_files[i];
        file.warnings = std::make_unique<WarningCollector>(info, options.maxWarningsPerKind);
        file.sink = std::make_unique<FileSink>(load, info, *file.warnings, static_cast<std::uint32_t>(i),
            static_cast<std::uint32_t>(i));
        file.dissector = std::make_unique<PacketDissector>(*file.sink, options.limits);
    }

    auto advance = [&](std::size_t i) {
        auto& file = files[i];
        auto& info = snapshot->m_files[i];
        const auto status = file.reader->next(file.frame);
        file.hasFrame = status == ReadStatus::Frame;
        if (file.hasFrame)
            return;
        const auto nextFrame = info.frames + 1;
        if (status == ReadStatus::Truncated) {
            file.warnings->add("file", nextFrame,
                "truncated at frame " + std::to_string(nextFrame) + ": " + file.reader->problem());
        } else if (status == ReadStatus::Corrupt) {
            file.warnings->add("file", nextFrame,
                "corrupt record at frame " + std::to_string(nextFrame) + ": " + file.reader->problem()
                    + "; the rest of the file could not be read");
        }
        file.dissector->finish();
    };

    for (std::size_t i = 0; i < files.size(); ++i)
        advance(i);

    std::int64_t captureStart = std::numeric_limits<std::int64_t>::max();
    std::int64_t captureEnd = std::numeric_limits<std::int64_t>::min();
    std::uint64_t framesDone = 0;
    auto lastReport = std::chrono::steady_clock::now();
    reportProgress(progress, files, 0, 0, LoadStage::Reading);

    for (;;) {
        // Merge the files by frame time; ties keep file order, so one file reads straight through.
        std::size_t next = files.size();
        for (std::size_t i = 0; i < files.size(); ++i) {
            if (files[i].hasFrame && (next == files.size() || files[i].frame.timestampNs < files[next].frame.timestampNs))
                next = i;
        }
        if (next == files.size())
            break;

        auto& file = files[next];
        const RawFrame& frame = file.frame;
        FrameContext context{static_cast<std::uint32_t>(next), frame.frameNumber, frame.timestampNs, frame.data,
            frame.dataFileOffset};
        captureStart = std::min(captureStart, frame.timestampNs);
        captureEnd = std::max(captureEnd, frame.timestampNs);
        ++snapshot->m_files[next].frames;
        file.dissector->dissect(context, frame.linkType);
        advance(next);

        if (++framesDone % kCheckEveryFrames == 0) {
            if (token.isCancelled()) {
                stopGrouping();
                return Error{ErrorCode::Cancelled, "loading was cancelled"};
            }
            const auto now = std::chrono::steady_clock::now();
            if (now - lastReport >= std::chrono::milliseconds(100)) {
                lastReport = now;
                reportProgress(progress, files, framesDone, grouper.callCount(), LoadStage::Reading);
            }
        }
    }

    stopGrouping();
    reportProgress(progress, files, framesDone, grouper.callCount(), LoadStage::Grouping);
    spill->flush();
    if (framesDone == 0) {
        captureStart = 0;
        captureEnd = 0;
    }
    snapshot->m_captureStartNs = captureStart;
    snapshot->m_captureEndNs = captureEnd;
    snapshot->m_totals.frames = framesDone;
    grouper.finish(captureEnd);

    for (std::size_t i = 0; i < files.size(); ++i) {
        addStatsWarnings(*files[i].warnings, files[i].dissector->stats());
        files[i].warnings->summarise();
        snapshot->m_files[i].stats = files[i].dissector->stats();
    }
    reportProgress(progress, files, framesDone, snapshot->m_calls.size(), LoadStage::Finished);
    return SnapshotPtr(std::move(snapshot));
}

} // namespace sipladder::core
