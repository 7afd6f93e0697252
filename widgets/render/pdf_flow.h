// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "layout/ladder_layout.h"
#include "rich_text.h"

#include <QColor>
#include <QFont>
#include <QRectF>
#include <QString>

#include <cstdint>
#include <memory>
#include <vector>

class QPainter;
class QPagedPaintDevice;

namespace sipladder::render {

class LadderStyle;

// Lays out a report down the pages of a paged device (QPdfWriter): paragraphs, tables and
// preformatted text broken between lines, tables with their heading row again on each page, and
// ladders cut between rows with the lifeline header again on each page. Everything is drawn as text
// lines (QTextLine::draw) or by LadderPainter, so a PDF keeps its text selectable and extractable;
// a line cut by a page break is never drawn twice. Units are pixels at 96 dpi.
class PdfFlow {
public:
    struct Theme {
        QFont body;
        QFont small;
        QFont mono;
        QFont title;
        QFont heading2;
        QFont heading3;
        QFont heading4;
        QColor text;
        QColor muted;
        QColor rule;
        QColor headingRule;
        QColor tableHeaderFill;
        QColor codeFill;
    };
    // DejaVu Sans and DejaVu Sans Mono (fonts-dejavu-core) in pixel sizes, unhinted.
    static Theme defaultTheme();

    struct ParagraphStyle {
        QFont font;
        QColor colour; // invalid: the theme's text colour
        qreal indent = 0; // every line
        QString bullet; // drawn in the indent, on the first line
        qreal spaceBefore = 0;
        qreal spaceAfter = 5;
        QColor fill; // a box behind the paragraph (invalid: none)
        QColor bar; // a bar down the box's left edge (invalid: none)
        qreal padding = 0; // inside the box
        // Headings: start on the next page rather than be the last thing on this one.
        bool keepWithNext = false;
        // A rule under the paragraph (headings of calls).
        QColor underline;
    };

    struct Table {
        std::vector<qreal> widths; // fractions of the table's width, one per column
        std::vector<RichText> header; // empty: no heading row
        std::vector<std::vector<RichText>> rows;
        std::vector<QColor> rowFills; // per row, optional (invalid: none)
        QFont font;
        bool firstColumnMuted = false; // a column of names (facts tables)
        qreal width = 1; // fraction of the page's text width
        std::vector<bool> alignRight; // per column, optional
    };

    PdfFlow(QPagedPaintDevice& device, QPainter& painter, const Theme& theme, const QString& footer);
    ~PdfFlow();
    PdfFlow(const PdfFlow&) = delete;
    PdfFlow& operator=(const PdfFlow&) = delete;

    const Theme& theme() const { return m_theme; }
    qreal width() const { return m_width; }
    // The height of a page's text area.
    qreal pageHeight() const { return m_height; }

    void paragraph(const RichText& text, const ParagraphStyle& style);
    void table(const Table& table);
    // Monospaced text in a tinted box (raw SIP messages); QChar::LineSeparator breaks lines.
    void preformatted(const RichText& text, const QColor& fill, const QColor& bar);
    // The whole ladder at the flow's width (scaled down when wider), continued across pages with
    // the lifeline header on top of each part.
    void ladder(const core::LadderLayout& layout, const LadderStyle& style);
    // The height a ladder needs on a page to begin there (its lifeline header and first rows), for
    // keeping its heading with it.
    qreal ladderStartHeight(const core::LadderLayout& layout, const LadderStyle& style) const;
    void space(qreal height);
    // A new page unless `height` still fits on this one.
    void ensureSpace(qreal height);
    void newPage();
    // Ends the last page (its footer).
    void finish();

    std::uint64_t pages() const { return m_page; }
    bool failed() const { return m_failed; }

private:
    struct Block;

    qreal remaining() const { return m_height - m_y; }
    bool atPageTop() const { return m_y <= 0.5; }
    void place(const Block& block, bool keepTogether);
    void drawSlice(const Block& block, qreal from, qreal to);
    static qreal cutBefore(const Block& block, qreal limit);
    // Lays out `text` in `block` at (x, y) within `width`; returns the height taken.
    static qreal layoutText(Block& block, const RichText& text, const QFont& font, const QColor& colour, qreal x,
        qreal y, qreal width, bool alignRight = false);
    std::unique_ptr<Block> tableRow(const Table& table, const std::vector<RichText>& cells, const QColor& fill,
        bool heading) const;
    void drawFooter();

    QPagedPaintDevice& m_device;
    QPainter& m_painter;
    Theme m_theme;
    QString m_footer;
    qreal m_width = 0;
    qreal m_height = 0; // the text area, without the footer
    qreal m_footerTop = 0;
    qreal m_y = 0;
    std::uint64_t m_page = 1;
    bool m_failed = false;
};

} // namespace sipladder::render
