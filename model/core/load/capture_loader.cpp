// SPDX-License-Identifier: Apache-2.0
#include "load/capture_loader.h"

#include "capture/capture_reader.h"
#include "capture/file_error.h"
#include "flow/call_grouper.h"
#include "load/batch_parser.h"
#include "load/batch_queue.h"
#include "load/input_opener.h"
#include "load/spill_store.h"
#include "load/warning_collector.h"
#include "net/packet_dissector.h"
#include "textlog/line_feed_byte_source.h"
#include "textlog/text_log_prefetcher.h"

#include <algorithm>
#include <chrono>
#include <limits>
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

// The reading side of the load, shared by the sinks of all files: the batch being filled.
class BatchFiller {
public:
    BatchFiller(SpillStore& spill, std::uint32_t spillSourceIndex, BatchQueue& queue)
        : m_spill(spill)
        , m_spillSourceIndex(spillSourceIndex)
        , m_queue(queue)
        , m_batch(queue.acquire(m_parser))
    {
    }

    // The current batch, handed over first when it cannot take `payloadBytes` more.
    LoadBatch& batchFor(std::size_t payloadBytes)
    {
        if (m_batch->full() || !m_batch->hasRoom(payloadBytes))
            flush();
        return *m_batch;
    }

    void flush()
    {
        if (m_batch->empty())
            return;
        m_queue.push(std::move(m_batch), m_parser);
        m_batch = m_queue.acquire(m_parser);
    }

    // Where a payload's bytes will be read back from: the capture when they are a slice of the
    // frame, else the spill store (reassembled, unmasked or inflated bytes).
    ByteLocation locate(const FrameContext& frame, ByteView bytes, std::uint32_t fileSourceIndex)
    {
        ByteLocation location;
        location.length = static_cast<std::uint32_t>(bytes.size());
        const auto offset = frame.fileOffsetOf(bytes);
        if (offset != kUnknownFileOffset) {
            location.sourceIndex = fileSourceIndex;
            location.offset = offset;
        } else {
            location.sourceIndex = m_spillSourceIndex;
            location.offset = m_spill.append(bytes);
        }
        return location;
    }

    // `lineFeedSourceIndex` is the log seen with CRLF for LF, the next one with CRLF for ngrep's ".\n".
    ByteLocation locateText(const TextLogMessage& message, std::uint32_t fileSourceIndex, std::uint32_t lineFeedSourceIndex)
    {
        ByteLocation location;
        location.length = static_cast<std::uint32_t>(message.bytes.size());
        if (message.fileOffset != kUnknownFileOffset) {
            location.sourceIndex = fileSourceIndex;
            location.offset = message.fileOffset;
        } else if (message.lineFeedOffset != kUnknownFileOffset) {
            location.sourceIndex = lineFeedSourceIndex;
            location.offset = message.lineFeedOffset;
        } else if (message.dotLineFeedOffset != kUnknownFileOffset) {
            location.sourceIndex = lineFeedSourceIndex + 1;
            location.offset = message.dotLineFeedOffset;
        } else {
            location.sourceIndex = m_spillSourceIndex;
            location.offset = m_spill.append(message.bytes);
        }
        return location;
    }

private:
    SpillStore& m_spill;
    std::uint32_t m_spillSourceIndex;
    BatchQueue& m_queue;
    BatchParser m_parser;
    std::unique_ptr<LoadBatch> m_batch;
};

class FileSink final : public DissectorSink {
public:
    FileSink(BatchFiller& filler, std::uint32_t fileIndex, std::vector<TcpConnection>& connections,
        std::uint32_t lineFeedSourceIndex = 0)
        : m_filler(filler)
        , m_fileIndex(fileIndex)
        , m_lineFeedSourceIndex(lineFeedSourceIndex)
        , m_connections(connections)
    {
    }

    void onSipPayload(const FrameContext& frame, const SipPayload& payload) override
    {
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
        meta.location = m_filler.locate(frame, payload.bytes, m_fileIndex);
        if (!payload.connectionFrames.empty()) {
            TcpConnection connection;
            connection.fileIndex = m_fileIndex;
            connection.source = payload.source;
            connection.destination = payload.destination;
            for (const auto opening : payload.connectionFrames) {
                if (connection.openingFrameCount < connection.openingFrames.size())
                    connection.openingFrames[connection.openingFrameCount++] = opening;
            }
            m_connections.push_back(connection);
        }
        // Kept only when more than the frame being dissected carried it (a few messages in most
        // captures): a pcap export copies these frames.
        const bool onlyThisFrame
            = payload.frames.empty() || (payload.frames.size() == 1 && payload.frames[0] == frame.frameNumber);
        m_filler.batchFor(payload.bytes.size())
            .addPayload(meta, payload.bytes, payload.framing,
                onlyThisFrame ? std::span<const std::uint64_t>() : payload.frames);
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
        m_filler.batchFor(event.quotedPayload.size()).addQuotedPayload(record, event.quotedPayload);
    }

    void onWarning(const FrameContext& frame, std::string message) override
    {
        warn("decoding", frame.frameNumber, message + " (frame " + std::to_string(frame.frameNumber) + ")");
    }

    // A message of a text log: its bytes are a slice of the file when the log holds them verbatim,
    // else they go to the spill store.
    void onTextMessage(const TextLogMessage& message)
    {
        MessageMeta meta;
        meta.timestampNs = message.timestampNs;
        meta.frameNumber = message.line;
        meta.firstFrameNumber = message.line;
        meta.fileIndex = m_fileIndex;
        meta.source = message.source;
        meta.destination = message.destination;
        meta.transport = message.transport;
        meta.truncated = message.truncated;
        meta.fromTextLog = true;
        meta.sourceInferred = message.sourceInferred;
        meta.destinationInferred = message.destinationInferred;
        meta.location = m_filler.locateText(message, m_fileIndex, m_lineFeedSourceIndex);
        m_filler.batchFor(message.bytes.size())
            .addPayload(meta, message.bytes,
                message.truncated ? PayloadFraming::StreamTruncated : PayloadFraming::Stream);
    }

    void warnLine(const char* kind, std::uint64_t line, std::string text)
    {
        m_filler.batchFor(0).addWarning({m_fileIndex, kind, std::nullopt, std::move(text), line});
    }

    // Warnings travel with the payloads, so the grouping thread applies them all in order.
    void warn(const char* kind, std::optional<std::uint64_t> frame, std::string text)
    {
        m_filler.batchFor(0).addWarning({m_fileIndex, kind, frame, std::move(text), std::nullopt});
    }

private:
    BatchFiller& m_filler;
    std::uint32_t m_fileIndex;
    std::uint32_t m_lineFeedSourceIndex; // a text log seen with CRLF line ends
    std::vector<TcpConnection>& m_connections; // shared by the files' sinks, on the reading thread
};

struct OpenFile {
    std::unique_ptr<CaptureReader> reader; // a capture...
    std::unique_ptr<TextLogPrefetcher> text; // ...or a text log
    std::unique_ptr<FileSink> sink;
    std::unique_ptr<PacketDissector> dissector;
    RawFrame frame;
    TextLogMessage message;
    bool hasFrame = false; // `frame` or `message` is the file's next item

    std::int64_t headTime() const { return reader ? frame.timestampNs : message.timestampNs; }
    std::uint64_t bytesConsumed() const { return reader ? reader->bytesConsumed() : text->bytesConsumed(); }
    std::uint64_t bytesTotal() const { return reader ? reader->bytesTotal() : text->bytesTotal(); }
};

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
        p.bytesDone += file.bytesConsumed();
        p.bytesTotal += file.bytesTotal();
    }
    progress->report(p);
}

} // namespace

Result<SnapshotPtr> CaptureLoader::load(const LoadOptions& options, ProgressSink* progress, const CancellationToken& token)
{
    if (options.paths.empty())
        return Error{ErrorCode::InvalidArgument, "no input files given"};

    auto snapshot = std::make_shared<CaptureSnapshot>();
    // Declared first, so destroyed last: a log's read-ahead thread uses it until its file is closed.
    HostNameTable hosts;
    std::vector<OpenFile> files(options.paths.size());
    std::vector<OpenedInput> inputs;
    auto nameError = [&](Error error, std::size_t i) {
        if (i < options.displayNames.size())
            replaceAll(error.message, options.paths[i], options.displayNames[i]);
        return error;
    };
    for (std::size_t i = 0; i < options.paths.size(); ++i) {
        auto opened = openInput(options.paths[i], hosts);
        if (!opened)
            return nameError(opened.error(), i);
        inputs.push_back(std::move(opened.value()));
    }
    // A lone text log is read ahead on a thread of its own (several would share the host names).
    const bool readLogAhead = std::count_if(inputs.begin(), inputs.end(), [](const OpenedInput& input) {
        return input.text != nullptr;
    }) == 1;
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        auto& input = inputs[i];
        InputFile info;
        info.path = i < options.displayNames.size() ? options.displayNames[i] : options.paths[i];
        if (input.capture) {
            files[i].reader = std::move(input.capture);
            info.format = files[i].reader->formatName();
        } else {
            info.isTextLog = true;
            info.format = std::string(textLogFormatName(input.text->format())) + (input.compressed ? ".gz" : "");
            files[i].text = std::make_unique<TextLogPrefetcher>(std::move(input.text), readLogAhead);
            snapshot->m_hasTextLogs = true;
        }
        info.bytes = files[i].bytesTotal();
        snapshot->m_files.push_back(std::move(info));
        snapshot->m_byteSources.push_back(std::move(input.byteSource));
    }
    auto spill = std::make_shared<SpillStore>();
    const auto spillIndex = static_cast<std::uint32_t>(snapshot->m_byteSources.size());
    snapshot->m_byteSources.push_back(spill);
    // Each text log also as seen with CRLF line ends (for LF, then for ngrep's ".\n"), after the spill store.
    std::vector<std::uint32_t> lineFeedSources(files.size(), 0);
    for (std::size_t i = 0; i < files.size(); ++i) {
        if (files[i].text) {
            const auto& file = files[i].text->reader().file();
            lineFeedSources[i] = static_cast<std::uint32_t>(snapshot->m_byteSources.size());
            snapshot->m_byteSources.push_back(std::make_shared<LineFeedByteSource>(file, LineFeedByteSource::Ends::LineFeed));
            snapshot->m_byteSources.push_back(
                std::make_shared<LineFeedByteSource>(file, LineFeedByteSource::Ends::DotLineFeed));
        }
    }

    // Two threads: this one reads and dissects, the grouping thread builds the call model, and
    // whichever has time parses (see BatchQueue). A lone text log adds a third, reading it ahead.
    CallGrouper grouper(*snapshot);
    // Reserving address space is free until touched: plan for SIP-only traffic of ~400 bytes a frame.
    std::uint64_t totalBytes = 0;
    for (const auto& file : files)
        totalBytes += file.bytesTotal();
    grouper.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(totalBytes / 400, 64'000'000)));
    std::vector<WarningCollector> warnings;
    warnings.reserve(files.size());
    for (auto& info : snapshot->m_files)
        warnings.emplace_back(info, options.maxWarningsPerKind);

    BatchQueue queue;
    std::thread groupingThread([&queue, &grouper, &warnings, &snapshot] {
        BatchParser parser;
        while (auto batch = queue.pop(parser)) {
            for (const auto& message : batch->messages()) {
                const auto index = grouper.add(message.fields, message.meta);
                if (message.framesCount != 0) {
                    snapshot->addCarrierFrames(
                        index, message.meta.frameNumber, batch->framesOf(message.framesBegin, message.framesCount));
                }
                ++snapshot->m_files[message.meta.fileIndex].sipMessages;
            }
            for (const auto& icmp : batch->icmpEvents())
                grouper.addIcmpEvent(icmp.event, icmp.quotedCallId);
            for (auto& warning : batch->warnings())
                warnings[warning.fileIndex].add(warning.kind, warning.frame, warning.line, std::move(warning.text));
            queue.recycle(std::move(batch));
        }
    });
    BatchFiller filler(*spill, spillIndex, queue);
    auto stopGrouping = [&] {
        filler.flush();
        queue.close();
        groupingThread.join();
    };

    std::vector<TcpConnection> connections;
    for (std::size_t i = 0; i < files.size(); ++i) {
        files[i].sink = std::make_unique<FileSink>(filler, static_cast<std::uint32_t>(i), connections, lineFeedSources[i]);
        if (files[i].reader)
            files[i].dissector = std::make_unique<PacketDissector>(*files[i].sink, options.limits);
    }

    std::vector<std::uint64_t> framesRead(files.size(), 0);
    auto advance = [&](std::size_t i) {
        auto& file = files[i];
        if (file.text) {
            file.hasFrame = file.text->next(file.message);
            for (auto& warning : file.text->warnings())
                file.sink->warnLine(warning.kind, warning.line, std::move(warning.text));
            file.text->warnings().clear();
            return;
        }
        const auto status = file.reader->next(file.frame);
        file.hasFrame = status == ReadStatus::Frame;
        if (file.hasFrame)
            return;
        const auto nextFrame = framesRead[i] + 1;
        if (status == ReadStatus::Truncated) {
            file.sink->warn(
                "file", nextFrame, "truncated at frame " + std::to_string(nextFrame) + ": " + file.reader->problem());
        } else if (status == ReadStatus::Corrupt) {
            file.sink->warn("file", nextFrame,
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
            if (files[i].hasFrame && (next == files.size() || files[i].headTime() < files[next].headTime()))
                next = i;
        }
        if (next == files.size())
            break;

        auto& file = files[next];
        captureStart = std::min(captureStart, file.headTime());
        captureEnd = std::max(captureEnd, file.headTime());
        ++framesRead[next];
        if (file.text) {
            file.sink->onTextMessage(file.message);
        } else {
            const RawFrame& frame = file.frame;
            FrameContext context{static_cast<std::uint32_t>(next), frame.frameNumber, frame.timestampNs, frame.data,
                frame.dataFileOffset};
            file.dissector->dissect(context, frame.linkType);
        }
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
    } else {
        // A log goes on after its last SIP message (chan_sip's "Retransmission timeout reached"
        // comes 32 s after an unanswered INVITE): its last time stamp is where it ends.
        for (const auto& file : files) {
            if (file.text) {
                if (const auto latest = file.text->reader().latestTimeNs())
                    captureEnd = std::max(captureEnd, *latest);
            }
        }
    }
    snapshot->m_captureStartNs = captureStart;
    snapshot->m_captureEndNs = captureEnd;
    std::uint64_t captureFrames = 0;
    for (std::size_t i = 0; i < files.size(); ++i)
        captureFrames += files[i].reader ? framesRead[i] : 0;
    snapshot->m_totals.frames = captureFrames;

    for (std::size_t i = 0; i < files.size(); ++i) {
        auto& info = snapshot->m_files[i];
        if (files[i].text) {
            // A text is a trace only if SIP was found in it.
            if (framesRead[i] == 0) {
                return nameError(Error{ErrorCode::NotACapture,
                                     quotedPath(options.paths[i])
                                         + (files[i].text->reader().readFailed()
                                                 ? " cannot be read (I/O error)."
                                                 : " holds no SIP messages: it is not a packet capture (pcap or "
                                                   "pcapng), and no SIP request or response was found in its text.")},
                    i);
            }
            if (files[i].text->reader().readFailed())
                warnings[i].add("file", std::nullopt, "the file could not be read to its end (I/O error)");
            const bool compressed = info.format.ends_with(".gz");
            info.format = std::string(textLogFormatName(files[i].text->reader().format())) + (compressed ? ".gz" : "");
            info.lines = files[i].text->reader().linesRead();
        } else {
            info.frames = framesRead[i];
            warnings[i].addStatistics(files[i].dissector->stats());
            info.stats = files[i].dissector->stats();
        }
        warnings[i].summarise();
    }
    snapshot->m_hostNames = hosts.names();
    snapshot->setTcpConnections(std::move(connections));
    grouper.finish(captureEnd);
    reportProgress(progress, files, framesDone, snapshot->m_calls.size(), LoadStage::Finished);
    return SnapshotPtr(std::move(snapshot));
}

} // namespace sipladder::core
