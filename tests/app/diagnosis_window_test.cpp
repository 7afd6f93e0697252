// SPDX-License-Identifier: Apache-2.0
// The diagnosis as a user meets it in the window: a trunk capture with a 404 and a working call
// opens on the failed call, the panel explains it, the ladder and the call list name the cause,
// evidence rows lead to their messages.
#include "call_filter_bar.h"
#include "call_list_model.h"
#include "call_list_view.h"
#include "capture_session.h"
#include "failure_panel.h"
#include "ladder_view.h"
#include "main_window.h"
#include "message_list_model.h"
#include "message_pane.h"
#include "model_roles.h"
#include "models/trunk_fixture.h"
#include "support/test_paths.h"
#include "uri_diff_view.h"

#include <QComboBox>
#include <QSignalSpy>
#include <QSplitter>
#include <QStandardPaths>
#include <QTest>
#include <QTreeWidget>

#include <gtest/gtest.h>

#include <filesystem>

using namespace sipladder;
namespace st = sipladder::testing;
namespace trunk = sipladder::testing::trunk;

namespace {

class DiagnosisWindowTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        QStandardPaths::setTestModeEnabled(true);
        m_dir = st::makeTempDir("sipladder-diagnosis-window");
        trunk::writeCapture(m_dir / "trunk.pcap");
        m_path = QString::fromStdString((m_dir / "trunk.pcap").string());
    }
    void TearDown() override { std::filesystem::remove_all(m_dir); }

    void open(app::MainWindow& window)
    {
        window.resize(1400, 900);
        window.show();
        QSignalSpy finished(&window.session(), &models::CaptureSession::loadFinished);
        window.openFiles({ m_path });
        ASSERT_TRUE(finished.wait(10000));
    }

    std::filesystem::path m_dir;
    QString m_path;
};

} // namespace

TEST_F(DiagnosisWindowTest, OpeningATrunkWithA404ShowsThePanelWithNumberFormat)
{
    app::MainWindow window;
    ASSERT_NO_FATAL_FAILURE(open(window));
    ASSERT_TRUE(window.session().diagnosis());

    auto* callList = window.findChild<widgets::CallListView*>();
    ASSERT_NE(callList, nullptr);
    const QModelIndex current = callList->currentIndex();
    ASSERT_TRUE(current.isValid());
    EXPECT_EQ(current.data(models::CallIndexRole).value<quint32>(), quint32(trunk::NotFound))
        << "the window starts on the failed INVITE";
    EXPECT_EQ(
        current.siblingAtColumn(models::CallListModel::Diagnosis).data().toString(), QStringLiteral("number-format"));

    auto* panel = window.findChild<widgets::FailurePanel*>();
    ASSERT_NE(panel, nullptr);
    EXPECT_TRUE(panel->isVisible());
    ASSERT_NE(panel->currentFailure(), nullptr);
    EXPECT_EQ(panel->currentFailure()->explanation.cause, core::Cause::NumberFormat);
    EXPECT_TRUE(panel->text().contains(QStringLiteral("number-format")));
    EXPECT_GT(panel->width(), 200);
    EXPECT_GT(panel->height(), 200);
    EXPECT_TRUE(panel->uriDiffView()->isVisible());
    EXPECT_TRUE(panel->uriDiffView()->flaggedComponents().contains(QStringLiteral("user")));

    // The ladder names the cause on the 404.
    auto* ladder = window.findChild<widgets::LadderView*>();
    ASSERT_NE(ladder, nullptr);
    auto* messages = qobject_cast<models::MessageListModel*>(ladder->model());
    ASSERT_NE(messages, nullptr);
    const auto badges = messages->layout().badgeRows();
    ASSERT_EQ(badges.size(), 1u);
    EXPECT_EQ(messages->layout().rows()[badges.front()].causeBadge, "number-format");
    EXPECT_EQ(messages->layout().rows()[badges.front()].label, "404 Not Found");
}

TEST_F(DiagnosisWindowTest, EvidenceRowsSelectTheirMessageAndAFailingArrowShowsItsFailure)
{
    app::MainWindow window;
    ASSERT_NO_FATAL_FAILURE(open(window));
    auto* panel = window.findChild<widgets::FailurePanel*>();
    auto* ladder = window.findChild<widgets::LadderView*>();
    auto* pane = window.findChild<widgets::MessagePane*>();
    ASSERT_TRUE(panel && ladder && pane);
    const core::Failure* failure = panel->currentFailure();
    ASSERT_NE(failure, nullptr);
    const auto& snapshot = *window.session().snapshot();

    // Evidence in the failing call: selected on the ladder, so the message pane shows it.
    QTreeWidget* evidence = panel->evidenceList();
    int own = -1;
    int other = -1;
    for (std::size_t i = 0; i < failure->explanation.evidence.size(); ++i) {
        const auto message = failure->explanation.evidence[i].messageIndex;
        if (message == core::kNoIndex)
            continue;
        if (snapshot.messages()[message].callIndex == failure->callIndex && own < 0)
            own = int(i);
        if (snapshot.messages()[message].callIndex != failure->callIndex && other < 0)
            other = int(i);
    }
    ASSERT_GE(own, 0);
    // Move the ladder away first, so that the click has something to change.
    ladder->setCurrentIndex(ladder->model()->index(ladder->model()->rowCount() - 1, 0));
    QTreeWidgetItem* item = evidence->topLevelItem(own);
    evidence->scrollToItem(item);
    QTest::mouseClick(evidence->viewport(), Qt::LeftButton, {}, evidence->visualItemRect(item).center());
    const quint32 ownMessage = failure->explanation.evidence[std::size_t(own)].messageIndex;
    EXPECT_EQ(ladder->currentIndex().data(models::MessageIndexRole).value<quint32>(), ownMessage);
    EXPECT_TRUE(ladder->selectionModel()->isRowSelected(ladder->currentIndex().row(), {}));
    std::string raw;
    ASSERT_TRUE(snapshot.readMessage(snapshot.messages()[ownMessage], raw));
    const QString firstLine = QString::fromStdString(raw.substr(0, raw.find('\r')));
    EXPECT_TRUE(pane->text().startsWith(firstLine)) << pane->text().left(80).toStdString();
    EXPECT_EQ(panel->currentFailure()->transactionIndex, failure->transactionIndex) << "still the same failure";

    // Evidence in the working call (not drawn): the message pane shows it on its own.
    ASSERT_GE(other, 0) << "number-format cites the working call's Request-URI";
    const quint32 otherMessage = failure->explanation.evidence[std::size_t(other)].messageIndex;
    QTreeWidgetItem* otherItem = evidence->topLevelItem(other);
    QTest::mouseClick(evidence->viewport(), Qt::LeftButton, {}, evidence->visualItemRect(otherItem).center());
    ASSERT_TRUE(snapshot.readMessage(snapshot.messages()[otherMessage], raw));
    EXPECT_TRUE(pane->text().startsWith(QString::fromStdString(raw.substr(0, raw.find('\r')))));
    EXPECT_TRUE(pane->text().contains(QStringLiteral("5551234567")));

    // Enter on the failing response shows its failure, bringing a collapsed panel back into sight.
    const int badgeRow = qobject_cast<models::MessageListModel*>(ladder->model())->rowOfMessage(failure->finalMessage);
    ASSERT_GE(badgeRow, 0);
    auto* side = qobject_cast<QSplitter*>(panel->parentWidget());
    ASSERT_NE(side, nullptr);
    const auto sizes = side->sizes();
    side->setSizes({ 0, sizes.value(0) + sizes.value(1) });
    ASSERT_EQ(panel->height(), 0);
    ladder->setFocus();
    ladder->setCurrentIndex(ladder->model()->index(badgeRow, 0));
    QTest::keyClick(ladder, Qt::Key_Return);
    EXPECT_EQ(panel->currentFailure()->transactionIndex, failure->transactionIndex);
    EXPECT_GT(panel->height(), 100);
}

TEST_F(DiagnosisWindowTest, ClickingAFailingArrowOfAnotherCallShowsThatFailure)
{
    app::MainWindow window;
    ASSERT_NO_FATAL_FAILURE(open(window));
    auto* callList = window.findChild<widgets::CallListView*>();
    auto* panel = window.findChild<widgets::FailurePanel*>();
    auto* ladder = window.findChild<widgets::LadderView*>();
    ASSERT_TRUE(callList && panel && ladder);
    callList->selectCalls({ trunk::NotFound, trunk::Busy });
    ASSERT_EQ(panel->failureCount(), 2);
    const auto* busy = window.session().diagnosis()->initialFailureOfCall(trunk::Busy);
    ASSERT_NE(busy, nullptr);
    // Start on the 404's failure, then click the 486 arrow.
    panel->showFailure(0);
    ASSERT_EQ(panel->currentFailure()->callIndex, quint32(trunk::NotFound));
    auto* messages = qobject_cast<models::MessageListModel*>(ladder->model());
    const int busyRow = messages->rowOfMessage(busy->finalMessage);
    ASSERT_GE(busyRow, 0);
    const QModelIndex index = messages->index(busyRow, 0);
    ladder->scrollTo(index);
    QTest::mouseClick(ladder->viewport(), Qt::LeftButton, {}, ladder->arrowRect(index).center());
    EXPECT_EQ(ladder->currentIndex().row(), busyRow);
    ASSERT_NE(panel->currentFailure(), nullptr);
    EXPECT_EQ(panel->currentFailure()->callIndex, quint32(trunk::Busy));
    EXPECT_EQ(panel->failureChooser()->currentIndex(), 1);
    EXPECT_TRUE(panel->text().contains(QStringLiteral("busy")));
}

TEST_F(DiagnosisWindowTest, TheDiagnosisChooserFiltersTheCallList)
{
    app::MainWindow window;
    ASSERT_NO_FATAL_FAILURE(open(window));
    auto* bar = window.findChild<widgets::CallFilterBar*>();
    auto* callList = window.findChild<widgets::CallListView*>();
    ASSERT_TRUE(bar && callList);
    auto* combo = bar->findChild<QComboBox*>(QStringLiteral("causeFilter"));
    ASSERT_NE(combo, nullptr);
    const int numberFormat = combo->findData(QStringLiteral("number-format"));
    ASSERT_GT(numberFormat, 0);
    EXPECT_EQ(combo->itemText(numberFormat), QStringLiteral("number-format (1)"));
    const int all = callList->model()->rowCount();
    combo->setCurrentIndex(numberFormat);
    ASSERT_EQ(callList->model()->rowCount(), 1);
    EXPECT_EQ(callList->model()->index(0, 0).data(models::CallIndexRole).value<quint32>(), quint32(trunk::NotFound));
    combo->setCurrentIndex(0);
    EXPECT_EQ(callList->model()->rowCount(), all);
}

TEST_F(DiagnosisWindowTest, SelectingACallThatDidNotFailSaysSo)
{
    app::MainWindow window;
    ASSERT_NO_FATAL_FAILURE(open(window));
    auto* callList = window.findChild<widgets::CallListView*>();
    auto* panel = window.findChild<widgets::FailurePanel*>();
    ASSERT_TRUE(callList && panel);
    callList->selectCalls({ trunk::Answered });
    EXPECT_EQ(panel->currentFailure(), nullptr);
    EXPECT_TRUE(panel->text().contains(QStringLiteral("did not fail")));
    window.close();
}
