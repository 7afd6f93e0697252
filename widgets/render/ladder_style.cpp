// SPDX-License-Identifier: Apache-2.0
#include "ladder_style.h"

#include <QFontMetricsF>
#include <QGuiApplication>

#include <algorithm>
#include <cmath>

namespace sipladder::render {

namespace {

// `a` moved towards `b` by `t` (0 = a, 1 = b), opaque.
QColor mix(const QColor& a, const QColor& b, qreal t)
{
    return QColor::fromRgbF(a.redF() + (b.redF() - a.redF()) * t, a.greenF() + (b.greenF() - a.greenF()) * t,
        a.blueF() + (b.blueF() - a.blueF()) * t);
}

struct TonePair {
    QRgb light;
    QRgb dark;
};

// Indexed by core::ArrowTone. Request follows the palette's text colour instead (see below).
constexpr TonePair kToneColours[] = {
    { 0x000000, 0x000000 }, // Request: replaced by the palette's text
    { 0x5b7895, 0x8fa8c2 }, // Provisional: grey-blue, quiet
    { 0x2e7d32, 0x5fbf63 }, // Success: green
    { 0x00838f, 0x4cc3cf }, // Redirect: teal
    { 0xb06a00, 0xe6b450 }, // Challenge: amber, clearly not red
    { 0x7a6a58, 0xb3a492 }, // Cancelled: taupe, informational
    { 0xd32f2f, 0xff5f57 }, // Error: a clear red in both
    { 0xa8665e, 0xcf968f }, // NonFinal: a muted red, an error that was not the final word
    { 0xa8179a, 0xf06ae2 }, // Icmp: magenta
};
static_assert(std::size(kToneColours) == static_cast<std::size_t>(core::ArrowTone::Icmp) + 1);

// Hues of the call slot tints, spread so that neighbours differ; no pure red (that is Error's).
constexpr int kSlotHues[] = { 210, 35, 145, 275, 185, 55, 320, 100, 245, 15, 165, 295 };

} // namespace

LadderStyle::LadderStyle()
    : LadderStyle(QGuiApplication::palette(), QGuiApplication::font())
{
}

bool LadderStyle::isDarkPalette(const QPalette& palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

LadderStyle::LadderStyle(const QPalette& palette, const QFont& font)
    : m_dark(isDarkPalette(palette))
{
    m_background = palette.color(QPalette::Base);
    m_text = palette.color(QPalette::Text);
    const QColor window = palette.color(QPalette::Window);
    const QColor highlight = palette.color(QPalette::Active, QPalette::Highlight);
    m_mutedText = mix(m_text, m_background, 0.42);
    m_lifeline = mix(m_text, m_background, m_dark ? 0.68 : 0.74);
    m_headerBackground = mix(m_background, window, 0.85);
    m_headerBoxBackground = m_background;
    m_headerBorder = mix(m_text, m_background, 0.62);
    m_timeColumnBackground = mix(m_background, window, 0.35);
    m_selectionFill = mix(highlight, m_background, m_dark ? 0.62 : 0.8);
    m_inactiveSelectionFill = mix(palette.color(QPalette::Inactive, QPalette::Highlight), m_background, 0.86);
    m_selectionEdge = highlight;
    m_hoverFill = mix(m_text, m_background, 0.93);
    m_compareEdge = m_dark ? QColor(0xb3, 0x9d, 0xdb) : QColor(0x7e, 0x57, 0xc2);
    m_highlightedText = palette.color(QPalette::HighlightedText);

    for (std::size_t i = 0; i < m_tones.size(); ++i)
        m_tones[i] = QColor(m_dark ? kToneColours[i].dark : kToneColours[i].light);
    m_tones[static_cast<std::size_t>(core::ArrowTone::Request)] = mix(m_text, m_background, 0.1);

    m_warning = m_dark ? QColor(0xff, 0x9e, 0x40) : QColor(0xc4, 0x4d, 0x00);

    for (std::size_t i = 0; i < m_slots.size(); ++i)
        m_slots[i] = QColor::fromHsl(kSlotHues[i], m_dark ? 150 : 170, m_dark ? 150 : 115);

    m_labelFont = font;
    m_strongLabelFont = font;
    m_strongLabelFont.setWeight(QFont::DemiBold);
    m_noteFont = font;
    m_noteFont.setItalic(true);
    m_headerFont = font;
    m_headerFont.setWeight(QFont::DemiBold);
    m_timeFont = font;
    m_badgeFont = font;
    if (font.pointSizeF() > 0)
        m_badgeFont.setPointSizeF(font.pointSizeF() * 0.72);
    else
        m_badgeFont.setPixelSize(std::max(1, static_cast<int>(std::lround(font.pixelSize() * 0.72))));
    m_badgeFont.setWeight(QFont::Bold);

    const QFontMetricsF fm(m_labelFont);
    const QFontMetricsF timeFm(m_timeFont);
    const QFontMetricsF badgeFm(m_badgeFont);
    LadderMetrics& m = m_metrics;
    m.lineHeight = fm.height();
    m.em = fm.horizontalAdvance(QLatin1Char('M'));
    m.padding = std::round(m.em * 0.5);
    m.rowHeight = std::ceil(m.lineHeight * 2.1);
    m.minRowHeight = std::ceil(m.lineHeight * 1.6);
    m.headerHeight = std::ceil(m.lineHeight * 2.6);
    m.slotBarWidth = std::max<qreal>(2, std::round(m.em * 0.3));
    m.timeTextWidth = timeFm.horizontalAdvance(QStringLiteral("00:00:00.000"));
    const qreal deltaWidth = timeFm.horizontalAdvance(QStringLiteral("+00.000"));
    m.timeColumnWidth = std::ceil(m.slotBarWidth + m.padding + m.timeTextWidth + m.em + deltaWidth + m.padding);
    m.minColumnSpacing = std::ceil(m.em * 14);
    m.maxColumnSpacing = std::ceil(m.em * 30);
    m.arrowHeadLength = std::round(m.lineHeight * 0.65);
    m.arrowHeadHalfWidth = std::round(m.lineHeight * 0.27);
    m.selfLoopWidth = std::round(m.em * 2.2);
    m.arrowPenWidth = std::max<qreal>(1, std::round(m.lineHeight / 12));
    m.lifelinePenWidth = std::max<qreal>(1, std::round(m.lineHeight / 18));
    m.badgeWidth = std::ceil(badgeFm.horizontalAdvance(QStringLiteral("SDP")) + m.em * 0.7);
}

QColor LadderStyle::toneColor(core::ArrowTone tone) const
{
    const auto index = static_cast<std::size_t>(tone);
    return index < m_tones.size() ? m_tones[index] : m_text;
}

QColor LadderStyle::severityColor(core::Severity severity) const
{
    switch (severity) {
    case core::Severity::Error:
        return toneColor(core::ArrowTone::Error);
    case core::Severity::Warning:
        return m_warning;
    case core::Severity::Info:
        break;
    }
    return m_mutedText;
}

QColor LadderStyle::slotColor(std::uint16_t slot) const
{
    return m_slots[slot % m_slots.size()];
}

} // namespace sipladder::render
