// SPDX-License-Identifier: Apache-2.0
#include "message_text_search.h"

#include "qt_conversions.h"
#include "search/message_text_search.h"

#include <QFutureWatcher>
#include <QPromise>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

namespace sipladder::models {

namespace {

constexpr int kPermille = 1000;

// Turns the core's byte progress into the promise's permille (QFutureWatcher throttles delivery).
class PromiseProgress final : public core::ProgressSink {
public:
    explicit PromiseProgress(QPromise<QList<quint32>>& promise)
        : m_promise(promise)
    {
    }

    void report(const core::LoadProgress& progress) override
    {
        if (progress.bytesTotal == 0)
            return;
        const auto permille = static_cast<int>(progress.bytesDone * kPermille / progress.bytesTotal);
        m_promise.setProgressValue(std::min(permille, kPermille));
    }

private:
    QPromise<QList<quint32>>& m_promise;
};

} // namespace

MessageTextSearch::MessageTextSearch(QObject* parent)
    : QObject(parent)
{
}

MessageTextSearch::~MessageTextSearch()
{
    for (auto& job : m_jobs) {
        job.token.cancel();
        job.watcher->disconnect(this);
    }
    for (auto& job : m_jobs)
        job.watcher->waitForFinished();
}

void MessageTextSearch::start(core::SnapshotPtr snapshot, const QString& needle)
{
    for (auto& job : m_jobs)
        job.token.cancel();
    const std::uint64_t generation = ++m_generation;
    m_running = true;
    m_needle = needle;

    Job job;
    job.generation = generation;
    job.watcher = new QFutureWatcher<QList<quint32>>(this);
    connect(job.watcher, &QFutureWatcherBase::progressValueChanged, this, [this, generation](int value) {
        if (generation == m_generation && m_running)
            Q_EMIT progressChanged(value);
    });
    connect(job.watcher, &QFutureWatcherBase::finished, this, [this, generation] { jobFinished(generation); });

    const std::string text = toStdString(needle);
    const core::CancellationToken token = job.token;
    job.watcher->setFuture(
        QtConcurrent::run([snapshot = std::move(snapshot), text, token](QPromise<QList<quint32>>& promise) mutable {
            // Released before the future finishes, so that a waiter knows the snapshot is free.
            const core::SnapshotPtr searched = std::move(snapshot);
            promise.setProgressRange(0, kPermille);
            if (!searched) {
                promise.addResult(QList<quint32>());
                return;
            }
            PromiseProgress progress(promise);
            auto result = core::MessageTextSearch::run(*searched, text, &progress, token);
            if (!result || token.isCancelled())
                return;
            const auto& calls = result.value().calls;
            promise.addResult(QList<quint32>(calls.begin(), calls.end()));
        }));
    m_jobs.push_back(std::move(job));
}

void MessageTextSearch::cancel()
{
    if (!m_running || m_jobs.empty())
        return;
    m_jobs.back().token.cancel();
}

void MessageTextSearch::jobFinished(std::uint64_t generation)
{
    const auto it = std::find_if(
        m_jobs.begin(), m_jobs.end(), [generation](const Job& job) { return job.generation == generation; });
    if (it == m_jobs.end())
        return;
    QFutureWatcher<QList<quint32>>* watcher = it->watcher;
    const bool wasCancelled = it->token.isCancelled();
    m_jobs.erase(it);
    watcher->deleteLater();
    if (generation != m_generation || !m_running)
        return;
    m_running = false;
    if (wasCancelled || watcher->future().resultCount() == 0) {
        Q_EMIT cancelled();
        return;
    }
    Q_EMIT finished(watcher->future().result());
}

} // namespace sipladder::models
