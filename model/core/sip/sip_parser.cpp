// SPDX-License-Identifier: Apache-2.0
#include "sip/sip_parser.h"

#include "sip/byte_scan.h"
#include "sip/name_addr.h"
#include "sip/via_header.h"

#include <array>
#include <bit>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace sipladder::core {

namespace {

enum CharClass : unsigned char {
    kToken = 1,
    kBlank = 2, // SP, HT
    kSpace = 4, // SP, HT, CR, LF
};

constexpr std::array<unsigned char, 256> makeCharClasses()
{
    std::array<unsigned char, 256> table {};
    for (int c = '0'; c <= '9'; ++c)
        table[static_cast<std::size_t>(c)] = kToken;
    for (int c = 'a'; c <= 'z'; ++c)
        table[static_cast<std::size_t>(c)] = kToken;
    for (int c = 'A'; c <= 'Z'; ++c)
        table[static_cast<std::size_t>(c)] = kToken;
    for (char c : std::string_view("-.!%*_+`'~"))
        table[static_cast<unsigned char>(c)] = kToken;
    table[' '] = kBlank | kSpace;
    table['\t'] = kBlank | kSpace;
    table['\r'] = kSpace;
    table['\n'] = kSpace;
    return table;
}
constexpr auto kCharClasses = makeCharClasses();

bool isToken(char c)
{
    return (kCharClasses[static_cast<unsigned char>(c)] & kToken) != 0;
}

bool isBlank(char c)
{
    return (kCharClasses[static_cast<unsigned char>(c)] & kBlank) != 0;
}

bool isSpace(char c)
{
    return (kCharClasses[static_cast<unsigned char>(c)] & kSpace) != 0;
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

using detail::findLineFeed;

bool startsWithIgnoreCase(std::string_view text, std::string_view prefix)
{
    return text.size() >= prefix.size() && equalsIgnoreCase(text.substr(0, prefix.size()), prefix);
}

// startsWithIgnoreCase(text, "SIP/") without a call: it runs on every start line.
bool startsWithSipSlash(std::string_view text)
{
    return text.size() >= 4 && (text[0] | 0x20) == 's' && (text[1] | 0x20) == 'i' && (text[2] | 0x20) == 'p'
        && text[3] == '/';
}

// Decimal number of at most 10 significant digits that fits 32 bits; leading zeros are skipped so
// that "0000000123" still reads as a number. nullopt for anything else.
std::optional<std::uint32_t> parseUint32(std::string_view text)
{
    const char* p = text.data();
    const char* const end = p + text.size();
    while (end - p > 1 && *p == '0')
        ++p;
    if (p == end || end - p > 10)
        return std::nullopt;
    std::uint64_t value = 0;
    for (; p < end; ++p) {
        const auto digit = static_cast<unsigned>(static_cast<unsigned char>(*p)) - '0';
        if (digit > 9)
            return std::nullopt;
        value = value * 10 + digit;
    }
    if (value > 0xffffffffu)
        return std::nullopt;
    return static_cast<std::uint32_t>(value);
}

// The SDP in `body` according to `contentType`: the whole body for application/sdp, the first
// application/sdp part of a multipart body (nested multiparts followed a few levels deep).
std::string_view findSdp(std::string_view contentType, std::string_view body, int depth);

std::string_view findSdpInMultipart(std::string_view contentType, std::string_view body, int depth)
{
    const auto boundaryParam = findParameter(contentType, "boundary");
    if (!boundaryParam)
        return {};
    const std::string_view boundary = unquote(*boundaryParam);
    if (boundary.empty())
        return {};

    auto inspectPart = [&](std::string_view part) -> std::string_view {
        // Part headers, then a blank line, then the part body; a part may have no headers at all.
        std::string_view partType = "text/plain";
        std::size_t pos = 0;
        while (pos < part.size()) {
            std::size_t lineEnd = part.find('\n', pos);
            if (lineEnd == std::string_view::npos)
                lineEnd = part.size();
            std::string_view line = part.substr(pos, lineEnd - pos);
            if (!line.empty() && line.back() == '\r')
                line.remove_suffix(1);
            pos = lineEnd < part.size() ? lineEnd + 1 : part.size();
            if (line.empty())
                return findSdp(partType, part.substr(pos), depth + 1);
            const std::size_t colon = line.find(':');
            if (colon == std::string_view::npos)
                continue;
            const std::string_view name = trimHeaderValue(line.substr(0, colon));
            const HeaderId id = headerIdOf(name);
            if (id == HeaderId::ContentType)
                partType = trimHeaderValue(line.substr(colon + 1));
        }
        return {};
    };

    // Delimiters are "--boundary" at a line start; "--boundary--" closes the body.
    std::size_t partStart = std::string_view::npos;
    std::size_t search = 0;
    while (search < body.size()) {
        const std::size_t hit = body.find(boundary, search);
        if (hit == std::string_view::npos)
            break;
        search = hit + 1;
        if (hit < 2 || body[hit - 1] != '-' || body[hit - 2] != '-')
            continue;
        const std::size_t dashes = hit - 2;
        if (dashes != 0 && body[dashes - 1] != '\n')
            continue;
        if (partStart != std::string_view::npos) {
            // The line break before a delimiter belongs to the delimiter.
            std::size_t partEnd = dashes;
            if (partEnd > partStart && body[partEnd - 1] == '\n')
                --partEnd;
            if (partEnd > partStart && body[partEnd - 1] == '\r')
                --partEnd;
            const auto sdp = inspectPart(body.substr(partStart, partEnd - partStart));
            if (!sdp.empty())
                return sdp;
        }
        const std::size_t after = hit + boundary.size();
        if (body.substr(after, 2) == "--")
            return {};
        const std::size_t lineEnd = body.find('\n', after);
        if (lineEnd == std::string_view::npos)
            return {};
        partStart = lineEnd + 1;
        search = partStart;
    }
    // A body cut short before its closing delimiter: the last part runs to the end.
    if (partStart != std::string_view::npos && partStart < body.size())
        return inspectPart(body.substr(partStart));
    return {};
}

std::string_view findSdp(std::string_view contentType, std::string_view body, int depth)
{
    if (body.empty())
        return {};
    const std::string_view mediaType = mediaTypeOf(contentType);
    if (equalsIgnoreCase(mediaType, "application/sdp"))
        return body;
    if (depth < 3 && startsWithIgnoreCase(mediaType, "multipart/"))
        return findSdpInMultipart(contentType, body, depth);
    return {};
}

} // namespace

bool SipParser::parse(ByteView bytes, SipMessage& out, bool datagram)
{
    out.clear();
    const char* const begin = reinterpret_cast<const char*>(bytes.data());
    const char* const end = begin + bytes.size();
    const char* p = begin;
    while (p < end && (*p == '\r' || *p == '\n'))
        ++p;

    const char* lineEnd = findLineFeed(begin, p, end);
    std::string_view line(p, static_cast<std::size_t>(lineEnd - p));
    while (!line.empty() && (line.back() == '\r' || isBlank(line.back())))
        line.remove_suffix(1);
    if (!parseStartLine(line, out)) {
        out.clear();
        out.m_problems.set(SipProblem::BadStartLine);
        return false;
    }
    out.m_startOffset = static_cast<std::size_t>(p - begin);
    out.m_startLine = line;

    const char* headersStart = lineEnd < end ? lineEnd + 1 : end;
    const char* bodyStart = nullptr;
    parseHeaders(begin, headersStart, end, out, bodyStart);
    const std::size_t headerBlockSize = static_cast<std::size_t>((bodyStart ? bodyStart : end) - headersStart);
    computeFields(out, headerBlockSize);
    computeBody(out, bodyStart, end, datagram);
    const char* messageEnd = bodyStart ? out.m_body.data() + out.m_body.size() : end;
    out.m_bytes = bytes.subspan(out.m_startOffset, static_cast<std::size_t>(messageEnd - p));
    return true;
}

bool SipParser::parseStartLine(std::string_view line, SipMessage& out)
{
    if (startsWithSipSlash(line)) {
        // Status-Line = SIP-Version SP Status-Code SP Reason-Phrase
        bool clean = true;
        std::size_t pos = 0;
        while (pos < line.size() && !isBlank(line[pos]))
            ++pos;
        out.m_sipVersion = line.substr(0, pos);
        const std::size_t gapStart = pos;
        while (pos < line.size() && isBlank(line[pos]))
            ++pos;
        clean = clean && pos - gapStart == 1 && line[gapStart] == ' ';
        const std::size_t codeStart = pos;
        while (pos < line.size() && isDigit(line[pos]))
            ++pos;
        const std::size_t codeLength = pos - codeStart;
        if (codeLength == 3) {
            out.m_statusCode = static_cast<std::uint16_t>(
                (line[codeStart] - '0') * 100 + (line[codeStart + 1] - '0') * 10 + (line[codeStart + 2] - '0'));
            clean = clean && out.m_statusCode >= 100 && out.m_statusCode <= 699;
        } else {
            clean = false;
        }
        if (pos < line.size()) {
            clean = clean && line[pos] == ' ';
            if (!isBlank(line[pos]))
                clean = false;
            while (pos < line.size() && isBlank(line[pos]))
                ++pos;
        }
        out.m_reasonPhrase = line.substr(pos);
        clean = clean && out.m_sipVersion == "SIP/2.0";
        out.m_kind = SipMessage::Kind::Response;
        if (!clean)
            out.m_problems.set(SipProblem::BadStartLine);
        return true;
    }

    // Request-Line = Method SP Request-URI SP SIP-Version
    std::size_t pos = 0;
    while (pos < line.size() && isToken(line[pos]))
        ++pos;
    if (pos == 0 || pos >= line.size() || !isBlank(line[pos]))
        return false;
    const std::string_view method = line.substr(0, pos);
    // Manual scans here: libstdc++'s find_first_of/find_last_of call memchr once per character.
    std::size_t lastBlank = line.size() - 1;
    while (!isBlank(line[lastBlank]))
        --lastBlank;
    const std::string_view version = line.substr(lastBlank + 1);
    bool clean = true;
    std::string_view uri;
    if (lastBlank > pos && startsWithSipSlash(version)) {
        uri = trimHeaderValue(line.substr(pos, lastBlank - pos));
        if (uri.empty())
            return false;
        out.m_sipVersion = version;
        // Exactly one SP on each side of a Request-URI without whitespace of its own.
        clean = line[pos] == ' ' && line[lastBlank] == ' ' && uri.data() == line.data() + pos + 1
            && uri.data() + uri.size() == line.data() + lastBlank
            && detail::findEither(line.data(), uri.data(), uri.data() + uri.size(), ' ', '\t')
                == uri.data() + uri.size()
            && version == "SIP/2.0";
    } else {
        // No version at the end: only a known method in front of something URI-like counts as SIP.
        uri = trimHeaderValue(line.substr(pos));
        if (parseSipMethod(method) == SipMethod::Unknown || uri.find(':') == std::string_view::npos)
            return false;
        clean = false;
    }
    if (uri.empty() || uri.find(':') == std::string_view::npos)
        clean = false;
    out.m_kind = SipMessage::Kind::Request;
    out.m_methodText = method;
    out.m_method = parseSipMethod(method);
    out.m_requestUri = uri;
    if (!clean)
        out.m_problems.set(SipProblem::BadStartLine);
    return true;
}

void SipParser::parseHeaders(const char* begin, const char* p, const char* end, SipMessage& out, const char*& bodyStart)
{
    auto& headers = out.m_headers;
    std::size_t count = headers.size();
    while (p < end) {
        const char* lineEnd;
        // Set when the first 16 bytes show a known name of `knownLength` bytes right before a colon:
        // known names are tokens, so the token scan below would end there too.
        std::size_t knownLength = 0;
        HeaderId id = HeaderId::Other;
#if defined(__SSE2__)
        if (end - p >= 16) {
            const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
            const auto lineFeeds = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(block, _mm_set1_epi8('\n'))));
            const auto colons = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(block, _mm_set1_epi8(':'))));
            lineEnd = lineFeeds != 0 ? p + std::countr_zero(lineFeeds) : findLineFeed(begin, p + 16, end);
            const unsigned beforeLineFeed = lineFeeds != 0 ? (lineFeeds & (0u - lineFeeds)) - 1 : 0xffffu;
            const unsigned colonsInLine = colons & beforeLineFeed;
            if (colonsInLine != 0) {
                const auto length = static_cast<std::size_t>(std::countr_zero(colonsInLine));
                id = detail::headerIdOfPadded(p, length);
                if (id != HeaderId::Other)
                    knownLength = length;
            }
        } else {
            lineEnd = findLineFeed(begin, p, end);
        }
#else
        lineEnd = findLineFeed(begin, p, end);
#endif
        const char* next = lineEnd < end ? lineEnd + 1 : end;

        // Header name: a token, optional whitespace, then the colon.
        const char* q = p + knownLength;
        const char* nameEnd = q;
        if (knownLength == 0) {
            const std::size_t length = static_cast<std::size_t>(lineEnd - p);
            if (length == 0 || (length == 1 && *p == '\r')) {
                bodyStart = next;
                return;
            }
            while (q < lineEnd && isToken(*q))
                ++q;
            nameEnd = q;
            while (q < lineEnd && isBlank(*q))
                ++q;
            if (nameEnd == p || q == lineEnd || *q != ':') {
                // Not a header line (or a continuation with nothing to continue): skip it and its folds.
                ++out.m_badHeaderLines;
                out.m_problems.set(SipProblem::BadHeaderLine);
                while (next < end && isBlank(*next)) {
                    const char* foldEnd = findLineFeed(begin, next, end);
                    next = foldEnd < end ? foldEnd + 1 : end;
                }
                p = next;
                continue;
            }
            id = headerIdOf(std::string_view(p, static_cast<std::size_t>(nameEnd - p)));
        }

        const char* valueStart = q + 1;
        const char* valueEnd = lineEnd;
        bool folded = false;
        while (next < end && isBlank(*next)) {
            folded = true;
            valueEnd = findLineFeed(begin, next, end);
            next = valueEnd < end ? valueEnd + 1 : end;
        }
        while (valueStart < valueEnd && isBlank(*valueStart))
            ++valueStart;
        while (valueEnd > valueStart && isSpace(valueEnd[-1]))
            --valueEnd;
        std::string_view value(valueStart, static_cast<std::size_t>(valueEnd - valueStart));
        if (folded) {
            value = trimHeaderValue(value);
            folded = isFoldedValue(value);
        }
        const std::string_view name(p, static_cast<std::size_t>(nameEnd - p));
        const std::size_t index = count++;
        headers.push_back(SipHeader { id, name, value, folded });
        auto& first = out.m_firstIndex[static_cast<std::size_t>(id)];
        if (first == SipMessage::kNoIndex && index < SipMessage::kNoIndex)
            first = static_cast<std::uint16_t>(index);
        p = next;
    }
}

std::string_view SipParser::settledValue(SipMessage& out, const SipHeader& header, std::size_t headerBlockSize)
{
    if (!header.folded)
        return header.value;
    if (!out.m_unfolded)
        out.m_unfolded = std::make_shared<std::string>();
    std::string& buffer = *out.m_unfolded;
    // Reserved once per message: unfolding only shrinks text and each header is settled at most
    // once, so the header block size bounds the total and earlier views are never invalidated.
    if (buffer.empty())
        buffer.reserve(headerBlockSize);
    const std::string unfolded = unfoldHeaderValue(header.value);
    if (buffer.size() + unfolded.size() > buffer.capacity())
        return header.value;
    const std::size_t offset = buffer.size();
    buffer += unfolded;
    return std::string_view(buffer).substr(offset, unfolded.size());
}

void SipParser::computeFields(SipMessage& out, std::size_t headerBlockSize)
{
    auto firstHeader = [&out](HeaderId id) -> const SipHeader* {
        const auto index = out.m_firstIndex[static_cast<std::size_t>(id)];
        return index == SipMessage::kNoIndex ? nullptr : &out.m_headers[index];
    };
    auto settled = [&out, headerBlockSize](const SipHeader& header) {
        return header.folded ? settledValue(out, header, headerBlockSize) : header.value;
    };

    if (const SipHeader* callId = firstHeader(HeaderId::CallId))
        out.m_callId = settled(*callId);
    if (out.m_callId.empty())
        out.m_problems.set(SipProblem::MissingCallId);

    if (const SipHeader* cseq = firstHeader(HeaderId::CSeq)) {
        const std::string_view value = settled(*cseq);
        // The number as parseUint32 reads it, in the same pass that finds where the digits end.
        std::size_t pos = 0;
        while (pos < value.size() && value[pos] == '0')
            ++pos;
        const std::size_t significant = pos;
        std::uint64_t digits = 0;
        for (; pos < value.size() && isDigit(value[pos]); ++pos) {
            if (pos - significant < 11)
                digits = digits * 10 + static_cast<std::uint64_t>(value[pos] - '0');
        }
        std::optional<std::uint32_t> number;
        if (pos != 0 && pos - significant <= 10 && digits <= 0xffffffffu)
            number = static_cast<std::uint32_t>(digits);
        std::size_t methodStart = pos;
        while (methodStart < value.size() && isBlank(value[methodStart]))
            ++methodStart;
        std::size_t methodEnd = methodStart;
        while (methodEnd < value.size() && isToken(value[methodEnd]))
            ++methodEnd;
        out.m_cseqMethodText = value.substr(methodStart, methodEnd - methodStart);
        // A request's CSeq repeats its method: the same text needs no second lookup or comparison.
        const bool sameAsRequest = out.m_kind == SipMessage::Kind::Request && out.m_cseqMethodText == out.m_methodText;
        out.m_cseqMethod = sameAsRequest ? out.m_method : parseSipMethod(out.m_cseqMethodText);
        out.m_cseqNumber = number.value_or(0);
        // RFC 3261 §8.1.1.5: the sequence number is below 2**31.
        const bool ok = number && *number < 0x80000000u && methodStart > pos && !out.m_cseqMethodText.empty()
            && methodEnd == value.size();
        if (!ok)
            out.m_problems.set(SipProblem::BadCSeq);
        else if (out.m_kind == SipMessage::Kind::Request && !sameAsRequest
            && !equalsIgnoreCase(out.m_cseqMethodText, out.m_methodText))
            out.m_problems.set(SipProblem::CSeqMethodMismatch);
    } else {
        out.m_problems.set(SipProblem::MissingCSeq);
    }
    if (out.m_kind == SipMessage::Kind::Response) {
        out.m_method = out.m_cseqMethod;
        out.m_methodText = out.m_cseqMethodText;
    }

    if (const SipHeader* via = firstHeader(HeaderId::Via)) {
        const ViaSummary parsed = summarizeViaHeader(settled(*via));
        out.m_topVia = parsed.text;
        out.m_topViaBranch = parsed.branch;
        out.m_topViaSentBy = parsed.sentBy;
        out.m_topViaTransport = parsed.transport;
        if (!parsed.valid)
            out.m_problems.set(SipProblem::BadVia);
    } else {
        out.m_problems.set(SipProblem::MissingVia);
    }

    if (const SipHeader* from = firstHeader(HeaderId::From)) {
        out.m_fromValue = settled(*from);
        out.m_fromTag = findTag(out.m_fromValue);
    } else {
        out.m_problems.set(SipProblem::MissingFrom);
    }
    if (const SipHeader* to = firstHeader(HeaderId::To)) {
        out.m_toValue = settled(*to);
        out.m_toTag = findTag(out.m_toValue);
    } else {
        out.m_problems.set(SipProblem::MissingTo);
    }

    if (const SipHeader* contentType = firstHeader(HeaderId::ContentType))
        out.m_contentType = settled(*contentType);

    const auto firstLength = out.m_firstIndex[static_cast<std::size_t>(HeaderId::ContentLength)];
    if (firstLength != SipMessage::kNoIndex) {
        for (std::size_t i = firstLength; i < out.m_headers.size(); ++i) {
            const SipHeader& header = out.m_headers[i];
            if (header.id != HeaderId::ContentLength)
                continue;
            const std::string_view text = settled(header);
            const auto length = parseUint32(text);
            if (i == firstLength) {
                out.m_contentLengthText = text;
                out.m_contentLength = length;
                if (!length) {
                    out.m_problems.set(SipProblem::BadContentLength);
                    break;
                }
            } else if (length != out.m_contentLength) {
                out.m_problems.set(SipProblem::BadContentLength);
                out.m_contentLengthConflict = true;
                out.m_contentLengthText = text;
                break;
            }
        }
    }
}

void SipParser::computeBody(SipMessage& out, const char* bodyStart, const char* end, bool datagram)
{
    std::size_t available = 0;
    if (bodyStart == nullptr)
        out.m_problems.set(SipProblem::MissingHeaderEnd);
    else
        available = static_cast<std::size_t>(end - bodyStart);
    out.m_bodyBytesPresent = available;

    std::size_t bodySize = available;
    if (out.m_contentLength) {
        const std::size_t declared = *out.m_contentLength;
        if (declared > available)
            out.m_problems.set(SipProblem::ContentLengthBeyondData);
        else if (datagram)
            bodySize = declared;
    }
    if (bodyStart != nullptr)
        out.m_body = std::string_view(bodyStart, bodySize);
    if (out.m_contentType == "application/sdp") // the usual spelling, without findSdp's general rules
        out.m_sdp = out.m_body.empty() ? std::string_view() : out.m_body;
    else if (!out.m_contentType.empty())
        out.m_sdp = findSdp(out.m_contentType, out.m_body, 0);
}

} // namespace sipladder::core
