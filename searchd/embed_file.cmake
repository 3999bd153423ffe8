# cmake -DINPUT=file -DOUTPUT=file.cpp -DFUNCTION=name -P embed_file.cmake
# Writes a C++ file whose function returns INPUT's bytes, as a raw string literal.
file(READ "${INPUT}" content)
string(FIND "${content}" ")consulta_embed\"" clash)
if(NOT clash EQUAL -1)
  message(FATAL_ERROR "${INPUT} contains the raw-string delimiter")
endif()
file(WRITE "${OUTPUT}.tmp"
  "// Generated from ${INPUT} by embed_file.cmake. Do not edit.\n"
  "#include <string_view>\n"
  "namespace consulta {\n"
  "std::string_view ${FUNCTION}() {\n"
  "    static constexpr std::string_view kText = R\"consulta_embed(${content})consulta_embed\";\n"
  "    return kText;\n"
  "}\n"
  "}  // namespace consulta\n")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")
