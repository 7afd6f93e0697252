// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string_view>

namespace sipladder::core {

// The stylesheet of the HTML report (resources/report/report.css), compiled into the core at build
// time by resources/report/embed_report.cmake and inlined into every report.
std::string_view builtInReportCss();

} // namespace sipladder::core
