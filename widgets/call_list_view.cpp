// SPDX-License-Identifier: Apache-2.0
#include "call_list_view.h"

#include "call_list_model.h"
#include "call_list_proxy_model.h"
#include "flow/outcome.h"
#include "model_roles.h"

#include <QAction>
#include <QDataStream>
#include <QFontMetrics>
#include <QHeaderView>
#include <QIODevice>
#include <QItemSelection>
#include <QMenu>
#include <QPalette>
#include <QStyledItemDelegate>

#include <algorithm>
#include <utility>

namespace sipladder::widgets {

namespace {

using models::CallListModel;

// The same reds and taupes as the ladder's Error and Cancelled tones, so a call looks the same in
// the list and on its ladder.
constexpr QRgb kErrorLight = 0xd32f2f;
constexpr QRgb kErrorDark = 0xff5f57;
constexpr QRgb kCancelledLight = 0x7a6a58;
constexpr QRgb kCancelledDark = 0xb3a492;

constexpr quint32 kStateMagic = 0x534c434c; // "SLCL"
constexpr quint16 kStateVersion = 1;

// Failed calls in the error colour; the row keeps the palette's highlighted text when selected.
class CallListDelegate : public QStyledItemDelegate {
public:
    using QStyledItemDelegate::QStyledItemDelegate;

protected:
    void initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        const QVariant outcome = index.data(models::CallOutcomeRole);
        if (!outcome.isValid())
            return;
        const auto value = static_cast<core::Outcome>(outcome.toInt());
        if (core::isErrorOutcome(value))
            option->palette.setColor(QPalette::Text, CallListView::errorColor(option->palette));
        else if (value == core::Outcome::Cancelled)
            option->palette.setColor(QPalette::Text, CallListView::cancelledColor(option->palette));
    }
};

} // namespace

CallListView::CallListView(QWidget* parent)
    : QTreeView(parent)
{
    setRootIsDecorated(false);
    setItemsExpandable(false);
    setUniformRowHeights(true);
    setAllColumnsShowFocus(true);
    setAlternatingRowColors(true);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setItemDelegate(new CallListDelegate(this));
    header()->setSectionsMovable(true);
    header()->setStretchLastSection(true);
    header()->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(header(), &QWidget::customContextMenuRequested, this, &CallListView::showHeaderMenu);

    auto* linked = new QAction(tr("Select Linked Legs"), this);
    linked->setToolTip(tr("Add the other legs of the current call (B2BUA/SBC) to the selection"));
    connect(linked, &QAction::triggered, this, &CallListView::selectLinkedLegs);
    addAction(linked);
    setContextMenuPolicy(Qt::ActionsContextMenu);
}

void CallListView::setModel(QAbstractItemModel* model)
{
    for (const auto& connection : std::as_const(m_connections))
        disconnect(connection);
    m_connections.clear();
    m_keptSelection.clear();
    m_keptSnapshot.reset();
    QTreeView::setModel(model);
    m_proxy = qobject_cast<models::CallListProxyModel*>(model);
    if (model) {
        // Connected after the view's and the selection model's own handlers, so these run last.
        m_connections.append(
            connect(model, &QAbstractItemModel::modelAboutToBeReset, this, &CallListView::rememberSelection));
        m_connections.append(connect(model, &QAbstractItemModel::modelReset, this, &CallListView::restoreSelection));
    }
    applyDefaultColumnWidths();
    if (m_proxy) {
        bool restored = false;
        if (!m_pendingState.isEmpty())
            restored = restoreState(std::exchange(m_pendingState, QByteArray()));
        if (!restored && !isSortingEnabled())
            header()->setSortIndicator(CallListModel::Start, Qt::AscendingOrder);
        // Enabling sorting sorts by the indicator at once, through the proxy.
        setSortingEnabled(true);
    }
    reportSelection();
}

QByteArray CallListView::saveState() const
{
    QByteArray state;
    QDataStream stream(&state, QIODevice::WriteOnly);
    stream.setVersion(QDataStream::Qt_6_4);
    stream << kStateMagic << kStateVersion << qint32(model() ? model()->columnCount() : 0) << header()->saveState();
    return state;
}

bool CallListView::restoreState(const QByteArray& state)
{
    if (state.isEmpty())
        return false;
    if (!model()) {
        m_pendingState = state;
        return true;
    }
    QDataStream stream(state);
    stream.setVersion(QDataStream::Qt_6_4);
    quint32 magic = 0;
    quint16 version = 0;
    qint32 columns = 0;
    QByteArray headerState;
    stream >> magic >> version >> columns >> headerState;
    if (stream.status() != QDataStream::Ok || magic != kStateMagic || version != kStateVersion
        || columns != model()->columnCount())
        return false;
    if (!header()->restoreState(headerState))
        return false;
    // The header restores its sort indicator without telling anyone: sort to match it.
    if (isSortingEnabled())
        sortByColumn(header()->sortIndicatorSection(), header()->sortIndicatorOrder());
    return true;
}

QList<quint32> CallListView::selectedCallIndexes() const
{
    QList<quint32> calls;
    if (!selectionModel() || !model())
        return calls;
    std::vector<int> rows;
    for (const QItemSelectionRange& range : selectionModel()->selection()) {
        for (int row = range.top(); row <= range.bottom(); ++row)
            rows.push_back(row);
    }
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    calls.reserve(static_cast<qsizetype>(rows.size()));
    for (const int row : rows) {
        if (m_proxy) {
            calls.append(m_proxy->callIndex(row));
        } else {
            const QVariant call = model()->index(row, 0).data(models::CallIndexRole);
            if (call.isValid())
                calls.append(call.value<quint32>());
        }
    }
    return calls;
}

void CallListView::selectCalls(const QList<quint32>& callIndexes)
{
    if (!m_proxy || !selectionModel())
        return;
    std::vector<int> rows;
    for (const quint32 call : callIndexes) {
        const int row = m_proxy->rowOfCall(call);
        if (row >= 0)
            rows.push_back(row);
    }
    const int firstRow = rows.empty() ? -1 : rows.front();
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    QItemSelection selection;
    const int lastColumn = m_proxy->columnCount() - 1;
    for (std::size_t i = 0; i < rows.size();) {
        std::size_t j = i;
        while (j + 1 < rows.size() && rows[j + 1] == rows[j] + 1)
            ++j;
        selection.select(m_proxy->index(rows[i], 0), m_proxy->index(rows[j], lastColumn));
        i = j + 1;
    }
    selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    if (firstRow >= 0)
        selectionModel()->setCurrentIndex(m_proxy->index(firstRow, 0), QItemSelectionModel::NoUpdate);
}

void CallListView::selectLinkedLegs()
{
    if (!m_proxy || !selectionModel())
        return;
    const QModelIndex current = currentIndex();
    if (!current.isValid())
        return;
    QItemSelection selection;
    const int lastColumn = m_proxy->columnCount() - 1;
    const auto rows = m_proxy->rowsOfLinkedCalls(current.row());
    for (const int row : rows)
        selection.select(m_proxy->index(row, 0), m_proxy->index(row, lastColumn));
    if (!selection.isEmpty())
        selectionModel()->select(selection, QItemSelectionModel::Select | QItemSelectionModel::Rows);
}

bool CallListView::isDarkPalette(const QPalette& palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

QColor CallListView::errorColor(const QPalette& palette)
{
    return QColor(isDarkPalette(palette) ? kErrorDark : kErrorLight);
}

QColor CallListView::cancelledColor(const QPalette& palette)
{
    return QColor(isDarkPalette(palette) ? kCancelledDark : kCancelledLight);
}

void CallListView::selectionChanged(const QItemSelection& selected, const QItemSelection& deselected)
{
    QTreeView::selectionChanged(selected, deselected);
    if (!m_restoring)
        reportSelection();
}

void CallListView::rememberSelection()
{
    m_keptSelection = selectedCallIndexes();
    const QModelIndex current = currentIndex();
    m_keptCurrent = current.isValid() && m_proxy ? m_proxy->callIndex(current.row()) : 0xFFFFFFFFu;
    m_keptSnapshot = m_proxy && m_proxy->callListModel() ? m_proxy->callListModel()->snapshot() : nullptr;
}

void CallListView::restoreSelection()
{
    const core::SnapshotPtr snapshot
        = m_proxy && m_proxy->callListModel() ? m_proxy->callListModel()->snapshot() : nullptr;
    // Only a filter change keeps the selection: call indexes of another snapshot mean nothing.
    if (snapshot && snapshot == m_keptSnapshot && !m_keptSelection.isEmpty()) {
        m_restoring = true;
        QList<quint32> calls = m_keptSelection;
        // The current call first, so that it stays current.
        if (const auto at = calls.indexOf(m_keptCurrent); at > 0)
            calls.move(at, 0);
        selectCalls(calls);
        m_restoring = false;
        if (const QModelIndex current = currentIndex(); current.isValid())
            scrollTo(current);
    }
    m_keptSelection.clear();
    m_keptSnapshot.reset();
    reportSelection();
}

void CallListView::reportSelection()
{
    QList<quint32> calls = selectedCallIndexes();
    if (calls == m_reported)
        return;
    m_reported = calls;
    Q_EMIT callsSelected(calls);
}

void CallListView::applyDefaultColumnWidths()
{
    if (!model())
        return;
    // Room for typical values, from the font (never fixed pixels): users can resize, and the
    // header state keeps their widths.
    const QFontMetrics metrics(font());
    const QFontMetrics headerMetrics(header()->font());
    // A little more than one em: the Diagnosis column still fits a 1400-pixel window.
    const int padding = metrics.horizontalAdvance(QLatin1Char('M')) * 5 / 4;
    auto sample = [](int column) -> QString {
        switch (column) {
        case CallListModel::Start:
            return QStringLiteral("00:00:00.000");
        case CallListModel::Method:
            return QStringLiteral("SUBSCRIBE");
        case CallListModel::From:
        case CallListModel::To:
            return QStringLiteral("+441234567890");
        case CallListModel::RequestUri:
            return QStringLiteral("sip:+441234567890@pbx.example.com");
        case CallListModel::Source:
        case CallListModel::Destination:
            return QStringLiteral("192.168.100.200:5060");
        case CallListModel::Messages:
            return QStringLiteral("0000");
        case CallListModel::Duration:
            return QStringLiteral("0000.000 s");
        case CallListModel::Final:
            return QStringLiteral("487 Request Terminated");
        case CallListModel::State:
            return QStringLiteral("In progress");
        case CallListModel::Diagnosis:
            return QStringLiteral("service-unavailable");
        default:
            return QStringLiteral("MMMMMMMMMM");
        }
    };
    for (int column = 0; column < model()->columnCount(); ++column) {
        const QString title = model()->headerData(column, Qt::Horizontal).toString();
        const int width = std::max(metrics.horizontalAdvance(sample(column)), headerMetrics.horizontalAdvance(title));
        setColumnWidth(column, width + padding);
    }
}

void CallListView::showHeaderMenu(const QPoint& position)
{
    if (!model())
        return;
    QMenu menu(this);
    const int columns = model()->columnCount();
    int visible = 0;
    for (int column = 0; column < columns; ++column)
        visible += header()->isSectionHidden(column) ? 0 : 1;
    for (int column = 0; column < columns; ++column) {
        QAction* action = menu.addAction(model()->headerData(column, Qt::Horizontal).toString());
        action->setCheckable(true);
        action->setChecked(!header()->isSectionHidden(column));
        // Never hide the last visible column: the header would vanish with it.
        action->setEnabled(header()->isSectionHidden(column) || visible > 1);
        connect(action, &QAction::toggled, this, [this, column](bool on) { header()->setSectionHidden(column, !on); });
    }
    menu.exec(header()->mapToGlobal(position));
}

} // namespace sipladder::widgets
