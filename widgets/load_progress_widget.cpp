// SPDX-License-Identifier: Apache-2.0
#include "load_progress_widget.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QToolButton>

namespace sipladder::widgets {

LoadProgressWidget::LoadProgressWidget(QWidget* parent)
    : QWidget(parent)
    , m_stage(new QLabel(this))
    , m_bar(new QProgressBar(this))
    , m_remaining(new QLabel(this))
    , m_cancel(new QToolButton(this))
{
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stage);
    layout->addWidget(m_bar);
    layout->addWidget(m_remaining);
    layout->addWidget(m_cancel);
    m_bar->setRange(0, 1000);
    m_bar->setTextVisible(true);
    m_bar->setMaximumWidth(fontMetrics().horizontalAdvance(QLatin1Char('M')) * 16);
    m_cancel->setText(tr("Cancel"));
    m_cancel->setToolTip(tr("Stop loading (what was read so far is discarded)"));
    m_cancel->setAutoRaise(true);
    connect(m_cancel, &QToolButton::clicked, this, &LoadProgressWidget::cancelRequested);
    m_showTimer.setSingleShot(true);
    m_showTimer.setInterval(kShowDelayMs);
    connect(&m_showTimer, &QTimer::timeout, this, &QWidget::show);
    hide();
}

void LoadProgressWidget::setCancelToolTip(const QString& toolTip)
{
    m_cancel->setToolTip(toolTip);
}

void LoadProgressWidget::start()
{
    m_elapsed.start();
    m_stage->setText(tr("Opening…"));
    m_bar->setValue(0);
    m_bar->setFormat(QStringLiteral("0%"));
    m_remaining->clear();
    m_showTimer.start();
}

void LoadProgressWidget::setProgress(int permille, const QString& stage)
{
    m_stage->setText(stage);
    m_bar->setValue(permille);
    m_bar->setFormat(QStringLiteral("%1%").arg(permille / 10));
    // The time left, extrapolated from the bytes read so far, once there is something to go by.
    const qint64 elapsed = m_elapsed.isValid() ? m_elapsed.elapsed() : 0;
    if (permille >= 20 && permille < 1000 && elapsed > 1000) {
        const qint64 remainingSeconds = elapsed * (1000 - permille) / permille / 1000;
        m_remaining->setText(tr("about %1 s left").arg(remainingSeconds + 1));
    } else {
        m_remaining->clear();
    }
}

void LoadProgressWidget::finish()
{
    m_showTimer.stop();
    hide();
}

} // namespace sipladder::widgets
