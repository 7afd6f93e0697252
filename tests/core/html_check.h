// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "util/ascii_text.h"

#include <cctype>
#include <cstring>
#include <set>
#include <string>
#include <vector>

namespace sipladder::testing {

// A small strict HTML checker for the reports' tests: the subset the report writes.
inline const std::set<std::string> kReportTags
    = { "html", "head", "meta", "title", "style", "body", "header", "main", "section", "footer", "strong", "h1", "h2",
          "h3", "h4", "div", "p", "span", "table", "thead", "tbody", "tr", "th", "td", "a", "ul", "li", "pre", "code",
          "details", "summary", "figure", "figcaption", "br", "svg", "g", "text", "rect", "line", "path" };
inline const std::set<std::string> kReportVoidTags = { "meta", "br" };

// Empty when `html` is well formed: known tags only, balanced, attribute values double-quoted, no
// event handler attribute, no raw '>' or stray '&' in text, nothing after </html>.
inline std::string checkHtml(const std::string& html)
{
    std::vector<std::string> open;
    std::size_t i = 0;
    if (html.starts_with("<!DOCTYPE html>"))
        i = 15;
    auto isName = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == ':'; };
    while (i < html.size()) {
        const char c = html[i];
        if (c == '>')
            return "raw '>' in text at " + std::to_string(i);
        if (c == '&') {
            bool known = false;
            for (const char* entity : { "&amp;", "&lt;", "&gt;", "&quot;", "&#39;" })
                known = known || html.compare(i, std::strlen(entity), entity) == 0;
            if (!known)
                return "stray '&' at " + std::to_string(i);
            ++i;
            continue;
        }
        if (c != '<') {
            ++i;
            continue;
        }
        ++i;
        const bool closing = i < html.size() && html[i] == '/';
        if (closing)
            ++i;
        std::string name;
        while (i < html.size() && isName(html[i]))
            name += sipladder::core::asciiLower(html[i++]);
        if (name.empty() || !kReportTags.count(name))
            return "unknown tag '" + name + "' at " + std::to_string(i);
        bool selfClosing = false;
        while (i < html.size() && html[i] != '>') {
            if (html[i] == ' ' || html[i] == '\n') {
                ++i;
                continue;
            }
            if (html[i] == '/' && i + 1 < html.size() && html[i + 1] == '>') {
                selfClosing = true;
                ++i;
                continue;
            }
            std::string attribute;
            while (i < html.size() && isName(html[i]))
                attribute += sipladder::core::asciiLower(html[i++]);
            if (attribute.empty())
                return "bad character in tag " + name + " at " + std::to_string(i);
            if (attribute.starts_with("on"))
                return "event handler attribute " + attribute;
            if (i < html.size() && html[i] == '=') {
                ++i;
                if (i >= html.size() || html[i] != '"')
                    return "unquoted attribute " + attribute;
                const auto end = html.find('"', i + 1);
                if (end == std::string::npos)
                    return "unterminated attribute " + attribute;
                const auto value = html.substr(i + 1, end - i - 1);
                if (value.find('<') != std::string::npos || value.find('>') != std::string::npos)
                    return "markup inside attribute " + attribute;
                i = end + 1;
            }
        }
        if (i >= html.size())
            return "unterminated tag " + name;
        ++i;
        if (closing) {
            if (open.empty() || open.back() != name)
                return "</" + name + "> closes " + (open.empty() ? std::string("nothing") : "<" + open.back() + ">");
            open.pop_back();
            if (open.empty() && name == "html" && html.find_first_not_of(" \n", i) != std::string::npos)
                return "content after </html>";
        } else if (!kReportVoidTags.count(name) && !selfClosing) {
            open.push_back(name);
            if (name == "style") {
                const auto end = html.find("</style>", i);
                if (end == std::string::npos)
                    return "unterminated style";
                i = end;
            }
        }
    }
    if (!open.empty())
        return "unclosed <" + open.back() + ">";
    return {};
}

} // namespace sipladder::testing
