// SPDX-License-Identifier: Apache-2.0
// Micro-benchmark of SipParser, SipUri and NameAddr (Google Benchmark): build/tests/bench/sip-parser-bench.
#include "sip/name_addr.h"
#include "sip/sip_parser.h"
#include "sip/sip_uri.h"

#include <benchmark/benchmark.h>

#include <string>

using namespace sipladder::core;

namespace {

std::string crlf(std::string_view text)
{
    std::string out;
    for (char c : text) {
        if (c == '\n')
            out += '\r';
        out += c;
    }
    return out;
}

// About 600 bytes: 12 headers and a short SDP, like a trunk INVITE.
std::string typicalInvite()
{
    const std::string body = crlf(R"(v=0
o=- 20518 0 IN IP4 192.0.2.10
s=-
c=IN IP4 192.0.2.10
t=0 0
m=audio 49170 RTP/AVP 0 8 101
a=rtpmap:0 PCMU/8000
a=rtpmap:101 telephone-event/8000
)");
    return crlf(R"(INVITE sip:+15551234567@pbx.example.test;user=phone SIP/2.0
Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK776asdhds;rport
Max-Forwards: 70
To: <sip:+15551234567@pbx.example.test;user=phone>
From: "Carrier A" <sip:+12125550147@carrier.example>;tag=1928301774
Call-ID: a84b4c76e66710@pc33.example.com
CSeq: 314159 INVITE
Contact: <sip:+12125550147@192.0.2.10:5060>
Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, UPDATE
Supported: timer, 100rel, replaces
User-Agent: LadderTest UA 1.0
Content-Type: application/sdp
)")
        + "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

void parseInvite(benchmark::State& state)
{
    const std::string text = typicalInvite();
    SipParser parser;
    SipMessage message;
    for (auto _ : state) {
        benchmark::DoNotOptimize(parser.parse(asBytes(text), message, true));
        benchmark::DoNotOptimize(message.topViaBranch().data());
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
    state.counters["bytes"] = static_cast<double>(text.size());
    state.counters["headers"] = static_cast<double>(message.headers().size());
}
BENCHMARK(parseInvite);

void parseResponse(benchmark::State& state)
{
    const std::string text = crlf(R"(SIP/2.0 180 Ringing
Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK776asdhds;rport=5060;received=192.0.2.10
From: "Carrier A" <sip:+12125550147@carrier.example>;tag=1928301774
To: <sip:+15551234567@pbx.example.test;user=phone>;tag=a6c85cf
Call-ID: a84b4c76e66710@pc33.example.com
CSeq: 314159 INVITE
Contact: <sip:+15551234567@198.51.100.7:5060>
Content-Length: 0

)");
    SipParser parser;
    SipMessage message;
    for (auto _ : state)
        benchmark::DoNotOptimize(parser.parse(asBytes(text), message, true));
}
BENCHMARK(parseResponse);

void parseUri(benchmark::State& state)
{
    for (auto _ : state)
        benchmark::DoNotOptimize(parseSipUri("sip:+15551234567@pbx.example.test:5060;user=phone;transport=udp"));
}
BENCHMARK(parseUri);

void parseFrom(benchmark::State& state)
{
    for (auto _ : state)
        benchmark::DoNotOptimize(parseNameAddr("\"Carrier A\" <sip:+12125550147@carrier.example>;tag=1928301774"));
}
BENCHMARK(parseFrom);

} // namespace

BENCHMARK_MAIN();
