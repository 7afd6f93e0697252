// SPDX-License-Identifier: Apache-2.0
// The diagnosis's cause badge on the ladder: painted beside the failing response's label, in the
// error colour (information muted), with room made for it.
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

namespace {

enum Row : std::size_t { Invite, Trying, NotFound, Ack, Cancel, Terminated, RowCount };

core::LadderLayout ladder()
{
    using core::ArrowTone;
    std::vector<core::LadderRow> rows = {
        synthetic::syntheticRow(0, 1, ArrowTone::Error, "INVITE"),
        synthetic::syntheticRow(1, 0, ArrowTone::Provisional, "100 Trying"),
        synthetic::syntheticRow(1, 0, ArrowTone::Error, "404 Not Found"),
        synthetic::syntheticRow(0, 1, ArrowTone::Request, "ACK"),
        synthetic::syntheticRow(0, 1, ArrowTone::Request, "CANCEL"),
        synthetic::syntheticRow(1, 0, ArrowTone::Cancelled, "487 Request Terminated"),
    };
    rows[Invite].hasSdp = true;
    rows[NotFound].causeBadge = "number-format";
    rows[NotFound].causeSeverity = core::Severity::Error;
    rows[Terminated].causeBadge = "cancelled";
    rows[Terminated].causeSeverity = core::Severity::Info;
    synthetic::numberRows(rows);
    return core::LadderLayout::fromParts(
        { synthetic::syntheticColumn(10), synthetic::syntheticColumn(20) }, std::move(rows));
}

QPalette palette(bool dark)
{
    QPalette palette;
    palette.setColor(QPalette::Window, dark ? QColor(0x2d, 0x2d, 0x2d) : QColor(0xef, 0xef, 0xef));
    palette.setColor(QPalette::Base, dark ? QColor(0x1e, 0x1e, 0x1e) : QColor(Qt::white));
    palette.setColor(QPalette::Text, dark ? QColor(0xe0, 0xe0, 0xe0) : QColor(Qt::black));
    palette.setColor(QPalette::Highlight, QColor(0x30, 0x8c, 0xc6));
    return palette;
}

int distance(const QColor& a, const QColor& b)
{
    return std::abs(a.red() - b.red()) + std::abs(a.green() - b.green()) + std::abs(a.blue() - b.blue());
}

QImage render(const core::LadderLayout& layout, const LadderStyle& style, const LadderGeometry& geometry)
{
    const QSize size(int(std::ceil(geometry.contentSize().width())), int(std::ceil(geometry.contentSize().height())));
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    PaintState state;
    state.viewport = QRectF(QPointF(0, 0), QSizeF(size));
    QPainter painter(&image);
    LadderPainter(geometry).paint(painter, layout, geometry.visibleRows(state.viewport), style, state);
    painter.end();
    return image;
}

// The share of the pixels inside `rect` (its inner part, away from the antialiased edge) within a
// small distance of `colour`.
double share(const QImage& image, const QRectF& rect, const QColor& colour)
{
    const QRect inner = rect.adjusted(2, 2, -2, -2).toAlignedRect().intersected(image.rect());
    int near = 0;
    int all = 0;
    for (int y = inner.top(); y <= inner.bottom(); ++y) {
        for (int x = inner.left(); x <= inner.right(); ++x) {
            ++all;
            near += distance(image.pixelColor(x, y), colour) < 40 ? 1 : 0;
        }
    }
    return all == 0 ? 0.0 : double(near) / all;
}

void expectBadgeInErrorColour(bool dark)
{
    const core::LadderLayout layout = ladder();
    const LadderStyle style(palette(dark), QGuiApplication::font());
    const LadderGeometry geometry(layout, style);
    const LadderPainter painter(geometry);
    const QImage image = render(layout, style, geometry);

    const auto label = painter.labelLayout(layout.rows()[NotFound], NotFound, style);
    ASSERT_FALSE(label.causeBadge.isEmpty()) << "the geometry makes room for the badge";
    // Beside the label, on the failing row.
    EXPECT_GE(label.causeBadge.left(), label.textOrigin.x() + label.textWidth);
    EXPECT_GE(label.causeBadge.top(), geometry.rowTop(NotFound));
    EXPECT_LE(label.causeBadge.bottom(), geometry.rowBottom(NotFound));
    const QRectF arrow = geometry.arrowRect(layout.rows()[NotFound], NotFound);
    EXPECT_TRUE(arrow.contains(label.causeBadge)) << "a click on the badge hits its arrow";

    const QColor error = style.severityColor(core::Severity::Error);
    EXPECT_EQ(error, style.toneColor(core::ArrowTone::Error));
    EXPECT_GT(share(image, label.causeBadge, error), 0.5) << "filled with the error colour";
    // The same place on a row without a badge holds no red.
    const QRectF sameSpotOnTrying = label.causeBadge.translated(0, geometry.rowTop(Trying) - geometry.rowTop(NotFound));
    EXPECT_LT(share(image, sameSpotOnTrying, error), 0.02);
    // The text is written on it in the background colour, so both colours are there.
    EXPECT_GT(share(image, label.causeBadge, style.background()), 0.03);

    // Information (the caller's own cancel) is muted: no error red in its badge.
    const auto quiet = painter.labelLayout(layout.rows()[Terminated], Terminated, style);
    ASSERT_FALSE(quiet.causeBadge.isEmpty());
    EXPECT_LT(share(image, quiet.causeBadge, error), 0.02);
    EXPECT_EQ(style.severityColor(core::Severity::Info), style.mutedText());
    EXPECT_GT(distance(style.severityColor(core::Severity::Warning), error), 60);
    EXPECT_GT(distance(style.severityColor(core::Severity::Warning), style.background()), 200);

    // No badge where the layout has none.
    EXPECT_TRUE(painter.labelLayout(layout.rows()[Invite], Invite, style).causeBadge.isEmpty());
    EXPECT_FALSE(painter.labelLayout(layout.rows()[Invite], Invite, style).sdpBadge.isEmpty());
}

} // namespace

TEST(LadderBadge, PaintedInTheErrorColourAtTheFailingRowLight)
{
    expectBadgeInErrorColour(false);
}

TEST(LadderBadge, PaintedInTheErrorColourAtTheFailingRowDark)
{
    expectBadgeInErrorColour(true);
}

TEST(LadderBadge, TheLifelinesSpreadToFitALabelWithItsBadge)
{
    core::LadderLayout plain = ladder();
    std::vector<core::LadderRow> rows = plain.rows();
    for (auto& row : rows)
        row.causeBadge.clear();
    const core::LadderLayout withoutBadges
        = core::LadderLayout::fromParts({ plain.columns().begin(), plain.columns().end() }, rows);
    rows[NotFound].causeBadge = "service-unavailable"; // the longest cause id
    rows[NotFound].label = "503 Service Unavailable";
    const core::LadderLayout withBadge
        = core::LadderLayout::fromParts({ plain.columns().begin(), plain.columns().end() }, rows);
    const LadderStyle style(palette(false), QGuiApplication::font());
    const LadderGeometry narrow(withoutBadges, style);
    const LadderGeometry wide(withBadge, style);
    EXPECT_GT(wide.columnSpacing(), narrow.columnSpacing());
    const auto label = LadderPainter(wide).labelLayout(withBadge.rows()[NotFound], NotFound, style);
    EXPECT_FALSE(label.causeBadge.isEmpty());
    EXPECT_EQ(label.text, QStringLiteral("503 Service Unavailable")) << "not elided";
}

TEST(LadderBadge, WhenTooNarrowTheLabelWinsOverTheBadge)
{
    // A reason phrase longer than the widest lifeline spacing: the label takes the room, elided,
    // and the badge is left out (the tooltip still names the cause).
    std::vector<core::LadderRow> rows = ladder().rows();
    rows[NotFound].label = "404 " + std::string(200, 'x');
    const core::LadderLayout layout
        = core::LadderLayout::fromParts({ synthetic::syntheticColumn(10), synthetic::syntheticColumn(20) }, rows);
    const LadderStyle style(palette(false), QGuiApplication::font());
    const LadderGeometry geometry(layout, style);
    const auto label = LadderPainter(geometry).labelLayout(layout.rows()[NotFound], NotFound, style);
    EXPECT_TRUE(label.causeBadge.isEmpty());
    EXPECT_TRUE(label.text.endsWith(QChar(0x2026))) << label.text.toStdString();
    const QRectF room = geometry.labelRect(layout.rows()[NotFound], NotFound);
    EXPECT_LE(label.textOrigin.x() + label.textWidth, room.right() + 1);
    // A short label on the same geometry keeps its badge.
    EXPECT_FALSE(LadderPainter(geometry).labelLayout(ladder().rows()[NotFound], NotFound, style).causeBadge.isEmpty());
}
