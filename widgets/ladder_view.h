// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "ladder_geometry.h"
#include "ladder_style.h"
#include "layout/ladder_layout.h"

#include <QAbstractItemView>

#include <optional>
#include <vector>

namespace sipladder::models {
class MessageListModel;
}

namespace sipladder::widgets {

// The SIP ladder of the selected calls, as a view over MessageListModel: one model row per arrow, so
// a table of the same model and this view share one selection model. Geometry comes from
// render::LadderGeometry and painting from render::LadderPainter; only the visible rows are painted.
//
// Mouse: click an arrow (or its label, or its time) to select its row; Ctrl+click a second arrow to
// pick two messages to compare; double-click or Enter activates a message (a failure's arrow: its
// explanation); Ctrl+wheel zooms. A failure's final response carries its cause badge.
// Keys: Up/Down, Home/End, PgUp/PgDn, N/P (next/previous failure), Ctrl+C (copy the first line),
// Ctrl+plus/minus/0 (zoom).
class LadderView : public QAbstractItemView {
    Q_OBJECT

public:
    explicit LadderView(QWidget* parent = nullptr);
    ~LadderView() override;

    // Any model can be set, but only a MessageListModel has a ladder to draw.
    void setModel(QAbstractItemModel* model) override;

    QRect visualRect(const QModelIndex& index) const override;
    void scrollTo(const QModelIndex& index, ScrollHint hint = EnsureVisible) override;
    QModelIndex indexAt(const QPoint& point) const override;

    // The arrow (with its label) of a row in viewport coordinates: what a click must hit.
    QRect arrowRect(const QModelIndex& index) const;
    qreal zoom() const { return m_geometry.zoom(); }
    const render::LadderGeometry& ladderGeometry() const { return m_geometry; }
    const render::LadderStyle& ladderStyle() const { return m_style; }
    // The content point at the top-left of the viewport (beside the fixed header and time column).
    QPoint scrollOffset() const { return { horizontalOffset(), verticalOffset() }; }
    // The two rows last picked with Ctrl+click, in order.
    const std::vector<std::size_t>& comparePickedRows() const { return m_comparePicked; }

public Q_SLOTS:
    void zoomIn();
    void zoomOut();
    void resetZoom();
    void setZoom(qreal zoom);
    void selectNextFailure();
    void selectPreviousFailure();
    // Copies the first line of the current message (its start line) to the clipboard.
    void copyFirstLine();

Q_SIGNALS:
    void messageActivated(quint32 messageIndex);
    void comparePicked(quint32 firstMessageIndex, quint32 secondMessageIndex);
    void zoomChanged(qreal zoom);

protected:
    QModelIndex moveCursor(CursorAction cursorAction, Qt::KeyboardModifiers modifiers) override;
    int horizontalOffset() const override;
    int verticalOffset() const override;
    bool isIndexHidden(const QModelIndex& index) const override;
    void setSelection(const QRect& rect, QItemSelectionModel::SelectionFlags command) override;
    QRegion visualRegionForSelection(const QItemSelection& selection) const override;
    void updateGeometries() override;
    void scrollContentsBy(int dx, int dy) override;

    void reset() override;
    void rowsInserted(const QModelIndex& parent, int start, int end) override;
    void rowsAboutToBeRemoved(const QModelIndex& parent, int start, int end) override;

    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    bool viewportEvent(QEvent* event) override;
    void changeEvent(QEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void wheelEvent(QWheelEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;

private:
    const core::LadderLayout& ladder() const;
    // Measures the ladder again (model reset, font or palette change) and repaints.
    void relayout();
    void rebuildStyle();
    // Zooms keeping the content under `anchor` (a viewport point) in place.
    void applyZoom(qreal zoom, QPointF anchor);
    void selectRow(std::size_t row);
    void setHoveredRow(std::optional<std::size_t> row);
    void updateRow(std::size_t row);
    void onActivated(const QModelIndex& index);
    std::optional<std::size_t> hitTest(QPoint viewportPoint) const;
    std::optional<quint32> messageIndexOfRow(std::size_t row) const;
    int rowsPerPage() const;

    models::MessageListModel* m_messageModel = nullptr;
    core::LadderLayout m_emptyLadder;
    render::LadderStyle m_style;
    render::LadderGeometry m_geometry;
    std::optional<std::size_t> m_hoveredRow;
    std::vector<std::size_t> m_comparePicked;
};

} // namespace sipladder::widgets
