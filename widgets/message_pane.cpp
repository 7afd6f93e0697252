// SPDX-License-Identifier: Apache-2.0
#include "message_pane.h"

#include "analysis/message_diff.h"
#include "message_diff_view.h"
#include "sip_highlighter.h"
#include "util/time_format.h"

#include <QApplication>
#include <QClipboard>
#include <QEvent>
#include <QFileInfo>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QShortcut>
#include <QStackedWidget>
#include <QTextEdit>
#include <QToolButton>
#include <QVBoxLayout>

namespace sipladder::widgets {

namespace {

QString fromStd(std::string_view text)
{
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

const core::MessageRecord* recordOf(const core::SnapshotPtr& snapshot, quint32 index)
{
    if (!snapshot || index >= snapshot->messages().size())
        return nullptr;
    return &snapshot->messages()[index];
}

// Where a message is: "Frame 12" in a capture, "Line 40" (of its start line) in a text log.
QString placeOf(const core::MessageRecord& message)
{
    if (message.has(core::MessageFromTextLog))
        return MessagePane::tr("Line %1").arg(message.frameNumber);
    return message.firstFrameNumber != 0 && message.firstFrameNumber != message.frameNumber
        ? MessagePane::tr("Frames %1\u2013%2").arg(message.firstFrameNumber).arg(message.frameNumber)
        : MessagePane::tr("Frame %1").arg(message.frameNumber);
}

// An address, marked when a text log did not state it and it was taken from the headers.
QString addressOf(const core::CaptureSnapshot& snapshot, const core::MessageRecord& message, bool source)
{
    const QString address
        = fromStd(source ? snapshot.source(message).toString() : snapshot.destination(message).toString());
    const bool inferred = message.has(source ? core::MessageSourceInferred : core::MessageDestinationInferred);
    return inferred ? MessagePane::tr("%1 (inferred)").arg(address) : address;
}

// "Frame 12 · 2026-11-24T10:00:16.080000Z · 198.51.100.20:5060 → 203.0.113.10:5060 · UDP · trunk.pcap"
QString describe(const core::CaptureSnapshot& snapshot, const core::MessageRecord& message)
{
    const QString separator = QStringLiteral(" \u00b7 ");
    QString info = placeOf(message) + separator + fromStd(core::formatIsoUtc(message.timestampNs)) + separator
        + addressOf(snapshot, message, true) + QStringLiteral(" \u2192 ") + addressOf(snapshot, message, false)
        + separator + fromStd(core::transportName(message.transport)).toUpper();
    if (message.fileIndex < snapshot.files().size())
        info += separator + QFileInfo(fromStd(snapshot.files()[message.fileIndex].path)).fileName();
    if (message.has(core::MessageRetransmission))
        info += separator + MessagePane::tr("retransmission");
    if (message.has(core::MessageDuplicate))
        info += separator + MessagePane::tr("duplicate copy");
    if (message.has(core::MessageMalformed))
        info += separator + MessagePane::tr("malformed");
    if (message.has(core::MessageTruncated))
        info += separator + MessagePane::tr("truncated");
    return info;
}

QString shortTitle(const core::CaptureSnapshot& snapshot, const core::MessageRecord& message)
{
    return MessagePane::tr("%1 \u00b7 %2 \u2192 %3")
        .arg(placeOf(message), fromStd(snapshot.source(message).toString()),
            fromStd(snapshot.destination(message).toString()));
}

// Wrapping search over either text widget (both have the same find API).
template <typename Edit> bool findIn(Edit* edit, const QString& text, bool backward)
{
    const QTextDocument::FindFlags flags = backward ? QTextDocument::FindBackward : QTextDocument::FindFlags();
    if (edit->find(text, flags))
        return true;
    const QTextCursor before = edit->textCursor();
    QTextCursor wrapped = before;
    wrapped.movePosition(backward ? QTextCursor::End : QTextCursor::Start);
    edit->setTextCursor(wrapped);
    if (edit->find(text, flags))
        return true;
    edit->setTextCursor(before);
    return false;
}

} // namespace

MessagePane::MessagePane(QWidget* parent)
    : QWidget(parent)
    , m_info(new QLabel(this))
    , m_copyButton(new QToolButton(this))
    , m_findButton(new QToolButton(this))
    , m_stack(new QStackedWidget(this))
    , m_text(new QPlainTextEdit(this))
    , m_diffView(new MessageDiffView(this))
    , m_findBar(new QWidget(this))
    , m_findEdit(new QLineEdit(m_findBar))
    , m_findStatus(new QLabel(m_findBar))
{
    m_info->setObjectName(QStringLiteral("messageInfo"));
    m_info->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_info->setTextFormat(Qt::PlainText);
    m_info->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);

    m_copyButton->setText(tr("Copy"));
    m_copyButton->setToolTip(tr("Copy the selection, or the whole message"));
    m_findButton->setText(tr("Find"));
    m_findButton->setToolTip(tr("Find in the message (Ctrl+F)"));
    connect(m_copyButton, &QToolButton::clicked, this, &MessagePane::copy);
    connect(m_findButton, &QToolButton::clicked, this, &MessagePane::showFindBar);

    auto* top = new QHBoxLayout;
    top->setContentsMargins(0, 0, 0, 0);
    top->addWidget(m_info, 1);
    top->addWidget(m_copyButton);
    top->addWidget(m_findButton);

    m_text->setObjectName(QStringLiteral("messageText"));
    m_text->setReadOnly(true);
    m_text->setUndoRedoEnabled(false);
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_highlighter = new SipHighlighter(m_text->document());
    m_highlighter->setColors(MessageColors::fromPalette(palette()));
    m_stack->addWidget(m_text);
    m_stack->addWidget(m_diffView);

    m_findBar->setObjectName(QStringLiteral("findBar"));
    m_findEdit->setObjectName(QStringLiteral("findEdit"));
    m_findEdit->setPlaceholderText(tr("Find (case-insensitive)"));
    m_findEdit->setClearButtonEnabled(true);
    m_findEdit->installEventFilter(this);
    auto* previous = new QToolButton(m_findBar);
    previous->setText(tr("Previous"));
    auto* next = new QToolButton(m_findBar);
    next->setText(tr("Next"));
    auto* close = new QToolButton(m_findBar);
    close->setText(tr("Close"));
    auto* findLayout = new QHBoxLayout(m_findBar);
    findLayout->setContentsMargins(0, 0, 0, 0);
    findLayout->addWidget(m_findEdit, 1);
    findLayout->addWidget(previous);
    findLayout->addWidget(next);
    findLayout->addWidget(m_findStatus);
    findLayout->addWidget(close);
    connect(previous, &QToolButton::clicked, this, &MessagePane::findPrevious);
    connect(next, &QToolButton::clicked, this, &MessagePane::findNext);
    connect(close, &QToolButton::clicked, this, &MessagePane::hideFindBar);
    connect(m_findEdit, &QLineEdit::returnPressed, this, &MessagePane::findNext);
    // Find as you type: extend the current match rather than jumping past it.
    connect(m_findEdit, &QLineEdit::textEdited, this, [this] {
        auto restart = [](auto* edit) {
            QTextCursor cursor = edit->textCursor();
            cursor.setPosition(cursor.selectionStart());
            edit->setTextCursor(cursor);
        };
        if (isShowingDiff())
            restart(m_diffView->textEdit());
        else
            restart(m_text);
        findNext();
    });
    m_findBar->hide();

    auto* findShortcut = new QShortcut(QKeySequence::Find, this);
    findShortcut->setContext(Qt::WidgetWithChildrenShortcut);
    connect(findShortcut, &QShortcut::activated, this, &MessagePane::showFindBar);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_stack, 1);
    layout->addWidget(m_findBar);
    updateActions();
}

MessagePane::~MessagePane() = default;

QString MessagePane::text() const
{
    return isShowingDiff() ? m_diffView->textEdit()->toPlainText() : m_text->toPlainText();
}

QString MessagePane::infoText() const
{
    return m_info->text();
}

bool MessagePane::isShowingDiff() const
{
    return m_stack->currentWidget() == m_diffView;
}

void MessagePane::showMessage(core::SnapshotPtr snapshot, quint32 messageIndex)
{
    m_snapshot = std::move(snapshot);
    const auto* message = recordOf(m_snapshot, messageIndex);
    if (!message) {
        clear();
        return;
    }
    std::string buffer;
    const QString info = describe(*m_snapshot, *message);
    if (!m_snapshot->readMessage(*message, buffer)) {
        m_rawText.clear();
        showText(info, tr("The message could not be read back: its capture file is gone or has changed."));
        return;
    }
    m_rawText = fromStd(buffer);
    QString display = m_rawText;
    display.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    showText(info, display);
}

void MessagePane::compareMessages(core::SnapshotPtr snapshot, quint32 left, quint32 right)
{
    m_snapshot = std::move(snapshot);
    const auto* leftMessage = recordOf(m_snapshot, left);
    const auto* rightMessage = recordOf(m_snapshot, right);
    if (!leftMessage || !rightMessage) {
        clear();
        return;
    }
    std::string leftText;
    std::string rightText;
    if (!m_snapshot->readMessage(*leftMessage, leftText) || !m_snapshot->readMessage(*rightMessage, rightText)) {
        m_rawText.clear();
        showText(tr("Compare"), tr("A message could not be read back: its capture file is gone or has changed."));
        return;
    }
    const auto diff = core::MessageDiff::compare(leftText, rightText);
    m_diffView->setDiff(diff, shortTitle(*m_snapshot, *leftMessage), shortTitle(*m_snapshot, *rightMessage));
    m_rawText = m_diffView->textEdit()->toPlainText();
    m_info->setText(tr("%1 compared with %2").arg(placeOf(*leftMessage), placeOf(*rightMessage).toLower()));
    m_stack->setCurrentWidget(m_diffView);
    updateActions();
}

void MessagePane::clear()
{
    m_snapshot.reset();
    m_rawText.clear();
    m_info->clear();
    m_text->clear();
    m_diffView->clear();
    m_stack->setCurrentWidget(m_text);
    m_findStatus->clear();
    updateActions();
}

void MessagePane::showText(const QString& info, const QString& message)
{
    m_info->setText(info);
    m_text->setPlainText(message);
    m_stack->setCurrentWidget(m_text);
    m_findStatus->clear();
    updateActions();
}

void MessagePane::updateActions()
{
    const bool hasText = !text().isEmpty();
    m_copyButton->setEnabled(hasText);
    m_findButton->setEnabled(hasText);
}

void MessagePane::showFindBar()
{
    m_findBar->show();
    m_findEdit->setFocus(Qt::ShortcutFocusReason);
    m_findEdit->selectAll();
}

void MessagePane::hideFindBar()
{
    m_findBar->hide();
    m_findStatus->clear();
    if (isShowingDiff())
        m_diffView->textEdit()->setFocus();
    else
        m_text->setFocus();
}

bool MessagePane::find(const QString& text, bool backward)
{
    if (text.isEmpty()) {
        m_findStatus->clear();
        return false;
    }
    const bool found
        = isShowingDiff() ? findIn(m_diffView->textEdit(), text, backward) : findIn(m_text, text, backward);
    m_findStatus->setText(found ? QString() : tr("Not found"));
    return found;
}

void MessagePane::findNext()
{
    find(m_findEdit->text(), false);
}

void MessagePane::findPrevious()
{
    find(m_findEdit->text(), true);
}

void MessagePane::copy()
{
    const QString selection
        = isShowingDiff() ? m_diffView->textEdit()->textCursor().selectedText() : m_text->textCursor().selectedText();
    QString out = selection.isEmpty() ? m_rawText : selection;
    // QTextCursor marks paragraph ends with U+2029.
    out.replace(QChar::ParagraphSeparator, u'\n');
    if (!out.isEmpty())
        QApplication::clipboard()->setText(out);
}

void MessagePane::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        m_highlighter->setColors(MessageColors::fromPalette(palette()));
}

bool MessagePane::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_findEdit && event->type() == QEvent::KeyPress) {
        const auto* key = static_cast<QKeyEvent*>(event);
        if (key->key() == Qt::Key_Escape) {
            hideFindBar();
            return true;
        }
        if ((key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter) && (key->modifiers() & Qt::ShiftModifier)) {
            findPrevious();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace sipladder::widgets
