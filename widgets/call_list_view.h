// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "load/capture_loader.h"

#include <QByteArray>
#include <QColor>
#include <QList>
#include <QTreeView>

class QPalette;

namespace sipladder::models {
class CallListProxyModel;
} // namespace sipladder::models

namespace sipladder::widgets {

// The call list: a flat, sortable table over CallListProxyModel (header clicks sort through the
// proxy's precomputed keys), several calls selectable at once, failed calls in the error colour
// (a caller's own cancel in a quieter one, as on the ladder). The selection survives filter
// changes: calls still listed stay selected. Hide or show columns from the header's context menu.
class CallListView : public QTreeView {
    Q_OBJECT

public:
    explicit CallListView(QWidget* parent = nullptr);

    // Expects a CallListProxyModel; another model works as a plain table without the extras.
    void setModel(QAbstractItemModel* model) override;
    models::CallListProxyModel* proxyModel() const { return m_proxy; }

    // Column order, widths, hidden columns and the sort, for QSettings. restoreState() ignores a
    // state saved with another set of columns and returns false then.
    QByteArray saveState() const;
    bool restoreState(const QByteArray& state);

    // The selected calls, top to bottom.
    QList<quint32> selectedCallIndexes() const;
    // Selects these calls (those listed), making the first one current.
    void selectCalls(const QList<quint32>& callIndexes);

    // Qt 6.4 has no colour scheme hint: a palette is dark when its window colour is.
    static bool isDarkPalette(const QPalette& palette);
    // Failed calls (the ladder's error red, readable on the palette's base colour).
    static QColor errorColor(const QPalette& palette);
    // Calls the caller cancelled: failed as CONTRACT.md counts them, but informational.
    static QColor cancelledColor(const QPalette& palette);

public Q_SLOTS:
    // Adds the other legs of the current call (B2BUA/SBC, CallFlow::linkedCalls) to the selection.
    void selectLinkedLegs();

Q_SIGNALS:
    // The selected calls changed (top to bottom); empty when none is selected.
    void callsSelected(const QList<quint32>& callIndexes);

protected:
    void selectionChanged(const QItemSelection& selected, const QItemSelection& deselected) override;

private:
    void rememberSelection();
    void restoreSelection();
    void reportSelection();
    void applyDefaultColumnWidths();
    void showHeaderMenu(const QPoint& position);

    models::CallListProxyModel* m_proxy = nullptr;
    QList<QMetaObject::Connection> m_connections;
    // Kept across a model reset, so that a filter change keeps what is still listed selected.
    QList<quint32> m_keptSelection;
    quint32 m_keptCurrent = 0xFFFFFFFFu;
    core::SnapshotPtr m_keptSnapshot;
    QList<quint32> m_reported;
    bool m_restoring = false;
    QByteArray m_pendingState;
};

} // namespace sipladder::widgets
