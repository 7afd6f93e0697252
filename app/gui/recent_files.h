// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QStringList>

class QSettings;

namespace sipladder::app {

// The most recently opened files (or sets of files opened together), newest first, kept in
// QSettings. A set is stored as its paths joined by newlines.
class RecentFiles {
public:
    static constexpr int kMaximum = 10;

    explicit RecentFiles(QSettings& settings);

    QList<QStringList> entries() const { return m_entries; }
    void add(const QStringList& paths);
    void remove(const QStringList& paths);
    void clear();

private:
    void save();

    QSettings& m_settings;
    QList<QStringList> m_entries;
};

} // namespace sipladder::app
