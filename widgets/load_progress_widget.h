// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QElapsedTimer>
#include <QTimer>
#include <QWidget>

class QLabel;
class QProgressBar;
class QToolButton;

namespace sipladder::widgets {

// The status-bar progress of a load: stage text, a percentage bar, the time left and a Cancel
// button. It appears only when a load lasts longer than half a second, so short loads do not flash.
class LoadProgressWidget : public QWidget {
    Q_OBJECT

public:
    explicit LoadProgressWidget(QWidget* parent = nullptr);

    static constexpr int kShowDelayMs = 500;

    // The same widget shows an export's progress; its Cancel then says what it stops.
    void setCancelToolTip(const QString& toolTip);

public Q_SLOTS:
    void start();
    void setProgress(int permille, const QString& stage);
    void finish();

Q_SIGNALS:
    void cancelRequested();

private:
    QLabel* m_stage;
    QProgressBar* m_bar;
    QLabel* m_remaining;
    QToolButton* m_cancel;
    QTimer m_showTimer;
    QElapsedTimer m_elapsed;
};

} // namespace sipladder::widgets
