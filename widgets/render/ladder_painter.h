// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "ladder_geometry.h"
#include "layout/ladder_layout.h"

#include <QColor>
#include <QFont>
#include <QPointF>
#include <QRectF>
#include <QString>

#include <cstddef>
#include <optional>
#include <vector>

class QPainter;

namespace sipladder::render {

class LadderStyle;

// What the viewer adds to the ladder: the scroll position and the rows the user marked.
struct PaintState {
    QPointF scrollOffset; // content point shown at the viewport's top-left, beside the fixed header and time column
    QRectF viewport; // the area painted, in viewport coordinates (usually the whole viewport)
    std::vector<std::size_t> selectedRows; // sorted
    std::optional<std::size_t> currentRow;
    std::optional<std::size_t> hoveredRow;
    std::vector<std::size_t> comparePickedRows; // at most two, in the order picked
    bool active = true; // the view has the focus: the selection in the active colour
    bool showCallSlots = true; // a colour bar per call in the left margin (when several calls are drawn)
};

// Paints a ladder, or the given rows of it, in a viewport: the lifeline header, lifelines, arrows with
// their labels and the time column. It paints only the rows asked for (the caller asks
// LadderGeometry::visibleRows), so its cost follows the viewport, not the ladder's length. The same
// code renders exports onto a QImage, an SVG or a PDF painter.
class LadderPainter {
public:
    // Where the parts of an arrow's label go: the text (elided to fit), the "×N" of folded
    // duplicates, the SDP badge and the diagnosis's cause badge. Marks that do not fit are left
    // out (empty rects): the label first, then the cause badge, then the rest.
    struct LabelLayout {
        QString text;
        QPointF textOrigin; // baseline start
        qreal textWidth = 0;
        QString copies;
        QPointF copiesOrigin;
        QRectF sdpBadge;
        QRectF causeBadge;
        QRectF clearRect; // the band cleared behind a label whose arrow crosses lifelines
        bool crossesLifelines = false;
    };

    explicit LadderPainter(const LadderGeometry& geometry);

    LabelLayout labelLayout(const core::LadderRow& row, std::size_t rowIndex, const LadderStyle& style) const;

    void paint(QPainter& painter, const core::LadderLayout& layout, RowRange rows, const LadderStyle& style,
        const PaintState& state) const;

    // "10:00:02.110" (UTC time of day, milliseconds) and "+0.110" (seconds since the previous row).
    static QString formatTime(std::int64_t timestampNs);
    static QString formatDelta(std::int64_t deltaNs);
    // The width of a cause badge ("number-format") in the badge font, with its margins.
    static qreal causeBadgeWidth(const QString& cause, const LadderStyle& style);

private:
    static const QFont& labelFont(const core::LadderRow& row, const LadderStyle& style);
    void paintRowBackgrounds(QPainter& painter, const core::LadderLayout& layout, RowRange rows,
        const LadderStyle& style, const PaintState& state) const;
    void paintLifelines(QPainter& painter, const LadderStyle& style, const PaintState& state) const;
    void paintArrow(
        QPainter& painter, const core::LadderRow& row, std::size_t rowIndex, const LadderStyle& style) const;
    void paintLabel(QPainter& painter, const core::LadderRow& row, std::size_t rowIndex, const LadderStyle& style,
        const QColor& band) const;
    void paintTimeCell(QPainter& painter, const core::LadderRow& row, std::size_t rowIndex, const LadderStyle& style,
        const PaintState& state) const;
    void paintHeader(
        QPainter& painter, const core::LadderLayout& layout, const LadderStyle& style, const PaintState& state) const;

    const LadderGeometry& m_geometry;
};

} // namespace sipladder::render
