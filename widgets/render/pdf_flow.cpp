// SPDX-License-Identifier: Apache-2.0
#include "pdf_flow.h"

#include "ladder_geometry.h"
#include "ladder_painter.h"
#include "ladder_style.h"

#include <QFontMetricsF>
#include <QPagedPaintDevice>
#include <QPainter>
#include <QTextLayout>

#include <algorithm>
#include <cmath>

namespace sipladder::render {

namespace {

constexpr qreal kEpsilon = 0.01;
constexpr qreal kCellPadding = 4;
// Less than this of a block at the bottom of a page reads as a stray: the block starts on the next.
constexpr qreal kMinSlice = 28;
// A ladder part shorter than this many rows moves to the next page instead.
constexpr std::size_t kMinLadderRows = 3;

QFont pixelFont(const QString& family, int pixels, QFont::Weight weight = QFont::Normal)
{
    QFont font(family);
    font.setPixelSize(pixels);
    font.setWeight(weight);
    // PDF readers place glyphs unhinted: measure them the same way.
    font.setHintingPreference(QFont::PreferNoHinting);
    // Any letter spacing turns ligatures off in Qt's shaper: "fi" stays two letters, so that a search
    // or pdftotext finds "file" as typed.
    font.setLetterSpacing(QFont::AbsoluteSpacing, 0.02);
    return font;
}

qreal lineGap(const QFont& font)
{
    return std::round(QFontMetricsF(font).height() * 0.18 * 10) / 10;
}

} // namespace

// A piece of content laid out at the flow's width, in its own coordinates (top 0), ready to be
// drawn whole or cut between its lines.
struct PdfFlow::Block {
    struct Line {
        const QTextLayout* layout = nullptr;
        int index = 0;
        QPointF origin; // where the layout's (0, 0) is
        qreal top = 0;
        qreal bottom = 0;
        QColor colour;
    };
    struct Box {
        QRectF rect;
        QColor fill; // invalid: none
        QColor border; // invalid: none
    };
    struct Rule {
        qreal y = 0;
        qreal left = 0;
        qreal right = 0;
        QColor colour;
        qreal width = 1;
    };
    std::vector<std::unique_ptr<QTextLayout>> layouts;
    std::vector<Line> lines;
    std::vector<Box> boxes;
    std::vector<Rule> rules;
    qreal height = 0;
};

PdfFlow::Theme PdfFlow::defaultTheme()
{
    const QString sans = QStringLiteral("DejaVu Sans");
    const QString mono = QStringLiteral("DejaVu Sans Mono");
    Theme theme;
    theme.body = pixelFont(sans, 12);
    theme.small = pixelFont(sans, 10);
    theme.mono = pixelFont(mono, 10);
    theme.mono.setStyleHint(QFont::Monospace);
    theme.title = pixelFont(sans, 22, QFont::Bold);
    theme.heading2 = pixelFont(sans, 16, QFont::Bold);
    theme.heading3 = pixelFont(sans, 13, QFont::Bold);
    theme.heading4 = pixelFont(sans, 12, QFont::Bold);
    theme.text = QColor(0x1f, 0x23, 0x28);
    theme.muted = QColor(0x5f, 0x67, 0x70);
    theme.rule = QColor(0xd8, 0xdc, 0xe0);
    theme.headingRule = QColor(0x1f, 0x5f, 0xa8);
    theme.tableHeaderFill = QColor(0xf0, 0xf2, 0xf5);
    theme.codeFill = QColor(0xf6, 0xf7, 0xf9);
    return theme;
}

PdfFlow::PdfFlow(QPagedPaintDevice& device, QPainter& painter, const Theme& theme, const QString& footer)
    : m_device(device)
    , m_painter(painter)
    , m_theme(theme)
    , m_footer(footer)
{
    // The painter's origin is the top-left of the page's paint rect (inside the margins).
    m_width = device.width();
    const qreal footerHeight = std::ceil(QFontMetricsF(m_theme.small).height() * 2.2);
    m_footerTop = device.height() - footerHeight;
    m_height = m_footerTop;
}

PdfFlow::~PdfFlow() = default;

qreal PdfFlow::layoutText(Block& block, const RichText& text, const QFont& font, const QColor& colour, qreal x,
    qreal y, qreal width, bool alignRight)
{
    auto layout = std::make_unique<QTextLayout>(text.text(), font);
    QTextOption option;
    // Words first; a value longer than the line (a URI, a Call-ID) breaks anywhere.
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    if (alignRight)
        option.setAlignment(Qt::AlignRight);
    layout->setTextOption(option);
    layout->setFormats(text.formats());
    layout->setCacheEnabled(true);
    const qreal gap = lineGap(font);
    qreal lineY = 0;
    layout->beginLayout();
    for (;;) {
        QTextLine line = layout->createLine();
        if (!line.isValid())
            break;
        line.setLineWidth(std::max<qreal>(1, width));
        line.setPosition(QPointF(0, lineY));
        lineY += line.height() + gap;
    }
    layout->endLayout();
    const QPointF origin(x, y);
    for (int i = 0; i < layout->lineCount(); ++i) {
        const QTextLine line = layout->lineAt(i);
        block.lines.push_back({ layout.get(), i, origin, y + line.y(), y + line.y() + line.height(), colour });
    }
    block.layouts.push_back(std::move(layout));
    return std::max<qreal>(0, lineY - gap);
}

void PdfFlow::paragraph(const RichText& text, const ParagraphStyle& style)
{
    Block block;
    const QColor colour = style.colour.isValid() ? style.colour : m_theme.text;
    const qreal barWidth = style.bar.isValid() ? 3 : 0;
    const qreal inset = barWidth + style.padding;
    const qreal left = inset + style.indent;
    const qreal textHeight
        = layoutText(block, text, style.font, colour, left, style.padding, m_width - left - style.padding);
    if (!style.bullet.isEmpty()) {
        const qreal bulletWidth = QFontMetricsF(style.font).horizontalAdvance(style.bullet);
        layoutText(block, RichText(style.bullet), style.font, colour, left - bulletWidth - 4, style.padding,
            bulletWidth + 1);
    }
    block.height = textHeight + 2 * style.padding;
    if (style.fill.isValid())
        block.boxes.push_back({ QRectF(0, 0, m_width, block.height), style.fill, {} });
    if (style.bar.isValid())
        block.boxes.push_back({ QRectF(0, 0, barWidth, block.height), style.bar, {} });
    if (style.underline.isValid()) {
        block.height += 4;
        block.rules.push_back({ block.height - 1, 0, m_width, style.underline, 1.5 });
    }

    if (!atPageTop())
        space(style.spaceBefore);
    // Room for what follows too: a ladder's lifeline header and first rows, or the start of a message
    // box, so that a heading is not left alone at the foot of a page.
    if (style.keepWithNext)
        ensureSpace(block.height + 8 * QFontMetricsF(m_theme.body).height());
    place(block, block.height < 5 * QFontMetricsF(style.font).height());
    space(style.spaceAfter);
}

std::unique_ptr<PdfFlow::Block> PdfFlow::tableRow(
    const Table& table, const std::vector<RichText>& cells, const QColor& fill, bool heading) const
{
    auto block = std::make_unique<Block>();
    const qreal tableWidth = m_width * table.width;
    qreal x = 0;
    qreal height = 0;
    for (std::size_t column = 0; column < table.widths.size(); ++column) {
        const qreal cellWidth = tableWidth * table.widths[column];
        if (column < cells.size()) {
            QFont font = table.font;
            QColor colour = m_theme.text;
            if (heading) {
                font.setWeight(QFont::Bold);
            } else if (column == 0 && table.firstColumnMuted) {
                colour = m_theme.muted;
            }
            const bool right = column < table.alignRight.size() && table.alignRight[column];
            height = std::max(height,
                layoutText(*block, cells[column], font, colour, x + kCellPadding, kCellPadding,
                    cellWidth - 2 * kCellPadding, right));
        }
        x += cellWidth;
    }
    block->height = std::ceil(height + 2 * kCellPadding);
    if (heading)
        block->boxes.push_back({ QRectF(0, 0, tableWidth, block->height), m_theme.tableHeaderFill, {} });
    else if (fill.isValid())
        block->boxes.push_back({ QRectF(0, 0, tableWidth, block->height), fill, {} });
    block->rules.push_back({ block->height - 0.5, 0, tableWidth, m_theme.rule, heading ? 1.0 : 0.75 });
    return block;
}

void PdfFlow::table(const Table& table)
{
    std::unique_ptr<Block> heading;
    if (!table.header.empty())
        heading = tableRow(table, table.header, {}, true);
    const qreal headingHeight = heading ? heading->height : 0;
    bool first = true;
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
        const QColor fill = r < table.rowFills.size() ? table.rowFills[r] : QColor();
        const auto row = tableRow(table, table.rows[r], fill, false);
        const bool rowFits = row->height <= remaining();
        if (first) {
            // The heading row never ends a page alone.
            ensureSpace(headingHeight + std::min(row->height, m_height / 3));
        } else if (!rowFits && row->height <= m_height - headingHeight) {
            newPage();
        }
        if (heading && (first || atPageTop()))
            place(*heading, true);
        place(*row, true);
        first = false;
    }
    if (first && heading)
        place(*heading, true);
    space(6);
}

void PdfFlow::preformatted(const RichText& text, const QColor& fill, const QColor& bar)
{
    Block block;
    const qreal padding = 5;
    const qreal barWidth = bar.isValid() ? 3 : 0;
    const qreal left = barWidth + padding + 2;
    const qreal textHeight = layoutText(block, text, m_theme.mono, m_theme.text, left, padding, m_width - left - padding);
    block.height = textHeight + 2 * padding;
    block.boxes.push_back({ QRectF(0, 0, m_width, block.height), fill.isValid() ? fill : m_theme.codeFill, {} });
    if (bar.isValid())
        block.boxes.push_back({ QRectF(0, 0, barWidth, block.height), bar, {} });
    place(block, false);
    space(6);
}

qreal PdfFlow::ladderStartHeight(const core::LadderLayout& layout, const LadderStyle& style) const
{
    const LadderGeometry geometry = LadderGeometry(layout, style).fittedToWidth(m_width);
    const qreal scale = std::min<qreal>(1, m_width / std::max<qreal>(1, geometry.contentSize().width()));
    const auto rows = std::max<std::size_t>(1, std::min(layout.rows().size(), kMinLadderRows));
    return (geometry.headerHeight() + static_cast<qreal>(rows) * geometry.rowHeight() + geometry.rowHeight() / 2) * scale;
}

void PdfFlow::ladder(const core::LadderLayout& layout, const LadderStyle& style)
{
    // A narrow ladder spreads its lifelines over the page (as the viewer does over its width); a wide
    // one is scaled down to fit.
    const LadderGeometry geometry = LadderGeometry(layout, style).fittedToWidth(m_width);
    const QSizeF content = geometry.contentSize();
    const qreal scale = std::min<qreal>(1, m_width / std::max<qreal>(1, content.width()));
    const qreal header = geometry.headerHeight() * scale;
    const qreal rowHeight = geometry.rowHeight() * scale;
    const qreal tail = geometry.rowHeight() / 2; // below the last row, where the lifelines end
    const std::size_t rowCount = layout.rows().size();
    const auto& rows = layout.rows();
    const bool severalCalls
        = std::any_of(rows.begin(), rows.end(), [](const core::LadderRow& row) { return row.callSlot != 0; });
    const LadderPainter painter(geometry);

    std::size_t next = 0;
    do {
        const std::size_t left = rowCount - next;
        std::size_t fit = 0;
        if (remaining() > header + rowHeight)
            fit = static_cast<std::size_t>(std::floor((remaining() - header - tail * scale) / rowHeight));
        if (fit < std::min(left, kMinLadderRows) && !atPageTop()) {
            newPage();
            continue;
        }
        const std::size_t count = std::min(left, std::max<std::size_t>(fit, 1));
        const bool last = next + count == rowCount;
        const qreal height = geometry.headerHeight() + static_cast<qreal>(count) * geometry.rowHeight()
            + (last ? tail : 0) + (rowCount == 0 ? geometry.rowHeight() : 0);
        PaintState state;
        state.viewport = QRectF(0, 0, content.width(), height);
        state.scrollOffset = QPointF(0, geometry.rowTop(next) - geometry.headerHeight());
        state.active = false;
        state.showCallSlots = severalCalls;
        m_painter.save();
        m_painter.translate(0, m_y);
        m_painter.scale(scale, scale);
        painter.paint(m_painter, layout, RowRange { next, next + count }, style, state);
        if (rowCount == 0) {
            m_painter.setFont(style.noteFont());
            m_painter.setPen(style.mutedText());
            m_painter.drawText(QPointF(style.metrics().padding, geometry.headerHeight() + style.metrics().lineHeight),
                QStringLiteral("No messages"));
        }
        // A frame, so that the ladder reads as a figure on the page.
        m_painter.setClipping(false);
        m_painter.setPen(QPen(m_theme.rule, 1 / scale));
        m_painter.setBrush(Qt::NoBrush);
        m_painter.drawRect(state.viewport.adjusted(0.5 / scale, 0.5 / scale, -0.5 / scale, -0.5 / scale));
        m_painter.restore();
        m_y += height * scale;
        next += count;
        if (next < rowCount)
            newPage();
    } while (next < rowCount);
    space(4);
}

void PdfFlow::space(qreal height)
{
    if (atPageTop())
        return;
    m_y = std::min(m_y + height, m_height);
}

void PdfFlow::ensureSpace(qreal height)
{
    if (!atPageTop() && remaining() < height)
        newPage();
}

void PdfFlow::newPage()
{
    drawFooter();
    if (!m_device.newPage())
        m_failed = true;
    ++m_page;
    m_y = 0;
}

void PdfFlow::finish()
{
    drawFooter();
}

void PdfFlow::drawFooter()
{
    m_painter.save();
    m_painter.setFont(m_theme.small);
    m_painter.setPen(m_theme.muted);
    const QFontMetricsF fm(m_theme.small);
    const qreal baseline = m_device.height() - fm.descent() - 1;
    const QString page = QStringLiteral("page %1").arg(m_page);
    m_painter.drawText(QPointF(0, baseline), fm.elidedText(m_footer, Qt::ElideRight, m_width * 0.8));
    m_painter.drawText(QPointF(m_width - fm.horizontalAdvance(page), baseline), page);
    m_painter.setPen(QPen(m_theme.rule, 0.75));
    const qreal ruleY = m_footerTop + std::round(fm.height() * 0.6);
    m_painter.drawLine(QPointF(0, ruleY), QPointF(m_width, ruleY));
    m_painter.restore();
}

qreal PdfFlow::cutBefore(const Block& block, qreal limit)
{
    // The lowest y at or above `limit` that no line straddles (a line of another table cell may push
    // it further up).
    qreal y = limit;
    bool moved = true;
    while (moved) {
        moved = false;
        for (const auto& line : block.lines) {
            if (line.top < y - kEpsilon && line.bottom > y + kEpsilon) {
                y = line.top;
                moved = true;
            }
        }
    }
    return y;
}

void PdfFlow::place(const Block& block, bool keepTogether)
{
    if (keepTogether && block.height > remaining() && block.height <= m_height)
        newPage();
    qreal done = 0;
    for (;;) {
        const qreal room = remaining();
        if (block.height - done <= room + kEpsilon) {
            drawSlice(block, done, block.height);
            m_y += block.height - done;
            return;
        }
        qreal cut = cutBefore(block, done + room);
        if (cut - done < std::min(kMinSlice, room)) {
            if (!atPageTop()) {
                newPage();
                continue;
            }
            // A single line taller than a page: cut it where the page ends.
            cut = done + room;
        }
        drawSlice(block, done, cut);
        done = cut;
        newPage();
    }
}

void PdfFlow::drawSlice(const Block& block, qreal from, qreal to)
{
    m_painter.save();
    m_painter.translate(0, m_y - from);
    for (const auto& box : block.boxes) {
        const qreal top = std::max(box.rect.top(), from);
        const qreal bottom = std::min(box.rect.bottom(), to);
        if (bottom <= top)
            continue;
        const QRectF rect(box.rect.left(), top, box.rect.width(), bottom - top);
        if (box.fill.isValid())
            m_painter.fillRect(rect, box.fill);
        if (box.border.isValid()) {
            m_painter.setPen(QPen(box.border, 0.75));
            m_painter.setBrush(Qt::NoBrush);
            m_painter.drawRect(rect);
        }
    }
    for (const auto& rule : block.rules) {
        if (rule.y < from - kEpsilon || rule.y > to + kEpsilon)
            continue;
        m_painter.setPen(QPen(rule.colour, rule.width));
        m_painter.drawLine(QPointF(rule.left, rule.y), QPointF(rule.right, rule.y));
    }
    for (const auto& line : block.lines) {
        if (line.top < from - kEpsilon || line.bottom > to + kEpsilon)
            continue;
        m_painter.setPen(line.colour);
        line.layout->lineAt(line.index).draw(&m_painter, line.origin);
    }
    m_painter.restore();
}

} // namespace sipladder::render
