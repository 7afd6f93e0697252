// SPDX-License-Identifier: Apache-2.0
// sipladder: the desktop viewer. Without a display it prints the text summary and diagnosis instead.
#include "capture_session.h"
#include "main_window.h"

#include "analysis/diagnoser.h"
#include "load/capture_loader.h"
#include "report/diagnosis_text_writer.h"
#include "report/summary_table_writer.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QTimer>

#include <cstdio>

namespace {

bool hasDisplay()
{
    return qEnvironmentVariableIsSet("DISPLAY") || qEnvironmentVariableIsSet("WAYLAND_DISPLAY")
        || qEnvironmentVariableIsSet("QT_QPA_PLATFORM");
}

// What a terminal user gets when there is no screen to open a window on.
int printSummary(int argc, char** argv)
{
    sipladder::core::LoadOptions options;
    for (int i = 1; i < argc; ++i) {
        if (argv[i][0] != '-')
            options.paths.emplace_back(argv[i]);
    }
    if (options.paths.empty()) {
        std::fprintf(stderr, "sipladder: no display to open a window on, and no file given\n");
        return 2;
    }
    std::fprintf(stderr, "sipladder: no display found; printing the call summary and the diagnosis instead\n");
    auto loaded = sipladder::core::CaptureLoader::load(options);
    if (!loaded) {
        std::fprintf(stderr, "sipladder: %s\n", loaded.error().message.c_str());
        return 3;
    }
    const auto& snapshot = *loaded.value();
    if (!sipladder::core::SummaryTableWriter::write(snapshot, stdout))
        return 1;
    std::fputs("\n", stdout);
    const auto diagnosis = sipladder::core::Diagnoser(snapshot).diagnoseAll();
    return sipladder::core::DiagnosisTextWriter::write(snapshot, *diagnosis, stdout) ? 0 : 1;
}

} // namespace

int main(int argc, char** argv)
{
    if (!hasDisplay())
        return printSummary(argc, argv);

    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("SipLadder"));
    QApplication::setOrganizationName(QStringLiteral("SipLadder"));
    QApplication::setApplicationVersion(QStringLiteral(SIPLADDER_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "SIP ladder diagrams that explain failed calls."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("files"),
        QApplication::translate("main", "Captures or text SIP logs to open."), QStringLiteral("[FILE...]"));
    QCommandLineOption grab(QStringLiteral("grab"),
        QApplication::translate("main", "Save a picture of the window to <png> once loaded, then quit."),
        QStringLiteral("png"));
    parser.addOption(grab);
    parser.process(app);

    sipladder::app::MainWindow window;
    window.show();
    window.openFiles(parser.positionalArguments());
    if (parser.isSet(grab)) {
        const QString target = parser.value(grab);
        auto save = [&window, target] {
            // Let the first selection paint before taking the picture.
            QTimer::singleShot(300, &window, [&window, target] {
                window.grab().save(target);
                QApplication::quit();
            });
        };
        QObject::connect(&window.session(), &sipladder::models::CaptureSession::loadFinished, &window, save);
        QObject::connect(&window.session(), &sipladder::models::CaptureSession::loadFailed, &window, save);
        if (parser.positionalArguments().isEmpty())
            save();
    }
    return app.exec();
}
