// SPDX-License-Identifier: Apache-2.0
#include "report_export_job.h"

#include <QFile>
#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <vector>

namespace sipladder::widgets {

ReportExportJob::ReportExportJob(QObject* parent)
    : QObject(parent)
    , m_watcher(new QFutureWatcher<Outcome>(this))
{
    connect(m_watcher, &QFutureWatcherBase::finished, this, [this] {
        const Outcome outcome = m_watcher->result();
        m_running = false;
        if (outcome.cancelled)
            Q_EMIT exportCancelled(m_path);
        else if (!outcome.error.isEmpty())
            Q_EMIT exportFailed(m_path, outcome.error);
        else
            Q_EMIT exportFinished(m_path, outcome.stats);
    });
}

ReportExportJob::~ReportExportJob()
{
    m_token.cancel();
    m_watcher->waitForFinished();
}

bool ReportExportJob::start(
    const models::CaptureAnalysisPtr& analysis, const QList<quint32>& calls, const render::ExportRequest& request)
{
    if (m_running || !analysis || !analysis->snapshot || !analysis->diagnosis)
        return false;
    m_running = true;
    ++m_generation;
    m_token = core::CancellationToken();
    m_path = QString::fromStdString(request.outputPath);
    std::vector<std::uint32_t> indexes(calls.begin(), calls.end());

    // Progress crosses to the GUI thread only when the shown per mille changes, so a trace of a
    // million packets does not flood the event loop.
    auto lastPermille = std::make_shared<int>(-1);
    const QPointer<ReportExportJob> self(this);
    const quint64 generation = m_generation;
    render::ExportProgress progress = [token = m_token, hook = m_workerHook, lastPermille, self, generation](
                                          std::uint64_t done, std::uint64_t total) {
        if (hook)
            hook();
        if (token.isCancelled())
            return false;
        const int permille = total > 0 ? static_cast<int>(std::min<std::uint64_t>(done, total) * 1000 / total) : 0;
        if (permille != *lastPermille) {
            *lastPermille = permille;
            QMetaObject::invokeMethod(
                self.data(),
                [self, generation, permille] {
                    if (self)
                        self->reportProgress(generation, permille);
                },
                Qt::QueuedConnection);
        }
        return true;
    };

    m_watcher->setFuture(QtConcurrent::run(
        [analysis, indexes = std::move(indexes), request, progress = std::move(progress), token = m_token] {
            Outcome outcome;
            const QString path = QString::fromStdString(request.outputPath);
            auto written
                = render::ReportExporter::write(*analysis->snapshot, *analysis->diagnosis, indexes, request, progress);
            if (!written) {
                if (written.error().code == core::ErrorCode::Cancelled) {
                    outcome.cancelled = true;
                    return outcome;
                }
                outcome.error = QString::fromStdString(written.error().message);
                // The message should name the file; make sure it does.
                if (!outcome.error.contains(path))
                    outcome.error = tr("Cannot write %1: %2").arg(path, outcome.error);
                return outcome;
            }
            // Cancel pressed while the last bytes were written: the user asked for no file.
            if (token.isCancelled()) {
                QFile::remove(path);
                outcome.cancelled = true;
                return outcome;
            }
            outcome.stats = written.value();
            return outcome;
        }));
    return true;
}

void ReportExportJob::cancel()
{
    if (m_running)
        m_token.cancel();
}

void ReportExportJob::reportProgress(quint64 generation, int permille)
{
    if (generation == m_generation && m_running)
        Q_EMIT progressChanged(permille);
}

} // namespace sipladder::widgets
