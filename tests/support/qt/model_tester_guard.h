// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QAbstractItemModel>
#include <QAbstractItemModelTester>
#include <QLoggingCategory>
#include <QString>

#include <gtest/gtest.h>

#include <memory>

namespace sipladder::testing {

// Attaches QAbstractItemModelTester to a model (before it is filled) and turns every complaint it
// logs in the qt.modeltest category into a GoogleTest failure (the default mode only reports
// inside QTest::qExec, and the fatal one would abort the whole binary).
class ModelTesterGuard {
public:
    explicit ModelTesterGuard(QAbstractItemModel* model)
    {
        s_previous = qInstallMessageHandler(&ModelTesterGuard::handle);
        m_tester = std::make_unique<QAbstractItemModelTester>(
            model, QAbstractItemModelTester::FailureReportingMode::Warning);
    }
    ~ModelTesterGuard()
    {
        m_tester.reset();
        qInstallMessageHandler(s_previous);
    }
    ModelTesterGuard(const ModelTesterGuard&) = delete;
    ModelTesterGuard& operator=(const ModelTesterGuard&) = delete;

private:
    static void handle(QtMsgType type, const QMessageLogContext& context, const QString& message)
    {
        if (context.category != nullptr && QLatin1String(context.category) == QLatin1String("qt.modeltest")
            && type >= QtWarningMsg)
            ADD_FAILURE() << "QAbstractItemModelTester: " << message.toStdString();
        else if (s_previous)
            s_previous(type, context, message);
    }

    static inline QtMessageHandler s_previous = nullptr;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

} // namespace sipladder::testing
