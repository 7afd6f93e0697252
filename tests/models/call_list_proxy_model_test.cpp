// SPDX-License-Identifier: Apache-2.0
#include "call_list_proxy_model.h"
#include "model_roles.h"
#include "support/capture_generator.h"
#include "support/qt/model_tester_guard.h"
#include "support/sample_calls.h"
#include "support/test_paths.h"

#include <QPersistentModelIndex>
#include <QSignalSpy>

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <set>

using namespace sipladder;
using models::CallListModel;
using models::CallListProxyModel;
namespace st = sipladder::testing;

namespace {

class CallListProxyModelTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        m_dir = st::makeTempDir("sipladder-call-list-proxy");
        m_snapshot = st::loadSampleCalls(m_dir / "sample.pcap");
        m_guard = std::make_unique<st::ModelTesterGuard>(&m_proxy);
        m_proxy.setSourceModel(&m_model);
        m_model.setSnapshot(m_snapshot);
    }
    void TearDown() override
    {
        m_guard.reset();
        m_snapshot.reset();
        std::filesystem::remove_all(m_dir);
    }

    std::vector<quint32> shown() const
    {
        std::vector<quint32> calls;
        for (int row = 0; row < m_proxy.rowCount(); ++row) {
            calls.push_back(m_proxy.index(row, 0).data(models::CallIndexRole).value<quint32>());
            EXPECT_EQ(calls.back(), m_proxy.callIndex(row));
        }
        return calls;
    }
    std::set<quint32> shownSet() const
    {
        const auto calls = shown();
        return { calls.begin(), calls.end() };
    }

    // -1, 0 or 1 comparing two calls by a column as the user expects it.
    int compareCalls(int column, quint32 a, quint32 b) const
    {
        switch (CallListModel::keyKind(column)) {
        case CallListModel::KeyKind::Number: {
            const auto x = m_model.numberKey(int(a), column);
            const auto y = m_model.numberKey(int(b), column);
            return x < y ? -1 : x > y ? 1 : 0;
        }
        case CallListModel::KeyKind::Endpoint: {
            const auto& x = m_model.endpointKey(int(a), column);
            const auto& y = m_model.endpointKey(int(b), column);
            return x < y ? -1 : y < x ? 1 : 0;
        }
        case CallListModel::KeyKind::Text: {
            const QString x = m_model.index(int(a), column).data().toString();
            const QString y = m_model.index(int(b), column).data().toString();
            const int folded = x.compare(y, Qt::CaseInsensitive);
            if (folded != 0)
                return folded < 0 ? -1 : 1;
            const int exact = x.compare(y, Qt::CaseSensitive);
            return exact < 0 ? -1 : exact > 0 ? 1 : 0;
        }
        }
        return 0;
    }

    std::filesystem::path m_dir;
    core::SnapshotPtr m_snapshot;
    CallListModel m_model;
    CallListProxyModel m_proxy;
    std::unique_ptr<st::ModelTesterGuard> m_guard;
};

} // namespace

TEST_F(CallListProxyModelTest, ShowsEveryCallInSnapshotOrderUntilSorted)
{
    EXPECT_EQ(m_proxy.rowCount(), st::SampleCallCount);
    EXPECT_EQ(m_proxy.columnCount(), CallListModel::ColumnCount);
    EXPECT_EQ(m_proxy.sortColumn(), -1);
    std::vector<quint32> all(st::SampleCallCount);
    std::iota(all.begin(), all.end(), 0u);
    EXPECT_EQ(shown(), all);
    EXPECT_EQ(m_proxy.headerData(CallListModel::Final, Qt::Horizontal).toString(), QStringLiteral("Final"));
    for (int row = 0; row < m_proxy.rowCount(); ++row) {
        const auto source = m_proxy.mapToSource(m_proxy.index(row, CallListModel::To));
        EXPECT_EQ(source.column(), int(CallListModel::To));
        EXPECT_EQ(m_proxy.mapFromSource(source), m_proxy.index(row, CallListModel::To));
    }
}

TEST_F(CallListProxyModelTest, SortsByEveryColumnBothWaysWithTiesInSnapshotOrder)
{
    for (int column = 0; column < CallListModel::ColumnCount; ++column) {
        for (const auto order : { Qt::AscendingOrder, Qt::DescendingOrder }) {
            m_proxy.sort(column, order);
            EXPECT_EQ(m_proxy.sortColumn(), column);
            EXPECT_EQ(m_proxy.sortOrder(), order);
            const auto calls = shown();
            ASSERT_EQ(calls.size(), std::size_t(st::SampleCallCount));
            for (std::size_t i = 1; i < calls.size(); ++i) {
                const int c = compareCalls(column, calls[i - 1], calls[i]);
                if (order == Qt::AscendingOrder)
                    EXPECT_LE(c, 0) << "column " << column << " row " << i;
                else
                    EXPECT_GE(c, 0) << "column " << column << " row " << i;
                if (c == 0) {
                    EXPECT_LT(calls[i - 1], calls[i]) << "ties keep snapshot order; column " << column;
                }
            }
        }
    }
    m_proxy.sort(CallListModel::Final, Qt::DescendingOrder);
    EXPECT_EQ(shown().front(), quint32(st::SampleCancelled)) << "487 is the highest final status";
    EXPECT_EQ(shown().back(), quint32(st::SampleInProgress)) << "no final response sorts as 0";
    m_proxy.sort(CallListModel::Destination, Qt::AscendingOrder);
    EXPECT_EQ(shown().front(), quint32(st::SampleLegB))
        << "10.0.0.5 comes before 192.0.2.10: addresses sort as numbers";
    m_proxy.sort(-1);
    EXPECT_EQ(m_proxy.sortColumn(), -1);
    EXPECT_EQ(shown().front(), 0u);
}

TEST_F(CallListProxyModelTest, SortingMovesPersistentIndexesWithTheirCalls)
{
    QSignalSpy aboutToChange(&m_proxy, &QAbstractItemModel::layoutAboutToBeChanged);
    QSignalSpy changed(&m_proxy, &QAbstractItemModel::layoutChanged);
    QSignalSpy reset(&m_proxy, &QAbstractItemModel::modelReset);
    const QPersistentModelIndex busy(m_proxy.index(st::SampleBusy, CallListModel::Final));
    const QPersistentModelIndex answered(m_proxy.index(st::SampleAnswered, CallListModel::From));
    m_proxy.sort(CallListModel::Final, Qt::DescendingOrder);
    EXPECT_EQ(aboutToChange.count(), 1);
    EXPECT_EQ(changed.count(), 1);
    EXPECT_EQ(reset.count(), 0) << "sorting moves rows, it does not reset";
    ASSERT_TRUE(busy.isValid());
    EXPECT_EQ(busy.row(), 1) << "after the 487";
    EXPECT_EQ(busy.column(), int(CallListModel::Final));
    EXPECT_EQ(busy.data(models::CallIndexRole).value<quint32>(), quint32(st::SampleBusy));
    EXPECT_EQ(answered.data(models::CallIndexRole).value<quint32>(), quint32(st::SampleAnswered));
    m_proxy.sort(CallListModel::Final, Qt::DescendingOrder);
    EXPECT_EQ(changed.count(), 1) << "the same sort again changes nothing";
}

TEST_F(CallListProxyModelTest, FilterTextMatchesAnyColumnOrTheCallIdCaseInsensitively)
{
    QSignalSpy reset(&m_proxy, &QAbstractItemModel::modelReset);
    QSignalSpy filterChanged(&m_proxy, &CallListProxyModel::filterChanged);
    m_proxy.setFilterText(QStringLiteral("not FOUND"));
    EXPECT_EQ(shownSet(), std::set<quint32>({ st::SampleNotFound }));
    EXPECT_EQ(reset.count(), 1);
    EXPECT_EQ(filterChanged.count(), 1);
    m_proxy.setFilterText(QStringLiteral("5551234"));
    EXPECT_EQ(shownSet(), std::set<quint32>({ st::SampleAnswered }));
    m_proxy.setFilterText(QStringLiteral("SAMPLE-3@"));
    EXPECT_EQ(shownSet(), std::set<quint32>({ st::SampleRegister })) << "the Call-ID is searched too";
    m_proxy.setFilterText(QStringLiteral("\u00e9mile"));
    EXPECT_EQ(shownSet(), std::set<quint32>({ st::SampleCancelled })) << "the From display name, folded beyond ASCII";
    m_proxy.setFilterText(QStringLiteral("198.51.100.6:5060"));
    EXPECT_EQ(shownSet(), std::set<quint32>({ st::SampleRegister }));
    m_proxy.setFilterText(QStringLiteral("in progress"));
    EXPECT_EQ(shownSet(), std::set<quint32>({ st::SampleInProgress }));
    m_proxy.setFilterText(QStringLiteral("zz no such text"));
    EXPECT_EQ(m_proxy.rowCount(), 0);
    EXPECT_FALSE(m_proxy.hasChildren());
    m_proxy.setFilterText(QStringLiteral("zz no such text"));
    EXPECT_EQ(filterChanged.count(), 7) << "an unchanged filter does not reset";
    m_proxy.setFilterText(QString());
    EXPECT_EQ(m_proxy.rowCount(), st::SampleCallCount);
}

TEST_F(CallListProxyModelTest, FilterTextCanBeLimitedToOneColumn)
{
    m_proxy.setFilterText(QStringLiteral("5551"));
    EXPECT_EQ(shownSet(), std::set<quint32>({ st::SampleAnswered }));
    m_proxy.setFilterColumn(CallListModel::From);
    EXPECT_EQ(m_proxy.rowCount(), 0) << "5551 is in the To of that call, not its From";
    m_proxy.setFilterColumn(CallListModel::To);
    EXPECT_EQ(shownSet(), std::set<quint32>({ st::SampleAnswered }));
    m_proxy.setFilterText(QStringLiteral("pbx.example.test"));
    m_proxy.setFilterColumn(CallListModel::Method);
    EXPECT_EQ(m_proxy.rowCount(), 0);
    m_proxy.setFilterText(QStringLiteral("invite"));
    EXPECT_EQ(m_proxy.rowCount(), 7);
    m_proxy.setFilterColumn(-1);
    EXPECT_EQ(m_proxy.filter().column, -1);
}

TEST_F(CallListProxyModelTest, TogglesAndTheCallRestriction)
{
    m_proxy.setFailedOnly(true);
    EXPECT_EQ(shownSet(), std::set<quint32>({ st::SampleNotFound, st::SampleCancelled, st::SampleBusy }));
    m_proxy.setFailedOnly(false);
    m_proxy.setInviteOnly(true);
    EXPECT_EQ(shownSet().count(st::SampleRegister), 0u);
    EXPECT_EQ(shownSet().count(st::SampleOptions), 0u);
    EXPECT_EQ(m_proxy.rowCount(), 7);
    m_proxy.setInviteOnly(false);
    m_proxy.setHideRegisterOptions(true);
    EXPECT_EQ(m_proxy.rowCount(), 7);
    EXPECT_EQ(m_proxy.rowOfCall(st::SampleRegister), -1);
    m_proxy.setHideRegisterOptions(false);

    m_proxy.setCallRestriction({ st::SampleBusy, st::SampleAnswered, 999 });
    EXPECT_EQ(shownSet(), std::set<quint32>({ st::SampleAnswered, st::SampleBusy }));
    m_proxy.setFailedOnly(true);
    EXPECT_EQ(shownSet(), std::set<quint32>({ st::SampleBusy })) << "all conditions hold together";
    m_proxy.clearCallRestriction();
    EXPECT_EQ(m_proxy.rowCount(), 3);
    m_proxy.setCallRestriction({ st::SampleBusy });
    QSignalSpy filterChanged(&m_proxy, &CallListProxyModel::filterChanged);
    m_model.setSnapshot(m_snapshot);
    EXPECT_EQ(filterChanged.count(), 1);
    EXPECT_FALSE(m_proxy.filter().calls.has_value()) << "call indexes do not outlive their snapshot";
    EXPECT_TRUE(m_proxy.filter().failedOnly);
    EXPECT_EQ(m_proxy.rowCount(), 3);
}

TEST_F(CallListProxyModelTest, SortAndFilterCombine)
{
    m_proxy.setFailedOnly(true);
    m_proxy.sort(CallListModel::Final, Qt::AscendingOrder);
    EXPECT_EQ(shown(), std::vector<quint32>({ st::SampleNotFound, st::SampleBusy, st::SampleCancelled }));
    m_proxy.sort(CallListModel::Final, Qt::DescendingOrder);
    EXPECT_EQ(shown(), std::vector<quint32>({ st::SampleCancelled, st::SampleBusy, st::SampleNotFound }));
    m_proxy.setFailedOnly(false);
    EXPECT_EQ(shown().front(), quint32(st::SampleCancelled)) << "the sort stays when the filter changes";
    EXPECT_EQ(m_proxy.rowOfCall(st::SampleBusy), 1);
}

TEST_F(CallListProxyModelTest, LinkedLegsOfACall)
{
    ASSERT_EQ(m_snapshot->calls()[st::SampleLegA].linkedCalls, std::vector<std::uint32_t>({ st::SampleLegB }));
    m_proxy.sort(CallListModel::Start, Qt::DescendingOrder);
    const int legA = m_proxy.rowOfCall(st::SampleLegA);
    const int legB = m_proxy.rowOfCall(st::SampleLegB);
    EXPECT_EQ(m_proxy.rowsOfLinkedCalls(legA), QList<int>({ legB }));
    EXPECT_EQ(m_proxy.rowsOfLinkedCalls(legB), QList<int>({ legA }));
    EXPECT_TRUE(m_proxy.rowsOfLinkedCalls(m_proxy.rowOfCall(st::SampleBusy)).isEmpty());
    EXPECT_TRUE(m_proxy.rowsOfLinkedCalls(-1).isEmpty());
    m_proxy.setCallRestriction({ st::SampleLegA });
    EXPECT_TRUE(m_proxy.rowsOfLinkedCalls(0).isEmpty()) << "a leg filtered out is left out";
}

TEST_F(CallListProxyModelTest, EmptyAndForeignSources)
{
    m_model.clear();
    EXPECT_EQ(m_proxy.rowCount(), 0);
    m_proxy.sort(CallListModel::From);
    m_proxy.setFilterText(QStringLiteral("zz no such text"));
    EXPECT_EQ(m_proxy.rowCount(), 0);
    EXPECT_EQ(m_proxy.callIndex(0), core::kNoIndex);
    m_model.setSnapshot(m_snapshot);
    EXPECT_EQ(m_proxy.rowCount(), 0) << "the filter applies to the new snapshot";
    m_proxy.setFilterText(QString());
    EXPECT_EQ(m_proxy.rowCount(), st::SampleCallCount);
    EXPECT_EQ(shown().front(), quint32(st::SampleNotFound)) << "sorted by From: +12125550100 first";
    {
        auto other = std::make_unique<CallListModel>();
        other->setSnapshot(m_snapshot);
        m_proxy.setSourceModel(other.get());
        EXPECT_EQ(m_proxy.rowCount(), st::SampleCallCount);
    }
    EXPECT_EQ(m_proxy.rowCount(), 0) << "a destroyed source empties the proxy";
    EXPECT_EQ(m_proxy.columnCount(), 0);
}

TEST_F(CallListProxyModelTest, ALargeSnapshotSortsAndFiltersLikeAPlainReference)
{
    // Enough calls for the keys to be built on several threads.
    st::CaptureGeneratorOptions options;
    options.calls = 6000;
    const auto path = m_dir / "large.pcap";
    st::CaptureGenerator(options).write(path);
    core::LoadOptions load;
    load.paths = { path.string() };
    auto loaded = core::CaptureLoader::load(load);
    ASSERT_TRUE(loaded);
    m_guard.reset(); // the tester would walk every index on each of the many resets below
    m_model.setSnapshot(loaded.value());
    ASSERT_EQ(m_proxy.rowCount(), 6000);

    for (int column = 0; column < CallListModel::ColumnCount; ++column) {
        for (const auto order : { Qt::AscendingOrder, Qt::DescendingOrder }) {
            m_proxy.sort(column, order);
            const auto calls = shown();
            ASSERT_EQ(calls.size(), 6000u);
            for (std::size_t i = 1; i < calls.size(); ++i) {
                const int c = compareCalls(column, calls[i - 1], calls[i]);
                ASSERT_TRUE(order == Qt::AscendingOrder ? c <= 0 : c >= 0) << "column " << column << " row " << i;
                if (c == 0) {
                    ASSERT_LT(calls[i - 1], calls[i]) << "column " << column << " row " << i;
                }
            }
        }
    }

    auto reference = [&](const std::string& needle, int onlyColumn) {
        std::set<quint32> expected;
        for (int row = 0; row < m_model.rowCount(); ++row) {
            bool match = false;
            for (int column = 0; column < CallListModel::ColumnCount && !match; ++column) {
                if (onlyColumn >= 0 && column != onlyColumn)
                    continue;
                std::string text;
                m_model.appendFilterText(row, column, text);
                match = QString::fromStdString(text).toLower().toStdString().find(needle) != std::string::npos;
            }
            if (!match && onlyColumn < 0) {
                std::string text;
                m_model.appendHiddenFilterText(row, text);
                match = QString::fromStdString(text).toLower().toStdString().find(needle) != std::string::npos;
            }
            if (match)
                expected.insert(m_model.callIndex(row));
        }
        return expected;
    };
    for (const char* needle : { "404", "5551", "invite", "203.0.113.1", "10:0", "busy", "zz-none" }) {
        m_proxy.setFilter({});
        m_proxy.setFilterText(QString::fromLatin1(needle));
        EXPECT_EQ(shownSet(), reference(needle, -1)) << needle;
    }
    for (const int column : { int(CallListModel::From), int(CallListModel::Final), int(CallListModel::Source) }) {
        m_proxy.setFilterColumn(column);
        m_proxy.setFilterText(QStringLiteral("5"));
        EXPECT_EQ(shownSet(), reference("5", column)) << column;
    }
}
