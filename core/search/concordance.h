#pragma once
// Concordance (keyword in context) for any word, phrase or wildcard: the pattern q stands for,
// the index terms of each of its words, and the order of the lines.
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "core/common/status.h"
#include "core/search/search_types.h"
#include "core/text/tokenizer.h"

namespace consulta {

/// One word of the pattern: the folded word as the indexer folds it, or a prefix (word*).
struct PatternWord {
    std::string norm;
    bool wildcard = false;
};

/// At most this many index terms stand for one wildcard word (a larger expansion is a 400).
inline constexpr std::size_t kMaxConcordanceExpansion = 1000;

/// q as words in a row: quotes are dropped, "*" at the end of a word makes it a prefix;
/// kBadQuery for an empty pattern or query syntax (":", "(", ")", a "*" inside a word).
Result<std::vector<PatternWord>> parse_pattern(std::string_view q, Tokenizer& tokenizer);

/// The body terms each pattern word matches in `db` (a wildcard expanded through the index).
Result<std::vector<std::vector<std::string>>> pattern_terms(const std::vector<PatternWord>& words,
                                                            const Xapian::Database& db);

/// The documents holding the words in a row: a phrase of the words' term ORs.
Xapian::Query pattern_query(const std::vector<std::vector<std::string>>& terms);

/// Parses "L1".."L3", "R1".."R3" (any case) or "doc"; nullopt otherwise.
std::optional<ConcordanceSort> parse_concordance_sort(std::string_view name);

/// Sorts lines: by the chosen word (folded; a missing word first), then document and offset.
void sort_lines(std::vector<ConcordanceRow>& lines, ConcordanceSort sort);

}  // namespace consulta
