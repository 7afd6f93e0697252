// SPDX-License-Identifier: Apache-2.0
#include "analysis/uri_diff.h"

#include "analysis/number_match.h"
#include "sip/header_names.h"
#include "sip/header_value.h"
#include "sip/name_addr.h"
#include "sip/sip_uri.h"
#include "util/ascii_text.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <utility>

namespace sipladder::core {

namespace {

using Items = std::vector<std::pair<std::string, std::optional<std::string>>>;

bool isUnreserved(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
        || c == '.' || c == '!' || c == '~' || c == '*' || c == '\'' || c == '(' || c == ')';
}

// RFC 3261 §19.1.4: an unreserved character equals its %HH escape ("%61lice" is "alice"); the
// escapes that stay are compared with upper-case hex digits ("%2b" is "%2B").
std::string canonicalEscapes(std::string_view text)
{
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const int high = text[i] == '%' && i + 2 < text.size() ? hexDigitValue(text[i + 1]) : -1;
        const int low = high >= 0 ? hexDigitValue(text[i + 2]) : -1;
        if (low < 0) {
            out.push_back(text[i]);
            continue;
        }
        const char decoded = static_cast<char>(high * 16 + low);
        if (isUnreserved(decoded)) {
            out.push_back(decoded);
        } else {
            out.push_back('%');
            out.push_back(kHex[high]);
            out.push_back(kHex[low]);
        }
        i += 2;
    }
    return out;
}

// RFC 3966 §4: tel: numbers compare without visual separators, hex digits in either case.
std::string canonicalTelNumber(std::string_view number)
{
    std::string out;
    for (const char c : canonicalEscapes(number)) {
        if (c != '-' && c != '.' && c != '(' && c != ')')
            out.push_back(asciiLower(c));
    }
    return out;
}

// An IPv6 address as its 16 bytes, so that 2001:db8::1 and 2001:DB8:0:0:0:0:0:1 compare equal;
// nullopt for anything else. A trailing dotted IPv4 part (::ffff:192.0.2.1) is accepted.
std::optional<std::array<std::uint8_t, 16>> parseIpv6(std::string_view text)
{
    if (text.size() < 2 || text.size() > 45)
        return std::nullopt;
    std::array<std::uint16_t, 8> groups {};
    std::size_t count = 0;
    std::optional<std::size_t> gap; // where "::" stands, in groups
    std::size_t pos = 0;
    if (text.starts_with("::")) {
        gap = 0;
        pos = 2;
    }
    while (pos < text.size()) {
        if (count == 8)
            return std::nullopt;
        const std::size_t end = std::min(text.find(':', pos), text.size());
        const std::string_view piece = text.substr(pos, end - pos);
        if (piece.find('.') != std::string_view::npos) {
            // The dotted IPv4 tail: four decimal bytes, last of the address, two groups.
            if (end != text.size() || count > 6)
                return std::nullopt;
            std::array<unsigned, 4> bytes {};
            std::size_t byte = 0;
            std::size_t digits = 0;
            for (const char c : piece) {
                if (c == '.') {
                    if (digits == 0 || ++byte == 4)
                        return std::nullopt;
                    digits = 0;
                } else if (c >= '0' && c <= '9' && digits < 3) {
                    bytes[byte] = bytes[byte] * 10 + static_cast<unsigned>(c - '0');
                    ++digits;
                } else {
                    return std::nullopt;
                }
            }
            if (byte != 3 || digits == 0 || bytes[0] > 255 || bytes[1] > 255 || bytes[2] > 255 || bytes[3] > 255)
                return std::nullopt;
            groups[count++] = static_cast<std::uint16_t>(bytes[0] << 8 | bytes[1]);
            groups[count++] = static_cast<std::uint16_t>(bytes[2] << 8 | bytes[3]);
            pos = end;
            break;
        }
        if (piece.empty() || piece.size() > 4)
            return std::nullopt;
        unsigned value = 0;
        for (const char c : piece) {
            const int digit = hexDigitValue(c);
            if (digit < 0)
                return std::nullopt;
            value = value * 16 + static_cast<unsigned>(digit);
        }
        groups[count++] = static_cast<std::uint16_t>(value);
        pos = end;
        if (pos == text.size())
            break;
        ++pos; // the ':'
        if (pos < text.size() && text[pos] == ':') {
            if (gap)
                return std::nullopt;
            gap = count;
            ++pos;
        } else if (pos == text.size()) {
            return std::nullopt; // a single trailing ':'
        }
    }
    if (gap ? count > 7 : count != 8)
        return std::nullopt;
    std::array<std::uint16_t, 8> full {};
    if (gap) {
        std::copy(groups.begin(), groups.begin() + static_cast<std::ptrdiff_t>(*gap), full.begin());
        std::copy(groups.begin() + static_cast<std::ptrdiff_t>(*gap),
            groups.begin() + static_cast<std::ptrdiff_t>(count),
            full.end() - static_cast<std::ptrdiff_t>(count - *gap));
    } else {
        full = groups;
    }
    std::array<std::uint8_t, 16> out {};
    for (std::size_t i = 0; i < 8; ++i) {
        out[2 * i] = static_cast<std::uint8_t>(full[i] >> 8);
        out[2 * i + 1] = static_cast<std::uint8_t>(full[i] & 0xff);
    }
    return out;
}

bool sameHost(std::string_view a, std::string_view b)
{
    if (equalsIgnoreCase(a, b))
        return true;
    const auto left = parseIpv6(a);
    const auto right = parseIpv6(b);
    return left && right && *left == *right;
}

// Parameters whose values are tokens or host names: compared ignoring case, as RFC 3261 §19.1.4
// asks. Other values are compared exactly: the RFC would ignore their case too, but equipment that
// treats an opaque token case-sensitively is exactly what a diagnosis must not hide.
bool hasTokenValue(std::string_view name)
{
    for (const std::string_view token :
        { "transport", "user", "method", "maddr", "ttl", "lr", "comp", "phone-context", "ext", "isub" }) {
        if (equalsIgnoreCase(name, token))
            return true;
    }
    return false;
}

bool sameValue(const std::optional<std::string>& a, const std::optional<std::string>& b, bool ignoreCase)
{
    if (!a || !b)
        return !a && !b; // a flag parameter ("lr") against one with a value
    const std::string left = canonicalEscapes(*a);
    const std::string right = canonicalEscapes(*b);
    return ignoreCase ? equalsIgnoreCase(left, right) : left == right;
}

void addComponent(UriDiff& diff, std::string name, std::optional<std::string> failing,
    std::optional<std::string> baseline, bool equalWhenBothPresent)
{
    if (!failing && !baseline)
        return;
    UriComponentDiff component;
    component.name = std::move(name);
    component.equal = failing && baseline && equalWhenBothPresent;
    if (failing && baseline && !component.equal)
        component.characters = MessageDiff::diffCharacters(*failing, *baseline);
    component.failing = std::move(failing);
    component.baseline = std::move(baseline);
    diff.components.push_back(std::move(component));
}

std::optional<std::string> presentIfNotEmpty(const std::string& text)
{
    return text.empty() ? std::nullopt : std::optional<std::string>(text);
}

// ";name=value" items of both sides paired by name (ignoring case; the n-th repetition of a name
// with the n-th on the other side), failing's order first, then those only the baseline has. A
// flag parameter's value is "" so that it differs from an absent one.
template <typename SameValue>
void addItems(UriDiff& diff, std::string_view prefix, const Items& failing, const Items& baseline,
    std::string_view skipped, SameValue sameItemValue)
{
    std::vector<bool> used(baseline.size(), false);
    auto valueOf = [](const std::optional<std::string>& value) { return value.value_or(std::string()); };
    auto add = [&](const std::string& name, const std::optional<std::string>* left,
                   const std::optional<std::string>* right) {
        const bool equal = left && right && sameItemValue(name, *left, *right);
        addComponent(diff, std::string(prefix) + asciiLowerCase(name),
            left ? std::optional<std::string>(valueOf(*left)) : std::nullopt,
            right ? std::optional<std::string>(valueOf(*right)) : std::nullopt, equal);
    };
    for (const auto& [name, value] : failing) {
        if (!skipped.empty() && equalsIgnoreCase(name, skipped))
            continue;
        const std::optional<std::string>* match = nullptr;
        for (std::size_t j = 0; j < baseline.size(); ++j) {
            if (!used[j] && equalsIgnoreCase(baseline[j].first, name)) {
                used[j] = true;
                match = &baseline[j].second;
                break;
            }
        }
        add(name, &value, match);
    }
    for (std::size_t j = 0; j < baseline.size(); ++j) {
        if (!used[j] && (skipped.empty() || !equalsIgnoreCase(baseline[j].first, skipped)))
            add(baseline[j].first, nullptr, &baseline[j].second);
    }
}

std::string hostText(const SipUri& uri)
{
    return uri.hostIsIpv6Reference ? "[" + uri.host + "]" : uri.host;
}

std::string_view withoutAngleBrackets(std::string_view text)
{
    text = trimHeaderValue(text);
    if (text.size() >= 2 && text.front() == '<' && text.back() == '>')
        text = trimHeaderValue(text.substr(1, text.size() - 2));
    return text;
}

// The URI components: sip:, sips: and tel: part by part (a tel: number is the user), anything else
// (other schemes, junk, an empty side) as one "opaque" component.
void addUriComponents(UriDiff& diff, const SipUri& failing, std::string_view failingText, const SipUri& baseline,
    std::string_view baselineText)
{
    const bool structured = (failing.isSip() || failing.isTel()) && (baseline.isSip() || baseline.isTel());
    if (!structured) {
        const std::string_view left = withoutAngleBrackets(failingText);
        const std::string_view right = withoutAngleBrackets(baselineText);
        const bool equal = left == right
            || (!failing.scheme.empty() && failing.scheme == baseline.scheme && failing.opaque == baseline.opaque);
        addComponent(diff, "opaque", left.empty() ? std::nullopt : std::optional<std::string>(left),
            right.empty() ? std::nullopt : std::optional<std::string>(right), equal);
        return;
    }

    addComponent(diff, "scheme", failing.scheme, baseline.scheme, failing.scheme == baseline.scheme);

    const bool bothTel = failing.isTel() && baseline.isTel();
    addComponent(diff, "user", presentIfNotEmpty(failing.user), presentIfNotEmpty(baseline.user),
        bothTel ? canonicalTelNumber(failing.user) == canonicalTelNumber(baseline.user)
                : canonicalEscapes(failing.user) == canonicalEscapes(baseline.user));
    addComponent(diff, "password", presentIfNotEmpty(failing.password), presentIfNotEmpty(baseline.password),
        canonicalEscapes(failing.password) == canonicalEscapes(baseline.password));
    if (failing.isSip() || baseline.isSip()) {
        addComponent(diff, "host", failing.isSip() ? std::optional<std::string>(hostText(failing)) : std::nullopt,
            baseline.isSip() ? std::optional<std::string>(hostText(baseline)) : std::nullopt,
            sameHost(failing.host, baseline.host));
    }
    auto portText = [](const SipUri& uri) {
        return uri.port ? std::optional<std::string>(std::to_string(*uri.port)) : std::nullopt;
    };
    addComponent(diff, "port", portText(failing), portText(baseline), failing.port == baseline.port);

    addItems(diff, "param:", failing.parameters, baseline.parameters, {},
        [](const std::string& name, const std::optional<std::string>& a, const std::optional<std::string>& b) {
            return sameValue(a, b, hasTokenValue(name));
        });
    addItems(diff, "header:", failing.headers, baseline.headers, {},
        [](const std::string&, const std::optional<std::string>& a, const std::optional<std::string>& b) {
            return sameValue(a, b, false);
        });
}

bool isPhoneNumber(std::string_view user)
{
    return !numberDigits(user).empty();
}

bool userPartsAreSameNumber(const SipUri& failing, const SipUri& baseline)
{
    const bool structured = (failing.isSip() || failing.isTel()) && (baseline.isSip() || baseline.isTel());
    return structured && isPhoneNumber(failing.user) && isPhoneNumber(baseline.user)
        && sameNumber(failing.user, baseline.user);
}

// A value quoted in the note: one line, and short enough for a sentence.
std::string shown(const std::optional<std::string>& value)
{
    if (!value)
        return "(none)";
    if (value->empty())
        return "(empty)";
    constexpr std::size_t kMaximum = 80;
    std::string out;
    for (std::size_t i = 0; i < value->size(); ++i) {
        if (i >= kMaximum && (static_cast<unsigned char>((*value)[i]) & 0xc0) != 0x80) {
            out += "\xe2\x80\xa6"; // an ellipsis, after a whole UTF-8 character
            break;
        }
        const char c = (*value)[i];
        out.push_back(static_cast<unsigned char>(c) < 0x20 || c == 0x7f ? '?' : c);
    }
    return out;
}

std::string shownItem(std::string_view name, const std::optional<std::string>& value)
{
    if (!value)
        return "(none)";
    if (value->empty())
        return shown(std::string(name));
    return shown(std::string(name) + "=" + *value);
}

const UriComponentDiff* findComponent(const UriDiff& diff, std::string_view name)
{
    for (const auto& component : diff.components) {
        if (component.name == name)
            return &component;
    }
    return nullptr;
}

// "Different parameters: transport=tcp vs transport=udp; user=phone vs (none)."
void appendItemSentence(std::string& note, const UriDiff& diff, std::string_view prefix, std::string_view what)
{
    std::string list;
    for (const auto& component : diff.components) {
        if (component.equal || !component.name.starts_with(prefix))
            continue;
        const std::string_view name = std::string_view(component.name).substr(prefix.size());
        if (!list.empty())
            list += "; ";
        list += shownItem(name, component.failing) + " vs " + shownItem(name, component.baseline);
    }
    if (list.empty())
        return;
    if (!note.empty())
        note += ' ';
    note += "Different ";
    note += what;
    note += ": ";
    note += list;
    note += '.';
}

void appendSentence(std::string& note, std::string_view sentence)
{
    if (!note.empty())
        note += ' ';
    note += sentence;
}

std::string buildNote(const UriDiff& diff)
{
    std::string note;
    if (diff.identical())
        return note;
    if (const auto* opaque = findComponent(diff, "opaque")) {
        appendSentence(note,
            "Different URIs, compared as text: " + shown(opaque->failing) + " vs " + shown(opaque->baseline) + ".");
    }
    const auto* scheme = findComponent(diff, "scheme");
    if (scheme && !scheme->equal)
        appendSentence(note, "Different scheme: " + shown(scheme->failing) + " vs " + shown(scheme->baseline) + ".");

    const auto* user = findComponent(diff, "user");
    if (user && !user->equal) {
        if (diff.sameNumber) {
            const std::string leftForm = numberFormName(*user->failing);
            const std::string rightForm = numberFormName(*user->baseline);
            std::string sentence = shown(user->failing) + " and " + shown(user->baseline) + " are the same number";
            sentence += leftForm == rightForm ? ", written differently." : ": " + leftForm + " vs " + rightForm + ".";
            appendSentence(note, sentence);
        } else if (user->failing && user->baseline && isPhoneNumber(*user->failing) && isPhoneNumber(*user->baseline)) {
            appendSentence(note, "Different numbers: " + shown(user->failing) + " vs " + shown(user->baseline) + ".");
        } else {
            appendSentence(note, "Different user: " + shown(user->failing) + " vs " + shown(user->baseline) + ".");
        }
    }
    const auto* password = findComponent(diff, "password");
    if (password && !password->equal)
        appendSentence(note, "Different password.");

    const auto* host = findComponent(diff, "host");
    if (host && !host->equal) {
        const bool sameUser = user && user->equal;
        appendSentence(note,
            std::string(sameUser ? "Same user, different host: " : "Different host: ") + shown(host->failing) + " vs "
                + shown(host->baseline) + ".");
    }
    const auto* port = findComponent(diff, "port");
    if (port && !port->equal)
        appendSentence(note, "Different port: " + shown(port->failing) + " vs " + shown(port->baseline) + ".");

    appendItemSentence(note, diff, "param:", "URI parameters");
    appendItemSentence(note, diff, "header:", "URI headers");

    const auto* displayName = findComponent(diff, "display-name");
    if (displayName && !displayName->equal) {
        auto quoted
            = [](const std::optional<std::string>& value) { return value ? "\"" + shown(value) + "\"" : shown(value); };
        appendSentence(note,
            "Different display name: " + quoted(displayName->failing) + " vs " + quoted(displayName->baseline) + ".");
    }
    appendItemSentence(note, diff, "field-param:", "header parameters");
    return note;
}

} // namespace

bool UriDiff::identical() const
{
    return std::all_of(components.begin(), components.end(), [](const auto& component) { return component.equal; });
}

UriDiff diffUris(std::string_view failing, std::string_view baseline)
{
    UriDiff diff;
    diff.failing = std::string(failing);
    diff.baseline = std::string(baseline);
    const SipUri left = parseSipUri(failing);
    const SipUri right = parseSipUri(baseline);
    addUriComponents(diff, left, failing, right, baseline);
    diff.sameNumber = userPartsAreSameNumber(left, right);
    diff.note = buildNote(diff);
    return diff;
}

UriDiff diffNameAddrs(std::string_view failing, std::string_view baseline)
{
    UriDiff diff;
    diff.failing = std::string(failing);
    diff.baseline = std::string(baseline);
    const NameAddr left = parseNameAddr(failing);
    const NameAddr right = parseNameAddr(baseline);
    addUriComponents(diff, left.uri, left.uriText, right.uri, right.uriText);
    addComponent(diff, "display-name", presentIfNotEmpty(left.displayName), presentIfNotEmpty(right.displayName),
        left.displayName == right.displayName);
    // The tag differs between any two calls: it would make every From and To look different.
    addItems(diff, "field-param:", left.parameters, right.parameters, "tag",
        [](const std::string&, const std::optional<std::string>& a, const std::optional<std::string>& b) {
            return a == b;
        });
    diff.sameNumber = userPartsAreSameNumber(left.uri, right.uri);
    diff.note = buildNote(diff);
    return diff;
}

} // namespace sipladder::core
