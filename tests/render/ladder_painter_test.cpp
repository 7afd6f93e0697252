// SPDX-License-Identifier: Apache-2.0
#include "ladder_geometry.h"
#include "ladder_painter.h"
#include "ladder_style.h"
#include "render/synthetic_ladder.h"

#include <QGuiApplication>
#include <QImage>
#include <QPainter>

#include <gtest/gtest.h>

#include <cmath>

using namespace sipladder;
using sipladder::render::LadderGeometry;
using sipladder::render::LadderPainter;
using sipladder::render::LadderStyle;
using sipladder::render::PaintState;
using sipladder::render::RowRange;

namespace {

enum Row : std::size_t { FailedInvite, NotFound, Ok, Retransmitted, Icmp, RowCount };

core::LadderLayout ladder()
{
    using core::ArrowTone;
    std::vector<core::LadderRow> rows = {
        synthetic::syntheticRow(0, 1, ArrowTone::Error, "INVITE"),
        synthetic::syntheticRow(1, 0, ArrowTone::Error, "404 Not Found"),
        synthetic::syntheticRow(1, 0, ArrowTone::Success, "200 OK"),
        synthetic::syntheticRow(0, 1, ArrowTone::Request, "INVITE"),
        synthetic::syntheticRow(1, 0, ArrowTone::Icmp, "ICMP port unreachable"),
    };
    rows[Ok].hasSdp = true;
    rows[Retransmitted].retransmission = true;
    rows[Icmp].kind = core::LadderRow::Kind::Icmp;
    synthetic::numberRows(rows);
    return core::LadderLayout::fromParts(
        { synthetic::syntheticColumn(10), synthetic::syntheticColumn(20) }, std::move(rows));
}

QPalette darkPalette()
{
    QPalette palette;
    palette.setColor(QPalette::Window, QColor(0x2d, 0x2d, 0x2d));
    palette.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    palette.setColor(QPalette::AlternateBase, QColor(0x26, 0x26, 0x26));
    palette.setColor(QPalette::Text, QColor(0xe0, 0xe0, 0xe0));
    palette.setColor(QPalette::WindowText, QColor(0xe0, 0xe0, 0xe0));
    palette.setColor(QPalette::Highlight, QColor(0x3d, 0x7a, 0xb8));
    palette.setColor(QPalette::HighlightedText, Qt::white);
    return palette;
}

QPalette lightPalette()
{
    QPalette palette;
    palette.setColor(QPalette::Window, QColor(0xef, 0xef, 0xef));
    palette.setColor(QPalette::Base, Qt::white);
    palette.setColor(QPalette::Text, Qt::black);
    palette.setColor(QPalette::Highlight, QColor(0x30, 0x8c, 0xc6));
    return palette;
}

int distance(const QColor& a, const QColor& b)
{
    return std::abs(a.red() - b.red()) + std::abs(a.green() - b.green()) + std::abs(a.blue() - b.blue());
}

struct Rendered {
    QImage image;
    LadderGeometry geometry;
};

Rendered render(const core::LadderLayout& layout, const LadderStyle& style, PaintState state = {},
    std::optional<RowRange> rows = std::nullopt, qreal devicePixelRatio = 1.0)
{
    const LadderGeometry geometry(layout, style);
    const QSize size(int(geometry.contentSize().width()), int(geometry.contentSize().height()));
    QImage image(size * devicePixelRatio, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(devicePixelRatio);
    image.fill(Qt::transparent);
    state.viewport = QRectF(QPointF(0, 0), QSizeF(size));
    QPainter painter(&image);
    LadderPainter(geometry).paint(painter, layout, rows.value_or(geometry.visibleRows(state.viewport)), style, state);
    painter.end();
    return { image, geometry };
}

// A point on the line of a row's arrow, a quarter of the way from its tail (away from labels and heads).
QPointF onArrowLine(const LadderGeometry& geometry, const core::LadderRow& row, std::size_t index)
{
    const qreal from = geometry.columnX(row.fromColumn);
    const qreal to = geometry.columnX(row.toColumn);
    return { from + (to - from) / 4, std::floor(geometry.arrowY(index)) };
}

QColor pixel(const Rendered& rendered, QPointF point)
{
    const qreal ratio = rendered.image.devicePixelRatio();
    return rendered.image.pixelColor(int(point.x() * ratio), int(point.y() * ratio));
}

void expectFailureStandsOut(const QPalette& palette)
{
    const core::LadderLayout layout = ladder();
    const LadderStyle style(palette, QGuiApplication::font());
    const Rendered rendered = render(layout, style);
    const QColor error = style.toneColor(core::ArrowTone::Error);
    const QColor success = style.toneColor(core::ArrowTone::Success);
    for (std::size_t row : { FailedInvite, NotFound }) {
        const QColor seen = pixel(rendered, onArrowLine(rendered.geometry, layout.rows()[row], row));
        EXPECT_LT(distance(seen, error), 30) << "row " << row << " drawn " << seen.name().toStdString();
    }
    const QColor seen = pixel(rendered, onArrowLine(rendered.geometry, layout.rows()[Ok], Ok));
    EXPECT_GT(distance(seen, error), 150) << seen.name().toStdString();
    EXPECT_LT(distance(seen, success), 30) << seen.name().toStdString();
    // Both read against the background.
    EXPECT_GT(distance(error, style.background()), 200);
    EXPECT_GT(distance(success, style.background()), 200);
}

TEST(LadderPainter, FailingArrowInTheErrorColourAndSuccessNot)
{
    expectFailureStandsOut(lightPalette());
}

TEST(LadderPainter, DarkPaletteStillTellsFailureFromSuccess)
{
    EXPECT_TRUE(LadderStyle::isDarkPalette(darkPalette()));
    EXPECT_FALSE(LadderStyle::isDarkPalette(lightPalette()));
    expectFailureStandsOut(darkPalette());
    const LadderStyle dark(darkPalette(), QGuiApplication::font());
    const LadderStyle light(lightPalette(), QGuiApplication::font());
    EXPECT_TRUE(dark.isDark());
    // The dark palette uses lighter tones, not the light palette's ones.
    EXPECT_GT(
        dark.toneColor(core::ArrowTone::Success).lightness(), light.toneColor(core::ArrowTone::Success).lightness());
    EXPECT_GT(dark.toneColor(core::ArrowTone::Request).lightness(), 160);
}

TEST(LadderPainter, TonesAreDistinct)
{
    using core::ArrowTone;
    for (const QPalette& palette : { lightPalette(), darkPalette() }) {
        const LadderStyle style(palette, QGuiApplication::font());
        const QColor error = style.toneColor(ArrowTone::Error);
        for (ArrowTone tone : { ArrowTone::Request, ArrowTone::Provisional, ArrowTone::Success, ArrowTone::Redirect,
                 ArrowTone::Challenge, ArrowTone::Cancelled, ArrowTone::Icmp })
            EXPECT_GT(distance(style.toneColor(tone), error), 100) << int(tone);
        EXPECT_GT(distance(style.toneColor(ArrowTone::Challenge), style.toneColor(ArrowTone::Cancelled)), 60);
        EXPECT_GT(distance(style.toneColor(ArrowTone::Provisional), style.toneColor(ArrowTone::Success)), 60);
        EXPECT_NE(style.slotColor(0), style.slotColor(1));
        EXPECT_EQ(style.slotColor(0), style.slotColor(12));
    }
}

TEST(LadderPainter, HiDpiImageKeepsTheColours)
{
    const core::LadderLayout layout = ladder();
    const LadderStyle style(lightPalette(), QGuiApplication::font());
    const Rendered rendered = render(layout, style, {}, std::nullopt, 2.0);
    const QPointF point = onArrowLine(rendered.geometry, layout.rows()[NotFound], NotFound);
    EXPECT_LT(distance(pixel(rendered, point), style.toneColor(core::ArrowTone::Error)), 30);
}

TEST(LadderPainter, PaintsOnlyTheRowsAskedFor)
{
    const core::LadderLayout layout = ladder();
    const LadderStyle style(lightPalette(), QGuiApplication::font());
    const Rendered rendered = render(layout, style, {}, RowRange { Ok, Ok + 1 });
    EXPECT_EQ(pixel(rendered, onArrowLine(rendered.geometry, layout.rows()[NotFound], NotFound)).rgb(),
        style.background().rgb());
    EXPECT_LT(distance(pixel(rendered, onArrowLine(rendered.geometry, layout.rows()[Ok], Ok)),
                  style.toneColor(core::ArrowTone::Success)),
        30);
}

TEST(LadderPainter, RetransmissionDashedAndIcmpDistinct)
{
    const core::LadderLayout layout = ladder();
    const LadderStyle style(lightPalette(), QGuiApplication::font());
    const Rendered rendered = render(layout, style);
    const LadderGeometry& g = rendered.geometry;
    // Count background pixels along the line's middle half: a solid line has none, a dashed one some.
    auto gaps = [&](std::size_t row) {
        const qreal from = g.columnX(0) + g.columnSpacing() / 4;
        const qreal to = g.columnX(1) - g.columnSpacing() / 4;
        int count = 0;
        for (qreal x = from; x < to; x += 1)
            count += pixel(rendered, QPointF(x, std::floor(g.arrowY(row)))).rgb() == style.background().rgb() ? 1 : 0;
        return count;
    };
    EXPECT_EQ(gaps(FailedInvite), 0);
    EXPECT_GT(gaps(Retransmitted), 3);
    EXPECT_GT(gaps(Icmp), 3);
    // The ICMP row is in its own colour somewhere on its line.
    const QColor icmp = style.toneColor(core::ArrowTone::Icmp);
    int icmpPixels = 0;
    for (qreal x = g.columnX(0) + 2; x < g.columnX(1) - 2; x += 1)
        icmpPixels += distance(pixel(rendered, QPointF(x, std::floor(g.arrowY(Icmp)))), icmp) < 60 ? 1 : 0;
    EXPECT_GT(icmpPixels, 5);
}

TEST(LadderPainter, SelectionFillsTheRowBand)
{
    const core::LadderLayout layout = ladder();
    const LadderStyle style(lightPalette(), QGuiApplication::font());
    PaintState state;
    state.selectedRows = { Ok };
    const Rendered rendered = render(layout, style, state);
    const LadderGeometry& g = rendered.geometry;
    const qreal right = g.contentSize().width() - 2;
    EXPECT_EQ(pixel(rendered, QPointF(right, g.rowTop(Ok) + 2)).rgb(), style.selectionFill().rgb());
    EXPECT_EQ(pixel(rendered, QPointF(right, g.rowTop(NotFound) + 2)).rgb(), style.background().rgb());
    // The arrow stays in its colour on the selection.
    EXPECT_LT(
        distance(pixel(rendered, onArrowLine(g, layout.rows()[Ok], Ok)), style.toneColor(core::ArrowTone::Success)),
        30);
}

TEST(LadderPainter, HeaderStaysWhileRowsScroll)
{
    const core::LadderLayout layout = synthetic::syntheticLadder(200, 2);
    const LadderStyle style(lightPalette(), QGuiApplication::font());
    const LadderGeometry geometry(layout, style);
    QImage top(800, 400, QImage::Format_ARGB32_Premultiplied);
    QImage scrolled = top;
    PaintState state;
    state.viewport = QRectF(0, 0, 800, 400);
    for (QImage* image : { &top, &scrolled }) {
        QPainter painter(image);
        LadderPainter(geometry).paint(
            painter, layout, geometry.visibleRows(state.viewport, state.scrollOffset), style, state);
        state.scrollOffset = QPointF(0, 50 * geometry.rowHeight());
    }
    const int header = int(geometry.headerHeight());
    EXPECT_EQ(top.copy(0, 0, 800, header), scrolled.copy(0, 0, 800, header));
    EXPECT_NE(top.copy(0, header, 800, 400 - header), scrolled.copy(0, header, 800, 400 - header));
}

// A report paints the ladder into part of a page: nothing may land below the viewport (the time
// column's background once ran a header's height past it, over the caption under the ladder).
TEST(LadderPainter, NothingIsPaintedOutsideTheViewport)
{
    const core::LadderLayout layout = ladder();
    const LadderStyle style(lightPalette(), QGuiApplication::font());
    const LadderGeometry geometry(layout, style);
    const QSize content(int(geometry.contentSize().width()), int(geometry.contentSize().height()));
    QImage image(content + QSize(0, 200), QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    PaintState state;
    state.viewport = QRectF(QPointF(0, 0), QSizeF(content));
    QPainter painter(&image);
    LadderPainter(geometry).paint(painter, layout, geometry.visibleRows(state.viewport), style, state);
    painter.end();
    for (int y = content.height() + 1; y < image.height(); y += 7)
        for (int x = 0; x < image.width(); x += 5)
            ASSERT_EQ(image.pixelColor(x, y).alpha(), 0) << "painted at " << x << "," << y;
    // And the time column is painted inside it.
    EXPECT_NE(image.pixelColor(2, content.height() - 2).alpha(), 0);
}

TEST(LadderPainter, TimeAndDeltaText)
{
    constexpr std::int64_t ms = 1'000'000;
    EXPECT_EQ(LadderPainter::formatTime(1795514400LL * 1000 * ms + 2110 * ms), QStringLiteral("10:00:02.110"));
    EXPECT_EQ(LadderPainter::formatTime(0), QStringLiteral("00:00:00.000"));
    EXPECT_EQ(LadderPainter::formatTime(-ms), QStringLiteral("23:59:59.999"));
    EXPECT_EQ(LadderPainter::formatDelta(110 * ms), QStringLiteral("+0.110"));
    EXPECT_EQ(LadderPainter::formatDelta(0), QStringLiteral("+0.000"));
    EXPECT_EQ(LadderPainter::formatDelta(123'460 * ms), QStringLiteral("+123.5"));
    EXPECT_EQ(LadderPainter::formatDelta(86'400'000 * ms), QStringLiteral("+86400s"));
}

} // namespace
