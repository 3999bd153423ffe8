#pragma once
// The QueryParser of one searcher: Xapian's syntax plus Consulta's prefixes, resolved through
// the gazetteer, with the query's words folded exactly as the indexer folds text.
#include <optional>
#include <string>
#include <string_view>

#include <xapian.h>

#include "core/common/status.h"
#include "core/entities/entity_tagger.h"
#include "core/entities/gazetteer.h"
#include "core/search/filter_terms.h"
#include "core/search/query_substitution.h"
#include "core/search/query_text.h"
#include "core/text/tokenizer.h"

namespace consulta {

struct ParsedQuery {
    Xapian::Query query;
    std::vector<ResolvedName> resolved;    ///< names of q OR-ed with their entity (resolve_names)
    std::vector<AmbiguousName> ambiguous;  ///< names of q kept as words only
};

/// How parse() reads q.
struct QueryOptions {
    bool lenient = false;           ///< a syntax error falls back to the words instead of kBadQuery
    bool include_demonyms = true;   ///< state entity terms count demonym mentions
    bool resolve_names = false;     ///< a name of q also matches its entity's mentions (query_names.h)
};

/// A spelling suggestion is looked up only for a query that matched at most this many
/// documents: the look-up costs more than a match, and a query that finds documents needs none.
inline constexpr std::size_t kSuggestAtMostMatches = 2;

/// Builds Xapian queries from the `q` parameter. Holds references to the database, the
/// gazetteer and the tokenizer, which must outlive it; it cannot be moved (the QueryParser's
/// field processors point back into it). Not thread-safe.
class QueryBuilder {
public:
    QueryBuilder(const Xapian::Database& db, const Gazetteer& gazetteer,
                 const std::string& stem_language, Tokenizer& tokenizer);
    QueryBuilder(const QueryBuilder&) = delete;
    QueryBuilder& operator=(const QueryBuilder&) = delete;

    /// Parses `q`: blank matches everything; kBadQuery with an offset for a syntax error
    /// (unless `lenient`), for an unknown entity in a prefix, or when over the caps.
    Result<ParsedQuery> parse(std::string_view q, bool lenient, bool include_demonyms);

    /// As above, with the names of q resolved when options.resolve_names: each becomes
    /// (the name as written OR its entity's terms), a name of several words as a phrase.
    /// Names are not resolved in a query that only a lenient reading can parse.
    Result<ParsedQuery> parse(std::string_view q, const QueryOptions& options);

    /// `q` with each word the index does not know (neither the word nor its stem is a term)
    /// replaced by Xapian's spelling suggestion; empty when no word is replaced. Known words
    /// are never corrected, however rare: "Nepal" in one document stays "Nepal".
    std::string suggest(std::string_view q);

    const FilterResolver& resolver() const { return resolver_; }
    const Xapian::Stem& stemmer() const { return stemmer_; }

    /// At most `max_wildcards` wildcards in a query (more is kBadQuery, "query too complex"),
    /// each expanded to at most its `max_expansion` most frequent terms.
    void set_wildcard_limits(std::size_t max_wildcards, std::size_t max_expansion);

    /// The query a prefix value stands for; called by the field processors. An unknown value
    /// gives MatchNothing and is remembered, so parse() can answer kBadQuery naming it.
    Xapian::Query prefix_query(FacetType type, const std::string& value);

    /// The query of a member_of:VALUE prefix (documents mentioning any member state).
    Xapian::Query member_of_query(const std::string& value);

private:
    Xapian::Query parse_with(const std::string& text, unsigned flags);
    /// Normalises, shields split words, parses and swaps the placeholders back.
    Xapian::Query parse_text(const std::string& text, unsigned flags, TermSubstitutions subs);
    /// q with each resolved name written "(name OR xcqe<N>)"; fills `subs` and `parsed`.
    std::string with_names(std::string_view q, TermSubstitutions& subs, ParsedQuery& parsed);

    const Gazetteer& gazetteer_;
    EntityTagger tagger_;
    FilterResolver resolver_;
    Xapian::Stem stemmer_;
    Xapian::QueryParser parser_;
    const Xapian::Database& db_;
    Tokenizer& tokenizer_;
    QueryCaps caps_;
    std::optional<std::string> prefix_error_;
    bool include_demonyms_ = true;
};

}  // namespace consulta
