// SPDX-License-Identifier: Apache-2.0
#include "call_filter_bar.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QToolButton>

#include <algorithm>

namespace sipladder::widgets {

namespace {

QToolButton* makeToggle(const QString& text, const QString& toolTip, QWidget* parent)
{
    auto* button = new QToolButton(parent);
    button->setText(text);
    button->setToolTip(toolTip);
    button->setCheckable(true);
    button->setAutoRaise(true);
    return button;
}

} // namespace

CallFilterBar::CallFilterBar(QWidget* parent)
    : QWidget(parent)
    , m_text(new QLineEdit(this))
    , m_failedOnly(makeToggle(tr("Failed"), tr("Only failed calls (cancelled ones included)"), this))
    , m_inviteOnly(makeToggle(tr("INVITE"), tr("Only INVITE dialogs"), this))
    , m_hideRegisterOptions(makeToggle(tr("No REGISTER/OPTIONS"), tr("Hide registrations and keep-alives"), this))
    , m_messageText(new QCheckBox(tr("Message text"), this))
    , m_cause(new QComboBox(this))
{
    m_cause->setObjectName(QStringLiteral("causeFilter"));
    m_cause->setToolTip(tr("Only calls whose failure has this diagnosis"));
    m_cause->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    setCauseCounts({});
    m_text->setClearButtonEnabled(true);
    m_text->setPlaceholderText(tr("Filter calls (any column)"));
    m_text->setToolTip(tr("Case-insensitive text to look for in every column and the Call-ID"));
    m_messageText->setToolTip(tr("Search the raw text of every message instead (runs in the background)"));

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_messageText);
    layout->addWidget(m_failedOnly);
    layout->addWidget(m_cause);
    layout->addWidget(m_inviteOnly);
    layout->addWidget(m_hideRegisterOptions);

    m_debounce.setSingleShot(true);
    connect(&m_debounce, &QTimer::timeout, this, &CallFilterBar::applyText);
    connect(m_text, &QLineEdit::textChanged, this,
        [this] { m_debounce.start(searchesMessageText() ? kMessageSearchDelayMs : kColumnFilterDelayMs); });
    connect(m_text, &QLineEdit::returnPressed, this, &CallFilterBar::applyText);
    connect(m_failedOnly, &QToolButton::toggled, this, &CallFilterBar::failedOnlyChanged);
    connect(m_inviteOnly, &QToolButton::toggled, this, &CallFilterBar::inviteOnlyChanged);
    connect(m_hideRegisterOptions, &QToolButton::toggled, this, &CallFilterBar::hideRegisterOptionsChanged);
    connect(m_messageText, &QCheckBox::toggled, this, &CallFilterBar::messageModeToggled);
    connect(m_cause, &QComboBox::currentIndexChanged, this, [this] {
        const QString cause = causeFilter();
        if (cause != m_appliedCause) {
            m_appliedCause = cause;
            Q_EMIT causeFilterChanged(cause);
        }
    });
    m_text->installEventFilter(this);
}

QString CallFilterBar::filterText() const
{
    return m_text->text();
}
bool CallFilterBar::failedOnly() const
{
    return m_failedOnly->isChecked();
}
bool CallFilterBar::inviteOnly() const
{
    return m_inviteOnly->isChecked();
}
bool CallFilterBar::hideRegisterOptions() const
{
    return m_hideRegisterOptions->isChecked();
}
bool CallFilterBar::searchesMessageText() const
{
    return m_messageText->isChecked();
}

QString CallFilterBar::causeFilter() const
{
    return m_cause->currentData().toString();
}

void CallFilterBar::setCauseFilter(const QString& causeId)
{
    const int index = causeId.isEmpty() ? 0 : m_cause->findData(causeId);
    m_cause->setCurrentIndex(std::max(index, 0));
}

void CallFilterBar::setCauseCounts(const QList<QPair<QString, int>>& counts)
{
    const QString chosen = m_appliedCause;
    {
        const QSignalBlocker blocker(m_cause);
        m_cause->clear();
        m_cause->addItem(counts.isEmpty() ? tr("No diagnosis") : tr("Any diagnosis"), QString());
        for (const auto& [cause, count] : counts) {
            m_cause->addItem(QStringLiteral("%1 (%2)").arg(cause).arg(count), cause);
            m_cause->setItemData(
                m_cause->count() - 1, tr("%n call(s) failed with this cause", nullptr, count), Qt::ToolTipRole);
        }
        m_cause->setEnabled(!counts.isEmpty());
    }
    setCauseFilter(chosen);
    // Emits when the chosen cause is gone (the blocked rebuild did not).
    const QString cause = causeFilter();
    if (cause != m_appliedCause) {
        m_appliedCause = cause;
        Q_EMIT causeFilterChanged(cause);
    }
}

void CallFilterBar::setFilterText(const QString& text)
{
    m_text->setText(text);
    applyText();
}

void CallFilterBar::setFailedOnly(bool on)
{
    m_failedOnly->setChecked(on);
}
void CallFilterBar::setInviteOnly(bool on)
{
    m_inviteOnly->setChecked(on);
}
void CallFilterBar::setHideRegisterOptions(bool on)
{
    m_hideRegisterOptions->setChecked(on);
}
void CallFilterBar::setSearchesMessageText(bool on)
{
    m_messageText->setChecked(on);
}

void CallFilterBar::focusFilter()
{
    m_text->setFocus(Qt::ShortcutFocusReason);
    m_text->selectAll();
}

void CallFilterBar::reapplyMessageSearch()
{
    if (searchesMessageText() && !m_appliedMessageText.isEmpty())
        Q_EMIT messageTextSearchRequested(m_appliedMessageText);
}

void CallFilterBar::setSearchProgress(int permille)
{
    m_messageText->setText(permille < 0 ? tr("Message text") : tr("Message text (%1%)").arg(permille / 10));
}

bool CallFilterBar::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_text && event->type() == QEvent::KeyPress
        && static_cast<QKeyEvent*>(event)->key() == Qt::Key_Escape && !m_text->text().isEmpty()) {
        m_text->clear();
        applyText();
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

void CallFilterBar::applyText()
{
    m_debounce.stop();
    const QString text = m_text->text().trimmed();
    if (searchesMessageText()) {
        if (text != m_appliedMessageText) {
            m_appliedMessageText = text;
            Q_EMIT messageTextSearchRequested(text);
        }
        return;
    }
    if (text != m_appliedColumnText) {
        m_appliedColumnText = text;
        Q_EMIT filterTextChanged(text);
    }
}

void CallFilterBar::messageModeToggled(bool on)
{
    m_debounce.stop();
    m_text->setPlaceholderText(on ? tr("Search message text") : tr("Filter calls (any column)"));
    if (on) {
        if (!m_appliedColumnText.isEmpty()) {
            m_appliedColumnText.clear();
            Q_EMIT filterTextChanged(QString());
        }
    } else if (!m_appliedMessageText.isEmpty()) {
        m_appliedMessageText.clear();
        Q_EMIT messageTextSearchRequested(QString());
    }
    applyText();
}

} // namespace sipladder::widgets
