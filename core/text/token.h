#pragma once
#include <cstdint>
#include <string>
#include <vector>

namespace consulta {

enum class TokenKind : std::uint8_t {
    kWord,    ///< letters (possibly with digits): "Botswana", "MiD", "IGAD"
    kNumber,  ///< digits, possibly with separators ICU keeps inside: "2006", "120,000", "3.5"
};

/// One word of a text. Produced once per document; the same stream feeds the
/// entity tagger and the Xapian document.
struct Token {
    std::string norm;             ///< normalise_term() of the surface: NFKC, case- and diacritic-folded
    std::uint32_t start = 0;      ///< UTF-8 byte offset of the first byte in the source text
    std::uint32_t end = 0;        ///< one past the last byte: text.substr(start, end - start) is the surface
    std::uint32_t position = 0;   ///< word position (0, 1, 2 ...) for phrase search
    TokenKind kind = TokenKind::kWord;
};

using TokenStream = std::vector<Token>;

/// Where a token is, without its norm: what snippets need, at a fraction of the cost.
struct TokenSpan {
    std::uint32_t start = 0;
    std::uint32_t end = 0;
    std::uint32_t position = 0;
    bool operator==(const TokenSpan&) const = default;
};

using TokenSpans = std::vector<TokenSpan>;

}  // namespace consulta
