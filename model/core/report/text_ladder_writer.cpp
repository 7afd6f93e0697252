// SPDX-License-Identifier: Apache-2.0
#include "report/text_ladder_writer.h"

#include "flow/outcome.h"
#include "util/time_format.h"

#include <algorithm>
#include <cinttypes>
#include <cstdio>

namespace sipladder::core {

namespace {

// Columns a text takes in a terminal: one per character, UTF-8 continuation bytes take none (labels
// are display names and reason phrases, which may be in any script).
std::size_t columnsOf(std::string_view text)
{
    std::size_t columns = 0;
    for (const char c : text)
        columns += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
    return columns;
}

// The first `columns` characters of `text`, never cut inside a UTF-8 sequence.
std::string_view firstColumns(std::string_view text, std::size_t columns)
{
    std::size_t seen = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
            if (seen == columns)
                return text.substr(0, i);
            ++seen;
        }
    }
    return text;
}

constexpr std::size_t kMinGap = 12;
// An arrow needs its label plus a fill character on each side, an arrowhead and room for both lifelines.
constexpr std::size_t kArrowExtra = 5;
// A loop is "--label--+" right of its lifeline, and stays a space clear of the next lifeline.
constexpr std::size_t kLoopExtra = 6;
// The lifeline labels and a bare lifeline line above the rows.
constexpr std::size_t kHeaderLines = 2;

std::string arrowText(const LadderRow& row, const TextLadderOptions& options)
{
    std::string text = row.label.empty() ? std::string("?") : row.label;
    if (row.hasSdp)
        text += " (SDP)";
    const auto limit = std::max<std::size_t>(options.maxLabelLength, 4);
    if (columnsOf(text) > limit) {
        text = std::string(firstColumns(text, limit - 3));
        text += "...";
    }
    return text;
}

std::string marksOf(const LadderRow& row)
{
    std::string marks;
    auto add = [&marks](const std::string& mark) {
        if (!marks.empty())
            marks += ' ';
        marks += mark;
    };
    if (row.tone == ArrowTone::Error)
        add("[ERR]");
    else if (row.tone == ArrowTone::Cancelled)
        add("[cancel]");
    else if (row.tone == ArrowTone::Challenge)
        add("[challenge]");
    if (!row.causeBadge.empty())
        add("<" + row.causeBadge + ">");
    if (row.retransmission)
        add("(retx)");
    if (row.copies > 1)
        add("(x" + std::to_string(row.copies) + ")");
    if (row.malformed)
        add("(malformed)");
    return marks;
}

// "+0.110": seconds with milliseconds.
std::string deltaText(std::int64_t ns)
{
    const bool negative = ns < 0;
    const auto magnitude = negative ? -(ns / 1'000'000) : ns / 1'000'000;
    char text[32];
    std::snprintf(
        text, sizeof text, "%c%" PRId64 ".%03" PRId64, negative ? '-' : '+', magnitude / 1000, magnitude % 1000);
    return text;
}

void rightTrim(std::string& line)
{
    while (!line.empty() && line.back() == ' ')
        line.pop_back();
}

struct Geometry {
    std::vector<std::size_t> x; // lifeline positions in the canvas
    std::size_t width = 0;
};

Geometry computeGeometry(
    const std::vector<std::string>& headers, const std::vector<std::string>& texts, const std::vector<LadderRow>& rows)
{
    const std::size_t n = headers.size();
    std::vector<std::size_t> left(n);
    std::vector<std::size_t> right(n);
    for (std::size_t i = 0; i < n; ++i) {
        left[i] = columnsOf(headers[i]) / 2;
        right[i] = columnsOf(headers[i]) - left[i] - 1;
    }
    std::vector<std::size_t> gaps(n > 0 ? n - 1 : 0, kMinGap);
    for (std::size_t i = 0; i + 1 < n; ++i)
        gaps[i] = std::max(gaps[i], right[i] + left[i + 1] + 3);

    std::size_t tailRoom = n > 0 ? right[n - 1] : 0;
    struct Span {
        std::size_t lo;
        std::size_t hi;
        std::size_t need;
    };
    std::vector<Span> spans;
    for (std::size_t r = 0; r < rows.size(); ++r) {
        const std::size_t from = rows[r].fromColumn;
        const std::size_t to = rows[r].toColumn;
        const std::size_t size = columnsOf(texts[r]);
        if (from == to) {
            if (from + 1 < n)
                gaps[from] = std::max(gaps[from], size + kLoopExtra + 1);
            else
                tailRoom = std::max(tailRoom, size + kLoopExtra);
            continue;
        }
        const auto lo = std::min(from, to);
        const auto hi = std::max(from, to);
        if (hi == lo + 1)
            gaps[lo] = std::max(gaps[lo], size + kArrowExtra);
        else
            spans.push_back({ lo, hi, size + kArrowExtra });
    }
    // Arrows over several lifelines widen all the gaps they cross evenly, narrowest spans first.
    std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) {
        if (a.hi - a.lo != b.hi - b.lo)
            return a.hi - a.lo < b.hi - b.lo;
        return a.lo < b.lo;
    });
    for (const auto& span : spans) {
        std::size_t total = 0;
        for (auto i = span.lo; i < span.hi; ++i)
            total += gaps[i];
        if (total >= span.need)
            continue;
        const auto shortfall = span.need - total;
        const auto count = span.hi - span.lo;
        for (std::size_t k = 0; k < count; ++k)
            gaps[span.lo + k] += shortfall / count + (k < shortfall % count ? 1 : 0);
    }

    Geometry geometry;
    geometry.x.resize(n);
    if (n == 0)
        return geometry;
    geometry.x[0] = left[0];
    for (std::size_t i = 0; i + 1 < n; ++i)
        geometry.x[i + 1] = geometry.x[i] + gaps[i];
    geometry.width = geometry.x[n - 1] + 1 + tailRoom;
    return geometry;
}

std::string blankCanvas(const Geometry& geometry)
{
    std::string canvas(geometry.width, ' ');
    for (const auto x : geometry.x)
        canvas[x] = '|';
    return canvas;
}

// The label sits between `labelFromX` and `labelToX`: the whole arrow, or for an arrow over several
// lifelines the first gap after its sender, so that the crossed lifelines stay visible.
void drawArrow(
    std::string& canvas, std::size_t fromX, std::size_t toX, std::size_t labelToX, const std::string& text, char fill)
{
    const auto lo = std::min(fromX, toX);
    const auto hi = std::max(fromX, toX);
    const bool rightwards = toX > fromX;
    for (std::size_t i = lo + 1; i < hi; ++i)
        canvas[i] = fill;
    canvas[rightwards ? hi - 1 : lo + 1] = rightwards ? '>' : '<';

    const auto segmentLo = std::min(fromX, labelToX);
    const auto segmentHi = std::max(fromX, labelToX);
    const auto segment = segmentHi - segmentLo - 1;
    // At least one fill character between the label and a lifeline or the arrowhead; the geometry
    // leaves room for that, so the cut below never happens for a layout's own rows.
    const std::size_t size = std::min(columnsOf(text), segment >= 4 ? segment - 4 : 0);
    const std::size_t low = (!rightwards && segmentLo == lo) ? 2 : 1;
    const std::size_t highMargin = (rightwards && segmentHi == hi) ? 2 : 1;
    const std::size_t high = segment >= size + highMargin ? segment - size - highMargin : low;
    const auto start = std::clamp((segment - size) / 2, low, std::max(low, high));
    // The label is the last thing drawn on the row, so columns left of it are bytes.
    canvas.replace(segmentLo + 1 + start, size, firstColumns(text, size));
}

void drawLoop(std::string& canvas, std::string& second, std::size_t x, const std::string& text, char fill)
{
    const std::string out = std::string(2, fill) + text + std::string(2, fill) + "+";
    const std::string back = "<" + std::string(columnsOf(text) + 3, fill) + "+";
    const auto needed = x + 1 + columnsOf(out);
    if (canvas.size() < needed)
        canvas.resize(needed, ' ');
    if (second.size() < needed)
        second.resize(needed, ' ');
    canvas.replace(x + 1, columnsOf(out), out);
    second.replace(x + 1, back.size(), back);
}

void appendCallTitles(const LadderLayout& layout, const CaptureSnapshot& snapshot, std::string& out)
{
    const auto& calls = snapshot.calls();
    for (std::size_t slot = 0; slot < layout.callIndexes().size(); ++slot) {
        const auto callIndex = layout.callIndexes()[slot];
        if (callIndex >= calls.size())
            continue;
        const CallFlow& call = calls[callIndex];
        out += "[" + std::to_string(slot + 1) + "] Call-ID ";
        out += snapshot.callId(call);
        if (call.firstRequest < snapshot.messages().size()) {
            out += "  ";
            out += snapshot.methodText(snapshot.messages()[call.firstRequest]);
            if (!snapshot.text(call.requestUri).empty()) {
                out += ' ';
                out += snapshot.text(call.requestUri);
            }
        }
        out += "  -> ";
        if (call.finalStatus != 0) {
            out += std::to_string(call.finalStatus);
            const auto reason = snapshot.text(call.finalReason);
            if (!reason.empty()) {
                out += ' ';
                out += reason;
            }
        } else {
            out += "no final response";
        }
        out += " (";
        out += callStateName(call.state);
        out += ")\n";
    }
    out += '\n';
}

} // namespace

std::string TextLadderWriter::write(const LadderLayout& layout, const TextLadderOptions& options)
{
    return render(layout, nullptr, options);
}

std::string TextLadderWriter::write(
    const LadderLayout& layout, const CaptureSnapshot& snapshot, const TextLadderOptions& options)
{
    return render(layout, &snapshot, options);
}

std::string TextLadderWriter::render(
    const LadderLayout& layout, const CaptureSnapshot* snapshot, const TextLadderOptions& options)
{
    std::string out;
    if (snapshot)
        appendCallTitles(layout, *snapshot, out);

    const auto& columns = layout.columns();
    const auto& rows = layout.rows();
    if (columns.empty() || rows.empty()) {
        out += "(no messages)\n";
        return out;
    }

    std::vector<std::string> headers;
    headers.reserve(columns.size());
    for (const auto& column : columns)
        headers.push_back(column.label.empty() ? std::string("?") : column.label);
    std::vector<std::string> texts;
    texts.reserve(rows.size());
    for (const auto& row : rows)
        texts.push_back(arrowText(row, options));
    const Geometry geometry = computeGeometry(headers, texts, rows);

    const bool severalCalls = layout.callIndexes().size() > 1;
    std::vector<std::string> prefixes;
    prefixes.reserve(rows.size());
    std::size_t deltaWidth = 0;
    std::vector<std::string> deltas;
    deltas.reserve(rows.size());
    for (const auto& row : rows) {
        deltas.push_back(deltaText(row.deltaNs));
        deltaWidth = std::max(deltaWidth, deltas.back().size());
    }
    std::size_t slotWidth = 0;
    if (severalCalls) {
        for (const auto& row : rows)
            slotWidth = std::max(slotWidth, std::to_string(row.callSlot + 1).size() + 2);
    }
    for (std::size_t r = 0; r < rows.size(); ++r) {
        std::string prefix = formatTimeOfDay(rows[r].timestampNs) + ' ' + deltas[r];
        prefix.append(deltaWidth - deltas[r].size(), ' ');
        if (severalCalls) {
            const std::string slot = "[" + std::to_string(rows[r].callSlot + 1) + "]";
            prefix += ' ' + slot + std::string(slotWidth - slot.size(), ' ');
        }
        prefixes.push_back(std::move(prefix) + "  ");
    }
    const std::string blankPrefix(prefixes.front().size(), ' ');

    std::string labelLine(geometry.width, ' ');
    for (std::size_t i = 0; i < headers.size(); ++i) {
        // Columns to the right of a label with multi-byte characters lie further on in bytes.
        const auto start = geometry.x[i] - columnsOf(headers[i]) / 2 + (labelLine.size() - geometry.width);
        labelLine.replace(start, columnsOf(headers[i]), headers[i]);
    }
    std::vector<std::string> lines;
    lines.push_back(blankPrefix + labelLine);
    lines.push_back(blankPrefix + blankCanvas(geometry));

    std::vector<std::string> marks;
    for (std::size_t r = 0; r < rows.size(); ++r) {
        const auto& row = rows[r];
        const char fill = row.kind == LadderRow::Kind::Icmp ? '~' : '-';
        std::string canvas = blankCanvas(geometry);
        const auto from = std::min<std::size_t>(row.fromColumn, columns.size() - 1);
        const auto to = std::min<std::size_t>(row.toColumn, columns.size() - 1);
        if (from == to) {
            std::string second = blankCanvas(geometry);
            drawLoop(canvas, second, geometry.x[from], texts[r], fill);
            lines.push_back(prefixes[r] + canvas);
            marks.resize(lines.size());
            marks.back() = marksOf(row);
            lines.push_back(blankPrefix + second);
        } else {
            const auto next = to > from ? from + 1 : from - 1;
            const auto firstGap = geometry.x[std::max(from, next)] - geometry.x[std::min(from, next)] - 1;
            const auto labelTo = firstGap >= columnsOf(texts[r]) + 4 ? next : to;
            drawArrow(canvas, geometry.x[from], geometry.x[to], geometry.x[labelTo], texts[r], fill);
            lines.push_back(prefixes[r] + canvas);
            marks.resize(lines.size());
            marks.back() = marksOf(row);
        }
    }
    marks.resize(lines.size());

    // Marks line up in one column right of the widest drawing.
    std::size_t markColumn = 0;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        rightTrim(lines[i]);
        if (i >= kHeaderLines)
            markColumn = std::max(markColumn, columnsOf(lines[i]));
    }
    markColumn += 2;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (!marks[i].empty()) {
            lines[i].append(markColumn - columnsOf(lines[i]), ' ');
            lines[i] += marks[i];
        }
        out += lines[i];
        out += '\n';
    }
    return out;
}

} // namespace sipladder::core
