// SPDX-License-Identifier: Apache-2.0
// The failure panel on a text log: evidence is placed by the line of its message, not a frame.
#include "capture_analysis.h"
#include "failure_panel.h"
#include "models/pasted_sip_fixture.h"
#include "support/test_paths.h"

#include <QFile>
#include <QTreeWidget>

#include <gtest/gtest.h>

#include <filesystem>

using namespace sipladder;
namespace st = sipladder::testing;
namespace pasted = sipladder::testing::pasted;

TEST(FailurePanelTextLog, EvidenceIsPlacedByTheLineOfItsMessage)
{
    const auto dir = st::makeTempDir("sipladder-failure-panel-text-log");
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
    auto analysis = std::make_shared<models::CaptureAnalysis>();
    analysis->snapshot = std::move(loaded).value();
    analysis->diagnoser = std::make_unique<const core::Diagnoser>(*analysis->snapshot);
    analysis->diagnosis = analysis->diagnoser->diagnoseAll();
    ASSERT_TRUE(analysis->snapshot->files().front().isTextLog);

    // The 404 call.
    const auto& calls = analysis->snapshot->calls();
    quint32 failed = 0;
    while (failed < calls.size() && calls[failed].state != core::CallState::Failed)
        ++failed;
    ASSERT_LT(failed, calls.size());

    widgets::FailurePanel panel;
    panel.resize(700, 900);
    panel.setAnalysis(analysis);
    panel.showCalls({ failed });
    QTreeWidget* evidence = panel.evidenceList();
    EXPECT_EQ(evidence->headerItem()->text(0), QStringLiteral("Line"));
    ASSERT_GT(evidence->topLevelItemCount(), 0);
    const QStringList lines = pasted::text().split(QLatin1Char('\n'));
    int placed = 0;
    for (int row = 0; row < evidence->topLevelItemCount(); ++row) {
        const QString place = evidence->topLevelItem(row)->text(0);
        bool isNumber = false;
        const auto line = place.toULongLong(&isNumber);
        if (!isNumber)
            continue;
        ++placed;
        // Every placed row names a line holding a start line of the pasted text.
        ASSERT_GE(line, 1u);
        ASSERT_LE(line, quint64(lines.size()));
        const QString startLine = lines[qsizetype(line - 1)];
        EXPECT_TRUE(startLine.startsWith(QStringLiteral("SIP/2.0 ")) || startLine.endsWith(QStringLiteral(" SIP/2.0")))
            << place.toStdString() << ": " << startLine.toStdString();
    }
    EXPECT_GT(placed, 0) << "no evidence row placed by its line";
    std::filesystem::remove_all(dir);
}
