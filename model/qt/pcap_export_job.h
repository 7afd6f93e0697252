// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "load/capture_loader.h"

#include <QFutureWatcher>
#include <QList>
#include <QObject>
#include <QString>

namespace sipladder::models {

// Writes calls of a snapshot as a pcap (core::PcapExporter) on a worker thread, so that the window
// stays responsive while a large trace is written. One export at a time; the destructor waits for a
// running one, so the worker never outlives its owner.
class PcapExportJob : public QObject {
    Q_OBJECT

public:
    explicit PcapExportJob(QObject* parent = nullptr);
    ~PcapExportJob() override;

    // `callIndexes` empty: every call. Returns false (and starts nothing) while an export runs or
    // without a snapshot.
    bool start(const core::SnapshotPtr& snapshot, const QList<quint32>& callIndexes, const QString& path);
    bool isRunning() const { return m_running; }

Q_SIGNALS:
    // `messages` SIP messages in `packets` frames written to `path`; `unreadable` messages could not be
    // read back from their file and were left out.
    void exportFinished(const QString& path, quint64 messages, quint64 packets, quint64 unreadable);
    // `message` names the file and says what went wrong.
    void exportFailed(const QString& path, const QString& message);

private:
    struct Outcome {
        quint64 messages = 0;
        quint64 packets = 0;
        quint64 unreadable = 0;
        QString error;
    };

    QFutureWatcher<Outcome>* m_watcher;
    QString m_path;
    bool m_running = false;
};

} // namespace sipladder::models
