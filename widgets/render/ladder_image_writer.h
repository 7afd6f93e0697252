// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "ladder_style.h"
#include "layout/ladder_layout.h"

#include <QByteArray>
#include <QImage>
#include <QString>

#include <cstddef>

class QPainter;

namespace sipladder::render {

// Draws a whole ladder (one call, or several drawn together) with the viewer's LadderPainter into a
// file format: SVG (text stays text, the failing arrows in the error colour), a QImage for PNG
// files and the clipboard. Exports use exportStyle(), not the user's palette: a file looks the
// same whoever makes it, dark theme or not. Needs a QGuiApplication (fonts); any thread.
class LadderImageWriter {
public:
    // Light palette on white and a fixed, unhinted font in pixels, so that what is measured is what
    // an SVG viewer or a PDF reader draws.
    static LadderStyle exportStyle();

    // The ladder as a UTF-8 SVG document (parses as XML: control characters from the trace are
    // replaced). `title` goes into the SVG's <title>.
    static QByteArray svg(const core::LadderLayout& layout, const QString& title = {});

    // The ladder on white at `scale` device pixels per pixel (the device pixel ratio is set, and the
    // DPI follows: 96 × scale). Bounded: a ladder too long for one image is drawn at a smaller scale
    // (not below 1) and then cut, with a last line saying how many rows were left out.
    static QImage renderImage(const core::LadderLayout& layout, qreal scale = 2.0);
    // renderImage() as PNG bytes; `rowsLeftOut` (if given) gets the rows that did not fit.
    static QByteArray png(const core::LadderLayout& layout, qreal scale = 2.0, std::size_t* rowsLeftOut = nullptr);

    // The rows of `layout` that renderImage() draws at `scale` (all of them but for very long ladders).
    static std::size_t rowsFittingImage(const core::LadderLayout& layout, qreal scale = 2.0);

    // The layout with its texts made printable in XML and PDF: control characters and the
    // non-characters U+FFFE/U+FFFF become '?'.
    static core::LadderLayout printable(const core::LadderLayout& layout);

    // Paints the whole ladder at the painter's origin in `style` (all rows, the header on top); the
    // size it takes is LadderGeometry(layout, style).contentSize().
    static void paintWhole(QPainter& painter, const core::LadderLayout& layout, const LadderStyle& style);
};

} // namespace sipladder::render
