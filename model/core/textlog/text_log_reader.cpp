// SPDX-License-Identifier: Apache-2.0
#include "textlog/text_log_reader.h"

#include "util/ascii_text.h"
#include "util/huge_pages.h"

#include "sip/byte_scan.h"
#include "sip/header_names.h"
#include "sip/header_value.h"
#include "sip/sdp_line.h"

#include <algorithm>
#include <array>
#include <bit>
#include <thread>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace sipladder::core {

namespace {

// "Name: value" or an SDP line "v=0": a line of the message, which no log marker looks like (markers
// are "<--- ... --->", "recv 12 bytes ...", "U a -> b", "Received:", rules, dates...). Checked first
// because most lines of a message are such lines and the marker parser tries several shapes.
bool looksLikeMessageLine(std::string_view line)
{
    if (isSdpLine(line))
        return true;
    if (line.size() < 3)
        return false;
    const char first = line[0];
    // Header names begin with a letter; "000123: " is Cisco's sequence number before a time stamp.
    if (!((first >= 'A' && first <= 'Z') || (first >= 'a' && first <= 'z')))
        return false;
    std::size_t i = 1;
    while (i < line.size() && line[i] != ':' && line[i] != ' ' && line[i] != '\t' && line[i] != '<')
        ++i;
    return i + 2 < line.size() && line[i] == ':' && line[i + 1] == ' ';
}

// How much of a file the first look reads to learn the logging host and host names.
constexpr std::uint64_t kWarmUpBytes = 8 << 20;
// Room kept for the text of a message from the start (most are smaller).
constexpr std::size_t kInitialMessageBytes = 8192;
// A "message" beyond this is not one (a log that never ends a body); it is cut there.
constexpr std::size_t kMaxMessageBytes = 16 << 20;
// Lines of other output allowed between a marker and the message it announces.
constexpr int kMaxMarkerGap = 2;
// Text held in one StringArena while a sngrep log is sorted, well below its 4 GiB of positions.
constexpr std::uint64_t kHeldArenaBytes = 3ull << 30;
// A sngrep log is read in two halves at once when this much is left after the first look.
constexpr std::uint64_t kSecondHalfMinimum = 16 << 20;
// How far past the middle the second half's first message header is looked for.
constexpr std::size_t kSplitWindow = 256 << 10;
// Body text gathered past Content-Length before giving up on finding where the log agrees with it.
constexpr std::uint64_t kBodySlack = 64 * 1024;

bool isBlankChar(char c)
{
    return c == ' ' || c == '\t';
}

bool isBlankText(std::string_view text)
{
    for (const char c : text) {
        if (!isBlankChar(c))
            return false;
    }
    return true;
}

std::size_t leadingBlanks(std::string_view text)
{
    std::size_t n = 0;
    while (n < text.size() && isBlankChar(text[n]))
        ++n;
    return n;
}

constexpr bool isTokenChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
        || c == '!' || c == '%' || c == '*' || c == '_' || c == '+' || c == '`' || c == '\'' || c == '~';
}

// RFC 3261's token characters, as a table: the name of every header line is scanned with it.
constexpr auto kTokenChars = [] {
    std::array<bool, 256> table {};
    for (int c = 0; c < 256; ++c)
        table[static_cast<std::size_t>(c)] = isTokenChar(static_cast<char>(c));
    return table;
}();

// The length of the header name that begins `line` with a letter ("Via" of "Via: ..."), 0 when the
// line does not begin with one; the caller looks at what follows.
std::size_t headerNameLength(std::string_view line)
{
    if (line.empty() || !((line[0] >= 'A' && line[0] <= 'Z') || (line[0] >= 'a' && line[0] <= 'z')))
        return 0;
    std::size_t n = 1;
#if defined(__SSE2__)
    // Names are letters, digits and dashes: 16 bytes are classed at once, and the table below
    // goes on from the first byte that is none of these (the name's end or a rarer token character).
    if (line.size() >= 16) {
        const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(line.data()));
        auto inRange = [](__m128i bytes, char low, char count) {
            const __m128i offset = _mm_sub_epi8(bytes, _mm_set1_epi8(low));
            return _mm_cmpeq_epi8(_mm_min_epu8(offset, _mm_set1_epi8(static_cast<char>(count - 1))), offset);
        };
        const __m128i letter = inRange(_mm_or_si128(block, _mm_set1_epi8(0x20)), 'a', 26);
        const __m128i digit = inRange(block, '0', 10);
        const __m128i dash = _mm_cmpeq_epi8(block, _mm_set1_epi8('-'));
        const auto name = static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(_mm_or_si128(letter, digit), dash)));
        n = static_cast<std::size_t>(std::countr_zero(~name));
    }
#endif
    while (n < line.size() && kTokenChars[static_cast<unsigned char>(line[n])])
        ++n;
    return n;
}

bool isHeaderLine(std::string_view text)
{
    std::size_t p = 0;
    while (p < text.size() && isTokenChar(text[p]))
        ++p;
    if (p == 0)
        return false;
    while (p < text.size() && isBlankChar(text[p]))
        ++p;
    return p < text.size() && text[p] == ':';
}

bool isSipVersion(std::string_view text)
{
    return text.size() == 7 && (text[0] | 0x20) == 's' && (text[1] | 0x20) == 'i' && (text[2] | 0x20) == 'p'
        && text.substr(3) == "/2.0";
}

bool isStatusLine(std::string_view text)
{
    if (text.size() < 11 || !isSipVersion(text.substr(0, 7)) || text[7] != ' ')
        return false;
    for (std::size_t i = 8; i < 11; ++i) {
        if (text[i] < '0' || text[i] > '9')
            return false;
    }
    return text.size() == 11 || text[11] == ' ';
}

bool isRequestLine(std::string_view text)
{
    if (text.size() < 14 || text[text.size() - 8] != ' ' || !isSipVersion(text.substr(text.size() - 7)))
        return false;
    std::size_t p = 0;
    while (p < text.size() && isTokenChar(text[p]))
        ++p;
    if (p == 0 || p > 32 || text[p] != ' ')
        return false;
    const std::string_view uri = text.substr(p + 1, text.size() - 8 - p - 1);
    return !uri.empty() && uri.find(':') != std::string_view::npos && uri.find(' ') == std::string_view::npos
        && uri.find('\t') == std::string_view::npos;
}

bool isStartLine(std::string_view text)
{
    return isStatusLine(text) || isRequestLine(text);
}

// The first line of a body whose blank line before it was lost: SDP, XML, a multipart delimiter.
bool looksLikeBody(std::string_view text)
{
    return isSdpLine(text) || text.starts_with("<") || text.starts_with("--");
}

std::optional<std::uint64_t> parseDecimal(std::string_view text)
{
    text = trimHeaderValue(text);
    if (text.empty() || text.size() > 12)
        return std::nullopt;
    std::uint64_t value = 0;
    for (const char c : text) {
        if (c < '0' || c > '9')
            return std::nullopt;
        value = value * 10 + static_cast<std::uint64_t>(c - '0');
    }
    return value;
}

// The line feeds in the first `end` bytes of `file`; none on a read error.
std::optional<std::uint64_t> countLineFeeds(const FileByteSource& file, std::uint64_t end)
{
    std::vector<char> buffer(std::min<std::uint64_t>(end, 4 << 20));
    std::uint64_t count = 0;
    for (std::uint64_t at = 0; at < end;) {
        const auto want = static_cast<std::size_t>(std::min<std::uint64_t>(buffer.size(), end - at));
        const auto got = file.readSome(at, want, reinterpret_cast<std::uint8_t*>(buffer.data()));
        if (got <= 0)
            return std::nullopt;
        const char* p = buffer.data();
        const char* const stop = p + got;
#if defined(__SSE2__)
        const __m128i lineFeed = _mm_set1_epi8('\n');
        for (; stop - p >= 16; p += 16) {
            const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
            count += static_cast<std::uint64_t>(
                std::popcount(static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(block, lineFeed)))));
        }
#endif
        for (; p < stop; ++p)
            count += *p == '\n' ? 1 : 0;
        at += static_cast<std::uint64_t>(got);
    }
    return count;
}

} // namespace

TextLogReader::TextLogReader(std::shared_ptr<const FileByteSource> file, HostNameTable& hosts)
    : TextLogReader(std::move(file), hosts, 0, 1)
{
}

TextLogReader::TextLogReader(
    std::shared_ptr<const FileByteSource> file, HostNameTable& hosts, std::uint64_t startOffset, std::uint64_t firstLine)
    : m_inferrer(hosts)
    , m_lines(file, startOffset, firstLine)
    , m_file(std::move(file))
{
    // Handed-out messages and their facts are views into these, which swap at each message: on the
    // heap from the start, a swap moves no bytes.
    m_text.reserve(kInitialMessageBytes);
    m_previousText.reserve(kInitialMessageBytes);
}

TextLogReader::~TextLogReader() = default;

TextLogFormat TextLogReader::format() const
{
    std::size_t best = 0;
    for (std::size_t i = 1; i < kTextLogFormatCount; ++i) {
        // Raw messages in a log of another shape (a message without a marker) do not name the file.
        if (m_formatCounts[i] > m_formatCounts[best] || (best == 0 && m_formatCounts[i] > 0))
            best = i;
    }
    return static_cast<TextLogFormat>(best);
}

void TextLogReader::warn(std::uint64_t line, const char* kind, std::string text)
{
    m_warnings.push_back(TextLogWarning { line, kind, std::move(text) });
}

void TextLogReader::warmUp()
{
    // The start of the log is read and its messages held, so that the endpoints of every message,
    // the first ones too, are inferred knowing the logging host's address and the addresses behind
    // host names; the held messages are then resolved again as they are handed out.
    m_warmedUp = true;
    m_warm.reserve(kWarmUpBytes / 512);
    adviseHugePages(m_warm.data(), m_warm.capacity() * sizeof(WarmMessage));
    TextLogMessage message;
    while (m_lines.bytesConsumed() < kWarmUpBytes) {
        if (!readNext(message))
            break;
        m_inferrer.resolve(m_lastFacts, m_lastContext); // only to learn from it
        WarmMessage& held = m_warm.emplace_back();
        held.message = message;
        held.bytes = m_warmText.add(asText(message.bytes));
        if (!m_warnings.empty()) {
            held.warnings = std::move(m_warnings);
            m_warnings.clear();
        }
        held.context = m_lastContext;
        held.isRequest = m_lastFacts.isRequest;
        const auto fields = m_lastFacts.texts();
        for (std::size_t i = 0; i < fields.size(); ++i)
            held.facts[i] = m_warmText.add(*fields[i]);
    }
    // Every warning is raised with a message (in finish()), so none is left over here.
    m_sortByTime = format() == TextLogFormat::Sngrep;
}

bool TextLogReader::nextInFileOrder(TextLogMessage& message, EndpointEvidence& evidence)
{
    if (m_nextWarm < m_warm.size()) {
        const WarmMessage& held = m_warm[m_nextWarm++];
        evidence.facts = MessageFacts();
        evidence.facts.isRequest = held.isRequest;
        const auto fields = evidence.facts.texts();
        for (std::size_t i = 0; i < fields.size(); ++i)
            *fields[i] = m_warmText.view(held.facts[i]);
        evidence.context = held.context;
        message = held.message;
        message.bytes = asBytes(m_warmText.view(held.bytes));
        m_warnings.insert(m_warnings.end(), held.warnings.begin(), held.warnings.end());
        return true;
    }
    if (!m_warm.empty()) {
        // The last held message was taken by the call before: let go of them all.
        m_warm = {};
        m_warmText = StringArena();
        m_nextWarm = 0;
    }
    if (!readNext(message))
        return false;
    evidence.facts = m_lastFacts;
    evidence.context = m_lastContext;
    return true;
}

void TextLogReader::inferEndpoints(TextLogMessage& message, const EndpointEvidence& evidence)
{
    const ResolvedEndpoints endpoints = m_inferrer.resolve(evidence.facts, evidence.context);
    message.source = endpoints.source;
    message.destination = endpoints.destination;
    message.sourceInferred = endpoints.sourceInferred;
    message.destinationInferred = endpoints.destinationInferred;
    message.transport = endpoints.transport;
}

bool TextLogReader::next(TextLogMessage& message)
{
    const EndpointEvidence* evidence = nullptr;
    if (!nextLeavingEndpoints(message, evidence))
        return false;
    if (evidence != nullptr)
        inferEndpoints(message, *evidence);
    return true;
}

bool TextLogReader::nextLeavingEndpoints(TextLogMessage& message, const EndpointEvidence*& evidence)
{
    evidence = nullptr;
    if (!m_warmedUp)
        warmUp();
    if (!m_sortByTime) {
        if (!nextInFileOrder(message, m_evidence))
            return false;
        evidence = &m_evidence;
        return true;
    }
    if (!m_sorted)
        holdWholeLogSorted();
    if (m_nextHeld >= m_heldOrder.size())
        return false;
    const HeldMessage& held = m_held[m_heldOrder[m_nextHeld++].second];
    message = held.message;
    message.bytes = asBytes(m_heldTexts[held.arena].view(held.bytes));
    return true;
}

void TextLogReader::holdWholeLogSorted()
{
    m_sorted = true;
    reserveHeld(m_lines.size());

    // Nothing of the log can go out before all of it is read, so the rest of the call model waits:
    // a second reader on another thread reads the second half meanwhile. Each sngrep message states
    // its endpoints and time, so that half reads the same without the first; when it turns out
    // otherwise (a message it had to infer for), it is read again here after the first.
    const auto split = secondHalfStart();
    HostNameTable secondHosts; // stays empty when every message states its endpoints
    std::unique_ptr<TextLogReader> second;
    std::thread secondThread;
    if (split) {
        m_stopAt = *split;
        secondThread = std::thread([this, &second, &secondHosts, start = *split] {
            const auto linesBefore = countLineFeeds(*m_file, start);
            if (!linesBefore)
                return;
            second.reset(new TextLogReader(m_file, secondHosts, start, *linesBefore + 1));
            second->reserveHeld(m_lines.size() - start);
            second->holdInFileOrder();
        });
    }
    holdInFileOrder();
    if (secondThread.joinable())
        secondThread.join();
    if (m_stoppedAtSplit) {
        if (second && second->allSelfContained() && secondHosts.names().empty() && !second->readFailed()) {
            m_hasKeptLine = false;
            takeSecondHalf(*second);
        } else {
            holdInFileOrder(); // from the kept line on
        }
    }

    m_heldOrder.reserve(m_held.size());
    for (std::size_t i = 0; i < m_held.size(); ++i)
        m_heldOrder.emplace_back(m_held[i].message.timestampNs, static_cast<std::uint32_t>(i));
    // Pairs of time and file position: sorted, equal times keep the file's order.
    if (!std::is_sorted(m_heldOrder.begin(), m_heldOrder.end()))
        std::sort(m_heldOrder.begin(), m_heldOrder.end());
}

void TextLogReader::reserveHeld(std::uint64_t logBytes)
{
    // Room for the messages this much of a log holds, reserved at once and offered huge pages: a
    // vector doubling its way there would touch every page several times.
    m_held.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(logBytes / 256, 1u << 26)));
    adviseHugePages(m_held.data(), m_held.capacity() * sizeof(HeldMessage));
}

void TextLogReader::holdInFileOrder()
{
    if (m_heldTexts.empty())
        m_heldTexts.emplace_back();
    TextLogMessage read;
    // Endpoints are inferred in the file's order, as the log was written, before the messages are sorted.
    while (nextInFileOrder(read, m_evidence)) {
        inferEndpoints(read, m_evidence);
        if (m_heldTexts.back().bytesUsed() + read.bytes.size() > kHeldArenaBytes)
            m_heldTexts.emplace_back();
        HeldMessage& held = m_held.emplace_back();
        held.message = read;
        held.arena = static_cast<std::uint32_t>(m_heldTexts.size() - 1);
        held.bytes = m_heldTexts.back().add(asText(read.bytes));
    }
}

std::optional<std::uint64_t> TextLogReader::secondHalfStart()
{
    const std::uint64_t from = m_lines.bytesConsumed();
    const std::uint64_t size = m_lines.size();
    if (size < from || size - from < kSecondHalfMinimum)
        return std::nullopt;
    // The first line that is a sngrep message header, from a little past the middle of what is left
    // (this thread has more lines to read than the other, which first counts the lines before it).
    std::string window(kSplitWindow, '\0');
    std::uint64_t at = from + (size - from) * 11 / 20;
    const auto got = m_file->readSome(at, window.size(), reinterpret_cast<std::uint8_t*>(window.data()));
    if (got <= 0)
        return std::nullopt;
    window.resize(static_cast<std::size_t>(got));
    std::size_t lineStart = window.find('\n');
    while (lineStart != std::string::npos && lineStart + 1 < window.size()) {
        ++lineStart;
        const std::size_t lineEnd = window.find('\n', lineStart);
        if (lineEnd == std::string::npos)
            break;
        std::string_view line(window.data() + lineStart, lineEnd - lineStart);
        if (line.ends_with('\r'))
            line.remove_suffix(1);
        const TraceMarker marker = parseTraceMarker(line);
        if (marker.kind == MarkerKind::MessageHeader && marker.format == TextLogFormat::Sngrep)
            return at + lineStart;
        lineStart = lineEnd;
    }
    return std::nullopt;
}

void TextLogReader::takeSecondHalf(TextLogReader& second)
{
    m_tookSecondHalf = true;
    const auto arenaShift = static_cast<std::uint32_t>(m_heldTexts.size());
    for (auto& arena : second.m_heldTexts)
        m_heldTexts.push_back(std::move(arena));
    for (HeldMessage& held : second.m_held) {
        held.arena += arenaShift;
        m_held.push_back(held);
    }
    for (auto& warning : second.m_warnings)
        m_warnings.push_back(std::move(warning));
    for (std::size_t i = 0; i < kTextLogFormatCount; ++i)
        m_formatCounts[i] += second.m_formatCounts[i];
    m_lineCount += second.m_lineCount;
    m_messageCount += second.m_messageCount;
    m_selfContained += second.m_selfContained;
    m_bytesReadAside = second.bytesConsumed() - m_lines.bytesConsumed();
    m_readAsideFailed = second.readFailed();
    m_latestAside = second.latestTimeNs();
}

std::optional<std::int64_t> TextLogReader::latestTimeNs() const
{
    const auto latest = m_clock.latest();
    if (!m_latestAside)
        return latest;
    return latest ? std::max(*latest, *m_latestAside) : m_latestAside;
}

bool TextLogReader::readNext(TextLogMessage& message)
{
    TextLine line;
    for (;;) {
        if (m_hasKeptLine) {
            line = m_keptLine;
            m_hasKeptLine = false;
        } else if (!m_lines.next(line)) {
            if (m_state != State::Idle && finish(Stop::Eof)) {
                message = m_ready;
                return true;
            }
            return false;
        }
        if (line.offset >= m_stopAt) {
            // Where a second reader took over: stop here between two messages, else read on.
            // (A marker whose message was read waits only for another message of its block.)
            const bool betweenMessages
                = line.offset == m_stopAt && m_state == State::Idle && (!m_pending.active || m_pending.continuation);
            m_stopAt = UINT64_MAX;
            if (betweenMessages) {
                m_stoppedAtSplit = true;
                m_hasKeptLine = true;
                m_keptLine = line;
                return false;
            }
        }
        ++m_lineCount;
        const std::string_view raw = m_lines.text(line);
        bool reprocess = false;
        if (process(line, raw, reprocess)) {
            if (reprocess) {
                bool ignored = false;
                process(line, raw, ignored);
            }
            message = m_ready;
            return true;
        }
    }
}

bool TextLogReader::process(const TextLine& line, std::string_view raw, bool& reprocess)
{
    reprocess = false;
    if (m_state != State::Idle && m_prefix == LogPrefix::None && m_indent == 0 && contentBytes() <= kMaxMessageBytes) {
        if (const auto done = processPlainLine(line, raw))
            return *done;
    }
    // Inside a message whose start line had no log prefix, a header or SDP line has none either (a
    // prefix begins with a date, a '[', a month or a number, never "Name: "): only scrub it.
    const bool plainMessageLine = m_state != State::Idle && m_prefix == LogPrefix::None
        && looksLikeMessageLine(raw.substr(std::min(raw.size(), raw.find_first_not_of(" \t"))));
    const CleanLine clean = plainMessageLine ? m_cleaner.scrub(raw) : m_cleaner.clean(raw);
    if (clean.time.valid && m_state == State::Idle)
        m_lastTimeNs = m_clock.resolve(clean.time);
    std::string_view content = clean.content;
    if (m_state == State::Idle) {
        handleIdle(line, clean, content);
        return false;
    }

    if (contentBytes() > kMaxMessageBytes) {
        reprocess = true;
        return finish(Stop::Line);
    }
    bool modified = clean.modified;
    std::uint8_t fileEnd = line.lineEnd == 0 ? 0 : (!raw.empty() && raw.back() == '\r' ? 2 : 1);
    bool blank = isBlankText(content);
    if (!blank) {
        const std::string_view trimmed = content.substr(leadingBlanks(content));
        if (m_dots && trimmed == ".") {
            blank = true;
        } else {
            const bool foreignPrefix
                = clean.prefix != LogPrefix::None && clean.prefix != LogPrefix::Quote && m_prefix == LogPrefix::None;
            std::string_view startCandidate = trimmed;
            if (m_dots && startCandidate.ends_with('.'))
                startCandidate.remove_suffix(1);
            // A start line inside a body that may hold SIP, before Content-Length is reached, is body.
            const bool sipInBody = m_state == State::Body && m_bodyMayHoldSip && m_contentLength
                && !m_matchedLines && std::min(m_bodyAsIs, m_bodyCrlf) < *m_contentLength;
            // A header or SDP line is neither a marker nor a start line.
            if (foreignPrefix
                || (!plainMessageLine
                    && (parseTraceMarker(trimmed).kind != MarkerKind::None || (isStartLine(startCandidate) && !sipInBody)))) {
                if (clean.time.valid)
                    m_lastTimeNs = m_clock.resolve(clean.time);
                reprocess = true;
                return finish(Stop::Line);
            }
            if (leadingBlanks(content) < m_indent) // less indented than the message: other text
                return finishOnOtherText();
        }
    }
    if (blank) {
        content = {};
        if (m_dots) {
            modified = true;
            fileEnd = line.lineEnd ? 2 : 0;
        }
    } else {
        if (m_indent > 0) {
            content.remove_prefix(m_indent);
            modified = true;
        }
        if (m_dots && content.ends_with('.')) {
            content.remove_suffix(1);
            modified = true;
            fileEnd = line.lineEnd ? 2 : 0; // the '.' was the CR
        }
    }

    if (m_state == State::Headers) {
        if (blank) {
            addLine(line, content, modified, fileEnd, true);
            m_headerEnd = m_messageLines.size() - 1;
            m_sawBlank = true;
            m_state = State::Body;
            if (m_contentLength && *m_contentLength == 0) {
                m_matchedLines = 0;
                m_matchedCrlf = true;
            }
            return false;
        }
        if (isHeaderLine(content)) {
            const auto begin = static_cast<std::uint32_t>(m_text.size());
            addLine(line, content, modified, fileEnd, false);
            noteHeader(content, begin, std::string_view::npos);
            return false;
        }
        if (isBlankChar(content[0]) && m_messageLines.size() > 1) {
            addLine(line, content, modified, fileEnd, false); // a folded header value
            return false;
        }
        if (m_contentLength && *m_contentLength > 0 && looksLikeBody(content)) {
            // The blank line between headers and body was lost (a copy from a web page or a mail).
            addVirtualBlankLine(line);
            m_headerEnd = m_messageLines.size() - 1;
            m_state = State::Body;
        } else {
            return finishOnOtherText(); // other text ends a message without a body
        }
    }

    // Body.
    if (m_matchedLines && !m_overrun) {
        // Content-Length was met; what comes right after says whether the log agrees with it.
        if (blank)
            return finish(Stop::Line);
        if ((m_contentLength && *m_contentLength > 0) || looksLikeBody(content)) {
            addLine(line, content, modified, fileEnd, false);
            if (m_matchedWithoutLastEnd) {
                // A match one line end short is the weaker reading: when this line makes the body
                // exactly Content-Length (a body with LF line ends, say), that is the match.
                const auto weakLines = m_matchedLines;
                const bool weakCrlf = m_matchedCrlf;
                m_matchedLines.reset();
                checkBodyMatch();
                if (m_matchedLines && !m_matchedWithoutLastEnd)
                    return false;
                m_matchedLines = weakLines;
                m_matchedCrlf = weakCrlf;
                m_matchedWithoutLastEnd = true;
            }
            m_overrun = true;
            return false;
        }
        return finishOnOtherText();
    }
    if (m_overrun || !m_contentLength) {
        if (blank)
            return finish(Stop::Line);
        addLine(line, content, modified, fileEnd, false);
        return false;
    }
    return addBodyLineBeforeMatch(line, content, modified, fileEnd, blank);
}

bool TextLogReader::addBodyLineBeforeMatch(
    const TextLine& line, std::string_view content, bool modified, std::uint8_t fileEnd, bool blank)
{
    addLine(line, content, modified, fileEnd, blank);
    checkBodyMatch();
    // Far past Content-Length without the log agreeing with it: the body ends here.
    if (!m_matchedLines && m_bodyAsIs > *m_contentLength + kBodySlack && m_bodyCrlf > *m_contentLength + kBodySlack)
        return finish(Stop::Line);
    return false;
}

bool TextLogReader::finishOnOtherText()
{
    // Text between two messages: the second is not another message of the first one's block.
    if (m_pending.continuation)
        m_pending.active = false;
    return finish(Stop::Line);
}

void TextLogReader::handleIdle(const TextLine& line, const CleanLine& clean, std::string_view content)
{
    const std::string_view trimmed = content.substr(leadingBlanks(content));
    if (trimmed.empty())
        return;
    const TraceMarker marker = parseTraceMarker(trimmed);
    if (marker.kind == MarkerKind::MessageHeader) {
        m_pending = Pending { marker, std::nullopt, 0, true };
        if (marker.time.valid) {
            m_pending.timeNs = m_clock.resolve(marker.time);
            m_lastTimeNs = m_pending.timeNs;
        } else if (marker.deltaNs) {
            // ngrep -T: no clock, only the time since the previous packet, summed from 1970-01-01.
            m_deltaClockNs += *marker.deltaNs;
            m_pending.timeNs = m_deltaClockNs;
            m_lastTimeNs = m_pending.timeNs;
        }
        return;
    }
    if (marker.kind == MarkerKind::MessageEnd) {
        if (m_pending.continuation)
            m_pending.active = false; // the block is closed
        return; // a closing rule, or the rule under sofia's header line
    }
    std::string_view candidate = trimmed;
    if (m_pending.active && m_pending.marker.dottedLineEnds && candidate.ends_with('.'))
        candidate.remove_suffix(1);
    if (isStartLine(candidate)) {
        beginMessage(line, clean, content);
        return;
    }
    if (m_pending.active && (m_pending.continuation || ++m_pending.gap > kMaxMarkerGap))
        m_pending.active = false;
}

void TextLogReader::beginMessage(const TextLine& line, const CleanLine& clean, std::string_view content)
{
    m_messageLines.clear();
    // The message handed out last may lie in m_text and still be unread (this start line ended it):
    // it stays in the other buffer until the next message begins.
    m_text.swap(m_previousText);
    m_text.clear();
    m_via = m_route = m_contact = m_to = m_callId = m_cseq = m_from = Slice();
    m_contentLength.reset();
    m_bodyMayHoldSip = false;
    m_matchedLines.reset();
    m_matchedCrlf = false;
    m_matchedWithoutLastEnd = false;
    m_overrun = false;
    m_sawBlank = false;
    m_headerEnd = 0;
    m_bodyAsIs = 0;
    m_bodyCrlf = 0;
    m_indent = leadingBlanks(content);
    m_prefix = clean.prefix == LogPrefix::Quote ? LogPrefix::None : clean.prefix;

    std::optional<std::int64_t> time = m_lastTimeNs;
    m_statedEnds = false;
    if (m_pending.active) {
        const auto& marker = m_pending.marker;
        m_context = LogContext { marker.direction, marker.remote, marker.source, marker.destination, marker.transport };
        m_statedEnds = marker.source && marker.destination && m_pending.timeNs;
        m_format = marker.format;
        m_dots = marker.dottedLineEnds && content.ends_with('.');
        if (m_pending.timeNs)
            time = m_pending.timeNs;
    } else {
        m_context = LogContext();
        m_format = TextLogFormat::RawSip;
        m_dots = false;
    }
    if (m_pending.active) {
        m_pending.continuation = true;
        m_pending.gap = 0;
    }
    // A log without any time: the order of its messages, one microsecond apart (CONTRACT.md).
    m_timeNs = time.value_or(static_cast<std::int64_t>(m_messageCount) * 1000);
    m_state = State::Headers;

    const std::uint8_t fileEnd = line.lineEnd == 0 ? 0 : (m_lines.text(line).ends_with('\r') ? 2 : 1);
    std::string_view startLine = content.substr(m_indent);
    bool modified = clean.modified || m_indent > 0;
    std::uint8_t end = fileEnd;
    if (m_dots && startLine.ends_with('.')) {
        startLine.remove_suffix(1);
        modified = true;
        end = line.lineEnd ? 2 : 0;
    }
    addLine(line, startLine, modified, end, false);
}

void TextLogReader::addLine(
    const TextLine& line, std::string_view content, bool modified, std::uint8_t fileEnd, bool blank)
{
    const bool contiguous = m_messageLines.empty() || m_messageLines.back().nextOffset == line.offset;
    MessageLine& record = m_messageLines.emplace_back();
    record.number = line.number;
    record.fileOffset = line.offset;
    record.nextOffset = line.offset + line.length + line.lineEnd;
    record.begin = static_cast<std::uint32_t>(m_text.size());
    record.length = static_cast<std::uint32_t>(content.size());
    record.fileEnd = fileEnd;
    record.modified = modified;
    record.blank = blank;
    record.contiguous = contiguous;
    if (m_dots && fileEnd == 2 && line.lineEnd == 1) {
        // Only a '.' (ngrep's CR) was taken off the line's end.
        const std::string_view raw = m_lines.text(line);
        record.dotEnd = raw.size() == content.size() + 1 && raw.back() == '.'
            && (content.empty() ? raw.size() == 1 : content.data() == raw.data());
    }
    m_text.appendLine(content);
}

void TextLogReader::addVirtualBlankLine(const TextLine& line)
{
    MessageLine record;
    record.number = line.number;
    record.fileOffset = line.offset;
    record.nextOffset = line.offset;
    record.begin = static_cast<std::uint32_t>(m_text.size());
    record.fileEnd = 2;
    record.modified = true;
    record.contiguous = false;
    record.blank = true;
    m_text.appendLine({});
    m_messageLines.push_back(record);
}

std::optional<bool> TextLogReader::processPlainLine(const TextLine& line, std::string_view raw)
{
    // Most lines of most messages: "Name: value" or an SDP line, as in the file but for ngrep's
    // dotted line ends, in a message without prefix or indentation. They need none of the general
    // checks (a marker, a start line, a blank line, a prefix), so they are taken in one scan of the
    // name. Anything else, or a line with control bytes, goes the general way.
    const std::size_t nameLength = headerNameLength(raw);
    const bool headerLine = nameLength > 0 && nameLength + 2 < raw.size() && raw[nameLength] == ':'
        && raw[nameLength + 1] == ' ';
    const bool body = m_state == State::Body && !m_matchedLines && !m_overrun && m_contentLength;
    if (!(headerLine && m_state == State::Headers) && !(body && (headerLine || isSdpLine(raw))))
        return std::nullopt;
    // No control byte but the CR of a CRLF line end, which is not content: nothing to clean.
    std::string_view content = raw;
    if (content.back() == '\r')
        content.remove_suffix(1);
    if (line.firstControl < content.size())
        return std::nullopt;
    std::uint8_t fileEnd = line.lineEnd == 0 ? 0 : (raw.back() == '\r' ? 2 : 1);
    bool modified = false;
    if (m_dots && content.ends_with('.')) {
        content.remove_suffix(1); // ngrep's '.' for the CR
        modified = true;
        fileEnd = line.lineEnd ? 2 : 0;
    }
    if (m_state == State::Headers) {
        const auto begin = static_cast<std::uint32_t>(m_text.size());
        addLine(line, content, modified, fileEnd, false);
        noteHeader(content, begin, nameLength);
        return false;
    }
    return addBodyLineBeforeMatch(line, content, modified, fileEnd, false);
}

void TextLogReader::noteHeader(std::string_view content, std::uint32_t begin, std::size_t colon)
{
    // Only Via, Route, Contact, To, From, Call-ID, CSeq and Content-Length/-Type matter here, in long or
    // compact form (v, m, t, f, i, l, c): their names begin with one of these letters.
    switch (content.empty() ? '\0' : static_cast<char>(content[0] | 0x20)) {
    case 'v':
    case 'r':
    case 'm':
    case 't':
    case 'f':
    case 'i':
    case 'l':
    case 'c':
        break;
    default:
        return;
    }
    // A known colon ends a name without blanks (the short way scanned it); else the name is trimmed.
    const bool exactName = colon != std::string_view::npos;
    if (!exactName)
        colon = content.find(':');
    const std::string_view name = content.substr(0, colon);
    const HeaderId id = headerIdOf(exactName ? name : trimHeaderValue(name));
    const std::string_view value = trimHeaderValue(content.substr(colon + 1));
    const Slice slice { static_cast<std::uint32_t>(begin + (value.data() - content.data())),
        static_cast<std::uint32_t>(value.size()), true };
    auto first = [&](Slice& target) {
        if (!target.found)
            target = slice;
    };
    switch (id) {
    case HeaderId::Via:
        first(m_via);
        break;
    case HeaderId::Route:
        first(m_route);
        break;
    case HeaderId::Contact:
        first(m_contact);
        break;
    case HeaderId::To:
        first(m_to);
        break;
    case HeaderId::From:
        first(m_from);
        break;
    case HeaderId::CallId:
        first(m_callId);
        break;
    case HeaderId::CSeq:
        first(m_cseq);
        break;
    case HeaderId::ContentLength:
        if (!m_contentLength)
            m_contentLength = parseDecimal(value);
        break;
    case HeaderId::ContentType: {
        // A NOTIFY's message/sipfrag ("SIP/2.0 200 OK") or a multipart part may hold SIP start lines.
        const std::string type = asciiLowerCase(value);
        m_bodyMayHoldSip = type.find("message/sip") != std::string::npos || type.starts_with("multipart/");
        break;
    }
    default:
        break;
    }
}

void TextLogReader::checkBodyMatch()
{
    const MessageLine& line = m_messageLines.back();
    m_bodyAsIs += line.length + line.fileEnd;
    m_bodyCrlf += line.length + 2;
    const std::uint64_t declared = *m_contentLength;
    const std::size_t lines = m_messageLines.size() - m_headerEnd - 1;
    auto match = [&](bool crlf, bool withoutLastEnd) {
        m_matchedLines = lines;
        m_matchedCrlf = crlf;
        m_matchedWithoutLastEnd = withoutLastEnd;
    };
    if (m_bodyCrlf == declared)
        match(true, false);
    else if (m_bodyAsIs == declared)
        match(false, false);
    else if (m_bodyCrlf - 2 == declared)
        match(true, true);
    else if (m_bodyAsIs - line.fileEnd == declared)
        match(false, true);
}

bool TextLogReader::finish(Stop stop)
{
    const std::uint64_t firstLine = m_messageLines.front().number;
    bool truncated = false;
    std::size_t end = m_messageLines.size(); // lines of the message, headers and body
    const bool headersOnly = m_state == State::Headers;
    auto bodyBytes = [&](std::size_t from, std::size_t to) {
        std::uint64_t crlf = 0;
        std::uint64_t asIs = 0;
        for (std::size_t i = from; i < to; ++i) {
            crlf += m_messageLines[i].length + 2;
            asIs += m_messageLines[i].length + m_messageLines[i].fileEnd;
        }
        return std::pair { crlf, asIs };
    };
    auto mismatch = [&](std::size_t from, std::size_t to) {
        const auto [crlf, asIs] = bodyBytes(from, to);
        (void)asIs;
        std::string where = to > from ? (to - from == 1 ? "line " + std::to_string(m_messageLines[from].number)
                                                        : "lines " + std::to_string(m_messageLines[from].number) + "-"
                                                + std::to_string(m_messageLines[to - 1].number))
                                      : std::string("no line");
        warn(firstLine, "content-length",
            "Content-Length " + std::to_string(*m_contentLength) + " of the message at line " + std::to_string(firstLine)
                + " disagrees with the " + std::to_string(crlf) + " bytes of body the log shows (" + where
                + "); kept what is there");
    };
    bool keepFileEnds = false; // body lines keep the line ends they have in the file

    if (headersOnly) {
        const bool incomplete = !m_callId.found || !m_cseq.found || !m_from.found || !m_to.found || !m_via.found;
        truncated = stop == Stop::Eof && ((m_contentLength && *m_contentLength > 0) || incomplete);
    } else {
        const std::size_t bodyBegin = m_headerEnd + 1;
        std::size_t trimmed = end;
        while (trimmed > bodyBegin && m_messageLines[trimmed - 1].blank)
            --trimmed;
        auto firstBlank = [&]() {
            std::size_t i = bodyBegin;
            while (i < trimmed && !m_messageLines[i].blank)
                ++i;
            return i;
        };
        if (m_matchedLines && !m_overrun) {
            end = bodyBegin + *m_matchedLines;
            keepFileEnds = !m_matchedCrlf;
        } else if (m_matchedLines) {
            end = trimmed;
            mismatch(bodyBegin, end);
        } else if (m_contentLength) {
            const auto [crlf, asIs] = bodyBytes(bodyBegin, trimmed);
            if (stop == Stop::Eof && crlf < *m_contentLength && asIs < *m_contentLength) {
                truncated = true;
                end = trimmed;
            } else {
                end = firstBlank();
                mismatch(bodyBegin, end);
            }
        } else {
            end = firstBlank();
        }
    }
    if (truncated) {
        warn(firstLine, "cut-off message",
            "the log ends inside the SIP message that starts at line " + std::to_string(firstLine)
                + " (line " + std::to_string(m_messageLines.back().number) + " is its last); kept what is there");
    }

    // The message as delivered: headers with CRLF, the body as Content-Length agreed with. The lines
    // are kept with CRLF already: only a message whose body keeps other line ends, or that lacks the
    // blank line after its headers, is put together again.
    bool verbatim = m_indent == 0 && !headersOnly;
    bool allCrlf = !headersOnly;
    const std::size_t bodyBegin = headersOnly ? end : m_headerEnd + 1;
    auto storedEnd = [&](std::size_t i) -> std::uint8_t {
        std::uint8_t stored = 2;
        if (i >= bodyBegin) {
            if (keepFileEnds)
                stored = m_messageLines[i].fileEnd;
            if (i + 1 == end && m_matchedLines && m_matchedWithoutLastEnd && !m_overrun)
                stored = 0;
        }
        return stored;
    };
    // Or the file's lines but for LF line ends where CRLF goes out: read back through LineFeedByteSource.
    bool lineFeedsOnly = verbatim;
    bool dotLineFeedsOnly = verbatim && m_dots;
    for (std::size_t i = 0; i < end; ++i) {
        const MessageLine& line = m_messageLines[i];
        const std::uint8_t stored = storedEnd(i);
        allCrlf = allCrlf && stored == 2;
        const bool lastLine = i + 1 == end;
        const bool asInFile = !line.modified && (i == 0 || line.contiguous);
        verbatim = verbatim && asInFile && (stored == line.fileEnd || (lastLine && stored < line.fileEnd && stored == 0));
        lineFeedsOnly = lineFeedsOnly && asInFile && ((stored == 2 && line.fileEnd >= 1) || (lastLine && stored == 0));
        dotLineFeedsOnly = dotLineFeedsOnly && line.dotEnd && (i == 0 || line.contiguous)
            && (stored == 2 || (lastLine && stored == 0));
    }
    std::string_view delivered;
    if (allCrlf) {
        const MessageLine& last = m_messageLines[end - 1];
        delivered = m_text.view().substr(0, last.begin + last.length + 2);
    } else {
        m_out.clear();
        for (std::size_t i = 0; i < end; ++i) {
            const MessageLine& line = m_messageLines[i];
            m_out.append(m_text.view().substr(line.begin, line.length));
            const std::uint8_t stored = storedEnd(i);
            if (stored == 2)
                m_out += "\r\n";
            else if (stored == 1)
                m_out += '\n';
        }
        if (headersOnly)
            m_out += "\r\n";
        delivered = m_out;
    }

    MessageFacts facts;
    auto view = [&](const Slice& slice) {
        return slice.found ? m_text.view().substr(slice.begin, slice.length) : std::string_view();
    };
    const std::string_view startLine(m_text.data() + m_messageLines.front().begin, m_messageLines.front().length);
    facts.isRequest = !isStatusLine(startLine);
    if (facts.isRequest) {
        const auto space = startLine.find(' ');
        const auto last = startLine.rfind(' ');
        facts.requestUri = startLine.substr(space + 1, last - space - 1);
    }
    facts.via = view(m_via);
    facts.route = view(m_route);
    facts.contact = view(m_contact);
    facts.to = view(m_to);
    facts.callId = view(m_callId);
    // The endpoints are inferred from these by whoever takes the message (inferEndpoints()).
    m_lastFacts = facts;
    m_lastContext = m_context;

    m_ready = TextLogMessage();
    m_ready.bytes = asBytes(delivered);
    m_ready.fileOffset = verbatim ? m_messageLines.front().fileOffset : kUnknownFileOffset;
    m_ready.lineFeedOffset = !verbatim && lineFeedsOnly ? m_messageLines.front().fileOffset : kUnknownFileOffset;
    m_ready.dotLineFeedOffset
        = !verbatim && !lineFeedsOnly && dotLineFeedsOnly ? m_messageLines.front().fileOffset : kUnknownFileOffset;
    m_ready.line = firstLine;
    m_ready.timestampNs = m_timeNs;
    m_ready.format = m_format;
    m_ready.truncated = truncated;

    ++m_formatCounts[static_cast<std::size_t>(m_format)];
    ++m_messageCount;
    m_selfContained += m_statedEnds ? 1 : 0;
    m_state = State::Idle;
    return true;
}

} // namespace sipladder::core
