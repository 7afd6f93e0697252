// SPDX-License-Identifier: Apache-2.0
// The pieces of text log reading: log prefixes, the clock, markers, the text check.
#include "textlog/line_cleaner.h"
#include "textlog/log_clock.h"
#include "textlog/text_log_format.h"
#include "textlog/trace_marker.h"

#include <gtest/gtest.h>

namespace core = sipladder::core;

namespace {

constexpr std::int64_t kSecond = 1'000'000'000;

std::string_view cleaned(core::LineCleaner& cleaner, std::string_view line, core::LogPrefix expected)
{
    const auto clean = cleaner.clean(line);
    EXPECT_EQ(clean.prefix, expected) << line;
    return clean.content;
}

} // namespace

TEST(LineCleaner, RemovesTheLogPrefixesOfEachKind)
{
    core::LineCleaner cleaner;
    using P = core::LogPrefix;
    EXPECT_EQ(cleaned(cleaner, "[Nov 24 10:00:00] VERBOSE[4187][C-00000001] chan_sip.c: <--- SIP read", P::Asterisk),
        "<--- SIP read");
    EXPECT_EQ(cleaned(cleaner, "[2026-11-24 10:00:00.123] DEBUG[12]: res_pjsip_logger.c:123 pj_log_fn: text", P::Asterisk),
        "text");
    EXPECT_EQ(cleaned(cleaner, "Nov  4 10:00:00 pbx1 asterisk[812]: INVITE sip:x@y SIP/2.0", P::Syslog),
        "INVITE sip:x@y SIP/2.0");
    EXPECT_EQ(cleaned(cleaner, "2026-11-24 10:00:00.808015 [NOTICE] switch_channel.c:1118 New Channel", P::Iso),
        "New Channel");
    EXPECT_EQ(cleaned(cleaner, "2026-11-24 10:00:00.808015 97.87% [DEBUG] sofia.c:7 x", P::Iso), "x");
    EXPECT_EQ(cleaned(cleaner, "2026-11-24T10:00:00+01:00 pbx asterisk[1]: hello", P::Iso), "hello");
    EXPECT_EQ(cleaned(cleaner, "*Mar  1 00:04:25.359: Received:", P::Cisco), "Received:");
    EXPECT_EQ(cleaned(cleaner, "000123: Nov 24 10:00:00.123 UTC: //-1/xxx/SIP/Msg/ccsipDisplayMsg:", P::Cisco),
        "//-1/xxx/SIP/Msg/ccsipDisplayMsg:");
    EXPECT_EQ(cleaned(cleaner, "00:11:29: Sent:", P::Cisco), "Sent:");
    EXPECT_EQ(cleaned(cleaner, "> > Via: SIP/2.0/UDP a", P::Quote), "Via: SIP/2.0/UDP a");
    // SIP itself is never taken for a prefix.
    for (const auto line : {"Max-Forwards: 70", "Date: Mon, 24 Nov 2026 10:00:00 GMT", "Mar: x", "v=0", "t=0 0",
             "SIP/2.0 200 OK", "Nov 24 is a date"})
        EXPECT_EQ(cleaned(cleaner, line, P::None), line);
}

TEST(LineCleaner, DropsColourCodesAndCarriageReturns)
{
    core::LineCleaner cleaner;
    const auto clean = cleaner.clean("\x1b[1;32mINVITE\x1b[0m sip:a@b SIP/2.0\r\r");
    EXPECT_EQ(clean.content, "INVITE sip:a@b SIP/2.0");
    EXPECT_TRUE(clean.modified);
    const auto plain = cleaner.clean("Via: x\r");
    EXPECT_EQ(plain.content, "Via: x");
    EXPECT_FALSE(plain.modified) << "the CR of CRLF is the line end, not a change";
}

TEST(LineCleaner, KeepsThePrefixTime)
{
    core::LineCleaner cleaner;
    const auto clean = cleaner.clean("[Nov 24 10:00:01.250] VERBOSE[1] chan_sip.c: x");
    ASSERT_TRUE(clean.time.valid);
    EXPECT_TRUE(clean.time.hasDate);
    EXPECT_FALSE(clean.time.hasYear);
    EXPECT_EQ(clean.time.month, 11);
    EXPECT_EQ(clean.time.day, 24);
    EXPECT_EQ(clean.time.nanosOfDay, (36000 + 1) * kSecond + 250'000'000);
}

TEST(LogClock, DatesYearsAndMidnight)
{
    core::LogClock clock;
    core::LogTime timeOnly;
    timeOnly.valid = true;
    timeOnly.nanosOfDay = 23 * 3600 * kSecond;
    EXPECT_EQ(clock.resolve(timeOnly), 23 * 3600 * kSecond) << "no date: 1970-01-01";
    timeOnly.nanosOfDay = 60 * kSecond;
    EXPECT_EQ(clock.resolve(timeOnly), 86400 * kSecond + 60 * kSecond) << "past midnight: the next day";

    core::LogClock dated;
    core::LogTime full;
    full.valid = full.hasDate = full.hasYear = true;
    full.year = 2026;
    full.month = 11;
    full.day = 24;
    full.nanosOfDay = 10 * 3600 * kSecond;
    const auto start = dated.resolve(full);
    EXPECT_EQ(start, (1795514400LL) * kSecond); // 2026-11-24T10:00:00Z
    core::LogTime later;
    later.valid = true;
    later.nanosOfDay = 10 * 3600 * kSecond + 5 * kSecond;
    EXPECT_EQ(dated.resolve(later), start + 5 * kSecond) << "a time alone takes the date seen last";
    core::LogTime noYear;
    noYear.valid = noYear.hasDate = true;
    noYear.month = 11;
    noYear.day = 25;
    EXPECT_EQ(dated.resolve(noYear), (core::daysSinceEpoch(2026, 11, 25)) * 86400 * kSecond) << "the year seen last";
}

TEST(TraceMarker, RecognisesTheHeaderOfEachShape)
{
    using core::LogDirection;
    using core::TextLogFormat;
    auto marker = core::parseTraceMarker("<--- SIP read from UDP:192.0.2.1:5060 --->");
    EXPECT_EQ(marker.format, TextLogFormat::AsteriskChanSip);
    EXPECT_EQ(marker.direction, LogDirection::Received);
    EXPECT_EQ(marker.remote->toString(), "192.0.2.1:5060");
    marker = core::parseTraceMarker("<--- Reliably Transmitting (NAT) to [2001:db8::1]:5061 --->");
    EXPECT_EQ(marker.direction, LogDirection::Sent);
    EXPECT_EQ(marker.remote->toString(), "[2001:db8::1]:5061");
    marker = core::parseTraceMarker("Reliably Transmitting (no NAT) to 10.24.18.138:5060:");
    EXPECT_EQ(marker.kind, core::MarkerKind::MessageHeader);
    marker = core::parseTraceMarker("<--- Transmitting SIP response (543 bytes) to WSS:192.0.2.9:8089 --->");
    EXPECT_EQ(marker.format, TextLogFormat::AsteriskPjsip);
    EXPECT_EQ(marker.transport, core::Transport::WebSocket);
    marker = core::parseTraceMarker("recv 903 bytes from tcp/[192.168.7.101]:52110 at 20:07:57.811303:");
    EXPECT_EQ(marker.format, TextLogFormat::FreeSwitch);
    EXPECT_EQ(marker.transport, core::Transport::Tcp);
    EXPECT_EQ(marker.time.nanosOfDay, (20 * 3600 + 7 * 60 + 57) * kSecond + 811'303'000);
    // Over IPv6 sofia writes the flow label after the port.
    marker = core::parseTraceMarker("recv 903 bytes from tls/[2001:db8::10]:5061/524288 at 10:00:00.123456:");
    EXPECT_EQ(marker.kind, core::MarkerKind::MessageHeader);
    ASSERT_TRUE(marker.remote);
    EXPECT_EQ(marker.remote->toString(), "[2001:db8::10]:5061");
    marker = core::parseTraceMarker("sent 12 bytes to udp/[10.0.0.1]:5060 at 2025-07-10 13:23:53.123456:");
    EXPECT_TRUE(marker.time.hasYear);
    marker = core::parseTraceMarker("U 192.0.2.1:5060 -> 198.51.100.2:5060");
    EXPECT_EQ(marker.format, TextLogFormat::Ngrep);
    EXPECT_EQ(marker.destination->toString(), "198.51.100.2:5060");
    // ngrep -T: the time since the previous packet.
    marker = core::parseTraceMarker("U +1.250300 192.0.2.1:5060 -> 198.51.100.2:5060");
    EXPECT_EQ(marker.kind, core::MarkerKind::MessageHeader);
    ASSERT_TRUE(marker.deltaNs);
    EXPECT_EQ(*marker.deltaNs, 1'250'300'000);
    // The first IP fragment of a large datagram.
    marker = core::parseTraceMarker("U 192.0.2.1:5060 -> 198.51.100.2:5060 54321@0:1480");
    EXPECT_EQ(marker.kind, core::MarkerKind::MessageHeader);
    EXPECT_EQ(marker.destination->toString(), "198.51.100.2:5060");
    marker = core::parseTraceMarker("2026/11/24 10:00:00.000001 192.0.2.1:5060 -> 198.51.100.2:5060");
    EXPECT_EQ(marker.format, TextLogFormat::Sngrep);
    EXPECT_EQ(core::parseTraceMarker("Received:").format, TextLogFormat::CiscoCcsip);
    EXPECT_EQ(core::parseTraceMarker("<------------->").kind, core::MarkerKind::MessageEnd);
    EXPECT_EQ(core::parseTraceMarker(std::string(72, '-')).kind, core::MarkerKind::MessageEnd);
    for (const auto line : {"To: <sip:a@b>", "User-Agent: x", "Route: <sip:p;lr>", "recv nothing", "T=1",
             "<--- nothing --->", "2026/11/24 is a date"})
        EXPECT_EQ(core::parseTraceMarker(line).kind, core::MarkerKind::None) << line;
}

TEST(TextLogFormat, TextAndBinaryAreToldApart)
{
    const std::string text = "\x1b[1;32mINVITE sip:a@b SIP/2.0\r\n\tindented\x0b\n";
    EXPECT_TRUE(core::looksLikeTextLog(core::asBytes(text)));
    std::string binary(600, '\0');
    for (std::size_t i = 0; i < binary.size(); ++i)
        binary[i] = static_cast<char>((i * 37 + 11) % 256);
    EXPECT_FALSE(core::looksLikeTextLog(core::asBytes(binary)));
    EXPECT_EQ(core::textLogFormatName(core::TextLogFormat::AsteriskPjsip), "text/asterisk-pjsip");
    EXPECT_EQ(core::textLogFormatName(core::TextLogFormat::RawSip), "text/raw-sip");
}
