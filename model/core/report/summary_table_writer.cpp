// SPDX-License-Identifier: Apache-2.0
#include "report/summary_table_writer.h"

#include "flow/leg_linker.h"
#include "util/time_format.h"

#include <algorithm>
#include <array>
#include <string>
#include <vector>

namespace sipladder::core {

namespace {

constexpr std::size_t kColumns = 10;
constexpr std::array<std::size_t, kColumns> kMaxWidth = {6, 12, 9, 18, 18, 36, 47, 5, 28, 11};
constexpr std::array<const char*, kColumns> kHeadings
    = {"#", "Start", "Method", "From", "To", "Request-URI", "Source -> Destination", "Msgs", "Final", "State"};

std::string shorten(std::string text, std::size_t width)
{
    // Keep printable ASCII only, so that odd bytes in a header cannot break the terminal layout.
    for (auto& c : text) {
        if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7F)
            c = '?';
    }
    if (text.size() > width && width > 3)
        text = text.substr(0, width - 3) + "...";
    return text;
}

// The user part of a From/To value, or the URI's host when it has no user ("sip:pbx.example.test").
std::string displayUser(std::string_view headerValue)
{
    const auto user = LegLinker::userOf(headerValue);
    if (!user.empty())
        return std::string(user);
    const auto scheme = headerValue.find(':');
    const auto open = headerValue.find('<');
    if (scheme != std::string_view::npos && (open == std::string_view::npos || open < scheme)) {
        const auto rest = headerValue.substr(scheme + 1);
        return std::string(rest.substr(0, rest.find_first_of(";>? ")));
    }
    return std::string(headerValue);
}

std::string counted(std::uint64_t count, const char* singular, const char* plural)
{
    return std::to_string(count) + " " + (count == 1 ? singular : plural);
}

} // namespace

bool SummaryTableWriter::write(const CaptureSnapshot& snapshot, std::FILE* out)
{
    const auto& totals = snapshot.totals();
    std::string text;
    std::uint64_t lines = 0;
    bool anyCapture = false;
    bool anyText = false;
    for (const auto& file : snapshot.files()) {
        lines += file.lines;
        anyText = anyText || file.isTextLog;
        anyCapture = anyCapture || !file.isTextLog;
    }
    text += counted(snapshot.files().size(), "file", "files") + ", ";
    if (anyCapture || !anyText)
        text += counted(totals.frames, "frame", "frames") + ", ";
    if (anyText)
        text += counted(lines, "line", "lines") + " of text, ";
    text += counted(totals.sipMessages, "SIP message", "SIP messages") + ", " + counted(totals.calls, "call", "calls")
        + " (" + counted(totals.retransmissions, "retransmission", "retransmissions") + ", "
        + counted(totals.duplicates, "duplicate", "duplicates");
    if (totals.icmpErrors > 0)
        text += ", " + counted(totals.icmpErrors, "ICMP error", "ICMP errors");
    text += ")\n";

    std::vector<std::array<std::string, kColumns>> rows;
    rows.reserve(snapshot.calls().size() + 1);
    std::array<std::string, kColumns> heading;
    for (std::size_t c = 0; c < kColumns; ++c)
        heading[c] = kHeadings[c];
    rows.push_back(heading);
    std::size_t number = 0;
    for (const auto& call : snapshot.calls()) {
        std::array<std::string, kColumns> row;
        row[0] = std::to_string(++number);
        row[1] = formatTimeOfDay(call.startNs);
        row[2] = call.initialMethod == SipMethod::Unknown ? std::string(snapshot.text(call.initialMethodText))
                                                          : std::string(sipMethodName(call.initialMethod));
        row[3] = displayUser(snapshot.text(call.from));
        row[4] = displayUser(snapshot.text(call.to));
        row[5] = snapshot.text(call.requestUri);
        row[6] = snapshot.endpointText(call.source) + " -> " + snapshot.endpointText(call.destination);
        row[7] = std::to_string(call.messageCount);
        row[8] = call.finalStatus == 0 ? std::string("-")
                                       : std::to_string(call.finalStatus) + " " + std::string(snapshot.text(call.finalReason));
        row[9] = callStateName(call.state);
        for (std::size_t c = 0; c < kColumns; ++c)
            row[c] = shorten(std::move(row[c]), kMaxWidth[c]);
        rows.push_back(std::move(row));
    }

    std::array<std::size_t, kColumns> width{};
    for (const auto& row : rows) {
        for (std::size_t c = 0; c < kColumns; ++c)
            width[c] = std::max(width[c], row[c].size());
    }
    for (const auto& row : rows) {
        std::string line;
        for (std::size_t c = 0; c < kColumns; ++c) {
            line += row[c];
            if (c + 1 < kColumns)
                line.append(width[c] - row[c].size() + 2, ' ');
        }
        while (!line.empty() && line.back() == ' ')
            line.pop_back();
        text += line;
        text += '\n';
        if (text.size() > (1 << 20)) {
            if (std::fwrite(text.data(), 1, text.size(), out) != text.size())
                return false;
            text.clear();
        }
    }
    if (std::fwrite(text.data(), 1, text.size(), out) != text.size())
        return false;
    return std::fflush(out) == 0;
}

} // namespace sipladder::core
