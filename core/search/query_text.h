#pragma once
// Work on the query string before Xapian's QueryParser sees it: syntax checks that can say
// where the mistake is (Xapian's messages carry no offsets), complexity caps, and the folding
// of words into exactly the terms the indexer made from the same text.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/text/tokenizer.h"

namespace consulta {

/// Query prefixes whose values are filter values (ids, names, years), not words.
inline constexpr std::string_view kBooleanQueryPrefixes[] = {
    "state", "mechanism", "organisation", "organization", "year", "kind", "published"};

/// Prefixes whose values are words ("title:migration").
inline constexpr std::string_view kTextQueryPrefixes[] = {"title"};

/// Caps that keep one query from eating the matcher (reliability.md §3.2).
struct QueryCaps {
    std::size_t max_terms = 1000;
    std::size_t max_depth = 64;
    /// Each wildcard is an OR of up to the expansion limit's terms: 680 x "a*" ran 50 s.
    std::size_t max_wildcards = 8;
};

/// What is wrong with a query string, if anything.
struct QueryProblem {
    bool too_complex = false;  ///< over a cap rather than malformed
    std::string message;       ///< "syntax error: 'AND' at offset 4 needs a term after it"
};

/// Checks the common mistakes Xapian would reject (or silently misread) with byte offsets:
/// dangling or doubled AND/OR/XOR/NEAR/ADJ/NOT, unbalanced parentheses, an unterminated quote,
/// an empty prefix value ("state:"); and the complexity caps.
std::optional<QueryProblem> check_query(std::string_view q, const QueryCaps& caps,
                                        Tokenizer& tokenizer);

/// The query with every word replaced by its normalised form (as Tokenizer makes index terms:
/// case and diacritics folded, possessive "'s" cut), leaving operators, quotes, parentheses,
/// prefixes and boolean prefix values as they are.
std::string normalise_query_text(std::string_view q, Tokenizer& tokenizer);

/// The words of the query (offsets into `q`), without operators and boolean prefix values.
std::vector<Token> query_words(std::string_view q, Tokenizer& tokenizer);

/// One operand of the query as Xapian's parser will see it: a word, a "phrase" or a prefixed
/// value, with what surrounds it. Byte offsets into `q`; a quoted operand includes its quotes.
struct QueryOperand {
    std::size_t start = 0, end = 0;
    bool quoted = false;            ///< a "phrase"
    bool prefixed = false;          ///< state:za, title:migration, title:"a b"
    bool love_hate = false;         ///< written +word or -word
    bool beside_proximity = false;  ///< an operand of NEAR or ADJ
};

/// The operands of the query, in order (operators and parentheses left out).
std::vector<QueryOperand> query_operands(std::string_view q);

/// Placeholder words for the words Xapian's parser would split but the tokenizer keeps whole
/// ("u.s", "e.g", "a:b"): the query with each such word of `normalised` (a result of
/// normalise_query_text) replaced by "xcqw<N>", N indexing `words`, which gets the real words.
/// Prefixed values and wildcard words ("u.s*") are left alone.
std::string protect_split_words(std::string_view normalised, Tokenizer& tokenizer,
                                std::vector<std::string>* words);

/// The query with operators, parentheses and unbalanced quotes blanked out: what a lenient
/// search parses when the query as written cannot be.
std::string strip_query_syntax(std::string_view q);

}  // namespace consulta
