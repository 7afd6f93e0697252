// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "analysis/diagnoser.h"
#include "load/capture_loader.h"

#include <QAbstractTableModel>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sipladder::models {

// The calls of a snapshot, one row per call in order of the first message (row == call index).
// Texts are formatted on demand from the immutable snapshot and its diagnosis; colours are the
// view's business (see the semantic roles in model_roles.h). Sorting and filtering belong to CallListProxyModel, which
// builds its keys from keyKind()/numberKey()/endpointKey()/appendKeyText()/appendFilterText().
class CallListModel : public QAbstractTableModel {
    Q_OBJECT

public:
    // Columns in their default order; each needs a keyKind() entry.
    enum Column {
        Start,
        Method,
        From,
        To,
        RequestUri,
        Source,
        Destination,
        Messages,
        Duration,
        Final,
        Diagnosis, // the cause id of the call's initial failure ("number-format"); empty when it did not fail
        State,
        ColumnCount
    };
    // How the proxy orders a column: by a number, by an address, or by the displayed text.
    enum class KeyKind { Number, Endpoint, Text };

    explicit CallListModel(QObject* parent = nullptr);

    // The diagnosis (of the same snapshot) fills the Diagnosis column; without one it stays empty.
    void setSnapshot(core::SnapshotPtr snapshot, core::DiagnosisPtr diagnosis = nullptr);
    void clear();
    const core::SnapshotPtr& snapshot() const { return m_snapshot; }
    const core::DiagnosisPtr& diagnosis() const { return m_diagnosis; }
    // The failure that makes the call of a row failed, if any.
    const core::Failure* initialFailure(int row) const;
    std::optional<core::Cause> causeOf(int row) const;
    // The causes of the calls' initial failures with how many calls have each, most frequent first
    // (ties in CONTRACT.md order): what the call filter offers.
    std::vector<std::pair<core::Cause, int>> causeCounts() const;
    // The call index of a row (rows are calls in snapshot order).
    quint32 callIndex(int row) const { return static_cast<quint32>(row); }
    // The row of a call index, or -1.
    int rowOfCall(quint32 callIndex) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // Keys for the proxy, all without QVariant and (where the snapshot holds the text) without copies.
    static KeyKind keyKind(int column);
    // Number columns: start time, message count, duration (ns), final status (0 when none).
    std::int64_t numberKey(int row, int column) const;
    // Endpoint columns: source and destination of the first request.
    const core::Endpoint& endpointKey(int row, int column) const;
    // Text columns: the displayed text, UTF-8, appended to `out`.
    void appendKeyText(int row, int column, std::string& out) const;
    // What the filter box matches in a column, UTF-8, appended to `out`: the displayed text, and
    // for From/To the whole header value (display name and URI), not only the number.
    void appendFilterText(int row, int column, std::string& out) const;
    // Text the filter matches that no column shows: the Call-ID.
    void appendHiddenFilterText(int row, std::string& out) const;

    // Formatting shared with tests and the view: "10:00:00.123", "1.234 s", "404 Not Found"/"—", "Failed".
    static QString durationText(std::int64_t nanoseconds);
    static QString stateText(core::CallState state);

private:
    const core::CallFlow& call(int row) const { return m_snapshot->calls()[static_cast<std::size_t>(row)]; }
    QVariant displayData(int row, int column) const;
    QVariant toolTipData(int row, int column) const;
    std::string_view methodOf(const core::CallFlow& call) const;

    core::SnapshotPtr m_snapshot;
    core::DiagnosisPtr m_diagnosis;
};

} // namespace sipladder::models
