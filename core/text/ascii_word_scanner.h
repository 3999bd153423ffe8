#pragma once
#include <cstddef>
#include <string_view>

namespace consulta {

/// Finds the words that ICU's root word-break rules (UAX #29, ICU 72) find in pure ASCII text,
/// without ICU. Restricted to ASCII the rules reduce to:
///   - letters [A-Za-z@] (ICU's rules add '@' to ALetter, so "a@b.org" and a lone "@" are
///     words), digits [0-9] and '_' (ExtendNumLet) join each other in any order
///     (WB5, WB8, WB9, WB10, WB13a, WB13b);
///   - a letter (or '@'), then '.' or '\'' (MidNumLet), then a letter is one word (WB6, WB7);
///     ':' is not MidLetter in ICU's root rules, so "a:b" is two words;
///   - a digit, then '.', '\'', ',' or ';' (MidNumLet, MidNum), then a digit is one word
///     (WB11, WB12);
///   - everything else (spaces, controls, other punctuation) never joins.
/// A segment made of a single '_' is not a word for ICU (its rule status is "none").
/// tests/unit/tokenizer_equivalence_test.cpp checks this against ICU on every corpus file and
/// on random strings.
///
/// Returns true and the word's [start, end) byte range within text when a word starts at or
/// after pos; pos then moves past the word. text must contain ASCII bytes only.
bool next_ascii_word(std::string_view text, std::size_t& pos, std::size_t& start,
                     std::size_t& end);

}  // namespace consulta
