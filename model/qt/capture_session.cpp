// SPDX-License-Identifier: Apache-2.0
#include "capture_session.h"

#include <QDir>
#include <QFile>
#include <QPointer>
#include <QTemporaryDir>
#include <QtConcurrent/QtConcurrentRun>

#include <utility>

namespace sipladder::models {

namespace {

// Delivers the core's progress reports to the session on its own thread.
class QueuedProgress final : public core::ProgressSink {
public:
    QueuedProgress(QPointer<QObject> receiver, std::function<void(int, QString)> deliver)
        : m_receiver(std::move(receiver))
        , m_deliver(std::move(deliver))
    {
    }

    void report(const core::LoadProgress& progress) override
    {
        const int permille
            = progress.bytesTotal > 0 ? static_cast<int>(progress.bytesDone * 1000 / progress.bytesTotal) : 0;
        QString stage = QString::fromUtf8(core::loadStageName(progress.stage));
        if (progress.stage == core::LoadStage::Reading)
            stage = QObject::tr("Reading: %1 frames, %2 calls").arg(progress.framesDone).arg(progress.callsSoFar);
        reportStage(permille, stage);
    }

    // A stage of the session's own after the core's load (the diagnosis).
    void reportStage(int permille, const QString& stage)
    {
        QMetaObject::invokeMethod(
            m_receiver.data(), [deliver = m_deliver, permille, stage] { deliver(permille, stage); },
            Qt::QueuedConnection);
    }

private:
    QPointer<QObject> m_receiver;
    std::function<void(int, QString)> m_deliver;
};

} // namespace

CaptureSession::CaptureSession(QObject* parent)
    : QObject(parent)
{
}

CaptureSession::~CaptureSession()
{
    for (auto& job : m_jobs)
        job.token.cancel();
    for (auto& job : m_jobs)
        job.watcher->waitForFinished();
    // Let go of the files before their temporary directory is removed.
    m_analysis.reset();
    m_snapshot.reset();
}

void CaptureSession::open(const QStringList& paths, const QStringList& displayNames)
{
    startLoad(paths, displayNames, false);
}

bool CaptureSession::openText(const QString& text, const QString& displayName, QString* error)
{
    auto fail = [error](const QString& message) {
        if (error)
            *error = message;
        return false;
    };
    if (text.trimmed().isEmpty())
        return fail(tr("%1 is empty: there is no SIP message to open.").arg(displayName));
    if (!m_temporaryDir) {
        auto dir = std::make_unique<QTemporaryDir>(QDir::tempPath() + QStringLiteral("/sipladder-XXXXXX"));
        if (!dir->isValid())
            return fail(tr("Cannot create a temporary folder for %1: %2").arg(displayName, dir->errorString()));
        m_temporaryDir = std::move(dir);
    }
    const QString path = m_temporaryDir->filePath(QStringLiteral("pasted-%1.txt").arg(++m_textCount));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(text.toUtf8()) < 0 || !file.flush()) {
        const QString reason = file.errorString();
        file.close();
        QFile::remove(path);
        return fail(tr("Cannot write %1 to %2: %3").arg(displayName, path, reason));
    }
    file.close();
    m_temporaryFiles.append(path);
    startLoad({ path }, { displayName }, true);
    return true;
}

void CaptureSession::startLoad(const QStringList& paths, const QStringList& displayNames, bool requireSip)
{
    if (m_loading) {
        // The old job stops within a thousand frames; its result will be dropped as stale.
        m_jobs.back().token.cancel();
        m_loading = false;
        m_loadingPaths.clear();
        m_loadingDisplayNames.clear();
        Q_EMIT loadCancelled();
    }
    const quint64 generation = ++m_generation;
    m_loadingPaths = paths;
    m_loadingDisplayNames.clear();
    for (qsizetype i = 0; i < paths.size(); ++i)
        m_loadingDisplayNames.append(i < displayNames.size() ? displayNames[i] : paths[i]);
    m_loading = true;
    Q_EMIT loadStarted(paths);

    core::LoadOptions options;
    for (qsizetype i = 0; i < paths.size(); ++i) {
        options.paths.push_back(paths[i].toStdString());
        options.displayNames.push_back(m_loadingDisplayNames[i].toStdString());
    }
    auto progress = std::make_shared<QueuedProgress>(QPointer<QObject>(this),
        [this, generation](int permille, QString stage) { reportProgress(generation, permille, stage); });
    Job job { new QFutureWatcher<Outcome>(this), core::CancellationToken(), paths };
    auto* watcher = job.watcher;
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
        const Outcome outcome = watcher->result();
        m_jobs.removeIf([watcher](const Job& j) { return j.watcher == watcher; });
        watcher->deleteLater();
        finishLoad(generation, outcome);
        removeUnusedTemporaryFiles();
    });
    m_jobs.append(job);
    const QString name = m_loadingDisplayNames.value(0);
    watcher->setFuture(QtConcurrent::run([options, token = job.token, progress, requireSip, name]() {
        Outcome outcome;
        auto result = core::CaptureLoader::load(options, progress.get(), token);
        if (!result) {
            if (result.error().code == core::ErrorCode::Cancelled)
                outcome.cancelled = true;
            else
                outcome.error = QString::fromStdString(result.error().message);
            return outcome;
        }
        // Pasted text without a single SIP message is a wrong clipboard, not a trace to replace the
        // open one with.
        if (requireSip && result.value()->totals().sipMessages == 0) {
            outcome.error = CaptureSession::tr("%1 has no SIP message in it.").arg(name);
            return outcome;
        }
        // The diagnosis reads some messages back from the files: still here, off the GUI thread.
        // It has no cancellation points of its own, so the token is checked around it.
        if (token.isCancelled()) {
            outcome.cancelled = true;
            return outcome;
        }
        progress->reportStage(1000, CaptureSession::tr("Diagnosing failures"));
        auto analysis = std::make_shared<CaptureAnalysis>();
        analysis->snapshot = std::move(result).value();
        analysis->diagnoser = std::make_unique<const core::Diagnoser>(*analysis->snapshot);
        analysis->diagnosis = analysis->diagnoser->diagnoseAll();
        if (token.isCancelled()) {
            outcome.cancelled = true;
            return outcome;
        }
        outcome.analysis = std::move(analysis);
        return outcome;
    }));
}

void CaptureSession::cancel()
{
    if (m_loading && !m_jobs.isEmpty())
        m_jobs.back().token.cancel();
}

void CaptureSession::close()
{
    if (m_loading) {
        cancel();
        // Whatever the cancelled job still delivers is stale now.
        ++m_generation;
        m_loading = false;
        m_loadingPaths.clear();
        m_loadingDisplayNames.clear();
        Q_EMIT loadCancelled();
    }
    m_snapshot.reset();
    m_analysis.reset();
    m_paths.clear();
    m_displayNames.clear();
    Q_EMIT closed();
    removeUnusedTemporaryFiles();
}

std::optional<core::Failure> CaptureSession::rediagnose(
    quint32 transactionIndex, std::optional<quint32> baselineCall) const
{
    if (!m_analysis)
        return std::nullopt;
    return m_analysis->rediagnose(transactionIndex, baselineCall);
}

void CaptureSession::reportProgress(quint64 generation, int permille, const QString& stage)
{
    if (generation == m_generation && m_loading)
        Q_EMIT loadProgressChanged(permille, stage);
}

void CaptureSession::finishLoad(quint64 generation, const Outcome& outcome)
{
    if (generation != m_generation || !m_loading)
        return;
    m_loading = false;
    const QStringList paths = std::exchange(m_loadingPaths, {});
    const QStringList names = std::exchange(m_loadingDisplayNames, {});
    if (outcome.cancelled) {
        Q_EMIT loadCancelled();
    } else if (!outcome.error.isEmpty()) {
        Q_EMIT loadFailed(outcome.error);
    } else {
        m_analysis = outcome.analysis;
        m_snapshot = m_analysis->snapshot;
        m_paths = paths;
        m_displayNames = names;
        Q_EMIT loadFinished();
    }
}

void CaptureSession::removeUnusedTemporaryFiles()
{
    // A job still running may be reading its file even when cancelled; it is removed once that job
    // has finished (this runs again then).
    m_temporaryFiles.removeIf([this](const QString& path) {
        if (m_paths.contains(path) || m_loadingPaths.contains(path))
            return false;
        for (const auto& job : std::as_const(m_jobs)) {
            if (job.paths.contains(path))
                return false;
        }
        QFile::remove(path);
        return true;
    });
}

} // namespace sipladder::models
