// SPDX-License-Identifier: Apache-2.0
// Renders the bundled sample's calls as the viewer shows them. With SIPLADDER_SNAPSHOT_DIR set, the
// images are also saved there as PNG files to look at.
#include "ladder_geometry.h"
#include "ladder_painter.h"
#include "ladder_style.h"
#include "load/capture_loader.h"

#include <QDir>
#include <QGuiApplication>
#include <QImage>
#include <QPainter>

#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

using namespace sipladder;
using sipladder::render::LadderGeometry;
using sipladder::render::LadderPainter;
using sipladder::render::LadderStyle;
using sipladder::render::PaintState;

namespace {

QPalette darkPalette()
{
    QPalette palette(QColor(0x35, 0x35, 0x35));
    palette.setColor(QPalette::Base, QColor(0x24, 0x24, 0x24));
    palette.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
    palette.setColor(QPalette::Highlight, QColor(0x2a, 0x82, 0xda));
    return palette;
}

class SampleRenderTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        if (!s_snapshot) {
            core::LoadOptions options;
            options.paths.push_back(SIPLADDER_SOURCE_DIR "/resources/samples/trunk-404.pcap");
            auto result = core::CaptureLoader::load(options);
            ASSERT_TRUE(result.ok()) << result.error().message;
            s_snapshot = result.value();
        }
    }
    static void TearDownTestSuite() { s_snapshot.reset(); }

    static QImage render(const core::LadderLayout& layout, const LadderStyle& style, const PaintState& extra = {})
    {
        const LadderGeometry geometry(layout, style);
        const QSizeF content = geometry.contentSize();
        QImage image(QSize(int(std::ceil(content.width())), int(std::ceil(content.height()))),
            QImage::Format_ARGB32_Premultiplied);
        PaintState state = extra;
        state.viewport = QRectF(QPointF(0, 0), content);
        state.showCallSlots = layout.callIndexes().size() > 1;
        QPainter painter(&image);
        LadderPainter(geometry).paint(painter, layout, geometry.visibleRows(state.viewport), style, state);
        return image;
    }

    static void save(const QImage& image, const QString& name)
    {
        const QString dir = qEnvironmentVariable("SIPLADDER_SNAPSHOT_DIR");
        if (!dir.isEmpty()) {
            EXPECT_TRUE(image.save(QDir(dir).filePath(name)));
        }
    }

    static inline core::SnapshotPtr s_snapshot;
};

TEST_F(SampleRenderTest, FailedCallDrawnInTheErrorColour)
{
    const LadderStyle style(QGuiApplication::palette(), QGuiApplication::font());
    int errorRows = 0;
    int otherRows = 0;
    for (std::uint32_t call = 0; call < s_snapshot->calls().size(); ++call) {
        const core::LadderLayout layout = core::LadderLayout::build(*s_snapshot, std::span(&call, 1));
        ASSERT_FALSE(layout.rows().empty());
        const LadderGeometry geometry(layout, style);
        const QImage image = render(layout, style);
        save(image, QStringLiteral("ladder-call-%1.png").arg(call + 1));
        for (std::size_t i = 0; i < layout.rows().size(); ++i) {
            const core::LadderRow& row = layout.rows()[i];
            if (row.fromColumn == row.toColumn)
                continue;
            const qreal from = geometry.columnX(row.fromColumn);
            const qreal x = from + (geometry.columnX(row.toColumn) - from) / 4;
            const QColor seen = image.pixelColor(int(x), int(std::floor(geometry.arrowY(i))));
            const QColor error = style.toneColor(core::ArrowTone::Error);
            const int distance = std::abs(seen.red() - error.red()) + std::abs(seen.green() - error.green())
                + std::abs(seen.blue() - error.blue());
            if (row.tone == core::ArrowTone::Error) {
                EXPECT_LT(distance, 30) << "call " << call << " row " << i << " " << row.label;
                ++errorRows;
            } else {
                EXPECT_GT(distance, 100) << "call " << call << " row " << i << " " << row.label;
                ++otherRows;
            }
        }
    }
    // The 404 and the 486 calls each have a failed INVITE and its final response.
    EXPECT_GE(errorRows, 4);
    EXPECT_GT(otherRows, errorRows);
}

TEST_F(SampleRenderTest, AllCallsInOneLadder)
{
    std::vector<std::uint32_t> calls(s_snapshot->calls().size());
    std::iota(calls.begin(), calls.end(), 0u);
    const core::LadderLayout layout = core::LadderLayout::build(*s_snapshot, calls);
    PaintState state;
    state.selectedRows = { 3 };
    state.hoveredRow = 6;
    state.comparePickedRows = { 3, 9 };
    const QImage light = render(layout, LadderStyle(QGuiApplication::palette(), QGuiApplication::font()), state);
    const QImage dark = render(layout, LadderStyle(darkPalette(), QGuiApplication::font()), state);
    EXPECT_FALSE(light.isNull());
    EXPECT_NE(light, dark);
    save(light, QStringLiteral("ladder-all-light.png"));
    save(dark, QStringLiteral("ladder-all-dark.png"));
}

} // namespace
