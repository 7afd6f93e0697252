// SPDX-License-Identifier: Apache-2.0
#include "main_window.h"

#include "call_filter_bar.h"
#include "call_list_model.h"
#include "call_list_proxy_model.h"
#include "call_list_view.h"
#include "capture_session.h"
#include "failure_panel.h"
#include "ladder_image_writer.h"
#include "ladder_view.h"
#include "load_progress_widget.h"
#include "message_list_model.h"
#include "message_pane.h"
#include "message_text_search.h"
#include "model_roles.h"
#include "pcap_export_job.h"
#include "report/export_scope.h"
#include "report_export_job.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QDesktopServices>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QImage>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QSplitter>
#include <QStatusBar>
#include <QTime>
#include <QUrl>
#include <QVBoxLayout>

#include <algorithm>
#include <numeric>

namespace sipladder::app {

namespace {

// The loader tells captures from text logs by their content; the filters only help to find them.
const QString kCaptureFilter = QObject::tr("Captures and SIP logs (*.pcap *.pcapng *.cap *.gz *.log *.txt);;"
                                           "Packet captures (*.pcap *.pcapng *.cap *.pcap.gz *.pcapng.gz *.gz);;"
                                           "SIP text logs (*.log *.txt);;All files (*)");
const QString kPcapFilter = QObject::tr("pcap captures (*.pcap);;All files (*)");
constexpr int kStatusMessageMs = 15000;

// The local files of a drop: file URLs, or text that is nothing but file URLs (some file managers
// offer only text/plain).
QStringList droppedFiles(const QMimeData& mime)
{
    QStringList paths;
    if (mime.hasUrls()) {
        for (const auto& url : mime.urls()) {
            if (url.isLocalFile())
                paths.append(url.toLocalFile());
        }
        return paths;
    }
    if (!mime.hasText())
        return paths;
    const auto lines = mime.text().split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    for (const auto& line : lines) {
        const auto url = QUrl(line.trimmed());
        if (!line.trimmed().startsWith(QLatin1String("file://")) || !url.isLocalFile())
            return {};
        paths.append(url.toLocalFile());
    }
    return paths;
}

// Text dropped from a mail, a ticket or an editor (not a link, not files).
bool isDroppedText(const QMimeData& mime)
{
    return !mime.hasUrls() && mime.hasText() && droppedFiles(mime).isEmpty();
}

} // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
    , m_settings(QStringLiteral("SipLadder"), QStringLiteral("SipLadder"))
    , m_recent(m_settings)
    , m_session(new models::CaptureSession(this))
    , m_callModel(new models::CallListModel(this))
    , m_callProxy(new models::CallListProxyModel(this))
    , m_messageModel(new models::MessageListModel(this))
    , m_textSearch(new models::MessageTextSearch(this))
    , m_pcapExport(new models::PcapExportJob(this))
    , m_reportExport(new widgets::ReportExportJob(this))
    , m_verticalSplitter(new QSplitter(Qt::Vertical, this))
    , m_horizontalSplitter(new QSplitter(Qt::Horizontal, m_verticalSplitter))
    , m_sideSplitter(new QSplitter(Qt::Vertical))
    , m_filterBar(new widgets::CallFilterBar(this))
    , m_callList(new widgets::CallListView(this))
    , m_ladder(new widgets::LadderView(m_horizontalSplitter))
    , m_failurePanel(new widgets::FailurePanel(m_sideSplitter))
    , m_messagePane(new widgets::MessagePane(m_sideSplitter))
    , m_progress(new widgets::LoadProgressWidget(this))
    , m_exportProgress(new widgets::LoadProgressWidget(this))
    , m_statusCounts(new QLabel(this))
{
    setAcceptDrops(true);
    m_callProxy->setSourceModel(m_callModel);
    m_callList->setModel(m_callProxy);
    m_ladder->setModel(m_messageModel);

    auto* top = new QWidget(m_verticalSplitter);
    auto* topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->setSpacing(0);
    topLayout->addWidget(m_filterBar);
    topLayout->addWidget(m_callList);
    m_verticalSplitter->addWidget(top);
    m_verticalSplitter->addWidget(m_horizontalSplitter);
    m_verticalSplitter->setStretchFactor(0, 1);
    m_verticalSplitter->setStretchFactor(1, 2);
    m_horizontalSplitter->addWidget(m_sideSplitter);
    m_horizontalSplitter->setStretchFactor(0, 3);
    m_horizontalSplitter->setStretchFactor(1, 2);
    m_sideSplitter->setChildrenCollapsible(true);
    m_sideSplitter->setStretchFactor(0, 3);
    m_sideSplitter->setStretchFactor(1, 2);
    setCentralWidget(m_verticalSplitter);

    statusBar()->addWidget(m_statusCounts, 1);
    statusBar()->addPermanentWidget(m_progress);
    m_exportProgress->setObjectName(QStringLiteral("exportProgress"));
    m_exportProgress->setCancelToolTip(tr("Stop the export (nothing is written)"));
    statusBar()->addPermanentWidget(m_exportProgress);

    createActions();
    createMenus();

    connect(m_session, &models::CaptureSession::loadStarted, this, &MainWindow::onLoadStarted);
    connect(
        m_session, &models::CaptureSession::loadProgressChanged, m_progress, &widgets::LoadProgressWidget::setProgress);
    connect(m_session, &models::CaptureSession::loadFinished, this, &MainWindow::onLoadFinished);
    connect(m_session, &models::CaptureSession::loadFailed, this, &MainWindow::onLoadFailed);
    connect(m_session, &models::CaptureSession::loadCancelled, this, &MainWindow::onLoadCancelled);
    connect(m_progress, &widgets::LoadProgressWidget::cancelRequested, m_session, &models::CaptureSession::cancel);
    connect(m_pcapExport, &models::PcapExportJob::exportFinished, this, &MainWindow::onPcapExportFinished);
    connect(m_pcapExport, &models::PcapExportJob::exportFailed, this, &MainWindow::onPcapExportFailed);
    connect(m_reportExport, &widgets::ReportExportJob::progressChanged, this, [this](int permille) {
        m_exportProgress->setProgress(
            permille, tr("Exporting %1").arg(widgets::ExportDialog::formatTitle(m_exportFormat)));
    });
    connect(m_reportExport, &widgets::ReportExportJob::exportFinished, this, &MainWindow::onReportExportFinished);
    connect(m_reportExport, &widgets::ReportExportJob::exportFailed, this, &MainWindow::onReportExportFailed);
    connect(m_reportExport, &widgets::ReportExportJob::exportCancelled, this, &MainWindow::onReportExportCancelled);
    connect(m_exportProgress, &widgets::LoadProgressWidget::cancelRequested, m_reportExport,
        &widgets::ReportExportJob::cancel);
    connect(m_messageModel, &QAbstractItemModel::modelReset, this, &MainWindow::updateLadderActions);

    connect(m_callList, &widgets::CallListView::callsSelected, this, &MainWindow::showCalls);
    connect(m_callList, &widgets::CallListView::callsSelected, this, &MainWindow::updateSaveActions);
    connect(m_ladder->selectionModel(), &QItemSelectionModel::currentChanged, this, [this](const QModelIndex& current) {
        const QVariant message = current.data(models::MessageIndexRole);
        if (!message.isValid() || !m_session->snapshot())
            return;
        m_messagePane->showMessage(m_session->snapshot(), message.value<quint32>());
        // An arrow of another failure of the call shows that failure; following evidence does not
        // switch away from the failure it belongs to.
        if (!m_followingEvidence)
            m_failurePanel->showFailureOfMessage(message.value<quint32>());
    });
    connect(m_ladder, &widgets::LadderView::messageActivated, this, [this](quint32 message) {
        if (!m_failurePanel->showFailureOfMessage(message))
            return;
        // Enter on a failure: make sure its explanation is in sight.
        auto sizes = m_sideSplitter->sizes();
        if (sizes.value(0) == 0) {
            const int total = sizes.value(0) + sizes.value(1);
            m_sideSplitter->setSizes({ total * 3 / 5, total - total * 3 / 5 });
        }
        auto horizontal = m_horizontalSplitter->sizes();
        if (horizontal.value(1) == 0) {
            const int total = horizontal.value(0) + horizontal.value(1);
            m_horizontalSplitter->setSizes({ total * 3 / 5, total - total * 3 / 5 });
        }
    });
    connect(m_failurePanel, &widgets::FailurePanel::messageRequested, this, &MainWindow::showEvidenceMessage);
    connect(m_ladder, &widgets::LadderView::comparePicked, this, [this](quint32 first, quint32 second) {
        if (m_session->snapshot())
            m_messagePane->compareMessages(m_session->snapshot(), first, second);
    });

    connect(m_filterBar, &widgets::CallFilterBar::filterTextChanged, m_callProxy,
        &models::CallListProxyModel::setFilterText);
    connect(m_filterBar, &widgets::CallFilterBar::failedOnlyChanged, m_callProxy,
        &models::CallListProxyModel::setFailedOnly);
    connect(m_filterBar, &widgets::CallFilterBar::inviteOnlyChanged, m_callProxy,
        &models::CallListProxyModel::setInviteOnly);
    connect(m_filterBar, &widgets::CallFilterBar::hideRegisterOptionsChanged, m_callProxy,
        &models::CallListProxyModel::setHideRegisterOptions);
    connect(
        m_filterBar, &widgets::CallFilterBar::causeFilterChanged, m_callProxy, &models::CallListProxyModel::setCauseId);
    connect(m_filterBar, &widgets::CallFilterBar::messageTextSearchRequested, this, [this](const QString& text) {
        if (text.isEmpty()) {
            m_textSearch->cancel();
            m_callProxy->clearCallRestriction();
        } else if (m_session->snapshot()) {
            m_textSearch->start(m_session->snapshot(), text);
        }
    });
    connect(m_textSearch, &models::MessageTextSearch::progressChanged, this, [this](int permille) {
        m_filterBar->setSearchProgress(permille);
        m_statusCounts->setText(tr("Searching message text… %1%").arg(permille / 10));
    });
    connect(m_textSearch, &models::MessageTextSearch::finished, this, [this](const QList<quint32>& calls) {
        m_callProxy->setCallRestriction(calls);
        m_statusCounts->setText(tr("%n call(s) with a message containing the text", nullptr, int(calls.size())));
    });

    restoreSettings();
    updateTitle();
    updateSaveActions();
    updateLadderActions();
}

MainWindow::~MainWindow()
{
    // The children are destroyed after this destructor returns; their last signals (a selection
    // cleared because a model goes away) must not reach the half-destroyed window.
    const auto children = findChildren<QObject*>();
    for (auto* child : children)
        QObject::disconnect(child, nullptr, this, nullptr);
}

void MainWindow::createActions()
{
    m_openAction = new QAction(tr("&Open…"), this);
    m_openAction->setShortcut(QKeySequence::Open);
    connect(m_openAction, &QAction::triggered, this, &MainWindow::chooseFiles);

    m_closeAction = new QAction(tr("&Close"), this);
    m_closeAction->setObjectName(QStringLiteral("closeAction"));
    m_closeAction->setShortcut(QKeySequence::Close);
    connect(m_closeAction, &QAction::triggered, this, &MainWindow::closeFiles);

    m_pasteTraceAction = new QAction(tr("&Paste Trace"), this);
    m_pasteTraceAction->setObjectName(QStringLiteral("pasteTraceAction"));
    m_pasteTraceAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_V));
    m_pasteTraceAction->setToolTip(tr("Open the SIP messages or SIP log on the clipboard as a new trace"));
    connect(m_pasteTraceAction, &QAction::triggered, this, &MainWindow::pasteTrace);

    // Two entries, so that which calls go into the file is never a guess.
    m_saveSelectedPcapAction = new QAction(tr("Save &Selected Calls as pcap…"), this);
    m_saveSelectedPcapAction->setObjectName(QStringLiteral("saveSelectedPcapAction"));
    connect(m_saveSelectedPcapAction, &QAction::triggered, this, [this] { choosePcapFile(true); });
    m_saveAllPcapAction = new QAction(tr("Save &All Calls as pcap…"), this);
    m_saveAllPcapAction->setObjectName(QStringLiteral("saveAllPcapAction"));
    m_saveAllPcapAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
    connect(m_saveAllPcapAction, &QAction::triggered, this, [this] { choosePcapFile(false); });

    m_exportAction = new QAction(tr("&Export…"), this);
    m_exportAction->setObjectName(QStringLiteral("exportAction"));
    m_exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_exportAction->setToolTip(tr("Write a report, a ladder image, text, JSON or a pcap of the calls"));
    connect(m_exportAction, &QAction::triggered, this, &MainWindow::showExportDialog);

    // Painted by the exports' painter, not grabbed from the screen: the whole ladder, not the part
    // scrolled into view, and the same in a dark theme.
    m_copyLadderImageAction = new QAction(tr("Copy Ladder &Image"), this);
    m_copyLadderImageAction->setObjectName(QStringLiteral("copyLadderImageAction"));
    m_copyLadderImageAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    m_copyLadderImageAction->setToolTip(tr("Copy the ladder shown as an image, to paste into a chat or a ticket"));
    connect(m_copyLadderImageAction, &QAction::triggered, this, &MainWindow::copyLadderImage);

    m_quitAction = new QAction(tr("&Quit"), this);
    m_quitAction->setShortcut(QKeySequence::Quit);
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    // Ctrl+F finds calls from the call list and the ladder; inside the message pane it finds text in
    // the message (the pane's own shortcut), so the two never compete.
    m_findAction = new QAction(tr("&Find Calls…"), this);
    m_findAction->setShortcut(QKeySequence::Find);
    m_findAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_verticalSplitter->widget(0)->addAction(m_findAction);
    m_ladder->addAction(m_findAction);
    connect(m_findAction, &QAction::triggered, m_filterBar, &widgets::CallFilterBar::focusFilter);

    m_mergePerHostAction = new QAction(tr("&Merge Lifelines per Host"), this);
    m_mergePerHostAction->setCheckable(true);
    connect(m_mergePerHostAction, &QAction::toggled, m_messageModel, &models::MessageListModel::setMergePerHost);

    m_linkedLegsAction = new QAction(tr("Select &Linked Legs"), this);
    m_linkedLegsAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    m_linkedLegsAction->setToolTip(tr("Add the other legs of the selected call (B2BUA/SBC) to the ladder"));
    connect(m_linkedLegsAction, &QAction::triggered, this, &MainWindow::selectLinkedLegs);

    m_nextFailureAction = new QAction(tr("&Next Failure"), this);
    m_nextFailureAction->setShortcut(QKeySequence(Qt::Key_N));
    m_nextFailureAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_ladder->addAction(m_nextFailureAction);
    connect(m_nextFailureAction, &QAction::triggered, m_ladder, &widgets::LadderView::selectNextFailure);
    m_previousFailureAction = new QAction(tr("&Previous Failure"), this);
    m_previousFailureAction->setShortcut(QKeySequence(Qt::Key_P));
    m_previousFailureAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_ladder->addAction(m_previousFailureAction);
    connect(m_previousFailureAction, &QAction::triggered, m_ladder, &widgets::LadderView::selectPreviousFailure);
    // The ladder's context menu: its actions, the image to copy first.
    auto* ladderSeparator = new QAction(this);
    ladderSeparator->setSeparator(true);
    const auto ladderActions = m_ladder->actions();
    m_ladder->insertActions(ladderActions.value(0), { m_copyLadderImageAction, ladderSeparator });
    m_ladder->setContextMenuPolicy(Qt::ActionsContextMenu);

    m_zoomInAction = new QAction(tr("Zoom &In"), this);
    m_zoomInAction->setShortcut(QKeySequence::ZoomIn);
    connect(m_zoomInAction, &QAction::triggered, m_ladder, &widgets::LadderView::zoomIn);
    m_zoomOutAction = new QAction(tr("Zoom &Out"), this);
    m_zoomOutAction->setShortcut(QKeySequence::ZoomOut);
    connect(m_zoomOutAction, &QAction::triggered, m_ladder, &widgets::LadderView::zoomOut);
    m_zoomResetAction = new QAction(tr("&Reset Zoom"), this);
    m_zoomResetAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
    connect(m_zoomResetAction, &QAction::triggered, m_ladder, &widgets::LadderView::resetZoom);

    m_helpAction = new QAction(tr("SipLadder &Help"), this);
    m_helpAction->setShortcut(QKeySequence::HelpContents);
    connect(m_helpAction, &QAction::triggered, this, &MainWindow::showHelp);
    m_aboutAction = new QAction(tr("&About SipLadder"), this);
    m_aboutAction->setMenuRole(QAction::AboutRole);
    connect(m_aboutAction, &QAction::triggered, this, &MainWindow::showAbout);
}

void MainWindow::createMenus()
{
    auto* file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_openAction);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    file->addSeparator();
    file->addAction(m_exportAction);
    file->addAction(m_saveSelectedPcapAction);
    file->addAction(m_saveAllPcapAction);
    file->addSeparator();
    file->addAction(m_closeAction);
    file->addSeparator();
    file->addAction(m_quitAction);
    rebuildRecentMenu();

    auto* edit = menuBar()->addMenu(tr("&Edit"));
    edit->addAction(m_pasteTraceAction);
    edit->addSeparator();
    edit->addAction(m_copyLadderImageAction);
    edit->addSeparator();
    edit->addAction(m_findAction);

    auto* view = menuBar()->addMenu(tr("&View"));
    view->addAction(m_mergePerHostAction);
    view->addSeparator();
    view->addAction(m_zoomInAction);
    view->addAction(m_zoomOutAction);
    view->addAction(m_zoomResetAction);

    auto* go = menuBar()->addMenu(tr("&Go"));
    go->addAction(m_linkedLegsAction);
    go->addAction(m_nextFailureAction);
    go->addAction(m_previousFailureAction);

    auto* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(m_helpAction);
    help->addAction(m_aboutAction);
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const auto entries = m_recent.entries();
    for (const auto& paths : entries) {
        QString label = QFileInfo(paths.first()).fileName();
        if (paths.size() > 1)
            label += tr(" (+%n more)", nullptr, int(paths.size() - 1));
        auto* action = m_recentMenu->addAction(label);
        action->setToolTip(paths.join(QLatin1Char('\n')));
        connect(action, &QAction::triggered, this, [this, paths] { openFiles(paths); });
    }
    if (!entries.isEmpty()) {
        m_recentMenu->addSeparator();
        connect(m_recentMenu->addAction(tr("Clear Menu")), &QAction::triggered, this, [this] {
            m_recent.clear();
            rebuildRecentMenu();
        });
    }
    m_recentMenu->setEnabled(!entries.isEmpty());
}

void MainWindow::restoreSettings()
{
    if (!restoreGeometry(m_settings.value(QStringLiteral("window/geometry")).toByteArray()))
        resize(1400, 900);
    restoreState(m_settings.value(QStringLiteral("window/state")).toByteArray());
    m_verticalSplitter->restoreState(m_settings.value(QStringLiteral("window/verticalSplitter")).toByteArray());
    m_defaultSplitters = !m_horizontalSplitter->restoreState(
        m_settings.value(QStringLiteral("window/horizontalSplitter")).toByteArray());
    if (!m_sideSplitter->restoreState(m_settings.value(QStringLiteral("window/sideSplitter")).toByteArray()))
        m_defaultSplitters = true;
    m_callList->restoreState(m_settings.value(QStringLiteral("callList/header")).toByteArray());
    m_mergePerHostAction->setChecked(m_settings.value(QStringLiteral("ladder/mergePerHost"), false).toBool());
}

void MainWindow::saveSettings()
{
    m_settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    m_settings.setValue(QStringLiteral("window/state"), saveState());
    m_settings.setValue(QStringLiteral("window/verticalSplitter"), m_verticalSplitter->saveState());
    m_settings.setValue(QStringLiteral("window/horizontalSplitter"), m_horizontalSplitter->saveState());
    m_settings.setValue(QStringLiteral("window/sideSplitter"), m_sideSplitter->saveState());
    m_settings.setValue(QStringLiteral("callList/header"), m_callList->saveState());
    m_settings.setValue(QStringLiteral("ladder/mergePerHost"), m_mergePerHostAction->isChecked());
}

void MainWindow::showEvent(QShowEvent* event)
{
    QMainWindow::showEvent(event);
    if (!m_defaultSplitters)
        return;
    m_defaultSplitters = false;
    // First run: proportions of the sizes the splitters have once shown. A ladder of two or three
    // lifelines needs less width than the explanation beside it; the explanation reads first, and
    // the message below it still shows a screenful of headers.
    auto split = [](QSplitter* splitter, int firstPercent) {
        const auto sizes = splitter->sizes();
        const int total = std::accumulate(sizes.begin(), sizes.end(), 0);
        if (total > 0)
            splitter->setSizes({ total * firstPercent / 100, total - total * firstPercent / 100 });
    };
    split(m_horizontalSplitter, 45);
    split(m_sideSplitter, 66);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    saveSettings();
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    const auto& mime = *event->mimeData();
    if (!droppedFiles(mime).isEmpty() || isDroppedText(mime))
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event)
{
    const auto& mime = *event->mimeData();
    const auto paths = droppedFiles(mime);
    if (!paths.isEmpty()) {
        event->acceptProposedAction();
        openFiles(paths);
    } else if (isDroppedText(mime)) {
        event->acceptProposedAction();
        openText(mime.text());
    }
}

void MainWindow::openFiles(const QStringList& paths)
{
    if (!paths.isEmpty())
        m_session->open(paths);
}

void MainWindow::openText(const QString& text)
{
    const QString name = tr("Pasted trace (%1)").arg(QTime::currentTime().toString(QStringLiteral("HH:mm:ss")));
    QString error;
    if (!m_session->openText(text, name, &error))
        statusBar()->showMessage(error, kStatusMessageMs);
}

void MainWindow::pasteTrace()
{
    const QMimeData* mime = QGuiApplication::clipboard()->mimeData();
    if (!mime || !mime->hasText() || mime->text().trimmed().isEmpty()) {
        statusBar()->showMessage(
            tr("The clipboard holds no text. Copy SIP messages or a SIP log, then paste again."), kStatusMessageMs);
        return;
    }
    openText(mime->text());
}

void MainWindow::choosePcapFile(bool selectedOnly)
{
    if (!m_session->snapshot())
        return;
    // A name from the trace's, never the open capture itself.
    QString base = exportBaseName();
    base += selectedOnly ? QStringLiteral("-selected.pcap") : QStringLiteral("-sip.pcap");
    const QString directory = m_settings.value(QStringLiteral("lastDirectory"), QDir::homePath()).toString();
    QString path = QFileDialog::getSaveFileName(this,
        selectedOnly ? tr("Save Selected Calls as pcap") : tr("Save All Calls as pcap"), QDir(directory).filePath(base),
        kPcapFilter);
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".pcap");
    m_settings.setValue(QStringLiteral("lastDirectory"), QFileInfo(path).absolutePath());
    savePcap(path, selectedOnly);
}

bool MainWindow::savePcap(const QString& path, bool selectedOnly)
{
    const auto& snapshot = m_session->snapshot();
    if (!snapshot || m_pcapExport->isRunning())
        return false;
    const QList<quint32> calls = selectedOnly ? m_callList->selectedCallIndexes() : QList<quint32>();
    if (selectedOnly && calls.isEmpty())
        return false;
    if (isOpenTraceFile(path, tr("Cannot Save")))
        return false;
    if (!m_pcapExport->start(snapshot, calls, path))
        return false;
    const int count = selectedOnly ? int(calls.size()) : int(snapshot->calls().size());
    statusBar()->showMessage(
        tr("Saving %n call(s) as pcap to %1…", nullptr, count).arg(QDir::toNativeSeparators(path)));
    updateSaveActions();
    return true;
}

void MainWindow::onPcapExportFinished(const QString& path, quint64 messages, quint64 packets, quint64 unreadable)
{
    Q_UNUSED(packets);
    QString text = tr("Saved %n SIP message(s) to %1", nullptr, int(messages)).arg(QDir::toNativeSeparators(path));
    if (unreadable > 0)
        text += QStringLiteral("; ")
            + tr("%n message(s) could not be read back and were left out", nullptr, int(unreadable));
    statusBar()->showMessage(text + QLatin1Char('.'), kStatusMessageMs);
    updateSaveActions();
}

void MainWindow::onPcapExportFailed(const QString& path, const QString& message)
{
    Q_UNUSED(path);
    statusBar()->clearMessage();
    updateSaveActions();
    QMessageBox::critical(this, tr("Cannot Save"), message);
}

bool MainWindow::isOpenTraceFile(const QString& path, const QString& title)
{
    const QFileInfo target(path);
    for (const auto& open : m_session->paths()) {
        if (target.exists() && QFileInfo(open) == target) {
            QMessageBox::critical(this, title,
                tr("%1 is the trace that is open. Choose another name.").arg(QDir::toNativeSeparators(path)));
            return true;
        }
    }
    return false;
}

QString MainWindow::exportBaseName() const
{
    const QString first = m_session->paths().value(0);
    QString base = m_session->isTemporary(first) ? QStringLiteral("pasted-trace") : QFileInfo(first).completeBaseName();
    for (const auto& suffix : { QStringLiteral(".pcap"), QStringLiteral(".pcapng") }) {
        if (base.endsWith(suffix))
            base.chop(suffix.size());
    }
    return base;
}

QString MainWindow::exportDirectory() const
{
    const QString fallback = m_settings.value(QStringLiteral("lastDirectory"), QDir::homePath()).toString();
    const QString first = m_session->paths().value(0);
    if (first.isEmpty() || m_session->isTemporary(first))
        return fallback;
    // A trace opened from a read-only place (a mounted share, the samples of an installed package).
    const QFileInfo directory(QFileInfo(first).absolutePath());
    return directory.isWritable() ? directory.absoluteFilePath() : fallback;
}

void MainWindow::showExportDialog()
{
    const auto& snapshot = m_session->snapshot();
    if (!snapshot || !m_session->diagnosis() || m_reportExport->isRunning())
        return;
    const auto& calls = snapshot->calls();
    const auto failed
        = std::count_if(calls.begin(), calls.end(), [](const auto& call) { return core::isFailedCall(call); });
    auto* dialog = new widgets::ExportDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setCallCounts(int(m_callList->selectedCallIndexes().size()), int(failed), int(calls.size()));
    const auto format
        = render::parseExportFormat(m_settings.value(QStringLiteral("export/format")).toString().toStdString());
    dialog->setFormat(format.value_or(render::ExportFormat::Html));
    dialog->setRedact(m_settings.value(QStringLiteral("export/redact"), false).toBool());
    dialog->setDefaultLocation(exportDirectory(), exportBaseName());
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const auto name = render::exportFormatName(dialog->format());
        m_settings.setValue(
            QStringLiteral("export/format"), QString::fromLatin1(name.data(), static_cast<qsizetype>(name.size())));
        m_settings.setValue(QStringLiteral("export/redact"), dialog->redact());
        exportReport(dialog->format(), dialog->scope(), dialog->redact(), dialog->outputPath());
    });
    dialog->open();
}

bool MainWindow::exportReport(
    render::ExportFormat format, widgets::ExportDialog::Scope scope, bool redact, const QString& path)
{
    const auto& analysis = m_session->analysis();
    if (!analysis || !analysis->snapshot || !analysis->diagnosis || m_reportExport->isRunning() || path.isEmpty())
        return false;
    QList<quint32> calls;
    std::string described;
    if (scope == widgets::ExportDialog::Scope::Selected) {
        calls = m_callList->selectedCallIndexes();
        // The exporter takes calls in call order, each once; the selection is in the order clicked.
        std::sort(calls.begin(), calls.end());
        calls.erase(std::unique(calls.begin(), calls.end()), calls.end());
        described = calls.size() == 1 ? "1 selected call" : std::to_string(calls.size()) + " selected calls";
    } else {
        core::ExportScope exportScope;
        exportScope.failed = scope == widgets::ExportDialog::Scope::Failed;
        const auto selection = core::selectExportCalls(*analysis->snapshot, exportScope);
        calls = QList<quint32>(selection.calls.begin(), selection.calls.end());
        described = exportScope.describe();
    }
    if (calls.isEmpty() || isOpenTraceFile(path, tr("Cannot Export")))
        return false;
    render::ExportRequest request;
    request.format = format;
    request.redact = redact;
    request.outputPath = path.toStdString();
    request.scope = described;
    if (!m_reportExport->start(analysis, calls, request))
        return false;
    m_exportFormat = format;
    if (m_exportFinishedBox)
        m_exportFinishedBox->close();
    const QString stage = tr("Exporting %1").arg(widgets::ExportDialog::formatTitle(format));
    m_exportProgress->start();
    m_exportProgress->setProgress(0, stage);
    statusBar()->showMessage(
        tr("Exporting %n call(s) to %1…", nullptr, int(calls.size())).arg(QDir::toNativeSeparators(path)));
    updateSaveActions();
    return true;
}

void MainWindow::onReportExportFinished(const QString& path, const render::ExportStats& stats)
{
    m_exportProgress->finish();
    updateSaveActions();
    const QString nativePath = QDir::toNativeSeparators(path);
    const int calls = int(stats.calls);
    QString details = tr("%1; calls: %2").arg(widgets::ExportDialog::formatTitle(m_exportFormat)).arg(calls);
    if (stats.pages > 0)
        details += QStringLiteral("; ") + tr("pages: %1").arg(stats.pages);
    QString status = tr("Exported %n call(s) to %1", nullptr, calls).arg(nativePath);
    // What is missing from the file is said where the user looks: the status bar and the box.
    QStringList missing;
    if (stats.unreadable > 0)
        missing.append(tr("%n message(s) could not be read back and were left out", nullptr, int(stats.unreadable)));
    if (stats.rowsLeftOut > 0)
        missing.append(tr("the last %n ladder row(s) did not fit in the image", nullptr, int(stats.rowsLeftOut)));
    for (const auto& text : std::as_const(missing)) {
        status += QStringLiteral("; ") + text;
        details += QStringLiteral("; ") + text;
    }
    statusBar()->showMessage(status + QLatin1Char('.'), kStatusMessageMs);

    // Not modal: the user may go on working and open the file later, or never. The path is the
    // main text, so that the box is as wide as the path (up to the style's limit) rather than
    // breaking it across lines.
    auto* box = new QMessageBox(
        QMessageBox::Information, tr("Export Finished"), tr("Saved %1").arg(nativePath), QMessageBox::Close, this);
    box->setObjectName(QStringLiteral("exportFinishedBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::NonModal);
    box->setTextFormat(Qt::PlainText);
    box->setInformativeText(details + QLatin1Char('.'));
    auto* open = box->addButton(tr("&Open"), QMessageBox::AcceptRole);
    auto* folder = box->addButton(tr("Show in &Folder"), QMessageBox::ActionRole);
    box->setDefaultButton(open);
    connect(box, &QMessageBox::buttonClicked, this, [this, path, open, folder](QAbstractButton* button) {
        QString target;
        if (button == open)
            target = path;
        else if (button == folder)
            target = QFileInfo(path).absolutePath();
        if (!target.isEmpty() && !QDesktopServices::openUrl(QUrl::fromLocalFile(target)))
            statusBar()->showMessage(
                tr("No application could open %1.").arg(QDir::toNativeSeparators(target)), kStatusMessageMs);
    });
    m_exportFinishedBox = box;
    box->show();
}

void MainWindow::onReportExportFailed(const QString& path, const QString& message)
{
    Q_UNUSED(path);
    m_exportProgress->finish();
    statusBar()->clearMessage();
    updateSaveActions();
    QMessageBox::warning(this, tr("Cannot Export"), message);
}

void MainWindow::onReportExportCancelled(const QString& path)
{
    m_exportProgress->finish();
    updateSaveActions();
    statusBar()->showMessage(
        tr("Export cancelled; %1 was not written.").arg(QDir::toNativeSeparators(path)), kStatusMessageMs);
}

void MainWindow::copyLadderImage()
{
    const auto& layout = m_messageModel->layout();
    if (layout.rows().empty())
        return;
    const QImage image = render::LadderImageWriter::renderImage(layout);
    if (image.isNull()) {
        statusBar()->showMessage(tr("The ladder could not be drawn as an image."), kStatusMessageMs);
        return;
    }
    QGuiApplication::clipboard()->setImage(image);
    const auto drawn = render::LadderImageWriter::rowsFittingImage(layout);
    QString text = tr("Copied the ladder as an image (%1 × %2 pixels)").arg(image.width()).arg(image.height());
    if (drawn < layout.rows().size())
        text += QStringLiteral("; ")
            + tr("the last %n row(s) did not fit and were left out", nullptr, int(layout.rows().size() - drawn));
    statusBar()->showMessage(text + QLatin1Char('.'), kStatusMessageMs);
}

void MainWindow::updateLadderActions()
{
    m_copyLadderImageAction->setEnabled(m_messageModel->rowCount() > 0);
}

void MainWindow::updateSaveActions()
{
    m_exportAction->setEnabled(m_session->snapshot() && m_session->diagnosis() && !m_reportExport->isRunning());
    const bool ready = m_session->snapshot() && !m_pcapExport->isRunning();
    const auto selected = ready ? m_callList->selectedCallIndexes().size() : 0;
    m_saveSelectedPcapAction->setText(selected > 1
            ? tr("Save %1 &Selected Calls as pcap…").arg(selected)
            : (selected == 1 ? tr("Save &Selected Call as pcap…") : tr("Save &Selected Calls as pcap…")));
    m_saveSelectedPcapAction->setEnabled(ready && selected > 0);
    m_saveAllPcapAction->setEnabled(ready);
}

void MainWindow::chooseFiles()
{
    const auto directory = m_settings.value(QStringLiteral("lastDirectory")).toString();
    const auto paths = QFileDialog::getOpenFileNames(this, tr("Open Captures or SIP Logs"), directory, kCaptureFilter);
    if (paths.isEmpty())
        return;
    m_settings.setValue(QStringLiteral("lastDirectory"), QFileInfo(paths.first()).absolutePath());
    openFiles(paths);
}

void MainWindow::closeFiles()
{
    m_textSearch->cancel();
    m_session->close();
    m_messageModel->clear();
    m_callModel->clear();
    m_messagePane->clear();
    m_failurePanel->setAnalysis(nullptr);
    updateCauseFilter();
    m_statusCounts->clear();
    updateTitle();
    updateSaveActions();
}

QString MainWindow::traceName(bool loading) const
{
    const auto& paths = loading ? m_session->loadingPaths() : m_session->paths();
    const auto& names = loading ? m_session->loadingDisplayNames() : m_session->displayNames();
    if (paths.isEmpty())
        return {};
    // Pasted text is named by when it was pasted, not by its temporary file.
    QString name = m_session->isTemporary(paths.first()) ? names.value(0) : QFileInfo(paths.first()).fileName();
    if (paths.size() > 1)
        name += tr(" + %n more", nullptr, int(paths.size() - 1));
    return name;
}

void MainWindow::updateTitle()
{
    const bool loading = m_session->isLoading();
    const QString name = traceName(loading);
    if (name.isEmpty()) {
        setWindowTitle(QStringLiteral("SipLadder"));
        return;
    }
    setWindowTitle(loading ? tr("Loading %1 — SipLadder").arg(name) : tr("%1 — SipLadder").arg(name));
}

void MainWindow::onLoadStarted(const QStringList& paths)
{
    Q_UNUSED(paths);
    m_textSearch->cancel();
    m_messageModel->clear();
    m_messagePane->clear();
    m_failurePanel->showCalls({});
    m_progress->start();
    m_statusCounts->setText(tr("Loading…"));
    m_loadingName = traceName(true);
    updateTitle();
}

void MainWindow::onLoadFinished()
{
    m_progress->finish();
    const auto& snapshot = m_session->snapshot();
    m_failurePanel->setAnalysis(m_session->analysis());
    m_callModel->setSnapshot(snapshot, m_session->diagnosis());
    updateCauseFilter();
    // A raw-text search that was on applies to the new capture too.
    m_filterBar->reapplyMessageSearch();
    // A temporary file of pasted text is gone once closed: not something to open again.
    const auto& paths = m_session->paths();
    if (std::none_of(
            paths.begin(), paths.end(), [this](const QString& path) { return m_session->isTemporary(path); })) {
        m_recent.add(paths);
        rebuildRecentMenu();
    }
    showCounts();
    updateTitle();
    updateSaveActions();
    // Start on the first failed call (a failed INVITE before any other failure): that is what the
    // user came for.
    int first = m_callProxy->rowCount() > 0 ? 0 : -1;
    int firstFailure = -1;
    const auto& calls = snapshot->calls();
    for (int row = 0; row < m_callProxy->rowCount(); ++row) {
        const auto call = m_callProxy->index(row, 0).data(models::CallIndexRole).value<quint32>();
        if (call >= calls.size() || calls[call].state != core::CallState::Failed)
            continue;
        if (calls[call].initialMethod == core::SipMethod::Invite) {
            firstFailure = row;
            break;
        }
        if (firstFailure < 0)
            firstFailure = row;
    }
    if (firstFailure >= 0)
        first = firstFailure;
    if (first >= 0)
        m_callList->setCurrentIndex(m_callProxy->index(first, 0));
}

void MainWindow::showCounts()
{
    const auto& snapshot = m_session->snapshot();
    if (!snapshot) {
        m_statusCounts->clear();
        return;
    }
    const auto& totals = snapshot->totals();
    std::size_t warnings = 0;
    for (const auto& file : snapshot->files())
        warnings += file.warnings.size();
    QString counts = tr("%n call(s)", nullptr, int(totals.calls)) + QStringLiteral(", ")
        + tr("%n SIP message(s)", nullptr, int(totals.sipMessages));
    if (warnings > 0)
        counts += QStringLiteral(", ") + tr("%n warning(s)", nullptr, int(warnings));
    if (m_session->diagnosis()) {
        int failed = 0;
        for (const auto& [cause, count] : m_callModel->causeCounts())
            failed += count;
        if (failed > 0)
            counts += QStringLiteral(", ") + tr("%n failed call(s) diagnosed", nullptr, failed);
    }
    m_statusCounts->setText(counts);
}

bool MainWindow::restoreOpenTrace()
{
    // The load cleared the ladder when it started; what was open is still open.
    if (!m_session->snapshot())
        return false;
    showCalls(m_callList->selectedCallIndexes());
    showCounts();
    return true;
}

void MainWindow::onLoadFailed(const QString& message)
{
    m_progress->finish();
    updateTitle();
    if (restoreOpenTrace())
        statusBar()->showMessage(
            tr("Could not open %1; %2 stays open.").arg(m_loadingName, traceName(false)), kStatusMessageMs);
    else
        m_statusCounts->setText(tr("Could not open the file."));
    QMessageBox::critical(this, tr("Cannot Open"), message);
}

void MainWindow::onLoadCancelled()
{
    m_progress->finish();
    if (restoreOpenTrace())
        statusBar()->showMessage(
            tr("Loading %1 cancelled; %2 stays open.").arg(m_loadingName, traceName(false)), kStatusMessageMs);
    else
        m_statusCounts->setText(tr("Loading cancelled."));
}

void MainWindow::updateCauseFilter()
{
    QList<QPair<QString, int>> counts;
    for (const auto& [cause, count] : m_callModel->causeCounts()) {
        const auto id = core::causeId(cause);
        counts.append({ QString::fromUtf8(id.data(), static_cast<qsizetype>(id.size())), count });
    }
    m_filterBar->setCauseCounts(counts);
}

void MainWindow::showEvidenceMessage(quint32 messageIndex)
{
    const int row = m_messageModel->rowOfMessage(messageIndex);
    if (row >= 0) {
        m_followingEvidence = true;
        const QModelIndex index = m_messageModel->index(row, 0);
        m_ladder->selectionModel()->setCurrentIndex(
            index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        m_ladder->scrollTo(index);
        m_followingEvidence = false;
    } else if (m_session->snapshot()) {
        m_messagePane->showMessage(m_session->snapshot(), messageIndex);
    }
}

void MainWindow::showCalls(const QList<quint32>& callIndexes)
{
    m_messageModel->setCalls(m_session->snapshot(), callIndexes, m_session->diagnosis());
    m_failurePanel->showCalls(callIndexes);
    m_messagePane->clear();
    if (m_messageModel->rowCount() > 0) {
        // Start on the first failure when there is one: that is what the user came for.
        const auto failure = m_messageModel->layout().nextFailure(std::nullopt);
        m_ladder->setCurrentIndex(m_messageModel->index(failure ? int(*failure) : 0, 0));
    }
}

void MainWindow::selectLinkedLegs()
{
    const auto current = m_callList->currentIndex();
    if (!current.isValid())
        return;
    const auto rows = m_callProxy->rowsOfLinkedCalls(current.row());
    auto* selection = m_callList->selectionModel();
    for (const int row : rows)
        selection->select(m_callProxy->index(row, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
}

void MainWindow::showHelp()
{
    QMessageBox::information(this, tr("SipLadder Help"),
        tr("<h3>Finding why a call failed</h3>"
           "<p>Open captures or text SIP logs (Asterisk, FreeSWITCH, ngrep, SIP messages as pasted anywhere) with "
           "<b>Ctrl+O</b> or drop them on the window; several files are merged into one time line. "
           "<b>Ctrl+Shift+V</b> opens the SIP messages or log on the clipboard as a new trace, and text dropped "
           "from a mail or a ticket opens the same way. Every call (Call-ID) is a row; failed calls are shown in "
           "the error colour.</p>"
           "<p>Select a call to see its ladder. The final error response and the request it answers are drawn "
           "in red; press <b>N</b>/<b>P</b> to jump to the next/previous failure. Select several calls (or "
           "<b>Ctrl+L</b> for the linked legs of a B2BUA) to draw them together.</p>"
           "<p>Click an arrow to read the message; <b>Ctrl+click</b> a second arrow to compare the two "
           "messages header by header.</p>"
           "<p>Every failure is diagnosed: its cause (for example <i>number-format</i>) is in the call list's "
           "Diagnosis column, in the filter bar's diagnosis chooser and on a badge beside the failing response. The "
           "panel beside the ladder explains the selected call's failure: the evidence (click a row to see that "
           "message), what to check, and the Request-URI compared with a working call (choose another one "
           "there). Click a failing arrow or press <b>Enter</b> on it to show its failure.</p>"
           "<p><b>Ctrl+F</b> filters the call list (any column; optionally the raw message text). "
           "<b>Ctrl+wheel</b> or <b>Ctrl++</b>/<b>Ctrl+-</b> zooms the ladder.</p>"
           "<p><b>File › Save Selected Calls as pcap</b> (or <b>Save All Calls</b>) writes the calls as a capture "
           "that Wireshark opens, also when they came from a text log.</p>"
           "<p><b>Ctrl+E</b> (File › Export…) writes the selected, the failed or all calls as an HTML or PDF report "
           "with the diagnosis, an SVG or PNG image of the ladder, text for a ticket, JSON or pcap, optionally with "
           "numbers, names, addresses and Call-IDs redacted. <b>Ctrl+Shift+C</b> (Edit › Copy Ladder Image) copies "
           "the ladder shown, to paste into a chat.</p>"));
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About SipLadder"),
        tr("<h3>SipLadder %1</h3><p>SIP ladder diagrams that explain why calls fail.</p>"
           "<p>Reads pcap, pcapng and gzip-compressed captures and text SIP logs; offline and deterministic.</p>"
           "<p>Licensed under the Apache License 2.0.</p>")
            .arg(QApplication::applicationVersion()));
}

} // namespace sipladder::app
