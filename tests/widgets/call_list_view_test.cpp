// SPDX-License-Identifier: Apache-2.0
#include "call_list_model.h"
#include "call_list_proxy_model.h"
#include "call_list_view.h"
#include "support/sample_calls.h"
#include "support/test_paths.h"

#include <QHeaderView>
#include <QImage>
#include <QSignalSpy>
#include <QTest>

#include <gtest/gtest.h>

#include <filesystem>

using namespace sipladder;
using models::CallListModel;
using models::CallListProxyModel;
using widgets::CallListView;
namespace st = sipladder::testing;

namespace {

class CallListViewTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        m_dir = st::makeTempDir("sipladder-call-list-view");
        m_snapshot = st::loadSampleCalls(m_dir / "sample.pcap");
        m_proxy.setSourceModel(&m_model);
        m_model.setSnapshot(m_snapshot);
        m_view.setModel(&m_proxy);
        m_view.resize(1400, 500);
    }
    void TearDown() override
    {
        m_view.setModel(nullptr);
        m_snapshot.reset();
        std::filesystem::remove_all(m_dir);
    }

    void showView()
    {
        m_view.show();
        ASSERT_TRUE(QTest::qWaitForWindowExposed(&m_view));
    }

    QPoint rowCentre(quint32 call) const
    {
        const int row = m_proxy.rowOfCall(call);
        return m_view.visualRect(m_proxy.index(row, CallListModel::From)).center();
    }

    // Pixels of a row drawn close to `colour` (glyph cores are drawn in the pen colour itself).
    int pixelsNear(const QImage& image, quint32 call, const QColor& colour) const
    {
        const int row = m_proxy.rowOfCall(call);
        QRect rect = m_view.visualRect(m_proxy.index(row, 0));
        rect.setLeft(0);
        rect.setRight(image.width() - 1);
        int count = 0;
        for (int y = rect.top(); y <= rect.bottom(); ++y) {
            for (int x = rect.left(); x <= rect.right(); ++x) {
                const QColor pixel = image.pixelColor(x, y);
                if (std::abs(pixel.red() - colour.red()) + std::abs(pixel.green() - colour.green())
                        + std::abs(pixel.blue() - colour.blue())
                    < 40)
                    ++count;
            }
        }
        return count;
    }

    std::filesystem::path m_dir;
    core::SnapshotPtr m_snapshot;
    CallListModel m_model;
    CallListProxyModel m_proxy;
    CallListView m_view;
};

} // namespace

TEST_F(CallListViewTest, ConfiguredAsAFlatSortableMultiSelectionTable)
{
    EXPECT_TRUE(m_view.uniformRowHeights());
    EXPECT_FALSE(m_view.rootIsDecorated());
    EXPECT_TRUE(m_view.alternatingRowColors());
    EXPECT_EQ(m_view.selectionMode(), QAbstractItemView::ExtendedSelection);
    EXPECT_EQ(m_view.selectionBehavior(), QAbstractItemView::SelectRows);
    EXPECT_TRUE(m_view.isSortingEnabled());
    EXPECT_EQ(m_view.proxyModel(), &m_proxy);
    EXPECT_EQ(m_proxy.sortColumn(), int(CallListModel::Start));
    EXPECT_EQ(m_proxy.sortOrder(), Qt::AscendingOrder);
    const QFontMetrics metrics(m_view.font());
    EXPECT_GE(m_view.columnWidth(CallListModel::Start), metrics.horizontalAdvance(QStringLiteral("00:00:00.000")));
}

TEST_F(CallListViewTest, SelectingTwoRowsReportsBothCalls)
{
    showView();
    QSignalSpy selected(&m_view, &CallListView::callsSelected);
    QTest::mouseClick(m_view.viewport(), Qt::LeftButton, {}, rowCentre(st::SampleNotFound));
    ASSERT_GE(selected.count(), 1);
    EXPECT_EQ(selected.last().first().value<QList<quint32>>(), QList<quint32>({ st::SampleNotFound }));
    QTest::mouseClick(m_view.viewport(), Qt::LeftButton, Qt::ControlModifier, rowCentre(st::SampleBusy));
    EXPECT_EQ(selected.last().first().value<QList<quint32>>(), QList<quint32>({ st::SampleNotFound, st::SampleBusy }));
    EXPECT_EQ(m_view.selectedCallIndexes(), QList<quint32>({ st::SampleNotFound, st::SampleBusy }));
    const auto emitted = selected.count();
    m_view.sortByColumn(CallListModel::Start, Qt::DescendingOrder);
    EXPECT_EQ(m_view.selectedCallIndexes(), QList<quint32>({ st::SampleBusy, st::SampleNotFound }))
        << "the selection follows its calls when sorted (top to bottom)";
    EXPECT_EQ(selected.count(), emitted) << "sorting does not change which calls are selected";
}

TEST_F(CallListViewTest, FailedRowsAreDrawnInTheErrorColour)
{
    showView();
    m_view.clearSelection();
    m_view.setCurrentIndex({});
    const QImage image = m_view.viewport()->grab().toImage();
    const QColor error = CallListView::errorColor(m_view.palette());
    EXPECT_GT(pixelsNear(image, st::SampleNotFound, error), 10);
    EXPECT_GT(pixelsNear(image, st::SampleBusy, error), 10);
    EXPECT_EQ(pixelsNear(image, st::SampleAnswered, error), 0);
    EXPECT_EQ(pixelsNear(image, st::SampleCancelled, error), 0) << "the caller's own cancel is not an error colour";
    EXPECT_GT(pixelsNear(image, st::SampleCancelled, CallListView::cancelledColor(m_view.palette())), 10);
}

TEST_F(CallListViewTest, ErrorColourStaysReadableInADarkPalette)
{
    QPalette light;
    light.setColor(QPalette::Window, QColor(0xef, 0xef, 0xef));
    light.setColor(QPalette::Base, Qt::white);
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(0x2d, 0x2d, 0x2d));
    dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    EXPECT_FALSE(CallListView::isDarkPalette(light));
    EXPECT_TRUE(CallListView::isDarkPalette(dark));
    const QColor onLight = CallListView::errorColor(light);
    const QColor onDark = CallListView::errorColor(dark);
    EXPECT_GT(onDark.lightness(), onLight.lightness());
    EXPECT_GT(std::abs(onLight.lightness() - light.color(QPalette::Base).lightness()), 80);
    EXPECT_GT(std::abs(onDark.lightness() - dark.color(QPalette::Base).lightness()), 80);
    EXPECT_GT(onDark.red(), onDark.green() + 80) << "still red";
}

TEST_F(CallListViewTest, HeaderClickSortsThroughTheProxy)
{
    showView();
    const QHeaderView* header = m_view.header();
    const int x = header->sectionViewportPosition(CallListModel::Final) + header->sectionSize(CallListModel::Final) / 2;
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, QPoint(x, header->height() / 2));
    EXPECT_EQ(m_proxy.sortColumn(), int(CallListModel::Final));
    const auto firstOrder = m_proxy.sortOrder();
    QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, QPoint(x, header->height() / 2));
    EXPECT_EQ(m_proxy.sortColumn(), int(CallListModel::Final));
    EXPECT_NE(m_proxy.sortOrder(), firstOrder);
}

TEST_F(CallListViewTest, HeaderStateRoundTripsAndRejectsOtherStates)
{
    m_view.header()->setSectionHidden(CallListModel::RequestUri, true);
    m_view.setColumnWidth(CallListModel::From, 333);
    m_view.sortByColumn(CallListModel::Duration, Qt::DescendingOrder);
    const QByteArray state = m_view.saveState();

    CallListModel model;
    CallListProxyModel proxy;
    proxy.setSourceModel(&model);
    model.setSnapshot(m_snapshot);
    CallListView restored;
    EXPECT_TRUE(restored.restoreState(state)) << "kept until a model is set";
    restored.setModel(&proxy);
    EXPECT_TRUE(restored.header()->isSectionHidden(CallListModel::RequestUri));
    EXPECT_EQ(restored.columnWidth(CallListModel::From), 333);
    EXPECT_EQ(proxy.sortColumn(), int(CallListModel::Duration));
    EXPECT_EQ(proxy.sortOrder(), Qt::DescendingOrder);

    EXPECT_FALSE(restored.restoreState(QByteArrayLiteral("not a header state")));
    EXPECT_FALSE(restored.restoreState(QByteArray()));
    EXPECT_TRUE(restored.restoreState(state));
    restored.setModel(nullptr);
}

TEST_F(CallListViewTest, SelectionSurvivesFilterChangesForCallsStillListed)
{
    QSignalSpy selected(&m_view, &CallListView::callsSelected);
    m_view.selectCalls({ st::SampleAnswered, st::SampleBusy });
    EXPECT_EQ(selected.last().first().value<QList<quint32>>(), QList<quint32>({ st::SampleAnswered, st::SampleBusy }));
    m_proxy.setFailedOnly(true);
    EXPECT_EQ(m_view.selectedCallIndexes(), QList<quint32>({ st::SampleBusy }));
    EXPECT_EQ(selected.last().first().value<QList<quint32>>(), QList<quint32>({ st::SampleBusy }));
    const auto emitted = selected.count();
    m_proxy.setInviteOnly(true);
    EXPECT_EQ(m_view.selectedCallIndexes(), QList<quint32>({ st::SampleBusy }));
    EXPECT_EQ(selected.count(), emitted) << "nothing changed for the ladder";
    m_proxy.setFilter({});
    m_model.clear();
    EXPECT_TRUE(m_view.selectedCallIndexes().isEmpty());
    EXPECT_TRUE(selected.last().first().value<QList<quint32>>().isEmpty()) << "another snapshot starts unselected";
}

TEST_F(CallListViewTest, SelectLinkedLegsAddsTheOtherLeg)
{
    m_view.selectCalls({ st::SampleLegA });
    EXPECT_EQ(m_view.currentIndex().row(), m_proxy.rowOfCall(st::SampleLegA));
    QSignalSpy selected(&m_view, &CallListView::callsSelected);
    m_view.selectLinkedLegs();
    EXPECT_EQ(m_view.selectedCallIndexes(), QList<quint32>({ st::SampleLegA, st::SampleLegB }));
    EXPECT_EQ(selected.count(), 1);
}
