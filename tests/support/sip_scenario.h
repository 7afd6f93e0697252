// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "net/endpoint.h"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace sipladder::testing {

enum class ScenarioDirection : std::uint8_t {
    CallerToCallee,
    CalleeToCaller,
};

enum class ScenarioTransport : std::uint8_t {
    Udp,
    Tcp,
};

// One side of a call: who it is (URI user and domain) and where its SIP and RTP come from.
struct ScenarioParty {
    std::string user; // URI user part: "+12125550147", "5551234567", "alice"
    std::string domain; // URI host of its address of record: "carrier.example"
    std::string displayName; // quoted in From/To when not empty
    core::Endpoint signalling; // Via sent-by, Contact and the frames' address
    std::optional<core::IpAddress> media; // SDP c= address; the signalling address when absent
    std::uint16_t rtpPort = 0; // SDP m= port; 0 picks an even port from the seed
    std::string agent; // User-Agent in its requests, Server in its responses
};

struct ScenarioCall {
    ScenarioParty caller;
    ScenarioParty callee;
    std::string requestUser; // Request-URI user (what was dialled); callee.user when empty
    std::string requestHost; // Request-URI host; callee.domain when empty
    std::string callId; // made from the seed when empty
    ScenarioTransport transport = ScenarioTransport::Udp;
    std::uint64_t seed = 1; // tags, branches, nonces, SDP session ids and ports
    std::uint32_t firstCseq = 1;
    std::uint8_t answerPayloadType = 0; // the codec the callee picks from the offer: 0 PCMU or 8 PCMA
    // Adds the optional headers a carrier trunk carries (P-Asserted-Identity, Session-Expires, Min-SE,
    // Accept, Allow-Events, a Q.850 Reason on BYE), so messages have a trunk's realistic size.
    bool trunkHeaders = false;
};

// Delays between the messages of a scenario. All are fixed inputs: callers that want jitter pass
// different values per call, so a scenario stays a pure function of its inputs.
struct ScenarioTiming {
    std::int64_t tryingNs = 30'000'000; // INVITE -> 100 Trying
    std::int64_t ringingNs = 150'000'000; // INVITE -> 183/180
    std::int64_t answerNs = 4'000'000'000; // 180 -> 200 OK (ring time)
    std::int64_t failNs = 80'000'000; // 100 Trying (or 180) -> failure response
    std::int64_t ackNs = 40'000'000; // final response -> ACK
    std::int64_t talkNs = 30'000'000'000; // ACK -> BYE
    std::int64_t roundTripNs = 40'000'000; // non-INVITE request -> its response
    std::int64_t cancelNs = 5'000'000'000; // 180 -> CANCEL
    std::int64_t retryNs = 20'000'000; // ACK of a challenge -> INVITE with credentials
};

struct InviteOptions {
    int challenge = 0; // 401 or 407: the first INVITE is challenged, then retried with credentials and CSeq + 1
    int retransmissions = 0; // copies of the (final) INVITE sent before the 100 Trying, T1 doubling
    bool sessionProgress = false; // 183 Session Progress with an SDP answer before the 180
    bool ringing = true; // 180 Ringing before the answer (answered and cancelled calls)
    bool ringBeforeFailure = false; // 180 Ringing before a failure response
    bool sessionRefresh = false; // an answered call re-INVITEs half way through the talk time
    bool calleeHangsUp = false; // the BYE comes from the callee
    bool okRetransmitted = false; // the 200 OK is re-sent 500 ms later because the ACK is late
};

struct ScenarioMessage {
    ScenarioDirection direction = ScenarioDirection::CallerToCallee;
    std::int64_t offsetNs = 0; // from the scenario's first message
    std::uint32_t textBegin = 0; // into SipScenario's text buffer
    std::uint32_t textSize = 0;
    bool retransmission = false;
};

// Where and when the RTP of an answered call flows.
struct ScenarioMedia {
    core::Endpoint caller; // the caller's SDP address and port
    core::Endpoint callee;
    std::uint8_t payloadType = 0;
    std::int64_t calleeStartNs = 0; // the 200 OK, or the 183 that started early media
    std::int64_t answerNs = 0; // the 200 OK
    std::int64_t callerStartNs = 0; // the ACK
    std::int64_t endNs = 0; // the BYE
};

// Builds the SIP text of one call scenario with RFC 3261 shaped messages: Via with a z9hG4bK branch
// and rport, Max-Forwards, tagged From, To tagged on responses after 100, Call-ID, CSeq, Contact,
// Allow, Supported, User-Agent or Server, and an SDP offer/answer with a correct Content-Length.
// Deterministic: the same call, timing and seed give the same bytes. Reusable: reset() keeps the
// buffers, so generating millions of messages does not allocate per message.
//
//     SipScenario s;
//     s.reset(call, timing);
//     s.failedCall(404);
//     for (const auto& m : s.messages()) send(m.direction, m.offsetNs, s.text(m));
class SipScenario {
public:
    // Starts a new scenario; each scenario method below builds one complete scenario after it.
    void reset(const ScenarioCall& call, const ScenarioTiming& timing = {});

    // INVITE/100/(183)/180/200/ACK/(re-INVITE/200/ACK)/BYE/200.
    void answeredCall(const InviteOptions& options = {});
    // INVITE/100/(180)/final/ACK for any 3xx-6xx `status`; the ACK reuses the INVITE's branch.
    void failedCall(int status, const InviteOptions& options = {});
    // INVITE/100/180/CANCEL/200 (CANCEL)/487/ACK.
    void cancelledCall(const InviteOptions& options = {});
    // An INVITE sent `transmissions` times (T1 = 500 ms, doubling) that is never answered.
    void unansweredCall(int transmissions = 7);
    // REGISTER (401, then REGISTER with Authorization and CSeq + 1) / 200 OK.
    void registration(bool challenged = true, int expires = 3600);
    // OPTIONS keep-alive and its 200 OK.
    void optionsPing();

    std::span<const ScenarioMessage> messages() const { return m_messages; }
    std::string_view text(const ScenarioMessage& message) const
    {
        return std::string_view(m_text).substr(message.textBegin, message.textSize);
    }
    std::string_view text(std::size_t index) const { return text(m_messages[index]); }
    const ScenarioCall& call() const { return m_call; }
    // Set by answeredCall() (and by a 183 with early media): where both sides send RTP, and when.
    const std::optional<ScenarioMedia>& media() const { return m_media; }
    // Offset of the last message.
    std::int64_t durationNs() const { return m_messages.empty() ? 0 : m_messages.back().offsetNs; }

    static std::string_view reasonPhrase(int status);

private:
    // What a request carried that its responses, ACK and CANCEL repeat.
    struct Request {
        ScenarioDirection direction = ScenarioDirection::CallerToCallee;
        std::string_view method;
        std::uint32_t cseq = 0;
        char branch[24] = {};
        std::size_t branchSize = 0;
        bool dialog = false; // To carries the callee's tag (in-dialog request)
        bool registerRequest = false;
        bool optionsRequest = false;
    };
    enum class Body : std::uint8_t {
        None,
        Offer,
        Answer,
    };
    enum class Auth : std::uint8_t {
        None,
        Www,
        Proxy,
    };

    Request startRequest(ScenarioDirection direction, std::string_view method, std::uint32_t cseq, bool dialog);
    void sendRequest(
        const Request& request, std::int64_t offsetNs, Body body, Auth auth = Auth::None, bool retransmission = false);
    void sendAck(const Request& invite, std::int64_t offsetNs, bool sameTransaction);
    void sendCancel(const Request& invite, std::int64_t offsetNs);
    void sendResponse(
        const Request& request, int status, std::int64_t offsetNs, Body body = Body::None, bool retransmission = false);
    // Sends the challenged INVITE, its 401/407 and ACK; returns the offset of the retry.
    std::int64_t challengeRound(int status);
    // Sends the INVITE (and its retransmissions); returns when the 100 Trying answers it.
    std::int64_t sendInvite(const Request& invite, std::int64_t offsetNs, int retransmissions, Auth auth);

    void beginMessage(ScenarioDirection direction, std::int64_t offsetNs, bool retransmission);
    void endMessage();
    void appendBody(Body body, ScenarioDirection sender);
    void appendVia(const Request& request, bool response);
    void appendNameAddr(const ScenarioParty& party, bool useRequestTarget, std::string_view tag);
    void appendFromTo(const Request& request);
    void appendContact(ScenarioDirection side);
    void appendRequestUri(const Request& request);
    void appendCommonCapabilities(ScenarioDirection side, bool response);
    void appendAuthorization(Auth auth, const Request& request);
    void appendChallenge(int status);
    void appendNumber(std::uint64_t value);
    void appendHex(std::size_t digits);
    void append(std::string_view text) { m_text.append(text); }
    // The sent-by (address:port) of the party that sends in direction `side`.
    void appendSentBy(ScenarioDirection side);
    const ScenarioParty& sender(ScenarioDirection direction) const;
    std::uint64_t nextRandom();

    ScenarioCall m_call;
    ScenarioTiming m_timing;
    std::string m_text;
    std::string m_body;
    std::vector<ScenarioMessage> m_messages;
    std::optional<ScenarioMedia> m_media;
    std::uint64_t m_random = 0;
    std::string m_callId;
    std::string m_fromTag;
    std::string m_toTag;
    std::string m_nonce;
    std::string m_callerHost[2]; // [0] address text, [1] address:port (sent-by), IPv6 bracketed
    std::string m_calleeHost[2];
    std::uint16_t m_callerRtpPort = 0;
    std::uint16_t m_calleeRtpPort = 0;
    std::uint64_t m_sdpSessionId[2] = {};
    std::uint32_t m_sdpVersion[2] = {};
    std::uint32_t m_calleeCseq = 0;
    int m_expires = 3600;
};

} // namespace sipladder::testing
