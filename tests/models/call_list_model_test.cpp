// SPDX-License-Identifier: Apache-2.0
#include "call_list_model.h"
#include "model_roles.h"
#include "support/qt/model_tester_guard.h"
#include "support/sample_calls.h"
#include "support/test_paths.h"

#include <QRegularExpression>

#include <gtest/gtest.h>

#include <filesystem>

using namespace sipladder;
using models::CallListModel;
namespace st = sipladder::testing;

namespace {

class CallListModelTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        m_dir = st::makeTempDir("sipladder-call-list-model");
        m_snapshot = st::loadSampleCalls(m_dir / "sample.pcap");
    }
    void TearDown() override
    {
        m_snapshot.reset();
        std::filesystem::remove_all(m_dir);
    }

    QString text(const CallListModel& model, int row, int column, int role = Qt::DisplayRole) const
    {
        return model.index(row, column).data(role).toString();
    }

    std::filesystem::path m_dir;
    core::SnapshotPtr m_snapshot;
};

} // namespace

TEST_F(CallListModelTest, OneRowPerCallWithTheColumnsAVoipEngineerScans)
{
    CallListModel model;
    st::ModelTesterGuard guard(&model);
    EXPECT_EQ(model.rowCount(), 0);
    model.setSnapshot(m_snapshot);
    ASSERT_EQ(model.rowCount(), st::SampleCallCount);
    EXPECT_EQ(model.columnCount(), CallListModel::ColumnCount);

    const int answered = st::SampleAnswered;
    EXPECT_EQ(text(model, answered, CallListModel::Start), QStringLiteral("10:00:00.000"));
    EXPECT_EQ(
        text(model, answered, CallListModel::Start, Qt::ToolTipRole), QStringLiteral("2026-11-24T10:00:00.000000Z"));
    EXPECT_EQ(text(model, answered, CallListModel::Method), QStringLiteral("INVITE"));
    EXPECT_EQ(text(model, answered, CallListModel::From), QStringLiteral("+12125550147"));
    EXPECT_TRUE(text(model, answered, CallListModel::From, Qt::ToolTipRole)
                    .startsWith(QStringLiteral("<sip:+12125550147@carrier.example>;tag=")));
    EXPECT_EQ(text(model, answered, CallListModel::To), QStringLiteral("5551234567"));
    EXPECT_EQ(
        text(model, answered, CallListModel::To, Qt::ToolTipRole), QStringLiteral("<sip:5551234567@pbx.example.test>"));
    EXPECT_TRUE(text(model, answered, CallListModel::RequestUri).startsWith(QStringLiteral("sip:5551234567@")));
    EXPECT_EQ(text(model, answered, CallListModel::Source), QStringLiteral("192.0.2.10:5060"));
    EXPECT_EQ(text(model, answered, CallListModel::Destination), QStringLiteral("198.51.100.5:5060"));
    EXPECT_EQ(text(model, answered, CallListModel::Source, Qt::ToolTipRole), QStringLiteral("192.0.2.10:5060 (UDP)"));
    const auto& call = m_snapshot->calls()[st::SampleAnswered];
    EXPECT_EQ(text(model, answered, CallListModel::Messages), QString::number(call.messageCount));
    EXPECT_EQ(model.index(answered, CallListModel::Messages).data(Qt::TextAlignmentRole).toInt(),
        int(Qt::AlignRight | Qt::AlignVCenter));
    EXPECT_FALSE(model.index(answered, CallListModel::From).data(Qt::TextAlignmentRole).isValid());
    EXPECT_EQ(text(model, answered, CallListModel::Duration), CallListModel::durationText(call.endNs - call.startNs));
    EXPECT_TRUE(QRegularExpression(QStringLiteral("^\\d+\\.\\d{3} s$"))
                    .match(text(model, answered, CallListModel::Duration))
                    .hasMatch());
    EXPECT_EQ(text(model, answered, CallListModel::Final), QStringLiteral("200 OK"));
    EXPECT_EQ(text(model, answered, CallListModel::State), QStringLiteral("Success"));

    EXPECT_EQ(text(model, st::SampleNotFound, CallListModel::Final), QStringLiteral("404 Not Found"));
    EXPECT_EQ(text(model, st::SampleNotFound, CallListModel::State), QStringLiteral("Failed"));
    EXPECT_EQ(text(model, st::SampleNotFound, CallListModel::Final, Qt::ToolTipRole),
        QStringLiteral("404 Not Found (") + QString::fromLatin1(core::outcomeName(core::Outcome::ClientFailure).data())
            + QLatin1Char(')'));
    EXPECT_EQ(text(model, st::SampleNotFound, CallListModel::Start), QStringLiteral("10:00:01.000"));
    EXPECT_EQ(text(model, st::SampleRegister, CallListModel::Method), QStringLiteral("REGISTER"));
    EXPECT_EQ(text(model, st::SampleOptions, CallListModel::Method), QStringLiteral("OPTIONS"));
    EXPECT_EQ(text(model, st::SampleOptions, CallListModel::To), QStringLiteral("sip:carrier.example"))
        << "a URI without a user part shows the URI";
    EXPECT_EQ(text(model, st::SampleCancelled, CallListModel::From), QStringLiteral("alice"));
    EXPECT_TRUE(text(model, st::SampleCancelled, CallListModel::From, Qt::ToolTipRole)
                    .startsWith(QStringLiteral("\"\u00c9mile Zola\" <sip:alice@example.org>")));
    EXPECT_EQ(text(model, st::SampleCancelled, CallListModel::State), QStringLiteral("Cancelled"));
    EXPECT_EQ(text(model, st::SampleInProgress, CallListModel::Final), QStringLiteral("\u2014"));
    EXPECT_EQ(text(model, st::SampleInProgress, CallListModel::State), QStringLiteral("In progress"));
}

TEST_F(CallListModelTest, SemanticRolesCarryTheCallAndItsOutcomeNotColours)
{
    CallListModel model;
    st::ModelTesterGuard guard(&model);
    model.setSnapshot(m_snapshot);
    for (int row = 0; row < model.rowCount(); ++row) {
        const auto index = model.index(row, CallListModel::State);
        EXPECT_EQ(index.data(models::CallIndexRole).value<quint32>(), quint32(row));
        EXPECT_EQ(model.callIndex(row), quint32(row));
        const auto& call = m_snapshot->calls()[std::size_t(row)];
        EXPECT_EQ(index.data(models::CallStateRole).toInt(), int(call.state));
        EXPECT_EQ(index.data(models::CallOutcomeRole).toInt(), int(call.outcome));
        EXPECT_FALSE(index.data(Qt::ForegroundRole).isValid());
        EXPECT_FALSE(index.data(Qt::BackgroundRole).isValid());
    }
    auto failed = [&](int row) { return model.index(row, 0).data(models::IsFailedRole).toBool(); };
    EXPECT_TRUE(failed(st::SampleNotFound));
    EXPECT_TRUE(failed(st::SampleBusy));
    EXPECT_TRUE(failed(st::SampleCancelled)) << "a cancelled call counts as failed (CONTRACT.md)";
    EXPECT_EQ(model.index(st::SampleCancelled, 0).data(models::CallOutcomeRole).toInt(), int(core::Outcome::Cancelled));
    EXPECT_FALSE(failed(st::SampleAnswered));
    EXPECT_FALSE(failed(st::SampleRegister)) << "a 401 answered by a successful retry is a challenge";
    EXPECT_FALSE(failed(st::SampleInProgress));
    EXPECT_EQ(model.index(st::SampleBusy, CallListModel::Messages).data(models::SortKeyRole).toLongLong(),
        qlonglong(m_snapshot->calls()[st::SampleBusy].messageCount));
}

TEST_F(CallListModelTest, HeadersAndKeysForTheProxy)
{
    CallListModel model;
    model.setSnapshot(m_snapshot);
    EXPECT_EQ(model.headerData(CallListModel::Start, Qt::Horizontal).toString(), QStringLiteral("Start"));
    EXPECT_EQ(model.headerData(CallListModel::RequestUri, Qt::Horizontal).toString(), QStringLiteral("Request-URI"));
    EXPECT_EQ(model.headerData(CallListModel::Final, Qt::Horizontal).toString(), QStringLiteral("Final"));
    EXPECT_FALSE(model.headerData(CallListModel::From, Qt::Horizontal, Qt::ToolTipRole).toString().isEmpty());
    for (int column = 0; column < CallListModel::ColumnCount; ++column)
        EXPECT_FALSE(model.headerData(column, Qt::Horizontal).toString().isEmpty()) << column;

    EXPECT_EQ(CallListModel::keyKind(CallListModel::Start), CallListModel::KeyKind::Number);
    EXPECT_EQ(CallListModel::keyKind(CallListModel::Source), CallListModel::KeyKind::Endpoint);
    EXPECT_EQ(CallListModel::keyKind(CallListModel::From), CallListModel::KeyKind::Text);
    EXPECT_EQ(model.numberKey(st::SampleNotFound, CallListModel::Final), 404);
    EXPECT_EQ(model.numberKey(st::SampleInProgress, CallListModel::Final), 0);
    std::string key;
    model.appendKeyText(st::SampleNotFound, CallListModel::From, key);
    EXPECT_EQ(key, "+12125550100");
    std::string filter;
    model.appendFilterText(st::SampleNotFound, CallListModel::From, filter);
    EXPECT_NE(filter.find("<sip:+12125550100@carrier.example>"), std::string::npos) << "the whole From value";
    std::string hidden;
    model.appendHiddenFilterText(st::SampleRegister, hidden);
    EXPECT_EQ(hidden, "sample-3@test.example");
}

TEST_F(CallListModelTest, ClearAndNewSnapshotsReset)
{
    CallListModel model;
    st::ModelTesterGuard guard(&model);
    model.setSnapshot(m_snapshot);
    EXPECT_EQ(model.rowOfCall(st::SampleBusy), int(st::SampleBusy));
    EXPECT_EQ(model.rowOfCall(999), -1);
    model.clear();
    EXPECT_EQ(model.rowCount(), 0);
    EXPECT_FALSE(model.snapshot());
    EXPECT_EQ(model.rowOfCall(0), -1);
    EXPECT_FALSE(model.index(0, 0).isValid());
    EXPECT_FALSE(model.index(0, 0).data().isValid());
    model.setSnapshot(m_snapshot);
    EXPECT_EQ(model.rowCount(), st::SampleCallCount);
}
