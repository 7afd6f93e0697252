// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "recent_files.h"

#include <QMainWindow>
#include <QSettings>

#include <memory>

class QAction;
class QLabel;
class QMenu;
class QSplitter;

namespace sipladder::models {
class CallListModel;
class CallListProxyModel;
class CaptureSession;
class MessageListModel;
class MessageTextSearch;
} // namespace sipladder::models

namespace sipladder::widgets {
class CallFilterBar;
class CallListView;
class FailurePanel;
class LadderView;
class LoadProgressWidget;
class MessagePane;
} // namespace sipladder::widgets

namespace sipladder::app {

// The SipLadder window: the call list on top, the ladder of the selected call(s) below it, and
// beside the ladder the failure panel (why the call failed) above the selected message. Files open from the command
// line, File › Open, Open Recent or by dropping them on the window; loading runs in the background.
class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    void openFiles(const QStringList& paths);
    models::CaptureSession& session() { return *m_session; }

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

    QSplitter* m_verticalSplitter;
    QSplitter* m_horizontalSplitter;
    QSplitter* m_sideSplitter;
    widgets::CallFilterBar* m_filterBar;
    widgets::CallListView* m_callList;
    widgets::LadderView* m_ladder;
    widgets::FailurePanel* m_failurePanel;
    widgets::MessagePane* m_messagePane;
    widgets::LoadProgressWidget* m_progress;
    QLabel* m_statusCounts;
    bool m_followingEvidence = false;
    bool m_defaultSplitters = false; // no saved splitter sizes: set proportions once shown

    QAction* m_openAction = nullptr;
    QAction* m_closeAction = nullptr;
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
