// SPDX-License-Identifier: Apache-2.0
#include "analysis/number_match.h"

#include "util/ascii_text.h"

#include <array>

namespace sipladder::core {

namespace {

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

bool isVisualSeparator(char c)
{
    return c == ' ' || c == '-' || c == '.' || c == '(' || c == ')';
}

struct ParsedNumber {
    std::string digits;
    bool plus = false;
    bool number = false; // digits only (plus separators and a leading '+'), at least one digit
    bool featureCode = false; // digits with '*' or '#' and nothing else odd: "*97", "#31#"
};

// One pass over the user part up to ';', percent escapes decoded ("%2B1%20555" is "+1 555").
ParsedNumber parseNumber(std::string_view text)
{
    ParsedNumber parsed;
    bool odd = false; // a letter or any other character that no phone number has
    bool star = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '%') {
            const int high = i + 2 < text.size() ? hexDigitValue(text[i + 1]) : -1;
            const int low = high >= 0 ? hexDigitValue(text[i + 2]) : -1;
            if (low < 0) {
                odd = true;
                break;
            }
            c = static_cast<char>(high * 16 + low);
            i += 2;
        }
        if (c == ';')
            break;
        if (isDigit(c))
            parsed.digits.push_back(c);
        else if (c == '+' && parsed.digits.empty() && !parsed.plus)
            parsed.plus = true;
        else if (c == '*' || c == '#')
            star = true;
        else if (!isVisualSeparator(c))
            odd = true;
    }
    const bool hasDigit = !parsed.digits.empty();
    parsed.number = hasDigit && !odd && !star;
    parsed.featureCode = !odd && star;
    if (!parsed.number)
        parsed.digits.clear();
    return parsed;
}

NumberForm formOf(const ParsedNumber& parsed)
{
    if (!parsed.number)
        return NumberForm::NotANumber;
    if (parsed.plus)
        return NumberForm::E164;
    const std::string_view digits = parsed.digits;
    // Short strings are extensions or short codes whatever their first digit ("0" for the operator).
    if (digits.size() < 7)
        return NumberForm::Subscriber;
    if (digits.starts_with("011"))
        return NumberForm::International011;
    if (digits.starts_with("00"))
        return NumberForm::International00;
    if (digits.starts_with('0') || (digits.size() == 11 && digits.starts_with('1')))
        return NumberForm::NationalTrunkPrefix;
    return NumberForm::Subscriber;
}

std::string formName(const ParsedNumber& parsed)
{
    const std::string count = std::to_string(parsed.digits.size());
    switch (formOf(parsed)) {
    case NumberForm::E164:
        return "E.164 form";
    case NumberForm::International00:
        return "international form with 00";
    case NumberForm::International011:
        return "international form with 011";
    case NumberForm::NationalTrunkPrefix:
        return parsed.digits.starts_with('0') ? "national form with trunk prefix 0"
                                              : "11-digit form with the national prefix 1";
    case NumberForm::Subscriber:
        if (parsed.digits.size() < 7)
            return count + "-digit extension";
        if (parsed.digits.size() == 7)
            return "7-digit local form";
        if (parsed.digits.size() == 10)
            return "10-digit national form";
        return count + "-digit form";
    case NumberForm::NotANumber:
        break;
    }
    return parsed.featureCode ? "feature code" : "not a phone number";
}

std::string_view trimmed(std::string_view text)
{
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
        text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
        text.remove_suffix(1);
    return text;
}

// The digit string itself and each way of reading one prefix off it (CONTRACT.md lists 00, 011,
// 0 and 1); std::string_view::substr keeps them views into `digits`.
std::array<std::string_view, 5> prefixVariants(std::string_view digits)
{
    std::array<std::string_view, 5> out { digits, {}, {}, {}, {} };
    std::size_t n = 1;
    for (const std::string_view prefix : { "00", "011", "0", "1" }) {
        if (digits.starts_with(prefix))
            out[n++] = digits.substr(prefix.size());
    }
    return out;
}

} // namespace

std::string numberDigits(std::string_view userOrNumber)
{
    return parseNumber(userOrNumber).digits;
}

NumberForm numberForm(std::string_view userOrNumber)
{
    return formOf(parseNumber(userOrNumber));
}

std::string numberFormName(std::string_view userOrNumber)
{
    return formName(parseNumber(userOrNumber));
}

std::string describeNumberForm(std::string_view userOrNumber)
{
    const ParsedNumber parsed = parseNumber(userOrNumber);
    std::string out = formName(parsed);
    out += " (";
    if (parsed.number) {
        if (parsed.plus)
            out += '+';
        out += parsed.digits;
    } else {
        const std::string_view written = trimmed(userOrNumber);
        out += written.empty() ? std::string_view("empty") : written;
    }
    out += ')';
    return out;
}

bool sameNumber(std::string_view a, std::string_view b)
{
    if (a == b)
        return true;
    const ParsedNumber left = parseNumber(a);
    const ParsedNumber right = parseNumber(b);
    if (!left.number || !right.number)
        return false;
    if (left.digits == right.digits)
        return true;
    // Two E.164 numbers carry their whole country code: +442079460958 is not +12079460958.
    if (left.plus && right.plus)
        return false;
    constexpr std::size_t kMinimumDigits = 7;
    constexpr std::size_t kMaximumCountryCode = 3;
    for (const std::string_view x : prefixVariants(left.digits)) {
        for (const std::string_view y : prefixVariants(right.digits)) {
            const std::string_view shorter = x.size() <= y.size() ? x : y;
            const std::string_view longer = x.size() <= y.size() ? y : x;
            if (shorter.size() >= kMinimumDigits && longer.size() - shorter.size() <= kMaximumCountryCode
                && longer.ends_with(shorter))
                return true;
        }
    }
    return false;
}

} // namespace sipladder::core
