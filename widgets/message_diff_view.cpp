// SPDX-License-Identifier: Apache-2.0
#include "message_diff_view.h"

#include <QEvent>
#include <QFontDatabase>
#include <QLabel>
#include <QTextCursor>
#include <QTextEdit>
#include <QTextTable>
#include <QVBoxLayout>

namespace sipladder::widgets {

using core::DiffSegment;
using core::DiffState;

namespace {

QString fromStd(std::string_view text)
{
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

QString bodyTitle(core::MessageDiff::BodyKind kind)
{
    switch (kind) {
    case core::MessageDiff::BodyKind::Sdp:
        return MessageDiffView::tr("Body (SDP, line by line)");
    case core::MessageDiff::BodyKind::Other:
        return MessageDiffView::tr("Body");
    case core::MessageDiff::BodyKind::Text:
        return MessageDiffView::tr("Not SIP: the texts line by line");
    case core::MessageDiff::BodyKind::None:
        break;
    }
    return {};
}

} // namespace

MessageDiffView::MessageDiffView(QWidget* parent)
    : QWidget(parent)
    , m_summary(new QLabel(this))
    , m_text(new QTextEdit(this))
    , m_colors(MessageColors::fromPalette(palette()))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_summary);
    layout->addWidget(m_text, 1);
    m_summary->setObjectName(QStringLiteral("diffSummary"));
    m_text->setObjectName(QStringLiteral("diffText"));
    m_text->setReadOnly(true);
    m_text->setUndoRedoEnabled(false);
    m_text->document()->setDefaultFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
}

void MessageDiffView::setDiff(const core::MessageDiff& diff, const QString& leftTitle, const QString& rightTitle)
{
    m_diff = diff;
    m_leftTitle = leftTitle;
    m_rightTitle = rightTitle;
    render();
}

void MessageDiffView::clear()
{
    m_diff.reset();
    m_leftTitle.clear();
    m_rightTitle.clear();
    m_summary->clear();
    m_text->clear();
}

QString MessageDiffView::summary() const
{
    if (!m_diff)
        return {};
    const auto count = m_diff->differenceCount();
    if (count == 0)
        return tr("The messages are identical (header names may be written differently).");
    if (count == 1)
        return tr("1 difference: changed characters are marked inside the changed line.");
    return tr("%1 differences: changed characters are marked inside each changed line.").arg(count);
}

void MessageDiffView::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        m_colors = MessageColors::fromPalette(palette());
        if (m_diff)
            render();
    }
}

void MessageDiffView::render()
{
    m_text->clear();
    if (!m_diff)
        return;
    const auto& diff = *m_diff;
    m_summary->setText(summary());

    const bool sip = diff.bodyKind() != core::MessageDiff::BodyKind::Text;
    const bool hasBody = diff.bodyKind() != core::MessageDiff::BodyKind::None;
    const int rows = 1 + (sip ? 1 + int(diff.headers().size()) : 0) + (hasBody ? 1 + int(diff.body().size()) : 0);

    QTextCursor cursor(m_text->document());
    QTextTableFormat tableFormat;
    tableFormat.setWidth(QTextLength(QTextLength::PercentageLength, 100));
    tableFormat.setColumnWidthConstraints(
        { QTextLength(QTextLength::PercentageLength, 50), QTextLength(QTextLength::PercentageLength, 50) });
    tableFormat.setCellPadding(2);
    tableFormat.setCellSpacing(0);
    tableFormat.setBorder(1);
    tableFormat.setBorderStyle(QTextFrameFormat::BorderStyle_Solid);
    tableFormat.setBorderBrush(palette().color(QPalette::Mid));
    tableFormat.setBorderCollapse(true);
    tableFormat.setHeaderRowCount(1);
    QTextTable* table = cursor.insertTable(rows, 2, tableFormat);

    int row = 0;
    QTextCharFormat titleFormat;
    titleFormat.setFontWeight(QFont::Bold);
    QTextTableCellFormat titleCell;
    titleCell.setBackground(palette().color(QPalette::AlternateBase));
    for (int column = 0; column < 2; ++column) {
        auto cell = table->cellAt(row, column);
        cell.setFormat(titleCell);
        cell.firstCursorPosition().insertText(column == 0 ? m_leftTitle : m_rightTitle, titleFormat);
    }
    ++row;

    if (sip) {
        const auto& start = diff.startLine();
        fillRow(table, row++, start.state, {}, start.left, {}, start.right, start.segments);
        for (const auto& header : diff.headers()) {
            fillRow(table, row++, header.state, fromStd(header.leftName), header.leftValue, fromStd(header.rightName),
                header.rightValue, header.segments);
        }
    }
    if (hasBody) {
        fillSpanningRow(table, row++, bodyTitle(diff.bodyKind()));
        for (const auto& line : diff.body())
            fillRow(table, row++, line.state, {}, line.left, {}, line.right, line.segments);
    }
    m_text->moveCursor(QTextCursor::Start);
}

void MessageDiffView::fillRow(QTextTable* table, int row, DiffState state, const QString& leftName,
    const std::string& leftText, const QString& rightName, const std::string& rightText,
    const std::vector<DiffSegment>& segments)
{
    if (state != DiffState::OnlyRight)
        fillCell(table, row, 0, state, leftName, leftText, segments);
    if (state != DiffState::OnlyLeft)
        fillCell(table, row, 1, state, rightName, rightText, segments);
}

void MessageDiffView::fillCell(QTextTable* table, int row, int column, DiffState state, const QString& name,
    const std::string& text, const std::vector<DiffSegment>& segments)
{
    const bool left = column == 0;
    auto cell = table->cellAt(row, column);
    if (state != DiffState::Equal) {
        QTextTableCellFormat cellFormat;
        cellFormat.setBackground(left ? m_colors.removedBackground : m_colors.addedBackground);
        cell.setFormat(cellFormat);
    }
    QTextCursor cursor = cell.firstCursorPosition();
    const QTextCharFormat plain;
    if (!name.isEmpty()) {
        QTextCharFormat nameFormat;
        nameFormat.setFontWeight(QFont::Bold);
        nameFormat.setForeground(m_colors.headerName);
        cursor.insertText(name, nameFormat);
        cursor.insertText(QStringLiteral(": "), plain);
    }
    if (state != DiffState::Changed || segments.empty()) {
        cursor.insertText(fromStd(text), plain);
        return;
    }
    QTextCharFormat changed;
    changed.setBackground(left ? m_colors.removedCharacters : m_colors.addedCharacters);
    changed.setFontWeight(QFont::Bold);
    for (const auto& segment : segments) {
        if (segment.kind == DiffSegment::Kind::Equal)
            cursor.insertText(fromStd(segment.text), plain);
        else if ((segment.kind == DiffSegment::Kind::Removed) == left)
            cursor.insertText(fromStd(segment.text), changed);
    }
}

void MessageDiffView::fillSpanningRow(QTextTable* table, int row, const QString& text)
{
    table->mergeCells(row, 0, 1, 2);
    QTextCharFormat format;
    format.setFontItalic(true);
    table->cellAt(row, 0).firstCursorPosition().insertText(text, format);
}

} // namespace sipladder::widgets
