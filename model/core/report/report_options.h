// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>

namespace sipladder::core {

class Redactor;

// What every annotated report (HTML, JSON, text) is asked for besides its calls.
struct ReportOptions {
    std::string title; // empty: "SipLadder report"
    // Said in the heading: which calls were asked for ("failed calls"; ExportScope::describe()).
    std::string scope;
    bool redact = false;
    // With `redact`: the placeholders of the whole export, shared with its other files (the pcap of
    // the same calls); the writer calls learn() on it. Null: the writer uses a redactor of its own.
    Redactor* redactor = nullptr;
};

} // namespace sipladder::core
