// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QList>
#include <QString>
#include <QTextCharFormat>
#include <QTextLayout>

#include <string>
#include <string_view>

namespace sipladder::render {

// Text made of runs with their own character formats (bold, code, a colour, a tinted background),
// ready for a QTextLayout. Trace values go in as plain text: nothing here is ever parsed as markup.
class RichText {
public:
    RichText() = default;
    explicit RichText(const QString& text, const QTextCharFormat& format = {}) { add(text, format); }

    RichText& add(const QString& text, const QTextCharFormat& format = {})
    {
        if (text.isEmpty())
            return *this;
        const QString clean = printable(text);
        if (format.propertyCount() > 0) {
            QTextLayout::FormatRange range;
            range.start = static_cast<int>(m_text.size());
            range.length = static_cast<int>(clean.size());
            range.format = format;
            m_formats.append(range);
        }
        m_text += clean;
        return *this;
    }
    RichText& add(std::string_view utf8, const QTextCharFormat& format = {})
    {
        return add(QString::fromUtf8(utf8.data(), static_cast<qsizetype>(utf8.size())), format);
    }
    RichText& add(const std::string& utf8, const QTextCharFormat& format = {})
    {
        return add(std::string_view(utf8), format);
    }
    RichText& add(const char* utf8, const QTextCharFormat& format = {}) { return add(std::string_view(utf8), format); }

    const QString& text() const { return m_text; }
    const QList<QTextLayout::FormatRange>& formats() const { return m_formats; }
    bool isEmpty() const { return m_text.isEmpty(); }

    // Control characters would print as boxes or break lines where the report did not ask for it;
    // a line break the caller wants is QChar::LineSeparator, which is kept.
    static QString printable(const QString& text)
    {
        QString out = text;
        for (QChar& c : out) {
            const char16_t u = c.unicode();
            if (u == u'\t')
                c = QLatin1Char(' ');
            else if (u < 0x20 || u == 0x7f || (u >= 0x80 && u < 0xa0))
                c = QLatin1Char('?');
        }
        return out;
    }

private:
    QString m_text;
    QList<QTextLayout::FormatRange> m_formats;
};

} // namespace sipladder::render
