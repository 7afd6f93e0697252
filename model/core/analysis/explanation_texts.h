// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "analysis/cause.h"

#include <array>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace sipladder::core {

// The words of the explanations, kept as data in resources/diagnosis/ and compiled into the core
// at build time (no Qt resource system needed). Texts may hold {placeholders} that the diagnoser
// fills with the capture's values ({number}, {working_number}, {host}, {status}...).
class ExplanationTexts {
public:
    struct CauseTexts {
        std::string title;
        std::string summary;
        std::string explanation;
        std::vector<std::pair<std::string, std::string>> fixes; // platform, text
        std::vector<std::string> references;
    };

    // Parses the text format of resources/diagnosis (see the README there); throws nothing: errors
    // are collected in `problems` (a test checks the built-in texts have none).
    static ExplanationTexts parse(std::string_view text, std::vector<std::string>* problems = nullptr);
    // The texts compiled in from resources/diagnosis, parsed once.
    static const ExplanationTexts& builtIn();

    const CauseTexts& forCause(Cause cause) const { return m_causes[static_cast<std::size_t>(cause)]; }
    // Extra named texts (for variants such as 404 to a SUBSCRIBE, Q.850 cause meanings...).
    std::string_view text(std::string_view key) const;

    // Replaces {name} with values[name]; unknown placeholders are left as they are.
    static std::string fill(std::string_view text, const std::map<std::string, std::string>& values);

private:
    std::array<CauseTexts, kCauseCount> m_causes;
    std::map<std::string, std::string, std::less<>> m_texts;
};

} // namespace sipladder::core
