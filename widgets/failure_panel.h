// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "analysis/failure.h"
#include "capture_analysis.h"

#include <QList>
#include <QString>
#include <QWidget>

#include <map>
#include <optional>
#include <vector>

class QComboBox;
class QGridLayout;
class QLabel;
class QScrollArea;
class QTreeWidget;
class QTreeWidgetItem;
class QVBoxLayout;

namespace sipladder::widgets {

class UriDiffView;

// Why the selected call failed: its failures (the initial one first; a chooser when there are
// several), each with its cause id and title, severity, summary, explanation, the evidence as
// clickable rows (a click asks for that message: messageRequested), what to check per platform,
// references, what the capture could not tell and the Q.850 cause; then the working call it was
// compared with, a chooser of other working calls (the diagnoser explains the failure again
// against the one picked), and the Request-URI diff. A call that did not fail gets one line.
//
// Every value from the trace is shown as plain text (or escaped before it meets rich text), so a
// header holding markup shows as text. Texts are selectable; Ctrl+C on the evidence copies its rows.
class FailurePanel : public QWidget {
    Q_OBJECT

public:
    explicit FailurePanel(QWidget* parent = nullptr);
    ~FailurePanel() override;

    // What is open (null: nothing); the panel then shows no call.
    void setAnalysis(models::CaptureAnalysisPtr analysis);
    const models::CaptureAnalysisPtr& analysis() const { return m_analysis; }

    // The failures of these calls, in call order, each call's initial failure first.
    void showCalls(const QList<quint32>& callIndexes);
    // Shows the failure whose transaction the message belongs to (a failing arrow was clicked);
    // false, and nothing changes, when it belongs to none of the calls' failures.
    bool showFailureOfMessage(quint32 messageIndex);
    // Shows the failure at `position` among failureCount().
    void showFailure(int position);
    // Explains the failure shown again against another working call (a call index); the choice
    // is kept for that failure until other calls are shown.
    void chooseBaseline(quint32 callIndex);

    int failureCount() const { return static_cast<int>(m_failures.size()); }
    int currentPosition() const { return m_current; }
    // The failure shown, as explained against the working call chosen; null when none is shown.
    const core::Failure* currentFailure() const;

    // The parts, for the window and tests.
    QComboBox* failureChooser() const { return m_failureChooser; }
    QComboBox* baselineChooser() const { return m_baselineChooser; }
    QTreeWidget* evidenceList() const { return m_evidence; }
    UriDiffView* uriDiffView() const { return m_uriDiff; }
    // Everything shown, as plain text in reading order.
    QString text() const;

Q_SIGNALS:
    // An evidence row was clicked (or Enter pressed on it): show this message.
    void messageRequested(quint32 messageIndex);
    // Another failure is shown (the chooser, a click on a failing arrow, new calls); null: none.
    void failureChanged(const core::Failure* failure);

protected:
    void changeEvent(QEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    struct Entry {
        std::uint32_t diagnosisIndex = 0; // into Diagnosis::failures()
        std::optional<core::Failure> rediagnosed; // against the working call the user chose
    };

    const core::Failure& failureOf(const Entry& entry) const;
    void render();
    void showMessageOnly(const QString& text);
    void fillHeading(const core::Failure& failure);
    void fillEvidence(const core::Failure& failure);
    void fillBaseline(const core::Failure& failure);
    void fillFixes(const core::Failure& failure);
    void fitEvidenceHeight();
    // The blocks of the panel in reading order for this cause (the comparison first when the
    // address is the problem).
    void arrangeBlocks(core::Cause cause);
    void onBaselineChosen(int index);
    void onEvidenceActivated(QTreeWidgetItem* item);
    void copyEvidence();
    QString describeCall(std::uint32_t callIndex) const;
    QString failureLabel(const core::Failure& failure) const;

    models::CaptureAnalysisPtr m_analysis;
    bool m_textLogOnly = false; // every file a text log: evidence is placed by line, not frame
    QList<quint32> m_calls;
    std::vector<Entry> m_failures;
    int m_current = -1;
    bool m_updating = false;

    QLabel* m_message = nullptr; // no call, or a call that did not fail
    QWidget* m_chooserRow = nullptr;
    QComboBox* m_failureChooser = nullptr;
    QScrollArea* m_scroll = nullptr;
    QWidget* m_content = nullptr;
    QLabel* m_heading = nullptr;
    QLabel* m_facts = nullptr;
    QLabel* m_summary = nullptr;
    QLabel* m_explanation = nullptr;
    QWidget* m_evidenceTitle = nullptr;
    QTreeWidget* m_evidence = nullptr;
    QLabel* m_baselineTitle = nullptr;
    QComboBox* m_baselineChooser = nullptr;
    QLabel* m_baselineReason = nullptr;
    UriDiffView* m_uriDiff = nullptr;
    QLabel* m_fixesTitle = nullptr;
    QLabel* m_fixes = nullptr;
    QLabel* m_references = nullptr;
    QLabel* m_uncertainties = nullptr;
    QWidget* m_comparisonBlock = nullptr; // the working call and the Request-URI diff
    QWidget* m_evidenceBlock = nullptr;
    QWidget* m_explanationBlock = nullptr;
    QLabel* m_explanationTitle = nullptr; // shown when the explanation does not follow the summary
};

} // namespace sipladder::widgets
