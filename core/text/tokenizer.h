#pragma once
#include <memory>
#include <string_view>

#include "core/text/token.h"

namespace consulta {

/// Splits UTF-8 text into words with ICU word-break rules (UAX #29) and normalises each word
/// with normalise_term(). Punctuation and spaces yield no token; "Guinea-Bissau" is two tokens,
/// "5+5" is two tokens, "120,000" is one number token. Offsets are byte offsets into the input.
/// A possessive "'s" or a bare trailing apostrophe is cut off ("Morocco's" -> "morocco", and the
/// token's end excludes the "'s"). A norm longer than 64 bytes is cut there on a character
/// boundary (such words are junk, and Xapian terms are limited to 245 bytes); the offsets still
/// span the whole word. Texts over 2 GiB are tokenised up to that size (ICU indices are int32).
/// Not thread-safe (it owns an ICU BreakIterator): one Tokenizer per thread.
///
/// Runs of pure-ASCII text (between ASCII whitespace) are segmented by a small scanner that
/// implements ICU's word rules restricted to ASCII (core/text/ascii_word_scanner.h); runs with
/// any other byte go to ICU. The result is identical to tokenize_with_icu_only(), which
/// tests/unit/tokenizer_equivalence_test.cpp checks; the scanner is just several times faster.
class Tokenizer {
public:
    Tokenizer();
    ~Tokenizer();
    Tokenizer(Tokenizer&&) noexcept;
    Tokenizer& operator=(Tokenizer&&) noexcept;

    /// Tokenises valid UTF-8 text. Positions start at 0 and grow by one per token.
    TokenStream tokenize(std::string_view utf8_text);

    /// The offsets and positions tokenize() gives, without the norms: no string per word in
    /// ASCII text (non-ASCII runs still go through ICU and the normaliser, which decides
    /// whether a segment is a word). tests/unit/tokenizer_equivalence_test.cpp checks it.
    TokenSpans spans(std::string_view utf8_text);

    /// The reference segmentation: ICU's word BreakIterator over the whole text, no ASCII fast
    /// path. Gives exactly what tokenize() gives, only slower; kept for the equivalence test
    /// and for checking a suspected difference. Not for production use.
    TokenStream tokenize_with_icu_only(std::string_view utf8_text);

private:
    /// Clamps the text to what the tokenizer handles; false when there is nothing to do.
    bool prepare(std::string_view& utf8_text) const;

    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace consulta
