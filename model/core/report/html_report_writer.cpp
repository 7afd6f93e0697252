// SPDX-License-Identifier: Apache-2.0
#include "report/html_report_writer.h"

#include "report/builtin_report_css.h"
#include "report/html_escape.h"
#include "report/report_source.h"
#include "report/text_ladder_writer.h"
#include "util/ascii_text.h"
#include "util/time_format.h"

#include <algorithm>

namespace sipladder::core {

namespace {

// Only what the report itself needs: its inline stylesheet and an inline SVG's data: images.
constexpr std::string_view kContentSecurityPolicy
    = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

std::string plural(std::uint64_t count, std::string_view word)
{
    return std::to_string(count) + " " + std::string(word) + (count == 1 ? "" : "s");
}

// Builds the page. Every trace value goes through text() (escaped); markup is written with raw().
class Page {
public:
    void raw(std::string_view markup) { m_out += markup; }
    void text(std::string_view value) { appendHtmlEscaped(m_out, value); }
    // An element holding escaped text: element("td", value) -> <td>value</td>.
    void element(std::string_view tag, std::string_view value, std::string_view classes = {})
    {
        open(tag, classes);
        text(value);
        close(tag);
    }
    void open(std::string_view tag, std::string_view classes = {})
    {
        m_out += '<';
        m_out += tag;
        if (!classes.empty()) {
            m_out += " class=\"";
            m_out += classes; // the program's own class names, never trace values
            m_out += '"';
        }
        m_out += '>';
    }
    void close(std::string_view tag)
    {
        m_out += "</";
        m_out += tag;
        m_out += '>';
    }
    // Text with `code` spans (the fix texts mark commands and file names with backticks).
    void textWithCode(std::string_view value)
    {
        std::size_t pos = 0;
        while (pos < value.size()) {
            const auto open = value.find('`', pos);
            const auto close = open == std::string_view::npos ? open : value.find('`', open + 1);
            if (close == std::string_view::npos) {
                text(value.substr(pos));
                return;
            }
            text(value.substr(pos, open - pos));
            element("code", value.substr(open + 1, close - open - 1));
            pos = close + 1;
        }
    }
    // Paragraphs at blank lines, line breaks at single ones.
    void paragraphs(std::string_view value, std::string_view classes = {})
    {
        std::size_t pos = 0;
        while (pos <= value.size()) {
            auto end = value.find("\n\n", pos);
            if (end == std::string_view::npos)
                end = value.size();
            auto paragraph = value.substr(pos, end - pos);
            while (!paragraph.empty() && (paragraph.front() == '\n' || paragraph.front() == ' '))
                paragraph.remove_prefix(1);
            if (!paragraph.empty()) {
                open("p", classes);
                std::size_t line = 0;
                while (line <= paragraph.size()) {
                    auto lineEnd = paragraph.find('\n', line);
                    if (lineEnd == std::string_view::npos)
                        lineEnd = paragraph.size();
                    if (line > 0)
                        raw("<br>");
                    textWithCode(paragraph.substr(line, lineEnd - line));
                    line = lineEnd + 1;
                }
                close("p");
            }
            pos = end + 2;
        }
    }
    std::string& out() { return m_out; }

private:
    std::string m_out;
};

std::string methodOf(const CaptureSnapshot& snapshot, const CallFlow& call)
{
    return call.initialMethod == SipMethod::Unknown ? std::string(snapshot.text(call.initialMethodText))
                                                    : std::string(sipMethodName(call.initialMethod));
}

std::string finalOf(ReportSource& source, const CallFlow& call)
{
    if (call.finalStatus == 0)
        return "no final response";
    return std::to_string(call.finalStatus) + " " + source.text(source.snapshot().text(call.finalReason));
}

void writeState(Page& page, CallState state)
{
    const std::string name(callStateName(state));
    page.element("span", name, "state state-" + name);
}

void writeHead(Page& page, ReportSource& source)
{
    page.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    page.raw("<meta http-equiv=\"Content-Security-Policy\" content=\"");
    page.raw(kContentSecurityPolicy);
    page.raw("\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    page.raw("<meta name=\"generator\" content=\"SipLadder\">\n<title>");
    page.text(source.title());
    page.raw("</title>\n<style>\n");
    // The stylesheet is the program's own; a "</style" in it would end the element early.
    const auto css = builtInReportCss();
    page.raw(css.find("</") == std::string_view::npos ? css : std::string_view());
    page.raw("</style>\n</head>\n<body>\n");
}

void writeHeader(Page& page, ReportSource& source)
{
    const auto& snapshot = source.snapshot();
    page.raw("<header class=\"report\">\n");
    page.element("h1", source.title());
    page.raw("\n");
    std::string line = "Generated by SipLadder from " + plural(snapshot.files().size(), "file") + ", "
        + std::to_string(source.calls().size()) + " of " + plural(snapshot.calls().size(), "call")
        + (source.scope().empty() ? std::string() : " (" + source.scope() + ")");
    if (!snapshot.messages().empty()) {
        line += ", trace from " + formatIsoUtc(snapshot.messages().front().timestampNs) + " to "
            + formatIsoUtc(snapshot.messages().back().timestampNs);
    }
    page.element("div", line, "generated");
    page.raw("\n");
    if (source.redacting()) {
        page.element("div",
            "Redacted: phone numbers, user names, display names, host names, IP addresses and Call-IDs are "
            "replaced by placeholders (NUMBER-n, USER-n, NAME-n, HOST-n, documentation addresses, CALLID-n). "
            "The same value has the same placeholder throughout; other forms of one number keep their prefix "
            "(\"+1-NUMBER-1\" is \"NUMBER-1\" with +1 in front).",
            "redaction-note");
        page.raw("\n");
    }
    page.raw("</header>\n");
}

// What a reader of the report needs first: each failure of the exported calls in one line.
void writeFindings(Page& page, ReportSource& source)
{
    const auto& diagnosis = source.diagnosis();
    bool any = false;
    std::size_t number = 0;
    for (const auto callIndex : source.calls()) {
        ++number;
        for (const auto index : diagnosis.failuresOfCall(callIndex)) {
            if (!any)
                page.raw("<h3>Findings</h3>\n<ul class=\"findings\">\n");
            any = true;
            const auto failure = source.failure(diagnosis.failures()[index]);
            const std::string severity(severityName(failure.explanation.severity));
            page.raw("<li class=\"severity-" + severity + "\"><a href=\"#call-" + std::to_string(number) + "\">Call "
                + std::to_string(number) + "</a> ");
            page.element("span",
                failure.status ? std::to_string(*failure.status) + " " + failure.reason
                               : std::string("no final response"),
                "status");
            page.raw(" ");
            page.element("strong", failure.explanation.title + ".");
            page.raw(" ");
            page.text(failure.explanation.summary);
            if (!failure.initial)
                page.element("span", " (later in the call)", "note");
            page.raw("</li>\n");
        }
    }
    if (any)
        page.raw("</ul>\n");
}

void writeSummary(Page& page, ReportSource& source)
{
    const auto& snapshot = source.snapshot();
    const auto& diagnosis = source.diagnosis();
    const auto& totals = snapshot.totals();
    page.raw("<section class=\"summary\">\n<h2>Summary</h2>\n<table class=\"totals\"><tr>");
    const std::uint64_t numbers[] = { totals.sipMessages, totals.calls, totals.retransmissions, totals.duplicates,
        totals.malformedMessages, totals.icmpErrors };
    const char* labels[] = { "SIP messages", "calls", "retransmissions", "duplicates", "malformed", "ICMP errors" };
    for (const auto number : numbers)
        page.element("td", std::to_string(number));
    page.raw("</tr><tr>");
    for (const auto* label : labels)
        page.element("th", label);
    page.raw("</tr></table>\n");
    writeFindings(page, source);

    page.raw(
        "<h3>Files</h3>\n<table class=\"files\"><thead><tr><th>File</th><th>Format</th><th class=\"num\">Frames</th>"
        "<th class=\"num\">SIP messages</th><th>Warnings</th></tr></thead><tbody>\n");
    for (std::size_t i = 0; i < snapshot.files().size(); ++i) {
        const auto& file = snapshot.files()[i];
        page.raw("<tr>");
        page.element("td", source.fileName(i), "wrap");
        page.element("td", file.format);
        page.element("td", std::to_string(file.frames), "num");
        page.element("td", std::to_string(file.sipMessages), "num");
        page.open("td", "wrap");
        if (file.warnings.empty()) {
            page.text("none");
        } else {
            // A capture with thousands of warnings: the first few say what kind they are.
            constexpr std::size_t kShown = 5;
            for (std::size_t w = 0; w < std::min(kShown, file.warnings.size()); ++w) {
                if (w > 0)
                    page.raw("<br>");
                page.text(source.warning(file.warnings[w].message));
            }
            if (file.warnings.size() > kShown)
                page.element("span", " and " + plural(file.warnings.size() - kShown, "more warning"), "note");
        }
        page.close("td");
        page.raw("</tr>\n");
    }
    page.raw("</tbody></table>\n");

    page.raw("<h3>Calls in this report</h3>\n");
    if (source.calls().empty()) {
        page.element("p", "No call matched.", "note");
        page.raw("</section>\n");
        return;
    }
    page.raw("<table class=\"calls\"><thead><tr><th>#</th><th>Start (UTC)</th><th>Method</th><th>From</th>"
             "<th>Request-URI</th><th>Final response</th><th>State</th><th>Diagnosis</th></tr></thead><tbody>\n");
    std::size_t number = 0;
    for (const auto callIndex : source.calls()) {
        const auto& call = snapshot.calls()[callIndex];
        ++number;
        page.raw("<tr><td><a href=\"#call-" + std::to_string(number) + "\">" + std::to_string(number) + "</a></td>");
        page.element("td", formatTimeOfDay(call.startNs));
        page.element("td", methodOf(snapshot, call));
        page.element("td", source.header("From", snapshot.text(call.from)), "wrap");
        page.element("td", source.uri(snapshot.text(call.requestUri)), "wrap");
        page.element("td", finalOf(source, call));
        page.open("td");
        writeState(page, call.state);
        page.close("td");
        page.open("td");
        if (const auto* failure = diagnosis.initialFailureOfCall(callIndex)) {
            page.element("span", causeId(failure->explanation.cause), "cause");
            page.raw("<br>");
            page.text(source.text(failure->explanation.title));
        } else if (!diagnosis.failuresOfCall(callIndex).empty()) {
            page.text(plural(diagnosis.failuresOfCall(callIndex).size(), "later failure"));
        } else {
            page.element("span", "none", "none");
        }
        page.close("td");
        page.raw("</tr>\n");
    }
    page.raw("</tbody></table>\n</section>\n");
}

void writeFact(Page& page, std::string_view name, std::string_view value)
{
    page.raw("<tr>");
    page.element("th", name);
    page.element("td", value, "wrap");
    page.raw("</tr>\n");
}

void writeCallFacts(Page& page, ReportSource& source, std::uint32_t callIndex)
{
    const auto& snapshot = source.snapshot();
    const auto& call = snapshot.calls()[callIndex];
    page.raw("<table class=\"facts\">\n");
    writeFact(page, "Call-ID", source.callId(callIndex));
    writeFact(page, "From", source.header("From", snapshot.text(call.from)));
    writeFact(page, "To", source.header("To", snapshot.text(call.to)));
    if (!snapshot.text(call.requestUri).empty())
        writeFact(page, "Request-URI", source.uri(snapshot.text(call.requestUri)));
    writeFact(page, "Sent",
        source.endpoint(call.source) + " \u2192 " + source.endpoint(call.destination) + " over "
            + std::string(transportName(call.transport)));
    writeFact(page, "Time",
        formatIsoUtc(call.startNs) + " to " + formatIsoUtc(call.endNs) + " ("
            + formatDuration(call.endNs - call.startNs) + ")");
    std::string counts = plural(call.messageCount, "message");
    if (call.retransmissions > 0)
        counts += ", " + plural(call.retransmissions, "retransmission");
    if (call.duplicates > 0)
        counts += ", " + plural(call.duplicates, "duplicate");
    if (call.malformedMessages > 0)
        counts += ", " + std::to_string(call.malformedMessages) + " malformed";
    writeFact(page, "Messages", counts);
    if (!call.linkedCalls.empty()) {
        std::string linked;
        for (const auto other : call.linkedCalls)
            linked += (linked.empty() ? "" : ", ") + source.callId(other);
        writeFact(page, "Linked legs", linked);
    }
    page.raw("</table>\n");
}

void writeLadder(Page& page, ReportSource& source, std::uint32_t callIndex, const LadderSvgProvider& svgProvider)
{
    const auto layout = source.ladder(callIndex);
    page.raw("<figure class=\"ladder\">\n");
    std::string svg;
    if (svgProvider)
        svg = HtmlReportWriter::inlineSvg(svgProvider(layout));
    if (!svg.empty()) {
        page.raw(svg);
    } else {
        page.open("pre");
        page.text(TextLadderWriter::write(layout));
        page.close("pre");
    }
    page.raw("\n<figcaption>");
    page.text("Ladder: time runs down; failures are marked with their cause");
    page.raw("</figcaption>\n</figure>\n");
}

void writeDiffValue(Page& page, const std::optional<std::string>& value, const std::vector<DiffSegment>& characters,
    DiffSegment::Kind shownKind)
{
    page.open("td", "value");
    if (!value) {
        page.element("span", "(none)", "none");
    } else if (characters.empty()) {
        page.text(value->empty() ? std::string_view("(empty)") : std::string_view(*value));
    } else {
        for (const auto& segment : characters) {
            if (segment.kind == DiffSegment::Kind::Equal)
                page.text(segment.text);
            else if (segment.kind == shownKind)
                page.element("span", segment.text, shownKind == DiffSegment::Kind::Removed ? "del" : "ins");
        }
    }
    page.close("td");
}

void writeUriDiff(Page& page, const UriDiff& diff)
{
    page.raw("<table class=\"diff\"><thead><tr><th>Component</th><th>This call</th><th>Working call</th><th></th></tr>"
             "</thead><tbody>\n");
    page.raw("<tr class=\"whole\">");
    page.element("th", "whole value");
    page.element("td", diff.failing, "value");
    page.element("td", diff.baseline, "value");
    page.element("td", diff.identical() ? "same" : "differs", "verdict");
    page.raw("</tr>\n");
    for (const auto& component : diff.components) {
        page.raw(component.equal ? "<tr class=\"same\">" : "<tr class=\"differs\">");
        page.element("th", component.name);
        writeDiffValue(page, component.failing, component.characters, DiffSegment::Kind::Removed);
        writeDiffValue(page, component.baseline, component.characters, DiffSegment::Kind::Added);
        page.element("td", component.equal ? "same" : "differs", "verdict");
        page.raw("</tr>\n");
    }
    page.raw("</tbody></table>\n");
    if (!diff.note.empty())
        page.element("p", diff.note, "note");
}

void writeFailure(Page& page, ReportSource& source, const Failure& original)
{
    const auto& snapshot = source.snapshot();
    const auto failure = source.failure(original);
    const auto names = source.failureNames(original);
    const auto& explanation = failure.explanation;
    const std::string severity(severityName(explanation.severity));
    page.raw("<div class=\"failure severity-" + severity + "\">\n<div class=\"headline\">");
    page.element("span", severity, "severity");
    page.element("h3", explanation.title);
    page.element("span",
        failure.status ? std::to_string(*failure.status) + " " + failure.reason : std::string("no final response"),
        "status");
    page.element("span", causeId(explanation.cause), "cause");
    page.raw("</div>\n");
    std::string where = failure.methodText + " " + failure.requestUri + " \u00b7 CSeq " + failure.cseq + " \u00b7 "
        + formatTimeOfDay(names.timeNs) + " UTC";
    const auto messageIndex = original.finalMessage != kNoIndex ? original.finalMessage : original.requestMessage;
    if (messageIndex != kNoIndex)
        where += " \u00b7 " + ReportSource::locator(snapshot.messages()[messageIndex]);
    if (!failure.initial)
        where += " \u00b7 later in the call (the call itself did not fail on it)";
    page.element("div", where, "where");
    page.paragraphs(explanation.summary, "summary");
    page.paragraphs(explanation.explanation);

    if (!explanation.evidence.empty()) {
        page.raw("<h4>Evidence</h4>\n<table class=\"evidence\"><thead><tr><th>Where</th><th>Header</th><th>Value</th>"
                 "</tr></thead><tbody>\n");
        for (const auto& evidence : explanation.evidence) {
            page.raw("<tr>");
            page.element("td",
                evidence.messageIndex < snapshot.messages().size()
                    ? ReportSource::locator(snapshot.messages()[evidence.messageIndex])
                    : std::string("capture"));
            page.element("td", evidence.header);
            page.element("td", evidence.value, "value mono wrap");
            page.raw("</tr>\n");
        }
        page.raw("</tbody></table>\n");
    }

    page.raw("<h4>Working call</h4>\n");
    if (failure.baseline && names.baselineCallId) {
        page.open("p");
        page.text("Compared with Call-ID ");
        page.element("code", *names.baselineCallId);
        page.text(", which started at " + formatTimeOfDay(names.baselineStartNs) + " UTC and succeeded ("
            + failure.baseline->reason + ").");
        page.close("p");
    } else {
        page.element("p", "No successful call of the same kind in the capture to compare with.", "note");
    }
    // For an informational finding (the caller's own cancel) the differences are background only.
    const bool folded = explanation.severity == Severity::Info && (failure.uriDiff || !failure.headerDiffs.empty());
    if (folded)
        page.raw("<details class=\"diffs\"><summary>How this call differs from the working call</summary>\n");
    if (failure.uriDiff) {
        page.raw("<h4>Request-URI against the working call</h4>\n");
        writeUriDiff(page, *failure.uriDiff);
    }
    for (const auto& header : failure.headerDiffs) {
        page.raw("<h4>");
        page.text(header.header + " against the working call");
        page.raw("</h4>\n");
        writeUriDiff(page, header.diff);
    }
    if (folded)
        page.raw("</details>\n");

    if (!explanation.fixes.empty()) {
        page.raw("<h4>What to check</h4>\n<ul class=\"fixes\">\n");
        for (const auto& fix : explanation.fixes) {
            page.raw("<li>");
            page.element("span", fix.platform, "platform");
            page.raw(" ");
            page.textWithCode(fix.text);
            page.raw("</li>\n");
        }
        page.raw("</ul>\n");
    }
    if (!explanation.uncertainties.empty()) {
        page.raw("<h4>What the capture cannot tell</h4>\n<ul class=\"plain\">\n");
        for (const auto& uncertainty : explanation.uncertainties) {
            page.element("li", uncertainty);
            page.raw("\n");
        }
        page.raw("</ul>\n");
    }
    if (!explanation.references.empty()) {
        page.raw("<h4>References</h4>\n<ul class=\"plain\">\n");
        for (const auto& reference : explanation.references) {
            page.element("li", reference);
            page.raw("\n");
        }
        page.raw("</ul>\n");
    }
    page.raw("</div>\n");
}

void writeMessages(Page& page, ReportSource& source, std::uint32_t callIndex)
{
    const auto& snapshot = source.snapshot();
    const auto messages = snapshot.messagesOfCall(callIndex);
    std::vector<std::uint32_t> failing;
    for (const auto index : source.diagnosis().failuresOfCall(callIndex)) {
        const auto& failure = source.diagnosis().failures()[index];
        failing.push_back(failure.finalMessage);
        failing.push_back(failure.requestMessage);
    }
    page.raw("<h3>Messages</h3>\n");
    for (const auto messageIndex : messages) {
        const auto& message = snapshot.messages()[messageIndex];
        const auto text = source.messageText(messageIndex);
        const bool error = std::find(failing.begin(), failing.end(), messageIndex) != failing.end();
        page.raw(error ? "<details class=\"message error\">" : "<details class=\"message\">");
        page.raw("<summary>");
        page.text(ReportSource::locator(message) + " \u00b7 " + formatTimeOfDay(message.timestampNs) + " \u00b7 "
            + source.endpoint(snapshot.source(message)) + " \u2192 " + source.endpoint(snapshot.destination(message))
            + " \u00b7 " + std::string(transportName(message.transport)) + " \u00b7 "
            + source.messageStartLine(messageIndex, text));
        if (message.has(MessageRetransmission))
            page.element("span", "retransmission", "flag");
        if (message.has(MessageDuplicate))
            page.element("span", "duplicate", "flag");
        if (message.has(MessageMalformed))
            page.element("span", "malformed", "flag");
        if (message.has(MessageTruncated))
            page.element("span", "truncated", "flag");
        page.raw("</summary>");
        page.open("pre");
        page.text(
            text ? std::string_view(*text) : std::string_view("(the message could not be read back from its file)"));
        page.close("pre");
        page.raw("</details>\n");
    }
}

std::string renderPage(ReportSource& source, const HtmlReportOptions& options)
{
    const auto& snapshot = source.snapshot();
    Page page;
    writeHead(page, source);
    writeHeader(page, source);
    page.raw("<main>\n");
    writeSummary(page, source);
    std::size_t number = 0;
    for (const auto callIndex : source.calls()) {
        const auto& call = snapshot.calls()[callIndex];
        ++number;
        page.raw("<section class=\"call\" id=\"call-" + std::to_string(number) + "\">\n<h2>");
        page.element("span", "Call " + std::to_string(number), "callno");
        page.text(methodOf(snapshot, call) + " " + source.uri(snapshot.text(call.requestUri)) + " \u2192 "
            + finalOf(source, call) + " ");
        writeState(page, call.state);
        page.raw("</h2>\n");
        writeCallFacts(page, source, callIndex);
        writeLadder(page, source, callIndex, options.ladderSvg);
        const auto failures = source.diagnosis().failuresOfCall(callIndex);
        if (!failures.empty()) {
            page.raw("<h3>Diagnosis</h3>\n");
            for (const auto index : failures)
                writeFailure(page, source, source.diagnosis().failures()[index]);
        }
        writeMessages(page, source, callIndex);
        page.raw("</section>\n");
    }
    page.raw("</main>\n<footer class=\"report\">");
    page.text("Made with SipLadder. Times are UTC. The explanations are SipLadder's reading of the messages "
              "captured; what the capture cannot show is said under each failure.");
    page.raw("</footer>\n</body>\n</html>\n");
    return std::move(page.out());
}

} // namespace

std::string HtmlReportWriter::inlineSvg(std::string_view svg)
{
    // The painter writes shapes and text. Every tag is checked against that: anything that could run
    // or load (scripts, event handlers, foreign content, links out) refuses the whole drawing.
    static constexpr std::string_view kAllowed[]
        = { "svg", "g", "path", "rect", "line", "polyline", "polygon", "circle", "ellipse", "text", "tspan", "title",
              "desc", "defs", "lineargradient", "radialgradient", "stop", "clippath", "image" };
    const auto lower = asciiLowerCase(svg);
    const auto start = lower.find("<svg");
    const auto close = lower.rfind("</svg>");
    if (start == std::string::npos || close == std::string::npos || close < start)
        return {};
    const auto end = close + 6;
    auto isNameChar
        = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == ':' || c == '-' || c == '_'; };
    for (auto pos = lower.find('<', start); pos < end; pos = lower.find('<', pos + 1)) {
        std::size_t i = pos + 1;
        if (lower.compare(i, 3, "!--") == 0) {
            const auto commentEnd = lower.find("-->", i);
            if (commentEnd == std::string::npos || commentEnd > end)
                return {};
            pos = commentEnd;
            continue;
        }
        if (i < end && lower[i] == '/')
            ++i;
        const auto nameStart = i;
        while (i < end && isNameChar(lower[i]))
            ++i;
        const auto name = std::string_view(lower).substr(nameStart, i - nameStart);
        if (std::find(std::begin(kAllowed), std::end(kAllowed), name) == std::end(kAllowed))
            return {};
        // Attributes up to the tag's end, quoted values skipped as a whole.
        while (i < end && lower[i] != '>') {
            if (lower[i] == '"' || lower[i] == '\'') {
                const auto quote = lower[i];
                const auto valueEnd = lower.find(quote, i + 1);
                if (valueEnd == std::string::npos || valueEnd > end)
                    return {};
                i = valueEnd + 1;
                continue;
            }
            if (!isNameChar(lower[i])) {
                ++i;
                continue;
            }
            const auto attributeStart = i;
            while (i < end && isNameChar(lower[i]))
                ++i;
            const auto attribute = std::string_view(lower).substr(attributeStart, i - attributeStart);
            if (attribute.starts_with("on"))
                return {};
            if (attribute.find("href") != std::string_view::npos) {
                auto value = i;
                while (value < end
                    && (lower[value] == '=' || lower[value] == ' ' || lower[value] == '"' || lower[value] == '\''))
                    ++value;
                if (lower.compare(value, 1, "#") != 0 && lower.compare(value, 11, "data:image/") != 0)
                    return {};
            }
        }
        pos = i;
    }
    return std::string(svg.substr(start, end - start));
}

std::string HtmlReportWriter::render(const CaptureSnapshot& snapshot, const Diagnosis& diagnosis,
    std::span<const std::uint32_t> calls, const HtmlReportOptions& options)
{
    ReportSource source(snapshot, diagnosis, calls, options);
    return renderPage(source, options);
}

bool HtmlReportWriter::write(const CaptureSnapshot& snapshot, const Diagnosis& diagnosis,
    std::span<const std::uint32_t> calls, const HtmlReportOptions& options, std::FILE* out)
{
    const auto html = render(snapshot, diagnosis, calls, options);
    if (std::fwrite(html.data(), 1, html.size(), out) != html.size())
        return false;
    return std::fflush(out) == 0;
}

} // namespace sipladder::core
