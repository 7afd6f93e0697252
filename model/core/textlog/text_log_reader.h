// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "capture/file_byte_source.h"
#include "textlog/endpoint_inferrer.h"
#include "textlog/host_name_table.h"
#include "textlog/line_cleaner.h"
#include "textlog/log_clock.h"
#include "textlog/text_line_reader.h"
#include "textlog/text_log_message.h"
#include "textlog/trace_marker.h"
#include "util/string_arena.h"
#include "util/text_buffer.h"

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace sipladder::core {

// Reads the SIP messages of a text trace one at a time, whatever shaped it: pasted raw messages,
// Asterisk chan_sip and PJSIP consoles, FreeSWITCH siptrace, ngrep, sngrep's text export, Cisco
// `debug ccsip messages`; several shapes may mix in one file. Lines are cleaned first (colour
// codes, CR characters, log prefixes, quoting), markers of each shape set what the log says about
// the next message (direction, peer, transport, time), and a SIP start line begins a message. The
// body is cut by Content-Length when the log agrees with it; otherwise what is there is kept and a
// warning names the line. Endpoints the log does not state are inferred (EndpointInferrer) after a
// first look at the start of the file, so that the logging host's own address is known from the first
// message on.
class TextLogReader {
public:
    // `hosts` is shared by the files of one load and outlives the reader.
    TextLogReader(std::shared_ptr<const FileByteSource> file, HostNameTable& hosts);
    ~TextLogReader();

    // What a message's endpoints are inferred from; views valid until the next call.
    struct EndpointEvidence {
        MessageFacts facts;
        LogContext context;
    };

    // The next message; false at the end of the file.
    bool next(TextLogMessage& message);
    // The next message, its endpoints still to be inferred when `evidence` comes back set: the caller
    // then hands every such message, in the order read, to inferEndpoints(). Reading never uses what
    // inferring does (the inferrer and the host names) once the first message is out, so the two may
    // go on side by side on two threads, one for each.
    bool nextLeavingEndpoints(TextLogMessage& message, const EndpointEvidence*& evidence);
    void inferEndpoints(TextLogMessage& message, const EndpointEvidence& evidence);
    // Warnings raised so far and not yet taken (the caller clears the vector).
    std::vector<TextLogWarning>& warnings() { return m_warnings; }

    // The shape most of the messages had (raw SIP when there were none).
    TextLogFormat format() const;
    std::uint64_t bytesConsumed() const { return m_lines.bytesConsumed() + m_bytesReadAside; }
    std::uint64_t bytesTotal() const { return m_lines.size(); }
    const std::shared_ptr<const FileByteSource>& file() const { return m_file; }
    std::uint64_t linesRead() const { return m_lineCount; }
    std::uint64_t messagesRead() const { return m_messageCount; }
    // The latest time any line of the log carried (SIP or not); none when the log has no times.
    std::optional<std::int64_t> latestTimeNs() const;
    // A sngrep log was read in two halves at once (see holdWholeLogSorted()).
    bool readInTwoHalves() const { return m_tookSecondHalf; }
    // True when the file could not be read to its end (an I/O error).
    bool readFailed() const { return m_lines.failed() || m_readAsideFailed; }

private:
    // A reader of the part of the file from `startOffset` (a line's start, numbered `firstLine`) on.
    TextLogReader(std::shared_ptr<const FileByteSource> file, HostNameTable& hosts, std::uint64_t startOffset,
        std::uint64_t firstLine);

    enum class State { Idle, Headers, Body };
    enum class Stop { Line, Eof };

    struct MessageLine {
        std::uint64_t number = 0;
        std::uint64_t fileOffset = 0;
        std::uint64_t nextOffset = 0; // just past its line end in the file
        std::uint32_t begin = 0; // content in m_text (CRLF after it)
        std::uint32_t length = 0;
        std::uint8_t fileEnd = 0; // 2 CRLF (or ngrep's ".\n"), 1 LF, 0 none
        bool modified = false;
        bool contiguous = true; // follows the previous line of the message in the file
        bool blank = false;
        bool dotEnd = false; // the line as in the file but for ngrep's '.' for its CR
    };
    struct Pending {
        TraceMarker marker;
        std::optional<std::int64_t> timeNs;
        int gap = 0;
        bool active = false;
        // The marker's message was read; a start line right after it is another message of the same
        // block (two messages in one TCP segment), sent the same way at the same time.
        bool continuation = false;
    };
    struct Slice {
        std::uint32_t begin = 0;
        std::uint32_t length = 0;
        bool found = false;
    };

    // Handles one line; true when a message was completed (then `reprocess` says whether the line
    // still has to be handled, in the Idle state).
    bool process(const TextLine& line, std::string_view raw, bool& reprocess);
    void handleIdle(const TextLine& line, const CleanLine& clean, std::string_view content);
    void beginMessage(const TextLine& line, const CleanLine& clean, std::string_view content);
    void addLine(const TextLine& line, std::string_view content, bool modified, std::uint8_t fileEnd, bool blank);
    void addVirtualBlankLine(const TextLine& line);
    // A body line while Content-Length is not yet met: added and checked; what process() returns.
    bool addBodyLineBeforeMatch(
        const TextLine& line, std::string_view content, bool modified, std::uint8_t fileEnd, bool blank);
    // A header or body line of the usual kind taken the short way: what process() returns, or nothing
    // when the line needs the general way.
    std::optional<bool> processPlainLine(const TextLine& line, std::string_view raw);
    // `colon` is where the name ends, when known (else npos).
    void noteHeader(std::string_view content, std::uint32_t begin, std::size_t colon);
    void checkBodyMatch();
    bool finish(Stop stop);
    bool finishOnOtherText();
    void warn(std::uint64_t line, const char* kind, std::string text);

    EndpointInferrer m_inferrer;
    TextLineReader m_lines;
    LineCleaner m_cleaner;
    LogClock m_clock;
    std::vector<TextLogWarning> m_warnings;

    State m_state = State::Idle;
    Pending m_pending;
    std::optional<std::int64_t> m_lastTimeNs;
    std::int64_t m_deltaClockNs = 0; // the sum of ngrep -T's deltas so far
    std::uint64_t m_lineCount = 0;
    std::uint64_t m_messageCount = 0;
    std::array<std::uint64_t, kTextLogFormatCount> m_formatCounts {};

    // The message being read.
    std::vector<MessageLine> m_messageLines;
    TextBuffer m_text; // cleaned contents of its lines, each followed by CRLF
    // The bytes of the lines' contents alone (what kMaxMessageBytes limits).
    std::size_t contentBytes() const { return m_text.size() - 2 * m_messageLines.size(); }
    TextBuffer m_previousText; // m_text of the message before
    std::string m_out; // the message as delivered, when that is not a prefix of m_text
    std::size_t m_indent = 0;
    bool m_dots = false;
    LogPrefix m_prefix = LogPrefix::None;
    LogContext m_context;
    TextLogFormat m_format = TextLogFormat::RawSip;
    std::int64_t m_timeNs = 0;
    std::size_t m_headerEnd = 0; // index of the blank line ending the headers, in m_messageLines
    std::optional<std::uint64_t> m_contentLength;
    bool m_bodyMayHoldSip = false; // message/sipfrag or multipart: a start line in the body is body
    Slice m_via, m_route, m_contact, m_to, m_callId, m_cseq, m_from;
    bool m_sawBlank = false; // the headers ended with a blank line of the log (not one put in)
    // Body: how many body lines matched Content-Length, and whether text went on after them.
    std::optional<std::size_t> m_matchedLines;
    bool m_matchedCrlf = false;
    bool m_matchedWithoutLastEnd = false;
    bool m_overrun = false;
    std::uint64_t m_bodyAsIs = 0;
    std::uint64_t m_bodyCrlf = 0;

    // The message handed out last.
    TextLogMessage m_ready;

    // sngrep saves its text call by call, not in time order: such a file is read whole first and
    // its messages handed out sorted by time (stable, so equal times keep the file's order). Their
    // texts go to arenas of huge-page blocks (a new one before one would pass 32-bit positions).
    struct HeldMessage {
        TextLogMessage message; // its bytes are `bytes` in m_heldTexts[arena]
        std::uint32_t arena = 0;
        StringRef bytes;
    };
    void holdWholeLogSorted();
    void reserveHeld(std::uint64_t logBytes);
    // Reads and holds the messages from here on in the file's order, their endpoints inferred.
    void holdInFileOrder();
    // Where a second reader could take over the rest of a sngrep log: the start of one of its
    // message header lines about halfway through what is left; none for a short rest.
    std::optional<std::uint64_t> secondHalfStart();
    // Takes the messages, warnings and figures of the reader that read the rest of the log.
    void takeSecondHalf(TextLogReader& second);
    // Every message so far had its two endpoints and its time stated by its header line, so that
    // reading it needed nothing learnt from the lines before.
    bool allSelfContained() const { return m_selfContained == m_messageCount; }
    bool m_sortByTime = false;
    bool m_sorted = false;
    std::vector<HeldMessage> m_held;
    std::vector<StringArena> m_heldTexts;
    std::vector<std::pair<std::int64_t, std::uint32_t>> m_heldOrder; // time, index in m_held
    std::size_t m_nextHeld = 0;
    bool readNext(TextLogMessage& message);

    // The first look (warmUp): the messages of the start of the log, read once and held with what
    // their endpoints are inferred from, to be inferred again once the whole start is known. Their
    // texts are kept in one arena of huge-page blocks: thousands of small allocations, each touching
    // fresh memory, cost more than reading the messages did.
    struct WarmMessage {
        TextLogMessage message; // its bytes are `bytes`
        StringRef bytes;
        std::array<StringRef, MessageFacts::kTextCount> facts; // in the order of MessageFacts::texts()
        std::vector<TextLogWarning> warnings; // raised while it was read
        LogContext context;
        bool isRequest = false;
    };
    void warmUp();
    // The next message before its endpoints are inferred, with what they are inferred from.
    bool nextInFileOrder(TextLogMessage& message, EndpointEvidence& evidence);
    bool m_warmedUp = false;
    std::vector<WarmMessage> m_warm;
    StringArena m_warmText;
    std::size_t m_nextWarm = 0;
    // Reading a sngrep log in two halves at once: this reader stops at the line where the second
    // begins (when it gets there between two messages; else it reads on and the second half's
    // reading is dropped), and that line is kept to be read after all should the second half's
    // reading need what this one learnt.
    std::shared_ptr<const FileByteSource> m_file;
    std::uint64_t m_stopAt = UINT64_MAX;
    bool m_stoppedAtSplit = false;
    bool m_hasKeptLine = false;
    TextLine m_keptLine;
    std::uint64_t m_bytesReadAside = 0;
    bool m_tookSecondHalf = false;
    bool m_readAsideFailed = false;
    std::optional<std::int64_t> m_latestAside;
    std::uint64_t m_selfContained = 0;
    bool m_statedEnds = false; // the message being read had its endpoints and time stated

    EndpointEvidence m_evidence; // of the message handed out last
    MessageFacts m_lastFacts; // of the message read last, views into its text
    LogContext m_lastContext; // what the log said around it
};

} // namespace sipladder::core
