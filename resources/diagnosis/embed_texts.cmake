# SPDX-License-Identifier: Apache-2.0
# Turns the explanation texts (TEXT_DIR/*.txt) into a C++ source (OUTPUT) that defines
# sipladder::core::builtInDiagnosisTexts(). Run by model/core/CMakeLists.txt as
#   cmake -DTEXT_DIR=... -DOUTPUT=... -P embed_texts.cmake
# Each file becomes an array of bytes rather than a string literal: no raw-string delimiter can
# collide with the text and no compiler limit on literal length applies.
cmake_minimum_required(VERSION 3.25)

if(NOT TEXT_DIR OR NOT OUTPUT)
  message(FATAL_ERROR "embed_texts.cmake needs -DTEXT_DIR=<dir> and -DOUTPUT=<file>")
endif()

file(GLOB text_files LIST_DIRECTORIES false "${TEXT_DIR}/*.txt")
list(SORT text_files)

# 16 bytes per line of the generated source.
string(REPEAT "0x[0-9a-f][0-9a-f]," 16 sixteen_bytes)

set(arrays "")
set(entries "")
set(index 0)
foreach(path IN LISTS text_files)
  get_filename_component(name "${path}" NAME)
  file(READ "${path}" hex HEX)
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
  string(REGEX REPLACE "(${sixteen_bytes})" "\\1\n    " bytes "${bytes}")
  string(APPEND arrays "// ${name}\nconst unsigned char kText${index}[] = {\n    ${bytes}0x00\n};\n\n")
  string(APPEND entries
    "        { \"${name}\", { reinterpret_cast<const char*>(kText${index}), sizeof(kText${index}) - 1 } },\n")
  math(EXPR index "${index} + 1")
endforeach()

set(source "// Generated from resources/diagnosis/*.txt by resources/diagnosis/embed_texts.cmake: do not edit.
#include \"analysis/builtin_diagnosis_texts.h\"

namespace sipladder::core {
")
if(index EQUAL 0)
  string(APPEND source "
std::span<const ExplanationTexts::Source> builtInDiagnosisTexts() { return {}; }
")
else()
  string(APPEND source "
namespace {

${arrays}} // namespace

std::span<const ExplanationTexts::Source> builtInDiagnosisTexts()
{
    static const ExplanationTexts::Source sources[] = {
${entries}    };
    return sources;
}
")
endif()
string(APPEND source "
} // namespace sipladder::core
")

file(WRITE "${OUTPUT}" "${source}")
