// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "load/capture_loader.h"
#include "util/cancellation.h"

#include <QList>
#include <QObject>
#include <QString>

#include <cstdint>
#include <vector>

template <typename T> class QFutureWatcher;

namespace sipladder::models {

// Runs core::MessageTextSearch on the thread pool: the raw text of every message of a snapshot,
// read back from the files, searched case-insensitively. One search at a time: start() replaces a
// running search (its result is dropped without a signal). The destructor cancels and waits, so
// no worker outlives this object.
class MessageTextSearch : public QObject {
    Q_OBJECT

public:
    explicit MessageTextSearch(QObject* parent = nullptr);
    ~MessageTextSearch() override;

    void start(core::SnapshotPtr snapshot, const QString& needle);
    // Stops the running search; cancelled() follows once its worker has stopped.
    void cancel();
    bool isRunning() const { return m_running; }
    const QString& needle() const { return m_needle; }

Q_SIGNALS:
    void progressChanged(int permille);
    // The call indexes (ascending) with a message containing the needle.
    void finished(const QList<quint32>& calls);
    void cancelled();

private:
    struct Job {
        std::uint64_t generation = 0;
        core::CancellationToken token;
        QFutureWatcher<QList<quint32>>* watcher = nullptr;
    };

    void jobFinished(std::uint64_t generation);

    std::uint64_t m_generation = 0;
    bool m_running = false;
    QString m_needle;
    std::vector<Job> m_jobs; // the current one last; replaced ones until their workers stop
};

} // namespace sipladder::models
