#pragma once
#include <memory>
#include <string_view>

#include "core/text/token.h"

namespace consulta {

/// Splits UTF-8 text into words with ICU word-break rules (UAX #29) and normalises each word
/// with normalise_term(). Punctuation and spaces yield no token; "Guinea-Bissau" is two tokens,
/// "5+5" is two tokens, "120,000" is one number token. Offsets are byte offsets into the input.
/// Not thread-safe (it owns an ICU BreakIterator): one Tokenizer per thread.
class Tokenizer {
public:
    Tokenizer();
    ~Tokenizer();
    Tokenizer(Tokenizer&&) noexcept;
    Tokenizer& operator=(Tokenizer&&) noexcept;

    /// Tokenises valid UTF-8 text. Positions start at 0 and grow by one per token.
    TokenStream tokenize(std::string_view utf8_text);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace consulta
