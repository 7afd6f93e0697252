// SPDX-License-Identifier: Apache-2.0
#include "ladder_geometry.h"

#include "ladder_style.h"

#include <QFontMetricsF>
#include <QString>

#include <algorithm>
#include <cmath>
#include <string_view>
#include <unordered_set>

namespace sipladder::render {

namespace {

// Lines of odd pixel width are crisp on pixel centres.
qreal pixelCentre(qreal value)
{
    return std::floor(value) + 0.5;
}

qreal widestText(const QFontMetricsF& fm, const std::unordered_set<std::string_view>& texts)
{
    qreal widest = 0;
    for (std::string_view text : texts)
        widest = std::max(
            widest, fm.horizontalAdvance(QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()))));
    return widest;
}

} // namespace

LadderGeometry::LadderGeometry(const core::LadderLayout& layout, const LadderStyle& style, qreal zoom)
    : m_rowCount(layout.rows().size())
    , m_columnCount(layout.columns().size())
{
    const LadderMetrics& m = style.metrics();
    m_baseRowHeight = m.rowHeight;
    m_minRowHeight = m.minRowHeight;
    m_headerHeight = m.headerHeight;
    m_timeColumnWidth = m.timeColumnWidth;
    m_lineHeight = m.lineHeight;
    m_padding = m.padding;
    m_arrowHeadLength = m.arrowHeadLength;
    m_selfLoopWidth = m.selfLoopWidth;
    m_minColumnSpacing = std::ceil(m.em * 4);

    // Labels repeat a lot ("100 Trying"): measure each distinct text once.
    std::unordered_set<std::string_view> headerLabels;
    for (const core::LadderColumn& column : layout.columns())
        headerLabels.insert(column.label);
    std::unordered_set<std::string_view> arrowLabels;
    bool anyBadge = false;
    // A label with a cause badge needs room for both (few rows have one: measured one by one).
    qreal causeNeed = 0;
    const QFontMetricsF strongFm(style.strongLabelFont());
    const QFontMetricsF badgeFm(style.badgeFont());
    for (const core::LadderRow& row : layout.rows()) {
        arrowLabels.insert(row.label);
        if (!row.causeBadge.empty()) {
            const auto text = [](const std::string& value) {
                return QString::fromUtf8(value.data(), static_cast<qsizetype>(value.size()));
            };
            causeNeed = std::max(causeNeed,
                strongFm.horizontalAdvance(text(row.label))
                    + std::ceil(badgeFm.horizontalAdvance(text(row.causeBadge)) + m.em * 0.7) + m.padding);
        }
        anyBadge = anyBadge || row.hasSdp || row.copies > 1;
        m_loopOnLastColumn
            = m_loopOnLastColumn || (row.fromColumn == row.toColumn && row.fromColumn + 1u == m_columnCount);
    }
    const qreal headerNeed = widestText(QFontMetricsF(style.headerFont()), headerLabels) + 5 * m.padding;
    // Rounded up: the spacing is rounded to whole pixels below, and a label with its cause badge that
    // needs every fraction of a pixel would lose the badge to rounding.
    const qreal labelNeed = std::ceil(
        std::max(widestText(strongFm, arrowLabels) + (anyBadge ? m.badgeWidth + m.padding : 0), causeNeed)
        + 2 * m.padding + 2 * m.arrowHeadLength);
    m_baseColumnSpacing = std::clamp(std::max(headerNeed, labelNeed), m.minColumnSpacing, m.maxColumnSpacing);
    m_leftMargin = std::ceil(std::max(std::min(headerNeed, m.maxColumnSpacing) / 2, m.arrowHeadLength + 2 * m.padding));
    m_rightMargin = m_leftMargin;
    *this = zoomed(zoom);
}

qreal LadderGeometry::clampZoom(qreal zoom)
{
    if (!(zoom > 0))
        return 1.0;
    return std::clamp(zoom, kMinZoom, kMaxZoom);
}

LadderGeometry LadderGeometry::zoomed(qreal zoom) const
{
    LadderGeometry result = *this;
    result.m_zoom = clampZoom(zoom);
    result.m_rowHeight = std::round(std::max(m_minRowHeight, m_baseRowHeight * result.m_zoom));
    // At zoom 1 the lifelines spread over the fitted width (within a limit); zoom scales from there.
    qreal base = m_baseColumnSpacing;
    if (m_fitWidth > 0 && m_columnCount > 1) {
        const qreal rightMargin = m_loopOnLastColumn ? std::max(m_leftMargin, base) : m_rightMargin;
        const qreal available = m_fitWidth - m_timeColumnWidth - m_leftMargin - rightMargin;
        const qreal spread = std::floor(available / static_cast<qreal>(m_columnCount - 1));
        base = std::max(base, std::min(spread, kMaxStretch * base));
    }
    result.m_columnSpacing = std::round(std::max(m_minColumnSpacing, base * result.m_zoom));
    if (m_loopOnLastColumn)
        result.m_rightMargin = std::max(m_leftMargin, result.m_columnSpacing);
    return result;
}

LadderGeometry LadderGeometry::fittedToWidth(qreal width) const
{
    LadderGeometry result = *this;
    result.m_fitWidth = std::max<qreal>(0, width);
    return result.zoomed(m_zoom);
}

QSizeF LadderGeometry::contentSize() const
{
    if (m_columnCount == 0)
        return { m_timeColumnWidth, m_headerHeight + m_rowHeight * static_cast<qreal>(m_rowCount) };
    const qreal width
        = m_timeColumnWidth + m_leftMargin + m_columnSpacing * static_cast<qreal>(m_columnCount - 1) + m_rightMargin;
    const qreal height = m_headerHeight + m_rowHeight * static_cast<qreal>(m_rowCount) + m_rowHeight / 2;
    return { width, height };
}

qreal LadderGeometry::arrowY(std::size_t row) const
{
    return pixelCentre(rowTop(row) + m_rowHeight * 0.68);
}

qreal LadderGeometry::textTop(std::size_t row) const
{
    return arrowY(row) - std::ceil(m_lineHeight * 0.15) - m_lineHeight;
}

qreal LadderGeometry::loopOutY(std::size_t row) const
{
    return pixelCentre(rowTop(row) + m_rowHeight * 0.42);
}

qreal LadderGeometry::loopReturnY(std::size_t row) const
{
    return pixelCentre(rowTop(row) + m_rowHeight * 0.9);
}

std::optional<std::size_t> LadderGeometry::rowAt(qreal y) const
{
    if (m_rowHeight <= 0 || y < m_headerHeight)
        return std::nullopt;
    const auto row = static_cast<std::size_t>((y - m_headerHeight) / m_rowHeight);
    if (row >= m_rowCount)
        return std::nullopt;
    return row;
}

qreal LadderGeometry::columnX(std::size_t column) const
{
    return pixelCentre(m_timeColumnWidth + m_leftMargin + m_columnSpacing * static_cast<qreal>(column));
}

QRectF LadderGeometry::rowRect(std::size_t row) const
{
    return { 0, rowTop(row), contentSize().width(), m_rowHeight };
}

QRectF LadderGeometry::labelRect(const core::LadderRow& row, std::size_t rowIndex) const
{
    const qreal fromX = columnX(row.fromColumn);
    if (row.fromColumn == row.toColumn) {
        // Beside the loop, centred on it, up to the next lifeline.
        const qreal left = fromX + m_selfLoopWidth + m_padding;
        const qreal top = std::round((loopOutY(rowIndex) + loopReturnY(rowIndex) - m_lineHeight) / 2);
        return { left, top, std::max<qreal>(0, fromX + m_columnSpacing - m_padding - left), m_lineHeight };
    }
    const qreal toX = columnX(row.toColumn);
    const qreal left = std::min(fromX, toX) + m_arrowHeadLength + m_padding;
    const qreal right = std::max(fromX, toX) - m_arrowHeadLength - m_padding;
    return { left, textTop(rowIndex), std::max<qreal>(0, right - left), m_lineHeight };
}

QRectF LadderGeometry::arrowRect(const core::LadderRow& row, std::size_t rowIndex) const
{
    const QRectF label = labelRect(row, rowIndex);
    const qreal fromX = columnX(row.fromColumn);
    const qreal margin = m_arrowHeadLength / 2;
    if (row.fromColumn == row.toColumn) {
        const qreal top = std::min(loopOutY(rowIndex) - margin, label.top());
        const qreal bottom = std::max(loopReturnY(rowIndex) + margin, label.bottom());
        const qreal right = std::max(fromX + m_selfLoopWidth + margin, label.right());
        return { fromX - margin, top, right - (fromX - margin), bottom - top };
    }
    const qreal toX = columnX(row.toColumn);
    const qreal left = std::min(fromX, toX) - margin;
    const qreal right = std::max(fromX, toX) + margin;
    const qreal bottom = arrowY(rowIndex) + margin;
    return { left, label.top(), right - left, bottom - label.top() };
}

RowRange LadderGeometry::visibleRows(const QRectF& viewportRect, const QPointF& scrollOffset) const
{
    if (m_rowCount == 0 || m_rowHeight <= 0 || viewportRect.isEmpty())
        return {};
    // Rows start below the header in the viewport too, whatever the scroll offset.
    const qreal top = std::max(viewportRect.top(), m_headerHeight) + scrollOffset.y() - m_headerHeight;
    const qreal bottom = viewportRect.bottom() + scrollOffset.y() - m_headerHeight;
    if (bottom <= top || bottom <= 0)
        return {};
    const qreal rows = static_cast<qreal>(m_rowCount);
    const qreal first = std::clamp(std::floor(top / m_rowHeight), 0.0, rows);
    const qreal last = std::clamp(std::ceil(bottom / m_rowHeight), 0.0, rows);
    return { static_cast<std::size_t>(first), static_cast<std::size_t>(last) };
}

std::optional<std::size_t> LadderGeometry::hitTest(
    const core::LadderLayout& layout, const QPointF& viewportPoint, const QPointF& scrollOffset) const
{
    if (viewportPoint.y() < m_headerHeight || viewportPoint.x() < 0)
        return std::nullopt;
    const auto row = rowAt(viewportPoint.y() + scrollOffset.y());
    if (!row || *row >= layout.rows().size())
        return std::nullopt;
    if (viewportPoint.x() < m_timeColumnWidth)
        return row;
    const QPointF contentPoint = viewportPoint + scrollOffset;
    if (arrowRect(layout.rows()[*row], *row).contains(contentPoint))
        return row;
    return std::nullopt;
}

} // namespace sipladder::render
