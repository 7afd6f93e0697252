// SPDX-License-Identifier: Apache-2.0
#include "sip/sip_message.h"

namespace sipladder::core {

std::string_view sipProblemName(SipProblem problem)
{
    switch (problem) {
    case SipProblem::BadStartLine:
        return "bad-start-line";
    case SipProblem::MissingCallId:
        return "missing-call-id";
    case SipProblem::MissingCSeq:
        return "missing-cseq";
    case SipProblem::BadCSeq:
        return "bad-cseq";
    case SipProblem::MissingVia:
        return "missing-via";
    case SipProblem::MissingFrom:
        return "missing-from";
    case SipProblem::MissingTo:
        return "missing-to";
    case SipProblem::ContentLengthBeyondData:
        return "content-length-beyond-data";
    case SipProblem::BadContentLength:
        return "bad-content-length";
    case SipProblem::MissingHeaderEnd:
        return "missing-header-end";
    case SipProblem::BadHeaderLine:
        return "bad-header-line";
    case SipProblem::BadVia:
        return "bad-via";
    case SipProblem::CSeqMethodMismatch:
        return "cseq-method-mismatch";
    }
    return "unknown";
}

SipMessage::SipMessage()
{
    m_firstIndex.fill(kNoIndex);
}

void SipMessage::clear()
{
    m_kind = Kind::None;
    m_method = SipMethod::Unknown;
    m_cseqMethod = SipMethod::Unknown;
    m_statusCode = 0;
    m_cseqNumber = 0;
    m_problems.clear();
    m_startOffset = 0;
    m_bytes = {};
    m_startLine = {};
    m_methodText = {};
    m_requestUri = {};
    m_reasonPhrase = {};
    m_sipVersion = {};
    m_callId = {};
    m_cseqMethodText = {};
    m_topVia = {};
    m_topViaBranch = {};
    m_topViaSentBy = {};
    m_topViaTransport = {};
    m_fromValue = {};
    m_fromTag = {};
    m_toValue = {};
    m_toTag = {};
    m_contentLength.reset();
    m_contentLengthText = {};
    m_contentType = {};
    m_body = {};
    m_sdp = {};
    m_bodyBytesPresent = 0;
    m_badHeaderLines = 0;
    m_contentLengthConflict = false;
    m_headers.clear();
    m_firstIndex.fill(kNoIndex);
    // Views of a copy may still point into the unfolded text; only an unshared buffer is reused.
    if (m_unfolded && m_unfolded.use_count() == 1)
        m_unfolded->clear();
    else
        m_unfolded.reset();
}

std::optional<std::string_view> SipMessage::header(HeaderId id) const
{
    const auto index = m_firstIndex[static_cast<std::size_t>(id)];
    if (index != kNoIndex)
        return m_headers[index].value;
    if (id == HeaderId::Other) {
        for (const auto& header : m_headers) {
            if (header.id == HeaderId::Other)
                return header.value;
        }
    }
    return std::nullopt;
}

std::optional<std::string_view> SipMessage::header(std::string_view name) const
{
    const HeaderId id = headerIdOf(name);
    if (id != HeaderId::Other)
        return header(id);
    for (const auto& header : m_headers) {
        if (header.id == HeaderId::Other && equalsIgnoreCase(header.name, name))
            return header.value;
    }
    return std::nullopt;
}

std::size_t SipMessage::headerCount(HeaderId id) const
{
    std::size_t count = 0;
    for (const auto& header : m_headers)
        count += header.id == id ? 1 : 0;
    return count;
}

void SipMessage::values(HeaderId id, std::vector<std::string_view>& out) const
{
    out.clear();
    values(id, [&out](std::string_view item) { out.push_back(item); });
}

std::vector<std::string_view> SipMessage::values(HeaderId id) const
{
    std::vector<std::string_view> out;
    values(id, out);
    return out;
}

std::string SipMessage::problemText() const
{
    std::string text;
    auto add = [&text](std::string_view part) {
        if (!text.empty())
            text += "; ";
        text += part;
    };
    const auto has = [this](SipProblem problem) { return m_problems.has(problem); };
    if (has(SipProblem::BadStartLine))
        add(m_kind == Kind::None ? "no SIP start line" : "malformed start line");
    if (has(SipProblem::MissingHeaderEnd))
        add("no blank line after the headers");
    if (has(SipProblem::BadHeaderLine)) {
        add(std::to_string(m_badHeaderLines));
        text += m_badHeaderLines == 1 ? " malformed header line skipped" : " malformed header lines skipped";
    }
    if (has(SipProblem::MissingCallId))
        add("no Call-ID header");
    if (has(SipProblem::MissingCSeq))
        add("no CSeq header");
    if (has(SipProblem::BadCSeq)) {
        add("malformed CSeq \"");
        text += header(HeaderId::CSeq).value_or(std::string_view());
        text += '"';
    }
    if (has(SipProblem::CSeqMethodMismatch)) {
        add("CSeq method ");
        text += m_cseqMethodText;
        text += " differs from the request method ";
        text += m_methodText;
    }
    if (has(SipProblem::MissingVia))
        add("no Via header");
    if (has(SipProblem::BadVia))
        add("malformed top Via");
    if (has(SipProblem::MissingFrom))
        add("no From header");
    if (has(SipProblem::MissingTo))
        add("no To header");
    if (has(SipProblem::BadContentLength) && m_contentLengthConflict) {
        add("conflicting Content-Length headers: kept ");
        text += std::to_string(m_contentLength.value_or(0));
        text += ", ignored \"";
        text += m_contentLengthText;
        text += '"';
    } else if (has(SipProblem::BadContentLength)) {
        add("unreadable Content-Length \"");
        text += m_contentLengthText;
        text += '"';
    }
    if (has(SipProblem::ContentLengthBeyondData)) {
        add("Content-Length ");
        text += std::to_string(m_contentLength.value_or(0));
        text += " beyond the ";
        text += std::to_string(m_bodyBytesPresent);
        text += m_bodyBytesPresent == 1 ? " byte present" : " bytes present";
    }
    return text;
}

} // namespace sipladder::core
