#pragma once
// The correctness half of the benchmark: Consulta's answer to a query must find exactly the
// documents the plain Enquire finds. Totals equal; the sets of ALL matching ids equal; the
// first page equal as a set, except where the page boundary cuts through tied scores.
#include <string>

#include "bench/sotu/plain_search.h"
#include "bench/sotu/query_set.h"
#include "core/search/searcher.h"

namespace consulta::bench {

struct CheckResult {
    bool ok = false;
    std::string message;  ///< "ok: N matches" or what differs
};

/// `page` answers the default request (10 hits); `all` is a Searcher without snippets that is
/// asked for every hit at once.
CheckResult check_query(const BenchQuery& query, Searcher& page, Searcher& all, PlainSearch& plain);

}  // namespace consulta::bench
