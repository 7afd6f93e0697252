// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sipladder::testing {

// A small strict JSON reader for tests: parses the CLI's output so tests can check keys, types and
// values rather than matching text.
class JsonValue {
public:
    enum class Type { Null, Bool, Number, String, Array, Object };

    // nullopt (and `error` set) when `text` is not exactly one valid JSON document.
    static std::optional<JsonValue> parse(std::string_view text, std::string* error = nullptr);

    Type type() const { return m_type; }
    bool isNull() const { return m_type == Type::Null; }
    bool asBool() const { return m_bool; }
    double asNumber() const { return m_number; }
    std::int64_t asInt() const { return static_cast<std::int64_t>(m_number); }
    const std::string& asString() const { return m_string; }
    const std::vector<JsonValue>& asArray() const { return m_array; }
    const std::map<std::string, JsonValue>& asObject() const { return m_object; }
    bool has(const std::string& key) const { return m_object.count(key) != 0; }
    // Object member; a null value when absent.
    const JsonValue& operator[](const std::string& key) const;
    const JsonValue& operator[](std::size_t index) const { return m_array.at(index); }
    std::size_t size() const { return m_type == Type::Array ? m_array.size() : m_object.size(); }

private:
    friend class JsonReader;
    Type m_type = Type::Null;
    bool m_bool = false;
    double m_number = 0;
    std::string m_string;
    std::vector<JsonValue> m_array;
    std::map<std::string, JsonValue> m_object;
};

} // namespace sipladder::testing
