// SPDX-License-Identifier: Apache-2.0
// The message pane on a text log: a message is placed by its line, not a frame, and addresses the
// log did not state are marked as inferred.
#include "message_pane.h"
#include "models/pasted_sip_fixture.h"
#include "support/test_paths.h"

#include "load/capture_loader.h"

#include <QFile>

#include <gtest/gtest.h>

#include <filesystem>

using namespace sipladder;
namespace st = sipladder::testing;
namespace pasted = sipladder::testing::pasted;

TEST(MessagePaneTextLog, AMessageIsPlacedByItsLineAndInferredAddressesAreMarked)
{
    const auto dir = st::makeTempDir("sipladder-message-pane-text-log");
    const auto path = dir / "ticket.txt";
    {
        QFile file(QString::fromStdString(path.string()));
        ASSERT_TRUE(file.open(QIODevice::WriteOnly));
        file.write(pasted::text().toUtf8());
    }
    core::LoadOptions options;
    options.paths.push_back(path.string());
    auto loaded = core::CaptureLoader::load(options);
    ASSERT_TRUE(loaded) << loaded.error().message;
    const auto snapshot = std::move(loaded).value();
    ASSERT_EQ(int(snapshot->messages().size()), pasted::kMessages);

    // The 404: its start line is the first line of the third message of the text.
    const QStringList lines = pasted::text().split(QLatin1Char('\n'));
    const qsizetype notFoundLine = lines.indexOf(QStringLiteral("SIP/2.0 404 Not Found")) + 1;
    ASSERT_GT(notFoundLine, 0);
    quint32 notFound = 0;
    for (quint32 i = 0; i < snapshot->messages().size(); ++i) {
        if (snapshot->messages()[i].statusCode == 404)
            notFound = i;
    }
    const auto& record = snapshot->messages()[notFound];
    ASSERT_EQ(record.statusCode, 404);
    ASSERT_TRUE(record.has(core::MessageFromTextLog));

    widgets::MessagePane pane;
    pane.showMessage(snapshot, notFound);
    const QString info = pane.infoText();
    EXPECT_TRUE(info.startsWith(QStringLiteral("Line %1 ").arg(notFoundLine))) << info.toStdString();
    EXPECT_FALSE(info.contains(QStringLiteral("Frame"))) << info.toStdString();
    EXPECT_TRUE(info.contains(QStringLiteral("ticket.txt"))) << info.toStdString();
    // A pasted message says nothing of where it went: its addresses come from its headers.
    const bool inferred = record.has(core::MessageSourceInferred) || record.has(core::MessageDestinationInferred);
    EXPECT_TRUE(inferred);
    EXPECT_EQ(info.contains(QStringLiteral("(inferred)")), inferred) << info.toStdString();
    std::filesystem::remove_all(dir);
}
