// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "export_dialog.h"
#include "recent_files.h"

#include <QMainWindow>
#include <QPointer>
#include <QSettings>

#include <memory>

class QAction;
class QLabel;
class QMenu;
class QMessageBox;
class QSplitter;

namespace sipladder::models {
class CallListModel;
class CallListProxyModel;
class CaptureSession;
class MessageListModel;
class MessageTextSearch;
class PcapExportJob;
} // namespace sipladder::models

namespace sipladder::widgets {
class CallFilterBar;
class CallListView;
class FailurePanel;
class LadderView;
class LoadProgressWidget;
class MessagePane;
class ReportExportJob;
} // namespace sipladder::widgets

namespace sipladder::app {

// The SipLadder window: the call list on top, the ladder of the selected call(s) below it, and
// beside the ladder the failure panel (why the call failed) above the selected message. Captures and text
// SIP logs open from the command line, File › Open, Open Recent or by dropping them on the window; text
// (a log from a ticket or a mail) opens by Edit › Paste Trace or by dropping it. Loading, saving as
// pcap and File › Export… run in the background.
class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    void openFiles(const QStringList& paths);
    // Opens text as a new trace titled "Pasted trace (time)"; blank text only says so in the status
    // bar. Whatever was open stays open until the text has loaded.
    void openText(const QString& text);
    // Edit › Paste Trace: the clipboard's text as a new trace.
    void pasteTrace();
    // Writes the selected calls (`selectedOnly`) or every call as a pcap at `path`, in the background;
    // the status bar says what was written, a dialog why nothing was. False when nothing was started.
    bool savePcap(const QString& path, bool selectedOnly);
    // File › Export…: the dialog, window-modal; accepting it starts exportReport().
    void showExportDialog();
    // Writes the selected, failed or all calls in `format` at `path`, in the background, with
    // progress and Cancel in the status bar; when done the status bar says what was written and a
    // box offers to open it, a dialog says why nothing was. False when nothing was started.
    bool exportReport(
        render::ExportFormat format, widgets::ExportDialog::Scope scope, bool redact, const QString& path);
    // Edit › Copy Ladder Image: the ladder shown, painted as on screen, on the clipboard.
    void copyLadderImage();
    models::CaptureSession& session() { return *m_session; }
    models::PcapExportJob& pcapExport() { return *m_pcapExport; }
    widgets::ReportExportJob& reportExport() { return *m_reportExport; }

protected:
    void showEvent(QShowEvent* event) override;
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void createActions();
    void createMenus();
    void restoreSettings();
    void saveSettings();
    void updateTitle();
    void rebuildRecentMenu();

    void chooseFiles();
    void closeFiles();
    void choosePcapFile(bool selectedOnly);
    void updateSaveActions();
    void onPcapExportFinished(const QString& path, quint64 messages, quint64 packets, quint64 unreadable);
    void onPcapExportFailed(const QString& path, const QString& message);
    // Refuses (with a dialog) to write over a file of the open trace: it would destroy the messages
    // being written.
    bool isOpenTraceFile(const QString& path, const QString& title);
    // Where an export goes by default: beside the trace when that folder is writable, and the
    // name to start from ("trunk-404" for trunk-404.pcap.gz).
    QString exportDirectory() const;
    QString exportBaseName() const;
    void onReportExportFinished(const QString& path, const render::ExportStats& stats);
    void onReportExportFailed(const QString& path, const QString& message);
    void onReportExportCancelled(const QString& path);
    void updateLadderActions();
    // The status-bar counts of the open trace.
    void showCounts();
    // After a load that failed or was cancelled: the trace still open shown again (false: none).
    bool restoreOpenTrace();
    // The open trace (or the one loading) as titles name it: a file name, "Pasted trace (time)".
    QString traceName(bool loading) const;
    void showCalls(const QList<quint32>& callIndexes);
    // An evidence row of the failure panel: select the message on the ladder, or show it alone when
    // it belongs to a call not drawn (the working call).
    void showEvidenceMessage(quint32 messageIndex);
    void updateCauseFilter();
    void selectLinkedLegs();
    void showHelp();
    void showAbout();

    void onLoadStarted(const QStringList& paths);
    void onLoadFinished();
    void onLoadFailed(const QString& message);
    void onLoadCancelled();

    QSettings m_settings;
    RecentFiles m_recent;
    models::CaptureSession* m_session;
    models::CallListModel* m_callModel;
    models::CallListProxyModel* m_callProxy;
    models::MessageListModel* m_messageModel;
    models::MessageTextSearch* m_textSearch;
    models::PcapExportJob* m_pcapExport;
    widgets::ReportExportJob* m_reportExport;

    QSplitter* m_verticalSplitter;
    QSplitter* m_horizontalSplitter;
    QSplitter* m_sideSplitter;
    widgets::CallFilterBar* m_filterBar;
    widgets::CallListView* m_callList;
    widgets::LadderView* m_ladder;
    widgets::FailurePanel* m_failurePanel;
    widgets::MessagePane* m_messagePane;
    widgets::LoadProgressWidget* m_progress;
    widgets::LoadProgressWidget* m_exportProgress;
    QPointer<QMessageBox> m_exportFinishedBox; // non-modal; a new export replaces it
    render::ExportFormat m_exportFormat = render::ExportFormat::Html; // of the export running
    QLabel* m_statusCounts;
    QString m_loadingName; // the trace being loaded, for the status bar once it failed
    bool m_followingEvidence = false;
    bool m_defaultSplitters = false; // no saved splitter sizes: set proportions once shown

    QAction* m_openAction = nullptr;
    QAction* m_closeAction = nullptr;
    QAction* m_pasteTraceAction = nullptr;
    QAction* m_saveSelectedPcapAction = nullptr;
    QAction* m_saveAllPcapAction = nullptr;
    QAction* m_exportAction = nullptr;
    QAction* m_copyLadderImageAction = nullptr;
    QAction* m_quitAction = nullptr;
    QAction* m_findAction = nullptr;
    QAction* m_mergePerHostAction = nullptr;
    QAction* m_linkedLegsAction = nullptr;
    QAction* m_nextFailureAction = nullptr;
    QAction* m_previousFailureAction = nullptr;
    QAction* m_zoomInAction = nullptr;
    QAction* m_zoomOutAction = nullptr;
    QAction* m_zoomResetAction = nullptr;
    QAction* m_helpAction = nullptr;
    QAction* m_aboutAction = nullptr;
    QMenu* m_recentMenu = nullptr;
};

} // namespace sipladder::app
