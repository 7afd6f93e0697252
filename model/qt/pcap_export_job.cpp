// SPDX-License-Identifier: Apache-2.0
#include "pcap_export_job.h"

#include "report/pcap_exporter.h"

#include <QtConcurrent/QtConcurrentRun>

#include <cstdint>
#include <vector>

namespace sipladder::models {

PcapExportJob::PcapExportJob(QObject* parent)
    : QObject(parent)
    , m_watcher(new QFutureWatcher<Outcome>(this))
{
    connect(m_watcher, &QFutureWatcherBase::finished, this, [this] {
        const Outcome outcome = m_watcher->result();
        m_running = false;
        if (outcome.error.isEmpty())
            Q_EMIT exportFinished(m_path, outcome.messages, outcome.packets, outcome.unreadable);
        else
            Q_EMIT exportFailed(m_path, outcome.error);
    });
}

PcapExportJob::~PcapExportJob()
{
    m_watcher->waitForFinished();
}

bool PcapExportJob::start(const core::SnapshotPtr& snapshot, const QList<quint32>& callIndexes, const QString& path)
{
    if (m_running || !snapshot)
        return false;
    m_running = true;
    m_path = path;
    std::vector<std::uint32_t> calls(callIndexes.begin(), callIndexes.end());
    m_watcher->setFuture(QtConcurrent::run([snapshot, calls = std::move(calls), path] {
        Outcome outcome;
        auto written = core::PcapExporter::write(*snapshot, calls, path.toStdString());
        if (!written) {
            outcome.error = QString::fromStdString(written.error().message);
            // The message should name the file; make sure it does.
            if (!outcome.error.contains(path))
                outcome.error = tr("Cannot write %1: %2").arg(path, outcome.error);
            return outcome;
        }
        outcome.messages = written.value().messages;
        outcome.packets = written.value().packets;
        outcome.unreadable = written.value().unreadable;
        return outcome;
    }));
    return true;
}

} // namespace sipladder::models
