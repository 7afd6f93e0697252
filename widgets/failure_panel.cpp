// SPDX-License-Identifier: Apache-2.0
#include "failure_panel.h"

#include "ladder_style.h"
#include "sip/name_addr.h"
#include "uri_diff_view.h"
#include "util/time_format.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalBlocker>
#include <QTextDocumentFragment>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>
#include <array>

namespace sipladder::widgets {

namespace {

constexpr int kRankedBaselines = 20;
constexpr int kMessageIndexRole = Qt::UserRole + 1;

QString fromStd(std::string_view text)
{
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

// Trace text on its way into rich text: escaped, so "<b>x</b>" reads as written.
QString escaped(std::string_view text)
{
    return fromStd(text).toHtmlEscaped();
}

// Explanation texts mark commands and patterns with backticks: shown in a fixed-width font. The
// text is escaped first; only balanced pairs of backticks become code.
QString richText(std::string_view text)
{
    const QStringList parts = escaped(text).split(QLatin1Char('`'));
    QString html;
    if (parts.size() % 2 == 0) {
        html = parts.join(QLatin1Char('`'));
    } else {
        for (qsizetype i = 0; i < parts.size(); ++i)
            html += i % 2 == 1 ? QStringLiteral("<code>") + parts[i] + QStringLiteral("</code>") : parts[i];
    }
    return html.replace(QLatin1Char('\n'), QStringLiteral("<br>"));
}

QLabel* makeText(QWidget* parent, Qt::TextFormat format = Qt::PlainText)
{
    auto* label = new QLabel(parent);
    label->setTextFormat(format);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    label->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    return label;
}

QLabel* makeSectionTitle(const QString& text, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    label->setTextFormat(Qt::PlainText);
    QFont font = label->font();
    font.setWeight(QFont::DemiBold);
    label->setFont(font);
    label->setContentsMargins(0, label->fontMetrics().height() / 2, 0, 0);
    return label;
}

QString severityWord(core::Severity severity)
{
    switch (severity) {
    case core::Severity::Error:
        return FailurePanel::tr("Error");
    case core::Severity::Warning:
        return FailurePanel::tr("Warning");
    case core::Severity::Info:
        return FailurePanel::tr("Information");
    }
    return {};
}

// The number (user part) of a From/To value, or the value itself when it has none.
QString numberOf(std::string_view value)
{
    const core::NameAddr nameAddr = core::parseNameAddr(value);
    if (nameAddr.uri.valid && !nameAddr.uri.user.empty())
        return fromStd(nameAddr.uri.user);
    if (nameAddr.uri.valid)
        return fromStd(nameAddr.uri.hostPort());
    return fromStd(value);
}

} // namespace

FailurePanel::FailurePanel(QWidget* parent)
    : QWidget(parent)
{
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->setSpacing(0);

    m_chooserRow = new QWidget(this);
    auto* chooserLayout = new QHBoxLayout(m_chooserRow);
    const int margin = fontMetrics().height() / 3;
    chooserLayout->setContentsMargins(margin, margin, margin, margin);
    auto* chooserLabel = new QLabel(tr("Failure:"), m_chooserRow);
    m_failureChooser = new QComboBox(m_chooserRow);
    m_failureChooser->setObjectName(QStringLiteral("failureChooser"));
    m_failureChooser->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_failureChooser->setMinimumContentsLength(20);
    chooserLabel->setBuddy(m_failureChooser);
    chooserLayout->addWidget(chooserLabel);
    chooserLayout->addWidget(m_failureChooser, 1);
    outer->addWidget(m_chooserRow);

    m_message = makeText(this);
    m_message->setObjectName(QStringLiteral("failureMessage"));
    m_message->setContentsMargins(margin * 2, margin * 2, margin * 2, margin * 2);
    outer->addWidget(m_message);

    m_scroll = new QScrollArea(this);
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_content = new QWidget(m_scroll);
    auto* content = new QVBoxLayout(m_content);
    content->setContentsMargins(margin * 2, margin, margin * 2, margin * 2);
    content->setSpacing(margin);

    m_heading = makeText(m_content, Qt::RichText);
    m_heading->setObjectName(QStringLiteral("failureHeading"));
    m_facts = makeText(m_content);
    m_facts->setObjectName(QStringLiteral("failureFacts"));
    m_summary = makeText(m_content);
    m_summary->setObjectName(QStringLiteral("failureSummary"));
    QFont summaryFont = m_summary->font();
    summaryFont.setWeight(QFont::DemiBold);
    m_summary->setFont(summaryFont);
    m_explanation = makeText(m_content, Qt::RichText);
    m_explanation->setObjectName(QStringLiteral("failureExplanation"));

    // "Evidence", and in the muted text beside it what a click does.
    m_evidenceTitle = new QWidget(m_content);
    auto* evidenceTitle = new QHBoxLayout(m_evidenceTitle);
    evidenceTitle->setContentsMargins(0, 0, 0, 0);
    auto* evidenceLabel = makeSectionTitle(tr("Evidence"), m_evidenceTitle);
    auto* evidenceHint = new QLabel(tr("\u2014 click a row to show its message"), m_evidenceTitle);
    evidenceHint->setContentsMargins(evidenceLabel->contentsMargins());
    evidenceHint->setEnabled(false);
    evidenceTitle->addWidget(evidenceLabel);
    evidenceTitle->addWidget(evidenceHint);
    evidenceTitle->addStretch(1);
    m_evidence = new QTreeWidget(m_content);
    m_evidence->setObjectName(QStringLiteral("failureEvidence"));
    m_evidence->setColumnCount(3);
    m_evidence->setHeaderLabels({ tr("Frame"), tr("Header"), tr("Value") });
    m_evidence->setRootIsDecorated(false);
    m_evidence->setUniformRowHeights(false);
    m_evidence->setWordWrap(true);
    m_evidence->setTextElideMode(Qt::ElideNone);
    m_evidence->setAllColumnsShowFocus(true);
    m_evidence->setSelectionMode(QAbstractItemView::SingleSelection);
    m_evidence->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_evidence->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_evidence->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    m_evidence->header()->setStretchLastSection(true);
    m_evidence->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_evidence->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    m_evidence->setMouseTracking(true);
    m_evidence->viewport()->setCursor(Qt::PointingHandCursor);
    m_evidence->installEventFilter(this);
    m_evidence->viewport()->installEventFilter(this);

    m_baselineTitle = makeSectionTitle(tr("Working call"), m_content);
    m_baselineChooser = new QComboBox(m_content);
    m_baselineChooser->setObjectName(QStringLiteral("baselineChooser"));
    m_baselineChooser->setToolTip(tr("Choose another successful call to compare this failure with"));
    m_baselineChooser->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_baselineChooser->setMinimumContentsLength(24);
    m_baselineReason = makeText(m_content);
    m_baselineReason->setObjectName(QStringLiteral("baselineReason"));
    m_uriDiff = new UriDiffView(m_content);
    m_uriDiff->setFitToContents(true);

    m_fixesTitle = makeSectionTitle(tr("What to check"), m_content);
    m_fixes = makeText(m_content, Qt::RichText);
    m_fixes->setObjectName(QStringLiteral("failureFixes"));
    m_references = makeText(m_content);
    m_references->setObjectName(QStringLiteral("failureReferences"));
    m_uncertainties = makeText(m_content);
    m_uncertainties->setObjectName(QStringLiteral("failureUncertainties"));

    // Blocks that move as a whole (arrangeBlocks).
    auto block = [this](std::initializer_list<QWidget*> widgets) {
        auto* box = new QWidget(m_content);
        auto* layout = new QVBoxLayout(box);
        layout->setContentsMargins(0, 0, 0, 0);
        layout->setSpacing(fontMetrics().height() / 3);
        for (QWidget* widget : widgets) {
            widget->setParent(box);
            layout->addWidget(widget);
        }
        return box;
    };
    m_explanationTitle = makeSectionTitle(tr("Explanation"), m_content);
    m_explanationBlock = block({ m_explanationTitle, m_explanation });
    m_evidenceBlock = block({ m_evidenceTitle, m_evidence });
    m_comparisonBlock = block({ m_baselineTitle, m_baselineChooser, m_baselineReason, m_uriDiff });
    for (QWidget* widget : std::initializer_list<QWidget*> { m_heading, m_facts, m_summary, m_explanationBlock,
             m_evidenceBlock, m_comparisonBlock, m_fixesTitle, m_fixes, m_references, m_uncertainties })
        content->addWidget(widget);
    content->addStretch(1);
    m_scroll->setWidget(m_content);
    outer->addWidget(m_scroll, 1);

    connect(m_failureChooser, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (!m_updating)
            showFailure(index);
    });
    connect(m_baselineChooser, &QComboBox::currentIndexChanged, this, &FailurePanel::onBaselineChosen);
    connect(m_evidence, &QTreeWidget::itemClicked, this, [this](QTreeWidgetItem* item) { onEvidenceActivated(item); });
    connect(
        m_evidence, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem* item) { onEvidenceActivated(item); });
    connect(m_evidence->header(), &QHeaderView::sectionResized, this, &FailurePanel::fitEvidenceHeight);

    showCalls({});
}

FailurePanel::~FailurePanel() = default;

void FailurePanel::setAnalysis(models::CaptureAnalysisPtr analysis)
{
    m_analysis = std::move(analysis);
    // A text log has lines where a capture has frames.
    m_textLogOnly = m_analysis && m_analysis->snapshot && !m_analysis->snapshot->files().empty();
    if (m_textLogOnly) {
        for (const auto& file : m_analysis->snapshot->files())
            m_textLogOnly = m_textLogOnly && file.isTextLog;
    }
    m_evidence->headerItem()->setText(0, m_textLogOnly ? tr("Line") : tr("Frame"));
    showCalls({});
}

const core::Failure& FailurePanel::failureOf(const Entry& entry) const
{
    return entry.rediagnosed ? *entry.rediagnosed : m_analysis->diagnosis->failures()[entry.diagnosisIndex];
}

const core::Failure* FailurePanel::currentFailure() const
{
    if (m_current < 0 || m_current >= failureCount())
        return nullptr;
    return &failureOf(m_failures[static_cast<std::size_t>(m_current)]);
}

void FailurePanel::showCalls(const QList<quint32>& callIndexes)
{
    m_calls = callIndexes;
    m_failures.clear();
    m_current = -1;
    const bool diagnosed = m_analysis && m_analysis->snapshot && m_analysis->diagnosis;
    if (diagnosed) {
        const auto& failures = m_analysis->diagnosis->failures();
        const auto callCount = m_analysis->snapshot->calls().size();
        for (const quint32 call : callIndexes) {
            if (call >= callCount)
                continue;
            auto ofCall = m_analysis->diagnosis->failuresOfCall(call);
            // The failure that made the call failed first, then the later ones in transaction order.
            std::stable_partition(
                ofCall.begin(), ofCall.end(), [&](std::uint32_t index) { return failures[index].initial; });
            for (const std::uint32_t index : ofCall)
                m_failures.push_back({ index, std::nullopt });
        }
    }
    {
        const QSignalBlocker blocker(m_failureChooser);
        m_updating = true;
        m_failureChooser->clear();
        for (const Entry& entry : m_failures)
            m_failureChooser->addItem(failureLabel(failureOf(entry)));
        m_updating = false;
    }
    if (!m_failures.empty()) {
        showFailure(0);
        return;
    }
    if (!m_analysis || !m_analysis->snapshot) {
        showMessageOnly(tr("Open a capture and select a call to see why it failed."));
    } else if (callIndexes.isEmpty()) {
        showMessageOnly(tr("Select a call to see why it failed."));
    } else if (callIndexes.size() == 1 && callIndexes.first() < m_analysis->snapshot->calls().size()) {
        const core::CallFlow& call = m_analysis->snapshot->calls()[callIndexes.first()];
        QString final;
        if (call.finalStatus != 0)
            final = QString::number(call.finalStatus) + QLatin1Char(' ')
                + fromStd(m_analysis->snapshot->text(call.finalReason));
        switch (call.state) {
        case core::CallState::Success:
            showMessageOnly(tr("This call did not fail: %1.").arg(final.trimmed()));
            break;
        case core::CallState::Redirected:
            showMessageOnly(tr("This call was redirected (%1); the request that followed is judged on its own.")
                                .arg(final.trimmed()));
            break;
        case core::CallState::InProgress:
            showMessageOnly(tr("This call had no final response when the capture ended: still in progress."));
            break;
        case core::CallState::Failed:
        case core::CallState::Cancelled:
            showMessageOnly(diagnosed ? tr("No failure was diagnosed for this call.")
                                      : tr("The failures of this capture have not been diagnosed."));
            break;
        }
    } else {
        showMessageOnly(tr("None of the selected calls failed."));
    }
    Q_EMIT failureChanged(nullptr);
}

void FailurePanel::showMessageOnly(const QString& text)
{
    m_current = -1;
    m_message->setText(text);
    m_message->show();
    m_chooserRow->hide();
    m_scroll->hide();
    m_uriDiff->clear();
    m_evidence->clear();
}

bool FailurePanel::showFailureOfMessage(quint32 messageIndex)
{
    if (!m_analysis || !m_analysis->snapshot || messageIndex >= m_analysis->snapshot->messages().size())
        return false;
    const std::uint32_t transaction = m_analysis->snapshot->messages()[messageIndex].transactionIndex;
    if (transaction == core::kNoIndex)
        return false;
    for (std::size_t i = 0; i < m_failures.size(); ++i) {
        if (failureOf(m_failures[i]).transactionIndex == transaction) {
            if (static_cast<int>(i) != m_current)
                showFailure(static_cast<int>(i));
            return true;
        }
    }
    return false;
}

void FailurePanel::showFailure(int position)
{
    if (position < 0 || position >= failureCount())
        return;
    m_current = position;
    {
        const QSignalBlocker blocker(m_failureChooser);
        m_failureChooser->setCurrentIndex(position);
    }
    render();
    Q_EMIT failureChanged(currentFailure());
}

void FailurePanel::chooseBaseline(quint32 callIndex)
{
    const core::Failure* shown = currentFailure();
    if (!shown || !m_analysis)
        return;
    if (shown->baseline && shown->baseline->callIndex == callIndex)
        return;
    auto again = m_analysis->rediagnose(shown->transactionIndex, callIndex);
    if (!again)
        return;
    m_failures[static_cast<std::size_t>(m_current)].rediagnosed = std::move(again);
    render();
    Q_EMIT failureChanged(currentFailure());
}

QString FailurePanel::failureLabel(const core::Failure& failure) const
{
    const QString what = failure.status
        ? QStringLiteral("%1 %2").arg(*failure.status).arg(fromStd(failure.reason)).trimmed()
        : tr("no final response");
    return tr("%1 to %2 (CSeq %3) \u2014 %4")
        .arg(what, fromStd(failure.methodText), fromStd(failure.cseq),
            fromStd(core::causeId(failure.explanation.cause)));
}

QString FailurePanel::describeCall(std::uint32_t callIndex) const
{
    const auto& snapshot = *m_analysis->snapshot;
    if (callIndex >= snapshot.calls().size())
        return {};
    const core::CallFlow& call = snapshot.calls()[callIndex];
    QString text = fromStd(core::formatTimeOfDay(call.startNs)) + QStringLiteral(" \u00b7 ")
        + numberOf(snapshot.text(call.from)) + QStringLiteral(" \u2192 ") + numberOf(snapshot.text(call.to));
    if (call.finalStatus != 0) {
        text += QStringLiteral(" \u00b7 ") + QString::number(call.finalStatus);
        const auto reason = snapshot.text(call.finalReason);
        if (!reason.empty())
            text += QLatin1Char(' ') + fromStd(reason);
    }
    return text;
}

void FailurePanel::render()
{
    const core::Failure* failure = currentFailure();
    if (!failure)
        return;
    m_message->hide();
    m_chooserRow->setVisible(failureCount() > 1);
    m_scroll->show();

    arrangeBlocks(failure->explanation.cause);
    fillHeading(*failure);
    fillEvidence(*failure);
    fillBaseline(*failure);
    fillFixes(*failure);
    m_scroll->verticalScrollBar()->setValue(0);
}

void FailurePanel::arrangeBlocks(core::Cause cause)
{
    // When the address is what failed, the comparison with a working call is the proof: it comes
    // right after the summary, before the longer explanation.
    bool addressFirst = false;
    switch (cause) {
    case core::Cause::NumberFormat:
    case core::Cause::DomainMismatch:
    case core::Cause::WrongServer:
    case core::Cause::UnknownUser:
    case core::Cause::AddressIncomplete:
        addressFirst = true;
        break;
    default:
        break;
    }
    auto* layout = static_cast<QVBoxLayout*>(m_content->layout());
    const std::array<QWidget*, 3> order = addressFirst
        ? std::array<QWidget*, 3> { m_comparisonBlock, m_evidenceBlock, m_explanationBlock }
        : std::array<QWidget*, 3> { m_explanationBlock, m_evidenceBlock, m_comparisonBlock };
    m_explanationTitle->setVisible(addressFirst);
    int position = layout->indexOf(m_summary) + 1;
    for (QWidget* widget : order) {
        layout->removeWidget(widget);
        layout->insertWidget(position++, widget);
    }
}

void FailurePanel::fillHeading(const core::Failure& failure)
{
    const core::Explanation& explanation = failure.explanation;
    const render::LadderStyle style(palette(), font());
    const QColor colour = style.severityColor(explanation.severity);
    const QColor onColour
        = explanation.severity == core::Severity::Info ? palette().color(QPalette::Base) : style.background();
    // The cause id as on the ladder's badge, then the title, a little larger.
    m_heading->setText(QStringLiteral("<span style=\"background-color:%1; color:%2;\">&nbsp;<b>%3</b>&nbsp;</span>"
                                      "&nbsp;&nbsp;<span style=\"font-size:large;\"><b>%4</b></span>")
                           .arg(colour.name(), onColour.name(), escaped(core::causeId(explanation.cause)),
                               escaped(explanation.title)));

    QStringList facts;
    facts << severityWord(explanation.severity);
    const QString what = failure.status
        ? QStringLiteral("%1 %2").arg(*failure.status).arg(fromStd(failure.reason)).trimmed()
        : tr("No final response");
    facts << tr("%1 to %2").arg(what, fromStd(failure.methodText));
    facts << tr("CSeq %1").arg(fromStd(failure.cseq));
    if (failure.frame)
        facts << tr("frame %1").arg(*failure.frame);
    if (explanation.q850Cause) {
        // Its meaning from the explanation texts ("q850.17": "user busy"), when they have one.
        const auto meaning = core::ExplanationTexts::builtIn().text("q850." + std::to_string(*explanation.q850Cause));
        facts << (meaning.empty() ? tr("Q.850 cause %1").arg(*explanation.q850Cause)
                                  : tr("Q.850 cause %1 (%2)").arg(*explanation.q850Cause).arg(fromStd(meaning)));
    }
    if (!failure.initial)
        facts << tr("later in the call (the call itself did not fail on it)");
    m_facts->setText(facts.join(QStringLiteral(" \u00b7 ")));
    m_facts->setToolTip(fromStd(failure.requestUri));
    m_summary->setText(fromStd(explanation.summary));
    m_summary->setVisible(!explanation.summary.empty());
    m_explanation->setText(richText(explanation.explanation));
    m_explanationBlock->setVisible(!explanation.explanation.empty());

    QStringList uncertain;
    for (const auto& text : explanation.uncertainties)
        uncertain << tr("Could not tell: %1").arg(fromStd(text));
    m_uncertainties->setText(uncertain.join(QLatin1Char('\n')));
    m_uncertainties->setVisible(!uncertain.isEmpty());
}

void FailurePanel::fillEvidence(const core::Failure& failure)
{
    m_evidence->clear();
    const auto& evidence = failure.explanation.evidence;
    const auto& messages = m_analysis->snapshot->messages();
    for (const core::Evidence& item : evidence) {
        auto* row = new QTreeWidgetItem(m_evidence);
        const bool hasMessage = item.messageIndex != core::kNoIndex && item.messageIndex < messages.size();
        // The core gives frames of captures; a message of a text log is placed by its line.
        QString place = item.frame ? QString::number(*item.frame) : QStringLiteral("\u2014");
        if (!item.frame && hasMessage && messages[item.messageIndex].has(core::MessageFromTextLog)) {
            const auto line = messages[item.messageIndex].frameNumber;
            place = m_textLogOnly ? QString::number(line) : tr("line %1").arg(line);
        }
        row->setText(0, place);
        row->setText(1, fromStd(item.header));
        row->setText(2, fromStd(item.value));
        row->setTextAlignment(0, Qt::AlignRight | Qt::AlignTop);
        row->setTextAlignment(1, Qt::AlignLeft | Qt::AlignTop);
        row->setTextAlignment(2, Qt::AlignLeft | Qt::AlignTop);
        row->setData(0, kMessageIndexRole, hasMessage ? QVariant::fromValue(item.messageIndex) : QVariant());
        QString tip = fromStd(item.value);
        if (hasMessage) {
            const bool otherCall = messages[item.messageIndex].callIndex != failure.callIndex;
            tip += QLatin1Char('\n')
                + (otherCall ? tr("Click to show this message (of another call)") : tr("Click to show this message"));
        }
        for (int column = 0; column < 3; ++column)
            row->setToolTip(column, tip);
    }
    m_evidenceTitle->setVisible(!evidence.empty());
    m_evidence->setVisible(!evidence.empty());
    fitEvidenceHeight();
}

void FailurePanel::fitEvidenceHeight()
{
    // The list shows all its rows; the panel scrolls instead.
    // Rows wrap to the columns' widths: lay them out now and add up their heights.
    m_evidence->doItemsLayout();
    int height = m_evidence->header()->isHidden() ? 0 : m_evidence->header()->sizeHint().height();
    for (int row = 0; row < m_evidence->topLevelItemCount(); ++row)
        height += std::max(
            m_evidence->visualItemRect(m_evidence->topLevelItem(row)).height(), m_evidence->fontMetrics().height());
    m_evidence->setFixedHeight(height + 2 * m_evidence->frameWidth() + 2);
}

void FailurePanel::fillBaseline(const core::Failure& failure)
{
    const QSignalBlocker blocker(m_baselineChooser);
    m_baselineChooser->clear();
    std::vector<core::Baseline> candidates;
    std::vector<std::uint32_t> cited;
    if (m_analysis->diagnoser) {
        const core::BaselineFinder& finder = m_analysis->diagnoser->baselines();
        candidates = finder.ranked(failure.callIndex, kRankedBaselines);
        // A working call the explanation cites (it reached the same number, the same user) is worth
        // comparing with even when it scores lower than the best: offer it near the top.
        const auto& original = m_analysis->diagnosis->failures()[m_failures[std::size_t(m_current)].diagnosisIndex];
        const auto& messages = m_analysis->snapshot->messages();
        for (const core::Evidence& evidence : original.explanation.evidence) {
            if (evidence.messageIndex >= messages.size())
                continue;
            const std::uint32_t call = messages[evidence.messageIndex].callIndex;
            if (call == failure.callIndex || call == core::kNoIndex || !finder.isSuccessful(call)
                || std::find(cited.begin(), cited.end(), call) != cited.end())
                continue;
            cited.push_back(call);
            const auto known = std::find_if(
                candidates.begin(), candidates.end(), [&](const core::Baseline& b) { return b.callIndex == call; });
            if (known == candidates.end())
                candidates.insert(candidates.begin() + std::min<std::ptrdiff_t>(1, std::ssize(candidates)),
                    finder.score(failure.callIndex, call));
        }
    }
    if (failure.baseline && std::none_of(candidates.begin(), candidates.end(), [&](const core::Baseline& b) {
            return b.callIndex == failure.baseline->callIndex;
        }))
        candidates.insert(candidates.begin(), *failure.baseline);
    int current = -1;
    for (const core::Baseline& candidate : candidates) {
        QString text = describeCall(candidate.callIndex);
        const bool isCited = std::find(cited.begin(), cited.end(), candidate.callIndex) != cited.end();
        if (isCited)
            text += tr(" \u2014 cited in the explanation");
        m_baselineChooser->addItem(text, QVariant::fromValue(candidate.callIndex));
        QString tip
            = tr("Call-ID %1")
                  .arg(fromStd(m_analysis->snapshot->callId(m_analysis->snapshot->calls()[candidate.callIndex])));
        if (!candidate.reason.empty())
            tip += QLatin1Char('\n') + fromStd(candidate.reason);
        m_baselineChooser->setItemData(m_baselineChooser->count() - 1, tip, Qt::ToolTipRole);
        if (failure.baseline && candidate.callIndex == failure.baseline->callIndex)
            current = m_baselineChooser->count() - 1;
    }
    m_baselineChooser->setCurrentIndex(current);
    m_baselineChooser->setVisible(!candidates.empty());
    m_baselineChooser->setEnabled(candidates.size() > 1 || current < 0);

    if (!failure.baseline) {
        m_baselineReason->setText(candidates.empty()
                ? tr("No successful call with the same method in the capture to compare with.")
                : tr("Not compared with a working call; choose one above."));
        m_uriDiff->clear();
        m_uriDiff->hide();
        return;
    }
    const core::Baseline& baseline = *failure.baseline;
    const auto& entry = m_failures[static_cast<std::size_t>(m_current)];
    const QString held = baseline.reason.empty() ? tr("it shares neither the trunk nor a host with the failing call")
                                                 : fromStd(baseline.reason);
    m_baselineReason->setText(entry.rediagnosed ? tr("Compared with the call you chose: %1.").arg(held)
                                                : tr("Compared with the most similar successful call: %1.").arg(held));
    m_baselineReason->setToolTip(m_baselineChooser->itemData(current, Qt::ToolTipRole).toString());
    if (failure.uriDiff) {
        m_uriDiff->setDiff(*failure.uriDiff, failure.headerDiffs);
        m_uriDiff->show();
    } else {
        m_uriDiff->clear();
        m_uriDiff->hide();
    }
}

void FailurePanel::fillFixes(const core::Failure& failure)
{
    const core::Explanation& explanation = failure.explanation;
    // Grouped by platform, platforms in the order they first appear.
    std::vector<std::pair<std::string, std::vector<const core::Fix*>>> groups;
    for (const core::Fix& fix : explanation.fixes) {
        auto group = std::find_if(groups.begin(), groups.end(), [&](const auto& g) { return g.first == fix.platform; });
        if (group == groups.end()) {
            groups.push_back({ fix.platform, {} });
            group = groups.end() - 1;
        }
        group->second.push_back(&fix);
    }
    QString html;
    for (const auto& [platform, fixes] : groups) {
        html += QStringLiteral("<p style=\"margin-top:0; margin-bottom:4px;\"><b>%1</b>").arg(escaped(platform));
        for (const core::Fix* fix : fixes)
            html += QStringLiteral("<br>") + richText(fix->text);
        html += QStringLiteral("</p>");
    }
    m_fixes->setText(html);
    m_fixesTitle->setVisible(!groups.empty());
    m_fixes->setVisible(!groups.empty());

    QStringList references;
    for (const auto& reference : explanation.references)
        references << fromStd(reference);
    m_references->setText(
        references.isEmpty() ? QString() : tr("References: %1").arg(references.join(QStringLiteral("; "))));
    m_references->setVisible(!references.isEmpty());
}

void FailurePanel::onBaselineChosen(int index)
{
    if (index < 0)
        return;
    chooseBaseline(m_baselineChooser->itemData(index).value<quint32>());
}

void FailurePanel::onEvidenceActivated(QTreeWidgetItem* item)
{
    if (!item)
        return;
    const QVariant message = item->data(0, kMessageIndexRole);
    if (message.isValid())
        Q_EMIT messageRequested(message.value<quint32>());
}

void FailurePanel::copyEvidence()
{
    QStringList lines;
    const auto selected = m_evidence->selectedItems();
    for (const QTreeWidgetItem* item : selected)
        lines << QStringLiteral("%1\t%2\t%3").arg(item->text(0), item->text(1), item->text(2));
    if (!lines.isEmpty())
        QApplication::clipboard()->setText(lines.join(QLatin1Char('\n')));
}

QString FailurePanel::text() const
{
    if (m_message->isVisibleTo(this) || !currentFailure())
        return m_message->text();
    QStringList parts;
    if (failureCount() > 1)
        parts << m_failureChooser->currentText();
    parts << QStringLiteral("%1 %2").arg(
        fromStd(core::causeId(currentFailure()->explanation.cause)), fromStd(currentFailure()->explanation.title));
    parts << m_facts->text() << m_summary->text()
          << QTextDocumentFragment::fromHtml(m_explanation->text()).toPlainText();
    for (int row = 0; row < m_evidence->topLevelItemCount(); ++row) {
        const auto* item = m_evidence->topLevelItem(row);
        parts << QStringLiteral("%1\t%2\t%3").arg(item->text(0), item->text(1), item->text(2));
    }
    parts << m_baselineReason->text();
    if (!m_uriDiff->isEmpty())
        parts << m_uriDiff->plainText();
    for (const QLabel* label : { m_fixes, m_references, m_uncertainties }) {
        if (!label->text().isEmpty())
            parts << (label->textFormat() == Qt::RichText ? QTextDocumentFragment::fromHtml(label->text()).toPlainText()
                                                          : label->text());
    }
    return parts.join(QLatin1Char('\n'));
}

void FailurePanel::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if ((event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange) && currentFailure())
        render();
}

bool FailurePanel::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_evidence && event->type() == QEvent::KeyPress
        && static_cast<QKeyEvent*>(event)->matches(QKeySequence::Copy)) {
        copyEvidence();
        return true;
    }
    if (watched == m_evidence->viewport() && event->type() == QEvent::Resize)
        fitEvidenceHeight();
    return QWidget::eventFilter(watched, event);
}

} // namespace sipladder::widgets
