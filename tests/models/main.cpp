// SPDX-License-Identifier: Apache-2.0
// GoogleTest main for the models tests: a QCoreApplication on the offscreen platform (unless one is chosen).
#include <QCoreApplication>

#include <gtest/gtest.h>

int main(int argc, char** argv)
{
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    ::testing::InitGoogleTest(&argc, argv);
    QCoreApplication app(argc, argv);
    return RUN_ALL_TESTS();
}
