// SPDX-License-Identifier: Apache-2.0
#include "analysis/explanation_texts.h"

#include "analysis/builtin_diagnosis_texts.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <utility>

namespace sipladder::core {

namespace {

constexpr std::array<std::string_view, 42> kPlaceholders
    = { "method", "status", "reason", "request_uri", "user", "host", "source", "destination", "responder", "from_user",
          "from_host", "to_user", "working_call", "working_uri", "working_user", "working_host", "working_destination",
          "working_time", "failing_form", "working_form", "q850_cause", "q850_text", "warning", "retry_after",
          "elapsed", "retransmissions", "ring_seconds", "cancelled_by", "icmp", "offered_codecs", "accepted_codecs",
          "working_codecs", "aor", "event", "registration_frame", "allow", "unsupported", "min_se", "min_expires",
          "provisional", "initial_method", "common_codecs" };

constexpr std::array<std::string_view, 6> kPlatforms
    = { "General", "Asterisk", "FreeSWITCH", "Kamailio", "CUCM", "Carrier portal" };

bool isBlank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

std::string_view trim(std::string_view text)
{
    while (!text.empty() && isBlank(text.front()))
        text.remove_prefix(1);
    while (!text.empty() && isBlank(text.back()))
        text.remove_suffix(1);
    return text;
}

bool isAsciiAlpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool isAsciiDigit(char c)
{
    return c >= '0' && c <= '9';
}

// A placeholder name: a letter or '_', then letters, digits, '_'. So "{10}" in a regular expression
// of a fix is text, not a placeholder.
bool isPlaceholderName(std::string_view name)
{
    if (name.empty() || !(isAsciiAlpha(name.front()) || name.front() == '_'))
        return false;
    return std::all_of(name.begin(), name.end(), [](char c) { return isAsciiAlpha(c) || isAsciiDigit(c) || c == '_'; });
}

// Keys of named texts: "unknown-user.from-trunk.summary", "q850.1".
bool isKey(std::string_view key)
{
    return !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
        return isAsciiAlpha(c) || isAsciiDigit(c) || c == '.' || c == '-' || c == '_';
    });
}

// Calls visit(name) for every {name} in text, in order.
template <typename Visit> void forEachPlaceholder(std::string_view text, Visit visit)
{
    std::size_t pos = 0;
    while ((pos = text.find('{', pos)) != std::string_view::npos) {
        const auto close = text.find('}', pos + 1);
        if (close == std::string_view::npos)
            return;
        const auto name = text.substr(pos + 1, close - pos - 1);
        if (isPlaceholderName(name)) {
            visit(name);
            pos = close + 1;
        } else {
            ++pos;
        }
    }
}

struct Location {
    std::string_view file;
    std::size_t line = 0;
};

std::string describe(const Location& where)
{
    const auto line = std::to_string(where.line);
    return where.file.empty() ? "line " + line : std::string(where.file) + ":" + line;
}

enum class FieldKind : std::uint8_t { Discard, Title, Summary, Explanation, Fix, Reference, Text };

// Reads the files line by line into causes and named texts; see resources/diagnosis/README.md.
class TextsParser {
public:
    explicit TextsParser(std::vector<std::string>* problems)
        : m_problems(problems)
    {
    }

    void read(std::string_view file, std::string_view text);
    void finish();

    std::array<ExplanationTexts::CauseTexts, kCauseCount> causes;
    std::map<std::string, std::string, std::less<>> texts;

private:
    enum class SectionKind : std::uint8_t { None, Cause, Variant, Texts, Ignored };

    struct Section {
        SectionKind kind = SectionKind::None;
        Cause cause = Cause::Other;
        std::string name; // the cause id or the variant key
        Location where;
    };

    // The value being read: a field line and its continuation lines.
    struct Pending {
        FieldKind kind = FieldKind::Discard;
        std::string name; // the platform of a fix, the key of a text
        std::string value;
        bool blankBefore = false; // a blank line since the last piece: a paragraph break if more follows
        Location where;
    };

    // Required fields seen in a section, checked when it ends.
    struct Seen {
        bool title = false;
        bool summary = false;
        bool explanation = false;
    };

    void problem(const Location& where, const std::string& message)
    {
        if (m_problems)
            m_problems->push_back(describe(where) + ": " + message);
    }
    void startSection(std::string_view line, const Location& where);
    void endSection();
    void startField(std::string_view name, std::string_view value, const Location& where);
    void continueValue(std::string_view piece);
    void commit();
    void checkPlaceholders(const Pending& pending);
    std::string sectionLabel() const;

    std::vector<std::string>* m_problems;
    Section m_section;
    Seen m_seen;
    std::optional<Pending> m_pending;
    std::array<std::optional<Location>, kCauseCount> m_causeSections;
    std::map<std::string, Location, std::less<>> m_variantSections;
    std::map<std::string, Location, std::less<>> m_textLocations;
};

void TextsParser::read(std::string_view file, std::string_view text)
{
    if (text.starts_with("\xEF\xBB\xBF")) // a UTF-8 byte order mark some editors write
        text.remove_prefix(3);
    std::size_t lineNumber = 0;
    while (!text.empty()) {
        const auto end = text.find('\n');
        const auto line = text.substr(0, end);
        text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
        ++lineNumber;
        const Location where { file, lineNumber };
        const auto content = trim(line);
        if (content.empty()) {
            if (m_pending)
                m_pending->blankBefore = true;
            continue;
        }
        if (content.front() == '#')
            continue;
        if (isBlank(line.front())) {
            if (m_pending)
                continueValue(content);
            else
                problem(where, "indented line outside a value (continuation lines follow a 'name: value' line)");
            continue;
        }
        commit();
        if (content.front() == '[') {
            startSection(content, where);
            continue;
        }
        const auto colon = content.find(':');
        if (colon == std::string_view::npos) {
            problem(where, "expected '[section]' or 'name: value', found '" + std::string(content) + "'");
            continue;
        }
        startField(trim(content.substr(0, colon)), trim(content.substr(colon + 1)), where);
    }
    commit();
    endSection();
}

void TextsParser::finish()
{
    commit();
    endSection();
}

std::string TextsParser::sectionLabel() const
{
    switch (m_section.kind) {
    case SectionKind::Cause:
        return "[cause " + m_section.name + "]";
    case SectionKind::Variant:
        return "[variant " + m_section.name + "]";
    case SectionKind::Texts:
        return "[texts]";
    case SectionKind::None:
    case SectionKind::Ignored:
        break;
    }
    return {};
}

void TextsParser::startSection(std::string_view line, const Location& where)
{
    endSection();
    m_section = Section { SectionKind::Ignored, Cause::Other, {}, where };
    if (line.back() != ']') {
        problem(where, "section header without a closing ']': '" + std::string(line) + "'");
        return;
    }
    const auto inner = trim(line.substr(1, line.size() - 2));
    const auto space = inner.find_first_of(" \t");
    const auto kind = inner.substr(0, space);
    const auto name = space == std::string_view::npos ? std::string_view {} : trim(inner.substr(space));

    if (kind == "texts") {
        if (!name.empty())
            problem(where, "[texts] takes no name, found '" + std::string(name) + "'");
        m_section.kind = SectionKind::Texts;
    } else if (kind == "cause") {
        const auto cause = causeFromId(name);
        if (!cause) {
            problem(where, "unknown cause id '" + std::string(name) + "'");
            return;
        }
        auto& first = m_causeSections[static_cast<std::size_t>(*cause)];
        if (first) {
            problem(where, "duplicate section [cause " + std::string(name) + "] (first at " + describe(*first) + ")");
            return;
        }
        first = where;
        m_section.kind = SectionKind::Cause;
        m_section.cause = *cause;
        m_section.name = std::string(name);
    } else if (kind == "variant") {
        const auto dot = name.find('.');
        if (!isKey(name) || dot == std::string_view::npos || dot + 1 == name.size()) {
            problem(where, "a variant key is CAUSE-ID.NAME, found '" + std::string(name) + "'");
            return;
        }
        if (!causeFromId(name.substr(0, dot))) {
            problem(where,
                "unknown cause id '" + std::string(name.substr(0, dot)) + "' in variant key '" + std::string(name)
                    + "'");
            return;
        }
        const auto [first, inserted] = m_variantSections.emplace(std::string(name), where);
        if (!inserted) {
            problem(where,
                "duplicate section [variant " + std::string(name) + "] (first at " + describe(first->second) + ")");
            return;
        }
        m_section.kind = SectionKind::Variant;
        m_section.name = std::string(name);
    } else {
        problem(where, "unknown section '" + std::string(line) + "' (expected [cause ID], [variant KEY] or [texts])");
    }
}

void TextsParser::endSection()
{
    const auto& where = m_section.where;
    if (m_section.kind == SectionKind::Cause || m_section.kind == SectionKind::Variant) {
        const auto label = sectionLabel();
        if (m_section.kind == SectionKind::Cause && !m_seen.title)
            problem(where, label + " has no title");
        if (!m_seen.summary)
            problem(where, label + " has no summary");
        if (!m_seen.explanation)
            problem(where, label + " has no explanation");
    }
    m_section = Section {};
    m_seen = Seen {};
}

void TextsParser::startField(std::string_view name, std::string_view value, const Location& where)
{
    m_pending = Pending { FieldKind::Discard, {}, std::string(value), false, where };
    auto& pending = *m_pending;
    const auto once = [&](bool& seen, FieldKind kind) {
        if (seen) {
            problem(where, "duplicate field '" + std::string(name) + "' in " + sectionLabel());
            return;
        }
        seen = true;
        pending.kind = kind;
    };

    switch (m_section.kind) {
    case SectionKind::None:
        problem(where, "'" + std::string(name) + ":' before any section");
        return;
    case SectionKind::Ignored:
        return; // the section header was reported already
    case SectionKind::Cause:
        if (name == "title") {
            once(m_seen.title, FieldKind::Title);
        } else if (name == "summary") {
            once(m_seen.summary, FieldKind::Summary);
        } else if (name == "explanation") {
            once(m_seen.explanation, FieldKind::Explanation);
        } else if (name == "reference") {
            pending.kind = FieldKind::Reference;
        } else if (name.starts_with("fix ") || name.starts_with("fix\t")) {
            const auto platform = trim(name.substr(4));
            if (std::find(kPlatforms.begin(), kPlatforms.end(), platform) == kPlatforms.end()) {
                problem(where,
                    "unknown platform '" + std::string(platform)
                        + "' (General, Asterisk, FreeSWITCH, Kamailio, CUCM, Carrier portal)");
                return;
            }
            const auto& fixes = causes[static_cast<std::size_t>(m_section.cause)].fixes;
            if (std::any_of(fixes.begin(), fixes.end(), [&](const auto& fix) { return fix.first == platform; })) {
                problem(where, "duplicate fix for " + std::string(platform) + " in " + sectionLabel());
                return;
            }
            pending.kind = FieldKind::Fix;
            pending.name = std::string(platform);
        } else {
            problem(where,
                "unknown field '" + std::string(name) + "' in " + sectionLabel()
                    + " (title, summary, explanation, fix PLATFORM, reference)");
        }
        return;
    case SectionKind::Variant:
        if (name == "summary" || name == "explanation") {
            once(name == "summary" ? m_seen.summary : m_seen.explanation, FieldKind::Text);
            pending.name = m_section.name + "." + std::string(name);
        } else {
            problem(
                where, "unknown field '" + std::string(name) + "' in " + sectionLabel() + " (summary, explanation)");
        }
        return;
    case SectionKind::Texts:
        if (!isKey(name)) {
            problem(where, "'" + std::string(name) + "' is not a text key (letters, digits, '.', '-', '_')");
            return;
        }
        pending.kind = FieldKind::Text;
        pending.name = std::string(name);
        return;
    }
}

void TextsParser::continueValue(std::string_view piece)
{
    auto& pending = *m_pending;
    if (!pending.value.empty())
        pending.value += pending.blankBefore ? "\n\n" : " ";
    pending.value += piece;
    pending.blankBefore = false;
}

void TextsParser::checkPlaceholders(const Pending& pending)
{
    forEachPlaceholder(pending.value, [&](std::string_view name) {
        if (pending.kind == FieldKind::Reference)
            problem(pending.where,
                "references are shown as written: placeholder {" + std::string(name) + "} is not filled");
        else if (std::find(kPlaceholders.begin(), kPlaceholders.end(), name) == kPlaceholders.end())
            problem(pending.where, "unknown placeholder {" + std::string(name) + "}");
    });
}

void TextsParser::commit()
{
    if (!m_pending)
        return;
    auto pending = std::move(*m_pending);
    m_pending.reset();
    if (pending.kind == FieldKind::Discard)
        return;
    if (pending.value.empty()) {
        problem(pending.where, "empty value");
        return;
    }
    checkPlaceholders(pending);
    auto& cause = causes[static_cast<std::size_t>(m_section.cause)];
    switch (pending.kind) {
    case FieldKind::Discard:
        break;
    case FieldKind::Title:
        cause.title = std::move(pending.value);
        break;
    case FieldKind::Summary:
        cause.summary = std::move(pending.value);
        break;
    case FieldKind::Explanation:
        cause.explanation = std::move(pending.value);
        break;
    case FieldKind::Fix:
        cause.fixes.emplace_back(std::move(pending.name), std::move(pending.value));
        break;
    case FieldKind::Reference:
        cause.references.push_back(std::move(pending.value));
        break;
    case FieldKind::Text: {
        const auto [first, inserted] = m_textLocations.emplace(pending.name, pending.where);
        if (!inserted) {
            problem(pending.where, "duplicate key '" + pending.name + "' (first at " + describe(first->second) + ")");
            break;
        }
        texts.emplace(std::move(pending.name), std::move(pending.value));
        break;
    }
    }
}

} // namespace

ExplanationTexts ExplanationTexts::parse(std::string_view text, std::vector<std::string>* problems)
{
    const Source source { {}, text };
    return parse(std::span<const Source>(&source, 1), problems);
}

ExplanationTexts ExplanationTexts::parse(std::span<const Source> sources, std::vector<std::string>* problems)
{
    TextsParser parser(problems);
    for (const auto& source : sources)
        parser.read(source.name, source.text);
    parser.finish();
    ExplanationTexts result;
    result.m_causes = std::move(parser.causes);
    result.m_texts = std::move(parser.texts);
    return result;
}

const ExplanationTexts& ExplanationTexts::builtIn()
{
    // A function-local static: parsed on first use, thread-safe since C++11.
    static const ExplanationTexts texts = parse(builtInDiagnosisTexts());
    return texts;
}

std::string_view ExplanationTexts::text(std::string_view key) const
{
    const auto found = m_texts.find(key);
    return found == m_texts.end() ? std::string_view {} : std::string_view(found->second);
}

std::string ExplanationTexts::fill(std::string_view text, const std::map<std::string, std::string>& values)
{
    std::string filled;
    filled.reserve(text.size() + text.size() / 2);
    std::size_t done = 0;
    forEachPlaceholder(text, [&](std::string_view name) {
        const auto found = values.find(std::string(name));
        if (found == values.end())
            return;
        // name points into text, just after the '{'.
        const auto open = static_cast<std::size_t>(name.data() - text.data()) - 1;
        filled.append(text.substr(done, open - done));
        filled.append(found->second);
        done = open + name.size() + 2;
    });
    filled.append(text.substr(done));
    return filled;
}

std::span<const std::string_view> ExplanationTexts::placeholders()
{
    return kPlaceholders;
}

std::span<const std::string_view> ExplanationTexts::platforms()
{
    return kPlatforms;
}

} // namespace sipladder::core
