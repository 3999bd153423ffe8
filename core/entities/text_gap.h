#pragma once
// Private to core/entities: what lies between two tokens, reduced to what matters for matching.

#include <string>
#include <string_view>

namespace consulta::gazetteer_detail {

/// The punctuation between two tokens with spaces dropped and dashes and apostrophes unified:
/// " - " and "–" give "-", ", " gives ",", "\n\n" and "" give "". Short gaps stay within the
/// string's small buffer, so this rarely allocates.
inline std::string gap_signature(std::string_view gap) {
    std::string signature;
    for (std::size_t i = 0; i < gap.size();) {
        const auto c = static_cast<unsigned char>(gap[i]);
        if (c < 0x80) {
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v') {
                signature.push_back(static_cast<char>(c));
            }
            ++i;
            continue;
        }
        const std::size_t length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        const std::string_view ch = gap.substr(i, length);
        i += length;
        // No-break, thin and ideographic spaces, the soft hyphen, zero-width characters, BOM.
        const bool space = ch == "\u00A0" || ch == "\u00AD" || ch == "\u202F" || ch == "\u205F" ||
                           ch == "\u3000" || ch == "\uFEFF" ||
                           (ch.size() == 3 && ch >= "\u2000" && ch <= "\u200D");
        if (space) continue;
        if ((ch.size() == 3 && ch >= "\u2010" && ch <= "\u2015") || ch == "\u2212") {
            signature.push_back('-');
        } else if (ch == "\u2018" || ch == "\u2019" || ch == "\u02BC") {
            signature.push_back('\'');
        } else {
            signature.append(ch);
        }
    }
    return signature;
}

}  // namespace consulta::gazetteer_detail
