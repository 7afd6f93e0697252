// SPDX-License-Identifier: Apache-2.0
#include "ladder_geometry.h"
#include "ladder_style.h"
#include "render/synthetic_ladder.h"

#include <QFontMetricsF>
#include <QGuiApplication>

#include <gtest/gtest.h>

using namespace sipladder;
using sipladder::render::LadderGeometry;
using sipladder::render::LadderStyle;
using sipladder::render::RowRange;

namespace {

// INVITE 0->1, 404 1->0 (failure), 200 0->2 across a lifeline, OPTIONS 1->1 (a loop).
core::LadderLayout smallLadder()
{
    using core::ArrowTone;
    std::vector<core::LadderRow> rows = {
        synthetic::syntheticRow(0, 1, ArrowTone::Error, "INVITE"),
        synthetic::syntheticRow(1, 0, ArrowTone::Error, "404 Not Found"),
        synthetic::syntheticRow(0, 2, ArrowTone::Success, "200 OK"),
        synthetic::syntheticRow(1, 1, ArrowTone::Request, "OPTIONS"),
    };
    synthetic::numberRows(rows);
    return core::LadderLayout::fromParts(
        { synthetic::syntheticColumn(10), synthetic::syntheticColumn(1), synthetic::syntheticColumn(20) },
        std::move(rows));
}

class LadderGeometryTest : public ::testing::Test {
protected:
    LadderStyle style { QGuiApplication::palette(), QGuiApplication::font() };
    core::LadderLayout layout = smallLadder();
    LadderGeometry geometry { layout, style };
};

TEST_F(LadderGeometryTest, SizesFollowTheFont)
{
    const QFontMetricsF fm(QGuiApplication::font());
    EXPECT_GT(geometry.rowHeight(), fm.height());
    EXPECT_GE(geometry.headerHeight(), fm.height());
    EXPECT_GT(geometry.timeColumnWidth(), fm.horizontalAdvance(QStringLiteral("00:00:00.000")));
    // The longest lifeline label fits between two lifelines.
    EXPECT_GT(geometry.columnSpacing(),
        QFontMetricsF(style.headerFont()).horizontalAdvance(QStringLiteral("198.51.100.10:5060")));
    EXPECT_EQ(geometry.rowCount(), 4u);
    EXPECT_EQ(geometry.columnCount(), 3u);

    QFont big = QGuiApplication::font();
    big.setPointSizeF(big.pointSizeF() * 2);
    const LadderStyle bigStyle(QGuiApplication::palette(), big);
    const LadderGeometry bigGeometry(layout, bigStyle);
    EXPECT_GT(bigGeometry.rowHeight(), geometry.rowHeight() * 1.5);
    EXPECT_GT(bigGeometry.columnSpacing(), geometry.columnSpacing() * 1.5);
}

TEST_F(LadderGeometryTest, RowsToYAndBack)
{
    const qreal h = geometry.rowHeight();
    EXPECT_DOUBLE_EQ(geometry.rowTop(0), geometry.headerHeight());
    EXPECT_DOUBLE_EQ(geometry.rowTop(3), geometry.headerHeight() + 3 * h);
    EXPECT_DOUBLE_EQ(geometry.rowBottom(1), geometry.rowTop(2));
    for (std::size_t row = 0; row < 4; ++row) {
        EXPECT_EQ(geometry.rowAt(geometry.rowTop(row)), row);
        EXPECT_EQ(geometry.rowAt(geometry.rowBottom(row) - 0.01), row);
        EXPECT_EQ(geometry.rowAt(geometry.arrowY(row)), row);
        EXPECT_GT(geometry.arrowY(row), geometry.rowTop(row));
        EXPECT_LT(geometry.arrowY(row), geometry.rowBottom(row));
        EXPECT_LT(geometry.textTop(row) + QFontMetricsF(QGuiApplication::font()).height(), geometry.arrowY(row));
        EXPECT_GE(geometry.textTop(row), geometry.rowTop(row));
        EXPECT_LT(geometry.loopReturnY(row), geometry.rowBottom(row));
        EXPECT_GT(geometry.loopOutY(row), geometry.rowTop(row));
        EXPECT_GT(geometry.loopReturnY(row), geometry.loopOutY(row));
    }
    EXPECT_FALSE(geometry.rowAt(geometry.headerHeight() - 1));
    EXPECT_FALSE(geometry.rowAt(geometry.rowBottom(3)));
    EXPECT_GE(geometry.contentSize().height(), geometry.rowBottom(3));
}

TEST_F(LadderGeometryTest, ColumnsToX)
{
    const qreal spacing = geometry.columnSpacing();
    EXPECT_GT(geometry.columnX(0), geometry.timeColumnWidth());
    EXPECT_NEAR(geometry.columnX(1) - geometry.columnX(0), spacing, 1.0);
    EXPECT_NEAR(geometry.columnX(2) - geometry.columnX(1), spacing, 1.0);
    EXPECT_LT(geometry.columnX(2), geometry.contentSize().width());
    // Lifelines sit on pixel centres, so one-pixel lines are crisp.
    EXPECT_DOUBLE_EQ(geometry.columnX(1) - std::floor(geometry.columnX(1)), 0.5);
}

TEST_F(LadderGeometryTest, LabelsSitAboveTheirArrowBetweenTheLifelines)
{
    const auto& rows = layout.rows();
    const QRectF label = geometry.labelRect(rows[1], 1);
    EXPECT_LT(label.bottom(), geometry.arrowY(1));
    EXPECT_GE(label.top(), geometry.rowTop(1));
    EXPECT_GT(label.left(), geometry.columnX(0));
    EXPECT_LT(label.right(), geometry.columnX(1));
    // Across a lifeline the label may use the whole span.
    EXPECT_GT(geometry.labelRect(rows[2], 2).width(), geometry.columnSpacing());
    // A loop's label is to the right of its loop, beside it.
    const QRectF loopLabel = geometry.labelRect(rows[3], 3);
    EXPECT_GT(loopLabel.left(), geometry.columnX(1) + style.metrics().selfLoopWidth);
    EXPECT_LT(loopLabel.right(), geometry.columnX(2));
    EXPECT_LT(loopLabel.top(), geometry.loopReturnY(3));
    EXPECT_GT(loopLabel.bottom(), geometry.loopOutY(3));
}

TEST_F(LadderGeometryTest, VisibleRowsForARect)
{
    const qreal h = geometry.rowHeight();
    const qreal top = geometry.headerHeight();
    // Whole ladder in a tall viewport.
    EXPECT_EQ(geometry.visibleRows(QRectF(0, 0, 800, top + 10 * h)), (RowRange { 0, 4 }));
    // Only the header: no rows.
    EXPECT_TRUE(geometry.visibleRows(QRectF(0, 0, 800, top)).isEmpty());
    // Row 1 and half of row 2 below the header.
    EXPECT_EQ(geometry.visibleRows(QRectF(0, 0, 800, top + 1.5 * h), QPointF(0, h)), (RowRange { 1, 3 }));
    // A rect touching a row's top edge does not include it.
    EXPECT_EQ(geometry.visibleRows(QRectF(0, top, 800, h)), (RowRange { 0, 1 }));
    // A strip inside row 2 (an update rect), scrolled by one row.
    EXPECT_EQ(geometry.visibleRows(QRectF(0, top + 1.2 * h, 800, 0.5 * h), QPointF(0, h)), (RowRange { 2, 3 }));
    // Scrolled past the end.
    EXPECT_TRUE(geometry.visibleRows(QRectF(0, 0, 800, 600), QPointF(0, 100 * h)).isEmpty());
    // O(1) on a large ladder: the range is computed, not searched.
    const core::LadderLayout big = synthetic::syntheticLadder(100'000);
    const LadderGeometry bigGeometry(big, style);
    const RowRange range
        = bigGeometry.visibleRows(QRectF(0, 0, 1400, 900), QPointF(0, 50'000 * bigGeometry.rowHeight()));
    EXPECT_EQ(range.first, 50'000u);
    EXPECT_LE(range.size(), static_cast<std::size_t>(900 / bigGeometry.rowHeight()) + 1);
}

TEST_F(LadderGeometryTest, HitTestOnArrowAndLabel)
{
    const auto& rows = layout.rows();
    // Middle of the 404 arrow line.
    const QPointF onArrow((geometry.columnX(0) + geometry.columnX(1)) / 2, geometry.arrowY(1));
    EXPECT_EQ(geometry.hitTest(layout, onArrow), 1u);
    // On its label.
    EXPECT_EQ(geometry.hitTest(layout, geometry.labelRect(rows[1], 1).center()), 1u);
    // Near the arrowhead at the target lifeline.
    EXPECT_EQ(geometry.hitTest(layout, QPointF(geometry.columnX(0) + 1, geometry.arrowY(1))), 1u);
    // The time cell selects its row.
    EXPECT_EQ(geometry.hitTest(layout, QPointF(geometry.timeColumnWidth() / 2, geometry.arrowY(2))), 2u);
    // The loop and its label.
    EXPECT_EQ(geometry.hitTest(
                  layout, QPointF(geometry.columnX(1) + style.metrics().selfLoopWidth / 2, geometry.loopReturnY(3))),
        3u);
    EXPECT_EQ(geometry.hitTest(
                  layout, QPointF(geometry.columnX(1) + style.metrics().selfLoopWidth / 2, geometry.loopOutY(3))),
        3u);
    EXPECT_EQ(geometry.hitTest(layout, geometry.labelRect(rows[3], 3).center()), 3u);
    // Beside a short arrow (row 1 spans lifelines 0-1, the point is between 1 and 2): nothing.
    EXPECT_FALSE(
        geometry.hitTest(layout, QPointF((geometry.columnX(1) + geometry.columnX(2)) / 2, geometry.arrowY(1))));
    // The header and below the last row: nothing.
    EXPECT_FALSE(geometry.hitTest(layout, QPointF(onArrow.x(), geometry.headerHeight() / 2)));
    EXPECT_FALSE(geometry.hitTest(layout, QPointF(onArrow.x(), geometry.rowBottom(3) + 1)));
    // Scrolled: the viewport point moves with the offset, the header and time column stay.
    const QPointF scroll(geometry.columnSpacing(), geometry.rowHeight());
    EXPECT_EQ(geometry.hitTest(layout, onArrow - scroll, scroll), 1u);
    EXPECT_EQ(geometry.hitTest(layout, QPointF(2, geometry.arrowY(2) - scroll.y()), scroll), 2u);
    EXPECT_FALSE(geometry.hitTest(layout, QPointF(onArrow.x(), geometry.headerHeight() - 1), scroll));
}

TEST_F(LadderGeometryTest, ZoomScalesRowsAndColumnsWithinLimits)
{
    const LadderGeometry twice = geometry.zoomed(2.0);
    EXPECT_DOUBLE_EQ(twice.zoom(), 2.0);
    EXPECT_NEAR(twice.rowHeight(), 2 * geometry.rowHeight(), 1.0);
    EXPECT_NEAR(twice.columnSpacing(), 2 * geometry.columnSpacing(), 1.0);
    // The header and time column keep their size: text is not zoomed.
    EXPECT_DOUBLE_EQ(twice.headerHeight(), geometry.headerHeight());
    EXPECT_DOUBLE_EQ(twice.timeColumnWidth(), geometry.timeColumnWidth());
    // Hit testing follows the zoom.
    const QPointF onArrow((twice.columnX(0) + twice.columnX(1)) / 2, twice.arrowY(1));
    EXPECT_EQ(twice.hitTest(layout, onArrow), 1u);

    const LadderGeometry out = geometry.zoomed(0.1);
    EXPECT_DOUBLE_EQ(out.zoom(), LadderGeometry::kMinZoom);
    EXPECT_GE(out.rowHeight(), style.metrics().minRowHeight);
    EXPECT_LT(out.columnSpacing(), geometry.columnSpacing());
    EXPECT_DOUBLE_EQ(geometry.zoomed(100).zoom(), LadderGeometry::kMaxZoom);
    EXPECT_DOUBLE_EQ(LadderGeometry::clampZoom(-1), 1.0);
    // Zooming back gives the original geometry.
    EXPECT_DOUBLE_EQ(twice.zoomed(1.0).rowHeight(), geometry.rowHeight());
    EXPECT_DOUBLE_EQ(twice.zoomed(1.0).columnSpacing(), geometry.columnSpacing());
}

TEST(LadderGeometryEmpty, EmptyLayoutHasNoRows)
{
    const LadderStyle style(QGuiApplication::palette(), QGuiApplication::font());
    const core::LadderLayout empty = core::LadderLayout::fromParts({}, {});
    const LadderGeometry geometry(empty, style);
    EXPECT_TRUE(geometry.visibleRows(QRectF(0, 0, 800, 600)).isEmpty());
    EXPECT_FALSE(geometry.hitTest(empty, QPointF(10, 100)));
    EXPECT_FALSE(geometry.rowAt(100));
    const LadderGeometry unset;
    EXPECT_TRUE(unset.visibleRows(QRectF(0, 0, 800, 600)).isEmpty());
}

} // namespace

TEST_F(LadderGeometryTest, FittingToAWideViewSpreadsTheLifelinesWithinALimit)
{
    const qreal natural = geometry.columnSpacing();
    const qreal width = geometry.contentSize().width();
    // A narrower view never squeezes the lifelines.
    EXPECT_EQ(geometry.fittedToWidth(width / 2).columnSpacing(), natural);
    // A somewhat wider one is filled exactly (to the pixel).
    const auto wider = geometry.fittedToWidth(width + 200);
    EXPECT_GT(wider.columnSpacing(), natural);
    EXPECT_NEAR(wider.contentSize().width(), width + 200, 2.0);
    EXPECT_LT(wider.columnX(1) - wider.columnX(0), natural + 101);
    // A very wide one stops at the stretch limit.
    EXPECT_NEAR(geometry.fittedToWidth(width * 50).columnSpacing(), natural * LadderGeometry::kMaxStretch, 2.0);
    // Zooming keeps the fit and scales from it.
    EXPECT_EQ(wider.zoomed(1.0).columnSpacing(), wider.columnSpacing());
    EXPECT_NEAR(wider.zoomed(2.0).columnSpacing(), 2 * wider.columnSpacing(), 1.0);
    EXPECT_EQ(wider.fittedToWidth(0).columnSpacing(), natural);
}
