// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "sip/header_names.h"
#include "sip/header_value.h"
#include "sip/sip_method.h"
#include "util/bytes.h"

#include <array>
#include <concepts>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace sipladder::core {

// What is wrong with a message that was still kept. Values are bits of SipProblems.
enum class SipProblem : std::uint32_t {
    BadStartLine = 1u << 0,
    MissingCallId = 1u << 1,
    MissingCSeq = 1u << 2,
    BadCSeq = 1u << 3,
    MissingVia = 1u << 4,
    MissingFrom = 1u << 5,
    MissingTo = 1u << 6,
    ContentLengthBeyondData = 1u << 7,
    BadContentLength = 1u << 8,
    MissingHeaderEnd = 1u << 9,
    BadHeaderLine = 1u << 10,
    BadVia = 1u << 11, // the top Via has no protocol or no sent-by
    CSeqMethodMismatch = 1u << 12, // a request whose CSeq method is not its own method
};

// Short stable identifier ("bad-start-line", "content-length-beyond-data"...) for logs and JSON.
std::string_view sipProblemName(SipProblem problem);

class SipProblems {
public:
    constexpr bool has(SipProblem problem) const { return (m_bits & static_cast<std::uint32_t>(problem)) != 0; }
    constexpr bool any() const { return m_bits != 0; }
    constexpr bool none() const { return m_bits == 0; }
    constexpr void set(SipProblem problem) { m_bits |= static_cast<std::uint32_t>(problem); }
    constexpr void clear() { m_bits = 0; }
    constexpr std::uint32_t bits() const { return m_bits; }
    constexpr bool operator==(const SipProblems&) const = default;

private:
    std::uint32_t m_bits = 0;
};

struct SipHeader {
    HeaderId id = HeaderId::Other;
    std::string_view name; // as written ("i", "call-id", "X-Foo"), without surrounding whitespace
    std::string_view value; // trimmed; a folded value keeps its line breaks (see unfoldHeaderValue)
    bool folded = false; // the value spans several lines
};

// A parsed SIP message: a view over bytes owned elsewhere (the frame, a reassembly buffer, a file
// map). Every string_view it returns is valid while those bytes and this object are. Filled by
// SipParser, which reuses one SipMessage per stage so that the steady state allocates nothing.
class SipMessage {
public:
    SipMessage();

    bool isRequest() const { return m_kind == Kind::Request; }
    bool isResponse() const { return m_kind == Kind::Response; }

    // For a request its own method; for a response the CSeq method.
    SipMethod method() const { return m_method; }
    std::string_view methodText() const { return m_methodText; }
    std::string_view requestUri() const { return m_requestUri; } // empty for responses
    std::uint16_t statusCode() const { return m_statusCode; } // 0 for requests
    std::string_view reasonPhrase() const { return m_reasonPhrase; }
    std::string_view sipVersion() const { return m_sipVersion; } // "SIP/2.0" as written
    std::string_view startLine() const { return m_startLine; } // without the line break

    // The message as parsed: from the start line (leading CR/LF skipped) to the end of the body.
    ByteView bytes() const { return m_bytes; }
    // How many bytes of the input came before the start line (keep-alive CR/LF).
    std::size_t startOffset() const { return m_startOffset; }

    const std::vector<SipHeader>& headers() const { return m_headers; }
    // First value of a header, trimmed (raw: a folded value keeps its line breaks).
    std::optional<std::string_view> header(HeaderId id) const;
    // By name, case-insensitive; compact and full forms of a known header are equivalent.
    std::optional<std::string_view> header(std::string_view name) const;
    std::size_t headerCount(HeaderId id) const;

    // Every value of every `id` header in order, comma lists split (commas inside quotes or <...>
    // do not split; non-list headers such as WWW-Authenticate or Date are never split). The
    // callback takes a std::string_view and may return bool (false stops).
    template <typename Callback>
    requires std::invocable<Callback&, std::string_view>
    void values(HeaderId id, Callback&& callback) const;
    // Same, clearing and filling `out` (reuse it to avoid allocation).
    void values(HeaderId id, std::vector<std::string_view>& out) const;
    std::vector<std::string_view> values(HeaderId id) const;

    // Fields computed for every message; views are unfolded even when the header was folded.
    std::string_view callId() const { return m_callId; }
    std::uint32_t cseqNumber() const { return m_cseqNumber; } // 0 when missing or bad (see problems())
    SipMethod cseqMethod() const { return m_cseqMethod; }
    std::string_view cseqMethodText() const { return m_cseqMethodText; }
    std::string_view topVia() const { return m_topVia; } // the first via-parm
    std::string_view topViaBranch() const { return m_topViaBranch; }
    std::string_view topViaSentBy() const { return m_topViaSentBy; } // host[:port] as written
    std::string_view topViaTransport() const { return m_topViaTransport; } // "UDP" as written
    std::string_view fromValue() const { return m_fromValue; }
    std::string_view fromTag() const { return m_fromTag; }
    std::string_view toValue() const { return m_toValue; }
    std::string_view toTag() const { return m_toTag; }
    // The declared Content-Length; nullopt when absent or unreadable (BadContentLength).
    std::optional<std::uint32_t> contentLength() const { return m_contentLength; }
    std::string_view contentType() const { return m_contentType; } // full value with parameters
    std::string_view body() const { return m_body; }
    // application/sdp, or a multipart body with an application/sdp part; sdp() is that SDP.
    bool hasSdp() const { return !m_sdp.empty(); }
    std::string_view sdp() const { return m_sdp; }

    SipProblems problems() const { return m_problems; }
    // "Content-Length 512 beyond the 300 bytes present; no Call-ID header"; empty when none.
    std::string problemText() const;

    // Forgets the message but keeps allocated capacity.
    void clear();

private:
    friend class SipParser;
    enum class Kind : std::uint8_t { None, Request, Response };
    static constexpr std::uint16_t kNoIndex = 0xffff;

    Kind m_kind = Kind::None;
    SipMethod m_method = SipMethod::Unknown;
    SipMethod m_cseqMethod = SipMethod::Unknown;
    std::uint16_t m_statusCode = 0;
    std::uint32_t m_cseqNumber = 0;
    SipProblems m_problems;
    std::size_t m_startOffset = 0;
    ByteView m_bytes;
    std::string_view m_startLine;
    std::string_view m_methodText;
    std::string_view m_requestUri;
    std::string_view m_reasonPhrase;
    std::string_view m_sipVersion;
    std::string_view m_callId;
    std::string_view m_cseqMethodText;
    std::string_view m_topVia;
    std::string_view m_topViaBranch;
    std::string_view m_topViaSentBy;
    std::string_view m_topViaTransport;
    std::string_view m_fromValue;
    std::string_view m_fromTag;
    std::string_view m_toValue;
    std::string_view m_toTag;
    std::optional<std::uint32_t> m_contentLength;
    std::string_view m_contentLengthText; // for problemText()
    std::string_view m_contentType;
    std::string_view m_body;
    std::string_view m_sdp;
    std::size_t m_bodyBytesPresent = 0;
    std::uint32_t m_badHeaderLines = 0;
    bool m_contentLengthConflict = false;
    std::vector<SipHeader> m_headers;
    std::array<std::uint16_t, kHeaderIdCount> m_firstIndex {};
    // Unfolded copies of folded headers behind the computed fields. Shared so that copies of the
    // message keep their views valid; reserved once per folded message so it never reallocates.
    std::shared_ptr<std::string> m_unfolded;
};

template <typename Callback>
requires std::invocable<Callback&, std::string_view>
void SipMessage::values(HeaderId id, Callback&& callback) const
{
    const auto first = m_firstIndex[static_cast<std::size_t>(id)];
    if (first == kNoIndex && id != HeaderId::Other)
        return;
    const bool split = isListHeader(id);
    bool keepGoing = true;
    for (std::size_t i = id == HeaderId::Other ? 0 : first; i < m_headers.size() && keepGoing; ++i) {
        const auto& header = m_headers[i];
        if (header.id != id)
            continue;
        auto deliver = [&](std::string_view item) {
            if constexpr (std::is_same_v<std::invoke_result_t<Callback&, std::string_view>, bool>)
                keepGoing = callback(item);
            else
                callback(item);
            return keepGoing;
        };
        if (split)
            forEachListItem(header.value, deliver);
        else if (!header.value.empty())
            deliver(header.value);
    }
}

} // namespace sipladder::core
