#include "indexer/document_id.h"

#include <cstdint>

namespace consulta {

namespace {

// Length of the valid UTF-8 sequence starting at text[i], 0 when it is not one (overlong
// forms, surrogates and code points over U+10FFFF are invalid, as in RFC 3629).
std::size_t utf8_sequence_length(std::string_view text, std::size_t i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char c = byte(i);
    if (c < 0x80) return 1;
    std::size_t length = 0;
    std::uint32_t code = 0;
    if (c >= 0xC2 && c <= 0xDF) { length = 2; code = c & 0x1F; }
    else if (c >= 0xE0 && c <= 0xEF) { length = 3; code = c & 0x0F; }
    else if (c >= 0xF0 && c <= 0xF4) { length = 4; code = c & 0x07; }
    else return 0;
    if (i + length > text.size()) return 0;
    for (std::size_t k = 1; k < length; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80) return 0;
        code = (code << 6) | (byte(i + k) & 0x3F);
    }
    if ((length == 3 && code < 0x800) || (length == 4 && code < 0x10000)) return 0;  // overlong
    if (code >= 0xD800 && code <= 0xDFFF) return 0;                                  // surrogate
    if (code > 0x10FFFF) return 0;
    return length;
}

void append_escaped(std::string& out, unsigned char c) {
    static const char* const kHex = "0123456789ABCDEF";
    out += '%';
    out += kHex[c >> 4];
    out += kHex[c & 0x0F];
}

}  // namespace

std::string document_id_for(std::string_view stem) {
    std::string id;
    id.reserve(stem.size());
    for (std::size_t i = 0; i < stem.size();) {
        const auto c = static_cast<unsigned char>(stem[i]);
        const std::size_t length = utf8_sequence_length(stem, i);
        if (length == 0 || c < 0x20 || c == 0x7F || c == '\\') {
            append_escaped(id, c);
            ++i;
            continue;
        }
        id.append(stem.substr(i, length));
        i += length;
    }
    return id;
}

std::string printable_path(const std::filesystem::path& path) { return document_id_for(path.string()); }

}  // namespace consulta
