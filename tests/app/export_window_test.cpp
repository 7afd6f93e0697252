// SPDX-License-Identifier: Apache-2.0
// File › Export… and Edit › Copy Ladder Image in the window as a user meets them: the dialog opens
// with the counts of the open trace and a name beside it, remembers the format and the redaction,
// every format writes its file off the GUI thread and offers to open it, redaction reaches the
// file, Cancel leaves nothing, a file that cannot be written is a dialog naming it, and the ladder
// shown lands on the clipboard as an image.
#include "call_list_view.h"
#include "capture_session.h"
#include "export_dialog.h"
#include "ladder_view.h"
#include "load_progress_widget.h"
#include "main_window.h"
#include "report_export_job.h"
#include "support/test_paths.h"
#include "app/window_test_fixture.h"

#include "load/capture_loader.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QItemSelectionModel>
#include <QMessageBox>
#include <QMimeData>
#include <QPointer>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTest>
#include <QTimer>
#include <QToolButton>

#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <mutex>

using namespace sipladder;
using widgets::ExportDialog;
namespace st = sipladder::testing;

namespace {

const QString kSample = QStringLiteral(SIPLADDER_SOURCE_DIR "/resources/samples/trunk-404.pcap");
// The sample's numbers and addresses, which a redacted export must not hold.
const QByteArray kCalledNumber = "5551234567";
const QByteArray kCallerNumber = "2125550147";
const QByteArray kCarrierAddress = "203.0.113.10";
const QByteArray kFailedCallId = "def810bd4e41b0d1989a18b7";

class ExportWindowTest : public st::WindowTestFixture {
protected:
    ExportWindowTest()
        : WindowTestFixture("sipladder-export-window")
    {
    }
    // Opens a copy of the sample in the test's folder, so that exports land beside it there.
    void openSampleCopy()
    {
        const QString copy = target("trunk-404.pcap");
        ASSERT_TRUE(QFile::exists(copy) || QFile::copy(kSample, copy));
        QSignalSpy finished(&m_window->session(), &models::CaptureSession::loadFinished);
        m_window->openFiles({ copy });
        ASSERT_TRUE(finished.wait(10000));
    }
    // The shown one: a closed dialog or box is deleted later, by the event loop.
    template <typename T> T* shown(const QString& name = {}) const
    {
        for (auto* widget : m_window->findChildren<T*>(name)) {
            if (widget->isVisible())
                return widget;
        }
        return nullptr;
    }
    ExportDialog* openDialog()
    {
        action("exportAction")->trigger();
        auto* dialog = shown<ExportDialog>();
        EXPECT_NE(dialog, nullptr);
        return dialog;
    }
    // Runs one export to the end; false when it did not finish (failed, cancelled, timed out).
    bool runExport(render::ExportFormat format, ExportDialog::Scope scope, bool redact, const QString& path)
    {
        QSignalSpy finished(&m_window->reportExport(), &widgets::ReportExportJob::exportFinished);
        if (!m_window->exportReport(format, scope, redact, path))
            return false;
        return finished.wait(20000);
    }
    static QByteArray contents(const QString& path)
    {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return {};
        return file.readAll();
    }
    QStringList filesInDir() const
    {
        return QDir(QString::fromStdString(m_dir.string())).entryList(QDir::Files | QDir::Hidden);
    }

    st::ModalCloser m_boxes { st::ModalCloser::Closes::MessageBoxesOnly };
};

} // namespace

TEST_F(ExportWindowTest, ExportOpensTheDialogWithTheTracesCountsAndANameBesideIt)
{
    auto* exportAction = action("exportAction");
    ASSERT_NE(exportAction, nullptr);
    EXPECT_EQ(exportAction->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_E));
    EXPECT_FALSE(exportAction->isEnabled()) << "nothing open yet";

    ASSERT_NO_FATAL_FAILURE(openSampleCopy());
    EXPECT_TRUE(exportAction->isEnabled());
    auto* dialog = openDialog();
    ASSERT_NE(dialog, nullptr);
    EXPECT_EQ(dialog->windowModality(), Qt::WindowModal);
    // The sample: 6 calls, of which the 404, the busy and the cancelled one failed; the window
    // opens on the 404.
    EXPECT_EQ(dialog->callCount(ExportDialog::Scope::Selected), 1);
    EXPECT_EQ(dialog->callCount(ExportDialog::Scope::Failed), 3);
    EXPECT_EQ(dialog->callCount(ExportDialog::Scope::All), 6);
    EXPECT_EQ(dialog->findChild<QRadioButton*>(QStringLiteral("exportScopeFailed"))->text(),
        QStringLiteral("Failed calls (3)"));
    EXPECT_EQ(dialog->scope(), ExportDialog::Scope::Selected);
    EXPECT_EQ(dialog->format(), render::ExportFormat::Html);
    EXPECT_FALSE(dialog->redact());
    EXPECT_EQ(dialog->outputPath(), target("trunk-404-report.html"));
    const QPointer<ExportDialog> guard(dialog);
    dialog->reject();
    EXPECT_EQ(shown<ExportDialog>(), nullptr);
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    EXPECT_TRUE(guard.isNull()) << "the dialog goes when closed";
}

TEST_F(ExportWindowTest, SelectedCallsAreDisabledWithoutASelection)
{
    ASSERT_NO_FATAL_FAILURE(openSampleCopy());
    auto* callList = m_window->findChild<widgets::CallListView*>();
    callList->selectionModel()->clearSelection();
    ASSERT_TRUE(callList->selectedCallIndexes().isEmpty());
    auto* dialog = openDialog();
    ASSERT_NE(dialog, nullptr);
    auto* selected = dialog->findChild<QRadioButton*>(QStringLiteral("exportScopeSelected"));
    ASSERT_NE(selected, nullptr);
    EXPECT_FALSE(selected->isEnabled());
    EXPECT_EQ(dialog->scope(), ExportDialog::Scope::Failed);
    dialog->reject();
}

TEST_F(ExportWindowTest, TheDialogRunsTheExportAndRemembersFormatAndRedaction)
{
    ASSERT_NO_FATAL_FAILURE(openSampleCopy());
    auto* dialog = openDialog();
    ASSERT_NE(dialog, nullptr);
    dialog->setFormat(render::ExportFormat::Json);
    dialog->setRedact(true);
    dialog->setScope(ExportDialog::Scope::All);
    const QString path = dialog->outputPath();
    EXPECT_EQ(path, target("trunk-404-report-redacted.json"));
    QSignalSpy finished(&m_window->reportExport(), &widgets::ReportExportJob::exportFinished);
    dialog->findChild<QPushButton*>(QStringLiteral("exportButton"))->click();
    ASSERT_TRUE(finished.wait(20000));
    ASSERT_TRUE(QFileInfo::exists(path));
    const QByteArray json = contents(path);
    EXPECT_TRUE(json.trimmed().startsWith('{')) << json.left(200).toStdString();
    EXPECT_FALSE(json.contains(kCalledNumber)) << "redacted";

    QSettings settings(QStringLiteral("SipLadder"), QStringLiteral("SipLadder"));
    EXPECT_EQ(settings.value(QStringLiteral("export/format")).toString(), QStringLiteral("json"));
    EXPECT_TRUE(settings.value(QStringLiteral("export/redact")).toBool());

    auto* again = openDialog();
    ASSERT_NE(again, nullptr);
    EXPECT_EQ(again->format(), render::ExportFormat::Json);
    EXPECT_TRUE(again->redact());
    again->reject();
}

TEST_F(ExportWindowTest, EachFormatWritesItsFileAndOffersToOpenIt)
{
    ASSERT_NO_FATAL_FAILURE(openSampleCopy());
    struct Case {
        render::ExportFormat format;
        const char* name;
        QByteArray marker;
    };
    const Case cases[] = {
        { render::ExportFormat::Html, "all.html", "<!DOCTYPE html>" },
        { render::ExportFormat::Text, "all.txt", "number-format" },
        { render::ExportFormat::Json, "all.json", "\"number-format\"" },
        { render::ExportFormat::Pcap, "all.pcap", QByteArray::fromHex("d4c3b2a1") },
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.name);
        const QString path = target(c.name);
        ASSERT_TRUE(runExport(c.format, ExportDialog::Scope::All, false, path));
        const QByteArray bytes = contents(path);
        ASSERT_FALSE(bytes.isEmpty());
        if (c.format == render::ExportFormat::Pcap)
            EXPECT_TRUE(bytes.startsWith(c.marker)) << "pcap magic";
        else
            EXPECT_TRUE(bytes.contains(c.marker)) << bytes.left(300).toStdString();
        EXPECT_TRUE(bytes.contains(kCalledNumber)) << "not redacted: the number is there";
        EXPECT_TRUE(m_window->statusBar()->currentMessage().contains(QString::fromLatin1(c.name)))
            << m_window->statusBar()->currentMessage().toStdString();

        // The box that offers the file: not modal, so work goes on.
        auto* box = shown<QMessageBox>(QStringLiteral("exportFinishedBox"));
        ASSERT_NE(box, nullptr);
        EXPECT_EQ(box->windowModality(), Qt::NonModal);
        EXPECT_TRUE(box->text().contains(QString::fromLatin1(c.name))) << box->text().toStdString();
        QStringList buttons;
        for (auto* button : box->buttons())
            buttons.append(button->text().remove(QLatin1Char('&')));
        EXPECT_TRUE(buttons.contains(QStringLiteral("Open"))) << buttons.join(QLatin1Char(',')).toStdString();
        EXPECT_TRUE(buttons.contains(QStringLiteral("Show in Folder")));
    }
    int boxes = 0;
    for (auto* box : m_window->findChildren<QMessageBox*>(QStringLiteral("exportFinishedBox")))
        boxes += box->isVisible() ? 1 : 0;
    EXPECT_EQ(boxes, 1) << "a new export replaces the box of the last";

    // The scope reaches the file: the selected call alone (the 404), the failed calls.
    const QString one = target("selected.txt");
    ASSERT_TRUE(runExport(render::ExportFormat::Text, ExportDialog::Scope::Selected, false, one));
    const QByteArray selected = contents(one);
    EXPECT_TRUE(selected.contains("Calls: 1 of 6 (1 selected call)")) << selected.left(300).toStdString();
    EXPECT_TRUE(selected.contains(kFailedCallId));
    const QString failed = target("failed.txt");
    ASSERT_TRUE(runExport(render::ExportFormat::Text, ExportDialog::Scope::Failed, false, failed));
    EXPECT_TRUE(contents(failed).contains("Calls: 3 of 6 (failed calls)")) << contents(failed).left(300).toStdString();
}

TEST_F(ExportWindowTest, RedactionReachesTheFile)
{
    ASSERT_NO_FATAL_FAILURE(openSampleCopy());
    for (const auto format : { render::ExportFormat::Text, render::ExportFormat::Html, render::ExportFormat::Json }) {
        const QString path = target("redacted.out");
        ASSERT_TRUE(runExport(format, ExportDialog::Scope::Failed, true, path));
        const QByteArray bytes = contents(path);
        ASSERT_FALSE(bytes.isEmpty());
        for (const auto& secret : { kCalledNumber, kCallerNumber, kCarrierAddress, kFailedCallId })
            EXPECT_FALSE(bytes.contains(secret)) << secret.toStdString() << " in " << int(format);
        EXPECT_TRUE(bytes.contains("number-format")) << "the diagnosis stays";
    }
}

TEST_F(ExportWindowTest, CancelLeavesNoFile)
{
    ASSERT_NO_FATAL_FAILURE(openSampleCopy());
    const auto before = filesInDir();
    // Hold the export at its first progress report until Cancel has been pressed.
    std::mutex mutex;
    std::condition_variable released;
    bool release = false;
    std::atomic<bool> reached = false;
    m_window->reportExport().setWorkerHook([&] {
        reached = true;
        std::unique_lock lock(mutex);
        released.wait(lock, [&] { return release; });
    });
    auto releaseWorker = [&] {
        {
            std::lock_guard lock(mutex);
            release = true;
        }
        released.notify_all();
    };
    // Whatever fails below, the worker must not stay blocked: the window waits for it when it goes.
    struct Releaser {
        std::function<void()> release;
        ~Releaser() { release(); }
    } releaser { releaseWorker };
    QSignalSpy cancelled(&m_window->reportExport(), &widgets::ReportExportJob::exportCancelled);
    QSignalSpy finished(&m_window->reportExport(), &widgets::ReportExportJob::exportFinished);
    const QString path = target("cancelled.html");
    ASSERT_TRUE(m_window->exportReport(render::ExportFormat::Html, ExportDialog::Scope::All, false, path));
    EXPECT_FALSE(action("exportAction")->isEnabled()) << "one export at a time";
    ASSERT_TRUE(QTest::qWaitFor([&] { return reached.load(); }, 10000));

    // The progress shows (after its delay) with a Cancel button, as for a load.
    auto* progress = m_window->findChild<widgets::LoadProgressWidget*>(QStringLiteral("exportProgress"));
    ASSERT_NE(progress, nullptr);
    EXPECT_TRUE(QTest::qWaitFor([&] { return progress->isVisible(); }, 5000));
    auto* cancel = progress->findChild<QToolButton*>();
    ASSERT_NE(cancel, nullptr);
    cancel->click();
    releaseWorker();
    ASSERT_TRUE(cancelled.wait(10000));
    EXPECT_TRUE(finished.isEmpty());
    EXPECT_FALSE(QFileInfo::exists(path));
    EXPECT_EQ(filesInDir(), before) << "no temporary left either";
    EXPECT_FALSE(progress->isVisible());
    EXPECT_TRUE(action("exportAction")->isEnabled());
    EXPECT_TRUE(m_window->statusBar()->currentMessage().contains(QStringLiteral("cancelled")));
    m_window->reportExport().setWorkerHook({});
}

TEST_F(ExportWindowTest, AnUnwritablePathShowsADialogNamingTheFile)
{
    ASSERT_NO_FATAL_FAILURE(openSampleCopy());
    const auto dialogsBefore = m_boxes.texts().size();
    QSignalSpy failed(&m_window->reportExport(), &widgets::ReportExportJob::exportFailed);
    const QString path = target("no-such-folder/report.html");
    ASSERT_TRUE(m_window->exportReport(render::ExportFormat::Html, ExportDialog::Scope::All, false, path));
    ASSERT_TRUE(failed.wait(20000));
    ASSERT_TRUE(QTest::qWaitFor([&] { return m_boxes.texts().size() > dialogsBefore; }, 5000));
    EXPECT_TRUE(m_boxes.texts().last().contains(path)) << m_boxes.texts().last().toStdString();
    EXPECT_EQ(shown<QMessageBox>(QStringLiteral("exportFinishedBox")), nullptr);
    EXPECT_TRUE(action("exportAction")->isEnabled());
}

TEST_F(ExportWindowTest, ExportingOverTheOpenTraceIsRefused)
{
    ASSERT_NO_FATAL_FAILURE(openSampleCopy());
    const QString open = m_window->session().paths().value(0);
    const auto size = QFileInfo(open).size();
    const auto dialogsBefore = m_boxes.texts().size();
    EXPECT_FALSE(m_window->exportReport(render::ExportFormat::Pcap, ExportDialog::Scope::All, false, open));
    ASSERT_TRUE(QTest::qWaitFor([&] { return m_boxes.texts().size() > dialogsBefore; }, 5000));
    EXPECT_EQ(QFileInfo(open).size(), size);
}

TEST_F(ExportWindowTest, CopyLadderImagePutsTheLadderOnTheClipboard)
{
    auto* copy = action("copyLadderImageAction");
    ASSERT_NE(copy, nullptr);
    EXPECT_FALSE(copy->isEnabled()) << "no ladder yet";
    auto* ladder = m_window->findChild<widgets::LadderView*>();
    ASSERT_NE(ladder, nullptr);
    EXPECT_EQ(ladder->contextMenuPolicy(), Qt::ActionsContextMenu);
    EXPECT_TRUE(ladder->actions().contains(copy)) << "in the ladder's context menu";

    ASSERT_NO_FATAL_FAILURE(openSampleCopy());
    ASSERT_GT(ladder->model()->rowCount(), 0);
    EXPECT_TRUE(copy->isEnabled());
    QGuiApplication::clipboard()->clear();
    copy->trigger();
    const QMimeData* mime = QGuiApplication::clipboard()->mimeData();
    ASSERT_NE(mime, nullptr);
    ASSERT_TRUE(mime->hasImage());
    const QImage image = QGuiApplication::clipboard()->image();
    ASSERT_FALSE(image.isNull());
    // Painted at twice the size for a sharp paste: wider than the ladder's header of two lifelines.
    EXPECT_GT(image.width(), 200);
    EXPECT_GT(image.height(), 100);
    EXPECT_TRUE(m_window->statusBar()->currentMessage().contains(QStringLiteral("image")));

    // The image is of the whole ladder, drawn by the painter: not white all over.
    int dark = 0;
    const QImage rgb = image.convertToFormat(QImage::Format_RGB32);
    for (int y = 0; y < rgb.height(); y += 3) {
        for (int x = 0; x < rgb.width(); x += 3)
            dark += qGray(rgb.pixel(x, y)) < 128 ? 1 : 0;
    }
    EXPECT_GT(dark, 50);

    action("closeAction")->trigger();
    EXPECT_FALSE(copy->isEnabled());
}
