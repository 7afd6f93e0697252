// SPDX-License-Identifier: Apache-2.0
#include "support/json_value.h"

#include <cstdlib>

namespace sipladder::testing {

class JsonReader {
public:
    explicit JsonReader(std::string_view text)
        : m_text(text)
    {
    }

    bool document(JsonValue& out)
    {
        skipSpace();
        if (!value(out, 0))
            return false;
        skipSpace();
        if (m_pos != m_text.size())
            return fail("trailing characters");
        return true;
    }

    std::string error;

private:
    bool fail(const std::string& what)
    {
        if (error.empty())
            error = what + " at offset " + std::to_string(m_pos);
        return false;
    }

    void skipSpace()
    {
        while (m_pos < m_text.size()
            && (m_text[m_pos] == ' ' || m_text[m_pos] == '\n' || m_text[m_pos] == '\r' || m_text[m_pos] == '\t'))
            ++m_pos;
    }

    bool literal(std::string_view word)
    {
        if (m_text.substr(m_pos, word.size()) != word)
            return fail("bad literal");
        m_pos += word.size();
        return true;
    }

    bool value(JsonValue& out, int depth)
    {
        if (depth > 200)
            return fail("nesting too deep");
        if (m_pos >= m_text.size())
            return fail("unexpected end");
        const char c = m_text[m_pos];
        switch (c) {
        case 'n':
            out.m_type = JsonValue::Type::Null;
            return literal("null");
        case 't':
            out.m_type = JsonValue::Type::Bool;
            out.m_bool = true;
            return literal("true");
        case 'f':
            out.m_type = JsonValue::Type::Bool;
            return literal("false");
        case '"':
            out.m_type = JsonValue::Type::String;
            return string(out.m_string);
        case '[':
            return array(out, depth);
        case '{':
            return object(out, depth);
        default:
            return number(out);
        }
    }

    bool number(JsonValue& out)
    {
        const std::size_t start = m_pos;
        if (m_pos < m_text.size() && m_text[m_pos] == '-')
            ++m_pos;
        if (m_pos >= m_text.size() || m_text[m_pos] < '0' || m_text[m_pos] > '9')
            return fail("bad value");
        if (m_text[m_pos] == '0' && m_pos + 1 < m_text.size() && m_text[m_pos + 1] >= '0' && m_text[m_pos + 1] <= '9')
            return fail("leading zero");
        while (m_pos < m_text.size() && std::string_view("0123456789.eE+-").find(m_text[m_pos]) != std::string_view::npos)
            ++m_pos;
        const std::string digits(m_text.substr(start, m_pos - start));
        char* end = nullptr;
        out.m_type = JsonValue::Type::Number;
        out.m_number = std::strtod(digits.c_str(), &end);
        if (end != digits.c_str() + digits.size())
            return fail("bad number");
        return true;
    }

    static void appendUtf8(std::string& out, unsigned codePoint)
    {
        if (codePoint < 0x80) {
            out += static_cast<char>(codePoint);
        } else if (codePoint < 0x800) {
            out += static_cast<char>(0xC0 | (codePoint >> 6));
            out += static_cast<char>(0x80 | (codePoint & 0x3F));
        } else if (codePoint < 0x10000) {
            out += static_cast<char>(0xE0 | (codePoint >> 12));
            out += static_cast<char>(0x80 | ((codePoint >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (codePoint & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (codePoint >> 18));
            out += static_cast<char>(0x80 | ((codePoint >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((codePoint >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (codePoint & 0x3F));
        }
    }

    bool hex4(unsigned& out)
    {
        if (m_pos + 4 > m_text.size())
            return fail("short \\u escape");
        out = 0;
        for (int i = 0; i < 4; ++i) {
            const char h = m_text[m_pos++];
            out <<= 4;
            if (h >= '0' && h <= '9')
                out |= static_cast<unsigned>(h - '0');
            else if (h >= 'a' && h <= 'f')
                out |= static_cast<unsigned>(h - 'a' + 10);
            else if (h >= 'A' && h <= 'F')
                out |= static_cast<unsigned>(h - 'A' + 10);
            else
                return fail("bad \\u escape");
        }
        return true;
    }

    bool string(std::string& out)
    {
        ++m_pos;
        while (m_pos < m_text.size()) {
            const char c = m_text[m_pos++];
            if (c == '"')
                return true;
            if (static_cast<unsigned char>(c) < 0x20)
                return fail("control character in string");
            if (c != '\\') {
                out += c;
                continue;
            }
            if (m_pos >= m_text.size())
                break;
            const char e = m_text[m_pos++];
            switch (e) {
            case '"':
            case '\\':
            case '/':
                out += e;
                break;
            case 'b':
                out += '\b';
                break;
            case 'f':
                out += '\f';
                break;
            case 'n':
                out += '\n';
                break;
            case 'r':
                out += '\r';
                break;
            case 't':
                out += '\t';
                break;
            case 'u': {
                unsigned codePoint = 0;
                if (!hex4(codePoint))
                    return false;
                appendUtf8(out, codePoint);
                break;
            }
            default:
                return fail("bad escape");
            }
        }
        return fail("unterminated string");
    }

    bool array(JsonValue& out, int depth)
    {
        out.m_type = JsonValue::Type::Array;
        ++m_pos;
        skipSpace();
        if (m_pos < m_text.size() && m_text[m_pos] == ']') {
            ++m_pos;
            return true;
        }
        for (;;) {
            skipSpace();
            out.m_array.emplace_back();
            if (!value(out.m_array.back(), depth + 1))
                return false;
            skipSpace();
            if (m_pos < m_text.size() && m_text[m_pos] == ',') {
                ++m_pos;
                continue;
            }
            if (m_pos < m_text.size() && m_text[m_pos] == ']') {
                ++m_pos;
                return true;
            }
            return fail("expected , or ]");
        }
    }

    bool object(JsonValue& out, int depth)
    {
        out.m_type = JsonValue::Type::Object;
        ++m_pos;
        skipSpace();
        if (m_pos < m_text.size() && m_text[m_pos] == '}') {
            ++m_pos;
            return true;
        }
        for (;;) {
            skipSpace();
            if (m_pos >= m_text.size() || m_text[m_pos] != '"')
                return fail("expected a key");
            std::string key;
            if (!string(key))
                return false;
            skipSpace();
            if (m_pos >= m_text.size() || m_text[m_pos] != ':')
                return fail("expected :");
            ++m_pos;
            skipSpace();
            if (out.m_object.count(key))
                return fail("duplicate key " + key);
            if (!value(out.m_object[key], depth + 1))
                return false;
            skipSpace();
            if (m_pos < m_text.size() && m_text[m_pos] == ',') {
                ++m_pos;
                continue;
            }
            if (m_pos < m_text.size() && m_text[m_pos] == '}') {
                ++m_pos;
                return true;
            }
            return fail("expected , or }");
        }
    }

    std::string_view m_text;
    std::size_t m_pos = 0;
};

std::optional<JsonValue> JsonValue::parse(std::string_view text, std::string* error)
{
    JsonReader reader(text);
    JsonValue value;
    if (!reader.document(value)) {
        if (error)
            *error = reader.error;
        return std::nullopt;
    }
    return value;
}

const JsonValue& JsonValue::operator[](const std::string& key) const
{
    static const JsonValue null;
    const auto it = m_object.find(key);
    return it == m_object.end() ? null : it->second;
}

} // namespace sipladder::testing
