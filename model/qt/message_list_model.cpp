// SPDX-License-Identifier: Apache-2.0
#include "message_list_model.h"

#include "model_roles.h"
#include "util/time_format.h"

namespace sipladder::models {

namespace {

QString text(std::string_view value)
{
    return QString::fromUtf8(value.data(), static_cast<qsizetype>(value.size()));
}

QString formatDelta(std::int64_t ns)
{
    return QStringLiteral("+%1").arg(static_cast<double>(ns) / 1e9, 0, 'f', 3);
}

} // namespace

MessageListModel::MessageListModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void MessageListModel::setCalls(
    core::SnapshotPtr snapshot, const QList<quint32>& callIndexes, core::DiagnosisPtr diagnosis)
{
    m_snapshot = std::move(snapshot);
    m_diagnosis = std::move(diagnosis);
    m_callIndexes.assign(callIndexes.begin(), callIndexes.end());
    rebuild();
}

void MessageListModel::setMergePerHost(bool merge)
{
    if (m_options.mergePerHost == merge)
        return;
    m_options.mergePerHost = merge;
    rebuild();
}

void MessageListModel::clear()
{
    m_snapshot.reset();
    m_diagnosis.reset();
    m_callIndexes.clear();
    rebuild();
}

void MessageListModel::rebuild()
{
    beginResetModel();
    if (m_snapshot && !m_callIndexes.empty())
        m_layout = core::LadderLayout::build(*m_snapshot, m_callIndexes, m_options, m_diagnosis.get());
    else
        m_layout = core::LadderLayout();
    endResetModel();
}

int MessageListModel::rowOfMessage(quint32 messageIndex) const
{
    const auto row = m_layout.rowOfMessage(messageIndex);
    return row ? static_cast<int>(*row) : -1;
}

int MessageListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_layout.rows().size());
}

int MessageListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant MessageListModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const auto& row = m_layout.rows()[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn:
            return text(core::formatTimeOfDay(row.timestampNs));
        case DeltaColumn:
            return formatDelta(row.deltaNs);
        case SourceColumn:
            return text(m_layout.columns()[row.fromColumn].label);
        case DestinationColumn:
            return text(m_layout.columns()[row.toColumn].label);
        case LabelColumn:
            return text(row.label);
        default:
            return {};
        }
    case Qt::ToolTipRole:
        if (!row.causeBadge.empty())
            return QString(text(row.firstLine) + QLatin1Char('\n') + tr("Diagnosis: %1").arg(text(row.causeBadge)));
        return text(row.firstLine);
    case MessageIndexRole:
        return row.kind == core::LadderRow::Kind::Message ? QVariant::fromValue(row.index) : QVariant();
    case ArrowToneRole:
        return static_cast<int>(row.tone);
    case RowKindRole:
        return static_cast<int>(row.kind);
    case CallIndexRole:
        return QVariant::fromValue(m_layout.callIndexes()[row.callSlot]);
    case FailureCauseRole:
        if (m_diagnosis && row.failureIndex < m_diagnosis->failures().size())
            return static_cast<int>(m_diagnosis->failures()[row.failureIndex].explanation.cause);
        return {};
    case FailureSeverityRole:
        if (!row.causeBadge.empty())
            return static_cast<int>(row.causeSeverity);
        return {};
    default:
        return {};
    }
}

QVariant MessageListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case DeltaColumn:
        return tr("Delta");
    case SourceColumn:
        return tr("Source");
    case DestinationColumn:
        return tr("Destination");
    case LabelColumn:
        return tr("Message");
    default:
        return {};
    }
}

} // namespace sipladder::models
