// SPDX-License-Identifier: Apache-2.0
// CaptureSession::openText: pasted or dropped SIP text loads like a file, from a temporary file the
// session owns and removes once the trace is replaced, closed or the session goes.
#include "capture_session.h"
#include "models/pasted_sip_fixture.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTest>

#include <gtest/gtest.h>

#include <memory>

using namespace sipladder;
namespace pasted = sipladder::testing::pasted;

namespace {

const QString kSample = QStringLiteral(SIPLADDER_SOURCE_DIR "/resources/samples/trunk-404.pcap");
const QString kName = QStringLiteral("Pasted trace (10:00:00)");

// Waits for the load to end either way, so that a failure shows its message at once.
bool openAndWait(models::CaptureSession& session, const QString& text, const QString& name = kName)
{
    QSignalSpy finished(&session, &models::CaptureSession::loadFinished);
    QSignalSpy failed(&session, &models::CaptureSession::loadFailed);
    if (!session.openText(text, name))
        return false;
    QElapsedTimer timer;
    timer.start();
    while (finished.isEmpty() && failed.isEmpty() && timer.elapsed() < 10000)
        QTest::qWait(10);
    if (!failed.isEmpty())
        ADD_FAILURE() << failed.first().first().toString().toStdString();
    return !finished.isEmpty();
}

} // namespace

TEST(PastedTextSession, SipTextOpensAsATraceNamedByItsDisplayName)
{
    models::CaptureSession session;
    QSignalSpy started(&session, &models::CaptureSession::loadStarted);
    ASSERT_TRUE(openAndWait(session, pasted::text()));
    ASSERT_TRUE(session.snapshot());
    EXPECT_EQ(int(session.snapshot()->calls().size()), pasted::kCalls);
    EXPECT_EQ(int(session.snapshot()->totals().sipMessages), pasted::kMessages);
    ASSERT_EQ(session.paths().size(), 1);
    const QString path = session.paths().first();
    EXPECT_TRUE(session.isTemporary(path));
    EXPECT_EQ(started.first().first().toStringList(), QStringList { path });
    EXPECT_EQ(session.displayNames(), QStringList { kName });
    EXPECT_FALSE(session.isTemporary(kSample));

    // The file holds the text as pasted, so messages read back are the pasted ones.
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    EXPECT_EQ(QString::fromUtf8(file.readAll()), pasted::text());
}

TEST(PastedTextSession, BlankTextStartsNothingAndSaysWhy)
{
    models::CaptureSession session;
    QSignalSpy started(&session, &models::CaptureSession::loadStarted);
    QString error;
    EXPECT_FALSE(session.openText(QStringLiteral(" \r\n\t\n"), kName, &error));
    EXPECT_TRUE(error.contains(kName)) << error.toStdString();
    EXPECT_EQ(started.count(), 0);
    EXPECT_FALSE(session.isLoading());
}

TEST(PastedTextSession, TextWithoutSipFailsNamingItAndKeepsWhatWasOpen)
{
    models::CaptureSession session;
    QSignalSpy finished(&session, &models::CaptureSession::loadFinished);
    session.open({ kSample });
    ASSERT_TRUE(finished.wait(10000));
    const auto before = session.snapshot();

    QSignalSpy started(&session, &models::CaptureSession::loadStarted);
    QSignalSpy failed(&session, &models::CaptureSession::loadFailed);
    ASSERT_TRUE(session.openText(pasted::junk(), kName));
    ASSERT_TRUE(failed.wait(10000));
    EXPECT_TRUE(failed.first().first().toString().contains(kName)) << failed.first().first().toString().toStdString();
    EXPECT_EQ(finished.count(), 1);
    EXPECT_EQ(session.snapshot(), before);
    EXPECT_EQ(session.paths(), QStringList { kSample });
    // The junk's file is not kept.
    const QString junkPath = started.first().first().toStringList().value(0);
    EXPECT_FALSE(junkPath.isEmpty());
    EXPECT_FALSE(QFileInfo::exists(junkPath));
}

TEST(PastedTextSession, TemporaryFilesGoWhenReplacedClosedOrWithTheSession)
{
    QString directory;
    {
        models::CaptureSession session;
        ASSERT_TRUE(openAndWait(session, pasted::text()));
        const QString first = session.paths().first();
        directory = QFileInfo(first).absolutePath();
        EXPECT_TRUE(QFileInfo::exists(first));

        ASSERT_TRUE(openAndWait(session, pasted::text(), QStringLiteral("Pasted trace (10:00:05)")));
        const QString second = session.paths().first();
        EXPECT_NE(second, first);
        EXPECT_FALSE(QFileInfo::exists(first)) << "replaced by the second paste";
        EXPECT_TRUE(QFileInfo::exists(second));

        // A file opened afterwards replaces the paste too.
        QSignalSpy finished(&session, &models::CaptureSession::loadFinished);
        session.open({ kSample });
        ASSERT_TRUE(finished.wait(10000));
        EXPECT_FALSE(QFileInfo::exists(second));
        EXPECT_TRUE(QFileInfo::exists(kSample)) << "only the session's own files are removed";

        ASSERT_TRUE(openAndWait(session, pasted::text()));
        const QString third = session.paths().first();
        session.close();
        EXPECT_FALSE(QFileInfo::exists(third));
        EXPECT_FALSE(session.isTemporary(third));
        EXPECT_TRUE(QFileInfo::exists(directory));

        // Left open when the session goes.
        ASSERT_TRUE(openAndWait(session, pasted::text()));
    }
    EXPECT_FALSE(directory.isEmpty());
    EXPECT_FALSE(QFileInfo::exists(directory));
}
