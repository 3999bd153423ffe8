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
          stem(stem_language),
          builder(db, *gazetteer, stem_language, tokenizer),
          expander(builder.stemmer()),
          facet_lists(*gazetteer) {
        builder.set_wildcard_limits(settings.searchd.max_wildcards,
                                    settings.searchd.max_wildcard_expansion);
    }

    std::filesystem::path dir;
    Xapian::Database db;
    std::shared_ptr<const Gazetteer> gazetteer;
    Settings settings;
    std::string stem;  // the stemmer language, for rebuild()
    std::unique_ptr<ShardSet> shards;  // the parts db combines
    Tokenizer tokenizer;
    QueryBuilder builder;  // refers to db, gazetteer and tokenizer: declared after them
    StemExpander expander;  // refers to builder's stemmer; kept for the searcher's life
    FacetLists facet_lists;  // refers to gazetteer; the facet values decoded so far

    std::uint64_t current_generation() const;
    /// No remote part: facets may be counted through a FacetTable.
    bool local_index() const;
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
        } catch (const Xapian::NetworkError& e) {  // a remote shard (with_shards() says which)
            return Status{ErrorCode::kShardUnavailable, std::string(what) + ": " + e.get_description()};
        } catch (const Xapian::Error& e) {
            return Status{ErrorCode::kIndex, std::string(what) + ": " + e.get_description()};
        } catch (const nlohmann::json::exception& e) {
            return Status{ErrorCode::kIndex, std::string(what) + ": bad document data: " + e.what()};
        } catch (const std::exception& e) {
            return Status{ErrorCode::kInternal, std::string(what) + ": " + e.what()};
        }
    }
}

inline const Status& status_of(const Status& s) { return s; }
template <typename T>
const Status& status_of(const Result<T>& r) {
    return r.status();
}

/// The 503 of a call that needs shards that are missing.
inline Status shards_missing(std::string_view what, const ShardSet& shards) {
    std::string names;
    for (const std::string& name : shards.missing()) names += (names.empty() ? "" : ", ") + name;
    if (!shards.head_up()) return {ErrorCode::kIndex, std::string(what) + ": the index head cannot be read"};
    return {ErrorCode::kShardUnavailable,
            std::string(what) + ": shard " + names + " did not answer (partial=1 answers without it)"};
}

template <typename F>
auto Searcher::with_shards(std::string_view what, F&& call, const std::function<bool()>& may_retry)
    -> decltype(call()) {
    ShardSet& shards = *impl_->shards;
    if (!shards.sharded()) return guarded(impl_->db, what, call, may_retry);
    if (shards.retry_due()) rebuild();
    if (!shards.head_up() || (!shards.missing().empty() && !accept_partial_)) {
        return shards_missing(what, shards);
    }
    auto result = guarded(impl_->db, what, call, may_retry);
    if (status_of(result).code() != ErrorCode::kShardUnavailable) return result;
    // A remote shard stopped answering: which one? Those that fail a round trip go.
    if (!shards.probe()) return result;
    rebuild();
    if (!shards.head_up() || !accept_partial_ || (may_retry && !may_retry())) {
        return shards_missing(what, shards);
    }
    return guarded(impl_->db, what, call, may_retry);
}

}  // namespace consulta
