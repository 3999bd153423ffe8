#include "core/text/tokenizer.h"

#include <unicode/brkiter.h>
#include <unicode/locid.h>
#include <unicode/ubrk.h>
#include <unicode/uchar.h>
#include <unicode/utext.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <utility>

#include "core/text/ascii_word_scanner.h"
#include "core/text/normalizer.h"

namespace consulta {
namespace {

// Longer words are junk (URLs without separators, base64, table rules) and Xapian refuses terms
// over 245 bytes once prefixed, so a norm is cut at this many bytes, on a character boundary.
// The token's offsets still cover the whole surface word.
constexpr std::size_t kMaxNormBytes = 64;

/// Length of the apostrophe ("'", "’", "‘" or "ʼ") that ends s, or 0.
std::size_t trailing_apostrophe_length(std::string_view s) {
    if (s.ends_with('\'')) {
        return 1;
    }
    if (s.ends_with("\u2019") || s.ends_with("\u2018")) {
        return 3;
    }
    return s.ends_with("\u02BC") ? 2 : 0;
}

/// Cuts a possessive ending off a word: "Morocco's" is indexed as "morocco", and a bare trailing
/// apostrophe ("Philippines'") goes too. ICU never ends a word on "'" or "’" (they only join
/// letters), but U+02BC is a letter to ICU and can.
std::string_view strip_possessive(std::string_view word) {
    // One byte test rejects almost every word before any string comparison: this runs per token.
    const char last = word.empty() ? '\0' : word.back();
    const bool s_ending = last == 's' || last == 'S';
    if (!s_ending && last != '\'' && last != '\x98' && last != '\x99' && last != '\xBC') {
        return word;
    }
    std::string_view stem = word.substr(0, word.size() - (s_ending ? 1 : 0));
    const std::size_t apostrophe = trailing_apostrophe_length(stem);
    if (apostrophe == 0 || apostrophe >= stem.size()) {
        return word;
    }
    return stem.substr(0, stem.size() - apostrophe);
}

/// True when the segment holds nothing but U+FFFD (replaced bytes) and U+FEFF (BOM).
bool is_filler_only(std::string_view s) {
    // Both characters are encoded EF xx xx: anything else is rejected on its first byte.
    if (s.empty() || s.front() != '\xEF') {
        return false;
    }
    constexpr std::string_view kReplacement = "\uFFFD";
    constexpr std::string_view kBom = "\uFEFF";
    while (!s.empty()) {
        if (s.starts_with(kReplacement) || s.starts_with(kBom)) {
            s.remove_prefix(3);
        } else {
            return false;
        }
    }
    return true;
}

bool is_ascii_word(std::string_view s) {
    unsigned char acc = 0;
    for (char c : s) {
        acc |= static_cast<unsigned char>(c);
    }
    return acc < 0x80;
}

void ascii_lower_into(std::string_view s, std::string& out) {
    out.resize(s.size());
    char* dst = out.data();
    for (char c : s) {
        *dst++ = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + ('a' - 'A')) : c;
    }
}

bool starts_with_digit(std::string_view s) {
    if (s.empty()) {
        return false;
    }
    const auto first = static_cast<unsigned char>(s.front());
    if (first < 0x80) {
        return first >= '0' && first <= '9';
    }
    // Other decimal digits (full-width, Arabic-Indic ...) count as numbers too.
    int32_t i = 0;
    UChar32 c = 0;
    U8_NEXT(reinterpret_cast<const uint8_t*>(s.data()), i, static_cast<int32_t>(s.size()), c);
    return c >= 0 && u_isdigit(c);
}

void truncate_utf8(std::string& s, std::size_t max_bytes) {
    if (s.size() <= max_bytes) {
        return;
    }
    std::size_t cut = max_bytes;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) {
        --cut;
    }
    s.resize(cut);
}

/// Builds the token for one ICU word segment, or returns false when the segment yields none.
bool make_token(std::string_view text, std::uint32_t start, std::uint32_t end, Token& token) {
    const std::string_view surface = strip_possessive(text.substr(start, end - start));
    if (surface.empty() || is_filler_only(surface)) {
        return false;
    }
    if (is_ascii_word(surface)) {
        ascii_lower_into(surface, token.norm);
    } else {
        token.norm = normalise_term(surface);
        if (token.norm.empty()) {
            return false;
        }
    }
    truncate_utf8(token.norm, kMaxNormBytes);
    token.start = start;
    token.end = start + static_cast<std::uint32_t>(surface.size());
    token.kind = starts_with_digit(surface) ? TokenKind::kNumber : TokenKind::kWord;
    return true;
}

/// The text the tokenizer reads: BreakIterator boundaries are int32_t, so a text over 2 GiB is
/// tokenised up to that limit.
std::string_view clamp_text(std::string_view utf8_text) {
    return utf8_text.substr(
        0, std::min<std::size_t>(utf8_text.size(), std::numeric_limits<int32_t>::max()));
}

/// Bytes that separate runs: ASCII whitespace. To ICU they are CR, LF, Newline (\f, \v),
/// WSegSpace (' ') or Other ('\t'), and no UAX #29 rule joins a word across one of them, so
/// the words of a run are the same whether ICU sees the run alone or in its whole text. (WB4
/// glues Extend/Format characters after a space to the space; alone, ICU makes them a segment
/// of their own. Either way that segment is no word.)
bool is_ascii_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/// A maximal stretch of text without ASCII whitespace.
struct Run {
    std::size_t start = 0;
    std::size_t end = 0;
    bool ascii = true;
};

/// The first run at or after pos; start == text.size() when there is none.
Run next_run(std::string_view text, std::size_t pos) {
    const std::size_t n = text.size();
    while (pos < n && is_ascii_space(text[pos])) {
        ++pos;
    }
    Run run;
    run.start = pos;
    unsigned char high = 0;
    while (pos < n && !is_ascii_space(text[pos])) {
        high |= static_cast<unsigned char>(text[pos]);
        ++pos;
    }
    run.end = pos;
    run.ascii = high < 0x80;
    return run;
}

}  // namespace

struct Tokenizer::Impl {
    // Null when ICU could not build the iterator (missing data): tokenize() then yields nothing.
    std::unique_ptr<icu::BreakIterator> words;

    /// Appends the tokens ICU finds in text[from, to): offsets are into text.
    void icu_tokens(std::string_view text, std::size_t from, std::size_t to,
                    TokenStream& tokens, std::uint32_t& position);
    /// Appends the tokens of the pure-ASCII text[from, to) (no ICU): offsets are into text.
    static void ascii_tokens(std::string_view text, std::size_t from, std::size_t to,
                             TokenStream& tokens, std::uint32_t& position);
    /// The same as spans: a pure-ASCII word always has a norm, so only the filler test counts.
    static void ascii_spans(std::string_view text, std::size_t from, std::size_t to,
                            TokenSpans& spans, std::uint32_t& position);
};

void Tokenizer::Impl::icu_tokens(std::string_view text, std::size_t from, std::size_t to,
                                 TokenStream& tokens, std::uint32_t& position) {
    // A UTF-8 UText lets ICU read the text in place: no UTF-16 copy, and the iterator's
    // boundaries are UTF-8 byte offsets (from `from`), so no offset mapping is needed.
    UErrorCode status = U_ZERO_ERROR;
    UText utext = UTEXT_INITIALIZER;
    utext_openUTF8(&utext, text.data() + from, static_cast<int64_t>(to - from), &status);
    words->setText(&utext, status);
    if (U_FAILURE(status)) {
        utext_close(&utext);
        return;
    }
    const auto base = static_cast<std::uint32_t>(from);
    Token token;
    int32_t start = words->first();
    for (int32_t end = words->next(); end != icu::BreakIterator::DONE;
         start = end, end = words->next()) {
        if (words->getRuleStatus() < UBRK_WORD_NONE_LIMIT) {
            continue;  // spaces and punctuation
        }
        if (make_token(text, base + static_cast<std::uint32_t>(start),
                       base + static_cast<std::uint32_t>(end), token)) {
            token.position = position++;
            tokens.push_back(std::move(token));
        }
    }
    // The iterator keeps a shallow clone of the UText; closing ours leaves that clone intact.
    utext_close(&utext);
}

void Tokenizer::Impl::ascii_tokens(std::string_view text, std::size_t from, std::size_t to,
                                   TokenStream& tokens, std::uint32_t& position) {
    const std::string_view run = text.substr(from, to - from);
    Token token;
    std::size_t pos = 0;
    std::size_t start = 0;
    std::size_t end = 0;
    while (next_ascii_word(run, pos, start, end)) {
        if (make_token(text, static_cast<std::uint32_t>(from + start),
                       static_cast<std::uint32_t>(from + end), token)) {
            token.position = position++;
            tokens.push_back(std::move(token));
        }
    }
}

void Tokenizer::Impl::ascii_spans(std::string_view text, std::size_t from, std::size_t to,
                                  TokenSpans& spans, std::uint32_t& position) {
    const std::string_view run = text.substr(from, to - from);
    std::size_t pos = 0;
    std::size_t start = 0;
    std::size_t end = 0;
    while (next_ascii_word(run, pos, start, end)) {
        const std::string_view surface = strip_possessive(run.substr(start, end - start));
        if (surface.empty() || is_filler_only(surface)) continue;
        const auto at = static_cast<std::uint32_t>(from + start);
        spans.push_back({at, at + static_cast<std::uint32_t>(surface.size()), position++});
    }
}

Tokenizer::Tokenizer() : impl_(std::make_unique<Impl>()) {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::BreakIterator> words(
        icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
    if (U_SUCCESS(status)) {
        impl_->words = std::move(words);
    }
}

Tokenizer::~Tokenizer() = default;
Tokenizer::Tokenizer(Tokenizer&&) noexcept = default;
Tokenizer& Tokenizer::operator=(Tokenizer&&) noexcept = default;

bool Tokenizer::prepare(std::string_view& utf8_text) const {
    if (!impl_ || !impl_->words) return false;
    utf8_text = clamp_text(utf8_text);
    return !utf8_text.empty();
}

namespace {

// Calls ascii(from, to) for each pure-ASCII run of text and icu(from, to) for each stretch of
// consecutive non-ASCII runs (one setText() for a French sentence), in text order.
template <typename Ascii, typename Icu>
void for_each_stretch(std::string_view text, Ascii&& ascii, Icu&& icu) {
    const std::size_t n = text.size();
    Run run = next_run(text, 0);
    while (run.start < n) {
        if (run.ascii) {
            ascii(run.start, run.end);
            run = next_run(text, run.end);
            continue;
        }
        const std::size_t icu_start = run.start;
        std::size_t icu_end = run.end;
        for (run = next_run(text, run.end); run.start < n && !run.ascii; run = next_run(text, run.end)) {
            icu_end = run.end;
        }
        icu(icu_start, icu_end);
    }
}

}  // namespace

TokenStream Tokenizer::tokenize(std::string_view utf8_text) {
    TokenStream tokens;
    if (!prepare(utf8_text)) return tokens;
    // English text averages about six bytes per word and separator.
    tokens.reserve(utf8_text.size() / 6 + 1);
    std::uint32_t position = 0;
    for_each_stretch(
        utf8_text,
        [&](std::size_t from, std::size_t to) { Impl::ascii_tokens(utf8_text, from, to, tokens, position); },
        [&](std::size_t from, std::size_t to) { impl_->icu_tokens(utf8_text, from, to, tokens, position); });
    return tokens;
}

TokenSpans Tokenizer::spans(std::string_view utf8_text) {
    TokenSpans spans;
    if (!prepare(utf8_text)) return spans;
    spans.reserve(utf8_text.size() / 6 + 1);
    std::uint32_t position = 0;
    TokenStream icu;
    for_each_stretch(
        utf8_text,
        [&](std::size_t from, std::size_t to) { Impl::ascii_spans(utf8_text, from, to, spans, position); },
        [&](std::size_t from, std::size_t to) {
            icu.clear();
            impl_->icu_tokens(utf8_text, from, to, icu, position);
            for (const Token& t : icu) spans.push_back({t.start, t.end, t.position});
        });
    return spans;
}

TokenStream Tokenizer::tokenize_with_icu_only(std::string_view utf8_text) {
    TokenStream tokens;
    if (!prepare(utf8_text)) return tokens;
    std::uint32_t position = 0;
    impl_->icu_tokens(utf8_text, 0, utf8_text.size(), tokens, position);
    return tokens;
}

}  // namespace consulta
