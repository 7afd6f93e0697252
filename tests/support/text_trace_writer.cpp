// SPDX-License-Identifier: Apache-2.0
#include "support/text_trace_writer.h"

#include <cstdio>
#include <ctime>
#include <fstream>
#include <stdexcept>

namespace sipladder::testing {

namespace {

std::string upper(std::string_view text)
{
    std::string out(text);
    for (auto& c : out)
        c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
    return out;
}

std::string fraction(std::int64_t ns, int digits)
{
    if (digits <= 0)
        return {};
    std::int64_t value = ns % 1'000'000'000;
    for (int i = digits; i < 9; ++i)
        value /= 10;
    std::string digitsText = std::to_string(value);
    if (digitsText.size() < static_cast<std::size_t>(digits))
        digitsText.insert(0, static_cast<std::size_t>(digits) - digitsText.size(), '0');
    return "." + digitsText;
}

std::tm utc(std::int64_t ns)
{
    const std::time_t seconds = static_cast<std::time_t>(ns / 1'000'000'000);
    std::tm tm {};
    gmtime_r(&seconds, &tm);
    return tm;
}

std::string lineFeeds(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n')
            continue;
        out += text[i];
    }
    return out;
}

} // namespace

TextTraceWriter::TextTraceWriter(TextTraceStyle style, const core::Endpoint& logger)
    : m_style(style)
    , m_logger(logger)
{
}

std::string TextTraceWriter::isoTime(std::int64_t ns, int fractionDigits, char dateSeparator)
{
    const auto tm = utc(ns);
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%04d%c%02d%c%02d %02d:%02d:%02d", tm.tm_year + 1900, dateSeparator,
        tm.tm_mon + 1, dateSeparator, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
    return buffer + fraction(ns, fractionDigits);
}

std::string TextTraceWriter::clockTime(std::int64_t ns, int fractionDigits)
{
    const auto tm = utc(ns);
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%02d:%02d:%02d", tm.tm_hour, tm.tm_min, tm.tm_sec);
    return buffer + fraction(ns, fractionDigits);
}

void TextTraceWriter::append(std::string& out, const WireMessage& message) const
{
    const bool sent = message.source == m_logger;
    const core::Endpoint& peer = sent ? message.destination : message.source;
    const std::string transport(core::transportName(message.transport));
    const bool request = message.text.rfind("SIP/2.0 ", 0) != 0;
    const std::string size = std::to_string(message.text.size());
    switch (m_style) {
    case TextTraceStyle::RawSip:
        out += message.text;
        out += "\n";
        break;
    case TextTraceStyle::AsteriskChanSip:
        out += "[" + isoTime(message.timeNs) + "] VERBOSE[4187][C-00000001] chan_sip.c: \n";
        out += sent ? "<--- Transmitting (no NAT) to " + peer.toString() + " --->\n"
                    : "<--- SIP read from " + upper(transport) + ":" + peer.toString() + " --->\n";
        out += message.text;
        out += sent ? "\n<------------>\n" : "\n<------------->\n";
        break;
    case TextTraceStyle::AsteriskPjsip:
        out += "[" + isoTime(message.timeNs) + "] VERBOSE[4190] res_pjsip_logger.c: ";
        out += std::string(sent ? "<--- Transmitting SIP " : "<--- Received SIP ") + (request ? "request" : "response")
            + " (" + size + " bytes) " + (sent ? "to " : "from ") + upper(transport) + ":" + peer.toString()
            + " --->\n";
        out += message.text;
        out += "\n";
        break;
    case TextTraceStyle::FreeSwitch: {
        const std::string address = peer.address.isV6 ? peer.toString() : "[" + peer.address.toString() + "]:"
                + std::to_string(peer.port);
        out += std::string(sent ? "send " : "recv ") + size + " bytes " + (sent ? "to " : "from ") + transport + "/"
            + address + " at " + isoTime(message.timeNs) + ":\n";
        out += std::string(72, '-') + "\n";
        out += lineFeeds(message.text);
        out += std::string(72, '-') + "\n";
        break;
    }
    case TextTraceStyle::Ngrep: {
        out += "#\n";
        out += std::string(message.transport == core::Transport::Udp ? "U " : "T ") + isoTime(message.timeNs, 6, '/')
            + " " + message.source.toString() + " -> " + message.destination.toString()
            + (message.transport == core::Transport::Udp ? "" : " [AP]") + "\n";
        std::string body = message.text;
        for (std::size_t at = body.find("\r\n"); at != std::string::npos; at = body.find("\r\n", at + 2))
            body.replace(at, 2, ".\n");
        out += body;
        out += "\n";
        break;
    }
    case TextTraceStyle::Sngrep:
        out += isoTime(message.timeNs, 6, '/') + " " + message.source.toString() + " -> "
            + message.destination.toString() + "\n";
        out += message.text;
        out += "\n\n";
        break;
    case TextTraceStyle::CiscoCcsip: {
        static constexpr const char* kMonths[]
            = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
        const auto tm = utc(message.timeNs);
        char day[8];
        std::snprintf(day, sizeof day, "%2d", tm.tm_mday);
        out += std::string(kMonths[tm.tm_mon]) + " " + day + " " + clockTime(message.timeNs, 3)
            + ": //-1/xxxxxxxxxxxx/SIP/Msg/ccsipDisplayMsg:\n";
        out += sent ? "Sent:\n" : "Received:\n";
        out += lineFeeds(message.text);
        out += "\n";
        break;
    }
    }
}

std::string TextTraceWriter::text(const std::vector<WireMessage>& messages) const
{
    std::string out;
    for (const auto& message : messages)
        append(out, message);
    return out;
}

void TextTraceWriter::write(const std::filesystem::path& path, const std::vector<WireMessage>& messages) const
{
    std::ofstream file(path, std::ios::binary);
    const auto content = text(messages);
    file.write(content.data(), static_cast<std::streamsize>(content.size()));
    if (!file)
        throw std::runtime_error("cannot write " + path.string());
}

} // namespace sipladder::testing
