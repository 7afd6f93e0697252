// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "analysis/message_diff.h"
#include "message_colors.h"

#include <QString>
#include <QWidget>

#include <optional>

class QLabel;
class QTextEdit;
class QTextTable;

namespace sipladder::widgets {

// Two SIP messages side by side as a core::MessageDiff describes them: start lines, then each
// header pair on one row (compact and long names aligned), then the body line by line. Changed
// rows are tinted, and the characters that differ inside them are marked more strongly. Read-only,
// selectable and searchable through textEdit().
class MessageDiffView : public QWidget {
    Q_OBJECT

public:
    explicit MessageDiffView(QWidget* parent = nullptr);

    void setDiff(const core::MessageDiff& diff, const QString& leftTitle, const QString& rightTitle);
    void clear();

    QTextEdit* textEdit() const { return m_text; }
    const MessageColors& colors() const { return m_colors; }
    // "3 differences", or that the messages are identical.
    QString summary() const;

protected:
    void changeEvent(QEvent* event) override;

private:
    void render();
    void fillRow(QTextTable* table, int row, core::DiffState state, const QString& leftName,
        const std::string& leftText, const QString& rightName, const std::string& rightText,
        const std::vector<core::DiffSegment>& segments);
    void fillCell(QTextTable* table, int row, int column, core::DiffState state, const QString& name,
        const std::string& text, const std::vector<core::DiffSegment>& segments);
    void fillSpanningRow(QTextTable* table, int row, const QString& text);

    QLabel* m_summary = nullptr;
    QTextEdit* m_text = nullptr;
    MessageColors m_colors;
    std::optional<core::MessageDiff> m_diff;
    QString m_leftTitle;
    QString m_rightTitle;
};

} // namespace sipladder::widgets
