#include "core/search/searcher.h"

#include <chrono>
#include <optional>

#include "core/index/document_record.h"
#include "core/index/record_store.h"
#include "core/index/schema.h"
#include "core/search/facet_counter.h"
#include "core/search/query_budget.h"
#include "core/search/searcher_impl.h"
#include "core/search/snippets.h"
#include "core/text/normalizer.h"

namespace consulta {
namespace fs = std::filesystem;

namespace {

std::uint64_t parse_generation(const std::string& text) {
    try {
        return text.empty() ? 0 : std::stoull(text);
    } catch (const std::exception&) {
        return 0;
    }
}

std::vector<std::string> split_ids(std::string_view value) {
    std::vector<std::string> ids;
    while (!value.empty()) {
        const std::size_t newline = value.find('\n');
        if (newline != 0) ids.emplace_back(value.substr(0, newline));
        if (newline == std::string_view::npos) break;
        value.remove_prefix(newline + 1);
    }
    return ids;
}

bool has_filter(const Filters& filters, FacetType type) {
    auto it = filters.find(type);
    return it != filters.end() && !it->second.empty();
}

void set_sort(Xapian::Enquire& enquire, SortOrder sort) {
    switch (sort) {
        case SortOrder::kRelevance:
            // Equal scores in document-id order, not Xapian docid order: docids differ
            // between one database and shards (and a blank q scores every match alike).
            enquire.set_sort_by_relevance_then_value(schema::kSlotDocId, false);
            break;
        case SortOrder::kYearAscending:
            enquire.set_sort_by_value_then_relevance(schema::kSlotPublished, false);
            break;
        case SortOrder::kYearDescending:
            enquire.set_sort_by_value_then_relevance(schema::kSlotPublished, true);
            break;
        case SortOrder::kTitle:
            enquire.set_sort_by_value_then_relevance(schema::kSlotTitleKey, false);
            break;
    }
}

// Counts facets over every match of `query` (no hits, no ranking: BoolWeight).
void count_facets(Xapian::Database& db, const Xapian::Query& query, FacetCounter& counter,
                  bool remote_parts) {
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.set_docid_order(Xapian::Enquire::DONT_CARE);
    counter.attach(enquire);
    QueryBudget::attach(enquire, remote_parts);
    enquire.get_mset(0, 0, db.get_doccount());
}

SearchHit make_hit(const Xapian::MSetIterator& item, const Xapian::Document& doc,
                   const DocumentMeta& meta, bool include_demonyms) {
    SearchHit hit;
    hit.id = meta.id;
    hit.title = meta.title;
    hit.kind = meta.kind;
    hit.publisher = meta.publisher;
    hit.published = meta.published;
    hit.score = item.get_weight();
    hit.rank = item.get_rank() + 1;
    // One value read, not one per entity type: the facet slot's first sections are the id
    // lists of the entity types, in their order (schema.h).
    const std::string facets =
        doc.get_value(include_demonyms ? schema::kSlotFacets : schema::kSlotFacetsNamed);
    std::string_view rest(facets);
    for (EntityType type : kAllEntityTypes) {
        const auto sep = rest.find(schema::kFacetSectionSeparator);
        hit.entities[type] = split_ids(rest.substr(0, sep));
        rest = sep == std::string_view::npos ? std::string_view() : rest.substr(sep + 1);
    }
    return hit;
}

}  // namespace

std::uint64_t Searcher::Impl::current_generation() const {
    return parse_generation(db.get_metadata(std::string(schema::kMetaGeneration)));
}

Result<Xapian::Query> Searcher::Impl::filtered_query(const Xapian::Query& q,
                                                     const Filters& filters,
                                                     bool include_demonyms,
                                                     std::optional<FacetType> except) const {
    auto filter = builder.resolver().filters_query(filters, include_demonyms, except);
    if (!filter) return filter.status();
    if (filter->get_type() == Xapian::Query::LEAF_MATCH_ALL) return q;
    return Xapian::Query(Xapian::Query::OP_FILTER, q, *filter);
}

bool Searcher::Impl::local_index() const { return !(shards && shards->has_remote()); }

Result<Searcher> Searcher::open(const fs::path& index_dir,
                                std::shared_ptr<const Gazetteer> gazetteer,
                                const Settings& settings) {
    std::error_code ec;
    if (!fs::exists(index_dir, ec)) {
        return Status{ErrorCode::kIndex, "no index at " + index_dir.string()};
    }
    if (!gazetteer) return Status{ErrorCode::kInternal, "Searcher::open needs a gazetteer"};
    try {
        auto shards = ShardSet::open(index_dir, settings.searchd);
        if (!shards) return shards.status();
        Xapian::Database db = shards->combined();
        // Metadata comes from the first part: the database itself, or a sharded index's aux.
        const std::string version = db.get_metadata(std::string(schema::kMetaSchema));
        if (version != std::to_string(schema::kSchemaVersion)) {
            return Status{ErrorCode::kIndex,
                          index_dir.string() + " is not a Consulta index" +
                              (version.empty() ? std::string()
                                               : " of schema " +
                                                     std::to_string(schema::kSchemaVersion) +
                                                     " (it has schema " + version + ")")};
        }
        std::string stem_language = db.get_metadata(std::string(schema::kMetaStemLanguage));
        if (stem_language.empty()) stem_language = settings.indexer.stem_language;
        auto impl = std::make_unique<Impl>(index_dir, std::move(db), std::move(gazetteer), settings,
                                           stem_language);
        impl->shards = std::make_unique<ShardSet>(std::move(shards).value());
        return Searcher(std::move(impl));
    } catch (const Xapian::DatabaseOpeningError& e) {
        return Status{ErrorCode::kIndex, "no index at " + index_dir.string() + ": " + e.get_msg()};
    } catch (const Xapian::Error& e) {
        return Status{ErrorCode::kIndex,
                      "cannot open index " + index_dir.string() + ": " + e.get_description()};
    } catch (const std::exception& e) {
        return Status{ErrorCode::kInternal, "cannot open index: " + std::string(e.what())};
    }
}

void Searcher::rebuild() {
    auto fresh = std::make_unique<Impl>(impl_->dir, impl_->shards->combined(), impl_->gazetteer,
                                        impl_->settings, impl_->stem);
    fresh->shards = std::move(impl_->shards);
    impl_ = std::move(fresh);
}

ShardReport Searcher::shard_report() const {
    return {impl_->shards->shard_count(), impl_->shards->missing()};
}

std::vector<ShardHealth> Searcher::shard_health() {
    if (impl_->shards->retry_due()) rebuild();
    // A shard that went away since the last request is found by a round trip.
    if (impl_->shards->probe()) rebuild();
    return impl_->shards->health();
}

Searcher::Searcher(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Searcher::Searcher(Searcher&&) noexcept = default;
Searcher& Searcher::operator=(Searcher&&) noexcept = default;
Searcher::~Searcher() = default;

std::uint64_t Searcher::generation() {
    auto result = with_shards("generation",
                          [&]() -> Result<std::uint64_t> { return impl_->current_generation(); });
    return result ? *result : 0;
}

Status Searcher::Impl::add_hits(const Xapian::MSet& mset, const Xapian::Query& query,
                                const SearchRequest& request, std::uint64_t generation,
                                SearchResponse& response) {
    const SnippetOptions options{settings.searchd.snippets_per_hit, settings.searchd.snippet_bytes};
    const bool with_snippets = options.count > 0 && options.bytes > 0 && !mset.empty();
    SnippetPlan plan;
    if (with_snippets) plan = plan_snippets(query, request.include_demonyms, db, expander, generation);
    for (auto item = mset.begin(); item != mset.end(); ++item) {
        // A page of long documents is work too: the time budget is checked per hit, not only
        // after the page (pipelined searches ran to twice their budget building snippets).
        QueryBudget::check();
        // The document data is the small header; the text is read only around the snippets.
        const Xapian::Document doc = item.get_document();
        auto header = parse_header(doc.get_data());
        if (!header) return header.status();
        SearchHit hit = make_hit(item, doc, header->meta, request.include_demonyms);
        if (with_snippets) {
            StoredText text(doc, header->layout, db);
            auto snippets = make_snippets(db, *item, text, header->pages, plan, tokenizer, options);
            if (!snippets) return snippets.status();
            hit.snippets = std::move(*snippets);
        }
        response.hits.push_back(std::move(hit));
    }
    return {};
}

Status Searcher::Impl::add_facets(const Xapian::Query& parsed, const SearchRequest& request,
                                  const FacetCounter& main, SearchResponse& response) {
    for (FacetType type : request.facets) {
        const FacetCounter* source = &main;
        std::optional<FacetCounter> own;  // made only for a facet with a pass of its own
        if (has_filter(request.filters, type)) {
            own.emplace(std::vector<FacetType>{type}, request.include_demonyms, facet_lists, db,
                        local_index());
            // Multi-select: this facet counts over the matches of every filter but its own.
            auto without_own =
                filtered_query(parsed, request.filters, request.include_demonyms, type);
            if (!without_own) return without_own.status();
            // Its own filter alone (a first click on a facet): the whole collection's counts.
            const bool everything = without_own->get_type() == Xapian::Query::LEAF_MATCH_ALL;
            if (!everything || !own->count_all()) {
                count_facets(db, *without_own, *own, shards && shards->has_remote());
            }
            source = &*own;
        }
        response.facets[type] = ranked_facet_values(source->counts(type), {}, request.facet_limit);
        std::vector<FacetType>& applied = response.facet_filters[type];
        for (const auto& [filter, values_of_filter] : request.filters) {
            if (!values_of_filter.empty() && filter != type) applied.push_back(filter);
        }
    }
    return {};
}

Result<SearchResponse> Searcher::search(const SearchRequest& request) {
    const auto started = std::chrono::steady_clock::now();
    return with_shards("search", [&]() -> Result<SearchResponse> {
        Impl& impl = *impl_;
        auto parsed = impl.builder.parse(
            request.q, QueryOptions{request.lenient, request.include_demonyms, request.resolve_names});
        if (!parsed) return parsed.status();
        auto base = impl.with_member_of(parsed->query, request.member_of, request.include_demonyms);
        if (!base) return base.status();
        parsed->query = *base;
        auto query = impl.filtered_query(parsed->query, request.filters, request.include_demonyms);
        if (!query) return query.status();

        SearchResponse response;
        response.request = request;
        response.resolved = std::move(parsed->resolved);
        response.ambiguous = std::move(parsed->ambiguous);
        for (const auto& [type, values] : request.filters) {
            const auto entity_type = entity_type_of(type);
            if (!entity_type || *entity_type == EntityType::kYear) continue;
            for (const std::string& value : values) {
                auto ids = impl.builder.resolver().entity_ids(type, value);
                if (!ids || ids->empty()) continue;  // filtered_query() above accepted it
                const Entity* entity = impl.gazetteer->find(*entity_type, ids->front());
                response.resolved_filters[type].push_back(
                    {value, ids->front(), entity ? entity->name : ids->front()});
            }
        }
        response.generation = impl.current_generation();
        if (request.debug) response.parsed_query = query->get_description();

        // Facets without an active filter ride along with the main match; the others get
        // passes of their own in add_facets().
        // Co-occurrence counts are every facet under all filters: the main match counts them.
        std::vector<FacetType> main_facets;
        for (FacetType type : request.facets) {
            if (request.cooccurrence || !has_filter(request.filters, type)) {
                main_facets.push_back(type);
            }
        }
        impl.facet_lists.begin_answer();  // before any count of this request is taken
        FacetCounter counter(main_facets, request.include_demonyms, impl.facet_lists, impl.db,
                             impl.local_index());
        const bool remote = impl.shards && impl.shards->has_remote();
        // Over remote shards Xapian 1.4's spy on a match sorted by relevance then value (how
        // ties are ordered) counts some documents twice once the page is smaller than the
        // matches: there the facets get an unsorted pass of their own.
        const bool facets_apart = remote && request.limit > 0 && !main_facets.empty();
        Xapian::Enquire enquire(impl.db);
        enquire.set_query(*query);
        set_sort(enquire, request.sort);
        if (!facets_apart) counter.attach(enquire);
        QueryBudget::attach(enquire, remote);
        // check_at_least = doccount: the total and the facet counts are exact, not estimates.
        const Xapian::MSet mset = enquire.get_mset(
            static_cast<Xapian::doccount>(std::min<std::size_t>(request.offset, UINT32_MAX)),
            static_cast<Xapian::doccount>(std::min<std::size_t>(request.limit, UINT32_MAX)),
            impl.db.get_doccount());
        response.total = mset.get_matches_estimated();
        if (facets_apart) count_facets(impl.db, *query, counter, remote);
        if (response.total <= kSuggestAtMostMatches && !request.q.empty()) {
            if (std::string better = impl.builder.suggest(request.q); !better.empty()) {
                response.suggestion = std::move(better);
            }
        }
        if (Status s = impl.add_hits(mset, *query, request, response.generation, response); !s) {
            return s;
        }
        QueryBudget::check();
        if (Status s = impl.add_facets(parsed->query, request, counter, response); !s) return s;
        if (request.cooccurrence) {
            for (FacetType type : request.facets) {
                response.cooccurrence[type] =
                    ranked_facet_values(counter.counts(type), {}, request.facet_limit);
            }
        }
        response.took_ms = std::chrono::duration<double, std::milli>(
                               std::chrono::steady_clock::now() - started)
                               .count();
        return response;
    });
}

}  // namespace consulta
