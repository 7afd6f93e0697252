// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "load/capture_loader.h"

#include <QString>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QStackedWidget;
class QToolButton;

namespace sipladder::widgets {

class MessageDiffView;
class SipHighlighter;

// The selected message in full, read back from its capture file: an information line (frame, time,
// source -> destination, transport, file), the highlighted text, Copy and Find (Ctrl+F inside the
// pane; Enter / Shift+Enter for next / previous, case-insensitive, wrapping). compareMessages()
// switches to a header-aware diff of two messages; showMessage() switches back.
class MessagePane : public QWidget {
    Q_OBJECT

public:
    explicit MessagePane(QWidget* parent = nullptr);
    ~MessagePane() override;

    // The text of what is shown: the message, or the diff document as plain text.
    QString text() const;
    QString infoText() const;
    bool isShowingDiff() const;
    QPlainTextEdit* messageView() const { return m_text; }
    MessageDiffView* diffView() const { return m_diffView; }

public Q_SLOTS:
    void showMessage(core::SnapshotPtr snapshot, quint32 messageIndex);
    void compareMessages(core::SnapshotPtr snapshot, quint32 left, quint32 right);
    void clear();
    void showFindBar();
    void hideFindBar();
    // Selects the next (or previous) match of `text` after (before) the cursor, wrapping around;
    // false when there is none.
    bool find(const QString& text, bool backward = false);
    void findNext();
    void findPrevious();
    // Copies the selection, or the whole message (with its original line ends) when nothing is selected.
    void copy();

protected:
    void changeEvent(QEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void showText(const QString& info, const QString& message);
    void updateActions();

    core::SnapshotPtr m_snapshot;
    QString m_rawText; // as read from the file, CRLF kept, for Copy
    QLabel* m_info = nullptr;
    QToolButton* m_copyButton = nullptr;
    QToolButton* m_findButton = nullptr;
    QStackedWidget* m_stack = nullptr;
    QPlainTextEdit* m_text = nullptr;
    MessageDiffView* m_diffView = nullptr;
    SipHighlighter* m_highlighter = nullptr;
    QWidget* m_findBar = nullptr;
    QLineEdit* m_findEdit = nullptr;
    QLabel* m_findStatus = nullptr;
};

} // namespace sipladder::widgets
