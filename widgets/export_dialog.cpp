// SPDX-License-Identifier: Apache-2.0
#include "export_dialog.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QRadioButton>
#include <QStyle>
#include <QVBoxLayout>

#include <array>

namespace sipladder::widgets {

namespace {

constexpr std::array kFormats = { render::ExportFormat::Html, render::ExportFormat::Pdf, render::ExportFormat::Svg,
    render::ExportFormat::Png, render::ExportFormat::Text, render::ExportFormat::Json, render::ExportFormat::Pcap };

QString extension(render::ExportFormat format)
{
    const auto name = render::exportFormatName(format);
    return QString::fromLatin1(name.data(), static_cast<qsizetype>(name.size()));
}

bool isExportExtension(const QString& suffix)
{
    return render::parseExportFormat(suffix.toLower().toStdString()).has_value();
}

// What each format holds, so that the choice is never a guess.
QString formatHint(render::ExportFormat format)
{
    switch (format) {
    case render::ExportFormat::Html:
        return QObject::tr("A self-contained page for any browser: each call's ladder, diagnosis, evidence, "
                           "Request-URI diff and messages.");
    case render::ExportFormat::Pdf:
        return QObject::tr("The HTML report's content on numbered pages, for printing or attaching to a ticket.");
    case render::ExportFormat::Svg:
        return QObject::tr("The calls drawn as one ladder, as vector graphics that scale without blurring.");
    case render::ExportFormat::Png:
        return QObject::tr("The calls drawn as one ladder, as a picture for a chat or a slide.");
    case render::ExportFormat::Text:
        return QObject::tr("An ASCII ladder and the diagnosis, for pasting into a ticket or a chat.");
    case render::ExportFormat::Json:
        return QObject::tr("The full analysis (calls, messages, diagnosis) for scripts and tools.");
    case render::ExportFormat::Pcap:
        return QObject::tr("The calls' packets for Wireshark or sngrep; synthesised from the messages for a text "
                           "log or when redacting.");
    }
    return {};
}

} // namespace

ExportDialog::ExportDialog(QWidget* parent)
    : QDialog(parent)
    , m_format(new QComboBox(this))
    , m_formatHint(new QLabel(this))
    , m_scopeGroup(new QButtonGroup(this))
    , m_selected(new QRadioButton(this))
    , m_failed(new QRadioButton(this))
    , m_all(new QRadioButton(this))
    , m_redact(new QCheckBox(tr("&Redact numbers, names, addresses and Call-IDs"), this))
    , m_redactHint(new QLabel(this))
    , m_path(new QLineEdit(this))
    , m_browse(new QPushButton(tr("&Browse…"), this))
    , m_export(nullptr)
{
    setWindowTitle(tr("Export"));

    for (const auto format : kFormats)
        m_format->addItem(tr("%1 (.%2)").arg(formatTitle(format), extension(format)), static_cast<int>(format));
    m_format->setObjectName(QStringLiteral("exportFormat"));

    // Explanations wrap under their control in the secondary text colour, like a platform dialog's.
    for (auto* hint : { m_formatHint, m_redactHint }) {
        hint->setWordWrap(true);
        hint->setForegroundRole(QPalette::PlaceholderText);
        hint->setTextFormat(Qt::PlainText);
    }
    m_redactHint->setText(tr("Each value gets the same placeholder everywhere in the file, so the ladder and "
                             "the diff still read."));
    m_redact->setObjectName(QStringLiteral("exportRedact"));
    // The hint lines up with the check box's text, not its box.
    const int indicator = style()->pixelMetric(QStyle::PM_IndicatorWidth, nullptr, m_redact)
        + style()->pixelMetric(QStyle::PM_CheckBoxLabelSpacing, nullptr, m_redact);
    m_redactHint->setContentsMargins(indicator, 0, 0, 0);

    m_selected->setObjectName(QStringLiteral("exportScopeSelected"));
    m_failed->setObjectName(QStringLiteral("exportScopeFailed"));
    m_all->setObjectName(QStringLiteral("exportScopeAll"));
    m_scopeGroup->addButton(m_selected, static_cast<int>(Scope::Selected));
    m_scopeGroup->addButton(m_failed, static_cast<int>(Scope::Failed));
    m_scopeGroup->addButton(m_all, static_cast<int>(Scope::All));
    auto* scopes = new QVBoxLayout;
    scopes->setSpacing(2);
    scopes->addWidget(m_selected);
    scopes->addWidget(m_failed);
    scopes->addWidget(m_all);

    auto* redaction = new QVBoxLayout;
    redaction->setSpacing(2);
    redaction->addWidget(m_redact);
    redaction->addWidget(m_redactHint);

    auto* formatBox = new QVBoxLayout;
    formatBox->setSpacing(2);
    formatBox->addWidget(m_format);
    formatBox->addWidget(m_formatHint);

    m_path->setObjectName(QStringLiteral("exportPath"));
    m_path->setMinimumWidth(fontMetrics().horizontalAdvance(QLatin1Char('x')) * 50);
    m_path->setClearButtonEnabled(true);
    auto* pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(m_browse);

    auto* form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    form->addRow(tr("&Format:"), formatBox);
    form->addRow(tr("Calls:"), scopes);
    form->addRow(tr("Privacy:"), redaction);
    form->addRow(tr("&Save to:"), pathRow);
    qobject_cast<QLabel*>(form->labelForField(formatBox))->setBuddy(m_format);
    qobject_cast<QLabel*>(form->labelForField(pathRow))->setBuddy(m_path);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_export = buttons->addButton(tr("&Export"), QDialogButtonBox::AcceptRole);
    m_export->setObjectName(QStringLiteral("exportButton"));
    // Like the standard buttons beside it, where the style gives buttons icons.
    if (style()->styleHint(QStyle::SH_DialogButtonBox_ButtonsHaveIcons, nullptr, this))
        m_export->setIcon(style()->standardIcon(QStyle::SP_DialogSaveButton, nullptr, this));
    m_export->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &ExportDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addSpacing(fontMetrics().height() / 2);
    layout->addWidget(buttons);

    connect(m_format, &QComboBox::currentIndexChanged, this, &ExportDialog::updateForFormat);
    connect(m_redact, &QCheckBox::toggled, this, &ExportDialog::updateDefaultPath);
    connect(m_scopeGroup, &QButtonGroup::idToggled, this, &ExportDialog::updateExportButton);
    connect(m_path, &QLineEdit::textEdited, this, [this] {
        m_customPath = true;
        updateExportButton();
    });
    connect(m_path, &QLineEdit::textChanged, this, &ExportDialog::updateExportButton);
    connect(m_browse, &QPushButton::clicked, this, &ExportDialog::browse);

    setCallCounts(0, 0, 0);
    updateForFormat();
    // The hints wrap: give them a width to wrap at rather than letting the dialog grow with them,
    // and room for two lines whatever the format, so that nothing below moves when it changes.
    m_formatHint->setMinimumWidth(m_path->minimumWidth());
    m_formatHint->setMinimumHeight(m_formatHint->fontMetrics().lineSpacing() * 2);
    m_formatHint->setAlignment(Qt::AlignLeft | Qt::AlignTop);
}

QString ExportDialog::formatTitle(render::ExportFormat format)
{
    switch (format) {
    case render::ExportFormat::Html:
        return tr("HTML report");
    case render::ExportFormat::Pdf:
        return tr("PDF report");
    case render::ExportFormat::Svg:
        return tr("SVG image of the ladder");
    case render::ExportFormat::Png:
        return tr("PNG image of the ladder");
    case render::ExportFormat::Text:
        return tr("Text (ladder and diagnosis)");
    case render::ExportFormat::Json:
        return tr("JSON (full analysis)");
    case render::ExportFormat::Pcap:
        return tr("pcap (packets of the calls)");
    }
    return {};
}

QString ExportDialog::defaultFileName(const QString& baseName, render::ExportFormat format, bool redact)
{
    QString name = baseName.isEmpty() ? QStringLiteral("sipladder") : baseName;
    switch (format) {
    case render::ExportFormat::Svg:
    case render::ExportFormat::Png:
        name += QStringLiteral("-ladder");
        break;
    case render::ExportFormat::Pcap:
        // Never the name of the capture it came from.
        name += QStringLiteral("-calls");
        break;
    default:
        name += QStringLiteral("-report");
        break;
    }
    // A redacted file is the one to send; its name says so.
    if (redact)
        name += QStringLiteral("-redacted");
    return name + QLatin1Char('.') + extension(format);
}

void ExportDialog::setCallCounts(int selected, int failed, int all)
{
    m_counts[static_cast<int>(Scope::Selected)] = selected;
    m_counts[static_cast<int>(Scope::Failed)] = failed;
    m_counts[static_cast<int>(Scope::All)] = all;
    m_selected->setText(selected == 1 ? tr("Selected call (1)") : tr("Selected calls (%1)").arg(selected));
    m_failed->setText(failed == 1 ? tr("Failed call (1)") : tr("Failed calls (%1)").arg(failed));
    m_all->setText(all == 1 ? tr("All calls (1)") : tr("All calls (%1)").arg(all));
    m_selected->setEnabled(selected > 0);
    m_failed->setEnabled(failed > 0);
    m_all->setEnabled(all > 0);
    m_selected->setToolTip(selected > 0 ? QString() : tr("No call is selected in the call list"));
    m_failed->setToolTip(tr("Calls whose first request failed, cancelled calls included"));
    if (selected > 0)
        m_selected->setChecked(true);
    else if (failed > 0)
        m_failed->setChecked(true);
    else
        m_all->setChecked(true);
    updateExportButton();
}

void ExportDialog::setDefaultLocation(const QString& directory, const QString& baseName)
{
    m_directory = directory;
    m_baseName = baseName;
    m_customPath = false;
    updateDefaultPath();
}

render::ExportFormat ExportDialog::format() const
{
    return static_cast<render::ExportFormat>(m_format->currentData().toInt());
}

void ExportDialog::setFormat(render::ExportFormat format)
{
    const int index = m_format->findData(static_cast<int>(format));
    if (index >= 0)
        m_format->setCurrentIndex(index);
}

ExportDialog::Scope ExportDialog::scope() const
{
    const int id = m_scopeGroup->checkedId();
    return id < 0 ? Scope::All : static_cast<Scope>(id);
}

void ExportDialog::setScope(Scope scope)
{
    if (auto* button = m_scopeGroup->button(static_cast<int>(scope)); button && button->isEnabled())
        button->setChecked(true);
}

bool ExportDialog::redact() const
{
    return m_redact->isChecked();
}

void ExportDialog::setRedact(bool redact)
{
    m_redact->setChecked(redact);
}

int ExportDialog::callCount(Scope scope) const
{
    return m_counts[static_cast<int>(scope)];
}

QString ExportDialog::outputPath() const
{
    QString path = m_path->text().trimmed();
    if (path.isEmpty())
        return path;
    path = QDir::fromNativeSeparators(path);
    if (path.startsWith(QLatin1String("~/")))
        path = QDir::home().filePath(path.mid(2));
    else if (QFileInfo(path).isRelative())
        path = QDir(m_directory.isEmpty() ? QDir::homePath() : m_directory).filePath(path);
    // "report" means "report.html": the format decides the extension when none is typed.
    if (QFileInfo(path).suffix().isEmpty() && !QFileInfo(path).isDir())
        path += QLatin1Char('.') + extension(format());
    return QDir::cleanPath(path);
}

void ExportDialog::setOutputPath(const QString& path)
{
    m_customPath = true;
    m_path->setText(QDir::toNativeSeparators(path));
}

void ExportDialog::updateForFormat()
{
    m_formatHint->setText(formatHint(format()));
    if (!m_customPath) {
        updateDefaultPath();
        return;
    }
    // A name of the user's own keeps its name; only a known export extension follows the format.
    QString path = m_path->text();
    const QFileInfo info(path);
    if (!info.suffix().isEmpty() && isExportExtension(info.suffix()))
        path.chop(info.suffix().size() + 1);
    if (!path.isEmpty())
        m_path->setText(path + QLatin1Char('.') + extension(format()));
}

void ExportDialog::updateDefaultPath()
{
    if (m_customPath)
        return;
    const QString directory = m_directory.isEmpty() ? QDir::homePath() : m_directory;
    m_path->setText(
        QDir::toNativeSeparators(QDir(directory).filePath(defaultFileName(m_baseName, format(), redact()))));
}

void ExportDialog::updateExportButton()
{
    if (m_export)
        m_export->setEnabled(!m_path->text().trimmed().isEmpty() && callCount(scope()) > 0);
}

QString ExportDialog::fileFilter() const
{
    return tr("%1 (*.%2);;All files (*)").arg(formatTitle(format()), extension(format()));
}

void ExportDialog::browse()
{
    QString path = QFileDialog::getSaveFileName(this, tr("Export As"), outputPath(), fileFilter());
    if (path.isEmpty())
        return;
    if (QFileInfo(path).suffix().isEmpty())
        path += QLatin1Char('.') + extension(format());
    m_confirmedPath = QDir::cleanPath(path);
    setOutputPath(path);
}

void ExportDialog::accept()
{
    const QString path = outputPath();
    if (path.isEmpty() || callCount(scope()) == 0)
        return;
    const QFileInfo info(path);
    if (info.isDir()) {
        QMessageBox::warning(this, tr("Export"),
            tr("%1 is a folder. Add a file name to export to.").arg(QDir::toNativeSeparators(path)));
        return;
    }
    if (info.exists() && path != m_confirmedPath) {
        const auto answer = QMessageBox::question(this, tr("Export"),
            tr("%1 already exists. Do you want to replace it?").arg(QDir::toNativeSeparators(path)),
            QMessageBox::Yes | QMessageBox::No, QMessageBox::No);
        if (answer != QMessageBox::Yes)
            return;
    }
    QDialog::accept();
}

} // namespace sipladder::widgets
