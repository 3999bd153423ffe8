#pragma once
// The query set of issue 8, in the two forms the benchmark runs it: as Consulta's
// SearchRequest and as what a plain Xapian QueryParser gets (text, plus one boolean filter
// term of Consulta's schema for a filter, since plain Xapian has no gazetteer).
#include <string>
#include <vector>

#include "core/search/search_types.h"

namespace consulta::bench {

struct BenchQuery {
    std::string label;        ///< how tables name it: the q text, or "state=US"
    std::string url_query;    ///< the same as /v1/search parameters, percent-encoded
    SearchRequest request;    ///< Consulta's default answer: every facet, 10 hits, snippets
    std::string plain_q;      ///< QueryParser text; empty matches every document
    std::string plain_filter; ///< a boolean term to OP_FILTER by, or empty
};

/// war, trade AND tariff, "foreign relations", tax OR ... OR debt, congress NOT senate, state=US.
std::vector<BenchQuery> query_set();

}  // namespace consulta::bench
