// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sipladder::core {

// Streaming JSON output with two-space indentation, written to a FILE* in large blocks. Escapes
// every string (control characters, quotes, backslashes; invalid UTF-8 becomes U+FFFD) so that
// whatever a capture holds, the output stays valid JSON.
class JsonWriter {
public:
    explicit JsonWriter(std::FILE* out);
    // Renders array elements into `out` as if inside an array nested `depth` containers deep; the
    // text is later placed with rawElements() (so that large arrays can be rendered in parallel).
    JsonWriter(std::string& out, std::size_t depth);
    ~JsonWriter();
    JsonWriter(const JsonWriter&) = delete;
    JsonWriter& operator=(const JsonWriter&) = delete;

    void beginObject();
    void endObject();
    void beginArray();
    void endArray();
    // `name` is written as is: keys are the program's identifiers (plain ASCII), not data.
    void key(std::string_view name);

    void value(std::string_view text);
    void value(const char* text) { value(std::string_view(text)); }
    void value(std::int64_t number);
    void value(std::uint64_t number);
    void value(int number) { value(static_cast<std::int64_t>(number)); }
    void value(unsigned number) { value(static_cast<std::uint64_t>(number)); }
    void value(bool flag);
    void null();
    template <typename T>
    void value(const std::optional<T>& maybe)
    {
        if (maybe)
            value(*maybe);
        else
            null();
    }

    // Writes out what is buffered; false when the output failed (disk full, closed pipe).
    bool flush();

    // Containers nested deeper than `depth` are written on one line, without spaces ("calls" as
    // one line per call: readable, greppable and a third smaller).
    void setCompactBeyond(std::size_t depth) { m_compactBeyond = depth; }

    // Inserts elements rendered by the string-target constructor into the current array.
    void rawElements(std::string_view renderedElements);
    bool failed() const { return m_failed; }

    // The escaped form of `text`, quotes included (also used by tests).
    static std::string quoted(std::string_view text);

private:
    void beforeValue();
    void newline();
    void maybeFlush();
    static void appendEscaped(std::string& out, std::string_view text);

    std::FILE* m_out = nullptr;
    std::string m_ownBuffer;
    std::string& m_buffer;
    // Per open container: whether it already has an element.
    std::vector<bool> m_hasElement;
    std::size_t m_compactBeyond = static_cast<std::size_t>(-1);
    bool m_afterKey = false;
    bool m_failed = false;
};

} // namespace sipladder::core
