#pragma once
// Snippets: the passages of a hit that show why it matched, chosen around the query's words
// and the filtered entities' mentions, with byte-exact highlights.
#include <set>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include <xapian.h>

#include "core/index/document_record.h"
#include "core/search/search_types.h"
#include "core/text/token.h"

namespace consulta {

/// What a snippet highlights, taken from the query's terms.
struct HighlightTerms {
    std::unordered_set<std::string> words;  ///< unstemmed terms: a token whose norm is one
    std::unordered_set<std::string> stems;  ///< stems (Z terms without the Z): a token stemming to one
    std::set<std::pair<EntityType, std::string>> entities;  ///< mentions of these entities
    bool include_demonyms = true;           ///< whether a demonym mentions its state
};

/// The highlightable terms of a query (words, stems, title words, entity filter terms).
HighlightTerms highlight_terms(const Xapian::Query& query, bool include_demonyms);

struct SnippetOptions {
    std::size_t count = 3;    ///< passages per hit
    std::size_t bytes = 240;  ///< about this many bytes each
};

/// Chooses up to `count` passages of `record.text` (best first): the windows holding the most
/// distinct matched words, widened to about `bytes` and cut at word boundaries (never inside
/// a UTF-8 sequence). Each snippet's text is exactly text[start, end). Without any match, one
/// passage from the start of the document. `tokens` are the tokens of record.text.
std::vector<Snippet> make_snippets(const DocumentRecord& record, const TokenStream& tokens,
                                   const HighlightTerms& terms, const Xapian::Stem& stemmer,
                                   const SnippetOptions& options);

}  // namespace consulta
