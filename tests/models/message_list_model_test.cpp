// SPDX-License-Identifier: Apache-2.0
#include "message_list_model.h"
#include "model_roles.h"
#include "support/qt/model_tester_guard.h"

#include <gtest/gtest.h>

using namespace sipladder;

namespace {

core::SnapshotPtr loadSample()
{
    core::LoadOptions options;
    options.paths = {SIPLADDER_SOURCE_DIR "/resources/samples/trunk-404.pcap"};
    auto loaded = core::CaptureLoader::load(options);
    EXPECT_TRUE(loaded);
    return loaded ? loaded.value() : nullptr;
}

} // namespace

TEST(MessageListModel, RowsAreTheLadderOfTheSelectedCallsWithTones)
{
    models::MessageListModel model;
    sipladder::testing::ModelTesterGuard guard(&model);
    const auto snapshot = loadSample();
    ASSERT_TRUE(snapshot);

    model.setCalls(snapshot, {2}); // the 404 to +15551234567
    ASSERT_EQ(model.rowCount(), 4);
    EXPECT_EQ(model.columnCount(), models::MessageListModel::ColumnCount);
    EXPECT_EQ(model.index(0, models::MessageListModel::LabelColumn).data().toString(), QStringLiteral("INVITE"));
    EXPECT_EQ(model.index(2, models::MessageListModel::LabelColumn).data().toString(), QStringLiteral("404 Not Found"));
    EXPECT_EQ(model.index(2, 0).data(models::ArrowToneRole).toInt(), int(core::ArrowTone::Error));
    EXPECT_EQ(model.index(0, 0).data(models::ArrowToneRole).toInt(), int(core::ArrowTone::Error));
    EXPECT_EQ(model.index(3, 0).data(models::ArrowToneRole).toInt(), int(core::ArrowTone::Request));
    EXPECT_EQ(model.index(0, models::MessageListModel::SourceColumn).data().toString(), QStringLiteral("203.0.113.10:5060"));
    EXPECT_EQ(model.index(2, models::MessageListModel::TimeColumn).data().toString(), QStringLiteral("10:00:16.080"));
    EXPECT_EQ(model.index(2, models::MessageListModel::DeltaColumn).data().toString(), QStringLiteral("+0.060"));
    EXPECT_TRUE(model.index(0, 0).data(Qt::ToolTipRole).toString().startsWith(QStringLiteral("INVITE sip:+15551234567@")));
    EXPECT_EQ(model.index(1, 0).data(models::CallIndexRole).value<quint32>(), 2u);
    const auto messageIndex = model.index(2, 0).data(models::MessageIndexRole).value<quint32>();
    EXPECT_EQ(model.rowOfMessage(messageIndex), 2);
}

TEST(MessageListModel, SeveralCallsMergeInTimeOrderAndOptionsRebuild)
{
    models::MessageListModel model;
    sipladder::testing::ModelTesterGuard guard(&model);
    const auto snapshot = loadSample();
    ASSERT_TRUE(snapshot);
    model.setCalls(snapshot, {1, 2});
    EXPECT_EQ(model.rowCount(), 11);
    EXPECT_EQ(model.layout().columns().size(), 2u);
    model.setMergePerHost(true);
    EXPECT_TRUE(model.mergePerHost());
    EXPECT_EQ(model.index(0, models::MessageListModel::SourceColumn).data().toString(), QStringLiteral("203.0.113.10"));
    model.clear();
    EXPECT_EQ(model.rowCount(), 0);
    EXPECT_FALSE(model.index(0, 0).isValid());
}
