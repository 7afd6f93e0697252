// SPDX-License-Identifier: Apache-2.0
#include "message_text_search.h"
#include "support/capture_generator.h"
#include "support/sample_calls.h"
#include "support/test_paths.h"

#include <QSignalSpy>

#include <gtest/gtest.h>

#include <filesystem>

using namespace sipladder;
using models::MessageTextSearch;
namespace st = sipladder::testing;

namespace {

class MessageTextSearchModelTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        m_dir = st::makeTempDir("sipladder-text-search-model");
        m_snapshot = st::loadSampleCalls(m_dir / "sample.pcap");
    }
    void TearDown() override
    {
        m_snapshot.reset();
        std::filesystem::remove_all(m_dir);
    }

    // A capture big enough that a search is still running when the test acts on it.
    core::SnapshotPtr loadLargeCapture()
    {
        st::CaptureGeneratorOptions options;
        options.calls = 20'000;
        const auto path = m_dir / "large.pcap";
        st::CaptureGenerator(options).write(path);
        core::LoadOptions load;
        load.paths = { path.string() };
        auto result = core::CaptureLoader::load(load);
        EXPECT_TRUE(result);
        return result ? result.value() : nullptr;
    }

    std::filesystem::path m_dir;
    core::SnapshotPtr m_snapshot;
};

} // namespace

TEST_F(MessageTextSearchModelTest, FinishesWithTheMatchingCallsOffTheGuiThread)
{
    MessageTextSearch search;
    QSignalSpy finished(&search, &MessageTextSearch::finished);
    QSignalSpy progress(&search, &MessageTextSearch::progressChanged);
    QSignalSpy cancelled(&search, &MessageTextSearch::cancelled);
    search.start(m_snapshot, QStringLiteral("rareagent/7.1"));
    EXPECT_TRUE(search.isRunning());
    EXPECT_EQ(search.needle(), QStringLiteral("rareagent/7.1"));
    ASSERT_TRUE(finished.wait(10'000));
    EXPECT_FALSE(search.isRunning());
    ASSERT_EQ(finished.count(), 1);
    EXPECT_EQ(finished.first().first().value<QList<quint32>>(), QList<quint32>({ st::SampleBusy }));
    EXPECT_EQ(cancelled.count(), 0);
    ASSERT_FALSE(progress.isEmpty());
    EXPECT_EQ(progress.last().first().toInt(), 1000);
    for (qsizetype i = 1; i < progress.size(); ++i)
        EXPECT_GE(progress.at(i).first().toInt(), progress.at(i - 1).first().toInt());
}

TEST_F(MessageTextSearchModelTest, NoSnapshotOrNoNeedleFindsNothing)
{
    MessageTextSearch search;
    QSignalSpy finished(&search, &MessageTextSearch::finished);
    search.start(nullptr, QStringLiteral("x"));
    ASSERT_TRUE(finished.wait(10'000));
    EXPECT_TRUE(finished.takeFirst().first().value<QList<quint32>>().isEmpty());
    search.start(m_snapshot, QString());
    ASSERT_TRUE(finished.wait(10'000));
    EXPECT_TRUE(finished.takeFirst().first().value<QList<quint32>>().isEmpty());
}

TEST_F(MessageTextSearchModelTest, CancelStopsTheWorkerAndReportsCancelled)
{
    const auto large = loadLargeCapture();
    ASSERT_TRUE(large);
    MessageTextSearch search;
    QSignalSpy finished(&search, &MessageTextSearch::finished);
    QSignalSpy cancelled(&search, &MessageTextSearch::cancelled);
    search.start(large, QStringLiteral("no such text in any message"));
    search.cancel();
    ASSERT_TRUE(cancelled.wait(10'000));
    EXPECT_EQ(cancelled.count(), 1);
    EXPECT_FALSE(search.isRunning());
    EXPECT_FALSE(finished.wait(200)) << "a cancelled search delivers no result";
    search.cancel();
    EXPECT_EQ(cancelled.count(), 1) << "nothing to cancel any more";
}

TEST_F(MessageTextSearchModelTest, StartingAnotherSearchReplacesTheRunningOne)
{
    const auto large = loadLargeCapture();
    ASSERT_TRUE(large);
    MessageTextSearch search;
    QSignalSpy finished(&search, &MessageTextSearch::finished);
    QSignalSpy cancelled(&search, &MessageTextSearch::cancelled);
    search.start(large, QStringLiteral("no such text in any message"));
    search.start(m_snapshot, QString::fromLatin1(st::kSampleRareAgent.data(), qsizetype(st::kSampleRareAgent.size())));
    ASSERT_TRUE(finished.wait(10'000));
    EXPECT_FALSE(finished.wait(300)) << "the replaced search delivers nothing";
    ASSERT_EQ(finished.count(), 1);
    EXPECT_EQ(finished.first().first().value<QList<quint32>>(), QList<quint32>({ st::SampleBusy }));
    EXPECT_EQ(cancelled.count(), 0);
}

TEST_F(MessageTextSearchModelTest, DestroyingARunningSearchWaitsForItsWorker)
{
    const auto large = loadLargeCapture();
    ASSERT_TRUE(large);
    auto search = std::make_unique<MessageTextSearch>();
    search->start(large, QStringLiteral("no such text in any message"));
    search.reset();
    EXPECT_EQ(large.use_count(), 1) << "the worker has stopped and let go of the snapshot";
}
