// SPDX-License-Identifier: Apache-2.0
#include "ladder_painter.h"

#include "ladder_style.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPath>
#include <QPolygonF>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace sipladder::render {

namespace {

constexpr std::int64_t kNsPerMs = 1'000'000;
constexpr std::int64_t kMsPerDay = 86'400'000;

bool isSorted(const std::vector<std::size_t>& rows, std::size_t row)
{
    return std::binary_search(rows.begin(), rows.end(), row);
}

// A pen whose width follows the font, in logical pixels. Not cosmetic: a cosmetic pen is one device
// pixel wide whatever the device pixel ratio, so it would thin out on HiDPI screens.
QPen linePen(const QColor& colour, qreal width)
{
    return QPen(colour, width, Qt::SolidLine, Qt::FlatCap, Qt::MiterJoin);
}

// Lines of even width are crisp on pixel edges, odd ones on pixel centres (where geometry puts them).
qreal crisp(qreal centre, qreal width)
{
    return static_cast<int>(std::lround(width)) % 2 == 0 ? centre - 0.5 : centre;
}

QString toQString(const std::string& text)
{
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

} // namespace

LadderPainter::LadderPainter(const LadderGeometry& geometry)
    : m_geometry(geometry)
{
}

QString LadderPainter::formatTime(std::int64_t timestampNs)
{
    std::int64_t ms = timestampNs / kNsPerMs;
    if (timestampNs < 0 && timestampNs % kNsPerMs != 0)
        --ms;
    ms %= kMsPerDay;
    if (ms < 0)
        ms += kMsPerDay;
    char text[16];
    std::snprintf(text, sizeof text, "%02d:%02d:%02d.%03d", static_cast<int>(ms / 3'600'000),
        static_cast<int>(ms / 60'000 % 60), static_cast<int>(ms / 1000 % 60), static_cast<int>(ms % 1000));
    return QString::fromLatin1(text);
}

QString LadderPainter::formatDelta(std::int64_t deltaNs)
{
    // Keep within the width of "+00.000": drop decimals as the gap grows.
    const double seconds = static_cast<double>(deltaNs) / 1e9;
    char text[32];
    if (seconds < 100)
        std::snprintf(text, sizeof text, "+%.3f", std::max(0.0, seconds));
    else if (seconds < 10'000)
        std::snprintf(text, sizeof text, "+%.1f", seconds);
    else
        std::snprintf(text, sizeof text, "+%.0fs", std::min(seconds, 9.9e9));
    return QString::fromLatin1(text);
}

void LadderPainter::paint(QPainter& painter, const core::LadderLayout& layout, RowRange rows, const LadderStyle& style,
    const PaintState& state) const
{
    const QRectF viewport = state.viewport;
    if (viewport.isEmpty())
        return;
    rows.last = std::min(rows.last, layout.rows().size());
    const qreal headerHeight = m_geometry.headerHeight();
    const qreal timeWidth = m_geometry.timeColumnWidth();

    painter.save();
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setRenderHint(QPainter::TextAntialiasing, true);
    painter.fillRect(viewport, style.background());
    painter.fillRect(QRectF(viewport.left(), headerHeight, timeWidth - viewport.left(), viewport.bottom() - headerHeight),
        style.timeColumnBackground());

    const QRectF rowsArea(viewport.left(), headerHeight, viewport.width(), viewport.bottom() - headerHeight);
    painter.save();
    painter.setClipRect(rowsArea);
    painter.translate(0, -state.scrollOffset.y());
    paintRowBackgrounds(painter, layout, rows, style, state);
    for (std::size_t i = rows.first; i < rows.last; ++i)
        paintTimeCell(painter, layout.rows()[i], i, style, state);
    painter.restore();

    const QRectF diagramArea(timeWidth, headerHeight, viewport.right() - timeWidth, viewport.bottom() - headerHeight);
    if (!diagramArea.isEmpty()) {
        painter.save();
        painter.setClipRect(diagramArea);
        painter.translate(-state.scrollOffset);
        paintLifelines(painter, style, state);
        for (std::size_t i = rows.first; i < rows.last; ++i) {
            const core::LadderRow& row = layout.rows()[i];
            paintArrow(painter, row, i, style);
            const QColor band = isSorted(state.selectedRows, i)
                ? (state.active ? style.selectionFill() : style.inactiveSelectionFill())
                : (state.hoveredRow == i ? style.hoverFill() : style.background());
            paintLabel(painter, row, i, style, band);
        }
        painter.restore();
    }

    // The split between the time column and the diagram.
    painter.setPen(linePen(style.lifeline(), style.metrics().lifelinePenWidth));
    const qreal splitX = timeWidth - 0.5;
    painter.drawLine(QPointF(splitX, headerHeight), QPointF(splitX, viewport.bottom()));

    paintHeader(painter, layout, style, state);
    painter.restore();
}

void LadderPainter::paintRowBackgrounds(QPainter& painter, const core::LadderLayout& layout, RowRange rows,
    const LadderStyle& style, const PaintState& state) const
{
    const QRectF viewport = state.viewport;
    const qreal rowHeight = m_geometry.rowHeight();
    for (std::size_t i = rows.first; i < rows.last; ++i) {
        const QRectF band(viewport.left(), m_geometry.rowTop(i), viewport.width(), rowHeight);
        if (isSorted(state.selectedRows, i))
            painter.fillRect(band, state.active ? style.selectionFill() : style.inactiveSelectionFill());
        else if (state.hoveredRow == i)
            painter.fillRect(band, style.hoverFill());
    }
    const qreal edge = style.metrics().lifelinePenWidth;
    if (state.currentRow && rows.contains(*state.currentRow) && !isSorted(state.selectedRows, *state.currentRow)) {
        // The keyboard position shows even where nothing is selected.
        QPen pen = linePen(style.selectionEdge(), edge);
        pen.setStyle(Qt::DotLine);
        painter.setPen(pen);
        painter.setBrush(Qt::NoBrush);
        painter.drawRect(QRectF(viewport.left() + edge / 2, m_geometry.rowTop(*state.currentRow) + edge / 2,
            viewport.width() - edge, rowHeight - edge));
    }
    for (std::size_t pick = 0; pick < state.comparePickedRows.size(); ++pick) {
        const std::size_t row = state.comparePickedRows[pick];
        if (!rows.contains(row) || row >= layout.rows().size())
            continue;
        QPen pen = linePen(style.compareEdge(), 2 * edge);
        pen.setStyle(Qt::DashLine);
        painter.setPen(pen);
        painter.setBrush(Qt::NoBrush);
        const QRectF band(
            viewport.left() + edge, m_geometry.rowTop(row) + edge, viewport.width() - 2 * edge, rowHeight - 2 * edge);
        painter.drawRect(band);
        // "A" and "B" at the right edge say which side of the comparison a row is.
        const QString letter = pick == 0 ? QStringLiteral("A") : QStringLiteral("B");
        painter.setFont(style.badgeFont());
        const QFontMetricsF fm(style.badgeFont());
        const qreal side = std::ceil(fm.height() + style.metrics().padding / 2);
        const QRectF badge(band.right() - side - style.metrics().padding, band.center().y() - side / 2, side, side);
        painter.setPen(Qt::NoPen);
        painter.setBrush(style.compareEdge());
        painter.drawRoundedRect(badge, side / 4, side / 4);
        painter.setPen(style.background());
        painter.drawText(badge, Qt::AlignCenter, letter);
    }
}

void LadderPainter::paintLifelines(QPainter& painter, const LadderStyle& style, const PaintState& state) const
{
    const qreal top = state.scrollOffset.y() + m_geometry.headerHeight();
    const qreal contentBottom = m_geometry.rowBottom(m_geometry.rowCount()) - m_geometry.rowHeight() / 2;
    const qreal bottom = std::min(state.scrollOffset.y() + state.viewport.bottom(), contentBottom);
    if (bottom <= top)
        return;
    painter.setPen(linePen(style.lifeline(), style.metrics().lifelinePenWidth));
    const qreal left = state.scrollOffset.x() + m_geometry.timeColumnWidth();
    const qreal right = state.scrollOffset.x() + state.viewport.right();
    for (std::size_t column = 0; column < m_geometry.columnCount(); ++column) {
        const qreal x = m_geometry.columnX(column);
        if (x < left || x > right)
            continue;
        painter.drawLine(QPointF(x, top), QPointF(x, bottom));
    }
}

void LadderPainter::paintArrow(
    QPainter& painter, const core::LadderRow& row, std::size_t rowIndex, const LadderStyle& style) const
{
    const LadderMetrics& m = style.metrics();
    const bool icmp = row.kind == core::LadderRow::Kind::Icmp;
    const bool strong = row.tone == core::ArrowTone::Error;
    QColor colour = style.toneColor(icmp ? core::ArrowTone::Icmp : row.tone);
    const qreal width = strong ? 2 * m.arrowPenWidth : m.arrowPenWidth;
    QPen pen = linePen(colour, width);
    if (icmp) {
        pen.setDashPattern({ 1, 2.5 });
    } else if (row.retransmission) {
        const qreal dash = std::max<qreal>(2, std::round(m.em * 0.45 / width));
        pen.setDashPattern({ dash, dash * 0.7 });
    }

    const qreal fromX = m_geometry.columnX(row.fromColumn);
    const qreal y = crisp(m_geometry.arrowY(rowIndex), width);
    const qreal headLength = m.arrowHeadLength;
    const qreal headHalf = m.arrowHeadHalfWidth + (strong ? width / 2 : 0);
    const qreal tipInset = m.lifelinePenWidth; // the tip touches the lifeline without covering it

    QPointF tip;
    qreal direction = 1;
    painter.setBrush(Qt::NoBrush);
    if (row.fromColumn == row.toColumn) {
        const qreal outY = crisp(m_geometry.loopOutY(rowIndex), width);
        const qreal returnY = crisp(m_geometry.loopReturnY(rowIndex), width);
        const qreal loopX = fromX + m.selfLoopWidth;
        const qreal radius = std::min((returnY - outY) / 2, m.selfLoopWidth / 2);
        QPainterPath loop(QPointF(fromX, outY));
        loop.lineTo(loopX - radius, outY);
        loop.arcTo(QRectF(loopX - 2 * radius, outY, 2 * radius, returnY - outY), 90, -180);
        loop.lineTo(fromX + tipInset + headLength * 0.8, returnY);
        painter.setPen(pen);
        painter.drawPath(loop);
        tip = QPointF(fromX + tipInset, returnY);
        direction = -1;
    } else {
        const qreal toX = m_geometry.columnX(row.toColumn);
        direction = toX > fromX ? 1 : -1;
        tip = QPointF(toX - direction * tipInset, y);
        painter.setPen(pen);
        painter.drawLine(QPointF(fromX, y), QPointF(tip.x() - direction * headLength * 0.8, y));
    }

    const QPolygonF head({ tip, QPointF(tip.x() - direction * headLength, tip.y() - headHalf),
        QPointF(tip.x() - direction * headLength, tip.y() + headHalf) });
    if (icmp) {
        // Hollow head and a cross at the sender: an error report from the network, not a SIP message.
        painter.setPen(linePen(colour, m.arrowPenWidth));
        painter.setBrush(style.background());
        painter.drawPolygon(head);
        const qreal cross = m.arrowHeadHalfWidth;
        painter.drawLine(QPointF(fromX - cross, y - cross), QPointF(fromX + cross, y + cross));
        painter.drawLine(QPointF(fromX - cross, y + cross), QPointF(fromX + cross, y - cross));
    } else {
        painter.setPen(Qt::NoPen);
        painter.setBrush(colour);
        painter.drawPolygon(head);
    }
}

LadderPainter::LabelLayout LadderPainter::labelLayout(
    const core::LadderRow& row, std::size_t rowIndex, const LadderStyle& style) const
{
    LabelLayout out;
    const LadderMetrics& m = style.metrics();
    const QRectF rect = m_geometry.labelRect(row, rowIndex);
    if (rect.width() < m.em)
        return out;
    const QFont& font = labelFont(row, style);
    const QFontMetricsF fm(font);
    const QFontMetricsF badgeFm(style.badgeFont());

    if (row.copies > 1)
        out.copies = QStringLiteral(" \u00d7") + QString::number(row.copies);
    const qreal copiesWidth = out.copies.isEmpty() ? 0 : QFontMetricsF(style.labelFont()).horizontalAdvance(out.copies);
    const qreal sdpWidth = row.hasSdp ? m.badgeWidth + m.padding : 0;
    const QString cause = toQString(row.causeBadge);
    const qreal causeWidth = cause.isEmpty() ? 0 : causeBadgeWidth(cause, style) + m.padding;

    const QString label = toQString(row.label);
    const qreal fullWidth = fm.horizontalAdvance(label);
    // The label matters most, then the diagnosis; the other marks go first when it is narrow (the
    // tooltip has them all).
    bool showCopies = !out.copies.isEmpty();
    bool showSdp = row.hasSdp;
    bool showCause = !cause.isEmpty();
    auto suffix
        = [&] { return (showCopies ? copiesWidth : 0) + (showSdp ? sdpWidth : 0) + (showCause ? causeWidth : 0); };
    if (fullWidth + suffix() > rect.width())
        showCopies = showSdp = false;
    if (fullWidth + suffix() > rect.width())
        showCause = false;
    if (!showCopies)
        out.copies.clear();
    const qreal suffixWidth = suffix();

    out.text = fullWidth <= rect.width() ? label : fm.elidedText(label, Qt::ElideRight, rect.width());
    out.textWidth = fullWidth <= rect.width() ? fullWidth : fm.horizontalAdvance(out.text);
    const bool loop = row.fromColumn == row.toColumn;
    qreal x = loop ? rect.left() : rect.left() + std::max<qreal>(0, (rect.width() - out.textWidth - suffixWidth) / 2);
    const qreal baseline = rect.top() + fm.ascent();
    out.textOrigin = QPointF(x, baseline);
    out.crossesLifelines = std::abs(int(row.fromColumn) - int(row.toColumn)) > 1;
    out.clearRect = QRectF(x - m.padding / 2, rect.top(), out.textWidth + suffixWidth + m.padding, rect.height());
    x += out.textWidth;
    if (showCopies) {
        out.copiesOrigin = QPointF(x, baseline);
        x += copiesWidth;
    }
    const qreal badgeHeight = std::ceil(badgeFm.height() + 2);
    const qreal badgeTop = rect.top() + (fm.height() - badgeHeight) / 2 + 0.5;
    if (showSdp) {
        out.sdpBadge = QRectF(x + m.padding, badgeTop, m.badgeWidth, badgeHeight);
        x += sdpWidth;
    }
    if (showCause)
        out.causeBadge = QRectF(x + m.padding, badgeTop, causeWidth - m.padding, badgeHeight);
    return out;
}

qreal LadderPainter::causeBadgeWidth(const QString& cause, const LadderStyle& style)
{
    return std::ceil(QFontMetricsF(style.badgeFont()).horizontalAdvance(cause) + style.metrics().em * 0.7);
}

const QFont& LadderPainter::labelFont(const core::LadderRow& row, const LadderStyle& style)
{
    const bool icmp = row.kind == core::LadderRow::Kind::Icmp;
    return row.tone == core::ArrowTone::Error ? style.strongLabelFont()
        : (icmp || row.malformed)             ? style.noteFont()
                                              : style.labelFont();
}

void LadderPainter::paintLabel(QPainter& painter, const core::LadderRow& row, std::size_t rowIndex,
    const LadderStyle& style, const QColor& band) const
{
    const LabelLayout layout = labelLayout(row, rowIndex, style);
    if (layout.text.isEmpty() && layout.causeBadge.isEmpty())
        return;
    const LadderMetrics& m = style.metrics();
    const bool icmp = row.kind == core::LadderRow::Kind::Icmp;

    // A label over an arrow that crosses lifelines would be cut by them: clear the lines behind it.
    if (layout.crossesLifelines)
        painter.fillRect(layout.clearRect, band);
    painter.setFont(labelFont(row, style));
    painter.setPen(style.toneColor(icmp ? core::ArrowTone::Icmp : row.tone));
    painter.drawText(layout.textOrigin, layout.text);
    if (!layout.copies.isEmpty()) {
        painter.setFont(style.labelFont());
        painter.setPen(style.mutedText());
        painter.drawText(layout.copiesOrigin, layout.copies);
    }
    if (!layout.sdpBadge.isEmpty()) {
        const QRectF& badge = layout.sdpBadge;
        painter.setPen(linePen(style.mutedText(), m.lifelinePenWidth));
        painter.setBrush(Qt::NoBrush);
        painter.drawRoundedRect(badge, badge.height() / 3, badge.height() / 3);
        painter.setFont(style.badgeFont());
        painter.setPen(style.mutedText());
        painter.drawText(badge, Qt::AlignCenter, QStringLiteral("SDP"));
    }
    if (!layout.causeBadge.isEmpty()) {
        // Filled, so that it reads as the verdict; an informational one (the caller's own cancel)
        // only outlined, like the quiet marks.
        const QRectF& badge = layout.causeBadge;
        const QColor colour = style.severityColor(row.causeSeverity);
        const bool quiet = row.causeSeverity == core::Severity::Info;
        painter.setPen(quiet ? linePen(colour, m.lifelinePenWidth) : QPen(Qt::NoPen));
        painter.setBrush(quiet ? QBrush(Qt::NoBrush) : QBrush(colour));
        painter.drawRoundedRect(badge, badge.height() / 3, badge.height() / 3);
        painter.setFont(style.badgeFont());
        painter.setPen(quiet ? colour : style.background());
        painter.drawText(badge, Qt::AlignCenter, toQString(row.causeBadge));
    }
}

void LadderPainter::paintTimeCell(QPainter& painter, const core::LadderRow& row, std::size_t rowIndex,
    const LadderStyle& style, const PaintState& state) const
{
    const LadderMetrics& m = style.metrics();
    const qreal left = state.viewport.left();
    const qreal top = m_geometry.rowTop(rowIndex);
    if (state.showCallSlots)
        painter.fillRect(QRectF(left, top, m.slotBarWidth, m_geometry.rowHeight()), style.slotColor(row.callSlot));

    // On the label's baseline, so that a time reads with its arrow.
    const QFontMetricsF fm(style.timeFont());
    const qreal baseline = m_geometry.textTop(rowIndex) + QFontMetricsF(style.labelFont()).ascent();
    painter.setFont(style.timeFont());
    painter.setPen(style.text());
    painter.drawText(QPointF(left + m.slotBarWidth + m.padding, baseline), formatTime(row.timestampNs));
    if (rowIndex == 0)
        return;
    const QString delta = formatDelta(row.deltaNs);
    painter.setPen(style.mutedText());
    painter.drawText(QPointF(m_geometry.timeColumnWidth() - m.padding - fm.horizontalAdvance(delta), baseline), delta);
}

void LadderPainter::paintHeader(
    QPainter& painter, const core::LadderLayout& layout, const LadderStyle& style, const PaintState& state) const
{
    const LadderMetrics& m = style.metrics();
    const QRectF viewport = state.viewport;
    const qreal height = m_geometry.headerHeight();
    const qreal timeWidth = m_geometry.timeColumnWidth();
    painter.fillRect(
        QRectF(viewport.left(), viewport.top(), viewport.width(), height - viewport.top()), style.headerBackground());
    painter.setPen(linePen(style.headerBorder(), m.lifelinePenWidth));
    painter.drawLine(QPointF(viewport.left(), height - 0.5), QPointF(viewport.right(), height - 0.5));

    const QFontMetricsF timeFm(style.timeFont());
    const qreal captionBaseline = std::round((height - timeFm.height()) / 2 + timeFm.ascent());
    painter.setFont(style.timeFont());
    painter.setPen(style.mutedText());
    painter.drawText(QPointF(viewport.left() + m.slotBarWidth + m.padding, captionBaseline), QStringLiteral("Time"));
    const QString deltaCaption = QStringLiteral("\u0394 s");
    painter.drawText(
        QPointF(timeWidth - m.padding - timeFm.horizontalAdvance(deltaCaption), captionBaseline), deltaCaption);

    const QRectF area(timeWidth, viewport.top(), viewport.right() - timeWidth, height - viewport.top());
    if (area.isEmpty())
        return;
    painter.save();
    painter.setClipRect(area);
    painter.translate(-state.scrollOffset.x(), 0);
    const QFontMetricsF fm(style.headerFont());
    const qreal boxHeight = std::round(fm.height() + m.padding * 1.2);
    const qreal boxTop = std::round((height - boxHeight) / 2) + 0.5;
    const qreal left = state.scrollOffset.x() + timeWidth;
    const qreal right = state.scrollOffset.x() + viewport.right();
    const qreal spacing = m_geometry.columnSpacing();
    painter.setFont(style.headerFont());
    for (std::size_t column = 0; column < layout.columns().size(); ++column) {
        const qreal x = m_geometry.columnX(column);
        if (x + spacing / 2 < left || x - spacing / 2 > right)
            continue;
        const qreal maxText = spacing - 3 * m.padding;
        // The end of an address tells neighbours apart ("…100.10:5060"): elide its start.
        const QString text = fm.elidedText(toQString(layout.columns()[column].label), Qt::ElideLeft, maxText);
        const qreal boxWidth = std::round(fm.horizontalAdvance(text) + 2 * m.padding);
        const QRectF box(std::round(x - boxWidth / 2) + 0.5, boxTop, boxWidth, boxHeight);
        painter.setPen(linePen(style.lifeline(), m.lifelinePenWidth));
        painter.drawLine(QPointF(x, box.bottom()), QPointF(x, height));
        painter.setPen(linePen(style.headerBorder(), m.lifelinePenWidth));
        painter.setBrush(style.headerBoxBackground());
        painter.drawRoundedRect(box, m.padding / 2, m.padding / 2);
        painter.setPen(style.text());
        painter.drawText(box, Qt::AlignCenter, text);
    }
    painter.restore();
}

} // namespace sipladder::render
