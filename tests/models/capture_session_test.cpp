// SPDX-License-Identifier: Apache-2.0
#include "capture_session.h"
#include "support/capture_generator.h"
#include "support/test_paths.h"

#include <QSignalSpy>
#include <QTest>

#include <gtest/gtest.h>

using namespace sipladder;
namespace st = sipladder::testing;

namespace {

const QString kSample = QStringLiteral(SIPLADDER_SOURCE_DIR "/resources/samples/trunk-404.pcap");

// A capture large enough that a load is still running when the test cancels it.
QString largeCapture()
{
    static const QString path = [] {
        const auto dir = st::makeTempDir("sipladder-session-test");
        st::CaptureGeneratorOptions options;
        options.calls = 60000;
        st::CaptureGenerator(options).write(dir / "large.pcap");
        return QString::fromStdString((dir / "large.pcap").string());
    }();
    return path;
}

} // namespace

TEST(CaptureSession, LoadsOffTheGuiThreadWithProgressAndFinishes)
{
    models::CaptureSession session;
    QSignalSpy started(&session, &models::CaptureSession::loadStarted);
    QSignalSpy progress(&session, &models::CaptureSession::loadProgressChanged);
    QSignalSpy finished(&session, &models::CaptureSession::loadFinished);
    session.open({kSample});
    EXPECT_TRUE(session.isLoading());
    EXPECT_EQ(session.loadingPaths(), QStringList{kSample});
    EXPECT_EQ(started.count(), 1);
    ASSERT_TRUE(finished.wait(10000));
    EXPECT_FALSE(session.isLoading());
    ASSERT_TRUE(session.snapshot());
    EXPECT_EQ(session.snapshot()->calls().size(), 6u);
    EXPECT_GE(progress.count(), 1);
    EXPECT_EQ(session.paths(), QStringList{kSample});
}

TEST(CaptureSession, UnreadableFileFailsWithItsName)
{
    models::CaptureSession session;
    QSignalSpy failed(&session, &models::CaptureSession::loadFailed);
    QSignalSpy finished(&session, &models::CaptureSession::loadFinished);
    session.open({QStringLiteral("/nonexistent/trace.pcap")});
    ASSERT_TRUE(failed.wait(10000));
    EXPECT_TRUE(failed.first().first().toString().contains(QStringLiteral("trace.pcap")));
    EXPECT_EQ(finished.count(), 0);
    EXPECT_FALSE(session.snapshot());
    EXPECT_TRUE(session.paths().isEmpty()) << "a failed load leaves what was open";
}

TEST(CaptureSession, CancelStopsTheLoadAndDeliversNoCalls)
{
    const auto path = largeCapture();
    models::CaptureSession session;
    QSignalSpy cancelled(&session, &models::CaptureSession::loadCancelled);
    QSignalSpy finished(&session, &models::CaptureSession::loadFinished);
    session.open({path});
    session.cancel();
    ASSERT_TRUE(cancelled.wait(10000));
    EXPECT_EQ(finished.count(), 0);
    EXPECT_FALSE(session.snapshot());
    EXPECT_FALSE(session.isLoading());
}

TEST(CaptureSession, OpeningAnotherFileCancelsTheRunningLoad)
{
    const auto path = largeCapture();
    models::CaptureSession session;
    QSignalSpy cancelled(&session, &models::CaptureSession::loadCancelled);
    QSignalSpy finished(&session, &models::CaptureSession::loadFinished);
    session.open({path});
    session.open({kSample});
    EXPECT_EQ(cancelled.count(), 1);
    ASSERT_TRUE(finished.wait(10000));
    // Give the cancelled job time to report; it must not replace the newer result.
    QTest::qWait(200);
    EXPECT_EQ(finished.count(), 1);
    EXPECT_EQ(session.snapshot()->calls().size(), 6u);
    EXPECT_EQ(session.paths(), QStringList{kSample});
}

TEST(CaptureSession, DestroyingTheSessionWaitsForItsWorker)
{
    const auto path = largeCapture();
    {
        models::CaptureSession session;
        session.open({path});
    }
    SUCCEED() << "the session's destructor returned with no worker left running";
}
