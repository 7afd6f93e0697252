// SPDX-License-Identifier: Apache-2.0
#include "ladder_image_writer.h"

#include "ladder_geometry.h"
#include "ladder_painter.h"

#include <QBuffer>
#include <QFontMetricsF>
#include <QImageWriter>
#include <QPainter>
#include <QPalette>
#include <QSvgGenerator>

#include <algorithm>
#include <cmath>

namespace sipladder::render {

namespace {

// One side of an image: past this, image viewers and QPainter's raster engine get into trouble.
constexpr qreal kMaxImageSide = 32000;
// 256 MB of 32-bit pixels.
constexpr qreal kMaxImagePixels = 64.0 * 1024 * 1024;
constexpr qreal kMinCutScale = 1.0;
constexpr qreal kInchesPerMetre = 1.0 / 0.0254;
constexpr qreal kBaseDpi = 96;

void makePrintable(std::string& text)
{
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x20 || c == 0x7f) {
            text[i] = '?';
        } else if (c == 0xef && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xbf
            && (static_cast<unsigned char>(text[i + 2]) == 0xbe || static_cast<unsigned char>(text[i + 2]) == 0xbf)) {
            // U+FFFE and U+FFFF are not XML characters.
            text.replace(i, 3, "?");
        }
    }
}

bool severalCalls(const core::LadderLayout& layout)
{
    const auto& rows = layout.rows();
    return std::any_of(rows.begin(), rows.end(), [&](const core::LadderRow& row) { return row.callSlot != 0; });
}

// The first `rows` rows of a layout (the columns all kept, so that the lifelines stay put).
core::LadderLayout firstRows(const core::LadderLayout& layout, std::size_t rows)
{
    std::vector<core::LadderRow> kept(layout.rows().begin(),
        layout.rows().begin() + static_cast<std::ptrdiff_t>(std::min(rows, layout.rows().size())));
    return core::LadderLayout::fromParts(layout.columns(), std::move(kept));
}

struct ImagePlan {
    qreal scale = 1;
    std::size_t rows = 0;
};

ImagePlan planImage(const core::LadderLayout& layout, const LadderStyle& style, qreal scale)
{
    ImagePlan plan;
    plan.scale = std::clamp<qreal>(scale, 0.25, 8.0);
    plan.rows = layout.rows().size();
    const LadderGeometry geometry(layout, style);
    const QSizeF size = geometry.contentSize();
    if (size.isEmpty())
        return plan;
    const qreal fits = std::min({ kMaxImageSide / size.width(), kMaxImageSide / size.height(),
        std::sqrt(kMaxImagePixels / (size.width() * size.height())) });
    if (fits >= plan.scale)
        return plan;
    plan.scale = std::max(std::min(plan.scale, kMinCutScale), fits);
    if (fits >= plan.scale)
        return plan;
    // Still too tall at the smallest useful scale: keep the rows that fit above a note line.
    const qreal maxHeight = std::min(kMaxImageSide / plan.scale,
        kMaxImagePixels / (plan.scale * plan.scale * std::ceil(size.width())));
    const qreal available = maxHeight - geometry.headerHeight() - 2 * geometry.rowHeight();
    plan.rows = static_cast<std::size_t>(std::max<qreal>(1, std::floor(available / geometry.rowHeight())));
    plan.rows = std::min(plan.rows, layout.rows().size());
    return plan;
}

QString leftOutNote(std::size_t rows)
{
    return QStringLiteral("%1 more rows not drawn: the ladder is too long for one image (export SVG or PDF for all of it)")
        .arg(rows);
}

} // namespace

LadderStyle LadderImageWriter::exportStyle()
{
    QPalette palette(QColor(0xef, 0xef, 0xef));
    palette.setColor(QPalette::Window, QColor(0xef, 0xef, 0xef));
    palette.setColor(QPalette::Base, Qt::white);
    palette.setColor(QPalette::Text, QColor(0x1f, 0x1f, 0x1f));
    palette.setColor(QPalette::WindowText, QColor(0x1f, 0x1f, 0x1f));
    palette.setColor(QPalette::Highlight, QColor(0x2a, 0x82, 0xda));
    palette.setColor(QPalette::HighlightedText, Qt::white);
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setStyleHint(QFont::SansSerif);
    font.setPixelSize(13);
    // Unhinted: SVG and PDF readers place glyphs unhinted, so the measured widths must be too.
    font.setHintingPreference(QFont::PreferNoHinting);
    return LadderStyle(palette, font);
}

core::LadderLayout LadderImageWriter::printable(const core::LadderLayout& layout)
{
    std::vector<core::LadderColumn> columns = layout.columns();
    for (auto& column : columns)
        makePrintable(column.label);
    std::vector<core::LadderRow> rows = layout.rows();
    for (auto& row : rows) {
        makePrintable(row.label);
        makePrintable(row.firstLine);
        makePrintable(row.causeBadge);
    }
    return core::LadderLayout::fromParts(std::move(columns), std::move(rows));
}

void LadderImageWriter::paintWhole(QPainter& painter, const core::LadderLayout& layout, const LadderStyle& style)
{
    const LadderGeometry geometry(layout, style);
    PaintState state;
    state.viewport = QRectF(QPointF(0, 0), geometry.contentSize());
    state.active = false;
    state.showCallSlots = severalCalls(layout);
    LadderPainter(geometry).paint(painter, layout, RowRange { 0, layout.rows().size() }, style, state);
    if (layout.rows().empty()) {
        painter.save();
        painter.setFont(style.noteFont());
        painter.setPen(style.mutedText());
        painter.drawText(QPointF(style.metrics().padding, geometry.headerHeight() + style.metrics().lineHeight),
            QStringLiteral("No messages"));
        painter.restore();
    }
}

QByteArray LadderImageWriter::svg(const core::LadderLayout& layout, const QString& title)
{
    const core::LadderLayout clean = printable(layout);
    const LadderStyle style = exportStyle();
    QSizeF size = LadderGeometry(clean, style).contentSize();
    if (clean.rows().empty())
        size.setHeight(size.height() + 2 * style.metrics().lineHeight);
    size.setWidth(std::max(size.width(), style.metrics().em * 12));

    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QSvgGenerator generator;
    generator.setOutputDevice(&buffer);
    // 96 dpi: the SVG's user unit is the ladder's pixel, and its mm size matches a browser's.
    generator.setResolution(static_cast<int>(kBaseDpi));
    generator.setSize(QSize(static_cast<int>(std::ceil(size.width())), static_cast<int>(std::ceil(size.height()))));
    generator.setViewBox(QRectF(QPointF(0, 0), size));
    QString cleanTitle = title.isEmpty() ? QStringLiteral("SIP ladder") : title;
    for (QChar& c : cleanTitle) {
        if (c.unicode() < 0x20 || c.unicode() == 0xfffe || c.unicode() == 0xffff)
            c = QLatin1Char('?');
    }
    // QSvgGenerator writes the title as it is given: escape it, so that it stays text and XML.
    generator.setTitle(cleanTitle.toHtmlEscaped());
    generator.setDescription(QStringLiteral("Drawn by SipLadder: time runs down, failures in red with their cause"));
    {
        QPainter painter(&generator);
        paintWhole(painter, clean, style);
    }
    return buffer.data();
}

std::size_t LadderImageWriter::rowsFittingImage(const core::LadderLayout& layout, qreal scale)
{
    return planImage(layout, exportStyle(), scale).rows;
}

QImage LadderImageWriter::renderImage(const core::LadderLayout& layout, qreal scale)
{
    const LadderStyle style = exportStyle();
    core::LadderLayout clean = printable(layout);
    const ImagePlan plan = planImage(clean, style, scale);
    const std::size_t leftOut = clean.rows().size() - plan.rows;
    if (leftOut > 0)
        clean = firstRows(clean, plan.rows);

    const LadderGeometry geometry(clean, style);
    QSizeF size = geometry.contentSize();
    const qreal noteHeight = 2 * style.metrics().lineHeight;
    if (leftOut > 0 || clean.rows().empty())
        size.setHeight(size.height() + noteHeight);
    size.setWidth(std::max(size.width(), style.metrics().em * 12));
    if (leftOut > 0)
        size.setWidth(std::max(size.width(),
            QFontMetricsF(style.noteFont()).horizontalAdvance(leftOutNote(leftOut)) + 2 * style.metrics().padding));

    QImage image(QSize(static_cast<int>(std::ceil(size.width() * plan.scale)),
                     static_cast<int>(std::ceil(size.height() * plan.scale))),
        QImage::Format_RGB32);
    if (image.isNull())
        return image;
    image.fill(Qt::white);
    image.setDevicePixelRatio(plan.scale);
    const int dotsPerMetre = static_cast<int>(std::lround(kBaseDpi * plan.scale * kInchesPerMetre));
    image.setDotsPerMeterX(dotsPerMetre);
    image.setDotsPerMeterY(dotsPerMetre);
    QPainter painter(&image);
    paintWhole(painter, clean, style);
    if (leftOut > 0) {
        painter.setFont(style.noteFont());
        painter.setPen(style.mutedText());
        painter.drawText(QPointF(style.metrics().padding, size.height() - noteHeight / 2), leftOutNote(leftOut));
    }
    return image;
}

QByteArray LadderImageWriter::png(const core::LadderLayout& layout, qreal scale, std::size_t* rowsLeftOut)
{
    const QImage image = renderImage(layout, scale);
    if (rowsLeftOut)
        *rowsLeftOut = layout.rows().size() - std::min(layout.rows().size(), rowsFittingImage(layout, scale));
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QImageWriter writer(&buffer, "png");
    if (image.isNull() || !writer.write(image))
        return {};
    return buffer.data();
}

} // namespace sipladder::render
