// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "report_exporter.h"

#include <QDialog>
#include <QString>

class QButtonGroup;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;

namespace sipladder::widgets {

// File › Export…: what to write (format), which calls (the selected ones, the failed ones, all),
// whether to redact, and where. It only asks; the window runs the export. The output path follows
// the format (its extension) until the user types or browses one of their own.
class ExportDialog : public QDialog {
    Q_OBJECT

public:
    enum class Scope { Selected, Failed, All };

    explicit ExportDialog(QWidget* parent = nullptr);

    // The counts shown in the scope labels ("Failed calls (3)"); a scope without calls is disabled.
    // Chooses the selected calls when there are, else the failed ones, else all.
    void setCallCounts(int selected, int failed, int all);
    // The default output: `directory`/`baseName`-report.html, -ladder.svg, -calls.pcap…
    void setDefaultLocation(const QString& directory, const QString& baseName);

    render::ExportFormat format() const;
    void setFormat(render::ExportFormat format);
    Scope scope() const;
    // Ignored for a scope that has no calls.
    void setScope(Scope scope);
    bool redact() const;
    void setRedact(bool redact);
    QString outputPath() const;
    void setOutputPath(const QString& path);
    int callCount(Scope scope) const;

    // "HTML report", "PNG image of the ladder"…
    static QString formatTitle(render::ExportFormat format);
    // "trunk-404-report.html", "trunk-404-ladder-redacted.png"…
    static QString defaultFileName(const QString& baseName, render::ExportFormat format, bool redact);

public Q_SLOTS:
    void accept() override;

private:
    void browse();
    void updateForFormat();
    void updateDefaultPath();
    void updateExportButton();
    QString fileFilter() const;

    QComboBox* m_format;
    QLabel* m_formatHint;
    QButtonGroup* m_scopeGroup;
    QRadioButton* m_selected;
    QRadioButton* m_failed;
    QRadioButton* m_all;
    QCheckBox* m_redact;
    QLabel* m_redactHint;
    QLineEdit* m_path;
    QPushButton* m_browse;
    QPushButton* m_export;

    int m_counts[3] = { 0, 0, 0 };
    QString m_directory;
    QString m_baseName;
    bool m_customPath = false; // typed or browsed: only its extension follows the format
    QString m_confirmedPath; // already confirmed for overwriting in the file chooser
};

} // namespace sipladder::widgets
