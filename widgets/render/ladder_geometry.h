// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "layout/ladder_layout.h"

#include <QPointF>
#include <QRectF>
#include <QSizeF>

#include <cstddef>
#include <optional>

namespace sipladder::render {

class LadderStyle;

// A half-open range of ladder rows [first, last).
struct RowRange {
    std::size_t first = 0;
    std::size_t last = 0;

    bool isEmpty() const { return last <= first; }
    std::size_t size() const { return isEmpty() ? 0 : last - first; }
    bool contains(std::size_t row) const { return row >= first && row < last; }
    bool operator==(const RowRange&) const = default;
};

// Where the parts of a ladder are, in pixels, without painting (like hotspot's TimeLineData, so it is
// tested on its own). Content coordinates: the lifeline header is the band [0, headerHeight) at the
// top and the time column [0, timeColumnWidth) at the left; both stay in place while the rest
// scrolls, so the functions taking a viewport point also take the scroll offset.
class LadderGeometry {
public:
    static constexpr qreal kMinZoom = 0.5;
    static constexpr qreal kMaxZoom = 4.0;

    LadderGeometry() = default;
    // Measures the layout's lifeline and arrow labels once; the column spacing fits the longest
    // lifeline label and (within limits) the longest arrow label.
    LadderGeometry(const core::LadderLayout& layout, const LadderStyle& style, qreal zoom = 1.0);

    qreal zoom() const { return m_zoom; }
    // The same geometry at another zoom, without measuring the labels again.
    LadderGeometry zoomed(qreal zoom) const;
    // The same geometry with the lifelines spread to use `width` pixels (a view's width) when they
    // need less, up to kMaxStretch times their natural spacing; 0 turns spreading off.
    LadderGeometry fittedToWidth(qreal width) const;
    static constexpr qreal kMaxStretch = 3.0;
    static qreal clampZoom(qreal zoom);

    std::size_t rowCount() const { return m_rowCount; }
    std::size_t columnCount() const { return m_columnCount; }
    qreal rowHeight() const { return m_rowHeight; }
    qreal columnSpacing() const { return m_columnSpacing; }
    qreal headerHeight() const { return m_headerHeight; }
    qreal timeColumnWidth() const { return m_timeColumnWidth; }
    QSizeF contentSize() const;

    // Rows: y in content coordinates.
    qreal rowTop(std::size_t row) const { return m_headerHeight + static_cast<qreal>(row) * m_rowHeight; }
    qreal rowBottom(std::size_t row) const { return rowTop(row) + m_rowHeight; }
    // The y of a row's arrow line.
    qreal arrowY(std::size_t row) const;
    // The top of a row's label and time texts (a loop's label is beside its loop instead).
    qreal textTop(std::size_t row) const;
    // Where a self-message's loop leaves its lifeline and where it comes back.
    qreal loopOutY(std::size_t row) const;
    qreal loopReturnY(std::size_t row) const;
    // The row whose band holds content y, if any.
    std::optional<std::size_t> rowAt(qreal y) const;

    // Columns: the x of a lifeline's centre in content coordinates.
    qreal columnX(std::size_t column) const;

    // The whole band of a row, across the content width.
    QRectF rowRect(std::size_t row) const;
    // The arrow of a row with its arrowhead (or loop) and its label, for hit testing and scrolling to.
    QRectF arrowRect(const core::LadderRow& row, std::size_t rowIndex) const;
    // Where the label is drawn: above the arrow between its lifelines, or right of a loop.
    QRectF labelRect(const core::LadderRow& row, std::size_t rowIndex) const;

    // Rows that a viewport rect shows at a scroll offset (rows under the header are not shown).
    // O(1): rows have a fixed height.
    RowRange visibleRows(const QRectF& viewportRect, const QPointF& scrollOffset = {}) const;

    // The row whose arrow or label is under a viewport point, or whose time cell is (the time
    // column selects its row); nothing over the header or beside an arrow.
    std::optional<std::size_t> hitTest(
        const core::LadderLayout& layout, const QPointF& viewportPoint, const QPointF& scrollOffset = {}) const;

private:
    std::size_t m_rowCount = 0;
    std::size_t m_columnCount = 0;
    qreal m_zoom = 1.0;
    qreal m_baseRowHeight = 0;
    qreal m_minRowHeight = 0;
    qreal m_baseColumnSpacing = 0;
    qreal m_minColumnSpacing = 0;
    qreal m_rowHeight = 0;
    qreal m_columnSpacing = 0;
    qreal m_leftMargin = 0; // time column to the first lifeline: half a lifeline label
    qreal m_rightMargin = 0; // last lifeline to the edge: half a label, or a column for loops there
    bool m_loopOnLastColumn = false;
    qreal m_fitWidth = 0;
    qreal m_headerHeight = 0;
    qreal m_timeColumnWidth = 0;
    qreal m_lineHeight = 0;
    qreal m_padding = 0;
    qreal m_arrowHeadLength = 0;
    qreal m_selfLoopWidth = 0;
};

} // namespace sipladder::render
