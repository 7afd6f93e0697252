// SPDX-License-Identifier: Apache-2.0
#include "message_colors.h"

namespace sipladder::widgets {

namespace {

QColor blend(const QColor& base, const QColor& tint, qreal amount)
{
    return QColor::fromRgbF(static_cast<float>(base.redF() + (tint.redF() - base.redF()) * amount),
        static_cast<float>(base.greenF() + (tint.greenF() - base.greenF()) * amount),
        static_cast<float>(base.blueF() + (tint.blueF() - base.blueF()) * amount));
}

// A hue at a lightness that contrasts with the base colour.
QColor accent(int hue, bool dark)
{
    return QColor::fromHsl(hue, 170, dark ? 180 : 85);
}

} // namespace

bool MessageColors::isDark(const QPalette& palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

MessageColors MessageColors::fromPalette(const QPalette& palette)
{
    const bool dark = isDark(palette);
    const QColor base = palette.color(QPalette::Base);
    const QColor red(220, 50, 47);
    const QColor green(40, 160, 60);
    MessageColors colors;
    colors.startLine = palette.color(QPalette::Text);
    colors.requestUri = accent(210, dark);
    colors.headerName = accent(280, dark);
    colors.sdpKey = accent(140, dark);
    colors.removedBackground = blend(base, red, dark ? 0.30 : 0.18);
    colors.addedBackground = blend(base, green, dark ? 0.30 : 0.18);
    colors.removedCharacters = blend(base, red, dark ? 0.65 : 0.45);
    colors.addedCharacters = blend(base, green, dark ? 0.65 : 0.45);
    return colors;
}

} // namespace sipladder::widgets
