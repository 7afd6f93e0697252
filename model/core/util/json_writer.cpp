// SPDX-License-Identifier: Apache-2.0
#include "util/json_writer.h"

#include <charconv>

namespace sipladder::core {

namespace {

constexpr std::size_t kFlushThreshold = 1 << 20;

// Length of the valid UTF-8 sequence starting at text[i], or 0 when it is not valid.
std::size_t utf8SequenceLength(std::string_view text, std::size_t i)
{
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t length = 0;
    if (c >= 0xC2 && c <= 0xDF)
        length = 2;
    else if (c >= 0xE0 && c <= 0xEF)
        length = 3;
    else if (c >= 0xF0 && c <= 0xF4)
        length = 4;
    else
        return 0;
    if (i + length > text.size())
        return 0;
    for (std::size_t k = 1; k < length; ++k) {
        if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80)
            return 0;
    }
    const auto c1 = static_cast<unsigned char>(text[i + 1]);
    if ((c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 > 0x9F) || (c == 0xF0 && c1 < 0x90) || (c == 0xF4 && c1 > 0x8F))
        return 0; // overlong forms, surrogates, beyond U+10FFFF
    return length;
}

} // namespace

JsonWriter::JsonWriter(std::FILE* out)
    : m_out(out)
    , m_buffer(m_ownBuffer)
{
    m_buffer.reserve(kFlushThreshold + 4096);
}

JsonWriter::JsonWriter(std::string& out, std::size_t depth)
    : m_buffer(out)
{
    // Pretend to be inside `depth` containers of which the innermost has elements already, so the
    // first element starts with ",\n" and indentation like any later one; rawElements() drops that comma.
    m_hasElement.assign(depth, true);
}

void JsonWriter::rawElements(std::string_view renderedElements)
{
    if (renderedElements.empty())
        return;
    // Rendered text starts with the separating comma; the first element of an array has none.
    if (!m_hasElement.back() && renderedElements.front() == ',')
        renderedElements.remove_prefix(1);
    m_buffer.append(renderedElements);
    m_hasElement.back() = true;
    maybeFlush();
}

JsonWriter::~JsonWriter()
{
    flush();
}

void JsonWriter::appendEscaped(std::string& out, std::string_view text)
{
    static constexpr char kHex[] = "0123456789abcdef";
    out += '"';
    std::size_t i = 0;
    while (i < text.size()) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
            // Copy a run of plain ASCII at once.
            std::size_t j = i + 1;
            while (j < text.size()) {
                const auto d = static_cast<unsigned char>(text[j]);
                if (d < 0x20 || d >= 0x80 || d == '"' || d == '\\')
                    break;
                ++j;
            }
            out.append(text.data() + i, j - i);
            i = j;
            continue;
        }
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (c < 0x20) {
                out += "\\u00";
                out += kHex[c >> 4];
                out += kHex[c & 15];
            } else if (const auto length = utf8SequenceLength(text, i); length > 0) {
                out.append(text.data() + i, length);
                i += length;
                continue;
            } else {
                out += "\xEF\xBF\xBD";
            }
        }
        ++i;
    }
    out += '"';
}

std::string JsonWriter::quoted(std::string_view text)
{
    std::string out;
    appendEscaped(out, text);
    return out;
}

void JsonWriter::newline()
{
    // Inside compact containers elements follow each other on one line.
    if (m_hasElement.size() > m_compactBeyond)
        return;
    m_buffer += '\n';
    m_buffer.append(m_hasElement.size() * 2, ' ');
}

void JsonWriter::beforeValue()
{
    if (m_afterKey) {
        m_afterKey = false;
        return;
    }
    if (!m_hasElement.empty()) {
        if (m_hasElement.back())
            m_buffer += ',';
        m_hasElement.back() = true;
        newline();
    }
}

void JsonWriter::maybeFlush()
{
    if (m_out != nullptr && m_buffer.size() >= kFlushThreshold)
        flush();
}

void JsonWriter::beginObject()
{
    beforeValue();
    m_buffer += '{';
    m_hasElement.push_back(false);
}

void JsonWriter::endObject()
{
    const bool hadElements = m_hasElement.back();
    const bool compact = m_hasElement.size() > m_compactBeyond;
    m_hasElement.pop_back();
    if (hadElements && !compact)
        newline();
    m_buffer += '}';
    if (m_hasElement.empty() && m_out != nullptr)
        m_buffer += '\n';
    maybeFlush();
}

void JsonWriter::beginArray()
{
    beforeValue();
    m_buffer += '[';
    m_hasElement.push_back(false);
}

void JsonWriter::endArray()
{
    const bool hadElements = m_hasElement.back();
    const bool compact = m_hasElement.size() > m_compactBeyond;
    m_hasElement.pop_back();
    if (hadElements && !compact)
        newline();
    m_buffer += ']';
    maybeFlush();
}

void JsonWriter::key(std::string_view name)
{
    beforeValue();
    // Keys are the program's own identifiers, never captured data: no escaping needed.
    m_buffer += '"';
    m_buffer.append(name);
    if (m_hasElement.size() > m_compactBeyond)
        m_buffer.append("\":", 2);
    else
        m_buffer.append("\": ", 3);
    m_afterKey = true;
}

void JsonWriter::value(std::string_view text)
{
    beforeValue();
    appendEscaped(m_buffer, text);
}

void JsonWriter::value(std::int64_t number)
{
    beforeValue();
    char digits[24];
    const auto result = std::to_chars(digits, digits + sizeof digits, number);
    m_buffer.append(digits, result.ptr);
}

void JsonWriter::value(std::uint64_t number)
{
    beforeValue();
    char digits[24];
    const auto result = std::to_chars(digits, digits + sizeof digits, number);
    m_buffer.append(digits, result.ptr);
}

void JsonWriter::value(bool flag)
{
    beforeValue();
    m_buffer += flag ? "true" : "false";
}

void JsonWriter::null()
{
    beforeValue();
    m_buffer += "null";
}

bool JsonWriter::flush()
{
    if (m_out == nullptr)
        return true; // rendering into the caller's string: it keeps the text
    if (!m_buffer.empty()) {
        if (std::fwrite(m_buffer.data(), 1, m_buffer.size(), m_out) != m_buffer.size())
            m_failed = true;
    }
    m_buffer.clear();
    if (std::fflush(m_out) != 0)
        m_failed = true;
    return !m_failed;
}

} // namespace sipladder::core
