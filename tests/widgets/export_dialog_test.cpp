// SPDX-License-Identifier: Apache-2.0
// File › Export…'s dialog as the user meets it: the formats offered, the scopes with their counts
// (the selected calls disabled without a selection), the default name beside the trace following
// the format and the redaction, a name of the user's own keeping its name, and the question before
// a file is replaced.
#include "export_dialog.h"
#include "support/test_paths.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QRadioButton>
#include <QTest>
#include <QTimer>

#include <gtest/gtest.h>

#include <filesystem>

using namespace sipladder;
using widgets::ExportDialog;
namespace st = sipladder::testing;

namespace {

template <typename T> T* child(const QWidget& parent, const char* name)
{
    auto* found = parent.findChild<T*>(QString::fromLatin1(name));
    EXPECT_NE(found, nullptr) << name;
    return found;
}

} // namespace

TEST(ExportDialogTest, OffersEveryFormatInOrder)
{
    ExportDialog dialog;
    auto* combo = child<QComboBox>(dialog, "exportFormat");
    ASSERT_NE(combo, nullptr);
    ASSERT_EQ(combo->count(), 7);
    const QStringList expected = { QStringLiteral("HTML report (.html)"), QStringLiteral("PDF report (.pdf)"),
        QStringLiteral("SVG image of the ladder (.svg)"), QStringLiteral("PNG image of the ladder (.png)"),
        QStringLiteral("Text (ladder and diagnosis) (.txt)"), QStringLiteral("JSON (full analysis) (.json)"),
        QStringLiteral("pcap (packets of the calls) (.pcap)") };
    for (int i = 0; i < combo->count(); ++i)
        EXPECT_EQ(combo->itemText(i), expected.value(i)) << i;
    EXPECT_EQ(dialog.format(), render::ExportFormat::Html) << "HTML first, unless remembered otherwise";
    EXPECT_FALSE(dialog.redact());
}

TEST(ExportDialogTest, ScopesShowTheirCountsAndSelectedIsDisabledWithoutASelection)
{
    ExportDialog dialog;
    dialog.setDefaultLocation(QDir::tempPath(), QStringLiteral("trunk-404"));
    auto* selected = child<QRadioButton>(dialog, "exportScopeSelected");
    auto* failed = child<QRadioButton>(dialog, "exportScopeFailed");
    auto* all = child<QRadioButton>(dialog, "exportScopeAll");
    auto* exportButton = child<QPushButton>(dialog, "exportButton");
    ASSERT_TRUE(selected && failed && all && exportButton);

    dialog.setCallCounts(0, 3, 6);
    EXPECT_FALSE(selected->isEnabled());
    EXPECT_TRUE(failed->isEnabled());
    EXPECT_TRUE(all->isEnabled());
    EXPECT_EQ(selected->text(), QStringLiteral("Selected calls (0)"));
    EXPECT_EQ(failed->text(), QStringLiteral("Failed calls (3)"));
    EXPECT_EQ(all->text(), QStringLiteral("All calls (6)"));
    EXPECT_EQ(dialog.scope(), ExportDialog::Scope::Failed) << "without a selection the failed calls are chosen";
    dialog.setScope(ExportDialog::Scope::Selected);
    EXPECT_EQ(dialog.scope(), ExportDialog::Scope::Failed) << "a disabled scope cannot be chosen";
    EXPECT_TRUE(exportButton->isEnabled());

    dialog.setCallCounts(2, 3, 6);
    EXPECT_TRUE(selected->isEnabled());
    EXPECT_EQ(selected->text(), QStringLiteral("Selected calls (2)"));
    EXPECT_EQ(dialog.scope(), ExportDialog::Scope::Selected) << "a selection is what the user looks at";
    dialog.setCallCounts(1, 1, 1);
    EXPECT_EQ(selected->text(), QStringLiteral("Selected call (1)"));
    EXPECT_EQ(failed->text(), QStringLiteral("Failed call (1)"));

    dialog.setCallCounts(0, 0, 4);
    EXPECT_FALSE(failed->isEnabled());
    EXPECT_EQ(dialog.scope(), ExportDialog::Scope::All);

    dialog.setCallCounts(0, 0, 0);
    EXPECT_FALSE(exportButton->isEnabled()) << "nothing to export";
}

TEST(ExportDialogTest, TheDefaultNameIsBesideTheTraceAndFollowsFormatAndRedaction)
{
    ExportDialog dialog;
    dialog.setCallCounts(1, 3, 6);
    const QString directory = QDir::tempPath() + QStringLiteral("/captures");
    dialog.setDefaultLocation(directory, QStringLiteral("trunk-404"));
    EXPECT_EQ(dialog.outputPath(), directory + QStringLiteral("/trunk-404-report.html"));
    dialog.setFormat(render::ExportFormat::Pdf);
    EXPECT_EQ(dialog.outputPath(), directory + QStringLiteral("/trunk-404-report.pdf"));
    dialog.setFormat(render::ExportFormat::Png);
    EXPECT_EQ(dialog.outputPath(), directory + QStringLiteral("/trunk-404-ladder.png"));
    dialog.setRedact(true);
    EXPECT_EQ(dialog.outputPath(), directory + QStringLiteral("/trunk-404-ladder-redacted.png"));
    dialog.setFormat(render::ExportFormat::Pcap);
    EXPECT_EQ(dialog.outputPath(), directory + QStringLiteral("/trunk-404-calls-redacted.pcap"))
        << "never the name of the capture itself";
    dialog.setFormat(render::ExportFormat::Text);
    EXPECT_EQ(dialog.outputPath(), directory + QStringLiteral("/trunk-404-report-redacted.txt"));
    dialog.setFormat(render::ExportFormat::Json);
    EXPECT_EQ(dialog.outputPath(), directory + QStringLiteral("/trunk-404-report-redacted.json"));
    dialog.setFormat(render::ExportFormat::Svg);
    EXPECT_EQ(dialog.outputPath(), directory + QStringLiteral("/trunk-404-ladder-redacted.svg"));
}

TEST(ExportDialogTest, ANameOfTheUsersOwnKeepsItsNameAndTakesTheFormatsExtension)
{
    ExportDialog dialog;
    dialog.setCallCounts(1, 3, 6);
    const QString directory = QDir::tempPath();
    dialog.setDefaultLocation(directory, QStringLiteral("trunk-404"));
    auto* path = child<QLineEdit>(dialog, "exportPath");
    ASSERT_NE(path, nullptr);

    path->selectAll();
    QTest::keyClicks(path, directory + QStringLiteral("/ticket-4711.html"));
    dialog.setFormat(render::ExportFormat::Json);
    EXPECT_EQ(dialog.outputPath(), directory + QStringLiteral("/ticket-4711.json"));
    dialog.setRedact(true);
    EXPECT_EQ(dialog.outputPath(), directory + QStringLiteral("/ticket-4711.json")) << "typed names stay";

    // No extension typed: the format's. A relative name: beside the trace.
    path->clear();
    QTest::keyClicks(path, QStringLiteral("carrier"));
    EXPECT_EQ(dialog.outputPath(), directory + QStringLiteral("/carrier.json"));
    // An extension that is not an export format's is part of the name.
    path->clear();
    QTest::keyClicks(path, QStringLiteral("/srv/out/call.v2"));
    dialog.setFormat(render::ExportFormat::Text);
    EXPECT_EQ(dialog.outputPath(), QStringLiteral("/srv/out/call.v2.txt"));

    auto* exportButton = child<QPushButton>(dialog, "exportButton");
    path->clear();
    EXPECT_FALSE(exportButton->isEnabled()) << "no path, no export";
}

TEST(ExportDialogTest, ReplacingAnExistingFileIsAskedFirst)
{
    const auto dir = st::makeTempDir("sipladder-export-dialog");
    const QString existing = QString::fromStdString((dir / "report.html").string());
    {
        QFile file(existing);
        ASSERT_TRUE(file.open(QIODevice::WriteOnly));
        file.write("old");
    }
    ExportDialog dialog;
    dialog.setCallCounts(1, 1, 1);
    dialog.setOutputPath(existing);

    // Answers the question box that accept() shows with `button`, once it shows.
    QStringList questions;
    auto answer = [&questions](QMessageBox::StandardButton button) {
        auto* timer = new QTimer;
        timer->setInterval(20);
        QObject::connect(timer, &QTimer::timeout, timer, [timer, button, &questions] {
            auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
            if (!box)
                return;
            questions.append(box->text());
            box->button(button)->click();
            timer->deleteLater();
        });
        timer->start();
    };

    answer(QMessageBox::No);
    dialog.accept();
    ASSERT_EQ(questions.size(), 1);
    EXPECT_TRUE(questions.first().contains(QStringLiteral("report.html"))) << questions.first().toStdString();
    EXPECT_NE(dialog.result(), QDialog::Accepted) << "No keeps the dialog open";

    answer(QMessageBox::Yes);
    dialog.accept();
    ASSERT_EQ(questions.size(), 2);
    EXPECT_EQ(dialog.result(), QDialog::Accepted);
    std::filesystem::remove_all(dir);
}
