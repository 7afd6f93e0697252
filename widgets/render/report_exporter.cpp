// SPDX-License-Identifier: Apache-2.0
#include "report_exporter.h"

#include "ladder_image_writer.h"
#include "pdf_report_writer.h"

#include "analysis/diagnoser.h"
#include "capture/file_error.h"
#include "layout/ladder_layout.h"
#include "load/capture_snapshot.h"
#include "redact/redactor.h"
#include "report/html_report_writer.h"
#include "report/json_report_writer.h"
#include "report/output_target.h"
#include "report/pcap_exporter.h"
#include "report/text_report_writer.h"

#include <QFile>
#include <QGuiApplication>
#include <QSaveFile>

#include <algorithm>
#include <array>
#include <memory>
#include <optional>
#include <vector>

namespace sipladder::render {

namespace {

struct FormatName {
    ExportFormat format;
    std::string_view name;
};

constexpr std::array<FormatName, 7> kFormats = { {
    { ExportFormat::Html, "html" },
    { ExportFormat::Pdf, "pdf" },
    { ExportFormat::Svg, "svg" },
    { ExportFormat::Png, "png" },
    { ExportFormat::Text, "txt" },
    { ExportFormat::Json, "json" },
    { ExportFormat::Pcap, "pcap" },
} };

core::Error cancelledError()
{
    return core::Error { core::ErrorCode::Cancelled, "The export was cancelled." };
}

core::Error writeError(const std::string& path, const QString& reason)
{
    std::string why = reason.toStdString();
    if (why.empty())
        why = "unknown error";
    return core::Error { core::ErrorCode::WriteFailed, "cannot write " + core::quotedPath(path) + ": " + why + "." };
}

QString toQString(const std::string& text)
{
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

// A QSaveFile writes a temporary beside the destination and renames it over it on commit(), so a
// failed or cancelled export leaves nothing behind (and no half-written file over an old one).
class OutputFile {
public:
    explicit OutputFile(const std::string& path)
        : m_path(path)
        , m_file(toQString(path))
    {
        m_file.setDirectWriteFallback(false);
    }
    ~OutputFile()
    {
        if (m_file.isOpen())
            m_file.cancelWriting();
    }

    std::optional<core::Error> open()
    {
        if (m_path.empty())
            return core::Error { core::ErrorCode::WriteFailed, "no output file given." };
        if (!m_file.open(QIODevice::WriteOnly))
            return writeError(m_path, m_file.errorString());
        return std::nullopt;
    }
    QSaveFile& device() { return m_file; }
    std::optional<core::Error> write(std::string_view bytes)
    {
        if (m_file.write(bytes.data(), static_cast<qint64>(bytes.size())) != static_cast<qint64>(bytes.size()))
            return writeError(m_path, m_file.errorString());
        return std::nullopt;
    }
    std::optional<core::Error> commit()
    {
        if (!m_file.commit())
            return writeError(m_path, m_file.errorString());
        return std::nullopt;
    }

private:
    std::string m_path;
    QSaveFile m_file;
};

// Writes `bytes` to the request's output through a temporary.
std::optional<core::Error> writeWhole(const std::string& path, std::string_view bytes)
{
    OutputFile file(path);
    if (auto error = file.open())
        return error;
    if (auto error = file.write(bytes))
        return error;
    return file.commit();
}

bool paints(ExportFormat format)
{
    return format == ExportFormat::Pdf || format == ExportFormat::Svg || format == ExportFormat::Png;
}

} // namespace

std::optional<ExportFormat> parseExportFormat(std::string_view name)
{
    for (const auto& format : kFormats) {
        if (format.name == name)
            return format.format;
    }
    return std::nullopt;
}

std::string_view exportFormatName(ExportFormat format)
{
    for (const auto& entry : kFormats) {
        if (entry.format == format)
            return entry.name;
    }
    return {};
}

core::Result<ExportStats> ReportExporter::write(const core::CaptureSnapshot& snapshot,
    const core::Diagnosis& diagnosis, std::span<const std::uint32_t> calls, const ExportRequest& request,
    const ExportProgress& progress)
{
    // Each call once, in call order, as every writer expects.
    std::vector<std::uint32_t> chosen;
    chosen.reserve(calls.size());
    for (const auto call : calls) {
        if (call < snapshot.calls().size())
            chosen.push_back(call);
    }
    std::sort(chosen.begin(), chosen.end());
    chosen.erase(std::unique(chosen.begin(), chosen.end()), chosen.end());

    if (auto refused = core::checkOutputTarget(request.outputPath, snapshot))
        return std::move(*refused);

    if (paints(request.format) && qGuiApp == nullptr) {
        return core::Error { core::ErrorCode::InvalidArgument,
            "Drawing a ladder needs a QGuiApplication (the offscreen platform will do)." };
    }

    ExportStats stats;
    stats.calls = chosen.size();
    for (const auto call : chosen)
        stats.messages += snapshot.calls()[call].messageCount;
    const std::uint64_t total = chosen.size();
    auto goOn = [&](std::uint64_t done, std::uint64_t all) { return !progress || progress(done, all); };
    if (!goOn(0, total))
        return cancelledError();

    // One redactor for everything this export writes, so that a value has one placeholder in it.
    std::unique_ptr<core::Redactor> redactor;
    if (request.redact)
        redactor = std::make_unique<core::Redactor>();
    const std::string& path = request.outputPath;

    switch (request.format) {
    case ExportFormat::Html: {
        core::HtmlReportOptions options;
        options.title = request.title;
        options.scope = request.scope;
        options.redact = request.redact;
        options.redactor = redactor.get();
        // The writer asks for each call's ladder in turn: the progress and the cancel point.
        std::uint64_t drawn = 0;
        bool cancelled = false;
        if (qGuiApp != nullptr) {
            options.ladderSvg = [&](const core::LadderLayout& layout) -> std::string {
                if (cancelled || !goOn(drawn, total)) {
                    cancelled = true;
                    return {};
                }
                ++drawn;
                const QByteArray svg = LadderImageWriter::svg(layout);
                return std::string(svg.constData(), static_cast<std::size_t>(svg.size()));
            };
        }
        const std::string html = core::HtmlReportWriter::render(snapshot, diagnosis, chosen, options);
        if (cancelled || !goOn(total, total))
            return cancelledError();
        if (auto error = writeWhole(path, html))
            return *error;
        break;
    }
    case ExportFormat::Text:
    case ExportFormat::Json: {
        core::ReportOptions options;
        options.title = request.title;
        options.scope = request.scope;
        options.redact = request.redact;
        options.redactor = redactor.get();
        const std::string text = request.format == ExportFormat::Text
            ? core::TextReportWriter::render(snapshot, diagnosis, chosen, options)
            : core::JsonReportWriter::render(snapshot, diagnosis, chosen, options);
        if (!goOn(total, total))
            return cancelledError();
        if (auto error = writeWhole(path, text))
            return *error;
        break;
    }
    case ExportFormat::Svg:
    case ExportFormat::Png: {
        // All the calls as one ladder, each told apart by its slot colour.
        core::LadderLayout layout = chosen.empty()
            ? core::LadderLayout::fromParts({}, {})
            : core::LadderLayout::build(snapshot, chosen, {}, &diagnosis);
        if (redactor) {
            redactor->learn(snapshot, chosen, &diagnosis);
            layout = redactor->redactLayout(layout);
        }
        if (!goOn(total / 2, total))
            return cancelledError();
        QByteArray bytes;
        if (request.format == ExportFormat::Svg) {
            bytes = LadderImageWriter::svg(layout, toQString(request.title.empty() ? "SIP ladder" : request.title));
        } else {
            std::size_t leftOut = 0;
            bytes = LadderImageWriter::png(layout, 2.0, &leftOut);
            stats.rowsLeftOut = leftOut;
            if (bytes.isEmpty())
                return writeError(path, QStringLiteral("the image could not be made"));
        }
        if (!goOn(total, total))
            return cancelledError();
        if (auto error = writeWhole(path, std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size()))))
            return *error;
        break;
    }
    case ExportFormat::Pdf: {
        OutputFile file(path);
        if (auto error = file.open())
            return *error;
        PdfReportOptions options;
        options.title = request.title;
        options.scope = request.scope;
        options.redact = request.redact;
        options.redactor = redactor.get();
        options.progress = progress;
        auto written = PdfReportWriter::write(snapshot, diagnosis, chosen, file.device(), options);
        if (!written)
            return written.error();
        if (!goOn(total, total))
            return cancelledError();
        if (auto error = file.commit())
            return *error;
        stats.pages = written.value().pages;
        stats.unreadable = written.value().unreadable;
        break;
    }
    case ExportFormat::Pcap: {
        core::Result<core::PcapExportStats> written = core::PcapExportStats {};
        if (chosen.empty()) {
            // An empty span means "every call" to the pcap exporter: an empty trace gives an empty file.
            const core::CaptureSnapshot empty;
            written = core::PcapExporter::write(empty, {}, path);
        } else {
            core::PcapExportOptions options;
            if (redactor) {
                redactor->learn(snapshot, chosen, &diagnosis);
                options.redactor = redactor.get();
            }
            options.progress = progress;
            written = core::PcapExporter::write(snapshot, chosen, path, options);
        }
        if (!written)
            return written.error();
        if (!goOn(total, total)) {
            // Cancelled as it finished: the promise is that a cancelled export leaves no file.
            QFile::remove(toQString(path));
            return cancelledError();
        }
        stats.messages = written.value().messages;
        stats.packets = written.value().packets;
        stats.unreadable = written.value().unreadable;
        break;
    }
    }
    return stats;
}

} // namespace sipladder::render
