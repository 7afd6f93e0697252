# SPDX-License-Identifier: Apache-2.0
# Turns the report stylesheet (resources/report/report.css) into a C++ source (OUTPUT) that defines
# sipladder::core::builtInReportCss(), so that the Qt-free core writes self-contained HTML without
# Qt's resource system. Run by model/core/CMakeLists.txt as
#   cmake -DCSS=<file> -DOUTPUT=<file> -P embed_report.cmake
# The file becomes an array of bytes: no raw-string delimiter can collide with the text.
cmake_minimum_required(VERSION 3.25)

if(NOT CSS OR NOT OUTPUT)
  message(FATAL_ERROR "embed_report.cmake needs -DCSS=<file> and -DOUTPUT=<file>")
endif()

string(REPEAT "0x[0-9a-f][0-9a-f]," 16 sixteen_bytes)
file(READ "${CSS}" hex HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
string(REGEX REPLACE "(${sixteen_bytes})" "\\1\n    " bytes "${bytes}")

file(WRITE "${OUTPUT}" "// Generated from resources/report/report.css by resources/report/embed_report.cmake: do not edit.
#include \"report/builtin_report_css.h\"

namespace sipladder::core {

namespace {

const unsigned char kCss[] = {
    ${bytes}0x00
};

} // namespace

std::string_view builtInReportCss()
{
    return { reinterpret_cast<const char*>(kCss), sizeof(kCss) - 1 };
}

} // namespace sipladder::core
")
