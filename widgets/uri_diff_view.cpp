// SPDX-License-Identifier: Apache-2.0
#include "uri_diff_view.h"

#include "analysis/message_diff.h"
#include "sip/name_addr.h"

#include <QAbstractTextDocumentLayout>
#include <QEvent>
#include <QFontDatabase>
#include <QScrollBar>
#include <QTextCursor>
#include <QTextEdit>
#include <QTextTable>
#include <QVBoxLayout>

#include <cmath>

namespace sipladder::widgets {

using core::DiffSegment;

namespace {

QString fromStd(std::string_view text)
{
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

QColor blend(const QColor& a, const QColor& b, qreal t)
{
    return QColor::fromRgbF(static_cast<float>(a.redF() + (b.redF() - a.redF()) * t),
        static_cast<float>(a.greenF() + (b.greenF() - a.greenF()) * t),
        static_cast<float>(a.blueF() + (b.blueF() - a.blueF()) * t));
}

// A From/To value without its tag parameter: the tag differs between any two calls, so marking
// it would only hide the differences that matter (diffNameAddrs leaves it out too).
std::string withoutTag(const std::string& value)
{
    const std::string_view tag = core::findTag(value);
    if (tag.empty())
        return value;
    const auto tagEnd = static_cast<std::size_t>(tag.data() - value.data()) + tag.size();
    const auto semicolon = value.rfind(';', static_cast<std::size_t>(tag.data() - value.data()));
    if (semicolon == std::string::npos)
        return value;
    return value.substr(0, semicolon) + value.substr(tagEnd);
}

QTextTableFormat tableFormat(const QPalette& palette)
{
    QTextTableFormat format;
    format.setWidth(QTextLength(QTextLength::PercentageLength, 100));
    format.setColumnWidthConstraints({ QTextLength(QTextLength::PercentageLength, 18),
        QTextLength(QTextLength::PercentageLength, 41), QTextLength(QTextLength::PercentageLength, 41) });
    format.setCellPadding(3);
    format.setCellSpacing(0);
    format.setBorder(1);
    format.setBorderStyle(QTextFrameFormat::BorderStyle_Solid);
    format.setBorderBrush(palette.color(QPalette::Mid));
    format.setBorderCollapse(true);
    format.setHeaderRowCount(1);
    return format;
}

void fillTitleRow(QTextTable* table, const QPalette& palette, const QString& first)
{
    QTextCharFormat bold;
    bold.setFontWeight(QFont::Bold);
    QTextTableCellFormat cellFormat;
    cellFormat.setBackground(palette.color(QPalette::AlternateBase));
    const QString titles[] = { first, UriDiffView::failingTitle(), UriDiffView::workingTitle() };
    for (int column = 0; column < 3; ++column) {
        auto cell = table->cellAt(0, column);
        cell.setFormat(cellFormat);
        cell.firstCursorPosition().insertText(titles[column], bold);
    }
}

} // namespace

UriDiffView::UriDiffView(QWidget* parent)
    : QWidget(parent)
    , m_text(new QTextEdit(this))
    , m_colors(MessageColors::fromPalette(palette()))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_text);
    m_text->setObjectName(QStringLiteral("uriDiffText"));
    m_text->setReadOnly(true);
    m_text->setUndoRedoEnabled(false);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_text->setLineWrapMode(QTextEdit::WidgetWidth);
    m_text->setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    m_text->document()->setDefaultFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->document()->setDocumentMargin(2);
    connect(m_text->document()->documentLayout(), &QAbstractTextDocumentLayout::documentSizeChanged, this,
        &UriDiffView::fitHeight);
}

QString UriDiffView::failingTitle()
{
    return tr("Failing");
}

QString UriDiffView::workingTitle()
{
    return tr("Working call");
}

void UriDiffView::setDiff(const core::UriDiff& requestUri, const std::vector<core::HeaderValueDiff>& headers)
{
    m_diff = requestUri;
    m_headers = headers;
    render();
}

void UriDiffView::clear()
{
    m_diff.reset();
    m_headers.clear();
    m_flagged.clear();
    m_text->clear();
}

void UriDiffView::setFitToContents(bool fit)
{
    m_fit = fit;
    m_text->setVerticalScrollBarPolicy(fit ? Qt::ScrollBarAlwaysOff : Qt::ScrollBarAsNeeded);
    if (fit) {
        m_text->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
        fitHeight();
    } else {
        m_text->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
        m_text->setMinimumHeight(0);
        m_text->setMaximumHeight(QWIDGETSIZE_MAX);
    }
}

void UriDiffView::fitHeight()
{
    if (!m_fit)
        return;
    const qreal documentHeight = m_text->document()->size().height();
    const int height = static_cast<int>(std::ceil(documentHeight)) + 2 * m_text->frameWidth();
    m_text->setFixedHeight(std::max(height, m_text->fontMetrics().height()));
}

QString UriDiffView::note() const
{
    return m_diff ? fromStd(m_diff->note) : QString();
}

QString UriDiffView::plainText() const
{
    return m_text->toPlainText();
}

void UriDiffView::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        m_colors = MessageColors::fromPalette(palette());
        if (m_diff)
            render();
    }
}

void UriDiffView::render()
{
    m_text->clear();
    m_flagged.clear();
    if (!m_diff)
        return;
    const core::UriDiff& diff = *m_diff;
    const QPalette& pal = palette();
    QTextCursor cursor(m_text->document());

    const int rows = 1 + static_cast<int>(diff.components.size());
    QTextTable* table = cursor.insertTable(rows, 3, tableFormat(pal));
    fillTitleRow(table, pal, tr("Request-URI"));
    QTextCharFormat nameFormat;
    nameFormat.setForeground(m_colors.headerName);
    QTextCharFormat flaggedName = nameFormat;
    flaggedName.setFontWeight(QFont::Bold);
    for (std::size_t i = 0; i < diff.components.size(); ++i) {
        const core::UriComponentDiff& component = diff.components[i];
        const int row = 1 + static_cast<int>(i);
        const bool differs = !component.equal;
        const QString name = fromStd(component.name);
        if (differs)
            m_flagged.append(name);
        auto nameCell = table->cellAt(row, 0);
        nameCell.firstCursorPosition().insertText(
            differs ? QStringLiteral("\u25b8 ") + name : name, differs ? flaggedName : nameFormat);
        fillCell(table, row, 1, component.failing, differs, component.characters);
        fillCell(table, row, 2, component.baseline, differs, component.characters);
    }
    cursor.movePosition(QTextCursor::End);

    if (!diff.note.empty()) {
        QTextBlockFormat noteBlock;
        noteBlock.setTopMargin(4);
        cursor.insertBlock(noteBlock);
        QTextCharFormat noteFormat;
        noteFormat.setFont(font());
        noteFormat.setFontItalic(!diff.sameNumber);
        noteFormat.setFontWeight(diff.sameNumber ? QFont::DemiBold : QFont::Normal);
        cursor.insertText(fromStd(diff.note), noteFormat);
    }

    if (!m_headers.empty()) {
        QTextBlockFormat gap;
        gap.setTopMargin(6);
        cursor.insertBlock(gap);
        QTextTable* headers = cursor.insertTable(1 + static_cast<int>(m_headers.size()), 3, tableFormat(pal));
        fillTitleRow(headers, pal, tr("Header"));
        for (std::size_t i = 0; i < m_headers.size(); ++i) {
            const core::HeaderValueDiff& header = m_headers[i];
            const int row = 1 + static_cast<int>(i);
            const bool differs = !header.diff.identical();
            headers->cellAt(row, 0).firstCursorPosition().insertText(
                fromStd(header.header), differs ? flaggedName : nameFormat);
            const std::string failing = withoutTag(header.diff.failing);
            const std::string baseline = withoutTag(header.diff.baseline);
            const auto segments
                = differs ? core::MessageDiff::diffCharacters(failing, baseline) : std::vector<DiffSegment>();
            fillCell(headers, row, 1, failing, differs, segments);
            fillCell(headers, row, 2, baseline, differs, segments);
        }
    }
    m_text->moveCursor(QTextCursor::Start);
    fitHeight();
}

void UriDiffView::fillCell(QTextTable* table, int row, int column, const std::optional<std::string>& value,
    bool differs, const std::vector<DiffSegment>& segments)
{
    const bool failing = column == 1;
    auto cell = table->cellAt(row, column);
    if (differs) {
        QTextTableCellFormat cellFormat;
        cellFormat.setBackground(failing ? m_colors.removedBackground : m_colors.addedBackground);
        cell.setFormat(cellFormat);
    }
    QTextCursor cursor = cell.firstCursorPosition();
    const QTextCharFormat plain;
    if (!value) {
        QTextCharFormat absent;
        absent.setFontItalic(true);
        absent.setForeground(blend(palette().color(QPalette::Text), palette().color(QPalette::Base), 0.45));
        cursor.insertText(tr("(none)"), absent);
        return;
    }
    if (!differs || segments.empty()) {
        cursor.insertText(fromStd(*value), plain);
        return;
    }
    QTextCharFormat changed;
    changed.setBackground(failing ? m_colors.removedCharacters : m_colors.addedCharacters);
    changed.setFontWeight(QFont::Bold);
    for (const DiffSegment& segment : segments) {
        if (segment.kind == DiffSegment::Kind::Equal)
            cursor.insertText(fromStd(segment.text), plain);
        else if ((segment.kind == DiffSegment::Kind::Removed) == failing)
            cursor.insertText(fromStd(segment.text), changed);
    }
}

} // namespace sipladder::widgets
