// SPDX-License-Identifier: Apache-2.0
#include "pdf_report_writer.h"

#include "ladder_image_writer.h"
#include "pdf_flow.h"
#include "rich_text.h"

#include "report/paragraphs.h"
#include "report/report_source.h"
#include "util/time_format.h"

#include <QIODevice>
#include <QPageLayout>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>

#include <algorithm>

namespace sipladder::render {

namespace {

using core::ReportSource;

const QString kMonoFamily = QStringLiteral("DejaVu Sans Mono");

std::string plural(std::uint64_t count, std::string_view word)
{
    return std::to_string(count) + " " + std::string(word) + (count == 1 ? "" : "s");
}

QTextCharFormat boldFormat()
{
    QTextCharFormat format;
    format.setFontWeight(QFont::Bold);
    return format;
}

QTextCharFormat codeFormat()
{
    QTextCharFormat format;
    format.setFontFamilies({ kMonoFamily });
    return format;
}

QTextCharFormat colourFormat(const QColor& colour, bool bold = false)
{
    QTextCharFormat format;
    format.setForeground(colour);
    if (bold)
        format.setFontWeight(QFont::Bold);
    return format;
}

struct SeverityColours {
    QColor strong;
    QColor tint;
};

SeverityColours severityColours(core::Severity severity)
{
    switch (severity) {
    case core::Severity::Error:
        return { QColor(0xd3, 0x2f, 0x2f), QColor(0xfd, 0xec, 0xec) };
    case core::Severity::Warning:
        return { QColor(0xc4, 0x4d, 0x00), QColor(0xff, 0xf4, 0xe5) };
    case core::Severity::Info:
        break;
    }
    return { QColor(0x4a, 0x5a, 0x70), QColor(0xec, 0xf0, 0xf6) };
}

QColor stateColour(core::CallState state)
{
    switch (state) {
    case core::CallState::Success:
        return QColor(0x2e, 0x7d, 0x32);
    case core::CallState::Failed:
        return QColor(0xd3, 0x2f, 0x2f);
    case core::CallState::Redirected:
        return QColor(0x00, 0x83, 0x8f);
    case core::CallState::Cancelled:
    case core::CallState::InProgress:
        break;
    }
    return QColor(0x5f, 0x67, 0x70);
}

// Text with `code` spans, as the fix texts mark commands and file names.
void addWithCode(RichText& out, std::string_view value, const QTextCharFormat& base = {})
{
    std::size_t pos = 0;
    while (pos < value.size()) {
        const auto open = value.find('`', pos);
        const auto close = open == std::string_view::npos ? open : value.find('`', open + 1);
        if (close == std::string_view::npos) {
            out.add(value.substr(pos), base);
            return;
        }
        out.add(value.substr(pos, open - pos), base);
        QTextCharFormat code = codeFormat();
        code.merge(base);
        code.setFontFamilies({ kMonoFamily });
        out.add(value.substr(open + 1, close - open - 1), code);
        pos = close + 1;
    }
}

// Paragraphs at blank lines, line breaks at single ones (as the HTML report does).
std::vector<RichText> paragraphs(std::string_view value, const QTextCharFormat& base = {})
{
    std::vector<RichText> out;
    for (const auto& lines : core::splitParagraphs(value)) {
        RichText text;
        for (std::size_t i = 0; i < lines.size(); ++i) {
            if (i > 0)
                text.add(QString(QChar::LineSeparator));
            addWithCode(text, lines[i], base);
        }
        out.push_back(std::move(text));
    }
    return out;
}

// A raw message as lines for the monospaced box: CR LF and LF become line separators.
RichText messageLines(std::string_view text)
{
    QString lines = QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
    lines.replace(QLatin1String("\r\n"), QString(QChar::LineSeparator));
    lines.replace(QLatin1Char('\n'), QChar::LineSeparator);
    lines.replace(QLatin1Char('\r'), QChar::LineSeparator);
    while (lines.endsWith(QChar::LineSeparator))
        lines.chop(1);
    return RichText(lines);
}

// Lays the report out. Every trace value comes through the ReportSource (redacted when asked).
class PdfReport {
public:
    PdfReport(ReportSource& source, PdfFlow& flow)
        : m_source(source)
        , m_flow(flow)
        , m_theme(flow.theme())
    {
    }

    void header();
    void summary();
    void call(std::size_t number, std::uint32_t callIndex);

    std::uint64_t messages = 0;
    std::uint64_t unreadable = 0;

private:
    PdfFlow::ParagraphStyle body() const
    {
        PdfFlow::ParagraphStyle style;
        style.font = m_theme.body;
        return style;
    }
    PdfFlow::ParagraphStyle muted() const
    {
        PdfFlow::ParagraphStyle style;
        style.font = m_theme.small;
        style.colour = m_theme.muted;
        return style;
    }
    void heading(const RichText& text, int level)
    {
        PdfFlow::ParagraphStyle style;
        style.keepWithNext = true;
        switch (level) {
        case 2:
            style.font = m_theme.heading2;
            style.spaceBefore = 16;
            style.spaceAfter = 8;
            style.underline = m_theme.headingRule;
            break;
        case 3:
            style.font = m_theme.heading3;
            style.spaceBefore = 10;
            style.spaceAfter = 5;
            break;
        default:
            style.font = m_theme.heading4;
            style.spaceBefore = 7;
            style.spaceAfter = 4;
            break;
        }
        m_flow.paragraph(text, style);
    }
    void bullet(const RichText& text)
    {
        auto style = body();
        style.indent = 14;
        style.bullet = QStringLiteral("\u2022");
        style.spaceAfter = 3;
        m_flow.paragraph(text, style);
    }
    void findings();
    void files();
    void callTable();
    void facts(std::uint32_t callIndex);
    void failure(const core::Failure& original);
    void uriDiff(const core::UriDiff& diff);
    void messagesOf(std::uint32_t callIndex);

    ReportSource& m_source;
    PdfFlow& m_flow;
    const PdfFlow::Theme& m_theme;
};

void PdfReport::header()
{
    const auto& snapshot = m_source.snapshot();
    PdfFlow::ParagraphStyle title;
    title.font = m_theme.title;
    title.spaceAfter = 4;
    m_flow.paragraph(RichText().add(m_source.title()), title);
    std::string line = "Generated by SipLadder from " + plural(snapshot.files().size(), "file") + ", "
        + std::to_string(m_source.calls().size()) + " of " + plural(snapshot.calls().size(), "call")
        + (m_source.scope().empty() ? std::string() : " (" + m_source.scope() + ")");
    if (!snapshot.messages().empty()) {
        line += ", trace from " + core::formatIsoUtc(snapshot.messages().front().timestampNs) + " to "
            + core::formatIsoUtc(snapshot.messages().back().timestampNs);
    }
    auto generated = muted();
    generated.spaceAfter = 8;
    generated.underline = m_theme.headingRule;
    m_flow.paragraph(RichText().add(line), generated);
    if (m_source.redacting()) {
        auto note = body();
        note.font = m_theme.small;
        note.fill = QColor(0xff, 0xf8, 0xdb);
        note.bar = QColor(0xb0, 0x8a, 0x00);
        note.padding = 6;
        m_flow.paragraph(RichText().add(
                             "Redacted: phone numbers, user names, display names, host names, IP addresses and "
                             "Call-IDs are replaced by placeholders (NUMBER-n, USER-n, NAME-n, HOST-n, documentation "
                             "addresses, CALLID-n). The same value has the same placeholder throughout; other forms "
                             "of one number keep their prefix (\"+1-NUMBER-1\" is \"NUMBER-1\" with +1 in front)."),
            note);
    }
}

void PdfReport::summary()
{
    const auto& totals = m_source.snapshot().totals();
    heading(RichText().add("Summary"), 2);
    PdfFlow::Table table;
    table.font = m_theme.body;
    table.widths = { 0.16, 0.12, 0.19, 0.15, 0.15, 0.23 };
    for (const char* label : { "SIP messages", "calls", "retransmissions", "duplicates", "malformed", "ICMP errors" })
        table.header.push_back(RichText().add(label));
    std::vector<RichText> numbers;
    for (const auto number : { totals.sipMessages, totals.calls, totals.retransmissions, totals.duplicates,
             totals.malformedMessages, totals.icmpErrors })
        numbers.push_back(RichText().add(std::to_string(number)));
    table.rows.push_back(std::move(numbers));
    m_flow.table(table);
    findings();
    files();
    callTable();
}

void PdfReport::findings()
{
    const auto& diagnosis = m_source.diagnosis();
    bool any = false;
    std::size_t number = 0;
    for (const auto callIndex : m_source.calls()) {
        ++number;
        for (const auto index : diagnosis.failuresOfCall(callIndex)) {
            if (!any)
                heading(RichText().add("Findings"), 3);
            any = true;
            const auto failure = m_source.failure(diagnosis.failures()[index]);
            const auto colours = severityColours(failure.explanation.severity);
            RichText text;
            text.add("Call " + std::to_string(number) + "  ", colourFormat(colours.strong, true));
            text.add(ReportSource::failureStatus(failure),
                codeFormat());
            text.add("  ");
            text.add(failure.explanation.title + ". ", boldFormat());
            text.add(failure.explanation.summary);
            if (!failure.initial)
                text.add(" (later in the call)", colourFormat(m_theme.muted));
            auto style = body();
            style.fill = colours.tint;
            style.bar = colours.strong;
            style.padding = 5;
            style.spaceAfter = 4;
            m_flow.paragraph(text, style);
        }
    }
}

void PdfReport::files()
{
    const auto& snapshot = m_source.snapshot();
    heading(RichText().add("Files"), 3);
    PdfFlow::Table table;
    table.font = m_theme.small;
    table.widths = { 0.4, 0.1, 0.1, 0.12, 0.28 };
    table.alignRight = { false, false, true, true, false };
    for (const char* label : { "File", "Format", "Frames", "SIP messages", "Warnings" })
        table.header.push_back(RichText().add(label));
    for (std::size_t i = 0; i < snapshot.files().size(); ++i) {
        const auto& file = snapshot.files()[i];
        RichText warnings;
        if (file.warnings.empty()) {
            warnings.add("none");
        } else {
            // A capture with thousands of warnings: the first few say what kind they are.
            constexpr std::size_t kShown = 5;
            for (std::size_t w = 0; w < std::min(kShown, file.warnings.size()); ++w) {
                if (w > 0)
                    warnings.add(QString(QChar::LineSeparator));
                warnings.add(m_source.warning(file.warnings[w].message));
            }
            if (file.warnings.size() > kShown)
                warnings.add(" and " + plural(file.warnings.size() - kShown, "more warning"),
                    colourFormat(m_theme.muted));
        }
        table.rows.push_back({ RichText().add(m_source.fileName(i)), RichText().add(file.format),
            RichText().add(std::to_string(file.frames)), RichText().add(std::to_string(file.sipMessages)),
            std::move(warnings) });
    }
    m_flow.table(table);
}

void PdfReport::callTable()
{
    const auto& snapshot = m_source.snapshot();
    const auto& diagnosis = m_source.diagnosis();
    heading(RichText().add("Calls in this report"), 3);
    if (m_source.calls().empty()) {
        auto style = body();
        style.colour = m_theme.muted;
        m_flow.paragraph(RichText().add("No call matched."), style);
        return;
    }
    PdfFlow::Table table;
    table.font = m_theme.small;
    table.widths = { 0.04, 0.125, 0.085, 0.2, 0.195, 0.12, 0.1, 0.135 };
    for (const char* label :
        { "#", "Start (UTC)", "Method", "From", "Request-URI", "Final response", "State", "Diagnosis" })
        table.header.push_back(RichText().add(label));
    std::size_t number = 0;
    for (const auto callIndex : m_source.calls()) {
        const auto& call = snapshot.calls()[callIndex];
        ++number;
        RichText cause;
        if (const auto* failure = diagnosis.initialFailureOfCall(callIndex)) {
            cause.add(core::causeId(failure->explanation.cause), codeFormat());
            cause.add(QString(QChar::LineSeparator));
            cause.add(m_source.text(failure->explanation.title));
        } else if (!diagnosis.failuresOfCall(callIndex).empty()) {
            cause.add(plural(diagnosis.failuresOfCall(callIndex).size(), "later failure"));
        } else {
            cause.add("none", colourFormat(m_theme.muted));
        }
        table.rows.push_back({ RichText().add(std::to_string(number)),
            RichText().add(core::formatTimeOfDay(call.startNs)), RichText().add(m_source.method(call)),
            RichText().add(m_source.header("From", snapshot.text(call.from))),
            RichText().add(m_source.uri(snapshot.text(call.requestUri))), RichText().add(m_source.finalResponse(call)),
            RichText().add(core::callStateName(call.state), colourFormat(stateColour(call.state), true)),
            std::move(cause) });
    }
    m_flow.table(table);
}

void PdfReport::facts(std::uint32_t callIndex)
{
    const auto& snapshot = m_source.snapshot();
    const auto& call = snapshot.calls()[callIndex];
    PdfFlow::Table table;
    table.font = m_theme.small;
    table.width = 0.85;
    table.widths = { 0.18, 0.82 };
    table.firstColumnMuted = true;
    auto fact = [&](std::string_view name, const std::string& value) {
        table.rows.push_back({ RichText().add(name), RichText().add(value) });
    };
    fact("Call-ID", m_source.callId(callIndex));
    fact("From", m_source.header("From", snapshot.text(call.from)));
    fact("To", m_source.header("To", snapshot.text(call.to)));
    if (!snapshot.text(call.requestUri).empty())
        fact("Request-URI", m_source.uri(snapshot.text(call.requestUri)));
    fact("Sent",
        m_source.endpoint(call.source) + " \u2192 " + m_source.endpoint(call.destination) + " over "
            + std::string(core::transportName(call.transport)));
    fact("Time",
        core::formatIsoUtc(call.startNs) + " to " + core::formatIsoUtc(call.endNs) + " ("
            + core::formatDuration(call.endNs - call.startNs) + ")");
    std::string counts = plural(call.messageCount, "message");
    if (call.retransmissions > 0)
        counts += ", " + plural(call.retransmissions, "retransmission");
    if (call.duplicates > 0)
        counts += ", " + plural(call.duplicates, "duplicate");
    if (call.malformedMessages > 0)
        counts += ", " + std::to_string(call.malformedMessages) + " malformed";
    fact("Messages", counts);
    if (!call.linkedCalls.empty()) {
        std::string linked;
        for (const auto other : call.linkedCalls)
            linked += (linked.empty() ? "" : ", ") + m_source.callId(other);
        fact("Linked legs", linked);
    }
    m_flow.table(table);
}

void PdfReport::call(std::size_t number, std::uint32_t callIndex)
{
    const auto& snapshot = m_source.snapshot();
    const auto& call = snapshot.calls()[callIndex];
    // A call starts on a new page unless a good part of this one is still free.
    m_flow.ensureSpace(m_flow.pageHeight() * 0.35);
    RichText title;
    title.add("Call " + std::to_string(number) + "  ", colourFormat(m_theme.headingRule));
    title.add(m_source.method(call) + " " + m_source.uri(snapshot.text(call.requestUri)) + " \u2192 "
        + m_source.finalResponse(call) + "  ");
    title.add(core::callStateName(call.state), colourFormat(stateColour(call.state)));
    heading(title, 2);
    facts(callIndex);

    const auto style = LadderImageWriter::exportStyle();
    const auto ladder = LadderImageWriter::printable(m_source.ladder(callIndex));
    // The heading goes to the next page with the ladder when the ladder cannot begin on this one.
    m_flow.ensureSpace(3 * QFontMetricsF(m_theme.heading3).height() + m_flow.ladderStartHeight(ladder, style));
    heading(RichText().add("Ladder"), 3);
    m_flow.ladder(ladder, style);
    auto caption = muted();
    caption.spaceAfter = 8;
    m_flow.paragraph(RichText().add("Ladder: time runs down; failures are marked with their cause"), caption);

    const auto failures = m_source.diagnosis().failuresOfCall(callIndex);
    if (!failures.empty()) {
        heading(RichText().add("Diagnosis"), 3);
        for (const auto index : failures)
            failure(m_source.diagnosis().failures()[index]);
    }
    messagesOf(callIndex);
}

void PdfReport::failure(const core::Failure& original)
{
    const auto& snapshot = m_source.snapshot();
    const auto failure = m_source.failure(original);
    const auto names = m_source.failureNames(original);
    const auto& explanation = failure.explanation;
    const auto colours = severityColours(explanation.severity);

    RichText headline;
    QTextCharFormat severity = colourFormat(colours.strong, true);
    headline.add(std::string(core::severityName(explanation.severity)) + "  ", severity);
    QTextCharFormat title = boldFormat();
    headline.add(explanation.title, title);
    headline.add("   ");
    headline.add(ReportSource::failureStatus(failure),
        codeFormat());
    headline.add("   ");
    QTextCharFormat cause = codeFormat();
    cause.setForeground(colours.strong);
    cause.setFontWeight(QFont::Bold);
    headline.add(core::causeId(explanation.cause), cause);
    PdfFlow::ParagraphStyle headlineStyle;
    headlineStyle.font = m_theme.heading4;
    headlineStyle.fill = colours.tint;
    headlineStyle.bar = colours.strong;
    headlineStyle.padding = 6;
    headlineStyle.spaceBefore = 6;
    headlineStyle.spaceAfter = 3;
    headlineStyle.keepWithNext = true;
    m_flow.paragraph(headline, headlineStyle);

    std::string where = failure.methodText + " " + failure.requestUri + " \u00b7 CSeq " + failure.cseq + " \u00b7 "
        + core::formatTimeOfDay(names.timeNs) + " UTC";
    const auto messageIndex = original.finalMessage != core::kNoIndex ? original.finalMessage : original.requestMessage;
    if (messageIndex != core::kNoIndex)
        where += " \u00b7 " + ReportSource::locator(snapshot.messages()[messageIndex]);
    if (!failure.initial)
        where += " \u00b7 later in the call (the call itself did not fail on it)";
    m_flow.paragraph(RichText().add(where), muted());
    for (const auto& text : paragraphs(explanation.summary, boldFormat()))
        m_flow.paragraph(text, body());
    for (const auto& text : paragraphs(explanation.explanation))
        m_flow.paragraph(text, body());

    if (!explanation.evidence.empty()) {
        heading(RichText().add("Evidence"), 4);
        PdfFlow::Table table;
        table.font = m_theme.small;
        table.widths = { 0.13, 0.2, 0.67 };
        for (const char* label : { "Where", "Header", "Value" })
            table.header.push_back(RichText().add(label));
        for (const auto& evidence : explanation.evidence) {
            table.rows.push_back({ RichText().add(evidence.messageIndex < snapshot.messages().size()
                                           ? ReportSource::locator(snapshot.messages()[evidence.messageIndex])
                                           : std::string("capture")),
                RichText().add(evidence.header), RichText().add(evidence.value, codeFormat()) });
        }
        m_flow.table(table);
    }

    heading(RichText().add("Working call"), 4);
    if (failure.baseline && names.baselineCallId) {
        RichText text;
        text.add("Compared with Call-ID ");
        text.add(*names.baselineCallId, codeFormat());
        text.add(", which started at " + core::formatTimeOfDay(names.baselineStartNs) + " UTC and succeeded ("
            + failure.baseline->reason + ").");
        m_flow.paragraph(text, body());
    } else {
        auto style = body();
        style.colour = m_theme.muted;
        m_flow.paragraph(RichText().add("No successful call of the same kind in the capture to compare with."), style);
    }
    if (failure.uriDiff) {
        heading(RichText().add("Request-URI against the working call"), 4);
        uriDiff(*failure.uriDiff);
    }
    for (const auto& header : failure.headerDiffs) {
        heading(RichText().add(header.header + " against the working call"), 4);
        uriDiff(header.diff);
    }
    if (!explanation.fixes.empty()) {
        heading(RichText().add("What to check"), 4);
        for (const auto& fix : explanation.fixes) {
            RichText text;
            text.add(fix.platform + ": ", boldFormat());
            addWithCode(text, fix.text);
            bullet(text);
        }
    }
    if (!explanation.uncertainties.empty()) {
        heading(RichText().add("What the capture cannot tell"), 4);
        for (const auto& uncertainty : explanation.uncertainties)
            bullet(RichText().add(uncertainty));
    }
    if (!explanation.references.empty()) {
        heading(RichText().add("References"), 4);
        for (const auto& reference : explanation.references)
            bullet(RichText().add(reference));
    }
    m_flow.space(6);
}

void PdfReport::uriDiff(const core::UriDiff& diff)
{
    const QColor removed(0xf8, 0xc4, 0xc4);
    const QColor added(0xc4, 0xe8, 0xc6);
    PdfFlow::Table table;
    table.font = m_theme.small;
    table.widths = { 0.18, 0.36, 0.36, 0.1 };
    for (const char* label : { "Component", "This call", "Working call", "" })
        table.header.push_back(RichText().add(label));
    auto value = [&](const std::optional<std::string>& text, const std::vector<core::DiffSegment>& characters,
                     core::DiffSegment::Kind shown) {
        RichText cell;
        if (!text) {
            cell.add("(none)", colourFormat(m_theme.muted));
        } else if (characters.empty()) {
            cell.add(text->empty() ? std::string("(empty)") : *text, codeFormat());
        } else {
            for (const auto& segment : characters) {
                if (segment.kind == core::DiffSegment::Kind::Equal) {
                    cell.add(segment.text, codeFormat());
                } else if (segment.kind == shown) {
                    QTextCharFormat marked = codeFormat();
                    marked.setBackground(shown == core::DiffSegment::Kind::Removed ? removed : added);
                    marked.setFontWeight(QFont::Bold);
                    cell.add(segment.text, marked);
                }
            }
        }
        return cell;
    };
    table.rows.push_back({ RichText().add("whole value", boldFormat()), RichText().add(diff.failing, codeFormat()),
        RichText().add(diff.baseline, codeFormat()), RichText().add(diff.identical() ? "same" : "differs") });
    table.rowFills.push_back({});
    for (const auto& component : diff.components) {
        table.rows.push_back({ RichText().add(component.name),
            value(component.failing, component.characters, core::DiffSegment::Kind::Removed),
            value(component.baseline, component.characters, core::DiffSegment::Kind::Added),
            component.equal ? RichText().add("same", colourFormat(m_theme.muted))
                            : RichText().add("differs", colourFormat(QColor(0xd3, 0x2f, 0x2f), true)) });
        table.rowFills.push_back(component.equal ? QColor() : QColor(0xff, 0xf3, 0xf3));
    }
    m_flow.table(table);
    if (!diff.note.empty()) {
        auto style = body();
        style.colour = m_theme.muted;
        m_flow.paragraph(RichText().add(diff.note), style);
    }
}

void PdfReport::messagesOf(std::uint32_t callIndex)
{
    const auto& snapshot = m_source.snapshot();
    std::vector<std::uint32_t> failing;
    for (const auto index : m_source.diagnosis().failuresOfCall(callIndex)) {
        const auto& failure = m_source.diagnosis().failures()[index];
        failing.push_back(failure.finalMessage);
        failing.push_back(failure.requestMessage);
    }
    heading(RichText().add("Messages"), 3);
    const QColor errorBar(0xd3, 0x2f, 0x2f);
    for (const auto messageIndex : snapshot.messagesOfCall(callIndex)) {
        const auto& message = snapshot.messages()[messageIndex];
        const auto text = m_source.messageText(messageIndex);
        const bool error = std::find(failing.begin(), failing.end(), messageIndex) != failing.end();
        ++messages;
        if (!text)
            ++unreadable;
        RichText line;
        line.add(ReportSource::locator(message) + " \u00b7 " + core::formatTimeOfDay(message.timestampNs) + " \u00b7 "
                + m_source.endpoint(snapshot.source(message)) + " \u2192 "
                + m_source.endpoint(snapshot.destination(message)) + " \u00b7 "
                + std::string(core::transportName(message.transport)) + " \u00b7 ",
            colourFormat(m_theme.muted));
        line.add(m_source.messageStartLine(messageIndex, text), error ? colourFormat(errorBar, true) : boldFormat());
        for (const auto& [flag, name] : { std::pair { core::MessageRetransmission, "retransmission" },
                 std::pair { core::MessageDuplicate, "duplicate" }, std::pair { core::MessageMalformed, "malformed" },
                 std::pair { core::MessageTruncated, "truncated" } }) {
            if (message.has(flag))
                line.add(std::string("  [") + name + "]", colourFormat(m_theme.muted));
        }
        auto style = muted();
        style.spaceBefore = 4;
        style.spaceAfter = 2;
        style.keepWithNext = true;
        m_flow.paragraph(line, style);
        m_flow.preformatted(text ? messageLines(*text)
                                 : RichText().add("(the message could not be read back from its file)"),
            error ? QColor(0xfd, 0xf1, 0xf1) : QColor(), error ? errorBar : QColor());
    }
}

} // namespace

core::Result<PdfReportStats> PdfReportWriter::write(const core::CaptureSnapshot& snapshot,
    const core::Diagnosis& diagnosis, std::span<const std::uint32_t> calls, QIODevice& out,
    const PdfReportOptions& options)
{
    ReportSource source(snapshot, diagnosis, calls, options);
    const std::uint64_t total = source.calls().size();
    auto goOn = [&](std::uint64_t done) { return !options.progress || options.progress(done, total); };
    if (!goOn(0))
        return core::Error { core::ErrorCode::Cancelled, "The export was cancelled." };

    const QString title = QString::fromStdString(source.title());
    QPdfWriter writer(&out);
    // 96 dpi: the report is laid out in the same pixels as the ladder on screen.
    writer.setResolution(96);
    writer.setPageLayout(QPageLayout(
        QPageSize(QPageSize::A4), QPageLayout::Portrait, QMarginsF(15, 14, 15, 12), QPageLayout::Millimeter));
    writer.setTitle(title);
    writer.setCreator(QStringLiteral("SipLadder"));
    QPainter painter;
    if (!painter.begin(&writer))
        return core::Error { core::ErrorCode::WriteFailed, "The PDF could not be started." };
    const QString footer = options.title.empty() ? title : title + QStringLiteral(" \u00b7 SipLadder report");
    PdfFlow flow(writer, painter, PdfFlow::defaultTheme(), footer);
    PdfReport report(source, flow);
    report.header();
    report.summary();
    std::size_t number = 0;
    for (const auto callIndex : source.calls()) {
        if (!goOn(number)) {
            painter.end();
            return core::Error { core::ErrorCode::Cancelled, "The export was cancelled." };
        }
        ++number;
        report.call(number, callIndex);
    }
    flow.finish();
    if (!painter.end() || flow.failed())
        return core::Error { core::ErrorCode::WriteFailed, "The PDF could not be finished." };
    goOn(total);
    PdfReportStats stats;
    stats.pages = flow.pages();
    stats.messages = report.messages;
    stats.unreadable = report.unreadable;
    return stats;
}

} // namespace sipladder::render
