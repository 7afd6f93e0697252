// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "analysis/diagnoser.h"
#include "layout/ladder_layout.h"
#include "load/capture_loader.h"

#include <QAbstractTableModel>
#include <QList>

#include <memory>

namespace sipladder::models {

// The rows of the ladder of the selected call(s): one row per message (duplicates folded) or ICMP
// event, in time order. The ladder view paints from layout(); the columns below serve a plain
// table view, accessibility and tests.
class MessageListModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { TimeColumn, DeltaColumn, SourceColumn, DestinationColumn, LabelColumn, ColumnCount };

    explicit MessageListModel(QObject* parent = nullptr);

    // Shows the ladder of `callIndexes` (in that order: it decides the calls' slots). With the
    // snapshot's diagnosis, failures carry their cause badges.
    void setCalls(
        core::SnapshotPtr snapshot, const QList<quint32>& callIndexes, core::DiagnosisPtr diagnosis = nullptr);
    void setMergePerHost(bool merge);
    bool mergePerHost() const { return m_options.mergePerHost; }
    void clear();

    const core::LadderLayout& layout() const { return m_layout; }
    const core::SnapshotPtr& snapshot() const { return m_snapshot; }
    const core::DiagnosisPtr& diagnosis() const { return m_diagnosis; }
    // The row showing a message, or -1.
    int rowOfMessage(quint32 messageIndex) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    void rebuild();

    core::SnapshotPtr m_snapshot;
    core::DiagnosisPtr m_diagnosis;
    std::vector<std::uint32_t> m_callIndexes;
    core::LadderOptions m_options;
    core::LadderLayout m_layout;
};

} // namespace sipladder::models
