// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QList>
#include <QPair>
#include <QString>
#include <QTimer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QToolButton;

namespace sipladder::widgets {

// The bar above the call list: a filter box (any column; with "Message text" checked, the raw
// text of every message instead, searched in the background), quick toggles and a diagnosis
// chooser listing the causes of the capture's failed calls with their counts. Typing is
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
    // The cause id chosen ("number-format"), empty for any diagnosis.
    QString causeFilter() const;

    void setFilterText(const QString& text);
    void setFailedOnly(bool on);
    void setInviteOnly(bool on);
    void setHideRegisterOptions(bool on);
    void setSearchesMessageText(bool on);
    // Chooses a cause among those offered (an id not offered chooses "any").
    void setCauseFilter(const QString& causeId);
    // The causes to offer: (cause id, number of calls), in the order to show. A chosen cause that
    // is still offered stays chosen; otherwise the choice returns to "any" (and says so).
    void setCauseCounts(const QList<QPair<QString, int>>& counts);

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
    // Empty: any diagnosis.
    void causeFilterChanged(const QString& causeId);

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
    QComboBox* m_cause;
    QString m_appliedCause;
    QTimer m_debounce;
    QString m_appliedColumnText;
    QString m_appliedMessageText;
};

} // namespace sipladder::widgets
