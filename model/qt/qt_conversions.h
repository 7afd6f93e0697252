// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QString>

#include <string>
#include <string_view>

namespace sipladder::models {

// The one place where the core's UTF-8 text (std::string_view into the snapshot) and Qt's strings
// meet. SIP text is UTF-8 (RFC 3261 §7.1); invalid sequences become U+FFFD rather than failing.
inline QString toQString(std::string_view text)
{
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

inline std::string toStdString(const QString& text)
{
    const QByteArray utf8 = text.toUtf8();
    return std::string(utf8.constData(), static_cast<std::size_t>(utf8.size()));
}

} // namespace sipladder::models
