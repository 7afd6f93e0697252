// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QColor>
#include <QPalette>

namespace sipladder::widgets {

// The colours of the message pane and the diff view, derived from the widget's palette so that they
// stay readable in light and dark themes (Qt 6.4 has no colour scheme API: dark means a window
// colour with lightness below 128).
struct MessageColors {
    QColor startLine;
    QColor requestUri;
    QColor headerName;
    QColor sdpKey;
    QColor removedBackground; // a line or value only the left message has, or that changed
    QColor addedBackground;
    QColor removedCharacters; // background of the characters that differ: stronger than the line's
    QColor addedCharacters;

    static bool isDark(const QPalette& palette);
    static MessageColors fromPalette(const QPalette& palette);
};

} // namespace sipladder::widgets
