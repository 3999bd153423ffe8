#pragma once
// Private to the search module: the state of one Searcher and the guard every call runs in.
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>

#include <nlohmann/json.hpp>
#include <xapian.h>

#include "core/config/settings.h"
#include "core/search/facet_counter.h"
#include "core/search/query_builder.h"
#include "core/search/stem_expander.h"
#include "core/search/searcher.h"
#include "core/text/tokenizer.h"

namespace consulta {

struct Searcher::Impl {
    Impl(std::filesystem::path index_dir, Xapian::Database database,
         std::shared_ptr<const Gazetteer> gaz, Settings config, const std::string& stem_language)
        : dir(std::move(index_dir)),
          db(std::move(database)),
          gazetteer(std::move(gaz)),
          settings(std::move(config)),
          builder(db, *gazetteer, stem_language, tokenizer),
          expander(builder.stemmer()) {
        builder.set_wildcard_limits(settings.searchd.max_wildcards,
                                    settings.searchd.max_wildcard_expansion);
    }

    std::filesystem::path dir;
    Xapian::Database db;
    std::shared_ptr<const Gazetteer> gazetteer;
    Settings settings;
    Tokenizer tokenizer;
    QueryBuilder builder;  // refers to db, gazetteer and tokenizer: declared after them
    StemExpander expander;  // refers to builder's stemmer; kept for the searcher's life

    std::uint64_t current_generation() const;
    /// q AND the filters (optionally without one facet's), or the Status of a bad value.
    Result<Xapian::Query> filtered_query(const Xapian::Query& q, const Filters& filters,
                                         bool include_demonyms,
                                         std::optional<FacetType> except = std::nullopt) const;
    /// Fills response.hits from one page of matches: fields, entities and snippets.
    Status add_hits(const Xapian::MSet& mset, const Xapian::Query& query,
                    const SearchRequest& request, std::uint64_t generation,
                    SearchResponse& response);
    /// Fills response.facets and facet_filters: from `main` (counted with the main match) or,
    /// for a facet with an active filter, from a pass without that filter.
    Status add_facets(const Xapian::Query& parsed, const SearchRequest& request,
                      const FacetCounter& main, SearchResponse& response);
    /// q filtered to documents mentioning a member state of the member_of mechanisms.
    Result<Xapian::Query> with_member_of(const Xapian::Query& q,
                                         const std::vector<std::string>& member_of,
                                         bool include_demonyms) const;
    /// The ids the entity filters and member_of name, per entity type (the rows they keep).
    Result<std::map<EntityType, std::set<std::string>>> named_ids(
        const Filters& filters, const std::vector<std::string>& member_of) const;
    /// Every document matching `query`, in document id order (for mentions).
    Xapian::MSet all_matches_by_id(const Xapian::Query& query);
};

/// Runs one service call against the newest commit: reopen() first, retry once after
/// DatabaseModifiedError, and turn every exception into a Status (none leaves the module).
/// `may_retry` lets a streaming call refuse a retry once it has emitted output.
template <typename F>
auto guarded(Xapian::Database& db, std::string_view what, F&& call,
             const std::function<bool()>& may_retry = {}) -> decltype(call()) {
    for (int attempt = 0;; ++attempt) {
        try {
            db.reopen();
            return call();
        } catch (const Xapian::DatabaseModifiedError& e) {
            if (attempt == 0 && (!may_retry || may_retry())) continue;
            return Status{ErrorCode::kIndex, std::string(what) + ": the index changed during the "
                                                                 "request, try again (" +
                                                 e.get_msg() + ")"};
        } catch (const Xapian::Error& e) {
            return Status{ErrorCode::kIndex, std::string(what) + ": " + e.get_description()};
        } catch (const nlohmann::json::exception& e) {
            return Status{ErrorCode::kIndex, std::string(what) + ": bad document data: " + e.what()};
        } catch (const std::exception& e) {
            return Status{ErrorCode::kInternal, std::string(what) + ": " + e.what()};
        }
    }
}

}  // namespace consulta
