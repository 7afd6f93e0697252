// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "call_list_model.h"

#include <QAbstractProxyModel>
#include <QList>
#include <QPointer>
#include <QString>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sipladder::models {

// What the call list shows. All conditions must hold for a call to be listed.
struct CallListFilter {
    QString text; // case-insensitive substring of the column texts (and the Call-ID); empty: any
    int column = -1; // the column `text` must match in; -1: any column or the Call-ID
    bool failedOnly = false; // failed calls as CONTRACT.md counts them (cancelled included)
    bool inviteOnly = false; // calls whose first request is an INVITE
    bool hideRegisterOptions = false; // no REGISTER or OPTIONS calls
    std::optional<core::Cause> cause; // only calls whose initial failure has this cause (the Diagnosis column)
    std::optional<QList<quint32>> calls; // only these call indexes (the raw message text search)

    bool operator==(const CallListFilter&) const = default;
};

// Sorting and filtering for CallListModel, fast enough for hundreds of thousands of calls: when a
// snapshot arrives it builds, once, the ascending order of the calls by every column (numbers and
// addresses compared as such, texts case-insensitively) and one lower-case text per call holding
// every column's filter text. Sorting is then a walk over a ready order, filtering one substring
// search through that text plus a pass over per-call flags. A flat table: it maps rows only.
//
// Sorting keeps the rows and moves them (layoutChanged, persistent indexes follow); a filter change
// resets the model. Ties keep snapshot order (the order of first messages), in either direction.
class CallListProxyModel : public QAbstractProxyModel {
    Q_OBJECT

public:
    explicit CallListProxyModel(QObject* parent = nullptr);
    ~CallListProxyModel() override;

    // The source must be a CallListModel (anything else is shown as empty).
    void setSourceModel(QAbstractItemModel* sourceModel) override;
    CallListModel* callListModel() const { return m_source; }

    // Column -1 restores snapshot order. Also what a view's header click calls.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_sortOrder; }

    const CallListFilter& filter() const { return m_filter; }
    void setFilter(const CallListFilter& filter);
    void setFilterText(const QString& text);
    void setFilterColumn(int column);
    void setFailedOnly(bool on);
    void setInviteOnly(bool on);
    void setHideRegisterOptions(bool on);
    void setCause(std::optional<core::Cause> cause);
    // By cause id ("number-format"); an empty or unknown id lists calls of any diagnosis.
    void setCauseId(const QString& causeId);
    void setCallRestriction(const QList<quint32>& calls);
    void clearCallRestriction();

    // The call index shown in a row; the row of a call index, or -1 when it is filtered out.
    quint32 callIndex(int row) const;
    int rowOfCall(quint32 callIndex) const;
    // The rows of the other legs of the conversation of the call in `row` (CallFlow::linkedCalls,
    // followed transitively), ascending; legs filtered out are left out.
    QList<int> rowsOfLinkedCalls(int row) const;

    QModelIndex mapToSource(const QModelIndex& proxyIndex) const override;
    QModelIndex mapFromSource(const QModelIndex& sourceIndex) const override;
    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    QModelIndex sibling(int row, int column, const QModelIndex& index) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    bool hasChildren(const QModelIndex& parent = {}) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    // After the rows changed because the filter did (the model was reset), or a new snapshot
    // dropped the call restriction.
    void filterChanged();

private:
    // The ascending order of all calls by one column, and where runs of equal keys start in it
    // (a descending order reverses the runs but keeps each run in snapshot order).
    struct ColumnOrder {
        std::vector<std::uint32_t> rows;
        std::vector<bool> runStart;
    };

    void sourceAboutToBeReset();
    void sourceReset();
    void buildKeys();
    void buildColumnOrder(int column);
    void buildHaystack();
    void computeTextMatches();
    void computeSortedRows();
    void computeVisibleRows();
    void applyFilter(const CallListFilter& filter);
    int sourceRowCount() const;

    QPointer<CallListModel> m_source;
    QList<QMetaObject::Connection> m_connections;

    int m_sortColumn = -1;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
    CallListFilter m_filter;

    std::array<ColumnOrder, CallListModel::ColumnCount> m_orders;
    std::vector<std::uint8_t> m_flags; // RowFlag bits per source row
    std::vector<std::uint8_t> m_causes; // core::Cause of each source row's initial failure; kNoCause when none
    // Every call's filter texts, lower-case, fields separated by kFieldSeparator; call r owns
    // [m_rowStarts[r], m_rowStarts[r + 1]).
    std::string m_haystack;
    std::vector<std::uint32_t> m_rowStarts;
    std::vector<std::uint8_t> m_textMatches; // per source row; empty when the text is empty
    std::vector<std::uint8_t> m_restriction; // per source row; empty when there is no restriction

    std::vector<std::uint32_t> m_sortedRows; // all source rows in the current order
    std::vector<std::uint32_t> m_proxyToSource; // the visible ones
    std::vector<std::int32_t> m_sourceToProxy; // -1 when filtered out
};

} // namespace sipladder::models
