// SPDX-License-Identifier: Apache-2.0
// The diagnosis in the models: the call list's Diagnosis column, roles and cause filter, the
// ladder's cause badges, and the session that diagnoses after loading.
#include "call_list_model.h"
#include "call_list_proxy_model.h"
#include "capture_session.h"
#include "message_list_model.h"
#include "model_roles.h"
#include "models/trunk_fixture.h"
#include "support/qt/model_tester_guard.h"
#include "support/test_paths.h"

#include "analysis/diagnoser.h"

#include <QSignalSpy>

#include <gtest/gtest.h>

#include <filesystem>

using namespace sipladder;
using models::CallListModel;
namespace st = sipladder::testing;
namespace trunk = sipladder::testing::trunk;

namespace {

class DiagnosisModelTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        m_dir = st::makeTempDir("sipladder-diagnosis-models");
        m_snapshot = trunk::loadCapture(m_dir / "trunk.pcap");
        m_diagnosis = core::Diagnoser(*m_snapshot).diagnoseAll();
    }
    void TearDown() override
    {
        m_diagnosis.reset();
        m_snapshot.reset();
        std::filesystem::remove_all(m_dir);
    }

    std::filesystem::path m_dir;
    core::SnapshotPtr m_snapshot;
    core::DiagnosisPtr m_diagnosis;
};

QString causeText(core::Cause cause)
{
    const auto id = core::causeId(cause);
    return QString::fromUtf8(id.data(), qsizetype(id.size()));
}

} // namespace

TEST_F(DiagnosisModelTest, TheFixtureFailsTheWayItIsBuiltTo)
{
    ASSERT_EQ(m_snapshot->calls().size(), trunk::CallCount);
    const auto* notFound = m_diagnosis->initialFailureOfCall(trunk::NotFound);
    ASSERT_NE(notFound, nullptr);
    EXPECT_EQ(notFound->explanation.cause, core::Cause::NumberFormat);
    ASSERT_TRUE(notFound->baseline.has_value());
    EXPECT_EQ(notFound->baseline->callIndex, quint32(trunk::Answered));
    ASSERT_NE(m_diagnosis->initialFailureOfCall(trunk::Busy), nullptr);
    EXPECT_EQ(m_diagnosis->initialFailureOfCall(trunk::Busy)->explanation.cause, core::Cause::Busy);
    const auto* unanswered = m_diagnosis->initialFailureOfCall(trunk::Unanswered);
    ASSERT_NE(unanswered, nullptr);
    EXPECT_EQ(unanswered->finalMessage, core::kNoIndex) << "a time-out has no final response";
    EXPECT_EQ(m_diagnosis->initialFailureOfCall(trunk::Answered), nullptr);
}

TEST_F(DiagnosisModelTest, TheDiagnosisColumnShowsTheCauseOfTheInitialFailure)
{
    CallListModel model;
    st::ModelTesterGuard guard(&model);
    model.setSnapshot(m_snapshot, m_diagnosis);
    ASSERT_EQ(model.rowCount(), int(trunk::CallCount));
    EXPECT_EQ(model.headerData(CallListModel::Diagnosis, Qt::Horizontal).toString(), QStringLiteral("Diagnosis"));
    EXPECT_EQ(CallListModel::keyKind(CallListModel::Diagnosis), CallListModel::KeyKind::Text);

    for (int row = 0; row < model.rowCount(); ++row) {
        const QModelIndex index = model.index(row, CallListModel::Diagnosis);
        const core::Failure* failure = m_diagnosis->initialFailureOfCall(model.callIndex(row));
        if (!failure) {
            EXPECT_TRUE(index.data().toString().isEmpty()) << row;
            EXPECT_FALSE(index.data(Qt::ToolTipRole).isValid()) << row;
            EXPECT_FALSE(index.data(models::FailureCauseRole).isValid()) << row;
            EXPECT_FALSE(index.data(models::FailureSeverityRole).isValid()) << row;
            continue;
        }
        EXPECT_EQ(index.data().toString(), causeText(failure->explanation.cause)) << row;
        EXPECT_EQ(index.data(Qt::ToolTipRole).toString().toStdString(), failure->explanation.summary) << row;
        // The roles hold on every column of the row, as the other call roles do, and are no colours.
        const QModelIndex other = model.index(row, CallListModel::Start);
        EXPECT_EQ(other.data(models::FailureCauseRole).toInt(), int(failure->explanation.cause)) << row;
        EXPECT_EQ(other.data(models::FailureSeverityRole).toInt(), int(failure->explanation.severity)) << row;
        EXPECT_FALSE(index.data(Qt::ForegroundRole).isValid());
        EXPECT_FALSE(index.data(Qt::BackgroundRole).isValid());
    }
    EXPECT_EQ(
        model.index(trunk::NotFound, CallListModel::Diagnosis).data().toString(), QStringLiteral("number-format"));
    EXPECT_EQ(model.index(trunk::Busy, CallListModel::Diagnosis).data().toString(), QStringLiteral("busy"));
    EXPECT_TRUE(model.index(trunk::Answered, CallListModel::Diagnosis).data().toString().isEmpty());

    // Without a diagnosis the column is there but empty.
    model.setSnapshot(m_snapshot);
    EXPECT_TRUE(model.index(trunk::NotFound, CallListModel::Diagnosis).data().toString().isEmpty());
    EXPECT_FALSE(model.index(trunk::NotFound, 0).data(models::FailureCauseRole).isValid());
    EXPECT_TRUE(model.causeCounts().empty());
}

TEST_F(DiagnosisModelTest, CauseCountsListTheCausesPresentMostFrequentFirst)
{
    CallListModel model;
    model.setSnapshot(m_snapshot, m_diagnosis);
    const auto counts = model.causeCounts();
    int total = 0;
    int failedCalls = 0;
    for (std::size_t i = 0; i < counts.size(); ++i) {
        total += counts[i].second;
        EXPECT_GT(counts[i].second, 0);
        if (i > 0) {
            EXPECT_GE(counts[i - 1].second, counts[i].second);
        }
    }
    for (const auto& call : m_snapshot->calls())
        failedCalls += core::isFailure(call.outcome) ? 1 : 0;
    EXPECT_EQ(total, failedCalls) << "every failed call has exactly one initial failure";
    auto has = [&](core::Cause cause) {
        return std::any_of(counts.begin(), counts.end(), [&](const auto& c) { return c.first == cause; });
    };
    EXPECT_TRUE(has(core::Cause::NumberFormat));
    EXPECT_TRUE(has(core::Cause::Busy));
    EXPECT_FALSE(has(core::Cause::DomainMismatch));
}

TEST_F(DiagnosisModelTest, TheProxySortsAndFiltersByDiagnosis)
{
    CallListModel model;
    models::CallListProxyModel proxy;
    st::ModelTesterGuard guard(&proxy);
    proxy.setSourceModel(&model);
    model.setSnapshot(m_snapshot, m_diagnosis);
    ASSERT_EQ(proxy.rowCount(), int(trunk::CallCount));

    proxy.setCause(core::Cause::NumberFormat);
    ASSERT_EQ(proxy.rowCount(), 1);
    EXPECT_EQ(proxy.callIndex(0), quint32(trunk::NotFound));
    proxy.setCauseId(QStringLiteral("busy"));
    ASSERT_EQ(proxy.rowCount(), 1);
    EXPECT_EQ(proxy.callIndex(0), quint32(trunk::Busy));
    proxy.setCauseId(QStringLiteral("domain-mismatch"));
    EXPECT_EQ(proxy.rowCount(), 0);
    proxy.setCauseId(QString());
    EXPECT_EQ(proxy.rowCount(), int(trunk::CallCount));
    EXPECT_FALSE(proxy.filter().cause.has_value());

    // The cause id is text the filter box finds, in its own column too.
    proxy.setFilterText(QStringLiteral("number-for"));
    ASSERT_EQ(proxy.rowCount(), 1);
    EXPECT_EQ(proxy.callIndex(0), quint32(trunk::NotFound));
    proxy.setFilterColumn(CallListModel::Diagnosis);
    EXPECT_EQ(proxy.rowCount(), 1);
    proxy.setFilterColumn(CallListModel::Method);
    EXPECT_EQ(proxy.rowCount(), 0);
    proxy.setFilterText(QString());
    proxy.setFilterColumn(-1);

    // Ascending: calls without a diagnosis (empty text) first, then by cause id.
    proxy.sort(CallListModel::Diagnosis, Qt::AscendingOrder);
    QStringList shown;
    for (int row = 0; row < proxy.rowCount(); ++row)
        shown << proxy.index(row, CallListModel::Diagnosis).data().toString();
    QStringList sorted = shown;
    std::sort(sorted.begin(), sorted.end());
    EXPECT_EQ(shown, sorted);
    EXPECT_TRUE(shown.first().isEmpty());
    proxy.sort(CallListModel::Diagnosis, Qt::DescendingOrder);
    EXPECT_FALSE(proxy.index(0, CallListModel::Diagnosis).data().toString().isEmpty());

    // Combined with another filter, both must hold.
    proxy.setCause(core::Cause::NumberFormat);
    proxy.setInviteOnly(true);
    EXPECT_EQ(proxy.rowCount(), 1);
    proxy.setFilterText(QStringLiteral("5559990000"));
    EXPECT_EQ(proxy.rowCount(), 0);
}

TEST_F(DiagnosisModelTest, TheLadderMarksEachFailureWithItsCauseBadge)
{
    models::MessageListModel model;
    st::ModelTesterGuard guard(&model);
    model.setCalls(m_snapshot, { trunk::NotFound, trunk::Answered }, m_diagnosis);
    const core::Failure* failure = m_diagnosis->initialFailureOfCall(trunk::NotFound);
    ASSERT_NE(failure, nullptr);
    const int badgeRow = model.rowOfMessage(failure->finalMessage);
    ASSERT_GE(badgeRow, 0);
    const auto rows = model.layout().badgeRows();
    ASSERT_EQ(rows.size(), 1u) << "only the 404; the answered call has none";
    EXPECT_EQ(rows.front(), std::size_t(badgeRow));
    const auto& row = model.layout().rows()[std::size_t(badgeRow)];
    EXPECT_EQ(row.causeBadge, "number-format");
    EXPECT_EQ(row.causeSeverity, failure->explanation.severity);
    EXPECT_EQ(row.tone, core::ArrowTone::Error);
    EXPECT_EQ(model.index(badgeRow, 0).data(models::FailureCauseRole).toInt(), int(core::Cause::NumberFormat));
    EXPECT_EQ(model.index(badgeRow, 0).data(models::FailureSeverityRole).toInt(), int(failure->explanation.severity));
    EXPECT_TRUE(model.index(badgeRow, 0).data(Qt::ToolTipRole).toString().contains(QStringLiteral("number-format")));
    // The request of the failure has the error tone but not the badge.
    const int requestRow = model.rowOfMessage(failure->requestMessage);
    ASSERT_GE(requestRow, 0);
    EXPECT_TRUE(model.layout().rows()[std::size_t(requestRow)].causeBadge.empty());
    EXPECT_FALSE(model.index(requestRow, 0).data(models::FailureCauseRole).isValid());

    // Without a diagnosis, no badges.
    model.setCalls(m_snapshot, { trunk::NotFound });
    EXPECT_TRUE(model.layout().badgeRows().empty());
}

TEST_F(DiagnosisModelTest, ATimeOutWithoutAResponseMarksItsRequest)
{
    models::MessageListModel model;
    model.setCalls(m_snapshot, { trunk::Unanswered }, m_diagnosis);
    const core::Failure* failure = m_diagnosis->initialFailureOfCall(trunk::Unanswered);
    ASSERT_NE(failure, nullptr);
    ASSERT_NE(failure->requestMessage, core::kNoIndex);
    const auto rows = model.layout().badgeRows();
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(int(rows.front()), model.rowOfMessage(failure->requestMessage));
    const auto& row = model.layout().rows()[rows.front()];
    EXPECT_TRUE(row.isRequest);
    EXPECT_EQ(row.causeBadge, std::string(core::causeId(failure->explanation.cause)));
}

TEST_F(DiagnosisModelTest, TheSessionDiagnosesAfterLoadingAndExplainsAgainOnRequest)
{
    const QString path = QString::fromStdString((m_dir / "trunk.pcap").string());
    models::CaptureSession session;
    QSignalSpy progress(&session, &models::CaptureSession::loadProgressChanged);
    QSignalSpy finished(&session, &models::CaptureSession::loadFinished);
    EXPECT_FALSE(session.diagnosis());
    EXPECT_FALSE(session.analysis());
    session.open({ path });
    ASSERT_TRUE(finished.wait(10000));
    ASSERT_TRUE(session.snapshot());
    ASSERT_TRUE(session.diagnosis());
    ASSERT_TRUE(session.analysis());
    EXPECT_EQ(session.analysis()->snapshot, session.snapshot());
    ASSERT_NE(session.analysis()->diagnoser, nullptr);
    bool diagnosingStage = false;
    for (const auto& arguments : std::as_const(progress))
        diagnosingStage = diagnosingStage || arguments.at(1).toString() == QStringLiteral("Diagnosing failures");
    EXPECT_TRUE(diagnosingStage);

    int failedCalls = 0;
    for (std::uint32_t call = 0; call < session.snapshot()->calls().size(); ++call) {
        const bool failed = core::isFailure(session.snapshot()->calls()[call].outcome);
        failedCalls += failed ? 1 : 0;
        EXPECT_EQ(session.diagnosis()->initialFailureOfCall(call) != nullptr, failed) << call;
    }
    EXPECT_GE(failedCalls, 3);

    const core::Failure* failure = session.diagnosis()->initialFailureOfCall(trunk::NotFound);
    ASSERT_NE(failure, nullptr);
    const auto again = session.rediagnose(failure->transactionIndex, trunk::OtherAnswered);
    ASSERT_TRUE(again.has_value());
    ASSERT_TRUE(again->baseline.has_value());
    EXPECT_EQ(again->baseline->callIndex, quint32(trunk::OtherAnswered));
    ASSERT_TRUE(again->uriDiff.has_value());
    EXPECT_FALSE(again->uriDiff->sameNumber) << "5559990000 is another number";
    EXPECT_FALSE(session.rediagnose(core::kNoIndex - 1).has_value());

    // The analysis outlives a close for whoever still holds it.
    const models::CaptureAnalysisPtr held = session.analysis();
    session.close();
    EXPECT_FALSE(session.diagnosis());
    EXPECT_FALSE(session.analysis());
    ASSERT_TRUE(held->diagnosis);
    EXPECT_TRUE(held->rediagnose(failure->transactionIndex).has_value());
}
