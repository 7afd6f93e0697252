// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "analysis/cause.h"

#include <array>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace sipladder::core {

// The words of the explanations, kept as data in resources/diagnosis/ (format in the README there)
// and compiled into the core at build time, so the core and the CLI need no Qt resource system.
// Texts may hold {placeholders} that the diagnoser fills with the capture's values ({user},
// {failing_form}, {working_call}, {status}...; the list is placeholders() and notes/texts_spec.md).
class ExplanationTexts {
public:
    struct CauseTexts {
        std::string title;
        std::string summary;
        std::string explanation;
        std::vector<std::pair<std::string, std::string>> fixes; // platform, text
        std::vector<std::string> references;
    };

    // One text file: its name (used in problem messages, "causes.txt:12: ...") and contents.
    struct Source {
        std::string_view name;
        std::string_view text;
    };

    // Parses the text format of resources/diagnosis; throws nothing: whatever is wrong (unknown
    // section, cause id, field, platform or placeholder, a duplicate key, a cause or variant missing a
    // required field) is reported with its line in `problems` and the rest is still read. A test
    // checks that the built-in texts have no problems.
    static ExplanationTexts parse(std::string_view text, std::vector<std::string>* problems = nullptr);
    // Several files read as one set of texts (keys must be unique across them).
    static ExplanationTexts parse(std::span<const Source> sources, std::vector<std::string>* problems = nullptr);
    // The texts compiled in from resources/diagnosis, parsed once (thread-safe).
    static const ExplanationTexts& builtIn();

    const CauseTexts& forCause(Cause cause) const { return m_causes[static_cast<std::size_t>(cause)]; }
    // Extra named texts: variants ("unknown-user.from-trunk.summary"), Q.850 cause meanings
    // ("q850.1"), notes and uncertainties. Empty when the key is missing.
    std::string_view text(std::string_view key) const;
    // All named texts, by key.
    const std::map<std::string, std::string, std::less<>>& texts() const { return m_texts; }

    // Replaces {name} with values[name]; unknown placeholders are left as they are, and the values
    // put in are not searched again (a value may hold braces).
    static std::string fill(std::string_view text, const std::map<std::string, std::string>& values);

    // The placeholder names the diagnoser fills (texts_spec.md); parse() reports any other.
    static std::span<const std::string_view> placeholders();
    // The platforms a fix may name: "General", "Asterisk", "FreeSWITCH", "Kamailio", "CUCM", "Carrier portal".
    static std::span<const std::string_view> platforms();

private:
    std::array<CauseTexts, kCauseCount> m_causes;
    std::map<std::string, std::string, std::less<>> m_texts;
};

} // namespace sipladder::core
