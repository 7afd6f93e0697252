// SPDX-License-Identifier: Apache-2.0
#include "call_filter_bar.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTest>
#include <QToolButton>

#include <gtest/gtest.h>

using sipladder::widgets::CallFilterBar;

namespace {

QLineEdit* lineEdit(CallFilterBar& bar)
{
    return bar.findChild<QLineEdit*>();
}

} // namespace

TEST(CallFilterBar, TypingIsDebouncedAndEnterAppliesAtOnce)
{
    CallFilterBar bar;
    QSignalSpy text(&bar, &CallFilterBar::filterTextChanged);
    QTest::keyClicks(lineEdit(bar), QStringLiteral("404"));
    EXPECT_EQ(text.count(), 0) << "not on every key";
    ASSERT_TRUE(text.wait(2000));
    EXPECT_EQ(text.count(), 1);
    EXPECT_EQ(text.last().first().toString(), QStringLiteral("404"));
    QTest::keyClicks(lineEdit(bar), QStringLiteral("x"));
    QTest::keyClick(lineEdit(bar), Qt::Key_Return);
    EXPECT_EQ(text.last().first().toString(), QStringLiteral("404x"));
    QTest::keyClick(lineEdit(bar), Qt::Key_Escape);
    EXPECT_EQ(text.last().first().toString(), QString());
    EXPECT_TRUE(bar.filterText().isEmpty());
}

TEST(CallFilterBar, TogglesReportTheirState)
{
    CallFilterBar bar;
    QSignalSpy failed(&bar, &CallFilterBar::failedOnlyChanged);
    QSignalSpy invite(&bar, &CallFilterBar::inviteOnlyChanged);
    QSignalSpy hide(&bar, &CallFilterBar::hideRegisterOptionsChanged);
    bar.setFailedOnly(true);
    bar.setInviteOnly(true);
    bar.setHideRegisterOptions(true);
    EXPECT_EQ(failed.count(), 1);
    EXPECT_TRUE(failed.last().first().toBool());
    EXPECT_EQ(invite.count(), 1);
    EXPECT_EQ(hide.count(), 1);
    EXPECT_TRUE(bar.failedOnly() && bar.inviteOnly() && bar.hideRegisterOptions());
    const auto buttons = bar.findChildren<QToolButton*>(QString(), Qt::FindDirectChildrenOnly);
    ASSERT_EQ(buttons.size(), 3);
    for (auto* button : buttons)
        EXPECT_TRUE(button->isCheckable());
}

TEST(CallFilterBar, MessageTextModeSendsTheTextToTheRawSearchInstead)
{
    CallFilterBar bar;
    QSignalSpy text(&bar, &CallFilterBar::filterTextChanged);
    QSignalSpy search(&bar, &CallFilterBar::messageTextSearchRequested);
    bar.setFilterText(QStringLiteral("RareAgent"));
    EXPECT_EQ(text.last().first().toString(), QStringLiteral("RareAgent"));
    bar.setSearchesMessageText(true);
    EXPECT_EQ(text.last().first().toString(), QString()) << "the column filter is dropped";
    EXPECT_EQ(search.count(), 1);
    EXPECT_EQ(search.last().first().toString(), QStringLiteral("RareAgent"));
    bar.setSearchProgress(420);
    EXPECT_TRUE(bar.findChild<QCheckBox*>()->text().contains(QStringLiteral("42%")));
    bar.setSearchProgress(-1);
    EXPECT_FALSE(bar.findChild<QCheckBox*>()->text().contains(QLatin1Char('%')));
    bar.reapplyMessageSearch();
    EXPECT_EQ(search.count(), 2) << "asked again, for a new snapshot";
    EXPECT_EQ(search.last().first().toString(), QStringLiteral("RareAgent"));
    bar.setSearchesMessageText(false);
    EXPECT_EQ(search.last().first().toString(), QString()) << "stop searching, drop the restriction";
    bar.reapplyMessageSearch();
    EXPECT_EQ(search.count(), 3) << "nothing to ask for with message text off";
    EXPECT_EQ(text.last().first().toString(), QStringLiteral("RareAgent"));
}

TEST(CallFilterBar, TheDiagnosisChooserListsTheCausesWithCountsAndKeepsAChoiceStillOffered)
{
    CallFilterBar bar;
    auto* combo = bar.findChild<QComboBox*>(QStringLiteral("causeFilter"));
    ASSERT_NE(combo, nullptr);
    EXPECT_FALSE(combo->isEnabled()) << "nothing diagnosed yet";
    QSignalSpy cause(&bar, &CallFilterBar::causeFilterChanged);

    bar.setCauseCounts({ { QStringLiteral("number-format"), 3 }, { QStringLiteral("busy"), 1 } });
    ASSERT_EQ(combo->count(), 3);
    EXPECT_TRUE(combo->isEnabled());
    EXPECT_EQ(combo->itemText(0), QStringLiteral("Any diagnosis"));
    EXPECT_EQ(combo->itemText(1), QStringLiteral("number-format (3)"));
    EXPECT_EQ(combo->itemText(2), QStringLiteral("busy (1)"));
    EXPECT_EQ(cause.count(), 0) << "still any diagnosis";

    combo->setCurrentIndex(2);
    ASSERT_EQ(cause.count(), 1);
    EXPECT_EQ(cause.last().first().toString(), QStringLiteral("busy"));
    EXPECT_EQ(bar.causeFilter(), QStringLiteral("busy"));

    // Another capture that still has busy calls keeps the choice, silently.
    bar.setCauseCounts({ { QStringLiteral("busy"), 2 }, { QStringLiteral("timeout"), 1 } });
    EXPECT_EQ(bar.causeFilter(), QStringLiteral("busy"));
    EXPECT_EQ(combo->currentText(), QStringLiteral("busy (2)"));
    EXPECT_EQ(cause.count(), 1);
    // One without: back to any, and the list is told.
    bar.setCauseCounts({ { QStringLiteral("timeout"), 1 } });
    EXPECT_TRUE(bar.causeFilter().isEmpty());
    ASSERT_EQ(cause.count(), 2);
    EXPECT_TRUE(cause.last().first().toString().isEmpty());

    bar.setCauseFilter(QStringLiteral("timeout"));
    EXPECT_EQ(cause.last().first().toString(), QStringLiteral("timeout"));
    bar.setCauseFilter(QStringLiteral("not-offered"));
    EXPECT_TRUE(bar.causeFilter().isEmpty());
}
