// SPDX-License-Identifier: Apache-2.0
// The failure panel and the Request-URI diff, offscreen: what they show, what a click asks for,
// another working call, and trace text that looks like markup.
#include "capture_analysis.h"
#include "failure_panel.h"
#include "models/trunk_fixture.h"
#include "support/test_paths.h"
#include "uri_diff_view.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QLabel>
#include <QSignalSpy>
#include <QTest>
#include <QTextDocumentFragment>
#include <QTextEdit>
#include <QTextTable>
#include <QTreeWidget>

#include <gtest/gtest.h>

#include <filesystem>

using namespace sipladder;
using widgets::FailurePanel;
using widgets::UriDiffView;
namespace st = sipladder::testing;
namespace trunk = sipladder::testing::trunk;

namespace {

class FailurePanelTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        m_dir = st::makeTempDir("sipladder-failure-panel");
        auto analysis = std::make_shared<models::CaptureAnalysis>();
        analysis->snapshot = trunk::loadCapture(m_dir / "trunk.pcap");
        analysis->diagnoser = std::make_unique<const core::Diagnoser>(*analysis->snapshot);
        analysis->diagnosis = analysis->diagnoser->diagnoseAll();
        m_analysis = analysis;
        m_panel.resize(700, 900);
        m_panel.setAnalysis(m_analysis);
        m_panel.show();
    }
    void TearDown() override { std::filesystem::remove_all(m_dir); }

    const core::Failure& initialFailure(quint32 call) const
    {
        return *m_analysis->diagnosis->initialFailureOfCall(call);
    }
    QLabel* label(const char* name) const { return m_panel.findChild<QLabel*>(QLatin1String(name)); }
    static QString plain(const QLabel* label)
    {
        return label->textFormat() == Qt::RichText ? QTextDocumentFragment::fromHtml(label->text()).toPlainText()
                                                   : label->text();
    }

    std::filesystem::path m_dir;
    models::CaptureAnalysisPtr m_analysis;
    FailurePanel m_panel;
};

// The rows of the first table of a diff view: name -> (failing cell background, working cell background).
struct TableRow {
    QString name;
    QString failing;
    QString working;
    QBrush failingBackground;
    QBrush workingBackground;
};

std::vector<TableRow> firstTable(const UriDiffView& view)
{
    std::vector<TableRow> rows;
    QTextDocument* document = view.textEdit()->document();
    for (QTextFrame* frame : document->rootFrame()->childFrames()) {
        auto* table = qobject_cast<QTextTable*>(frame);
        if (!table)
            continue;
        for (int row = 1; row < table->rows(); ++row) {
            auto text = [&](int column) {
                const auto cell = table->cellAt(row, column);
                QTextCursor cursor = cell.firstCursorPosition();
                cursor.setPosition(cell.lastCursorPosition().position(), QTextCursor::KeepAnchor);
                return cursor.selectedText();
            };
            rows.push_back({ text(0), text(1), text(2), table->cellAt(row, 1).format().background(),
                table->cellAt(row, 2).format().background() });
        }
        break;
    }
    return rows;
}

} // namespace

TEST_F(FailurePanelTest, ShowsTheCauseSummaryEvidenceAndWorkingCall)
{
    m_panel.showCalls({ trunk::NotFound });
    ASSERT_EQ(m_panel.failureCount(), 1);
    ASSERT_NE(m_panel.currentFailure(), nullptr);
    const core::Failure& failure = initialFailure(trunk::NotFound);
    EXPECT_EQ(m_panel.currentFailure()->transactionIndex, failure.transactionIndex);
    EXPECT_FALSE(m_panel.failureChooser()->isVisibleTo(&m_panel)) << "one failure: no chooser";

    EXPECT_TRUE(plain(label("failureHeading")).contains(QStringLiteral("number-format")));
    EXPECT_TRUE(plain(label("failureHeading")).contains(QString::fromStdString(failure.explanation.title)));
    EXPECT_EQ(plain(label("failureSummary")).toStdString(), failure.explanation.summary);
    EXPECT_TRUE(plain(label("failureFacts")).contains(QStringLiteral("404 Not Found to INVITE")));
    EXPECT_TRUE(plain(label("failureFacts")).startsWith(QStringLiteral("Error")));
    EXPECT_FALSE(plain(label("failureExplanation")).isEmpty());
    const QString all = m_panel.text();
    EXPECT_TRUE(all.contains(QStringLiteral("number-format")));

    QTreeWidget* evidence = m_panel.evidenceList();
    ASSERT_EQ(evidence->topLevelItemCount(), int(failure.explanation.evidence.size()));
    for (int row = 0; row < evidence->topLevelItemCount(); ++row) {
        const auto& item = failure.explanation.evidence[std::size_t(row)];
        EXPECT_EQ(evidence->topLevelItem(row)->text(1).toStdString(), item.header);
        EXPECT_EQ(evidence->topLevelItem(row)->text(2).toStdString(), item.value);
    }
    // All rows shown without scrolling inside the list.
    const auto* last = evidence->topLevelItem(evidence->topLevelItemCount() - 1);
    EXPECT_LE(evidence->visualItemRect(last).bottom(), evidence->viewport()->height());

    ASSERT_TRUE(failure.baseline.has_value());
    EXPECT_EQ(m_panel.baselineChooser()->currentData().value<quint32>(), failure.baseline->callIndex);
    // The working call the explanation cites (here the best one too) says so.
    EXPECT_TRUE(m_panel.baselineChooser()->currentText().contains(QStringLiteral("cited in the explanation")));
    EXPECT_TRUE(plain(label("baselineReason")).contains(QString::fromStdString(failure.baseline->reason)));
    EXPECT_FALSE(m_panel.uriDiffView()->isEmpty());
    EXPECT_TRUE(m_panel.uriDiffView()->flaggedComponents().contains(QStringLiteral("user")));
    EXPECT_TRUE(m_panel.uriDiffView()->plainText().contains(QStringLiteral("+15551234567")));
}

TEST_F(FailurePanelTest, ClickingEvidenceAsksForThatMessage)
{
    m_panel.showCalls({ trunk::NotFound });
    const core::Failure& failure = initialFailure(trunk::NotFound);
    QTreeWidget* evidence = m_panel.evidenceList();
    int row = -1;
    for (std::size_t i = 0; i < failure.explanation.evidence.size(); ++i) {
        if (failure.explanation.evidence[i].messageIndex != core::kNoIndex) {
            row = int(i);
            break;
        }
    }
    ASSERT_GE(row, 0) << "a 404 with a working call has evidence in messages";
    const quint32 expected = failure.explanation.evidence[std::size_t(row)].messageIndex;

    QSignalSpy requested(&m_panel, &FailurePanel::messageRequested);
    QTreeWidgetItem* item = evidence->topLevelItem(row);
    evidence->scrollToItem(item);
    QTest::mouseClick(evidence->viewport(), Qt::LeftButton, {}, evidence->visualItemRect(item).center());
    ASSERT_EQ(requested.count(), 1);
    EXPECT_EQ(requested.first().first().value<quint32>(), expected);
    // Its frame is shown in the row.
    const auto& message = m_analysis->snapshot->messages()[expected];
    EXPECT_EQ(item->text(0), QString::number(message.frameNumber));

    // Enter on the current row asks again.
    evidence->setFocus();
    evidence->setCurrentItem(item);
    QTest::keyClick(evidence, Qt::Key_Return);
    EXPECT_EQ(requested.count(), 2);

    // Ctrl+C copies the selected row as text.
    QApplication::clipboard()->clear();
    QTest::keyClick(evidence, Qt::Key_C, Qt::ControlModifier);
    const QString copied = QApplication::clipboard()->text();
    EXPECT_TRUE(copied.contains(QString::fromStdString(failure.explanation.evidence[std::size_t(row)].value)))
        << copied.toStdString();
    EXPECT_TRUE(copied.startsWith(item->text(0)));
}

TEST_F(FailurePanelTest, ChoosingAnotherWorkingCallChangesTheDiff)
{
    m_panel.showCalls({ trunk::NotFound });
    QSignalSpy changed(&m_panel, &FailurePanel::failureChanged);
    const QString before = m_panel.uriDiffView()->plainText();
    ASSERT_TRUE(before.contains(QStringLiteral("sip:5551234567@")) || before.contains(QStringLiteral("5551234567")));
    EXPECT_TRUE(m_panel.currentFailure()->uriDiff->sameNumber);

    QComboBox* chooser = m_panel.baselineChooser();
    ASSERT_GE(chooser->count(), 2) << "both answered calls of the trunk are offered";
    const int other = chooser->findData(QVariant::fromValue(quint32(trunk::OtherAnswered)));
    ASSERT_GE(other, 0);
    chooser->setCurrentIndex(other);

    ASSERT_NE(m_panel.currentFailure(), nullptr);
    ASSERT_TRUE(m_panel.currentFailure()->baseline.has_value());
    EXPECT_EQ(m_panel.currentFailure()->baseline->callIndex, quint32(trunk::OtherAnswered));
    EXPECT_EQ(changed.count(), 1);
    const QString after = m_panel.uriDiffView()->plainText();
    EXPECT_NE(after, before);
    EXPECT_TRUE(after.contains(QStringLiteral("5559990000")));
    EXPECT_FALSE(m_panel.currentFailure()->uriDiff->sameNumber);
    EXPECT_TRUE(plain(label("baselineReason")).contains(QStringLiteral("you chose")));
    EXPECT_EQ(chooser->currentIndex(), other);

    // The choice stays with that failure while the same calls are shown, and is dropped after.
    m_panel.showFailure(0);
    EXPECT_EQ(m_panel.currentFailure()->baseline->callIndex, quint32(trunk::OtherAnswered));
    m_panel.showCalls({ trunk::NotFound });
    EXPECT_EQ(m_panel.currentFailure()->baseline->callIndex, quint32(trunk::Answered));
}

TEST_F(FailurePanelTest, TraceTextThatLooksLikeMarkupIsShownAsText)
{
    m_panel.showCalls({ trunk::NotFound });
    const QString bold = QString::fromUtf8(trunk::kHostileCallId.data(), qsizetype(trunk::kHostileCallId.size()));
    const QString x
        = QString::fromUtf8(trunk::kHostileDisplayName.data(), qsizetype(trunk::kHostileDisplayName.size()));
    // Every label as the user sees it: markup from the trace stays literal.
    QStringList seen;
    for (const QLabel* each : m_panel.findChildren<QLabel*>())
        seen << plain(each);
    seen << m_panel.uriDiffView()->plainText();
    for (int i = 0; i < m_panel.baselineChooser()->count(); ++i)
        seen << m_panel.baselineChooser()->itemData(i, Qt::ToolTipRole).toString();
    const QString everything = seen.join(QLatin1Char('\n'));
    EXPECT_TRUE(everything.contains(bold)) << "the working call's Call-ID, in the explanation or a tooltip";
    EXPECT_TRUE(m_panel.uriDiffView()->plainText().contains(x)) << "the From display name in the header diff";
    // Nowhere did it turn into bold text without its tags.
    for (const QLabel* each : m_panel.findChildren<QLabel*>()) {
        if (each->textFormat() == Qt::RichText) {
            EXPECT_FALSE(each->text().contains(QStringLiteral("<b>bold</b>"))) << each->objectName().toStdString();
            EXPECT_FALSE(each->text().contains(QStringLiteral("<b>x</b>"))) << each->objectName().toStdString();
        }
    }
    EXPECT_TRUE(m_panel.text().contains(x));
}

TEST_F(FailurePanelTest, ACallThatDidNotFailSaysSoBriefly)
{
    m_panel.showCalls({ trunk::Answered });
    EXPECT_EQ(m_panel.failureCount(), 0);
    EXPECT_EQ(m_panel.currentFailure(), nullptr);
    const QLabel* message = label("failureMessage");
    ASSERT_NE(message, nullptr);
    EXPECT_TRUE(message->isVisibleTo(&m_panel));
    EXPECT_TRUE(message->text().contains(QStringLiteral("did not fail")));
    EXPECT_TRUE(message->text().contains(QStringLiteral("200 OK")));
    EXPECT_FALSE(m_panel.uriDiffView()->isVisibleTo(&m_panel));

    m_panel.showCalls({});
    EXPECT_TRUE(label("failureMessage")->text().contains(QStringLiteral("Select a call")));
    m_panel.setAnalysis(nullptr);
    EXPECT_EQ(m_panel.failureCount(), 0);
}

TEST_F(FailurePanelTest, SeveralFailuresGetAChooserInitialFirstAndAFailingArrowShowsItsOwn)
{
    m_panel.showCalls({ trunk::Answered, trunk::Busy, trunk::NotFound });
    ASSERT_EQ(m_panel.failureCount(), 2);
    EXPECT_TRUE(m_panel.failureChooser()->isVisibleTo(&m_panel));
    EXPECT_EQ(m_panel.failureChooser()->count(), 2);
    EXPECT_EQ(m_panel.currentFailure()->callIndex, quint32(trunk::Busy)) << "in the order of the calls given";
    EXPECT_TRUE(m_panel.failureChooser()->itemText(1).contains(QStringLiteral("number-format")));

    QSignalSpy changed(&m_panel, &FailurePanel::failureChanged);
    m_panel.failureChooser()->setCurrentIndex(1);
    EXPECT_EQ(m_panel.currentFailure()->callIndex, quint32(trunk::NotFound));
    EXPECT_EQ(changed.count(), 1);

    // A message of the busy call's failing transaction (its 486) brings its failure back.
    const core::Failure& busy = initialFailure(trunk::Busy);
    EXPECT_TRUE(m_panel.showFailureOfMessage(busy.finalMessage));
    EXPECT_EQ(m_panel.currentFailure()->callIndex, quint32(trunk::Busy));
    EXPECT_EQ(m_panel.failureChooser()->currentIndex(), 0);
    // A message of the answered call belongs to no failure: nothing changes.
    const auto answeredMessages = m_analysis->snapshot->messagesOfCall(trunk::Answered);
    ASSERT_FALSE(answeredMessages.empty());
    EXPECT_FALSE(m_panel.showFailureOfMessage(answeredMessages.front()));
    EXPECT_EQ(m_panel.currentFailure()->callIndex, quint32(trunk::Busy));
}

TEST(UriDiffView, FlagsTheDifferingComponentsAndMarksTheirCharacters)
{
    UriDiffView view;
    view.resize(600, 400);
    const auto diff = core::diffUris(
        "sip:+15551234567@pbx.example.test;user=phone", "sip:5551234567@pbx.example.test;transport=udp");
    view.setDiff(diff);
    EXPECT_FALSE(view.isEmpty());
    EXPECT_TRUE(view.flaggedComponents().contains(QStringLiteral("user")));
    EXPECT_TRUE(view.flaggedComponents().contains(QStringLiteral("param:user")));
    EXPECT_TRUE(view.flaggedComponents().contains(QStringLiteral("param:transport")));
    EXPECT_FALSE(view.flaggedComponents().contains(QStringLiteral("host")));
    EXPECT_FALSE(view.flaggedComponents().contains(QStringLiteral("scheme")));

    const auto rows = firstTable(view);
    ASSERT_EQ(rows.size(), diff.components.size());
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto& component = diff.components[i];
        const bool flagged = !component.equal;
        EXPECT_EQ(rows[i].name.endsWith(QString::fromStdString(component.name)), true) << component.name;
        EXPECT_EQ(rows[i].failingBackground.color() == view.colors().removedBackground, flagged) << component.name;
        EXPECT_EQ(rows[i].workingBackground.color() == view.colors().addedBackground, flagged) << component.name;
        EXPECT_EQ(rows[i].failing.toStdString(), component.failing.value_or("(none)")) << component.name;
    }
    // The characters only the failing side has ("+1") carry the stronger colour.
    QTextCursor cursor = view.textEdit()->document()->find(QStringLiteral("+1"));
    ASSERT_FALSE(cursor.isNull());
    cursor.setPosition(cursor.selectionStart() + 1);
    EXPECT_EQ(cursor.charFormat().background().color(), view.colors().removedCharacters);
    EXPECT_EQ(view.note().toStdString(), diff.note);
    // The note follows the table (here: the two user parts are the same number).
    EXPECT_TRUE(diff.sameNumber);
    ASSERT_FALSE(diff.note.empty());
    EXPECT_TRUE(view.plainText().contains(QString::fromStdString(diff.note)));
}

TEST(UriDiffView, HeaderDiffsFollowAndMarkupStaysText)
{
    UriDiffView view;
    view.setFitToContents(true);
    view.resize(600, 100);
    core::HeaderValueDiff from;
    from.header = "From";
    from.diff = core::diffNameAddrs(
        "\"<b>x</b>\" <sip:+12125550147@carrier.example>", "\"Carrier\" <sip:+12125550147@carrier.example>");
    view.setDiff(core::diffUris("sip:<i>y</i>@pbx.example.test", "sip:5551234567@pbx.example.test"), { from });
    const QString text = view.plainText();
    EXPECT_TRUE(text.contains(QStringLiteral("<b>x</b>")));
    EXPECT_TRUE(text.contains(QStringLiteral("From")));
    EXPECT_TRUE(text.contains(QStringLiteral("\"Carrier\"")));
    EXPECT_TRUE(view.textEdit()->document()->toHtml().contains(QStringLiteral("&lt;b&gt;x&lt;/b&gt;")));
    // It grows with its content instead of scrolling.
    EXPECT_GE(view.textEdit()->height(), int(view.textEdit()->document()->size().height()));
    view.clear();
    EXPECT_TRUE(view.isEmpty());
    EXPECT_TRUE(view.plainText().isEmpty());
}
