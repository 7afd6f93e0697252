// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "message_colors.h"

#include <QSyntaxHighlighter>

namespace sipladder::widgets {

// Highlights one SIP message shown as plain text: the start line (bold) with its Request-URI, the
// header names, and SDP lines of the body ("m=", "a=" ...). Works block by block with the block
// state telling start line, headers and body apart, so editing-free rehighlights stay cheap.
class SipHighlighter : public QSyntaxHighlighter {
    Q_OBJECT

public:
    explicit SipHighlighter(QTextDocument* document);

    void setColors(const MessageColors& colors);
    const MessageColors& colors() const { return m_colors; }

protected:
    void highlightBlock(const QString& text) override;

private:
    enum BlockState { BeforeStartLine = -1, InHeaders = 1, InBody = 2 };

    MessageColors m_colors;
};

} // namespace sipladder::widgets
