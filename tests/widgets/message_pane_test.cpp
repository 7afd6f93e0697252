// SPDX-License-Identifier: Apache-2.0
#include "load/capture_loader.h"
#include "message_diff_view.h"
#include "message_pane.h"

#include <QApplication>
#include <QClipboard>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTest>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextEdit>
#include <QTextLayout>

#include <gtest/gtest.h>

using namespace sipladder;
using widgets::MessagePane;

namespace {

core::SnapshotPtr loadSample()
{
    core::LoadOptions options;
    options.paths.emplace_back(SIPLADDER_SOURCE_DIR "/resources/samples/trunk-404.pcap");
    auto result = core::CaptureLoader::load(options);
    if (!result.ok()) {
        ADD_FAILURE() << result.error().message;
        return {};
    }
    return result.value();
}

// The message of the sample with this frame number.
quint32 messageOfFrame(const core::CaptureSnapshot& snapshot, std::uint64_t frame)
{
    for (quint32 i = 0; i < snapshot.messages().size(); ++i) {
        if (snapshot.messages()[i].frameNumber == frame)
            return i;
    }
    ADD_FAILURE() << "no message in frame " << frame;
    return 0;
}

// Every fragment of `document` whose text contains `text`, with its character format.
QList<QTextCharFormat> formatsOf(const QTextDocument* document, const QString& text)
{
    QList<QTextCharFormat> formats;
    for (auto block = document->begin(); block.isValid(); block = block.next()) {
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const auto fragment = it.fragment();
            if (fragment.isValid() && fragment.text().contains(text))
                formats.push_back(fragment.charFormat());
        }
    }
    return formats;
}

class MessagePaneTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        m_snapshot = loadSample();
        ASSERT_TRUE(m_snapshot);
        m_pane.resize(900, 600);
        m_pane.show();
    }

    core::SnapshotPtr m_snapshot;
    MessagePane m_pane;
};

} // namespace

TEST_F(MessagePaneTest, ShowMessagePutsTheTextAndTheInformationLine)
{
    m_pane.showMessage(m_snapshot, messageOfFrame(*m_snapshot, 10));
    const QString text = m_pane.text();
    EXPECT_TRUE(text.startsWith(QStringLiteral("INVITE sip:+15551234567@pbx.example.test SIP/2.0\n")))
        << text.toStdString();
    EXPECT_TRUE(text.contains(QStringLiteral("\nCall-ID: def810bd4e41b0d1989a18b7@203.0.113.10\n")))
        << text.toStdString();
    EXPECT_FALSE(text.contains(u'\r'));
    EXPECT_FALSE(m_pane.isShowingDiff());

    const QString info = m_pane.infoText();
    EXPECT_TRUE(info.contains(QStringLiteral("Frame 10"))) << info.toStdString();
    EXPECT_TRUE(info.contains(QStringLiteral("10:00:16"))) << info.toStdString();
    EXPECT_TRUE(info.contains(QStringLiteral("203.0.113.10:5060 \u2192 198.51.100.20:5060"))) << info.toStdString();
    EXPECT_TRUE(info.contains(QStringLiteral("UDP"))) << info.toStdString();
    EXPECT_TRUE(info.contains(QStringLiteral("trunk-404.pcap"))) << info.toStdString();

    // The highlighter marks the start line bold and the Request-URI in its own colour.
    const QTextBlock first = m_pane.messageView()->document()->firstBlock();
    const auto ranges = first.layout()->formats();
    ASSERT_FALSE(ranges.isEmpty());
    bool boldStart = false;
    bool uriColoured = false;
    for (const auto& range : ranges) {
        if (range.start == 0 && range.format.fontWeight() == QFont::Bold)
            boldStart = true;
        if (range.start == 7 && range.length == int(QStringLiteral("sip:+15551234567@pbx.example.test").size())
            && range.format.foreground().color() != m_pane.messageView()->palette().color(QPalette::Text))
            uriColoured = true;
    }
    EXPECT_TRUE(boldStart);
    EXPECT_TRUE(uriColoured);
    // Header names are highlighted too.
    const QTextBlock via = first.next();
    ASSERT_TRUE(via.text().startsWith(QStringLiteral("Via:")));
    ASSERT_FALSE(via.layout()->formats().isEmpty());
    EXPECT_EQ(via.layout()->formats().front().length, 3);
}

TEST_F(MessagePaneTest, FindSelectsTheNextMatchCaseInsensitivelyAndWraps)
{
    m_pane.showMessage(m_snapshot, messageOfFrame(*m_snapshot, 12)); // the 404
    EXPECT_TRUE(m_pane.find(QStringLiteral("not found")));
    const auto cursor = m_pane.messageView()->textCursor();
    EXPECT_EQ(cursor.selectedText(), QStringLiteral("Not Found"));
    EXPECT_EQ(cursor.selectionStart(), int(QStringLiteral("SIP/2.0 404 ").size()));

    // Via, From and To all carry a 203.0.113.10 or a tag; "tag=" appears in From and To, then wraps to From.
    EXPECT_TRUE(m_pane.find(QStringLiteral("TAG=")));
    const int firstTag = m_pane.messageView()->textCursor().selectionStart();
    EXPECT_TRUE(m_pane.find(QStringLiteral("tag=")));
    const int secondTag = m_pane.messageView()->textCursor().selectionStart();
    EXPECT_GT(secondTag, firstTag);
    EXPECT_TRUE(m_pane.find(QStringLiteral("tag=")));
    EXPECT_EQ(m_pane.messageView()->textCursor().selectionStart(), firstTag);
    EXPECT_TRUE(m_pane.find(QStringLiteral("tag="), true));
    EXPECT_EQ(m_pane.messageView()->textCursor().selectionStart(), secondTag);

    EXPECT_FALSE(m_pane.find(QStringLiteral("no such text")));
    EXPECT_EQ(m_pane.messageView()->textCursor().selectionStart(), secondTag);
}

TEST_F(MessagePaneTest, CtrlFOpensTheFindBarAndEnterFinds)
{
    m_pane.showMessage(m_snapshot, messageOfFrame(*m_snapshot, 12));
    auto* findEdit = m_pane.findChild<QLineEdit*>(QStringLiteral("findEdit"));
    ASSERT_NE(findEdit, nullptr);
    EXPECT_FALSE(findEdit->isVisible());
    m_pane.showFindBar();
    EXPECT_TRUE(findEdit->isVisible());
    findEdit->setText(QStringLiteral("cseq"));
    QTest::keyClick(findEdit, Qt::Key_Return);
    EXPECT_EQ(m_pane.messageView()->textCursor().selectedText(), QStringLiteral("CSeq"));
    QTest::keyClick(findEdit, Qt::Key_Escape);
    EXPECT_FALSE(findEdit->isVisible());
}

TEST_F(MessagePaneTest, CopyWithoutSelectionCopiesTheWholeMessage)
{
    m_pane.showMessage(m_snapshot, messageOfFrame(*m_snapshot, 12));
    m_pane.copy();
    const QString copied = QApplication::clipboard()->text();
    EXPECT_TRUE(copied.startsWith(QStringLiteral("SIP/2.0 404 Not Found\r\n"))) << copied.toStdString();
}

TEST_F(MessagePaneTest, CompareMessagesShowsTheDiffWithTheChangedCharactersMarked)
{
    // The failing INVITE (+15551234567) against the working one (5551234567).
    m_pane.compareMessages(m_snapshot, messageOfFrame(*m_snapshot, 10), messageOfFrame(*m_snapshot, 3));
    ASSERT_TRUE(m_pane.isShowingDiff());
    EXPECT_TRUE(m_pane.infoText().contains(QStringLiteral("Frame 10 compared with frame 3")))
        << m_pane.infoText().toStdString();
    const auto* view = m_pane.diffView();
    EXPECT_TRUE(view->summary().endsWith(QStringLiteral("marked inside each changed line.")))
        << view->summary().toStdString();
    const QString text = view->textEdit()->toPlainText();
    EXPECT_TRUE(text.contains(QStringLiteral("INVITE sip:+15551234567@pbx.example.test SIP/2.0")));
    EXPECT_TRUE(text.contains(QStringLiteral("INVITE sip:5551234567@pbx.example.test SIP/2.0")));
    EXPECT_TRUE(text.contains(QStringLiteral("Call-ID: def810bd4e41b0d1989a18b7@203.0.113.10")));
    EXPECT_TRUE(text.contains(QStringLiteral("Call-ID: ec6579c1ed53857924e1cfb0@203.0.113.10")));

    // "+1" exists only on the left, in its own fragment with the removed-characters background.
    const auto plusOne = formatsOf(view->textEdit()->document(), QStringLiteral("+1"));
    bool marked = false;
    for (const auto& format : plusOne) {
        if (format.background().color() == view->colors().removedCharacters)
            marked = true;
    }
    EXPECT_TRUE(marked);
    EXPECT_NE(view->colors().removedCharacters, view->palette().color(QPalette::Base));

    // Find works in the diff too; showMessage switches back.
    EXPECT_TRUE(m_pane.find(QStringLiteral("pbx.example.test")));
    m_pane.showMessage(m_snapshot, messageOfFrame(*m_snapshot, 3));
    EXPECT_FALSE(m_pane.isShowingDiff());
}

TEST_F(MessagePaneTest, BadIndexesClearThePane)
{
    m_pane.showMessage(m_snapshot, 0);
    EXPECT_FALSE(m_pane.text().isEmpty());
    m_pane.showMessage(m_snapshot, 100000);
    EXPECT_TRUE(m_pane.text().isEmpty());
    m_pane.compareMessages(nullptr, 0, 1);
    EXPECT_TRUE(m_pane.text().isEmpty());
    EXPECT_TRUE(m_pane.infoText().isEmpty());
}

TEST(MessageColors, DarkPaletteGivesDarkDiffBackgrounds)
{
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(30, 30, 30));
    dark.setColor(QPalette::Base, QColor(20, 20, 20));
    dark.setColor(QPalette::Text, QColor(230, 230, 230));
    ASSERT_TRUE(widgets::MessageColors::isDark(dark));
    const auto colors = widgets::MessageColors::fromPalette(dark);
    EXPECT_LT(colors.removedBackground.lightness(), 128);
    EXPECT_LT(colors.addedCharacters.lightness(), 128);
    EXPECT_GT(colors.headerName.lightness(), 128); // light text on the dark base

    QPalette light;
    light.setColor(QPalette::Window, QColor(240, 240, 240));
    light.setColor(QPalette::Base, QColor(255, 255, 255));
    const auto lightColors = widgets::MessageColors::fromPalette(light);
    EXPECT_GT(lightColors.removedBackground.lightness(), 180);
    EXPECT_LT(lightColors.headerName.lightness(), 128);
}
