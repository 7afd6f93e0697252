// SPDX-License-Identifier: Apache-2.0
#include "ladder_view.h"
#include "load/capture_loader.h"
#include "message_list_model.h"
#include "model_roles.h"

#include <QApplication>
#include <QClipboard>
#include <QHelpEvent>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>
#include <QToolTip>
#include <QWheelEvent>

#include <gtest/gtest.h>

#include <cmath>

using namespace sipladder;
using sipladder::widgets::LadderView;

namespace {

class LadderViewTest : public ::testing::Test {
protected:
    static void SetUpTestSuite()
    {
        core::LoadOptions options;
        options.paths.push_back(SIPLADDER_SOURCE_DIR "/resources/samples/trunk-404.pcap");
        auto result = core::CaptureLoader::load(options);
        ASSERT_TRUE(result.ok()) << result.error().message;
        s_snapshot = result.value();
    }
    static void TearDownTestSuite() { s_snapshot.reset(); }

    void SetUp() override
    {
        ASSERT_TRUE(s_snapshot);
        QList<quint32> calls;
        for (quint32 i = 0; i < s_snapshot->calls().size(); ++i)
            calls.push_back(i);
        model.setCalls(s_snapshot, calls);
        ASSERT_GT(model.rowCount(), 30);
        view.setModel(&model);
        view.resize(900, 420);
        view.show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(&view));
    }

    const core::LadderLayout& layout() const { return model.layout(); }

    int rowLabelled(const char* label, int from = 0) const
    {
        for (int i = from; i < model.rowCount(); ++i) {
            if (layout().rows()[static_cast<std::size_t>(i)].label == label)
                return i;
        }
        ADD_FAILURE() << "no row " << label;
        return 0;
    }

    // The middle of a row's arrow line, in viewport coordinates (after scrolling it into view).
    QPoint onArrow(int row)
    {
        view.scrollTo(model.index(row, 0));
        const auto& ladderRow = layout().rows()[static_cast<std::size_t>(row)];
        const auto& g = view.ladderGeometry();
        const qreal x = (g.columnX(ladderRow.fromColumn) + g.columnX(ladderRow.toColumn)) / 2;
        const QPointF content(x, g.arrowY(static_cast<std::size_t>(row)));
        return (content - QPointF(view.scrollOffset())).toPoint();
    }

    int currentRow() const { return view.currentIndex().isValid() ? view.currentIndex().row() : -1; }

    static inline core::SnapshotPtr s_snapshot;
    models::MessageListModel model;
    LadderView view;
};

TEST_F(LadderViewTest, ClickOnAnArrowSelectsItsMessage)
{
    const int notFound = rowLabelled("404 Not Found");
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, onArrow(notFound));
    EXPECT_EQ(currentRow(), notFound);
    EXPECT_TRUE(view.selectionModel()->isRowSelected(notFound, {}));
    EXPECT_EQ(view.selectionModel()->selectedRows().size(), 1);
    EXPECT_EQ(model.data(view.currentIndex(), models::MessageIndexRole).toUInt(),
        layout().rows()[static_cast<std::size_t>(notFound)].index);

    // On another arrow's label.
    const int ok = rowLabelled("200 OK");
    view.scrollTo(model.index(ok, 0));
    const QRect label = view.ladderGeometry()
                            .labelRect(layout().rows()[static_cast<std::size_t>(ok)], static_cast<std::size_t>(ok))
                            .translated(-QPointF(view.scrollOffset()))
                            .toRect();
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, label.center());
    EXPECT_EQ(currentRow(), ok);
    EXPECT_FALSE(view.selectionModel()->isRowSelected(notFound, {}));
    EXPECT_EQ(view.indexAt(label.center()).row(), ok);

    // Far beside the arrows: nothing is hit, the selection stays.
    const QPoint beside(view.viewport()->width() - 2, onArrow(ok).y());
    if (beside.x() > view.arrowRect(model.index(ok, 0)).right()) {
        EXPECT_FALSE(view.indexAt(beside).isValid());
        QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, beside);
        EXPECT_EQ(currentRow(), ok);
    }
}

TEST_F(LadderViewTest, ClickAfterScrollingSelectsTheRightRow)
{
    const int last = model.rowCount() - 1;
    view.scrollTo(model.index(last, 0));
    EXPECT_GT(view.verticalScrollBar()->value(), 0);
    const QRect band = view.visualRect(model.index(last, 0));
    EXPECT_TRUE(view.viewport()->rect().contains(band.topLeft()));
    EXPECT_LE(band.bottom(), view.viewport()->height());
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, onArrow(last));
    EXPECT_EQ(currentRow(), last);
}

TEST_F(LadderViewTest, FailureKeysJumpBetweenErrorRows)
{
    std::vector<int> failures;
    for (int i = 0; i < model.rowCount(); ++i) {
        if (layout().rows()[static_cast<std::size_t>(i)].tone == core::ArrowTone::Error)
            failures.push_back(i);
    }
    ASSERT_GE(failures.size(), 4u); // the 404 and 486 transactions: request and response each
    view.setFocus();
    QTest::keyClick(&view, Qt::Key_N);
    EXPECT_EQ(currentRow(), failures[0]);
    EXPECT_TRUE(view.selectionModel()->isRowSelected(failures[0], {}));
    QTest::keyClick(&view, Qt::Key_N);
    EXPECT_EQ(currentRow(), failures[1]);
    QTest::keyClick(&view, Qt::Key_N);
    EXPECT_EQ(currentRow(), failures[2]);
    QTest::keyClick(&view, Qt::Key_P);
    EXPECT_EQ(currentRow(), failures[1]);
    QTest::keyClick(&view, Qt::Key_End);
    QTest::keyClick(&view, Qt::Key_N);
    EXPECT_EQ(currentRow(), model.rowCount() - 1); // no failure after the last: stays
    QTest::keyClick(&view, Qt::Key_P);
    EXPECT_EQ(currentRow(), failures.back());
    // The selected failure is on screen.
    EXPECT_TRUE(view.viewport()->rect().intersects(view.visualRect(view.currentIndex())));
}

TEST_F(LadderViewTest, NavigationKeys)
{
    view.setFocus();
    QTest::keyClick(&view, Qt::Key_Home);
    EXPECT_EQ(currentRow(), 0);
    QTest::keyClick(&view, Qt::Key_Down);
    QTest::keyClick(&view, Qt::Key_Down);
    EXPECT_EQ(currentRow(), 2);
    QTest::keyClick(&view, Qt::Key_Up);
    EXPECT_EQ(currentRow(), 1);
    QTest::keyClick(&view, Qt::Key_PageDown);
    const int page = currentRow() - 1;
    EXPECT_GT(page, 3);
    EXPECT_TRUE(view.viewport()->rect().intersects(view.visualRect(view.currentIndex())));
    QTest::keyClick(&view, Qt::Key_PageUp);
    EXPECT_EQ(currentRow(), 1);
    QTest::keyClick(&view, Qt::Key_End);
    EXPECT_EQ(currentRow(), model.rowCount() - 1);
    EXPECT_TRUE(view.selectionModel()->isRowSelected(model.rowCount() - 1, {}));
    QTest::keyClick(&view, Qt::Key_Down);
    EXPECT_EQ(currentRow(), model.rowCount() - 1);
}

TEST_F(LadderViewTest, CopyTooltipAndActivation)
{
    const int notFound = rowLabelled("404 Not Found");
    const auto& row = layout().rows()[static_cast<std::size_t>(notFound)];
    ASSERT_FALSE(row.firstLine.empty());
    const QString firstLine = QString::fromStdString(row.firstLine);
    const QPoint point = onArrow(notFound);
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, point);

    QApplication::clipboard()->clear();
    view.setFocus();
    QTest::keyClick(&view, Qt::Key_C, Qt::ControlModifier);
    EXPECT_EQ(QApplication::clipboard()->text(), firstLine);

    QHelpEvent help(QEvent::ToolTip, point, view.viewport()->mapToGlobal(point));
    QApplication::sendEvent(view.viewport(), &help);
    EXPECT_TRUE(QToolTip::text().startsWith(firstLine)) << QToolTip::text().toStdString();
    QToolTip::hideText();

    QSignalSpy activated(&view, &LadderView::messageActivated);
    QTest::keyClick(&view, Qt::Key_Return);
    ASSERT_EQ(activated.size(), 1);
    EXPECT_EQ(activated.at(0).at(0).toUInt(), row.index);
    const int ok = rowLabelled("200 OK");
    // As a window system sends it: press, release, then the double-click.
    const QPoint okPoint = onArrow(ok);
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, okPoint);
    QTest::mouseDClick(view.viewport(), Qt::LeftButton, {}, okPoint);
    ASSERT_EQ(activated.size(), 2);
    EXPECT_EQ(activated.at(1).at(0).toUInt(), layout().rows()[static_cast<std::size_t>(ok)].index);
}

TEST_F(LadderViewTest, CtrlClickPicksTwoMessagesToCompare)
{
    QSignalSpy picked(&view, &LadderView::comparePicked);
    const int invite = rowLabelled("INVITE");
    const int notFound = rowLabelled("404 Not Found");
    // Nothing selected yet: Ctrl+click just selects.
    QTest::mouseClick(view.viewport(), Qt::LeftButton, Qt::ControlModifier, onArrow(invite));
    EXPECT_EQ(currentRow(), invite);
    EXPECT_EQ(picked.size(), 0);
    QTest::mouseClick(view.viewport(), Qt::LeftButton, Qt::ControlModifier, onArrow(notFound));
    ASSERT_EQ(picked.size(), 1);
    EXPECT_EQ(picked.at(0).at(0).toUInt(), layout().rows()[static_cast<std::size_t>(invite)].index);
    EXPECT_EQ(picked.at(0).at(1).toUInt(), layout().rows()[static_cast<std::size_t>(notFound)].index);
    EXPECT_EQ(view.comparePickedRows(), (std::vector<std::size_t> { std::size_t(invite), std::size_t(notFound) }));
    // The selection is not changed by picking.
    EXPECT_EQ(currentRow(), invite);
    // A plain click ends the comparison marks.
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, onArrow(notFound));
    EXPECT_TRUE(view.comparePickedRows().empty());
}

TEST_F(LadderViewTest, ZoomChangesRowAndColumnSpacing)
{
    const qreal rowHeight = view.ladderGeometry().rowHeight();
    const qreal spacing = view.ladderGeometry().columnSpacing();
    const int scrollMax = view.verticalScrollBar()->maximum();
    view.setFocus();
    QTest::keyClick(&view, Qt::Key_Plus, Qt::ControlModifier);
    EXPECT_GT(view.zoom(), 1.0);
    EXPECT_GT(view.ladderGeometry().rowHeight(), rowHeight);
    EXPECT_GT(view.ladderGeometry().columnSpacing(), spacing);
    EXPECT_GT(view.verticalScrollBar()->maximum(), scrollMax);
    QTest::keyClick(&view, Qt::Key_0, Qt::ControlModifier);
    EXPECT_DOUBLE_EQ(view.zoom(), 1.0);
    EXPECT_DOUBLE_EQ(view.ladderGeometry().rowHeight(), rowHeight);
    QTest::keyClick(&view, Qt::Key_Minus, Qt::ControlModifier);
    EXPECT_LT(view.zoom(), 1.0);
    view.resetZoom();

    QSignalSpy zoomed(&view, &LadderView::zoomChanged);
    const QPointF at(view.viewport()->width() / 2.0, view.viewport()->height() / 2.0);
    QWheelEvent wheel(at, view.viewport()->mapToGlobal(at), {}, QPoint(0, 120), Qt::NoButton, Qt::ControlModifier,
        Qt::NoScrollPhase, false);
    QApplication::sendEvent(view.viewport(), &wheel);
    EXPECT_GT(view.zoom(), 1.0);
    EXPECT_EQ(zoomed.size(), 1);
    // After zooming, a click still lands on the arrow it aims at.
    const int notFound = rowLabelled("404 Not Found");
    QTest::mouseClick(view.viewport(), Qt::LeftButton, {}, onArrow(notFound));
    EXPECT_EQ(currentRow(), notFound);
    for (int i = 0; i < 20; ++i)
        view.zoomIn();
    EXPECT_DOUBLE_EQ(view.zoom(), render::LadderGeometry::kMaxZoom);
}

TEST_F(LadderViewTest, SelectionDrawnAndSharedWithTheModel)
{
    const int ok = rowLabelled("200 OK");
    view.selectionModel()->setCurrentIndex(
        model.index(ok, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    view.scrollTo(model.index(ok, 0));
    const QImage image = view.viewport()->grab().toImage();
    const QRect band = view.visualRect(model.index(ok, 0));
    const qreal ratio = image.devicePixelRatio();
    const QColor seen = image.pixelColor(int((band.right() - 3) * ratio), int((band.top() + 2) * ratio));
    const QColor selected
        = view.hasFocus() ? view.ladderStyle().selectionFill() : view.ladderStyle().inactiveSelectionFill();
    EXPECT_EQ(seen.rgb(), selected.rgb()) << seen.name().toStdString();
    // The error arrow in the same image is red.
    const int notFound = rowLabelled("404 Not Found");
    const QPoint arrow = onArrow(notFound);
    const int lineY = int(std::floor(view.ladderGeometry().arrowY(std::size_t(notFound)))) - view.scrollOffset().y();
    const QImage again = view.viewport()->grab().toImage();
    const QColor error = view.ladderStyle().toneColor(core::ArrowTone::Error);
    const QColor drawn = again.pixelColor(int(arrow.x() * ratio), int(lineY * ratio));
    EXPECT_LT(std::abs(drawn.red() - error.red()) + std::abs(drawn.green() - error.green())
            + std::abs(drawn.blue() - error.blue()),
        30)
        << drawn.name().toStdString();
}

TEST_F(LadderViewTest, ModelResetRelayouts)
{
    const int before = view.verticalScrollBar()->maximum();
    QList<quint32> one { 2 };
    model.setCalls(s_snapshot, one);
    EXPECT_LT(view.verticalScrollBar()->maximum(), before);
    EXPECT_EQ(view.ladderGeometry().rowCount(), static_cast<std::size_t>(model.rowCount()));
    model.clear();
    EXPECT_EQ(view.ladderGeometry().rowCount(), 0u);
    EXPECT_FALSE(view.indexAt(QPoint(10, 100)).isValid());
    QTest::keyClick(&view, Qt::Key_N);
    QTest::keyClick(&view, Qt::Key_Down);
    EXPECT_FALSE(view.currentIndex().isValid());
}

} // namespace

namespace {

// The view as a user sees it, in the light and a dark palette; saved as PNG files when
// SIPLADDER_SNAPSHOT_DIR is set, to look at.
TEST_F(LadderViewTest, LooksTheSameInTheWidget)
{
    const int notFound = rowLabelled("404 Not Found");
    view.selectionModel()->setCurrentIndex(
        model.index(notFound, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    view.scrollTo(model.index(notFound, 0), QAbstractItemView::PositionAtCenter);
    const QImage light = view.grab().toImage();
    EXPECT_EQ(light.size(), view.size() * light.devicePixelRatio());

    QPalette dark(QColor(0x35, 0x35, 0x35));
    dark.setColor(QPalette::Base, QColor(0x24, 0x24, 0x24));
    dark.setColor(QPalette::Text, QColor(0xe6, 0xe6, 0xe6));
    dark.setColor(QPalette::Highlight, QColor(0x2a, 0x82, 0xda));
    view.setPalette(dark);
    EXPECT_TRUE(view.ladderStyle().isDark());
    const QImage darkImage = view.grab().toImage();
    EXPECT_NE(light, darkImage);

    const QString dir = qEnvironmentVariable("SIPLADDER_SNAPSHOT_DIR");
    if (!dir.isEmpty()) {
        EXPECT_TRUE(light.save(dir + QStringLiteral("/ladder-view-light.png")));
        EXPECT_TRUE(darkImage.save(dir + QStringLiteral("/ladder-view-dark.png")));
    }
}

} // namespace
