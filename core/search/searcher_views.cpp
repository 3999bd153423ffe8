// Searcher calls that answer about one thing: facet values, a document, an entity, the index.
#include <algorithm>
#include <charconv>
#include <map>

#include "core/index/document_record.h"
#include "core/index/record_store.h"
#include "core/index/schema.h"
#include "core/search/facet_counter.h"
#include "core/search/facet_prefix.h"
#include "core/search/searcher.h"
#include "core/search/searcher_impl.h"
#include "core/text/normalizer.h"

namespace consulta {
namespace fs = std::filesystem;

namespace {

int year_of_value(const std::string& serialised) {
    if (serialised.empty()) return 0;
    return static_cast<int>(Xapian::sortable_unserialise(serialised));
}

std::vector<EntityMentions> group_mentions(const DocumentRecord& record, EntityType type,
                                           const Gazetteer& gazetteer) {
    std::map<std::string, EntityMentions> by_id;
    for (const Mention& m : record.mentions) {
        if (m.type != type) continue;
        EntityMentions& group = by_id[m.entity];
        if (group.id.empty()) {
            group.id = m.entity;
            const Entity* entity = type == EntityType::kYear ? nullptr : gazetteer.find(type, m.entity);
            group.name = entity ? entity->name : m.entity;
        }
        group.mentions.push_back({m.start, m.end, m.surface, m.form, page_of(record, m.start)});
    }
    std::vector<EntityMentions> out;
    for (auto& [id, group] : by_id) out.push_back(std::move(group));
    std::stable_sort(out.begin(), out.end(), [](const EntityMentions& a, const EntityMentions& b) {
        return a.mentions.size() > b.mentions.size();  // ties keep id order (from the map)
    });
    return out;
}

// Four digits and nothing else (from_chars alone would take "-123").
bool valid_year_id(const std::string& id) {
    return id.size() == 4 && std::all_of(id.begin(), id.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::uint64_t folder_bytes(const fs::path& dir) {
    std::uint64_t bytes = 0;
    std::error_code ec;
    for (auto it = fs::recursive_directory_iterator(dir, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        std::error_code size_ec;
        if (it->is_regular_file(size_ec)) {
            const auto size = it->file_size(size_ec);
            if (!size_ec) bytes += size;
        }
    }
    return bytes;
}

}  // namespace

Result<FacetValuesResponse> Searcher::facet_values(const FacetValuesRequest& request) {
    return with_shards("facet values", [&]() -> Result<FacetValuesResponse> {
        Impl& impl = *impl_;
        auto parsed = impl.builder.parse(
            request.q, QueryOptions{false, request.include_demonyms, request.resolve_names});
        if (!parsed) return parsed.status();
        // As in search: the facet's own filter does not narrow its own values (multi-select).
        auto query = impl.filtered_query(parsed->query, request.filters, request.include_demonyms,
                                         request.type);
        if (!query) return query.status();
        impl.facet_lists.begin_answer();  // before any count of this request is taken
        FacetCounter counter({request.type}, request.include_demonyms, impl.facet_lists, impl.db,
                             impl.local_index());
        // No query and no other filter: the whole collection's counts, without a match.
        if (query->get_type() != Xapian::Query::LEAF_MATCH_ALL || !counter.count_all()) {
            Xapian::Enquire enquire(impl.db);
            enquire.set_query(*query);
            enquire.set_weighting_scheme(Xapian::BoolWeight());
            counter.attach(enquire);
            enquire.get_mset(0, 0, impl.db.get_doccount());
        }

        const std::string prefix = normalise_term(request.prefix);
        FacetValuesResponse response;
        response.type = request.type;
        response.generation = impl.current_generation();
        response.values = ranked_facet_values(
            counter.counts(request.type), [&](const FacetValue& v) {
                return matches_facet_prefix(request.type, v, prefix, *impl.gazetteer);
            });
        response.total_values = response.values.size();
        if (request.limit > 0 && response.values.size() > request.limit) {
            response.values.resize(request.limit);
        }
        return response;
    });
}

Result<DocumentView> Searcher::document(const std::string& id, bool with_text) {
    return with_shards("document", [&]() -> Result<DocumentView> {
        Impl& impl = *impl_;
        // The id term is matched exactly: an id is never a path or a pattern.
        const std::string term = schema::id_term(id);
        auto posting = impl.db.postlist_begin(term);
        if (id.empty() || posting == impl.db.postlist_end(term)) {
            return Status{ErrorCode::kNotFound, "no document '" + id + "'"};
        }
        auto record = read_record(impl.db.get_document(*posting), impl.db);
        if (!record) return record.status();
        DocumentView view;
        const DocumentMeta& meta = record->meta;
        view.id = meta.id;
        view.title = meta.title;
        view.kind = meta.kind;
        view.publisher = meta.publisher;
        view.path = meta.path;
        view.format = meta.format;
        view.published = meta.published;
        view.bytes = record->text.size();
        view.generation = impl.current_generation();
        for (EntityType type : kAllEntityTypes) {
            view.entities[type] = group_mentions(*record, type, *impl.gazetteer);
        }
        if (with_text) view.text = std::move(record->text);
        return view;
    });
}

Result<EntityView> Searcher::entity(EntityType type, const std::string& id) {
    return with_shards("entity", [&]() -> Result<EntityView> {
        Impl& impl = *impl_;
        EntityView view;
        view.type = type;
        if (type == EntityType::kYear) {
            if (!valid_year_id(id)) return Status{ErrorCode::kNotFound, "no year '" + id + "'"};
            view.id = view.name = id;
        } else {
            const Entity* entity = impl.gazetteer->find(type, id);
            if (!entity) entity = impl.gazetteer->resolve(type, id);
            if (!entity) {
                return Status{ErrorCode::kNotFound,
                              "unknown " + std::string(entity_type_name(type)) + " '" + id + "'"};
            }
            view.id = entity->id;
            view.name = entity->name;
            view.kind = entity->kind;
            view.region = entity->region;
            view.members = entity->members;
            view.established = entity->established;
            for (const Alias& alias : entity->aliases) {
                if (alias.text != entity->name &&
                    std::find(view.aliases.begin(), view.aliases.end(), alias.text) ==
                        view.aliases.end()) {
                    view.aliases.push_back(alias.text);
                }
            }
            if (type == EntityType::kState) {
                for (const Entity* m : impl.gazetteer->mechanisms_of_state(entity->id)) {
                    view.mechanisms.push_back(m->id);
                }
            }
        }
        const std::string term = std::string(schema::entity_prefix(type)) + view.id;
        view.documents = impl.db.get_termfreq(term);
        view.mentions = impl.db.get_collection_freq(term);
        // Postings and the value stream both run in docid order: one pass over each.
        std::map<int, YearCount> by_year;
        auto published = impl.db.valuestream_begin(schema::kSlotPublished);
        const auto published_end = impl.db.valuestream_end(schema::kSlotPublished);
        for (auto p = impl.db.postlist_begin(term); p != impl.db.postlist_end(term); ++p) {
            if (published == published_end) break;
            published.skip_to(*p);
            if (published == published_end) break;
            if (published.get_docid() != *p) continue;
            const int year = year_of_value(*published);
            if (year <= 0) continue;
            YearCount& count = by_year[year];
            count.year = year;
            ++count.documents;
            count.mentions += p.get_wdf();
        }
        for (auto& [year, count] : by_year) view.by_year.push_back(count);
        view.generation = impl.current_generation();
        return view;
    });
}

Result<IndexStats> Searcher::stats() {
    return with_shards("stats", [&]() -> Result<IndexStats> {
        Impl& impl = *impl_;
        IndexStats stats;
        stats.documents = impl.db.get_doccount();
        for (EntityType type : kAllEntityTypes) {
            const std::string prefix(schema::entity_prefix(type));
            std::size_t mentions = 0;
            for (auto t = impl.db.allterms_begin(prefix); t != impl.db.allterms_end(prefix); ++t) {
                mentions += impl.db.get_collection_freq(*t);
            }
            stats.mentions[type] = mentions;
        }
        stats.index_bytes = folder_bytes(impl.dir);
        stats.generation = impl.current_generation();
        stats.indexed_at = impl.db.get_metadata(std::string(schema::kMetaIndexedAt));
        stats.has_pages = impl.db.term_exists(std::string(schema::kPrefixFormat) + "pdf");
        return stats;
    });
}

}  // namespace consulta
