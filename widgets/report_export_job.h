// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "capture_analysis.h"
#include "report_exporter.h"
#include "util/cancellation.h"

#include <QFutureWatcher>
#include <QList>
#include <QObject>
#include <QString>

#include <functional>

namespace sipladder::widgets {

// Runs one File › Export… (render::ReportExporter) on a worker thread, with progress and cancel, so
// the window stays responsive while a large trace is written. It lives in the widgets layer, not
// beside PcapExportJob in the models, because the reports paint ladders (QtGui). The job holds the
// analysis it exports, so opening another trace meanwhile changes nothing. One export at a time;
// the destructor cancels a running export and waits for it, so the worker never outlives its owner.
class ReportExportJob : public QObject {
    Q_OBJECT

public:
    explicit ReportExportJob(QObject* parent = nullptr);
    ~ReportExportJob() override;

    // Writes `calls` (call indexes in call order) as `request` asks. Returns false (and starts
    // nothing) while an export runs or without a diagnosed snapshot.
    bool start(
        const models::CaptureAnalysisPtr& analysis, const QList<quint32>& calls, const render::ExportRequest& request);
    // Stops the running export: it ends with exportCancelled and leaves no file.
    void cancel();
    bool isRunning() const { return m_running; }
    QString path() const { return m_path; }

    // Called on the worker thread each time the exporter reports progress, before the cancel check.
    // Tests use it to hold an export at a known point; the window leaves it unset. Taken by start().
    using WorkerHook = std::function<void()>;
    void setWorkerHook(WorkerHook hook) { m_workerHook = std::move(hook); }

Q_SIGNALS:
    // `permille` of the calls (or packets, for pcap) written.
    void progressChanged(int permille);
    // What was written to `path`: calls, messages, PDF pages, messages that could not be read back
    // from their file (left out), ladder rows past what one PNG holds.
    void exportFinished(const QString& path, const sipladder::render::ExportStats& stats);
    // `message` names the file and says what went wrong; nothing was left at `path`.
    void exportFailed(const QString& path, const QString& message);
    void exportCancelled(const QString& path);

private:
    struct Outcome {
        render::ExportStats stats;
        QString error;
        bool cancelled = false;
    };

    void reportProgress(quint64 generation, int permille);

    QFutureWatcher<Outcome>* m_watcher;
    core::CancellationToken m_token;
    WorkerHook m_workerHook;
    QString m_path;
    quint64 m_generation = 0;
    bool m_running = false;
};

} // namespace sipladder::widgets
