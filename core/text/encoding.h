#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace consulta {

/// How raw bytes were turned into UTF-8 text.
struct DecodedText {
    std::string text;              ///< valid UTF-8
    std::string source_encoding;   ///< "UTF-8", "windows-1252", "ISO-8859-1" ...
    std::size_t replaced = 0;      ///< invalid sequences replaced by U+FFFD
};

/// Decodes file bytes as text. Valid UTF-8 is kept byte for byte (a BOM too, so offsets stay file
/// offsets). Otherwise ICU's charset detector picks an encoding and the text is converted;
/// when no confident detection exists, invalid UTF-8 sequences are replaced with U+FFFD.
/// Never throws.
DecodedText decode_to_utf8(std::string_view bytes);

/// Converts bytes from a named charset ("windows-1252", "Shift_JIS" ...) with ICU; sequences
/// the charset does not map become U+FFFD and are counted. nullopt when ICU does not know
/// the charset. Never throws.
std::optional<DecodedText> decode_from_charset(std::string_view bytes, const std::string& charset);

/// True when the bytes are valid UTF-8.
bool is_valid_utf8(std::string_view bytes);

/// Heuristic: true when the bytes look like a binary file (NUL bytes, many control characters).
bool looks_binary(std::string_view bytes);

}  // namespace consulta
