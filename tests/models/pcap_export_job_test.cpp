// SPDX-License-Identifier: Apache-2.0
// PcapExportJob: calls written as a pcap in the background, loaded back by the capture loader.
#include "pcap_export_job.h"
#include "support/test_paths.h"

#include "load/capture_loader.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

#include <gtest/gtest.h>

#include <filesystem>

using namespace sipladder;
namespace st = sipladder::testing;

namespace {

const QString kSample = QStringLiteral(SIPLADDER_SOURCE_DIR "/resources/samples/trunk-404.pcap");

core::SnapshotPtr load(const QString& path)
{
    core::LoadOptions options;
    options.paths.push_back(path.toStdString());
    auto loaded = core::CaptureLoader::load(options);
    if (!loaded) {
        ADD_FAILURE() << loaded.error().message;
        return nullptr;
    }
    return std::move(loaded).value();
}

// Waits for the export to end either way; a failure fails the test with its message at once.
bool waitForExport(models::PcapExportJob& job)
{
    QSignalSpy failed(&job, &models::PcapExportJob::exportFailed);
    QElapsedTimer timer;
    timer.start();
    while (job.isRunning() && timer.elapsed() < 10000)
        QTest::qWait(10);
    if (!failed.isEmpty())
        ADD_FAILURE() << failed.first().at(1).toString().toStdString();
    return !job.isRunning() && failed.isEmpty();
}

class PcapExportJobTest : public ::testing::Test {
protected:
    void SetUp() override { m_dir = st::makeTempDir("sipladder-pcap-export-job"); }
    void TearDown() override { std::filesystem::remove_all(m_dir); }
    QString target(const char* name) const { return QString::fromStdString((m_dir / name).string()); }

    std::filesystem::path m_dir;
};

} // namespace

TEST_F(PcapExportJobTest, WritesEveryCallAndTheyLoadBackWithTheSameMessages)
{
    const auto snapshot = load(kSample);
    ASSERT_TRUE(snapshot);
    models::PcapExportJob job;
    QSignalSpy finished(&job, &models::PcapExportJob::exportFinished);
    const QString path = target("all.pcap");
    ASSERT_TRUE(job.start(snapshot, {}, path));
    EXPECT_TRUE(job.isRunning());
    ASSERT_TRUE(waitForExport(job));
    ASSERT_EQ(finished.count(), 1);
    EXPECT_FALSE(job.isRunning());
    EXPECT_EQ(finished.first().at(0).toString(), path);
    EXPECT_EQ(finished.first().at(1).toULongLong(), snapshot->totals().sipMessages);

    const auto reloaded = load(path);
    ASSERT_TRUE(reloaded);
    EXPECT_EQ(reloaded->totals().sipMessages, snapshot->totals().sipMessages);
    EXPECT_EQ(reloaded->calls().size(), snapshot->calls().size());
}

TEST_F(PcapExportJobTest, WritesOnlyTheChosenCalls)
{
    const auto snapshot = load(kSample);
    ASSERT_TRUE(snapshot);
    ASSERT_GE(snapshot->calls().size(), 2u);
    models::PcapExportJob job;
    QSignalSpy finished(&job, &models::PcapExportJob::exportFinished);
    const QString path = target("one.pcap");
    ASSERT_TRUE(job.start(snapshot, { 1 }, path));
    ASSERT_TRUE(waitForExport(job));
    ASSERT_EQ(finished.count(), 1);
    const auto reloaded = load(path);
    ASSERT_TRUE(reloaded);
    EXPECT_EQ(reloaded->calls().size(), 1u);
    EXPECT_EQ(reloaded->totals().sipMessages, snapshot->messagesOfCall(1).size());
    EXPECT_EQ(reloaded->callId(reloaded->calls()[0]), snapshot->callId(snapshot->calls()[1]));
}

TEST_F(PcapExportJobTest, AnUnwritablePathFailsNamingIt)
{
    const auto snapshot = load(kSample);
    ASSERT_TRUE(snapshot);
    models::PcapExportJob job;
    QSignalSpy finished(&job, &models::PcapExportJob::exportFinished);
    QSignalSpy failed(&job, &models::PcapExportJob::exportFailed);
    const QString path = target("no-such-folder/out.pcap");
    ASSERT_TRUE(job.start(snapshot, {}, path));
    ASSERT_TRUE(failed.wait(10000));
    EXPECT_EQ(finished.count(), 0);
    EXPECT_EQ(failed.first().at(0).toString(), path);
    EXPECT_TRUE(failed.first().at(1).toString().contains(path)) << failed.first().at(1).toString().toStdString();
    EXPECT_FALSE(job.isRunning());
}

TEST_F(PcapExportJobTest, OneExportAtATimeAndNoneWithoutASnapshot)
{
    const auto snapshot = load(kSample);
    ASSERT_TRUE(snapshot);
    models::PcapExportJob job;
    EXPECT_FALSE(job.start(nullptr, {}, target("none.pcap")));
    QSignalSpy finished(&job, &models::PcapExportJob::exportFinished);
    ASSERT_TRUE(job.start(snapshot, {}, target("first.pcap")));
    EXPECT_FALSE(job.start(snapshot, {}, target("second.pcap")));
    ASSERT_TRUE(waitForExport(job));
    EXPECT_EQ(finished.count(), 1);
    EXPECT_FALSE(std::filesystem::exists(m_dir / "second.pcap"));
}
