// SPDX-License-Identifier: Apache-2.0
#include "sip_highlighter.h"

#include <QFont>
#include <QTextCharFormat>

namespace sipladder::widgets {

namespace {

bool isSdpLine(const QString& text)
{
    return text.size() >= 2 && text.at(1) == u'=' && text.at(0) >= u'a' && text.at(0) <= u'z';
}

} // namespace

SipHighlighter::SipHighlighter(QTextDocument* document)
    : QSyntaxHighlighter(document)
    , m_colors(MessageColors::fromPalette(QPalette()))
{
}

void SipHighlighter::setColors(const MessageColors& colors)
{
    m_colors = colors;
    rehighlight();
}

void SipHighlighter::highlightBlock(const QString& text)
{
    const int state = previousBlockState();
    if (state != InHeaders && state != InBody) {
        // Keep-alive blank lines may come before the start line.
        if (text.trimmed().isEmpty()) {
            setCurrentBlockState(BeforeStartLine);
            return;
        }
        QTextCharFormat startFormat;
        startFormat.setFontWeight(QFont::Bold);
        startFormat.setForeground(m_colors.startLine);
        setFormat(0, int(text.size()), startFormat);
        if (!text.startsWith(QLatin1String("SIP/"))) {
            const auto uriStart = text.indexOf(u' ') + 1;
            if (uriStart > 0) {
                auto uriEnd = text.indexOf(u' ', uriStart);
                if (uriEnd < 0)
                    uriEnd = text.size();
                QTextCharFormat uriFormat = startFormat;
                uriFormat.setForeground(m_colors.requestUri);
                setFormat(int(uriStart), int(uriEnd - uriStart), uriFormat);
            }
        }
        setCurrentBlockState(InHeaders);
        return;
    }
    if (state == InHeaders) {
        if (text.trimmed().isEmpty()) {
            setCurrentBlockState(InBody);
            return;
        }
        setCurrentBlockState(InHeaders);
        if (text.front() == u' ' || text.front() == u'\t')
            return; // a folded continuation line
        const auto colon = text.indexOf(u':');
        if (colon <= 0)
            return;
        QTextCharFormat nameFormat;
        nameFormat.setFontWeight(QFont::Bold);
        nameFormat.setForeground(m_colors.headerName);
        setFormat(0, int(colon), nameFormat);
        return;
    }
    setCurrentBlockState(InBody);
    if (isSdpLine(text)) {
        QTextCharFormat keyFormat;
        keyFormat.setFontWeight(QFont::Bold);
        keyFormat.setForeground(m_colors.sdpKey);
        setFormat(0, 2, keyFormat);
        // Media and connection lines are what an engineer reads first in an offer or answer.
        if (text.front() == u'm' || text.front() == u'c') {
            QTextCharFormat valueFormat;
            valueFormat.setFontWeight(QFont::Bold);
            setFormat(2, int(text.size()) - 2, valueFormat);
        }
    }
}

} // namespace sipladder::widgets
