// SPDX-License-Identifier: Apache-2.0
#include "support/sip_scenario.h"

#include <algorithm>
#include <charconv>

namespace sipladder::testing {

namespace {

constexpr std::int64_t kT1Ns = 500'000'000;
constexpr std::string_view kHexDigits = "0123456789abcdef";
constexpr std::string_view kAllow = "INVITE, ACK, CANCEL, BYE, OPTIONS, UPDATE, INFO, REFER, NOTIFY";

std::string hostText(const core::IpAddress& address)
{
    return address.toString();
}

std::string sentByText(const core::Endpoint& endpoint)
{
    std::string text = endpoint.address.isV6 ? "[" + endpoint.address.toString() + "]" : endpoint.address.toString();
    text += ':';
    text += std::to_string(endpoint.port);
    return text;
}

} // namespace

std::string_view SipScenario::reasonPhrase(int status)
{
    switch (status) {
    case 100:
        return "Trying";
    case 180:
        return "Ringing";
    case 181:
        return "Call Is Being Forwarded";
    case 183:
        return "Session Progress";
    case 200:
        return "OK";
    case 202:
        return "Accepted";
    case 301:
        return "Moved Permanently";
    case 302:
        return "Moved Temporarily";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 407:
        return "Proxy Authentication Required";
    case 408:
        return "Request Timeout";
    case 480:
        return "Temporarily Unavailable";
    case 481:
        return "Call/Transaction Does Not Exist";
    case 484:
        return "Address Incomplete";
    case 486:
        return "Busy Here";
    case 487:
        return "Request Terminated";
    case 488:
        return "Not Acceptable Here";
    case 500:
        return "Server Internal Error";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Server Time-out";
    case 600:
        return "Busy Everywhere";
    case 603:
        return "Decline";
    case 604:
        return "Does Not Exist Anywhere";
    case 606:
        return "Not Acceptable";
    default:
        break;
    }
    if (status >= 600)
        return "Global Failure";
    if (status >= 500)
        return "Server Error";
    if (status >= 400)
        return "Client Error";
    if (status >= 300)
        return "Redirection";
    if (status >= 200)
        return "Success";
    return "Provisional";
}

std::uint64_t SipScenario::nextRandom()
{
    // splitmix64: tiny, fast and identical on every platform (std:: distributions are not).
    std::uint64_t z = (m_random += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

void SipScenario::reset(const ScenarioCall& call, const ScenarioTiming& timing)
{
    m_call = call;
    m_timing = timing;
    m_text.clear();
    m_messages.clear();
    m_media.reset();
    m_random = call.seed;
    m_expires = 3600;

    auto randomHex = [this](std::string& out, std::size_t digits) {
        out.clear();
        for (std::size_t i = 0; i < digits; i += 16) {
            std::uint64_t r = nextRandom();
            for (std::size_t j = i; j < std::min(digits, i + 16); ++j, r >>= 4)
                out.push_back(kHexDigits[r & 0xF]);
        }
    };
    if (m_call.callId.empty()) {
        randomHex(m_callId, 24);
        m_callId += '@';
        m_callId += hostText(m_call.caller.signalling.address);
    } else {
        m_callId = m_call.callId;
    }
    randomHex(m_fromTag, 10);
    randomHex(m_toTag, 10);
    randomHex(m_nonce, 32);
    if (m_call.requestUser.empty() && m_call.requestHost.empty())
        m_call.requestUser = m_call.callee.user;
    if (m_call.requestHost.empty())
        m_call.requestHost = m_call.callee.domain;

    m_callerHost[0] = hostText(m_call.caller.media.value_or(m_call.caller.signalling.address));
    m_callerHost[1] = sentByText(m_call.caller.signalling);
    m_calleeHost[0] = hostText(m_call.callee.media.value_or(m_call.callee.signalling.address));
    m_calleeHost[1] = sentByText(m_call.callee.signalling);
    m_callerRtpPort = m_call.caller.rtpPort ? m_call.caller.rtpPort
                                            : static_cast<std::uint16_t>(10000 + 2 * (nextRandom() % 10000));
    m_calleeRtpPort = m_call.callee.rtpPort ? m_call.callee.rtpPort
                                            : static_cast<std::uint16_t>(10000 + 2 * (nextRandom() % 10000));
    m_sdpSessionId[0] = 1000000 + nextRandom() % 9000000000ull;
    m_sdpSessionId[1] = 1000000 + nextRandom() % 9000000000ull;
    m_sdpVersion[0] = static_cast<std::uint32_t>(m_sdpSessionId[0] % 1000) + 1;
    m_sdpVersion[1] = static_cast<std::uint32_t>(m_sdpSessionId[1] % 1000) + 1;
    m_calleeCseq = static_cast<std::uint32_t>(100 + nextRandom() % 20000);
}

const ScenarioParty& SipScenario::sender(ScenarioDirection direction) const
{
    return direction == ScenarioDirection::CallerToCallee ? m_call.caller : m_call.callee;
}

void SipScenario::appendNumber(std::uint64_t value)
{
    char digits[24];
    const auto result = std::to_chars(digits, digits + sizeof digits, value);
    m_text.append(digits, static_cast<std::size_t>(result.ptr - digits));
}

void SipScenario::appendHex(std::size_t digits)
{
    for (std::size_t i = 0; i < digits; i += 16) {
        std::uint64_t r = nextRandom();
        for (std::size_t j = i; j < std::min(digits, i + 16); ++j, r >>= 4)
            m_text.push_back(kHexDigits[r & 0xF]);
    }
}

SipScenario::Request SipScenario::startRequest(
    ScenarioDirection direction, std::string_view method, std::uint32_t cseq, bool dialog)
{
    Request request;
    request.direction = direction;
    request.method = method;
    request.cseq = cseq;
    request.dialog = dialog;
    request.registerRequest = method == "REGISTER";
    request.optionsRequest = method == "OPTIONS";
    constexpr std::string_view kCookie = "z9hG4bK";
    std::copy(kCookie.begin(), kCookie.end(), request.branch);
    std::uint64_t r = nextRandom();
    for (std::size_t i = 0; i < 16; ++i, r >>= 4)
        request.branch[kCookie.size() + i] = kHexDigits[r & 0xF];
    request.branchSize = kCookie.size() + 16;
    return request;
}

void SipScenario::beginMessage(ScenarioDirection direction, std::int64_t offsetNs, bool retransmission)
{
    ScenarioMessage message;
    message.direction = direction;
    message.offsetNs = offsetNs;
    message.textBegin = static_cast<std::uint32_t>(m_text.size());
    message.retransmission = retransmission;
    m_messages.push_back(message);
}

void SipScenario::endMessage()
{
    auto& message = m_messages.back();
    message.textSize = static_cast<std::uint32_t>(m_text.size() - message.textBegin);
}

void SipScenario::appendSentBy(ScenarioDirection side)
{
    append(side == ScenarioDirection::CallerToCallee ? m_callerHost[1] : m_calleeHost[1]);
}

void SipScenario::appendVia(const Request& request, bool response)
{
    const auto& party = sender(request.direction);
    append(m_call.transport == ScenarioTransport::Tcp ? "Via: SIP/2.0/TCP " : "Via: SIP/2.0/UDP ");
    appendSentBy(request.direction);
    append(";branch=");
    append(std::string_view(request.branch, request.branchSize));
    if (response) {
        append(";rport=");
        appendNumber(party.signalling.port);
    } else {
        append(";rport");
    }
    append("\r\n");
}

void SipScenario::appendNameAddr(const ScenarioParty& party, bool useRequestTarget, std::string_view tag)
{
    if (!party.displayName.empty()) {
        append("\"");
        append(party.displayName);
        append("\" ");
    }
    append("<sip:");
    const std::string& user = useRequestTarget ? m_call.requestUser : party.user;
    if (!user.empty()) {
        append(user);
        append("@");
    }
    append(useRequestTarget ? m_call.requestHost : party.domain);
    append(">");
    if (!tag.empty()) {
        append(";tag=");
        append(tag);
    }
}

void SipScenario::appendFromTo(const Request& request)
{
    // Called with request.dialog meaning "To carries the callee's tag" (set for responses after 100 too).
    const std::string_view calleeTag = request.dialog ? std::string_view(m_toTag) : std::string_view();
    if (request.registerRequest) {
        append("From: ");
        appendNameAddr(m_call.caller, false, m_fromTag);
        append("\r\nTo: ");
        appendNameAddr(m_call.caller, false, calleeTag);
        append("\r\n");
        return;
    }
    if (request.optionsRequest) {
        append("From: <sip:");
        append(m_call.caller.user);
        append("@");
        append(m_call.caller.domain);
        append(">;tag=");
        append(m_fromTag);
        append("\r\nTo: <sip:");
        append(m_call.requestHost);
        append(">");
        if (!calleeTag.empty()) {
            append(";tag=");
            append(calleeTag);
        }
        append("\r\n");
        return;
    }
    if (request.direction == ScenarioDirection::CallerToCallee) {
        append("From: ");
        appendNameAddr(m_call.caller, false, m_fromTag);
        append("\r\nTo: ");
        appendNameAddr(m_call.callee, true, calleeTag);
    } else {
        append("From: ");
        appendNameAddr(m_call.callee, true, m_toTag);
        append("\r\nTo: ");
        appendNameAddr(m_call.caller, false, m_fromTag);
    }
    append("\r\n");
}

void SipScenario::appendContact(ScenarioDirection side)
{
    const auto& party = sender(side);
    append("Contact: <sip:");
    if (!party.user.empty()) {
        append(party.user);
        append("@");
    }
    appendSentBy(side);
    if (m_call.transport == ScenarioTransport::Tcp)
        append(";transport=tcp");
    append(">");
}

void SipScenario::appendRequestUri(const Request& request)
{
    if (request.registerRequest || request.optionsRequest) {
        append("sip:");
        append(m_call.requestHost);
        return;
    }
    if (request.dialog) {
        // In-dialog requests go to the remote target: the peer's Contact.
        const auto peer = request.direction == ScenarioDirection::CallerToCallee ? ScenarioDirection::CalleeToCaller
                                                                                 : ScenarioDirection::CallerToCallee;
        const auto& target = sender(peer);
        append("sip:");
        if (!target.user.empty()) {
            append(target.user);
            append("@");
        }
        appendSentBy(peer);
        if (m_call.transport == ScenarioTransport::Tcp)
            append(";transport=tcp");
        return;
    }
    append("sip:");
    if (!m_call.requestUser.empty()) {
        append(m_call.requestUser);
        append("@");
    }
    append(m_call.requestHost);
}

void SipScenario::appendCommonCapabilities(ScenarioDirection side, bool response)
{
    const auto& party = sender(side);
    append("Allow: ");
    append(kAllow);
    append("\r\nSupported: replaces, timer\r\n");
    if (!party.agent.empty()) {
        append(response ? "Server: " : "User-Agent: ");
        append(party.agent);
        append("\r\n");
    }
}

void SipScenario::appendAuthorization(Auth auth, const Request& request)
{
    append(auth == Auth::Proxy ? "Proxy-Authorization: Digest username=\"" : "Authorization: Digest username=\"");
    append(m_call.caller.user);
    append("\", realm=\"");
    append(m_call.requestHost);
    append("\", nonce=\"");
    append(m_nonce);
    append("\", uri=\"");
    appendRequestUri(request);
    append("\", response=\"");
    appendHex(32);
    append("\", algorithm=MD5, cnonce=\"");
    appendHex(16);
    append("\", qop=auth, nc=00000001\r\n");
}

void SipScenario::appendChallenge(int status)
{
    append(status == 407 ? "Proxy-Authenticate: Digest realm=\"" : "WWW-Authenticate: Digest realm=\"");
    append(m_call.requestHost);
    append("\", nonce=\"");
    append(m_nonce);
    append("\", opaque=\"");
    append(std::string_view(m_nonce).substr(0, 8));
    append("\", algorithm=MD5, qop=\"auth\"\r\n");
}

void SipScenario::appendBody(Body body, ScenarioDirection senderSide)
{
    m_body.clear();
    if (body == Body::None)
        return;
    const bool caller = senderSide == ScenarioDirection::CallerToCallee;
    const std::string& host = caller ? m_callerHost[0] : m_calleeHost[0];
    const auto& party = caller ? m_call.caller : m_call.callee;
    const bool v6 = party.media.value_or(party.signalling.address).isV6;
    const int side = caller ? 0 : 1;
    char number[24];
    auto put = [this](std::string_view text) { m_body.append(text); };
    auto putNumber = [&](std::uint64_t value) {
        const auto result = std::to_chars(number, number + sizeof number, value);
        m_body.append(number, static_cast<std::size_t>(result.ptr - number));
    };
    put("v=0\r\no=- ");
    putNumber(m_sdpSessionId[side]);
    put(" ");
    putNumber(m_sdpVersion[side]);
    put(v6 ? " IN IP6 " : " IN IP4 ");
    put(host);
    put("\r\ns=-\r\nc=");
    put(v6 ? "IN IP6 " : "IN IP4 ");
    put(host);
    put("\r\nt=0 0\r\nm=audio ");
    putNumber(caller ? m_callerRtpPort : m_calleeRtpPort);
    if (body == Body::Offer) {
        put(" RTP/AVP 0 8 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n");
    } else if (m_call.answerPayloadType == 8) {
        put(" RTP/AVP 8 101\r\na=rtpmap:8 PCMA/8000\r\n");
    } else {
        put(" RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\n");
    }
    put("a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\na=ptime:20\r\na=sendrecv\r\n");
}

void SipScenario::sendRequest(const Request& request, std::int64_t offsetNs, Body body, Auth auth, bool retransmission)
{
    const auto& from = sender(request.direction);
    appendBody(body, request.direction);
    beginMessage(request.direction, offsetNs, retransmission);
    append(request.method);
    append(" ");
    appendRequestUri(request);
    append(" SIP/2.0\r\n");
    appendVia(request, false);
    append("Max-Forwards: 70\r\n");
    appendFromTo(request);
    append("Call-ID: ");
    append(m_callId);
    append("\r\nCSeq: ");
    appendNumber(request.cseq);
    append(" ");
    append(request.method);
    append("\r\n");
    const bool invite = request.method == "INVITE";
    if (invite || request.registerRequest || request.optionsRequest) {
        appendContact(request.direction);
        if (request.registerRequest) {
            append(";expires=");
            appendNumber(static_cast<std::uint64_t>(m_expires));
            append("\r\nExpires: ");
            appendNumber(static_cast<std::uint64_t>(m_expires));
        }
        append("\r\n");
        if (request.optionsRequest)
            append("Accept: application/sdp\r\n");
        appendCommonCapabilities(request.direction, false);
    } else if (!from.agent.empty()) {
        append("User-Agent: ");
        append(from.agent);
        append("\r\n");
    }
    if (invite && m_call.trunkHeaders && request.direction == ScenarioDirection::CallerToCallee) {
        append("P-Asserted-Identity: ");
        appendNameAddr(m_call.caller, false, {});
        append("\r\nSession-Expires: 1800;refresher=uac\r\nMin-SE: 90\r\nAccept: application/sdp\r\n"
               "Allow-Events: talk, hold, conference, refer, check-sync\r\n");
    }
    if (request.method == "BYE" && m_call.trunkHeaders)
        append("Reason: Q.850;cause=16;text=\"Normal call clearing\"\r\n");
    if (auth != Auth::None)
        appendAuthorization(auth, request);
    if (!m_body.empty())
        append("Content-Type: application/sdp\r\n");
    append("Content-Length: ");
    appendNumber(m_body.size());
    append("\r\n\r\n");
    append(m_body);
    endMessage();
}

void SipScenario::sendResponse(
    const Request& request, int status, std::int64_t offsetNs, Body body, bool retransmission)
{
    const auto responder = request.direction == ScenarioDirection::CallerToCallee ? ScenarioDirection::CalleeToCaller
                                                                                  : ScenarioDirection::CallerToCallee;
    const auto& from = sender(responder);
    appendBody(body, responder);
    beginMessage(responder, offsetNs, retransmission);
    append("SIP/2.0 ");
    appendNumber(static_cast<std::uint64_t>(status));
    append(" ");
    append(reasonPhrase(status));
    append("\r\n");
    appendVia(request, true);
    Request echo = request;
    echo.dialog = request.dialog || status != 100;
    if (request.direction == ScenarioDirection::CalleeToCaller)
        echo.dialog = true;
    appendFromTo(echo);
    append("Call-ID: ");
    append(m_callId);
    append("\r\nCSeq: ");
    appendNumber(request.cseq);
    append(" ");
    append(request.method);
    append("\r\n");
    const bool invite = request.method == "INVITE";
    if (request.registerRequest && status / 100 == 2) {
        appendContact(request.direction);
        append(";expires=");
        appendNumber(static_cast<std::uint64_t>(m_expires));
        append("\r\n");
    }
    if ((invite && status > 100 && status < 300) || (status / 100 == 3)) {
        appendContact(responder);
        append("\r\n");
    }
    if ((invite && status > 100 && status < 300) || (request.optionsRequest && status == 200)) {
        if (request.optionsRequest)
            append("Accept: application/sdp\r\n");
        appendCommonCapabilities(responder, true);
        if (invite && status == 200 && m_call.trunkHeaders)
            append("Require: timer\r\nSession-Expires: 1800;refresher=uac\r\n");
    } else if (!from.agent.empty()) {
        append("Server: ");
        append(from.agent);
        append("\r\n");
    }
    if (status == 401 || status == 407)
        appendChallenge(status);
    if (!m_body.empty())
        append("Content-Type: application/sdp\r\n");
    append("Content-Length: ");
    appendNumber(m_body.size());
    append("\r\n\r\n");
    append(m_body);
    endMessage();
}

void SipScenario::sendAck(const Request& invite, std::int64_t offsetNs, bool sameTransaction)
{
    // A non-2xx ACK is part of the INVITE transaction (same branch and Request-URI, RFC 3261
    // 17.1.1.3); a 2xx ACK is a new in-dialog request to the remote target with a new branch.
    Request ack = sameTransaction ? invite : startRequest(invite.direction, "ACK", invite.cseq, true);
    ack.method = "ACK";
    ack.dialog = true;
    if (sameTransaction) {
        // appendRequestUri sends a dialog request to the remote target; this ACK keeps the INVITE's URI.
        Request uri = invite;
        uri.dialog = false;
        appendBody(Body::None, ack.direction);
        beginMessage(ack.direction, offsetNs, false);
        append("ACK ");
        appendRequestUri(uri);
        append(" SIP/2.0\r\n");
        appendVia(ack, false);
        append("Max-Forwards: 70\r\n");
        appendFromTo(ack);
        append("Call-ID: ");
        append(m_callId);
        append("\r\nCSeq: ");
        appendNumber(ack.cseq);
        append(" ACK\r\n");
        if (!sender(ack.direction).agent.empty()) {
            append("User-Agent: ");
            append(sender(ack.direction).agent);
            append("\r\n");
        }
        append("Content-Length: 0\r\n\r\n");
        endMessage();
        return;
    }
    sendRequest(ack, offsetNs, Body::None);
}

void SipScenario::sendCancel(const Request& invite, std::int64_t offsetNs)
{
    Request cancel = invite;
    cancel.method = "CANCEL";
    cancel.dialog = false;
    sendRequest(cancel, offsetNs, Body::None);
}

std::int64_t SipScenario::sendInvite(const Request& invite, std::int64_t offsetNs, int retransmissions, Auth auth)
{
    sendRequest(invite, offsetNs, Body::Offer, auth);
    const auto first = m_messages.back();
    std::int64_t last = offsetNs;
    std::int64_t interval = kT1Ns;
    for (int i = 0; i < retransmissions; ++i) {
        last += interval;
        interval *= 2;
        // A retransmission is the same bytes again; reserve first so the copy source stays valid.
        m_text.reserve(m_text.size() + first.textSize);
        beginMessage(first.direction, last, true);
        m_text.append(m_text.data() + first.textBegin, first.textSize);
        endMessage();
    }
    return last;
}

std::int64_t SipScenario::challengeRound(int status)
{
    const auto invite = startRequest(ScenarioDirection::CallerToCallee, "INVITE", m_call.firstCseq, false);
    sendRequest(invite, 0, Body::Offer);
    const std::int64_t challengeAt = m_timing.roundTripNs;
    // The challenge comes from a transaction of its own, with a To tag that the dialog will not keep.
    const std::string dialogTag = m_toTag;
    m_toTag.clear();
    for (int i = 0; i < 10; ++i)
        m_toTag.push_back(kHexDigits[nextRandom() & 0xF]);
    sendResponse(invite, status, challengeAt);
    sendAck(invite, challengeAt + m_timing.ackNs, true);
    m_toTag = dialogTag;
    return challengeAt + m_timing.ackNs + m_timing.retryNs;
}

void SipScenario::answeredCall(const InviteOptions& options)
{
    std::uint32_t cseq = m_call.firstCseq;
    std::int64_t start = 0;
    Auth auth = Auth::None;
    if (options.challenge == 401 || options.challenge == 407) {
        start = challengeRound(options.challenge);
        ++cseq;
        auth = options.challenge == 407 ? Auth::Proxy : Auth::Www;
    }
    const auto invite = startRequest(ScenarioDirection::CallerToCallee, "INVITE", cseq, false);
    const std::int64_t base = sendInvite(invite, start, options.retransmissions, auth);
    sendResponse(invite, 100, base + m_timing.tryingNs);
    std::int64_t ring = base + m_timing.ringingNs;
    std::int64_t calleeMediaStart = -1;
    if (options.sessionProgress) {
        sendResponse(invite, 183, ring, Body::Answer);
        calleeMediaStart = ring;
        ring += m_timing.tryingNs;
    }
    if (options.ringing)
        sendResponse(invite, 180, ring);
    const std::int64_t answer = ring + m_timing.answerNs;
    sendResponse(invite, 200, answer, Body::Answer);
    std::int64_t ackAt = answer + m_timing.ackNs;
    if (options.okRetransmitted) {
        m_text.reserve(m_text.size() + m_messages.back().textSize);
        const auto ok = m_messages.back();
        beginMessage(ok.direction, answer + kT1Ns, true);
        m_text.append(m_text.data() + ok.textBegin, ok.textSize);
        endMessage();
        ackAt = answer + kT1Ns + m_timing.ackNs;
    }
    sendAck(invite, ackAt, false);
    if (calleeMediaStart < 0)
        calleeMediaStart = answer;

    std::int64_t byeAt = ackAt + m_timing.talkNs;
    if (options.sessionRefresh) {
        const std::int64_t refreshAt = ackAt + m_timing.talkNs / 2;
        ++m_sdpVersion[0];
        ++m_sdpVersion[1];
        ++cseq;
        const auto reinvite = startRequest(ScenarioDirection::CallerToCallee, "INVITE", cseq, true);
        sendRequest(reinvite, refreshAt, Body::Offer);
        sendResponse(reinvite, 200, refreshAt + m_timing.roundTripNs, Body::Answer);
        sendAck(reinvite, refreshAt + m_timing.roundTripNs + m_timing.ackNs, false);
        byeAt = std::max(byeAt, refreshAt + m_timing.roundTripNs + 2 * m_timing.ackNs);
    }
    const auto byeDirection
        = options.calleeHangsUp ? ScenarioDirection::CalleeToCaller : ScenarioDirection::CallerToCallee;
    const auto bye = startRequest(byeDirection, "BYE", options.calleeHangsUp ? m_calleeCseq : cseq + 1, true);
    sendRequest(bye, byeAt, Body::None);
    sendResponse(bye, 200, byeAt + m_timing.roundTripNs);

    ScenarioMedia media;
    media.caller = { m_call.caller.media.value_or(m_call.caller.signalling.address), m_callerRtpPort };
    media.callee = { m_call.callee.media.value_or(m_call.callee.signalling.address), m_calleeRtpPort };
    media.payloadType = m_call.answerPayloadType == 8 ? 8 : 0;
    media.calleeStartNs = calleeMediaStart;
    media.answerNs = answer;
    media.callerStartNs = ackAt;
    media.endNs = byeAt;
    m_media = media;
    std::stable_sort(m_messages.begin(), m_messages.end(),
        [](const ScenarioMessage& a, const ScenarioMessage& b) { return a.offsetNs < b.offsetNs; });
}

void SipScenario::failedCall(int status, const InviteOptions& options)
{
    std::uint32_t cseq = m_call.firstCseq;
    std::int64_t start = 0;
    Auth auth = Auth::None;
    if (options.challenge == 401 || options.challenge == 407) {
        start = challengeRound(options.challenge);
        ++cseq;
        auth = options.challenge == 407 ? Auth::Proxy : Auth::Www;
    }
    const auto invite = startRequest(ScenarioDirection::CallerToCallee, "INVITE", cseq, false);
    const std::int64_t base = sendInvite(invite, start, options.retransmissions, auth);
    sendResponse(invite, 100, base + m_timing.tryingNs);
    std::int64_t finalAt = base + m_timing.tryingNs + m_timing.failNs;
    if (options.ringBeforeFailure) {
        sendResponse(invite, 180, base + m_timing.ringingNs);
        finalAt = base + m_timing.ringingNs + m_timing.answerNs;
    }
    sendResponse(invite, status, finalAt);
    sendAck(invite, finalAt + m_timing.ackNs, true);
    std::stable_sort(m_messages.begin(), m_messages.end(),
        [](const ScenarioMessage& a, const ScenarioMessage& b) { return a.offsetNs < b.offsetNs; });
}

void SipScenario::cancelledCall(const InviteOptions& options)
{
    const auto invite = startRequest(ScenarioDirection::CallerToCallee, "INVITE", m_call.firstCseq, false);
    const std::int64_t base = sendInvite(invite, 0, options.retransmissions, Auth::None);
    sendResponse(invite, 100, base + m_timing.tryingNs);
    std::int64_t ring = base + m_timing.ringingNs;
    if (options.sessionProgress) {
        sendResponse(invite, 183, ring, Body::Answer);
        ring += m_timing.tryingNs;
    }
    if (options.ringing)
        sendResponse(invite, 180, ring);
    const std::int64_t cancelAt = ring + m_timing.cancelNs;
    sendCancel(invite, cancelAt);
    Request cancel = invite;
    cancel.method = "CANCEL";
    sendResponse(cancel, 200, cancelAt + m_timing.roundTripNs);
    const std::int64_t terminatedAt = cancelAt + m_timing.roundTripNs + 2'000'000;
    sendResponse(invite, 487, terminatedAt);
    sendAck(invite, terminatedAt + m_timing.ackNs, true);
}

void SipScenario::unansweredCall(int transmissions)
{
    const auto invite = startRequest(ScenarioDirection::CallerToCallee, "INVITE", m_call.firstCseq, false);
    sendInvite(invite, 0, std::max(0, transmissions - 1), Auth::None);
}

void SipScenario::registration(bool challenged, int expires)
{
    m_expires = expires;
    std::uint32_t cseq = m_call.firstCseq;
    std::int64_t at = 0;
    if (challenged) {
        const auto first = startRequest(ScenarioDirection::CallerToCallee, "REGISTER", cseq, false);
        sendRequest(first, at, Body::None);
        sendResponse(first, 401, at + m_timing.roundTripNs);
        at += m_timing.roundTripNs + m_timing.retryNs;
        ++cseq;
        for (int i = 0; i < 10; ++i)
            m_toTag[static_cast<std::size_t>(i)] = kHexDigits[nextRandom() & 0xF];
    }
    const auto request = startRequest(ScenarioDirection::CallerToCallee, "REGISTER", cseq, false);
    sendRequest(request, at, Body::None, challenged ? Auth::Www : Auth::None);
    sendResponse(request, 200, at + m_timing.roundTripNs);
}

void SipScenario::optionsPing()
{
    const auto request = startRequest(ScenarioDirection::CallerToCallee, "OPTIONS", m_call.firstCseq, false);
    sendRequest(request, 0, Body::None);
    sendResponse(request, 200, m_timing.roundTripNs);
}

} // namespace sipladder::testing
