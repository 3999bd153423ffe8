#pragma once
#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "core/common/status.h"
#include "core/config/settings.h"
#include "core/entities/gazetteer.h"
#include "core/search/search_types.h"
#include "core/search/shard_set.h"

namespace consulta {

/// The search service over one Consulta index: queries, facets, documents, mentions, entities
/// and statistics. Not thread-safe (Xapian database handles are not): one Searcher per worker
/// thread, all sharing one immutable Gazetteer. Each call first picks up a newer commit of
/// the index if there is one, and retries once on Xapian's DatabaseModifiedError.
class Searcher {
public:
    /// Opens the index read-only: a database folder, a stub directory (`consulta-indexer
    /// --shards`) or a stub file whose lines may name remote shards (shard_set.h). kIndex when
    /// it is missing or not a Consulta index; a shard that cannot be reached is only missing.
    static Result<Searcher> open(const std::filesystem::path& index_dir,
                                 std::shared_ptr<const Gazetteer> gazetteer,
                                 const Settings& settings);

    Searcher(Searcher&&) noexcept;
    Searcher& operator=(Searcher&&) noexcept;
    ~Searcher();

    /// kBadQuery for a syntax error (message says where), kBadParameter for a bad filter value.
    Result<SearchResponse> search(const SearchRequest& request);

    /// Every hit of the request (offset, limit and facets ignored), in its sort order, with the
    /// mentions of each entity; stops when `hit` returns false. Reads the matches in pages, so
    /// memory does not grow with the number of hits.
    Status export_hits(const SearchRequest& request,
                       const std::function<bool(const ExportHit&)>& hit);

    /// The values of one facet for a query, optionally searched by prefix.
    Result<FacetValuesResponse> facet_values(const FacetValuesRequest& request);

    /// One document; kNotFound for an unknown id (ids are matched exactly).
    Result<DocumentView> document(const std::string& id, bool with_text);

    /// Calls `row` for each mention matching the request, in document then offset order,
    /// within offset/limit; stops early when `row` returns false. `total` gets the number of
    /// matching rows (all of them, not just the page).
    Status mentions(const MentionsRequest& request,
                    const std::function<bool(const MentionRow&)>& row, std::size_t* total);

    /// Two facets of the documents matching q, the filters and member_of against each other,
    /// in documents or mentions, with totals (api.md, /v1/crosstab).
    Result<CrosstabResponse> crosstab(const CrosstabRequest& request);

    /// Keyword-in-context lines for every match of q (a word, a phrase, word* wildcards) in
    /// the matching documents, sorted as asked, within offset/limit; `total` gets every line.
    Status concordance(const ConcordanceRequest& request,
                       const std::function<bool(const ConcordanceRow&)>& row, std::size_t* total);

    /// One entity (state, mechanism or organisation); kNotFound when unknown.
    Result<EntityView> entity(EntityType type, const std::string& id);

    Result<IndexStats> stats();

    /// The generation of the index as this searcher currently sees it.
    std::uint64_t generation();

    /// Over a sharded index: whether the following calls may answer from the shards that
    /// answered (partial=1) instead of failing with kShardUnavailable naming the missing ones.
    void accept_partial(bool yes) { accept_partial_ = yes; }
    bool partial_accepted() const { return accept_partial_; }
    /// Shard count (0: not sharded) and the shards the last call went without.
    ShardReport shard_report() const;
    /// Every shard's state, after reconnecting those due for a retry (for /healthz).
    std::vector<ShardHealth> shard_health();

private:
    struct Impl;
    explicit Searcher(std::unique_ptr<Impl> impl);
    /// Runs `call` through guarded() over the shards that are up; after a network error,
    /// finds the shards that stopped answering and answers without them or refuses.
    template <typename F>
    auto with_shards(std::string_view what, F&& call, const std::function<bool()>& may_retry = {})
        -> decltype(call());
    /// A new Impl over the shards now up (the query parser and caches hold the database).
    void rebuild();
    std::unique_ptr<Impl> impl_;
    bool accept_partial_ = false;
};

}  // namespace consulta
