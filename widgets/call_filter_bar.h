// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>
#include <QTimer>
#include <QWidget>

class QCheckBox;
class QLineEdit;
class QToolButton;

namespace sipladder::widgets {

// The bar above the call list: a filter box (any column; with "Message text" checked, the raw
// text of every message instead, searched in the background) and quick toggles. Typing is
// debounced; Enter applies at once, Escape clears.
//
// With message text off, the text goes out as filterTextChanged(). With it on, the column filter
// is cleared (filterTextChanged("")) and the text goes out as messageTextSearchRequested(), whose
// result restricts the list; an empty request means "stop searching and drop the restriction".
class CallFilterBar : public QWidget {
    Q_OBJECT

public:
    explicit CallFilterBar(QWidget* parent = nullptr);

    static constexpr int kColumnFilterDelayMs = 150;
    static constexpr int kMessageSearchDelayMs = 500; // a raw search reads the whole capture

    QString filterText() const;
    bool failedOnly() const;
    bool inviteOnly() const;
    bool hideRegisterOptions() const;
    bool searchesMessageText() const;

    void setFilterText(const QString& text);
    void setFailedOnly(bool on);
    void setInviteOnly(bool on);
    void setHideRegisterOptions(bool on);
    void setSearchesMessageText(bool on);

public Q_SLOTS:
    void focusFilter();
    // Asks for the message text search again (a new snapshot drops the previous result).
    void reapplyMessageSearch();
    // Progress of the running message text search, -1 when none runs: shown beside its check box.
    void setSearchProgress(int permille);

Q_SIGNALS:
    void filterTextChanged(const QString& text);
    void failedOnlyChanged(bool on);
    void inviteOnlyChanged(bool on);
    void hideRegisterOptionsChanged(bool on);
    void messageTextSearchRequested(const QString& text);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void applyText();
    void messageModeToggled(bool on);

    QLineEdit* m_text;
    QToolButton* m_failedOnly;
    QToolButton* m_inviteOnly;
    QToolButton* m_hideRegisterOptions;
    QCheckBox* m_messageText;
    QTimer m_debounce;
    QString m_appliedColumnText;
    QString m_appliedMessageText;
};

} // namespace sipladder::widgets
