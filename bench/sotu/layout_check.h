#pragma once
// The correctness half of the shard benchmark: over shards (local or remote), Consulta must
// answer a query as over one database holding every document. Four comparisons, each kept:
// the totals; the sets of ALL matching ids; the first page hit by hit, score by score (documents
// of equal score may come in another order); every facet's values and counts.
#include <string>

#include "bench/sotu/query_set.h"
#include "core/search/searcher.h"

namespace consulta::bench {

/// The two Searchers of one index layout: `page` answers the default request (10 hits with
/// snippets); `all` has no snippets and is asked for every hit at once.
struct LayoutSearchers {
    Searcher& page;
    Searcher& all;
};

struct LayoutCheck {
    bool refused = false;  ///< a Searcher refused the query: nothing was compared
    bool total = false, ids = false, page = false, facets = false;
    std::string message;   ///< "ok: ..." or every difference found
    bool ok() const { return !refused && total && ids && page && facets; }
};

/// Compares the answers of `layout` with those of `reference` (one database). `every` is
/// the number of documents (the limit that gets all hits).
LayoutCheck same_answers(const BenchQuery& query, LayoutSearchers reference, LayoutSearchers layout,
                         std::size_t every);

}  // namespace consulta::bench
