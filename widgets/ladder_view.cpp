// SPDX-License-Identifier: Apache-2.0
#include "ladder_view.h"

#include "ladder_painter.h"
#include "message_list_model.h"

#include <QApplication>
#include <QClipboard>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QPainter>
#include <QScrollBar>
#include <QToolTip>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace sipladder::widgets {

namespace {

constexpr qreal kZoomStep = 1.25;

int ceilToInt(qreal value)
{
    return static_cast<int>(std::ceil(value));
}

} // namespace

LadderView::LadderView(QWidget* parent)
    : QAbstractItemView(parent)
    , m_emptyLadder(core::LadderLayout::fromParts({}, {}))
{
    setSelectionMode(SingleSelection);
    setSelectionBehavior(SelectRows);
    setEditTriggers(NoEditTriggers);
    setHorizontalScrollMode(ScrollPerPixel);
    setVerticalScrollMode(ScrollPerPixel);
    setFocusPolicy(Qt::StrongFocus);
    setAutoScroll(true);
    viewport()->setMouseTracking(true);
    viewport()->setAttribute(Qt::WA_OpaquePaintEvent);
    rebuildStyle();
    connect(this, &QAbstractItemView::activated, this, &LadderView::onActivated);
}

LadderView::~LadderView() = default;

void LadderView::setModel(QAbstractItemModel* model)
{
    m_messageModel = qobject_cast<models::MessageListModel*>(model);
    QAbstractItemView::setModel(model);
    relayout();
}

const core::LadderLayout& LadderView::ladder() const
{
    return m_messageModel ? m_messageModel->layout() : m_emptyLadder;
}

void LadderView::rebuildStyle()
{
    m_style = render::LadderStyle(palette(), font());
}

void LadderView::relayout()
{
    m_geometry = render::LadderGeometry(ladder(), m_style, m_geometry.zoom()).fittedToWidth(viewport()->width());
    m_hoveredRow.reset();
    updateGeometries();
    viewport()->update();
}

void LadderView::resizeEvent(QResizeEvent* event)
{
    QAbstractItemView::resizeEvent(event);
    // Spread the lifelines over the width the view has now.
    m_geometry = m_geometry.fittedToWidth(viewport()->width());
    updateGeometries();
    viewport()->update();
}

void LadderView::reset()
{
    m_comparePicked.clear();
    QAbstractItemView::reset();
    relayout();
}

void LadderView::rowsInserted(const QModelIndex& parent, int start, int end)
{
    QAbstractItemView::rowsInserted(parent, start, end);
    relayout();
}

void LadderView::rowsAboutToBeRemoved(const QModelIndex& parent, int start, int end)
{
    m_comparePicked.clear();
    QAbstractItemView::rowsAboutToBeRemoved(parent, start, end);
    // The ladder changes once the rows are gone; measure it on the next layout pass.
    QMetaObject::invokeMethod(this, &LadderView::relayout, Qt::QueuedConnection);
}

std::optional<std::size_t> LadderView::hitTest(QPoint viewportPoint) const
{
    return m_geometry.hitTest(ladder(), QPointF(viewportPoint), QPointF(scrollOffset()));
}

QModelIndex LadderView::indexAt(const QPoint& point) const
{
    if (!model())
        return {};
    const auto row = hitTest(point);
    if (!row || static_cast<int>(*row) >= model()->rowCount(rootIndex()))
        return {};
    return model()->index(static_cast<int>(*row), 0, rootIndex());
}

QRect LadderView::visualRect(const QModelIndex& index) const
{
    if (!index.isValid() || static_cast<std::size_t>(index.row()) >= m_geometry.rowCount())
        return {};
    const auto row = static_cast<std::size_t>(index.row());
    // The whole band: the selection highlight spans the viewport.
    const int top = static_cast<int>(std::floor(m_geometry.rowTop(row))) - verticalOffset();
    return { 0, top, std::max(viewport()->width(), 1), ceilToInt(m_geometry.rowHeight()) };
}

QRect LadderView::arrowRect(const QModelIndex& index) const
{
    if (!index.isValid() || static_cast<std::size_t>(index.row()) >= ladder().rows().size())
        return {};
    const auto row = static_cast<std::size_t>(index.row());
    const QRectF rect = m_geometry.arrowRect(ladder().rows()[row], row).translated(-QPointF(scrollOffset()));
    return rect.toAlignedRect();
}

void LadderView::scrollTo(const QModelIndex& index, ScrollHint hint)
{
    if (!index.isValid() || static_cast<std::size_t>(index.row()) >= ladder().rows().size())
        return;
    const auto row = static_cast<std::size_t>(index.row());
    const QSize size = viewport()->size();
    const qreal header = m_geometry.headerHeight();
    const qreal top = m_geometry.rowTop(row) - header; // scroll value showing the row first
    const qreal bottom = m_geometry.rowBottom(row) - size.height(); // scroll value showing it last
    const int current = verticalOffset();
    qreal target = current;
    switch (hint) {
    case PositionAtTop:
        target = top;
        break;
    case PositionAtBottom:
        target = bottom;
        break;
    case PositionAtCenter:
        target = (top + bottom) / 2;
        break;
    case EnsureVisible:
        if (top < current)
            target = top;
        else if (bottom > current)
            target = bottom;
        break;
    }
    verticalScrollBar()->setValue(static_cast<int>(std::round(target)));

    // Horizontally: the arrow's span, or its start when it is wider than the diagram area.
    const QRectF arrow = m_geometry.arrowRect(ladder().rows()[row], row);
    const qreal visibleLeft = horizontalOffset() + m_geometry.timeColumnWidth();
    const qreal visibleRight = horizontalOffset() + size.width();
    qreal shift = 0;
    if (arrow.right() > visibleRight)
        shift = arrow.right() - visibleRight;
    if (arrow.left() < visibleLeft + shift)
        shift = arrow.left() - visibleLeft;
    if (shift != 0)
        horizontalScrollBar()->setValue(horizontalOffset() + static_cast<int>(std::round(shift)));
}

int LadderView::rowsPerPage() const
{
    const qreal rowsHeight = viewport()->height() - m_geometry.headerHeight();
    return std::max(1, static_cast<int>(rowsHeight / std::max<qreal>(1, m_geometry.rowHeight())));
}

QModelIndex LadderView::moveCursor(CursorAction cursorAction, Qt::KeyboardModifiers)
{
    if (!model())
        return {};
    const int count = model()->rowCount(rootIndex());
    if (count == 0)
        return {};
    const QModelIndex current = currentIndex();
    int row = current.isValid() ? current.row() : -1;
    switch (cursorAction) {
    case MoveUp:
    case MovePrevious:
        row = row < 0 ? 0 : row - 1;
        break;
    case MoveDown:
    case MoveNext:
        row = row + 1;
        break;
    case MovePageUp:
        row = row < 0 ? 0 : row - rowsPerPage();
        break;
    case MovePageDown:
        row = row < 0 ? 0 : row + rowsPerPage();
        break;
    case MoveHome:
        row = 0;
        break;
    case MoveEnd:
        row = count - 1;
        break;
    case MoveLeft:
    case MoveRight:
        row = std::max(row, 0);
        break;
    }
    return model()->index(std::clamp(row, 0, count - 1), current.isValid() ? current.column() : 0, rootIndex());
}

int LadderView::horizontalOffset() const
{
    return horizontalScrollBar()->value();
}

int LadderView::verticalOffset() const
{
    return verticalScrollBar()->value();
}

bool LadderView::isIndexHidden(const QModelIndex&) const
{
    return false;
}

void LadderView::setSelection(const QRect& rect, QItemSelectionModel::SelectionFlags command)
{
    if (!model() || !selectionModel())
        return;
    const render::RowRange rows = m_geometry.visibleRows(QRectF(rect.normalized()), scrollOffset());
    const int count = model()->rowCount(rootIndex());
    const int last = std::min(static_cast<int>(rows.last), count) - 1;
    if (rows.isEmpty() || last < 0) {
        selectionModel()->select(QItemSelection(), command);
        return;
    }
    const int columns = std::max(1, model()->columnCount(rootIndex()));
    const QItemSelection selection(
        model()->index(static_cast<int>(rows.first), 0, rootIndex()), model()->index(last, columns - 1, rootIndex()));
    selectionModel()->select(selection, command);
}

QRegion LadderView::visualRegionForSelection(const QItemSelection& selection) const
{
    const render::RowRange visible = m_geometry.visibleRows(QRectF(viewport()->rect()), scrollOffset());
    QRegion region;
    for (const QItemSelectionRange& range : selection) {
        if (!range.isValid() || range.parent() != rootIndex())
            continue;
        // Only the visible part: a selection of many rows stays a small region.
        const auto first = std::max(static_cast<std::size_t>(range.top()), visible.first);
        const auto last = std::min(static_cast<std::size_t>(range.bottom()) + 1, visible.last);
        if (first >= last)
            continue;
        const int top = static_cast<int>(std::floor(m_geometry.rowTop(first))) - verticalOffset();
        const int bottom = ceilToInt(m_geometry.rowBottom(last - 1)) - verticalOffset();
        region += QRect(0, top, viewport()->width(), bottom - top);
    }
    return region;
}

void LadderView::updateGeometries()
{
    const QSize size = viewport()->size();
    const QSizeF content = m_geometry.contentSize();
    const int rowHeight = std::max(1, ceilToInt(m_geometry.rowHeight()));
    verticalScrollBar()->setRange(0, std::max(0, ceilToInt(content.height()) - size.height()));
    verticalScrollBar()->setPageStep(std::max(rowHeight, size.height() - ceilToInt(m_geometry.headerHeight())));
    verticalScrollBar()->setSingleStep(rowHeight);
    horizontalScrollBar()->setRange(0, std::max(0, ceilToInt(content.width()) - size.width()));
    horizontalScrollBar()->setPageStep(std::max(1, size.width() - ceilToInt(m_geometry.timeColumnWidth())));
    horizontalScrollBar()->setSingleStep(std::max(1, ceilToInt(m_geometry.columnSpacing() / 4)));
    QAbstractItemView::updateGeometries();
}

void LadderView::scrollContentsBy(int dx, int dy)
{
    const QRect all = viewport()->rect();
    if (dx == 0 && dy != 0) {
        // The header stays: move only the rows (time column included, it scrolls vertically).
        const int header = ceilToInt(m_geometry.headerHeight());
        viewport()->scroll(0, dy, QRect(0, header, all.width(), all.height() - header));
    } else if (dx != 0 || dy != 0) {
        // Horizontal scrolls are rare and the time column and the compare marks stay put: repaint.
        viewport()->update();
    }
}

void LadderView::paintEvent(QPaintEvent* event)
{
    QPainter painter(viewport());
    const QRect dirty = event->rect();
    painter.setClipRect(dirty);
    const core::LadderLayout& layout = ladder();
    render::PaintState state;
    state.viewport = QRectF(viewport()->rect());
    state.scrollOffset = QPointF(scrollOffset());
    state.active = hasFocus() && isActiveWindow();
    state.showCallSlots = layout.callIndexes().size() > 1;
    state.hoveredRow = m_hoveredRow;
    state.comparePickedRows = m_comparePicked;
    const render::RowRange rows = m_geometry.visibleRows(QRectF(dirty), state.scrollOffset);
    if (model() && selectionModel()) {
        for (std::size_t row = rows.first; row < rows.last; ++row) {
            if (selectionModel()->isRowSelected(static_cast<int>(row), rootIndex()))
                state.selectedRows.push_back(row);
        }
    }
    const QModelIndex current = currentIndex();
    if (current.isValid())
        state.currentRow = static_cast<std::size_t>(current.row());
    render::LadderPainter(m_geometry).paint(painter, layout, rows, m_style, state);
}

bool LadderView::viewportEvent(QEvent* event)
{
    switch (event->type()) {
    case QEvent::ToolTip: {
        const auto* help = static_cast<QHelpEvent*>(event);
        const auto row = hitTest(help->pos());
        if (!row) {
            QToolTip::hideText();
            event->ignore();
            return true;
        }
        const core::LadderRow& ladderRow = ladder().rows()[*row];
        const std::string& line = ladderRow.firstLine.empty() ? ladderRow.label : ladderRow.firstLine;
        QString text = QString::fromUtf8(line.data(), static_cast<qsizetype>(line.size()));
        if (ladderRow.copies > 1)
            text += QLatin1Char('\n') + tr("Seen %1 times (duplicates folded)").arg(ladderRow.copies);
        if (ladderRow.retransmission)
            text += QLatin1Char('\n') + tr("Retransmission");
        if (!ladderRow.causeBadge.empty())
            text += QLatin1Char('\n')
                + tr("Diagnosis: %1 (Enter shows the explanation)")
                      .arg(QString::fromUtf8(
                          ladderRow.causeBadge.data(), static_cast<qsizetype>(ladderRow.causeBadge.size())));
        QToolTip::showText(help->globalPos(), text, viewport(), arrowRect(model()->index(static_cast<int>(*row), 0)));
        return true;
    }
    case QEvent::Leave:
        setHoveredRow(std::nullopt);
        break;
    default:
        break;
    }
    return QAbstractItemView::viewportEvent(event);
}

void LadderView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::FontChange
        || event->type() == QEvent::StyleChange) {
        rebuildStyle();
        relayout();
    }
    QAbstractItemView::changeEvent(event);
}

void LadderView::keyPressEvent(QKeyEvent* event)
{
    if (event == QKeySequence::Copy) {
        copyFirstLine();
        event->accept();
        return;
    }
    // Ctrl with + (shifted or not, or "=" on the same key), - and 0, on the main keys or the keypad.
    const Qt::KeyboardModifiers modifiers = event->modifiers() & ~Qt::KeypadModifier;
    const bool control = (modifiers & ~Qt::ShiftModifier) == Qt::ControlModifier;
    if (event == QKeySequence::ZoomIn || (control && (event->key() == Qt::Key_Plus || event->key() == Qt::Key_Equal))) {
        zoomIn();
        event->accept();
        return;
    }
    if (event == QKeySequence::ZoomOut || (control && event->key() == Qt::Key_Minus)) {
        zoomOut();
        event->accept();
        return;
    }
    if (control && event->key() == Qt::Key_0) {
        resetZoom();
        event->accept();
        return;
    }
    if (modifiers == Qt::NoModifier || modifiers == Qt::ShiftModifier) {
        if (event->key() == Qt::Key_N) {
            selectNextFailure();
            event->accept();
            return;
        }
        if (event->key() == Qt::Key_P) {
            selectPreviousFailure();
            event->accept();
            return;
        }
    }
    QAbstractItemView::keyPressEvent(event);
}

void LadderView::wheelEvent(QWheelEvent* event)
{
    if (event->modifiers() & Qt::ControlModifier) {
        const int steps = event->angleDelta().y();
        if (steps != 0)
            applyZoom(zoom() * (steps > 0 ? kZoomStep : 1 / kZoomStep), event->position());
        event->accept();
        return;
    }
    QAbstractItemView::wheelEvent(event);
}

void LadderView::mousePressEvent(QMouseEvent* event)
{
    if (event->button() == Qt::LeftButton && (event->modifiers() & Qt::ControlModifier)) {
        const auto picked = hitTest(event->position().toPoint());
        const QModelIndex current = currentIndex();
        if (picked && current.isValid() && selectionModel()->isRowSelected(current.row(), rootIndex())
            && static_cast<std::size_t>(current.row()) != *picked) {
            const auto first = static_cast<std::size_t>(current.row());
            const auto firstMessage = messageIndexOfRow(first);
            const auto secondMessage = messageIndexOfRow(*picked);
            if (firstMessage && secondMessage) {
                for (std::size_t row : m_comparePicked)
                    updateRow(row);
                m_comparePicked = { first, *picked };
                updateRow(first);
                updateRow(*picked);
                Q_EMIT comparePicked(*firstMessage, *secondMessage);
            }
            event->accept();
            return;
        }
    } else if (event->button() == Qt::LeftButton && !m_comparePicked.empty()) {
        for (std::size_t row : m_comparePicked)
            updateRow(row);
        m_comparePicked.clear();
    }
    QAbstractItemView::mousePressEvent(event);
}

void LadderView::mouseMoveEvent(QMouseEvent* event)
{
    setHoveredRow(hitTest(event->position().toPoint()));
    QAbstractItemView::mouseMoveEvent(event);
}

void LadderView::setHoveredRow(std::optional<std::size_t> row)
{
    if (row == m_hoveredRow)
        return;
    if (m_hoveredRow)
        updateRow(*m_hoveredRow);
    m_hoveredRow = row;
    if (m_hoveredRow)
        updateRow(*m_hoveredRow);
}

void LadderView::updateRow(std::size_t row)
{
    if (model() && row < m_geometry.rowCount())
        viewport()->update(visualRect(model()->index(static_cast<int>(row), 0, rootIndex())));
}

std::optional<quint32> LadderView::messageIndexOfRow(std::size_t row) const
{
    if (row >= ladder().rows().size() || ladder().rows()[row].kind != core::LadderRow::Kind::Message)
        return std::nullopt;
    return ladder().rows()[row].index;
}

void LadderView::onActivated(const QModelIndex& index)
{
    if (!index.isValid())
        return;
    if (const auto message = messageIndexOfRow(static_cast<std::size_t>(index.row())))
        Q_EMIT messageActivated(*message);
}

void LadderView::selectRow(std::size_t row)
{
    if (!model() || !selectionModel())
        return;
    const QModelIndex index = model()->index(static_cast<int>(row), 0, rootIndex());
    selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    scrollTo(index, EnsureVisible);
}

void LadderView::selectNextFailure()
{
    const QModelIndex current = currentIndex();
    const auto from = current.isValid() ? std::optional<std::size_t>(current.row()) : std::nullopt;
    if (const auto row = ladder().nextFailure(from))
        selectRow(*row);
}

void LadderView::selectPreviousFailure()
{
    const QModelIndex current = currentIndex();
    // With nothing selected, "previous" starts from the end.
    const auto from = current.isValid() ? std::optional<std::size_t>(current.row()) : std::nullopt;
    if (const auto row = ladder().previousFailure(from))
        selectRow(*row);
}

void LadderView::copyFirstLine()
{
    const QModelIndex current = currentIndex();
    if (!current.isValid() || static_cast<std::size_t>(current.row()) >= ladder().rows().size())
        return;
    const core::LadderRow& row = ladder().rows()[static_cast<std::size_t>(current.row())];
    const std::string& line = row.firstLine.empty() ? row.label : row.firstLine;
    QApplication::clipboard()->setText(QString::fromUtf8(line.data(), static_cast<qsizetype>(line.size())));
}

void LadderView::zoomIn()
{
    setZoom(zoom() * kZoomStep);
}

void LadderView::zoomOut()
{
    setZoom(zoom() / kZoomStep);
}

void LadderView::resetZoom()
{
    setZoom(1.0);
}

void LadderView::setZoom(qreal zoom)
{
    // Keep the current row in place if it is on screen, else the middle of the viewport.
    QPointF anchor(viewport()->width() / 2.0, viewport()->height() / 2.0);
    const QModelIndex current = currentIndex();
    if (current.isValid()) {
        const QRect rect = visualRect(current);
        if (rect.intersects(viewport()->rect()))
            anchor.setY(rect.center().y());
    }
    applyZoom(zoom, anchor);
}

void LadderView::applyZoom(qreal zoom, QPointF anchor)
{
    const qreal clamped = render::LadderGeometry::clampZoom(zoom);
    if (qFuzzyCompare(clamped, m_geometry.zoom()))
        return;
    // The anchor in ladder units (rows, lifeline spacings), so it maps back after the zoom.
    const qreal header = m_geometry.headerHeight();
    const qreal timeWidth = m_geometry.timeColumnWidth();
    const qreal rowUnits = (anchor.y() + verticalOffset() - header) / m_geometry.rowHeight();
    const qreal columnUnits = (anchor.x() + horizontalOffset() - timeWidth) / m_geometry.columnSpacing();
    m_geometry = m_geometry.zoomed(clamped);
    updateGeometries();
    verticalScrollBar()->setValue(
        static_cast<int>(std::round(header + rowUnits * m_geometry.rowHeight() - anchor.y())));
    if (anchor.x() >= timeWidth) {
        horizontalScrollBar()->setValue(
            static_cast<int>(std::round(timeWidth + columnUnits * m_geometry.columnSpacing() - anchor.x())));
    }
    viewport()->update();
    Q_EMIT zoomChanged(m_geometry.zoom());
}

} // namespace sipladder::widgets
