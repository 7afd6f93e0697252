// SPDX-License-Identifier: Apache-2.0
#pragma once
// What the window tests share: a main window shown in a folder of its own, its actions by object
// name, and a closer for the modal dialogs that would otherwise block a test.
#include "main_window.h"
#include "support/test_paths.h"

#include <QAction>
#include <QApplication>
#include <QMessageBox>
#include <QSettings>
#include <QStandardPaths>
#include <QStringList>
#include <QTimer>

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>

namespace sipladder::testing {

// Closes modal dialogs as soon as they show, keeping the text of each message box: the window's
// error dialogs are modal and would block the test. With MessageBoxesOnly, other dialogs (the
// export dialog, say) are left to the test.
class ModalCloser {
public:
    enum class Closes { AnyDialog, MessageBoxesOnly };

    explicit ModalCloser(Closes closes)
    {
        m_timer.setInterval(50);
        QObject::connect(&m_timer, &QTimer::timeout, [this, closes] {
            auto* dialog = QApplication::activeModalWidget();
            auto* box = qobject_cast<QMessageBox*>(dialog);
            if (!dialog || (closes == Closes::MessageBoxesOnly && !box))
                return;
            if (box)
                m_texts.append(box->text());
            dialog->close();
        });
        m_timer.start();
    }
    const QStringList& texts() const { return m_texts; }

private:
    QTimer m_timer;
    QStringList m_texts;
};

class WindowTestFixture : public ::testing::Test {
protected:
    explicit WindowTestFixture(std::string folder)
        : m_folder(std::move(folder))
    {
    }
    void SetUp() override
    {
        QStandardPaths::setTestModeEnabled(true);
        m_dir = makeTempDir(m_folder.c_str());
        // Settings of the test's own (recent files, export choices): ctest runs tests side by side in
        // separate processes, which would otherwise write one file under each other.
        QSettings::setPath(
            QSettings::NativeFormat, QSettings::UserScope, QString::fromStdString((m_dir / "settings").string()));
        m_window = std::make_unique<app::MainWindow>();
        m_window->resize(1200, 800);
        m_window->show();
    }
    void TearDown() override
    {
        m_window.reset();
        std::filesystem::remove_all(m_dir);
    }

    QAction* action(const char* name) const
    {
        auto* found = m_window->findChild<QAction*>(QString::fromLatin1(name));
        EXPECT_NE(found, nullptr) << name;
        return found;
    }
    QString target(const char* name) const { return QString::fromStdString((m_dir / name).string()); }

    std::string m_folder;
    std::filesystem::path m_dir;
    std::unique_ptr<app::MainWindow> m_window;
};

} // namespace sipladder::testing
