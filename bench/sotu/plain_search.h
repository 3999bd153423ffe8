#pragma once
// The ceiling for search: Xapian's own QueryParser and Enquire on a Consulta index, with
// exact counts (check_at_least = doccount) and nothing else: no facets, no snippets, no
// document data. The parser is set up as core/search/query_builder.cpp sets up Consulta's
// (stemmer, STEM_SOME, AND, the same flags but spelling, the title and filter prefixes), so
// that any difference in hits is Consulta's, not the configuration's.
#include <string>
#include <utility>
#include <vector>

#include <xapian.h>

namespace consulta::bench {

struct PlainHit {
    Xapian::docid docid = 0;
    double weight = 0;
};

struct PlainAnswer {
    Xapian::doccount total = 0;  ///< exact
    std::vector<PlainHit> hits;
};

/// Not thread-safe (a Xapian::Database is not): one per thread.
class PlainSearch {
public:
    PlainSearch(const std::string& index_dir, const std::string& stem_language);

    /// The first `limit` hits by relevance and the exact total. Throws Xapian errors.
    PlainAnswer search(const std::string& q, const std::string& filter_term,
                       Xapian::doccount limit);

    /// The document id (the Q term without its prefix) of a match.
    std::string document_id(Xapian::docid docid) const;

    Xapian::doccount doccount() const { return db_.get_doccount(); }

private:
    Xapian::Database db_;
    Xapian::Stem stemmer_;
    Xapian::QueryParser parser_;
};

}  // namespace consulta::bench
