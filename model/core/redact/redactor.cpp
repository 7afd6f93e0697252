// SPDX-License-Identifier: Apache-2.0
#include "redact/redactor.h"

#include "analysis/diagnoser.h"
#include "analysis/message_diff.h"
#include "analysis/number_match.h"
#include "load/capture_snapshot.h"
#include "sip/header_names.h"
#include "sip/header_value.h"
#include "sip/name_addr.h"
#include "sip/sdp_line.h"
#include "util/ascii_text.h"

#include <algorithm>
#include <cctype>
#include <array>

namespace sipladder::core {

namespace {

constexpr std::size_t kMinNumberDigits = 7;
constexpr std::size_t kMaxSeparatedDigits = 15; // E.164's longest number

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

bool isAlpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool isAlnum(char c)
{
    return isDigit(c) || isAlpha(c);
}

// Characters of host names, numbers and words: a value is only recognised where a run of these starts.
bool isTokenChar(char c)
{
    return isAlnum(c) || c == '.' || c == '-' || c == '_';
}

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

bool startsWithIgnoreCase(std::string_view text, std::size_t pos, std::string_view prefix)
{
    return text.size() - pos >= prefix.size() && equalsIgnoreCase(text.substr(pos, prefix.size()), prefix);
}

// Leading and trailing whitespace of `text` around its trimmed core.
struct Padded {
    std::string_view lead;
    std::string_view core;
    std::string_view trail;
};

Padded padded(std::string_view text)
{
    std::size_t begin = 0;
    std::size_t end = text.size();
    while (begin < end && isSpace(text[begin]))
        ++begin;
    while (end > begin && isSpace(text[end - 1]))
        --end;
    return { text.substr(0, begin), text.substr(begin, end - begin), text.substr(end) };
}

// Splits a comma-separated list without losing a byte: commas inside quotes or <...> do not split.
// Each piece is an item with its surrounding whitespace; the commas are between them.
std::vector<std::string_view> splitList(std::string_view value)
{
    std::vector<std::string_view> items;
    bool quoted = false;
    bool escaped = false;
    int angle = 0;
    std::size_t start = 0;
    for (std::size_t i = 0; i < value.size(); ++i) {
        const char c = value[i];
        if (quoted) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                quoted = false;
            continue;
        }
        if (c == '"')
            quoted = true;
        else if (c == '<')
            ++angle;
        else if (c == '>' && angle > 0)
            --angle;
        else if (c == ',' && angle == 0) {
            items.push_back(value.substr(start, i - start));
            start = i + 1;
        }
    }
    items.push_back(value.substr(start));
    return items;
}

// The end of a quoted string starting at `pos` (which holds '"'): the position after the closing quote.
std::size_t quotedEnd(std::string_view text, std::size_t pos)
{
    for (std::size_t i = pos + 1; i < text.size(); ++i) {
        if (text[i] == '\\')
            ++i;
        else if (text[i] == '"')
            return i + 1;
    }
    return text.size();
}

std::string unescapeQuoted(std::string_view inner)
{
    std::string out;
    for (std::size_t i = 0; i < inner.size(); ++i) {
        if (inner[i] == '\\' && i + 1 < inner.size())
            ++i;
        out += inner[i];
    }
    return out;
}

std::string escapeQuoted(std::string_view text)
{
    std::string out;
    for (const char c : text) {
        if (c == '"' || c == '\\')
            out += '\\';
        out += c;
    }
    return out;
}

enum class HeaderKind : std::uint8_t {
    NameAddr,
    Via,
    CallId,
    CallIdList,
    Replaces,
    Credentials,
    Identity,
    Technical,
    Text
};

HeaderKind headerKind(std::string_view name)
{
    switch (headerIdOf(name)) {
    case HeaderId::From:
    case HeaderId::To:
    case HeaderId::Contact:
    case HeaderId::Route:
    case HeaderId::RecordRoute:
    case HeaderId::Path:
    case HeaderId::ServiceRoute:
    case HeaderId::ReferTo:
    case HeaderId::ReferredBy:
    case HeaderId::ReplyTo:
    case HeaderId::PAssertedIdentity:
    case HeaderId::PPreferredIdentity:
    case HeaderId::RemotePartyId:
    case HeaderId::Diversion:
    case HeaderId::HistoryInfo:
        return HeaderKind::NameAddr;
    case HeaderId::Via:
        return HeaderKind::Via;
    case HeaderId::CallId:
    case HeaderId::XCid:
    case HeaderId::XCallId:
    case HeaderId::XOrigCallId:
    case HeaderId::XOriginalCallId:
        return HeaderKind::CallId;
    case HeaderId::InReplyTo:
        return HeaderKind::CallIdList;
    case HeaderId::Replaces:
        return HeaderKind::Replaces;
    case HeaderId::Authorization:
    case HeaderId::ProxyAuthorization:
    case HeaderId::WwwAuthenticate:
    case HeaderId::ProxyAuthenticate:
    case HeaderId::AuthenticationInfo:
        return HeaderKind::Credentials;
    case HeaderId::Identity:
        return HeaderKind::Identity;
    case HeaderId::CSeq:
    case HeaderId::ContentLength:
    case HeaderId::ContentType:
    case HeaderId::ContentEncoding:
    case HeaderId::ContentDisposition:
    case HeaderId::ContentLanguage:
    case HeaderId::MaxForwards:
    case HeaderId::Expires:
    case HeaderId::MinExpires:
    case HeaderId::Event:
    case HeaderId::Supported:
    case HeaderId::AllowEvents:
    case HeaderId::Accept:
    case HeaderId::AcceptEncoding:
    case HeaderId::AcceptLanguage:
    case HeaderId::AcceptContact:
    case HeaderId::RejectContact:
    case HeaderId::RequestDisposition:
    case HeaderId::Allow:
    case HeaderId::RetryAfter:
    case HeaderId::Date:
    case HeaderId::Timestamp:
    case HeaderId::Priority:
    case HeaderId::MimeVersion:
    case HeaderId::RSeq:
    case HeaderId::RAck:
    case HeaderId::SubscriptionState:
    case HeaderId::Privacy:
    case HeaderId::SessionExpires:
    case HeaderId::MinSe:
    case HeaderId::Require:
    case HeaderId::ProxyRequire:
    case HeaderId::Unsupported:
        return HeaderKind::Technical;
    default:
        break;
    }
    static constexpr std::array<std::string_view, 8> kMoreNameAddr = { "P-Called-Party-ID", "P-Associated-URI",
        "P-Served-User", "P-Original-To", "Request-URI", "Join", "Target-Dialog", "P-Asserted-Service" };
    for (const auto other : kMoreNameAddr) {
        if (equalsIgnoreCase(name, other)) {
            if (other == "Join" || other == "Target-Dialog")
                return HeaderKind::Replaces;
            if (other == "P-Asserted-Service")
                return HeaderKind::Technical;
            return HeaderKind::NameAddr;
        }
    }
    return HeaderKind::Text;
}

enum class ParamPolicy : std::uint8_t { Keep, Host, Text };

// Parameters whose values are protocol state (tags, branches, transports), not identities, are kept.
ParamPolicy parameterPolicy(std::string_view name)
{
    static constexpr std::array<std::string_view, 27> kKeep = { "tag", "branch", "rport", "transport", "user", "method",
        "ttl", "lr", "comp", "ob", "q", "expires", "reason", "counter", "privacy", "screen", "party", "id-type", "npdi",
        "to-tag", "from-tag", "early-only", "cause", "index", "gr", "sigcomp-id", "cpc" };
    for (const auto keep : kKeep) {
        if (equalsIgnoreCase(name, keep))
            return ParamPolicy::Keep;
    }
    if (equalsIgnoreCase(name, "maddr") || equalsIgnoreCase(name, "received"))
        return ParamPolicy::Host;
    return ParamPolicy::Text;
}

// "%40" -> "@"; a "%" not followed by two hex digits stays as it is.
std::string decodePercentEscapes(std::string_view text)
{
    const auto hex = hexDigitValue;
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '%' && i + 2 < text.size() && hex(text[i + 1]) >= 0 && hex(text[i + 2]) >= 0) {
            out += static_cast<char>(hex(text[i + 1]) * 16 + hex(text[i + 2]));
            i += 2;
        } else {
            out += text[i];
        }
    }
    return out;
}

// RFC 3261 hvalue: unreserved and hnv-unreserved characters as they are, everything else %-escaped.
std::string escapeUriHeaderValue(std::string_view text)
{
    static constexpr std::string_view kKept = "-_.!~*'()[]/?:+$";
    static constexpr char kDigits[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (std::isalnum(byte) || kKept.find(c) != std::string_view::npos) {
            out += c;
        } else {
            out += '%';
            out += kDigits[byte >> 4];
            out += kDigits[byte & 0x0f];
        }
    }
    return out;
}

} // namespace

std::string Redactor::redactText(std::string_view text)
{
    return scan(text, kProse);
}

std::string Redactor::scan(std::string_view text, Rules rules)
{
    std::string out;
    out.reserve(text.size() + 16);
    std::size_t i = 0;
    while (i < text.size()) {
        const char c = text[i];
        const bool tokenStart = i == 0 || !isTokenChar(text[i - 1]);
        if (tokenStart) {
            std::size_t used = 0;
            if ((used = scanUri(text, i, out)) == 0 && (used = scanAddress(text, i, out)) == 0) {
                if (const auto phrase = m_table.findPhrase(text, i)) {
                    out += phrase->replacement;
                    used = phrase->length;
                }
            }
            if (used == 0)
                used = scanTerm(text, i, out);
            if (used == 0 && rules.numbers)
                used = scanNumber(text, i, out);
            if (used == 0 && rules.hostNames)
                used = scanHostName(text, i, out);
            if (used > 0) {
                i += used;
                continue;
            }
        }
        if (isTokenChar(c)) {
            // Nothing starts inside a token: copy it whole.
            std::size_t end = i;
            while (end < text.size() && isTokenChar(text[end]))
                ++end;
            appendToken(text.substr(i, end - i), out);
            i = end;
        } else {
            out += c;
            ++i;
        }
    }
    return out;
}

std::size_t Redactor::scanUri(std::string_view text, std::size_t pos, std::string& out)
{
    std::size_t schemeLength = 0;
    if (startsWithIgnoreCase(text, pos, "sips:"))
        schemeLength = 5;
    else if (startsWithIgnoreCase(text, pos, "sip:") || startsWithIgnoreCase(text, pos, "tel:"))
        schemeLength = 4;
    else
        return 0;
    std::size_t end = pos + schemeLength;
    while (end < text.size() && !isSpace(text[end]) && text[end] != '<' && text[end] != '>' && text[end] != '"'
        && text[end] != ',' && text[end] != ')' && text[end] != '\'' && text[end] != '`')
        ++end;
    while (end > pos + schemeLength && (text[end - 1] == '.' || text[end - 1] == ';' || text[end - 1] == ':'))
        --end;
    if (end == pos + schemeLength)
        return 0;
    out += redactUri(text.substr(pos, end - pos));
    return end - pos;
}

std::size_t Redactor::scanAddress(std::string_view text, std::size_t pos, std::string& out)
{
    const char c = text[pos];
    if (c == '[') {
        const auto close = text.find(']', pos);
        if (close == std::string_view::npos || close - pos > 64)
            return 0;
        IpAddress address;
        if (!IpAddress::parse(text.substr(pos + 1, close - pos - 1), address) || !address.isV6)
            return 0;
        out += '[';
        out += m_table.address(address).toString();
        out += ']';
        return close + 1 - pos;
    }
    if (!isDigit(c) && hexDigitValue(c) < 0 && c != ':')
        return 0;
    // "RFC 3261 §8.1.3.5" is a section, not an address.
    if (pos >= 2 && static_cast<unsigned char>(text[pos - 1]) == 0xA7
        && static_cast<unsigned char>(text[pos - 2]) == 0xC2)
        return 0;
    std::size_t end = pos;
    std::size_t colons = 0;
    std::size_t dots = 0;
    while (end < text.size() && end - pos < 64
        && (hexDigitValue(text[end]) >= 0 || text[end] == ':' || text[end] == '.')) {
        colons += text[end] == ':';
        dots += text[end] == '.';
        ++end;
    }
    // Trailing punctuation of a sentence ("...at 10.1.2.3.", "[a]:" ) is not part of the address.
    while (end > pos && (text[end - 1] == '.' || (text[end - 1] == ':' && (end < 2 || text[end - 2] != ':')))) {
        colons -= text[end - 1] == ':';
        dots -= text[end - 1] == '.';
        --end;
    }
    // An IPv4 address with a port ("10.1.2.3:5060"): the address alone; the port is copied as it is.
    if (dots == 3 && colons >= 1) {
        const auto colon = text.find(':', pos);
        const auto before = text.substr(pos, colon - pos);
        if (colon > pos && colon < end && before.find_first_not_of("0123456789.") == std::string_view::npos
            && std::count(before.begin(), before.end(), '.') == 3) {
            end = colon;
            colons = 0;
        }
    }
    if (end < text.size() && (isAlnum(text[end]) || text[end] == '_'))
        return 0;
    if (colons < 2 && dots != 3)
        return 0;
    IpAddress address;
    if (!IpAddress::parse(text.substr(pos, end - pos), address))
        return 0;
    if (!address.isV6 && (end < text.size() && text[end] == '.' && end + 1 < text.size() && isDigit(text[end + 1])))
        return 0;
    out += m_table.address(address).toString();
    return end - pos;
}

std::size_t Redactor::scanNumber(std::string_view text, std::size_t pos, std::string& out)
{
    std::size_t i = pos;
    bool plus = false;
    if (text[i] == '+') {
        plus = true;
        ++i;
    } else if (startsWithIgnoreCase(text, i, "%2B")) {
        plus = true;
        i += 3;
    }
    const bool opening = i < text.size() && text[i] == '(';
    if (opening)
        ++i;
    if (i >= text.size() || !isDigit(text[i]))
        return 0;
    // Times ("10:00:00") are not numbers.
    if (pos >= 2 && text[pos - 1] == ':' && isDigit(text[pos - 2]))
        return 0;

    std::size_t digits = 0;
    std::size_t groups = 0;
    std::size_t firstGroup = 0;
    bool separated = false;
    std::size_t end = i;
    std::array<std::size_t, 3> groupSizes {};
    std::array<char, 2> groupSeparators {};
    for (;;) {
        std::size_t run = 0;
        while (end < text.size() && isDigit(text[end])) {
            ++end;
            ++run;
        }
        if (groups < groupSizes.size())
            groupSizes[groups] = run;
        if (groups == 0)
            firstGroup = run;
        digits += run;
        ++groups;
        // A separator: one of - . space, or parentheses around an area code, then more digits.
        std::size_t next = end;
        while (next < text.size() && next - end < 2
            && (text[next] == '-' || text[next] == '.' || text[next] == ' ' || text[next] == '(' || text[next] == ')'))
            ++next;
        if (next == end || next >= text.size() || !isDigit(text[next]))
            break;
        const auto separator = text.substr(end, next - end);
        const bool space = separator.find(' ') != std::string_view::npos;
        // A space joins digit groups only in a number that looks written for people: "+44 20 7946 0958",
        // "(555) 123 4567", "030 123456"; never two counts in a sentence.
        if (space && !plus && !opening && !(firstGroup <= 4 && text[i] == '0'))
            break;
        std::size_t more = 0;
        while (next + more < text.size() && isDigit(text[next + more]))
            ++more;
        if (digits + more > kMaxSeparatedDigits)
            break;
        if (groups - 1 < groupSeparators.size())
            groupSeparators[groups - 1] = separator.front();
        separated = true;
        end = next;
    }
    if (digits < kMinNumberDigits || (separated && digits > kMaxSeparatedDigits))
        return 0;
    // Dates (2026-11-24) are not numbers.
    if (groups >= 3 && groupSizes[0] == 4 && groupSizes[1] == 2 && groupSizes[2] == 2 && groupSeparators[0] == '-')
        return 0;
    // A number ends where its token does: "5551234567abc" or "1234567.5" is something else.
    if (end < text.size()) {
        const char after = text[end];
        if (isAlnum(after) || after == '_' || after == ':')
            return 0;
        if ((after == '.' || after == '-') && end + 1 < text.size() && isAlnum(text[end + 1]))
            return 0;
    }
    const auto candidate = text.substr(pos, end - pos);
    if (opening && candidate.find(')') == std::string_view::npos) {
        // "(5551234567)": the parenthesis is the sentence's, not an area code's.
        out += text.substr(pos, i - pos);
        out += m_table.number(text.substr(i, end - i));
    } else {
        out += m_table.number(candidate);
    }
    return end - pos;
}

std::size_t Redactor::scanHostName(std::string_view text, std::size_t pos, std::string& out)
{
    if (!isAlnum(text[pos]))
        return 0;
    // "+sip.instance" and other feature tags; "application/vnd.x.y" media types.
    if (pos > 0 && (text[pos - 1] == '+' || (text[pos - 1] == '/' && (pos < 2 || text[pos - 2] != '/'))))
        return 0;
    std::size_t end = pos;
    while (end < text.size() && (isAlnum(text[end]) || text[end] == '-' || text[end] == '.' || text[end] == '_'))
        ++end;
    while (end > pos && (text[end - 1] == '.' || text[end - 1] == '-'))
        --end;
    const auto name = text.substr(pos, end - pos);
    const auto lastDot = name.rfind('.');
    if (lastDot == std::string_view::npos || lastDot == 0)
        return 0;
    const auto top = name.substr(lastDot + 1);
    if (top.size() < 2 || !std::all_of(top.begin(), top.end(), isAlpha))
        return 0;
    if (name.find("..") != std::string_view::npos)
        return 0;
    out += m_table.host(name);
    return end - pos;
}

void Redactor::appendToken(std::string_view token, std::string& out)
{
    std::size_t copied = 0;
    for (std::size_t j = 0; j < token.size(); ++j) {
        if (!isDigit(token[j]))
            continue;
        // d{1,3}.d{1,3}.d{1,3}.d{1,3} from j, not followed by another digit.
        std::size_t end = j;
        int groups = 0;
        while (groups < 4) {
            std::size_t digits = 0;
            while (end < token.size() && isDigit(token[end]) && digits < 3) {
                ++end;
                ++digits;
            }
            if (digits == 0)
                break;
            ++groups;
            if (groups < 4) {
                if (end >= token.size() || token[end] != '.')
                    break;
                ++end;
            }
        }
        if (groups != 4 || (end < token.size() && isDigit(token[end])))
            continue;
        IpAddress address;
        if (!IpAddress::parse(token.substr(j, end - j), address) || !m_table.isOriginalAddress(address))
            continue;
        out.append(token.substr(copied, j - copied));
        out += m_table.address(address).toString();
        copied = end;
        j = end - 1;
    }
    out.append(token.substr(copied));
}

std::size_t Redactor::scanTerm(std::string_view text, std::size_t pos, std::string& out) const
{
    for (const auto& [term, replacement] : m_terms) {
        if (text.substr(pos, term.size()) != term)
            continue;
        const auto end = pos + term.size();
        if (end < text.size() && (isAlnum(text[end]) || text[end] == '_'))
            continue;
        out += replacement;
        return term.size();
    }
    return 0;
}

std::string Redactor::redactUser(std::string_view user)
{
    const auto semicolon = user.find(';');
    const auto main = user.substr(0, semicolon);
    std::string out = numberDigits(main).empty() ? m_table.user(main) : m_table.number(main);
    if (semicolon != std::string_view::npos)
        out += redactParameters(user.substr(semicolon));
    return out;
}

std::string Redactor::redactHost(std::string_view host)
{
    return m_table.host(host);
}

std::string Redactor::redactHostPort(std::string_view hostPort)
{
    const auto [lead, core, trail] = padded(hostPort);
    const auto split = splitHostPort(core);
    if (!split.valid)
        return scan(hostPort, kMessage);
    std::string out(lead);
    const auto host = redactHost(split.host);
    out += split.bracketed ? "[" + host + "]" : host;
    if (split.port)
        out += ":" + std::to_string(*split.port);
    out += trail;
    return out;
}

std::string Redactor::redactParameterValue(std::string_view name, std::string_view value)
{
    const auto policy = parameterPolicy(name);
    if (policy == ParamPolicy::Keep) {
        std::string out;
        appendToken(value, out);
        return out;
    }
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
        const auto inner = unescapeQuoted(value.substr(1, value.size() - 2));
        const auto redacted = policy == ParamPolicy::Host ? redactHost(inner) : scan(inner, kMessage);
        return "\"" + escapeQuoted(redacted) + "\"";
    }
    return policy == ParamPolicy::Host ? redactHost(value) : scan(value, kMessage);
}

// ";name=value;flag" (URI, header or Via parameters), then "?h=v&h2=v2" URI headers; every byte that
// is not a value is kept as written. A URI header's value is a header value %-escaped
// (`?Replaces=abc%40host%3Bto-tag%3D1` in a Refer-To): it is decoded, redacted as that header, and
// escaped again.
std::string Redactor::redactParameters(std::string_view text)
{
    std::string out;
    std::size_t i = 0;
    bool uriHeaders = false;
    while (i < text.size()) {
        const char c = text[i];
        if (c != ';' && c != '?' && c != '&') {
            // Not a parameter list (junk after a URI): text.
            out += scan(text.substr(i), kMessage);
            break;
        }
        uriHeaders = uriHeaders || c == '?';
        out += c;
        ++i;
        std::size_t nameEnd = i;
        while (nameEnd < text.size() && text[nameEnd] != '=' && text[nameEnd] != ';' && text[nameEnd] != '?'
            && text[nameEnd] != '&')
            ++nameEnd;
        const auto name = text.substr(i, nameEnd - i);
        out += name;
        i = nameEnd;
        if (i < text.size() && text[i] == '=') {
            out += '=';
            ++i;
            std::size_t valueEnd = i;
            if (valueEnd < text.size() && text[valueEnd] == '"')
                valueEnd = quotedEnd(text, valueEnd);
            while (valueEnd < text.size() && text[valueEnd] != ';' && text[valueEnd] != '?' && text[valueEnd] != '&')
                ++valueEnd;
            const auto [lead, core, trail] = padded(text.substr(i, valueEnd - i));
            out += lead;
            if (uriHeaders)
                out += escapeUriHeaderValue(redactHeaderValue(padded(name).core, decodePercentEscapes(core)));
            else
                out += redactParameterValue(padded(name).core, core);
            out += trail;
            i = valueEnd;
        }
    }
    return out;
}

std::string Redactor::redactUri(std::string_view uri)
{
    const auto [lead, core, trail] = padded(uri);
    std::string out(lead);
    if (core.size() >= 2 && core.front() == '<' && core.back() == '>') {
        out += "<" + redactUri(core.substr(1, core.size() - 2)) + ">";
        out += trail;
        return out;
    }
    const auto colon = core.find(':');
    if (colon == std::string_view::npos || colon == 0) {
        out += scan(core, kMessage);
        out += trail;
        return out;
    }
    const auto scheme = asciiLowerCase(core.substr(0, colon));
    const auto rest = core.substr(colon + 1);
    out += core.substr(0, colon + 1);
    if (scheme == "sip" || scheme == "sips") {
        const auto question = rest.find('?');
        const auto at = rest.find('@');
        std::size_t hostStart = 0;
        if (at != std::string_view::npos && (question == std::string_view::npos || at < question)) {
            const auto userInfo = rest.substr(0, at);
            const auto passwordColon = userInfo.find(':');
            out += redactUser(userInfo.substr(0, passwordColon));
            if (passwordColon != std::string_view::npos)
                out += ":PASSWORD";
            out += '@';
            hostStart = at + 1;
        }
        auto hostEnd = rest.find_first_of(";?", hostStart);
        if (hostEnd == std::string_view::npos)
            hostEnd = rest.size();
        out += redactHostPort(rest.substr(hostStart, hostEnd - hostStart));
        out += redactParameters(rest.substr(hostEnd));
    } else if (scheme == "tel") {
        auto numberEnd = rest.find_first_of(";?");
        if (numberEnd == std::string_view::npos)
            numberEnd = rest.size();
        out += redactUser(rest.substr(0, numberEnd));
        out += redactParameters(rest.substr(numberEnd));
    } else {
        out += scan(rest, kMessage);
    }
    out += trail;
    return out;
}

std::string Redactor::redactNameAddr(std::string_view item)
{
    const auto [lead, core, trail] = padded(item);
    std::string out(lead);
    if (core == "*") {
        out += core;
        out += trail;
        return out;
    }
    std::size_t pos = 0;
    if (!core.empty() && core.front() == '"') {
        const auto end = quotedEnd(core, 0);
        const auto inner = core.substr(1, end >= 2 ? end - 2 : 0);
        out += "\"" + escapeQuoted(m_table.displayName(unescapeQuoted(inner))) + "\"";
        pos = end;
        while (pos < core.size() && isSpace(core[pos]))
            out += core[pos++];
    } else {
        const auto angle = findUnquoted(core, '<');
        if (angle != std::string_view::npos && angle > 0) {
            const auto [nameLead, name, nameTrail] = padded(core.substr(0, angle));
            out += nameLead;
            out += m_table.displayName(name);
            out += nameTrail;
            pos = angle;
        }
    }
    if (pos < core.size() && core[pos] == '<') {
        const auto close = core.find('>', pos);
        if (close == std::string_view::npos) {
            out += "<" + redactUri(core.substr(pos + 1));
            out += trail;
            return out;
        }
        out += "<" + redactUri(core.substr(pos + 1, close - pos - 1)) + ">";
        pos = close + 1;
    } else {
        // A bare addr-spec: its ";params" belong to the header (RFC 3261 §20.10).
        auto end = core.find(';', pos);
        if (end == std::string_view::npos)
            end = core.size();
        out += redactUri(core.substr(pos, end - pos));
        pos = end;
    }
    out += redactParameters(core.substr(pos));
    out += trail;
    return out;
}

std::string Redactor::redactNameAddrList(std::string_view value)
{
    std::string out;
    bool first = true;
    for (const auto item : splitList(value)) {
        if (!first)
            out += ',';
        first = false;
        out += redactNameAddr(item);
    }
    return out;
}

std::string Redactor::redactVia(std::string_view item)
{
    // "SIP / 2.0 / UDP host:port;params": the protocol as written, then sent-by, then parameters.
    std::size_t pos = 0;
    int slashes = 0;
    while (pos < item.size() && slashes < 2) {
        if (item[pos] == '/')
            ++slashes;
        ++pos;
    }
    while (pos < item.size() && isSpace(item[pos]))
        ++pos;
    while (pos < item.size() && !isSpace(item[pos]) && item[pos] != ';')
        ++pos;
    if (slashes < 2 || pos >= item.size())
        return scan(item, kMessage);
    std::string out(item.substr(0, pos));
    auto sentByEnd = item.find(';', pos);
    if (sentByEnd == std::string_view::npos)
        sentByEnd = item.size();
    out += redactHostPort(item.substr(pos, sentByEnd - pos));
    out += redactParameters(item.substr(sentByEnd));
    return out;
}

// Digest credentials and challenges: username, realm and uri are identities; nonces and hashes are not.
std::string Redactor::redactCredentials(std::string_view value)
{
    std::size_t pos = 0;
    while (pos < value.size() && isSpace(value[pos]))
        ++pos;
    while (pos < value.size() && !isSpace(value[pos]) && value[pos] != '=')
        ++pos;
    if (pos < value.size() && value[pos] == '=')
        pos = 0; // no scheme token: parameters from the start
    std::string out(value.substr(0, pos));
    bool first = true;
    for (const auto item : splitList(value.substr(pos))) {
        if (!first)
            out += ',';
        first = false;
        const auto equals = item.find('=');
        if (equals == std::string_view::npos) {
            out += scan(item, kMessage);
            continue;
        }
        const auto name = padded(item.substr(0, equals)).core;
        const auto [lead, raw, trail] = padded(item.substr(equals + 1));
        out += item.substr(0, equals + 1);
        out += lead;
        const bool quoted = raw.size() >= 2 && raw.front() == '"' && raw.back() == '"';
        const auto inner = quoted ? unescapeQuoted(raw.substr(1, raw.size() - 2)) : std::string(raw);
        std::string redacted;
        if (equalsIgnoreCase(name, "username"))
            redacted = redactUser(inner);
        else if (equalsIgnoreCase(name, "realm"))
            redacted = inner.find('.') != std::string::npos || inner.find(':') != std::string::npos
                ? redactHost(inner)
                : scan(inner, kMessage);
        else if (equalsIgnoreCase(name, "uri") || equalsIgnoreCase(name, "domain"))
            redacted = redactUri(inner);
        else if (equalsIgnoreCase(name, "nonce") || equalsIgnoreCase(name, "response")
            || equalsIgnoreCase(name, "cnonce") || equalsIgnoreCase(name, "opaque")
            || equalsIgnoreCase(name, "nextnonce") || equalsIgnoreCase(name, "rspauth"))
            redacted = inner;
        else
            redacted = scan(inner, kTechnical);
        out += quoted ? "\"" + escapeQuoted(redacted) + "\"" : redacted;
        out += trail;
    }
    return out;
}

std::string Redactor::redactCallIdList(std::string_view value)
{
    std::string out;
    bool first = true;
    for (const auto item : splitList(value)) {
        if (!first)
            out += ',';
        first = false;
        const auto [lead, core, trail] = padded(item);
        out += lead;
        out += m_table.callId(core);
        out += trail;
    }
    return out;
}

std::string Redactor::redactHeaderValue(std::string_view headerName, std::string_view value)
{
    switch (headerKind(padded(headerName).core)) {
    case HeaderKind::NameAddr:
        if (equalsIgnoreCase(padded(headerName).core, "Request-URI"))
            return redactUri(value);
        return redactNameAddrList(value);
    case HeaderKind::Via: {
        std::string out;
        bool first = true;
        for (const auto item : splitList(value)) {
            if (!first)
                out += ',';
            first = false;
            out += redactVia(item);
        }
        return out;
    }
    case HeaderKind::CallId: {
        const auto [lead, core, trail] = padded(value);
        return std::string(lead) + m_table.callId(core) + std::string(trail);
    }
    case HeaderKind::CallIdList:
        return redactCallIdList(value);
    case HeaderKind::Replaces: {
        const auto semicolon = value.find(';');
        const auto [lead, core, trail] = padded(value.substr(0, semicolon));
        std::string out = std::string(lead) + m_table.callId(core) + std::string(trail);
        if (semicolon != std::string_view::npos)
            out += redactParameters(value.substr(semicolon));
        return out;
    }
    case HeaderKind::Credentials:
        return redactCredentials(value);
    case HeaderKind::Identity: {
        // A signed PASSporT (RFC 8224) carries the numbers in base64: it cannot be redacted in place.
        const auto semicolon = value.find(';');
        std::string out = "REDACTED";
        if (semicolon != std::string_view::npos)
            out += redactParameters(value.substr(semicolon));
        return out;
    }
    case HeaderKind::Technical:
        return scan(value, kTechnical);
    case HeaderKind::Text:
        break;
    }
    return scan(value, kMessage);
}

std::string Redactor::redactStartLine(std::string_view line)
{
    if (line.starts_with("SIP/")) {
        const auto firstSpace = line.find(' ');
        const auto secondSpace = firstSpace == std::string_view::npos ? firstSpace : line.find(' ', firstSpace + 1);
        if (secondSpace == std::string_view::npos)
            return scan(line, kTechnical);
        return std::string(line.substr(0, secondSpace + 1)) + scan(line.substr(secondSpace + 1), kMessage);
    }
    const auto firstSpace = line.find(' ');
    const auto lastSpace = line.rfind(' ');
    if (firstSpace == std::string_view::npos || lastSpace == firstSpace
        || !line.substr(lastSpace + 1).starts_with("SIP/"))
        return scan(line, kMessage);
    return std::string(line.substr(0, firstSpace + 1))
        + redactUri(line.substr(firstSpace + 1, lastSpace - firstSpace - 1)) + std::string(line.substr(lastSpace));
}

std::string Redactor::redactSdpLine(std::string_view line)
{
    if (line.size() < 2 || line[1] != '=')
        return scan(line, kMessage);
    const char type = line[0];
    const auto value = line.substr(2);
    std::string out(line.substr(0, 2));
    if (type == 'o') {
        // o=<username> <sess-id> <sess-version> <nettype> <addrtype> <unicast-address>
        std::vector<std::string_view> fields;
        std::size_t start = 0;
        while (start <= value.size()) {
            auto space = value.find(' ', start);
            if (space == std::string_view::npos)
                space = value.size();
            fields.push_back(value.substr(start, space - start));
            start = space + 1;
        }
        if (fields.size() != 6)
            return out + scan(value, kMessage);
        const auto user = fields[0] == "-" ? std::string("-") : redactUser(fields[0]);
        return out + user + " " + std::string(fields[1]) + " " + std::string(fields[2]) + " " + std::string(fields[3])
            + " " + std::string(fields[4]) + " " + redactHost(fields[5]);
    }
    if (type == 'c') {
        // c=<nettype> <addrtype> <connection-address>[/ttl[/count]]
        const auto lastSpace = value.rfind(' ');
        if (lastSpace == std::string_view::npos)
            return out + scan(value, kMessage);
        const auto address = value.substr(lastSpace + 1);
        const auto slash = address.find('/');
        return out + std::string(value.substr(0, lastSpace + 1)) + redactHost(address.substr(0, slash))
            + (slash == std::string_view::npos ? std::string() : std::string(address.substr(slash)));
    }
    // Session name, information, URI, e-mail and phone lines are free text; the others are protocol
    // (payload numbers, keys), where only addresses and names are looked for.
    if (type == 's' || type == 'i' || type == 'u' || type == 'e' || type == 'p')
        return out + scan(value, kMessage);
    return out + scan(value, kSdp);
}

std::string Redactor::redactBody(std::string_view body, std::string_view contentType)
{
    const auto type = mediaTypeOf(contentType);
    const bool sdp = equalsIgnoreCase(type, "application/sdp");
    const bool multipart = type.size() >= 10 && equalsIgnoreCase(type.substr(0, 10), "multipart/");
    // A NOTIFY's sipfrag is a SIP message in small: its headers by the header rules.
    if (equalsIgnoreCase(type, "message/sipfrag"))
        return redactMessage(body);
    // XML (dialog-info, PIDF...): names and Call-IDs sit in attributes and elements no URI rule finds.
    if (asciiLowerCase(type).find("xml") != std::string::npos)
        return redactXmlIdentities(scan(body, kMessage));
    if (!sdp && !multipart)
        return scan(body, kMessage);
    std::string out;
    std::size_t start = 0;
    while (start < body.size()) {
        auto end = body.find('\n', start);
        end = end == std::string_view::npos ? body.size() : end + 1;
        auto line = body.substr(start, end - start);
        std::string_view ending;
        while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) {
            ending = body.substr(start + line.size() - 1, end - start - line.size() + 1);
            line.remove_suffix(1);
        }
        out += isSdpLine(line) ? redactSdpLine(line) : scan(line, kMessage);
        out += ending;
        start = end;
    }
    return out;
}

// display="…" and call-id="…" attributes and <display-name>…</display-name> elements of an XML body
// (RFC 4235 dialog-info, RFC 3863 PIDF, RFC 4662 RLMI), after the URIs in it were redacted.
std::string Redactor::redactXmlIdentities(const std::string& xml)
{
    std::string out;
    out.reserve(xml.size());
    std::size_t i = 0;
    while (i < xml.size()) {
        const auto lower = [&](std::size_t at, std::string_view word) {
            return at + word.size() <= xml.size() && equalsIgnoreCase(std::string_view(xml).substr(at, word.size()), word);
        };
        const bool nameStart = i == 0 || !(std::isalnum(static_cast<unsigned char>(xml[i - 1])) || xml[i - 1] == '-');
        std::string_view attribute;
        if (nameStart && lower(i, "display=\""))
            attribute = "display";
        else if (nameStart && lower(i, "call-id=\""))
            attribute = "call-id";
        if (!attribute.empty()) {
            const std::size_t valueStart = i + attribute.size() + 2;
            const std::size_t valueEnd = xml.find('"', valueStart);
            if (valueEnd != std::string::npos) {
                const auto value = std::string_view(xml).substr(valueStart, valueEnd - valueStart);
                out.append(xml, i, valueStart - i);
                out += attribute == "display" ? m_table.displayName(value) : m_table.callId(value);
                i = valueEnd;
                continue;
            }
        }
        if (lower(i, "<display-name")) {
            const std::size_t open = xml.find('>', i);
            const std::size_t close = open == std::string::npos ? open : xml.find("</", open);
            if (close != std::string::npos) {
                out.append(xml, i, open + 1 - i);
                const auto value = std::string_view(xml).substr(open + 1, close - open - 1);
                out += value.empty() ? std::string() : m_table.displayName(value);
                i = close;
                continue;
            }
        }
        out += xml[i++];
    }
    return out;
}

std::string Redactor::redactMessage(std::string_view message)
{
    // Header lines (with folded continuations) up to the empty line, then the body.
    std::size_t headEnd = message.find("\r\n\r\n");
    std::size_t bodyStart = headEnd == std::string_view::npos ? headEnd : headEnd + 4;
    const auto lfEnd = message.find("\n\n");
    if (lfEnd != std::string_view::npos && (headEnd == std::string_view::npos || lfEnd < headEnd)) {
        headEnd = lfEnd;
        bodyStart = lfEnd + 2;
    }
    if (headEnd == std::string_view::npos) {
        headEnd = message.size();
        bodyStart = message.size();
    }
    const auto head = message.substr(0, headEnd);
    const auto separator = message.substr(headEnd, bodyStart - headEnd);
    const auto body = message.substr(bodyStart);

    std::vector<std::string_view> lines;
    std::size_t start = 0;
    while (start <= head.size()) {
        auto end = head.find('\n', start);
        if (end == std::string_view::npos) {
            lines.push_back(head.substr(start));
            break;
        }
        lines.push_back(head.substr(start, end + 1 - start));
        start = end + 1;
    }
    auto lineBody = [](std::string_view line) {
        while (!line.empty() && (line.back() == '\n' || line.back() == '\r'))
            line.remove_suffix(1);
        return line;
    };

    std::string out;
    out.reserve(message.size() + 64);
    std::string contentType;
    std::optional<std::size_t> lengthValueAt; // where in `out` the Content-Length value starts
    std::size_t lengthValueSize = 0;
    std::optional<std::uint64_t> declaredLength;
    bool startLine = true;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (startLine) {
            const auto line = lineBody(lines[i]);
            out += redactStartLine(line);
            out += lines[i].substr(line.size());
            startLine = false;
            continue;
        }
        // One header: this line and the continuation lines that follow it.
        std::size_t last = i;
        while (last + 1 < lines.size() && !lines[last + 1].empty()
            && (lines[last + 1][0] == ' ' || lines[last + 1][0] == '\t'))
            ++last;
        const auto begin = lines[i].data() - head.data();
        const auto stop = lines[last].data() - head.data() + lines[last].size();
        const auto whole = head.substr(begin, stop - begin);
        const auto text = lineBody(whole);
        const auto ending = whole.substr(text.size());
        i = last;
        const auto colon = text.find(':');
        // A header name is a token: a line whose "name" holds spaces or bytes no token has is junk text.
        const auto nameIsToken = [&] {
            const auto name = padded(text.substr(0, colon == std::string_view::npos ? 0 : colon)).core;
            return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
                return isAlnum(c) || std::string_view("-.!%*_+`'~").find(c) != std::string_view::npos;
            });
        };
        if (colon == std::string_view::npos || !nameIsToken()) {
            out += scan(text, kMessage);
            out += ending;
            continue;
        }
        const auto name = text.substr(0, colon);
        const auto [lead, value, trail] = padded(text.substr(colon + 1));
        out += name;
        out += ':';
        out += lead;
        const auto id = headerIdOf(padded(name).core);
        if (id == HeaderId::ContentType)
            contentType = std::string(value);
        if (id == HeaderId::ContentLength) {
            lengthValueAt = out.size();
            lengthValueSize = value.size();
            std::uint64_t number = 0;
            bool digits = !value.empty() && value.size() < 12;
            for (const char c : value) {
                digits = digits && isDigit(c);
                number = number * 10 + static_cast<std::uint64_t>(c - '0');
            }
            if (digits)
                declaredLength = number;
            out += value;
        } else {
            out += redactHeaderValue(name, value);
        }
        out += trail;
        out += ending;
    }
    out += separator;
    const auto redactedBody = redactBody(body, contentType);
    // A Content-Length that described the body describes the redacted one; a wrong one stays wrong.
    if (lengthValueAt && declaredLength && *declaredLength == body.size())
        out.replace(*lengthValueAt, lengthValueSize, std::to_string(redactedBody.size()));
    out += redactedBody;
    return out;
}

std::string Redactor::redactEvidence(std::string_view header, std::string_view value)
{
    if (headerKind(header) != HeaderKind::Text)
        return redactHeaderValue(header, value);
    return scan(value, kProse);
}

UriDiff Redactor::redactUriDiff(const UriDiff& diff, bool nameAddr, std::string_view header)
{
    UriDiff out = diff;
    out.failing = nameAddr ? redactHeaderValue(header, diff.failing) : redactUri(diff.failing);
    out.baseline = nameAddr ? redactHeaderValue(header, diff.baseline) : redactUri(diff.baseline);
    out.note = scan(diff.note, kProse);
    for (auto& component : out.components) {
        auto redact = [&](const std::optional<std::string>& value) -> std::optional<std::string> {
            if (!value)
                return std::nullopt;
            const std::string_view name = component.name;
            if (name == "scheme" || name == "port")
                return *value;
            if (name == "user")
                return redactUser(*value);
            if (name == "password")
                return std::string("PASSWORD");
            if (name == "host")
                return redactHost(*value);
            if (name == "display-name")
                return m_table.displayName(*value);
            if (name.starts_with("param:"))
                return redactParameterValue(name.substr(6), *value);
            if (name.starts_with("field-param:"))
                return redactParameterValue(name.substr(12), *value);
            if (name == "opaque")
                return nameAddr ? redactHeaderValue(header, *value) : redactUri(*value);
            return scan(*value, kMessage);
        };
        component.failing = redact(component.failing);
        component.baseline = redact(component.baseline);
        component.characters.clear();
        if (!component.equal && component.failing && component.baseline)
            component.characters = MessageDiff::diffCharacters(*component.failing, *component.baseline);
    }
    return out;
}

Failure Redactor::redactFailure(const Failure& failure)
{
    // The user parts this failure is about, so that its texts lose them even where they are short.
    m_terms.clear();
    auto addTerm = [this](std::string_view uriText) {
        const auto parsed = parseNameAddr(uriText);
        const auto user = std::string_view(parsed.uri.user).substr(0, parsed.uri.user.find(';'));
        if (user.size() >= 2 && !m_table.isPlaceholder(user))
            m_terms.emplace_back(std::string(user), redactUser(user));
    };
    addTerm(failure.requestUri);
    if (failure.uriDiff) {
        addTerm(failure.uriDiff->failing);
        addTerm(failure.uriDiff->baseline);
    }
    for (const auto& header : failure.headerDiffs) {
        addTerm(header.diff.failing);
        addTerm(header.diff.baseline);
    }
    std::sort(
        m_terms.begin(), m_terms.end(), [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });

    Failure out = failure;
    out.cseq = scan(failure.cseq, kTechnical);
    out.methodText = scan(failure.methodText, kTechnical);
    out.requestUri = redactUri(failure.requestUri);
    out.reason = scan(failure.reason, kMessage);
    auto& explanation = out.explanation;
    explanation.title = scan(explanation.title, kProse);
    explanation.summary = scan(explanation.summary, kProse);
    explanation.explanation = scan(explanation.explanation, kProse);
    for (auto& evidence : explanation.evidence)
        evidence.value = redactEvidence(evidence.header, evidence.value);
    for (auto& fix : explanation.fixes)
        fix.text = scan(fix.text, kProse);
    // References are SipLadder's own texts (resources/diagnosis), never the trace's.
    for (auto& uncertainty : explanation.uncertainties)
        uncertainty = scan(uncertainty, kProse);
    if (out.baseline)
        out.baseline->reason = scan(out.baseline->reason, kProse);
    if (failure.uriDiff)
        out.uriDiff = redactUriDiff(*failure.uriDiff, false, "Request-URI");
    for (auto& header : out.headerDiffs)
        header.diff = redactUriDiff(header.diff, true, header.header);
    m_terms.clear();
    return out;
}

LadderLayout Redactor::redactLayout(const LadderLayout& layout)
{
    std::vector<LadderColumn> columns = layout.columns();
    for (auto& column : columns) {
        const auto& address = column.endpoint.address;
        const bool merged = column.endpoint.port == 0 && column.label == address.toString();
        // A text log's host only named ("pbx.example.test:5060") stands on an address of 0.0.0.0/8: its
        // lifeline gets the same documentation address as the rest of the export.
        const bool standIn = !address.isV6 && address.bytes[0] == 0
            && (address.bytes[1] != 0 || address.bytes[2] != 0 || address.bytes[3] != 0);
        const bool plain = column.label == column.endpoint.toString() || merged || standIn;
        column.endpoint = mapEndpoint(column.endpoint);
        column.label = plain
            ? (column.endpoint.port == 0 ? column.endpoint.address.toString() : column.endpoint.toString())
            : scan(column.label, kMessage);
    }
    std::vector<LadderRow> rows = layout.rows();
    for (auto& row : rows) {
        row.label = scan(row.label, kMessage);
        row.firstLine
            = row.kind == LadderRow::Kind::Message ? redactStartLine(row.firstLine) : scan(row.firstLine, kMessage);
    }
    return LadderLayout::fromParts(std::move(columns), std::move(rows));
}

void Redactor::learnMessage(const CaptureSnapshot& snapshot, std::uint32_t messageIndex, std::string& buffer)
{
    if (messageIndex >= snapshot.messages().size())
        return;
    const auto& message = snapshot.messages()[messageIndex];
    mapEndpoint(snapshot.source(message));
    mapEndpoint(snapshot.destination(message));
    if (snapshot.readMessage(message, buffer))
        redactMessage(buffer);
}

void Redactor::learnCall(const CaptureSnapshot& snapshot, std::uint32_t callIndex, std::string& buffer)
{
    const auto& call = snapshot.calls()[callIndex];
    mapCallId(snapshot.callId(call));
    for (const auto messageIndex : snapshot.messagesOfCall(callIndex))
        learnMessage(snapshot, messageIndex, buffer);
    // What the call list shows even when a message cannot be read back.
    redactHeaderValue("From", snapshot.text(call.from));
    redactHeaderValue("To", snapshot.text(call.to));
    redactUri(snapshot.text(call.requestUri));
    mapEndpoint(call.source);
    mapEndpoint(call.destination);
}

void Redactor::learn(
    const CaptureSnapshot& snapshot, std::span<const std::uint32_t> callIndexes, const Diagnosis* diagnosis)
{
    // Every address of the trace is reserved first, so no placeholder can be one of them.
    for (std::uint32_t i = 0; i < snapshot.messages().size(); ++i) {
        m_table.reserveAddress(snapshot.source(snapshot.messages()[i]).address);
        m_table.reserveAddress(snapshot.destination(snapshot.messages()[i]).address);
    }
    m_table.beginLearning();
    std::string buffer;
    std::vector<bool> seen(snapshot.calls().size(), false);
    for (const auto callIndex : callIndexes) {
        if (callIndex < seen.size() && !seen[callIndex]) {
            seen[callIndex] = true;
            learnCall(snapshot, callIndex, buffer);
        }
    }
    if (diagnosis) {
        for (const auto callIndex : callIndexes) {
            for (const auto failureIndex : diagnosis->failuresOfCall(callIndex)) {
                const auto& failure = diagnosis->failures()[failureIndex];
                if (failure.baseline && failure.baseline->callIndex < seen.size()
                    && !seen[failure.baseline->callIndex]) {
                    seen[failure.baseline->callIndex] = true;
                    learnCall(snapshot, failure.baseline->callIndex, buffer);
                }
                for (const auto& evidence : failure.explanation.evidence)
                    learnMessage(snapshot, evidence.messageIndex, buffer);
            }
        }
    }
    for (const auto callIndex : callIndexes) {
        if (callIndex >= snapshot.calls().size())
            continue;
        for (const auto linked : snapshot.calls()[callIndex].linkedCalls)
            mapCallId(snapshot.callId(snapshot.calls()[linked]));
    }
    for (const auto& file : snapshot.files())
        mapFileName(file.path);
    m_table.endLearning();
}

} // namespace sipladder::core
