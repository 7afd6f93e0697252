// SPDX-License-Identifier: Apache-2.0
// The painted export formats: the ladder as SVG and PNG, the PDF report, and ReportExporter's files.
// The PDF is read back with poppler's pdfinfo and pdftotext, as a person's PDF reader would.
#include "ladder_geometry.h"
#include "ladder_image_writer.h"
#include "ladder_style.h"
#include "pdf_report_writer.h"
#include "render/synthetic_ladder.h"
#include "report_exporter.h"

#include "analysis/diagnoser.h"
#include "load/capture_loader.h"
#include "support/process_runner.h"
#include "support/test_paths.h"
#include "support/trace_builder.h"

#include <QBuffer>
#include <QColor>
#include <QFile>
#include <QImage>
#include <QStandardPaths>
#include <QXmlStreamReader>

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

using namespace sipladder;
namespace st = sipladder::testing;
using render::ExportFormat;
using render::LadderImageWriter;

namespace {

constexpr std::uint32_t kAnsweredCall = 1; // INVITE 5551234567, 200 OK
constexpr std::uint32_t kNotFoundCall = 2; // INVITE +15551234567, 404 number-format
constexpr const char* kNotFoundCallId = "def810bd4e41b0d1989a18b7@203.0.113.10";
// The error red of exported ladders (a function: styles need the QGuiApplication of main()).
QColor errorColour()
{
    return LadderImageWriter::exportStyle().toneColor(core::ArrowTone::Error);
}

struct Loaded {
    core::SnapshotPtr snapshot;
    core::DiagnosisPtr diagnosis;
};

Loaded loadFile(const std::filesystem::path& path)
{
    core::LoadOptions options;
    options.paths.push_back(path.string());
    auto result = core::CaptureLoader::load(options);
    if (!result.ok())
        throw std::runtime_error(result.error().message);
    Loaded loaded;
    loaded.snapshot = result.value();
    loaded.diagnosis = core::Diagnoser(*loaded.snapshot).diagnoseAll();
    return loaded;
}

const Loaded& sample()
{
    static const Loaded loaded = loadFile(SIPLADDER_SOURCE_DIR "/resources/samples/trunk-404.pcap");
    return loaded;
}

// What an SVG draws, with the colours each element inherits from its groups.
struct SvgContent {
    struct Text {
        QString text;
        QColor fill;
    };
    std::vector<Text> texts;
    std::vector<QColor> strokes; // of the lines and paths drawn with a stroke
    std::vector<QColor> fills; // of the shapes drawn with a fill
    QStringList elements;
};

SvgContent parseSvg(const QByteArray& svg, QString* error)
{
    SvgContent content;
    QXmlStreamReader xml(svg);
    struct Paint {
        QString fill = QStringLiteral("black");
        QString stroke = QStringLiteral("none");
    };
    std::vector<Paint> stack { Paint {} };
    QString text;
    while (!xml.atEnd()) {
        const auto token = xml.readNext();
        if (token == QXmlStreamReader::StartElement) {
            Paint paint = stack.back();
            const auto attributes = xml.attributes();
            if (attributes.hasAttribute(QStringLiteral("fill")))
                paint.fill = attributes.value(QStringLiteral("fill")).toString();
            if (attributes.hasAttribute(QStringLiteral("stroke")))
                paint.stroke = attributes.value(QStringLiteral("stroke")).toString();
            stack.push_back(paint);
            const QString name = xml.name().toString();
            content.elements << name;
            if (name == QLatin1String("text")) {
                text.clear();
            } else if (name == QLatin1String("path") || name == QLatin1String("polyline")
                || name == QLatin1String("polygon") || name == QLatin1String("line") || name == QLatin1String("rect")) {
                if (paint.stroke != QLatin1String("none"))
                    content.strokes.emplace_back(paint.stroke);
                if (paint.fill != QLatin1String("none"))
                    content.fills.emplace_back(paint.fill);
            }
        } else if (token == QXmlStreamReader::Characters) {
            text += xml.text();
        } else if (token == QXmlStreamReader::EndElement) {
            if (xml.name() == QLatin1String("text"))
                content.texts.push_back({ text, QColor(stack.back().fill) });
            stack.pop_back();
        }
    }
    if (xml.hasError() && error)
        *error = xml.errorString() + QStringLiteral(" at line ") + QString::number(xml.lineNumber());
    return content;
}

bool hasText(const SvgContent& content, const QString& text, const QColor& colour)
{
    return std::any_of(content.texts.begin(), content.texts.end(),
        [&](const SvgContent::Text& t) { return t.text == text && t.fill == colour; });
}

std::string readFile(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

// The words of a text with every run of white space made one space (pdftotext breaks lines).
std::string squeezed(const std::string& text)
{
    return std::regex_replace(text, std::regex(R"(\s+)"), " ");
}

class PopplerTest : public ::testing::Test {
protected:
    void SetUp() override
    {
        m_pdftotext = QStandardPaths::findExecutable(QStringLiteral("pdftotext")).toStdString();
        m_pdfinfo = QStandardPaths::findExecutable(QStringLiteral("pdfinfo")).toStdString();
        if (m_pdftotext.empty() || m_pdfinfo.empty())
            GTEST_SKIP() << "poppler-utils (pdftotext, pdfinfo) are not installed";
        m_dir = st::makeTempDir("sipladder-render-export");
    }
    void TearDown() override
    {
        if (!m_dir.empty())
            std::filesystem::remove_all(m_dir);
    }

    int pageCount(const std::filesystem::path& pdf) const
    {
        const auto info = st::runProcess({ m_pdfinfo, pdf.string() });
        EXPECT_EQ(info.exitCode, 0) << info.err;
        std::smatch match;
        if (!std::regex_search(info.out, match, std::regex(R"(Pages:\s+(\d+))")))
            return -1;
        return std::stoi(match[1]);
    }
    // The text of one page (1-based), or of all pages with page 0.
    std::string text(const std::filesystem::path& pdf, int page = 0) const
    {
        std::vector<std::string> args { m_pdftotext, "-enc", "UTF-8" };
        if (page > 0) {
            args.insert(args.end(), { "-f", std::to_string(page), "-l", std::to_string(page) });
        }
        args.insert(args.end(), { pdf.string(), "-" });
        const auto result = st::runProcess(args);
        EXPECT_EQ(result.exitCode, 0) << result.err;
        return result.out;
    }
    std::filesystem::path exportFile(const Loaded& loaded, std::vector<std::uint32_t> calls, ExportFormat format,
        const std::string& name, bool redact = false) const
    {
        render::ExportRequest request;
        request.format = format;
        request.redact = redact;
        request.outputPath = (m_dir / name).string();
        const auto written = render::ReportExporter::write(*loaded.snapshot, *loaded.diagnosis, calls, request);
        EXPECT_TRUE(written.ok()) << (written.ok() ? std::string() : written.error().message);
        return request.outputPath;
    }

    std::string m_pdftotext;
    std::string m_pdfinfo;
    std::filesystem::path m_dir;
};

// A call whose INVITE is answered by 197 copies of 180 Ringing (200 ms apart: retransmissions, not
// duplicates folded into one row) before its 404: 200 messages.
std::string message(const std::string& startLine, const std::string& cseq)
{
    return startLine
        + "\r\nVia: SIP/2.0/UDP 203.0.113.10:5060;branch=z9hG4bKlong1\r\n"
          "From: <sip:+12125550147@carrier.example>;tag=long1\r\n"
          "To: <sip:+15551234567@pbx.example.test>"
        + (startLine.starts_with("SIP/") ? ";tag=pbx1" : "")
        + "\r\nCall-ID: long-ladder@carrier.example\r\nCSeq: " + cseq + "\r\nContent-Length: 0\r\n\r\n";
}

std::filesystem::path writeLongCall(const std::filesystem::path& dir, int ringing)
{
    const core::Endpoint carrier { core::IpAddress::v4(203, 0, 113, 10), 5060 };
    const core::Endpoint pbx { core::IpAddress::v4(198, 51, 100, 20), 5060 };
    constexpr std::int64_t kStart = 1795514400LL * 1'000'000'000;
    constexpr std::int64_t kMs = 1'000'000;
    st::TraceBuilder builder;
    builder.addUdp(kStart, carrier, pbx, message("INVITE sip:+15551234567@pbx.example.test SIP/2.0", "1 INVITE"));
    for (int i = 0; i < ringing; ++i)
        builder.addUdp(kStart + (i + 1) * 200 * kMs, pbx, carrier, message("SIP/2.0 180 Ringing", "1 INVITE"));
    const std::int64_t end = kStart + (ringing + 1) * 200 * kMs;
    builder.addUdp(end, pbx, carrier, message("SIP/2.0 404 Not Found", "1 INVITE"));
    builder.addUdp(end + 10 * kMs, carrier, pbx, message("ACK sip:+15551234567@pbx.example.test SIP/2.0", "1 ACK"));
    const auto path = dir / ("long-" + std::to_string(ringing) + ".pcap");
    builder.write(path);
    return path;
}

} // namespace

TEST(LadderImageWriterTest, SvgParsesAsXmlAndDrawsTheFailingRequestInTheErrorColour)
{
    const auto& loaded = sample();
    const std::uint32_t calls[] = { kNotFoundCall };
    const auto layout = core::LadderLayout::build(*loaded.snapshot, calls, {}, loaded.diagnosis.get());
    const QByteArray svg = LadderImageWriter::svg(layout);
    QString error;
    const auto content = parseSvg(svg, &error);
    ASSERT_TRUE(error.isEmpty()) << error.toStdString();
    EXPECT_EQ(content.elements.value(0), QStringLiteral("svg"));

    // Text stays text: every label and lifeline is a <text>.
    EXPECT_TRUE(hasText(content, QStringLiteral("INVITE"), errorColour()));
    EXPECT_TRUE(hasText(content, QStringLiteral("404 Not Found"), errorColour()));
    EXPECT_TRUE(std::any_of(content.texts.begin(), content.texts.end(),
        [](const SvgContent::Text& t) { return t.text == QLatin1String("number-format"); }));
    EXPECT_TRUE(std::any_of(content.texts.begin(), content.texts.end(),
        [](const SvgContent::Text& t) { return t.text == QLatin1String("198.51.100.20:5060"); }));
    // The 100 Trying of the same call is not an error.
    EXPECT_FALSE(hasText(content, QStringLiteral("100 Trying"), errorColour()));
    EXPECT_NE(std::count(content.strokes.begin(), content.strokes.end(), errorColour()), 0)
        << "no arrow line in the error colour";

    // An answered call draws nothing in the error colour.
    const std::uint32_t answered[] = { kAnsweredCall };
    const auto okContent = parseSvg(LadderImageWriter::svg(
                                        core::LadderLayout::build(*loaded.snapshot, answered, {}, loaded.diagnosis.get())),
        &error);
    ASSERT_TRUE(error.isEmpty()) << error.toStdString();
    EXPECT_EQ(std::count(okContent.strokes.begin(), okContent.strokes.end(), errorColour()), 0);
    EXPECT_FALSE(std::any_of(okContent.texts.begin(), okContent.texts.end(),
        [](const SvgContent::Text& t) { return t.fill == errorColour(); }));
}

TEST(LadderImageWriterTest, HostileLabelsStayTextAndTheSvgStaysXml)
{
    auto row = synthetic::syntheticRow(0, 1, core::ArrowTone::Error, "<script>alert(1)</script>\x01\x1b[31m&amp;");
    std::vector<core::LadderRow> rows { row };
    synthetic::numberRows(rows);
    auto column = synthetic::syntheticColumn(1);
    column.label = "\"><img src=x onerror=alert(1)>";
    const auto layout = core::LadderLayout::fromParts({ column, synthetic::syntheticColumn(2) }, std::move(rows));
    QString error;
    const QByteArray svg = LadderImageWriter::svg(layout, QStringLiteral("title \x02<b>"));
    const auto content = parseSvg(svg, &error);
    ASSERT_TRUE(error.isEmpty()) << error.toStdString() << "\n" << svg.left(600).toStdString();
    EXPECT_FALSE(content.elements.contains(QStringLiteral("b")));
    EXPECT_FALSE(content.elements.contains(QStringLiteral("script")));
    EXPECT_FALSE(content.elements.contains(QStringLiteral("img")));
    EXPECT_TRUE(std::any_of(content.texts.begin(), content.texts.end(),
        [](const SvgContent::Text& t) { return t.text.contains(QLatin1String("<script>alert(1)")); }));
}

TEST(LadderImageWriterTest, ImageHasTheLadderSizeAtTheScaleOnWhite)
{
    const auto& loaded = sample();
    const std::uint32_t calls[] = { kNotFoundCall };
    const auto layout = core::LadderLayout::build(*loaded.snapshot, calls, {}, loaded.diagnosis.get());
    const QSizeF size = render::LadderGeometry(layout, LadderImageWriter::exportStyle()).contentSize();

    const QImage image = LadderImageWriter::renderImage(layout, 2.0);
    ASSERT_FALSE(image.isNull());
    EXPECT_EQ(image.width(), static_cast<int>(std::ceil(size.width() * 2)));
    EXPECT_EQ(image.height(), static_cast<int>(std::ceil(size.height() * 2)));
    EXPECT_DOUBLE_EQ(image.devicePixelRatio(), 2.0);
    EXPECT_NEAR(image.dotsPerMeterX() * 0.0254, 192, 1);
    EXPECT_FALSE(image.hasAlphaChannel());
    // White where nothing is drawn (right of the last lifeline, below the last row), ink elsewhere,
    // some of it the error red of the failing arrows.
    EXPECT_EQ(image.pixelColor(image.width() - 2, image.height() - 2), QColor(Qt::white));
    int ink = 0;
    int red = 0;
    const QRgb error = errorColour().rgb();
    for (int y = 0; y < image.height(); ++y) {
        const auto* line = reinterpret_cast<const QRgb*>(image.constScanLine(y));
        for (int x = 0; x < image.width(); ++x) {
            const QRgb c = line[x];
            if ((c & 0xffffff) != 0xffffff)
                ++ink;
            if (std::abs(qRed(c) - qRed(error)) < 8 && std::abs(qGreen(c) - qGreen(error)) < 8
                && std::abs(qBlue(c) - qBlue(error)) < 8)
                ++red;
        }
    }
    EXPECT_GT(ink, image.width() * image.height() / 20);
    EXPECT_GT(red, 100);

    // The PNG bytes decode to the same image.
    std::size_t leftOut = 99;
    const QByteArray png = LadderImageWriter::png(layout, 2.0, &leftOut);
    EXPECT_EQ(leftOut, 0u);
    const QImage decoded = QImage::fromData(png, "png");
    EXPECT_EQ(decoded.size(), image.size());
}

TEST(LadderImageWriterTest, ALadderTooLongForOneImageIsCutWithANote)
{
    const auto layout = synthetic::syntheticLadder(20'000);
    const std::size_t fitting = LadderImageWriter::rowsFittingImage(layout, 2.0);
    EXPECT_LT(fitting, 20'000u);
    EXPECT_GT(fitting, 500u);
    const QImage image = LadderImageWriter::renderImage(layout, 2.0);
    ASSERT_FALSE(image.isNull());
    EXPECT_LE(image.height(), 32'000);
    EXPECT_LE(static_cast<qint64>(image.width()) * image.height(), 64LL * 1024 * 1024);
    // A short ladder is never cut.
    EXPECT_EQ(LadderImageWriter::rowsFittingImage(synthetic::syntheticLadder(40), 2.0), 40u);
}

TEST_F(PopplerTest, PdfTextIsExtractable)
{
    const auto pdf = exportFile(sample(), { 0, 1, 2, 3, 4, 5 }, ExportFormat::Pdf, "sample.pdf");
    EXPECT_EQ(readFile(pdf).substr(0, 5), "%PDF-");
    EXPECT_GE(pageCount(pdf), 2);
    const std::string all = squeezed(text(pdf));
    EXPECT_NE(all.find("SipLadder report"), std::string::npos);
    EXPECT_NE(all.find(kNotFoundCallId), std::string::npos);
    EXPECT_NE(all.find("number-format"), std::string::npos);
    EXPECT_NE(all.find("Number format not accepted"), std::string::npos);
    EXPECT_NE(all.find("The number was dialled in E.164 form (+15551234567)"), std::string::npos) << all;
    // The Request-URI diff and the raw messages are there.
    EXPECT_NE(all.find("Request-URI against the working call"), std::string::npos);
    EXPECT_NE(all.find("CSeq: 101 INVITE"), std::string::npos);
    // No ligature glyphs: "file" is found as typed.
    EXPECT_EQ(all.find("\xef\xac\x81"), std::string::npos);
    EXPECT_NE(all.find("1 file"), std::string::npos);
}

TEST_F(PopplerTest, PdfLongLadderGoesOnAcrossPagesWithTheLifelinesRepeated)
{
    const auto shortCall = loadFile(writeLongCall(m_dir, 2));
    const auto longCall = loadFile(writeLongCall(m_dir, 197));
    ASSERT_EQ(longCall.snapshot->calls().size(), 1u);
    ASSERT_EQ(longCall.snapshot->calls()[0].messageCount, 200u);
    const auto shortPdf = exportFile(shortCall, { 0 }, ExportFormat::Pdf, "short.pdf");
    const auto longPdf = exportFile(longCall, { 0 }, ExportFormat::Pdf, "long.pdf");
    const int shortPages = pageCount(shortPdf);
    const int longPages = pageCount(longPdf);
    EXPECT_GE(shortPages, 1);
    EXPECT_GE(longPages, shortPages + 5);

    // The ladder's 200 rows fill several pages in a row, each with the lifeline header on top.
    std::vector<int> ladderPages;
    for (int page = 1; page <= longPages; ++page) {
        const std::string pageText = text(longPdf, page);
        EXPECT_NE(pageText.find("page " + std::to_string(page)), std::string::npos) << "footer of page " << page;
        // "Δ s" heads the time column of the ladder and nothing else ("Δs" in pdftotext's spacing).
        if (pageText.find("\u0394") != std::string::npos) {
            ladderPages.push_back(page);
            EXPECT_NE(pageText.find("203.0.113.10:5060"), std::string::npos) << page;
            EXPECT_NE(pageText.find("198.51.100.20:5060"), std::string::npos) << page;
        }
    }
    ASSERT_GE(ladderPages.size(), 4u);
    for (std::size_t i = 1; i < ladderPages.size(); ++i)
        EXPECT_EQ(ladderPages[i], ladderPages[i - 1] + 1);
    // Every row is drawn once, none lost or repeated at a page break: the ladder's "180 Ringing"
    // labels are those not preceded by "SIP/2.0 " (the raw messages and their heading lines).
    const std::string all = text(longPdf);
    auto count = [&](const std::string& what) {
        std::size_t n = 0;
        for (auto at = all.find(what); at != std::string::npos; at = all.find(what, at + 1))
            ++n;
        return n;
    };
    EXPECT_EQ(count("180 Ringing") - count("SIP/2.0 180 Ringing"), 197u);
}

TEST_F(PopplerTest, RedactionLeavesNoOriginalNumberOrAddressInSvgOrPdf)
{
    const std::vector<std::uint32_t> calls { 0, 1, 2, 3, 4, 5 };
    const auto pdf = exportFile(sample(), calls, ExportFormat::Pdf, "redacted.pdf", true);
    const auto svg = exportFile(sample(), calls, ExportFormat::Svg, "redacted.svg", true);
    const std::string pdfText = text(pdf);
    QString error;
    const auto svgContent = parseSvg(QByteArray::fromStdString(readFile(svg)), &error);
    ASSERT_TRUE(error.isEmpty()) << error.toStdString();
    std::string svgText;
    for (const auto& t : svgContent.texts)
        svgText += t.text.toStdString() + "\n";
    ASSERT_NE(pdfText.find("NUMBER-"), std::string::npos);
    ASSERT_NE(svgText.find("INVITE"), std::string::npos);
    for (const char* original : { "5551234567", "2125550147", "5551239999", "203.0.113.10", "198.51.100.20",
             "pbx.example.test", "carrier.example", "def810bd4e41b0d1989a18b7", "trunk-404" }) {
        EXPECT_EQ(pdfText.find(original), std::string::npos) << original << " in the PDF";
        EXPECT_EQ(svgText.find(original), std::string::npos) << original << " in the SVG";
    }
    // The whole SVG file too, not only its texts (titles, attributes).
    const std::string svgFile = readFile(svg);
    EXPECT_EQ(svgFile.find("203.0.113.10"), std::string::npos);
    EXPECT_EQ(svgFile.find("5551234567"), std::string::npos);
}

TEST(ReportExporterTest, FormatNamesRoundTrip)
{
    for (const auto format : { ExportFormat::Html, ExportFormat::Pdf, ExportFormat::Svg, ExportFormat::Png,
             ExportFormat::Text, ExportFormat::Json, ExportFormat::Pcap }) {
        const auto name = render::exportFormatName(format);
        EXPECT_FALSE(name.empty());
        EXPECT_EQ(render::parseExportFormat(name), format);
    }
    EXPECT_EQ(render::parseExportFormat("txt"), ExportFormat::Text);
    EXPECT_FALSE(render::parseExportFormat("doc").has_value());
    EXPECT_FALSE(render::parseExportFormat("").has_value());
}

TEST(ReportExporterTest, UnwritableOutputAndCancelLeaveNothing)
{
    const auto dir = st::makeTempDir("sipladder-export-fail");
    const auto& loaded = sample();
    const std::vector<std::uint32_t> calls { 1, 2 };
    for (const auto format : { ExportFormat::Html, ExportFormat::Pdf, ExportFormat::Svg, ExportFormat::Png,
             ExportFormat::Text, ExportFormat::Json, ExportFormat::Pcap }) {
        const std::string name(render::exportFormatName(format));
        render::ExportRequest request;
        request.format = format;
        request.outputPath = (dir / "missing" / ("x." + name)).string();
        auto written = render::ReportExporter::write(*loaded.snapshot, *loaded.diagnosis, calls, request);
        ASSERT_FALSE(written.ok()) << name;
        EXPECT_EQ(written.error().code, core::ErrorCode::WriteFailed) << name;
        EXPECT_NE(written.error().message.find(request.outputPath), std::string::npos) << written.error().message;

        // Cancelled half way: an error, and no file (nor temporary) left in the folder.
        request.outputPath = (dir / ("cancelled." + name)).string();
        int calledBack = 0;
        written = render::ReportExporter::write(*loaded.snapshot, *loaded.diagnosis, calls, request,
            [&](std::uint64_t done, std::uint64_t) { return ++calledBack < 2 && done == 0; });
        ASSERT_FALSE(written.ok()) << name;
        EXPECT_EQ(written.error().code, core::ErrorCode::Cancelled) << name;
        EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir), std::filesystem::directory_iterator()), 0)
            << name;
    }
    // The same exports written: one file each, nothing else beside them.
    for (const auto format : { ExportFormat::Html, ExportFormat::Pdf, ExportFormat::Svg, ExportFormat::Png,
             ExportFormat::Text, ExportFormat::Json, ExportFormat::Pcap }) {
        render::ExportRequest request;
        request.format = format;
        request.outputPath = (dir / ("ok." + std::string(render::exportFormatName(format)))).string();
        std::uint64_t lastDone = 0;
        const auto written = render::ReportExporter::write(
            *loaded.snapshot, *loaded.diagnosis, calls, request, [&](std::uint64_t done, std::uint64_t total) {
                EXPECT_LE(done, total);
                lastDone = done;
                return true;
            });
        ASSERT_TRUE(written.ok()) << written.error().message;
        EXPECT_EQ(written.value().calls, 2u);
        EXPECT_EQ(lastDone, 2u);
        EXPECT_GT(std::filesystem::file_size(request.outputPath), 100u);
        if (format == ExportFormat::Pdf) {
            EXPECT_GE(written.value().pages, 2u);
        }
    }
    EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir), std::filesystem::directory_iterator()), 7);
    std::filesystem::remove_all(dir);
}

// A heading never ends a page alone: it goes to the next page with the ladder or text it heads. Calls
// of growing length move the headings down page 1 until each has met the foot of the page.
TEST_F(PopplerTest, PdfHeadingsStayWithWhatTheyHead)
{
    const std::vector<std::string> headings { "Ladder", "Messages", "Diagnosis", "Evidence", "Working call",
        "What to check", "References" };
    for (int extra = 0; extra <= 24; extra += 2) {
        const auto call = loadFile(writeLongCall(m_dir, extra));
        const auto pdf = exportFile(call, { 0 }, ExportFormat::Pdf, "heading-" + std::to_string(extra) + ".pdf");
        for (int page = 1; page <= pageCount(pdf); ++page) {
            std::istringstream lines(text(pdf, page));
            std::string line;
            std::string last;
            while (std::getline(lines, line)) {
                while (!line.empty() && (line.back() == ' ' || line.back() == '\f'))
                    line.pop_back();
                if (!line.empty() && line != "SipLadder report" && line.rfind("page ", 0) != 0)
                    last = line;
            }
            for (const auto& heading : headings)
                EXPECT_NE(last, heading) << "page " << page << " of the call with " << extra << " extra rows";
        }
    }
}
