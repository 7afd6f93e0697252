// SPDX-License-Identifier: Apache-2.0
#include "util/json_writer.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

using namespace sipladder::core;

namespace {

std::string render(void (*fill)(JsonWriter&))
{
    char* data = nullptr;
    std::size_t size = 0;
    std::FILE* out = open_memstream(&data, &size);
    {
        JsonWriter json(out);
        fill(json);
        EXPECT_TRUE(json.flush());
    }
    std::fclose(out);
    std::string text(data, size);
    std::free(data);
    return text;
}

} // namespace

TEST(JsonWriter, EscapesQuotesBackslashesAndControlCharacters)
{
    EXPECT_EQ(JsonWriter::quoted("a\"b\\c"), R"("a\"b\\c")");
    EXPECT_EQ(JsonWriter::quoted("line\r\nnext\ttab"), R"("line\r\nnext\ttab")");
    EXPECT_EQ(JsonWriter::quoted(std::string("nul\0x", 5)), R"("nul\u0000x")");
    EXPECT_EQ(JsonWriter::quoted("\x1b[31m"), R"("\u001b[31m")");
}

TEST(JsonWriter, KeepsValidUtf8AndReplacesInvalidBytes)
{
    EXPECT_EQ(JsonWriter::quoted("M\xC3\xBCller \xE2\x82\xAC"), "\"M\xC3\xBCller \xE2\x82\xAC\"");
    EXPECT_EQ(JsonWriter::quoted("bad\xFFz"), "\"bad\xEF\xBF\xBDz\"");
    EXPECT_EQ(JsonWriter::quoted("cut\xC3"), "\"cut\xEF\xBF\xBD\"");
    EXPECT_EQ(JsonWriter::quoted("\xED\xA0\x80"), "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"");
}

TEST(JsonWriter, WritesNestedStructureWithCommasAndNulls)
{
    const auto text = render([](JsonWriter& json) {
        json.beginObject();
        json.key("n");
        json.value(std::uint64_t{18446744073709551615ull});
        json.key("neg");
        json.value(std::int64_t{-5});
        json.key("list");
        json.beginArray();
        json.value("x");
        json.null();
        json.value(true);
        json.endArray();
        json.key("empty");
        json.beginArray();
        json.endArray();
        json.key("maybe");
        json.value(std::optional<std::uint64_t>{});
        json.endObject();
    });
    EXPECT_EQ(text,
        "{\n  \"n\": 18446744073709551615,\n  \"neg\": -5,\n  \"list\": [\n    \"x\",\n    null,\n    true\n  ],\n"
        "  \"empty\": [],\n  \"maybe\": null\n}\n");
}

TEST(JsonWriter, ElementsRenderedApartReadTheSameAsWrittenInPlace)
{
    auto element = [](JsonWriter& json, int i) {
        json.beginObject();
        json.key("n");
        json.value(i);
        json.key("tags");
        json.beginArray();
        json.value("a");
        json.endArray();
        json.endObject();
    };
    const auto direct = render([](JsonWriter& json) {
        json.beginObject();
        json.key("calls");
        json.beginArray();
        for (int i = 0; i < 5; ++i) {
            json.beginObject();
            json.key("n");
            json.value(i);
            json.key("tags");
            json.beginArray();
            json.value("a");
            json.endArray();
            json.endObject();
        }
        json.endArray();
        json.endObject();
    });
    std::string first;
    std::string second;
    {
        JsonWriter a(first, 2);
        for (int i = 0; i < 2; ++i)
            element(a, i);
        JsonWriter b(second, 2);
        for (int i = 2; i < 5; ++i)
            element(b, i);
    }
    char* data = nullptr;
    std::size_t size = 0;
    std::FILE* out = open_memstream(&data, &size);
    {
        JsonWriter json(out);
        json.beginObject();
        json.key("calls");
        json.beginArray();
        json.rawElements(first);
        json.rawElements("");
        json.rawElements(second);
        json.endArray();
        json.endObject();
    }
    std::fclose(out);
    EXPECT_EQ(std::string(data, size), direct);
    std::free(data);
}

TEST(JsonWriter, CompactContainersStayOnOneLine)
{
    const auto text = render([](JsonWriter& json) {
        json.setCompactBeyond(2);
        json.beginObject();
        json.key("calls");
        json.beginArray();
        for (int i = 0; i < 2; ++i) {
            json.beginObject();
            json.key("n");
            json.value(i);
            json.key("links");
            json.beginArray();
            json.value("a");
            json.value("b");
            json.endArray();
            json.endObject();
        }
        json.endArray();
        json.endObject();
    });
    EXPECT_EQ(text, "{\n  \"calls\": [\n    {\"n\":0,\"links\":[\"a\",\"b\"]},\n    {\"n\":1,\"links\":[\"a\",\"b\"]}\n  ]\n}\n");
}
