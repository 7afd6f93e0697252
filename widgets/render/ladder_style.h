// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "layout/ladder_layout.h"

#include <QColor>
#include <QFont>
#include <QPalette>

#include <array>
#include <cstdint>

namespace sipladder::render {

// Sizes of the ladder's parts at zoom 1, all derived from the font so that they follow the user's
// font size and the screen's scale (Wireshark's one_em_, never "20 + 30 * col").
struct LadderMetrics {
    qreal lineHeight = 0; // one line of label text
    qreal em = 0; // width of "M"
    qreal padding = 0; // around texts
    qreal rowHeight = 0;
    qreal minRowHeight = 0; // zooming out stops here: the label must still fit above its arrow
    qreal headerHeight = 0; // the lifeline label band at the top
    qreal timeColumnWidth = 0; // absolute time and delta, left of the first lifeline
    qreal timeTextWidth = 0; // "00:00:00.000"
    qreal minColumnSpacing = 0;
    qreal maxColumnSpacing = 0;
    qreal arrowHeadLength = 0;
    qreal arrowHeadHalfWidth = 0;
    qreal selfLoopWidth = 0;
    qreal slotBarWidth = 0; // the call slot's colour bar in the left margin
    qreal arrowPenWidth = 0;
    qreal lifelinePenWidth = 0;
    qreal badgeWidth = 0; // the "SDP" badge
};

// Colours, fonts and metrics of the ladder, derived from a palette and a font. The core's tones
// say what an arrow means; this says how it looks, in light and dark palettes alike.
class LadderStyle {
public:
    LadderStyle();
    LadderStyle(const QPalette& palette, const QFont& font);

    // Qt 6.4 has no colour scheme hint: a dark palette is one whose window colour is dark.
    static bool isDarkPalette(const QPalette& palette);

    bool isDark() const { return m_dark; }
    const LadderMetrics& metrics() const { return m_metrics; }

    QColor toneColor(core::ArrowTone tone) const;
    // A diagnosis's cause badge: errors in the error red, warnings in orange, information muted.
    QColor severityColor(core::Severity severity) const;
    // The tint that tells the calls of one ladder apart (legs through a B2BUA); cycles after a dozen.
    QColor slotColor(std::uint16_t slot) const;

    const QFont& labelFont() const { return m_labelFont; }
    const QFont& strongLabelFont() const { return m_strongLabelFont; } // failures
    const QFont& noteFont() const { return m_noteFont; } // ICMP, malformed
    const QFont& headerFont() const { return m_headerFont; }
    const QFont& timeFont() const { return m_timeFont; }
    const QFont& badgeFont() const { return m_badgeFont; }

    QColor background() const { return m_background; }
    QColor text() const { return m_text; }
    QColor mutedText() const { return m_mutedText; }
    QColor lifeline() const { return m_lifeline; }
    QColor headerBackground() const { return m_headerBackground; }
    QColor headerBoxBackground() const { return m_headerBoxBackground; }
    QColor headerBorder() const { return m_headerBorder; }
    QColor timeColumnBackground() const { return m_timeColumnBackground; }
    QColor selectionFill() const { return m_selectionFill; }
    QColor inactiveSelectionFill() const { return m_inactiveSelectionFill; }
    QColor selectionEdge() const { return m_selectionEdge; }
    QColor hoverFill() const { return m_hoverFill; }
    QColor compareEdge() const { return m_compareEdge; }
    QColor highlightedText() const { return m_highlightedText; }

private:
    bool m_dark = false;
    LadderMetrics m_metrics;
    std::array<QColor, 9> m_tones;
    std::array<QColor, 12> m_slots;
    QColor m_warning;
    QFont m_labelFont;
    QFont m_strongLabelFont;
    QFont m_noteFont;
    QFont m_headerFont;
    QFont m_timeFont;
    QFont m_badgeFont;
    QColor m_background;
    QColor m_text;
    QColor m_mutedText;
    QColor m_lifeline;
    QColor m_headerBackground;
    QColor m_headerBoxBackground;
    QColor m_headerBorder;
    QColor m_timeColumnBackground;
    QColor m_selectionFill;
    QColor m_inactiveSelectionFill;
    QColor m_selectionEdge;
    QColor m_hoverFill;
    QColor m_compareEdge;
    QColor m_highlightedText;
};

} // namespace sipladder::render
