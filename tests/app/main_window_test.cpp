// SPDX-License-Identifier: Apache-2.0
// The window as a user meets it: open the sample, pick the failed call, read its messages.
#include "call_list_view.h"
#include "capture_session.h"
#include "ladder_view.h"
#include "main_window.h"
#include "message_pane.h"
#include "model_roles.h"
#include "recent_files.h"
#include "support/test_paths.h"

#include <QAbstractItemModel>
#include <QApplication>
#include <QMimeData>
#include <QSettings>
#include <QUrl>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>

#include <gtest/gtest.h>

using namespace sipladder;

namespace {

const QString kSample = QStringLiteral(SIPLADDER_SOURCE_DIR "/resources/samples/trunk-404.pcap");

class MainWindowTest : public ::testing::Test {
protected:
    void SetUp() override { QStandardPaths::setTestModeEnabled(true); }
};

int rowOfCallWithFinal(QAbstractItemModel* model, int status)
{
    for (int row = 0; row < model->rowCount(); ++row) {
        for (int column = 0; column < model->columnCount(); ++column) {
            if (model->index(row, column).data().toString().startsWith(QString::number(status) + QLatin1Char(' ')))
                return row;
        }
    }
    return -1;
}

} // namespace

TEST_F(MainWindowTest, OpensTheSampleAndShowsTheFailedCallsLadderAndMessage)
{
    app::MainWindow window;
    window.show();
    QSignalSpy finished(&window.session(), &models::CaptureSession::loadFinished);
    window.openFiles({kSample});
    ASSERT_TRUE(finished.wait(10000));
    EXPECT_TRUE(window.windowTitle().startsWith(QStringLiteral("trunk-404.pcap")));

    auto* callList = window.findChild<widgets::CallListView*>();
    ASSERT_NE(callList, nullptr);
    ASSERT_EQ(callList->model()->rowCount(), 6);
    const int failedRow = rowOfCallWithFinal(callList->model(), 404);
    ASSERT_GE(failedRow, 0);
    callList->setCurrentIndex(callList->model()->index(failedRow, 0));

    auto* ladder = window.findChild<widgets::LadderView*>();
    ASSERT_NE(ladder, nullptr);
    ASSERT_EQ(ladder->model()->rowCount(), 4);
    // The window starts on the first failure of the call: its INVITE.
    const auto current = ladder->currentIndex();
    ASSERT_TRUE(current.isValid());
    EXPECT_EQ(current.data(models::ArrowToneRole).toInt(), int(core::ArrowTone::Error));

    auto* pane = window.findChild<widgets::MessagePane*>();
    ASSERT_NE(pane, nullptr);
    EXPECT_TRUE(pane->text().startsWith(QStringLiteral("INVITE sip:+15551234567@pbx.example.test SIP/2.0")));
}

TEST_F(MainWindowTest, AnUnreadableFileLeavesTheWindowUsable)
{
    app::MainWindow window;
    QSignalSpy failed(&window.session(), &models::CaptureSession::loadFailed);
    // The error dialog is modal: close it as soon as it shows.
    QTimer::singleShot(0, &window, [] {
        QTimer::singleShot(200, [] {
            if (auto* dialog = QApplication::activeModalWidget())
                dialog->close();
        });
    });
    window.openFiles({QStringLiteral("/nonexistent/trace.pcap")});
    ASSERT_TRUE(failed.wait(10000));
    EXPECT_EQ(window.windowTitle(), QStringLiteral("SipLadder"));
}

TEST_F(MainWindowTest, DroppedFilesAreOpened)
{
    app::MainWindow window;
    window.show();
    QSignalSpy started(&window.session(), &models::CaptureSession::loadStarted);
    QSignalSpy finished(&window.session(), &models::CaptureSession::loadFinished);
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(kSample)});
    QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&window, &enter);
    EXPECT_TRUE(enter.isAccepted());
    QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&window, &drop);
    ASSERT_EQ(started.count(), 1);
    EXPECT_EQ(started.first().first().toStringList(), QStringList{kSample});
    ASSERT_TRUE(finished.wait(10000));
}

TEST(RecentFiles, NewestFirstWithoutDuplicatesBoundedAndKept)
{
    const auto dir = sipladder::testing::makeTempDir("sipladder-recent-test");
    const QString ini = QString::fromStdString((dir / "settings.ini").string());
    {
        QSettings settings(ini, QSettings::IniFormat);
        app::RecentFiles recent(settings);
        for (int i = 0; i < 12; ++i)
            recent.add({QStringLiteral("/captures/%1.pcap").arg(i)});
        recent.add({QStringLiteral("/captures/5.pcap")});
        recent.add({QStringLiteral("/a.pcap"), QStringLiteral("/b.pcap")});
        ASSERT_EQ(recent.entries().size(), app::RecentFiles::kMaximum);
        EXPECT_EQ(recent.entries()[0], (QStringList{QStringLiteral("/a.pcap"), QStringLiteral("/b.pcap")}));
        EXPECT_EQ(recent.entries()[1], QStringList{QStringLiteral("/captures/5.pcap")});
    }
    QSettings settings(ini, QSettings::IniFormat);
    app::RecentFiles reloaded(settings);
    ASSERT_EQ(reloaded.entries().size(), app::RecentFiles::kMaximum);
    EXPECT_EQ(reloaded.entries()[0], (QStringList{QStringLiteral("/a.pcap"), QStringLiteral("/b.pcap")}));
    int fives = 0;
    for (const auto& entry : reloaded.entries())
        fives += entry == QStringList{QStringLiteral("/captures/5.pcap")};
    EXPECT_EQ(fives, 1);
    reloaded.clear();
    EXPECT_TRUE(reloaded.entries().isEmpty());
}
