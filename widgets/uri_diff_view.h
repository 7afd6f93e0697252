// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "analysis/failure.h"
#include "analysis/uri_diff.h"
#include "message_colors.h"

#include <QString>
#include <QStringList>
#include <QWidget>

#include <optional>
#include <vector>

class QLabel;
class QTextEdit;
class QTextTable;

namespace sipladder::widgets {

// A failing Request-URI against a working call's: a component table (component | failing |
// working) whose differing rows are tinted and whose differing characters are marked (the core's
// DiffSegment runs, in the palette's removed and added colours), the note (for example that the
// two user parts are the same number), then the To, From, P-Asserted-Identity and Route values
// that differ, character by character. Every value is inserted as plain text (never parsed as
// markup); the text is read-only, selectable and copyable.
class UriDiffView : public QWidget {
    Q_OBJECT

public:
    explicit UriDiffView(QWidget* parent = nullptr);

    void setDiff(const core::UriDiff& requestUri, const std::vector<core::HeaderValueDiff>& headers = {});
    void clear();
    bool isEmpty() const { return !m_diff; }

    // Grow to show the whole document instead of scrolling (inside a panel that scrolls itself).
    void setFitToContents(bool fit);
    bool fitsToContents() const { return m_fit; }

    QTextEdit* textEdit() const { return m_text; }
    const MessageColors& colors() const { return m_colors; }
    // The names of the components shown as differing, in table order ("user", "param:user").
    const QStringList& flaggedComponents() const { return m_flagged; }
    // The note under the table ("… are the same number …"), empty when there is none.
    QString note() const;
    // The document as plain text (tests, copying everything).
    QString plainText() const;

    // Column titles: the failing side and the working call's.
    static QString failingTitle();
    static QString workingTitle();

protected:
    void changeEvent(QEvent* event) override;

private:
    void render();
    void fitHeight();
    void fillCell(QTextTable* table, int row, int column, const std::optional<std::string>& value, bool differs,
        const std::vector<core::DiffSegment>& segments);

    QTextEdit* m_text = nullptr;
    MessageColors m_colors;
    std::optional<core::UriDiff> m_diff;
    std::vector<core::HeaderValueDiff> m_headers;
    QStringList m_flagged;
    bool m_fit = false;
};

} // namespace sipladder::widgets
