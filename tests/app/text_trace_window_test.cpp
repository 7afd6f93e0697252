// SPDX-License-Identifier: Apache-2.0
// Text traces in the window as a user meets them: SIP pasted from the clipboard or dropped as text
// opens as a new trace titled "Pasted trace", junk leaves the open trace alone, the calls are saved
// as a pcap that loads back, and the temporary files are gone once closed.
#include "call_list_view.h"
#include "capture_session.h"
#include "ladder_view.h"
#include "main_window.h"
#include "models/pasted_sip_fixture.h"
#include "pcap_export_job.h"
#include "support/test_paths.h"
#include "app/window_test_fixture.h"

#include "load/capture_loader.h"

#include <QAbstractItemModel>
#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QMessageBox>
#include <QMimeData>
#include <QPointer>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTest>
#include <QTimer>
#include <QUrl>

#include <gtest/gtest.h>

#include <filesystem>

using namespace sipladder;
namespace st = sipladder::testing;
namespace pasted = sipladder::testing::pasted;

namespace {

const QString kSample = QStringLiteral(SIPLADDER_SOURCE_DIR "/resources/samples/trunk-404.pcap");

class TextTraceWindowTest : public st::WindowTestFixture {
protected:
    TextTraceWindowTest()
        : WindowTestFixture("sipladder-text-trace-window")
    {
    }

    void openSample()
    {
        QSignalSpy finished(&m_window->session(), &models::CaptureSession::loadFinished);
        m_window->openFiles({ kSample });
        ASSERT_TRUE(finished.wait(10000));
    }
    void paste(const QString& text)
    {
        QSignalSpy finished(&m_window->session(), &models::CaptureSession::loadFinished);
        QSignalSpy failed(&m_window->session(), &models::CaptureSession::loadFailed);
        QGuiApplication::clipboard()->setText(text);
        action("pasteTraceAction")->trigger();
        QElapsedTimer timer;
        timer.start();
        while (finished.isEmpty() && failed.isEmpty() && timer.elapsed() < 10000)
            QTest::qWait(10);
        ASSERT_TRUE(failed.isEmpty()) << failed.first().first().toString().toStdString();
        ASSERT_EQ(finished.count(), 1);
    }
    int callRows() const { return m_window->findChild<widgets::CallListView*>()->model()->rowCount(); }
    int ladderRows() const { return m_window->findChild<widgets::LadderView*>()->model()->rowCount(); }

    // Error dialogs are modal: every test closes them (keeping their texts) rather than hang on one.
    st::ModalCloser m_dialogs { st::ModalCloser::Closes::AnyDialog };
};

core::SnapshotPtr load(const QString& path)
{
    core::LoadOptions options;
    options.paths.push_back(path.toStdString());
    auto loaded = core::CaptureLoader::load(options);
    if (!loaded) {
        ADD_FAILURE() << loaded.error().message;
        return nullptr;
    }
    return std::move(loaded).value();
}

} // namespace

TEST_F(TextTraceWindowTest, PastedSipOpensAsATraceTitledPastedTraceAndNotRemembered)
{
    auto* pasteAction = action("pasteTraceAction");
    ASSERT_NE(pasteAction, nullptr);
    EXPECT_EQ(pasteAction->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_V));

    ASSERT_NO_FATAL_FAILURE(paste(pasted::text()));
    const auto& session = m_window->session();
    ASSERT_TRUE(session.snapshot());
    EXPECT_EQ(int(session.snapshot()->calls().size()), pasted::kCalls);
    EXPECT_EQ(callRows(), pasted::kCalls);
    EXPECT_GT(ladderRows(), 0) << "the window opens on a call";
    EXPECT_TRUE(m_window->windowTitle().startsWith(QStringLiteral("Pasted trace (")))
        << m_window->windowTitle().toStdString();
    const QString path = session.paths().value(0);
    EXPECT_FALSE(m_window->windowTitle().contains(QFileInfo(path).fileName()));

    // The temporary file is no recent file.
    QSettings settings(QStringLiteral("SipLadder"), QStringLiteral("SipLadder"));
    for (const auto& entry : settings.value(QStringLiteral("recentFiles")).toStringList())
        EXPECT_FALSE(entry.contains(path)) << entry.toStdString();
}

TEST_F(TextTraceWindowTest, ATextLogFileOpensLikeACaptureAndIsRemembered)
{
    const QString path = target("pbx-console.log");
    {
        QFile file(path);
        ASSERT_TRUE(file.open(QIODevice::WriteOnly));
        file.write(pasted::text().toUtf8());
    }
    QSignalSpy finished(&m_window->session(), &models::CaptureSession::loadFinished);
    QSignalSpy failed(&m_window->session(), &models::CaptureSession::loadFailed);
    m_window->openFiles({ path });
    QElapsedTimer timer;
    timer.start();
    while (finished.isEmpty() && failed.isEmpty() && timer.elapsed() < 10000)
        QTest::qWait(10);
    ASSERT_TRUE(failed.isEmpty()) << failed.first().first().toString().toStdString();
    ASSERT_EQ(finished.count(), 1);
    EXPECT_EQ(m_window->windowTitle(), QStringLiteral("pbx-console.log — SipLadder"));
    EXPECT_EQ(callRows(), pasted::kCalls);
    EXPECT_FALSE(m_window->session().isTemporary(path));
    QSettings settings(QStringLiteral("SipLadder"), QStringLiteral("SipLadder"));
    EXPECT_EQ(settings.value(QStringLiteral("recentFiles")).toStringList().value(0), path);
}

TEST_F(TextTraceWindowTest, PasteOfJunkShowsTheErrorAndKeepsTheOpenTrace)
{
    ASSERT_NO_FATAL_FAILURE(openSample());
    const auto before = m_window->session().snapshot();
    const QString title = m_window->windowTitle();
    const int rows = callRows();
    ASSERT_GT(ladderRows(), 0);

    const auto dialogsBefore = m_dialogs.texts().size();
    QSignalSpy failed(&m_window->session(), &models::CaptureSession::loadFailed);
    QGuiApplication::clipboard()->setText(pasted::junk());
    action("pasteTraceAction")->trigger();
    ASSERT_TRUE(failed.wait(10000));
    ASSERT_EQ(m_dialogs.texts().size(), dialogsBefore + 1);
    EXPECT_TRUE(m_dialogs.texts().last().contains(QStringLiteral("Pasted trace")))
        << m_dialogs.texts().last().toStdString();

    EXPECT_EQ(m_window->session().snapshot(), before);
    EXPECT_EQ(m_window->windowTitle(), title);
    EXPECT_EQ(callRows(), rows);
    EXPECT_GT(ladderRows(), 0) << "the ladder of the open trace is back";
    const QString status = m_window->statusBar()->currentMessage();
    EXPECT_TRUE(status.contains(QStringLiteral("Pasted trace")) && status.contains(QStringLiteral("trunk-404.pcap")))
        << status.toStdString();
}

TEST_F(TextTraceWindowTest, AnEmptyClipboardSaysSoAndStartsNothing)
{
    QSignalSpy started(&m_window->session(), &models::CaptureSession::loadStarted);
    QGuiApplication::clipboard()->clear();
    action("pasteTraceAction")->trigger();
    EXPECT_TRUE(m_window->statusBar()->currentMessage().contains(QStringLiteral("clipboard")));
    QGuiApplication::clipboard()->setText(QStringLiteral("   \n\n"));
    action("pasteTraceAction")->trigger();
    EXPECT_TRUE(m_window->statusBar()->currentMessage().contains(QStringLiteral("clipboard")));
    EXPECT_EQ(started.count(), 0);
}

TEST_F(TextTraceWindowTest, DroppedTextOpensAsATrace)
{
    QSignalSpy started(&m_window->session(), &models::CaptureSession::loadStarted);
    QSignalSpy finished(&m_window->session(), &models::CaptureSession::loadFinished);
    QMimeData mime;
    mime.setText(pasted::text());
    QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(m_window.get(), &enter);
    EXPECT_TRUE(enter.isAccepted());
    QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(m_window.get(), &drop);
    ASSERT_EQ(started.count(), 1);
    QSignalSpy failed(&m_window->session(), &models::CaptureSession::loadFailed);
    QElapsedTimer timer;
    timer.start();
    while (finished.isEmpty() && failed.isEmpty() && timer.elapsed() < 10000)
        QTest::qWait(10);
    ASSERT_TRUE(failed.isEmpty()) << failed.first().first().toString().toStdString();
    ASSERT_EQ(finished.count(), 1);
    EXPECT_TRUE(m_window->session().isTemporary(m_window->session().paths().value(0)));
    EXPECT_EQ(callRows(), pasted::kCalls);
    EXPECT_TRUE(m_window->windowTitle().startsWith(QStringLiteral("Pasted trace (")));
}

TEST_F(TextTraceWindowTest, DroppedFileUrlsAsPlainTextOpenTheFiles)
{
    QSignalSpy started(&m_window->session(), &models::CaptureSession::loadStarted);
    QSignalSpy finished(&m_window->session(), &models::CaptureSession::loadFinished);
    QMimeData mime;
    mime.setText(QUrl::fromLocalFile(kSample).toString() + QLatin1Char('\n'));
    QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(m_window.get(), &enter);
    EXPECT_TRUE(enter.isAccepted());
    QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(m_window.get(), &drop);
    ASSERT_EQ(started.count(), 1);
    EXPECT_EQ(started.first().first().toStringList(), QStringList { kSample });
    ASSERT_TRUE(finished.wait(10000));
}

TEST_F(TextTraceWindowTest, SaveAsPcapWritesTheCallsThatLoadBack)
{
    auto* all = action("saveAllPcapAction");
    auto* selected = action("saveSelectedPcapAction");
    ASSERT_TRUE(all && selected);
    EXPECT_FALSE(all->isEnabled()) << "nothing open yet";
    EXPECT_FALSE(selected->isEnabled());

    ASSERT_NO_FATAL_FAILURE(paste(pasted::text()));
    EXPECT_TRUE(all->isEnabled());
    auto* callList = m_window->findChild<widgets::CallListView*>();
    ASSERT_EQ(callList->selectedCallIndexes().size(), 1) << "the window opens on one call";
    EXPECT_TRUE(selected->isEnabled());
    EXPECT_TRUE(selected->text().contains(QStringLiteral("Selected Call")));

    QSignalSpy finished(&m_window->pcapExport(), &models::PcapExportJob::exportFinished);
    const QString allPath = target("all.pcap");
    ASSERT_TRUE(m_window->savePcap(allPath, false));
    EXPECT_FALSE(all->isEnabled()) << "one export at a time";
    ASSERT_TRUE(finished.wait(10000));
    EXPECT_TRUE(all->isEnabled());
    EXPECT_TRUE(m_window->statusBar()->currentMessage().contains(QStringLiteral("all.pcap")));
    const auto reloaded = load(allPath);
    ASSERT_TRUE(reloaded);
    EXPECT_EQ(reloaded->totals().sipMessages, m_window->session().snapshot()->totals().sipMessages);
    EXPECT_EQ(int(reloaded->totals().sipMessages), pasted::kMessages);
    EXPECT_EQ(int(reloaded->calls().size()), pasted::kCalls);

    const quint32 call = callList->selectedCallIndexes().first();
    const QString onePath = target("one.pcap");
    ASSERT_TRUE(m_window->savePcap(onePath, true));
    ASSERT_TRUE(finished.wait(10000));
    const auto one = load(onePath);
    ASSERT_TRUE(one);
    ASSERT_EQ(one->calls().size(), 1u);
    EXPECT_EQ(one->totals().sipMessages, m_window->session().snapshot()->messagesOfCall(call).size());
}

TEST_F(TextTraceWindowTest, SavingToAnUnwritablePathShowsADialogNamingIt)
{
    ASSERT_NO_FATAL_FAILURE(openSample());
    const auto dialogsBefore = m_dialogs.texts().size();
    QSignalSpy failed(&m_window->pcapExport(), &models::PcapExportJob::exportFailed);
    const QString path = target("no-such-folder/out.pcap");
    ASSERT_TRUE(m_window->savePcap(path, false));
    ASSERT_TRUE(failed.wait(10000));
    ASSERT_EQ(m_dialogs.texts().size(), dialogsBefore + 1);
    EXPECT_TRUE(m_dialogs.texts().last().contains(path)) << m_dialogs.texts().last().toStdString();
    EXPECT_TRUE(action("saveAllPcapAction")->isEnabled());
}

TEST_F(TextTraceWindowTest, SavingOverTheOpenCaptureIsRefused)
{
    const QString copy = target("copy.pcap");
    ASSERT_TRUE(QFile::copy(kSample, copy));
    QSignalSpy finishedLoad(&m_window->session(), &models::CaptureSession::loadFinished);
    m_window->openFiles({ copy });
    ASSERT_TRUE(finishedLoad.wait(10000));
    const auto size = QFileInfo(copy).size();
    const auto dialogsBefore = m_dialogs.texts().size();
    EXPECT_FALSE(m_window->savePcap(copy, false));
    EXPECT_EQ(m_dialogs.texts().size(), dialogsBefore + 1) << "the refusal is a dialog";
    EXPECT_EQ(QFileInfo(copy).size(), size);
}

TEST_F(TextTraceWindowTest, TemporaryFilesAreGoneAfterCloseAndWithTheWindow)
{
    ASSERT_NO_FATAL_FAILURE(paste(pasted::text()));
    const QString first = m_window->session().paths().value(0);
    ASSERT_TRUE(QFileInfo::exists(first));
    const QString directory = QFileInfo(first).absolutePath();
    action("closeAction")->trigger();
    EXPECT_FALSE(QFileInfo::exists(first));
    EXPECT_EQ(m_window->windowTitle(), QStringLiteral("SipLadder"));
    EXPECT_FALSE(action("saveAllPcapAction")->isEnabled());

    ASSERT_NO_FATAL_FAILURE(paste(pasted::text()));
    const QString second = m_window->session().paths().value(0);
    ASSERT_TRUE(QFileInfo::exists(second));
    m_window->close();
    m_window.reset();
    EXPECT_FALSE(QFileInfo::exists(second));
    EXPECT_FALSE(QFileInfo::exists(directory));
}
