// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "capture_analysis.h"
#include "load/capture_loader.h"
#include "util/cancellation.h"

#include <QFutureWatcher>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

namespace sipladder::models {

// Owns what is open: loads one or several files (merged) on a worker thread with progress and
// cancel, diagnoses every failure there too, and holds the resulting immutable snapshot and
// diagnosis. Opening while a load runs cancels it; a stale load's results are dropped (generation
// counter). The destructor cancels and waits, so a worker never outlives the session.
class CaptureSession : public QObject {
    Q_OBJECT

public:
    explicit CaptureSession(QObject* parent = nullptr);
    ~CaptureSession() override;

    void open(const QStringList& paths);
    void cancel();
    void close();

    bool isLoading() const { return m_loading; }
    const core::SnapshotPtr& snapshot() const { return m_snapshot; }
    // Every failure of the snapshot explained (null when nothing is open).
    core::DiagnosisPtr diagnosis() const { return m_analysis ? m_analysis->diagnosis : nullptr; }
    // The snapshot, its diagnosis and the diagnoser for another working call, kept alive together.
    const CaptureAnalysisPtr& analysis() const { return m_analysis; }
    // One failed transaction explained again against the chosen working call (nullopt: the best).
    std::optional<core::Failure> rediagnose(
        quint32 transactionIndex, std::optional<quint32> baselineCall = std::nullopt) const;
    // The files of the current snapshot.
    const QStringList& paths() const { return m_paths; }
    // The files of the load under way (empty when none).
    const QStringList& loadingPaths() const { return m_loadingPaths; }

Q_SIGNALS:
    void loadStarted(const QStringList& paths);
    // `permille` of the bytes read; `stage` is a sentence for the status bar.
    void loadProgressChanged(int permille, const QString& stage);
    void loadFinished();
    // `message` names the file and says what is wrong with it.
    void loadFailed(const QString& message);
    void loadCancelled();
    void closed();

private:
    struct Outcome {
        CaptureAnalysisPtr analysis;
        QString error;
        bool cancelled = false;
    };

    void reportProgress(quint64 generation, int permille, const QString& stage);
    void finishLoad(quint64 generation, const Outcome& outcome);

    // Every job still running (a cancelled one finishes on its own; only the newest counts).
    struct Job {
        QFutureWatcher<Outcome>* watcher;
        core::CancellationToken token;
    };
    QList<Job> m_jobs;
    core::SnapshotPtr m_snapshot;
    CaptureAnalysisPtr m_analysis;
    QStringList m_paths;
    QStringList m_loadingPaths;
    quint64 m_generation = 0;
    bool m_loading = false;
};

} // namespace sipladder::models
