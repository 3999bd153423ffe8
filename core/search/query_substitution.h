#pragma once
// Replacing terms inside a parsed Xapian query. Xapian's QueryParser splits "u.s" into a
// phrase of "u" and "s" and cannot OR a weighted entity term into the text; Consulta hands it
// placeholder words instead and swaps the placeholders' terms for the real queries afterwards.
#include <map>
#include <string>

#include <xapian.h>

namespace consulta {

/// Term -> the query that takes its place.
using TermSubstitutions = std::map<std::string, Xapian::Query>;

/// `query` with every term leaf listed in `substitutions` replaced. Only the branches that
/// hold such a term are rebuilt (with their operator, window or weight factor); the rest is
/// shared with `query`. A branch whose operator cannot be rebuilt is kept as it was.
Xapian::Query substitute_terms(const Xapian::Query& query, const TermSubstitutions& substitutions);

}  // namespace consulta
