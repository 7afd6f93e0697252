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

#include <memory>

class QTemporaryDir;

namespace sipladder::models {

// Owns what is open: loads one or several files (merged) on a worker thread with progress and
// cancel, diagnoses every failure there too, and holds the resulting immutable snapshot and
// diagnosis. Opening while a load runs cancels it; a stale load's results are dropped (generation
// counter). The destructor cancels and waits, so a worker never outlives the session.
//
// Text pasted or dropped (a SIP log from a ticket or a mail) is written to a file in a temporary
// directory the session owns, and loaded from there like any file: messages are read back from their
// file when shown, so the file lives as long as the trace is open. It is removed once another trace
// replaces it, on close(), and with the directory when the session is destroyed.
class CaptureSession : public QObject {
    Q_OBJECT

public:
    explicit CaptureSession(QObject* parent = nullptr);
    ~CaptureSession() override;

    // `displayNames` (same order as `paths`, optional) are what titles and error messages show.
    void open(const QStringList& paths, const QStringList& displayNames = {});
    // Opens text as a new trace named `displayName` ("Pasted trace (14:03:12)"). Returns false with the
    // reason in `error`, and changes nothing, when the text is blank or cannot be written out; otherwise
    // the load runs like open() and fails (loadFailed) when the text holds no SIP message, leaving
    // what was open before.
    bool openText(const QString& text, const QString& displayName, QString* error = nullptr);
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
    // What to call the files of paths() and loadingPaths() in titles: the display names given to
    // open(), else the paths.
    const QStringList& displayNames() const { return m_displayNames; }
    const QStringList& loadingDisplayNames() const { return m_loadingDisplayNames; }
    // True for a file the session wrote (pasted or dropped text): not worth remembering in a recent
    // files list, and gone once the trace is closed.
    bool isTemporary(const QString& path) const { return m_temporaryFiles.contains(path); }

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

    void startLoad(const QStringList& paths, const QStringList& displayNames, bool requireSip);
    void reportProgress(quint64 generation, int permille, const QString& stage);
    void finishLoad(quint64 generation, const Outcome& outcome);
    // Removes the temporary files that neither the open trace nor a running job reads any more.
    void removeUnusedTemporaryFiles();

    // Every job still running (a cancelled one finishes on its own; only the newest counts).
    struct Job {
        QFutureWatcher<Outcome>* watcher;
        core::CancellationToken token;
        QStringList paths;
    };
    QList<Job> m_jobs;
    core::SnapshotPtr m_snapshot;
    CaptureAnalysisPtr m_analysis;
    QStringList m_paths;
    QStringList m_loadingPaths;
    QStringList m_displayNames;
    QStringList m_loadingDisplayNames;
    // Created on the first text opened; removed with everything in it when the session goes.
    std::unique_ptr<QTemporaryDir> m_temporaryDir;
    QStringList m_temporaryFiles;
    quint64 m_textCount = 0;
    quint64 m_generation = 0;
    bool m_loading = false;
};

} // namespace sipladder::models
