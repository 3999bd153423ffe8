#include "bench/sotu/plain_search.h"

#include "core/index/schema.h"

namespace consulta::bench {

namespace {

// Consulta's flags (query_builder.cpp) without FLAG_SPELLING_CORRECTION: it only proposes a
// suggestion and never changes the query, so the ceiling leaves that work out.
constexpr unsigned kFlags = Xapian::QueryParser::FLAG_PHRASE | Xapian::QueryParser::FLAG_BOOLEAN |
                            Xapian::QueryParser::FLAG_LOVEHATE |
                            Xapian::QueryParser::FLAG_PURE_NOT |
                            Xapian::QueryParser::FLAG_WILDCARD;

// QueryParser's own boolean prefixes write "XS:US" for an upper-case value; Consulta indexes
// "XSUS", so the value is appended to the prefix as it is.
class TermField : public Xapian::FieldProcessor {
public:
    explicit TermField(std::string prefix) : prefix_(std::move(prefix)) {}
    Xapian::Query operator()(const std::string& value) override {
        return Xapian::Query(prefix_ + value);
    }

private:
    std::string prefix_;
};

}  // namespace

PlainSearch::PlainSearch(const std::string& index_dir, const std::string& stem_language)
    : db_(index_dir), stemmer_(stem_language) {
    parser_.set_database(db_);
    parser_.set_stemmer(stemmer_);
    parser_.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    parser_.set_default_op(Xapian::Query::OP_AND);
    parser_.add_prefix("title", std::string(schema::kPrefixTitle));
    const std::pair<const char*, std::string_view> prefixes[] = {
        {"state", schema::kPrefixState}, {"mechanism", schema::kPrefixMechanism},
        {"organisation", schema::kPrefixOrganisation}, {"year", schema::kPrefixYear},
        {"published", schema::kPrefixPublished}};
    for (const auto& [name, prefix] : prefixes) {
        parser_.add_boolean_prefix(name, (new TermField(std::string(prefix)))->release());
    }
}

PlainAnswer PlainSearch::search(const std::string& q, const std::string& filter_term,
                                Xapian::doccount limit) {
    // Not Xapian::Query::MatchAll: that is one static object, and copying it bumps a reference
    // count that is not atomic, so worker threads doing so at once corrupt it (a crash under
    // wrk on state=US). The empty term is the same query, built afresh on this thread.
    Xapian::Query query = q.empty() ? Xapian::Query(std::string()) : parser_.parse_query(q, kFlags);
    if (!filter_term.empty()) {
        query = Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query(filter_term));
    }
    Xapian::Enquire enquire(db_);
    enquire.set_query(query);
    const Xapian::MSet mset = enquire.get_mset(0, limit, db_.get_doccount());
    PlainAnswer answer;
    answer.total = mset.get_matches_estimated();
    answer.hits.reserve(mset.size());
    for (auto it = mset.begin(); it != mset.end(); ++it) {
        answer.hits.push_back({*it, it.get_weight()});
    }
    return answer;
}

std::string PlainSearch::document_id(Xapian::docid docid) const {
    const std::string_view prefix = schema::kPrefixId;
    auto it = db_.termlist_begin(docid);
    it.skip_to(std::string(prefix));
    if (it == db_.termlist_end(docid)) return {};
    const std::string term = *it;
    return term.compare(0, prefix.size(), prefix) == 0 ? term.substr(prefix.size()) : std::string();
}

}  // namespace consulta::bench
