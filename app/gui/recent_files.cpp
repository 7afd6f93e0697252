// SPDX-License-Identifier: Apache-2.0
#include "recent_files.h"

#include <QSettings>

namespace sipladder::app {

namespace {

const QString kKey = QStringLiteral("recentFiles");

} // namespace

RecentFiles::RecentFiles(QSettings& settings)
    : m_settings(settings)
{
    for (const auto& entry : m_settings.value(kKey).toStringList()) {
        const auto paths = entry.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        if (!paths.isEmpty())
            m_entries.append(paths);
    }
}

void RecentFiles::add(const QStringList& paths)
{
    if (paths.isEmpty())
        return;
    m_entries.removeAll(paths);
    m_entries.prepend(paths);
    while (m_entries.size() > kMaximum)
        m_entries.removeLast();
    save();
}

void RecentFiles::remove(const QStringList& paths)
{
    m_entries.removeAll(paths);
    save();
}

void RecentFiles::clear()
{
    m_entries.clear();
    save();
}

void RecentFiles::save()
{
    QStringList stored;
    for (const auto& paths : m_entries)
        stored.append(paths.join(QLatin1Char('\n')));
    m_settings.setValue(kKey, stored);
}

} // namespace sipladder::app
