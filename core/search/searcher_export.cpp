// Searcher::export_hits: every hit of a search, streamed (GET /v1/search?format=csv|jsonl).
#include <algorithm>

#include "core/index/document_record.h"
#include "core/index/schema.h"
#include "core/search/searcher_impl.h"

namespace consulta {
namespace {

constexpr Xapian::doccount kPage = 1000;

void set_export_sort(Xapian::Enquire& enquire, SortOrder sort) {
    switch (sort) {
        case SortOrder::kRelevance: break;
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

// The entity terms' wdf is the number of mentions (schema.h).
void add_mention_counts(const Xapian::Document& doc, bool include_demonyms, ExportHit& hit) {
    for (EntityType type : kAllEntityTypes) {
        std::string prefix(schema::entity_prefix(type));
        if (type == EntityType::kState && !include_demonyms) prefix = schema::kPrefixStateNamed;
        auto& counts = hit.mentions[type];
        auto t = doc.termlist_begin();
        t.skip_to(prefix);
        for (; t != doc.termlist_end() && (*t).starts_with(prefix); ++t) {
            counts.emplace_back((*t).substr(prefix.size()), t.get_wdf());
        }
    }
}

}  // namespace

Status Searcher::export_hits(const SearchRequest& request,
                             const std::function<bool(const ExportHit&)>& hit) {
    bool emitted = false;
    return guarded(
        impl_->db, "search export",
        [&]() -> Status {
            Impl& impl = *impl_;
            auto parsed = impl.builder.parse(
                request.q,
                QueryOptions{request.lenient, request.include_demonyms, request.resolve_names});
            if (!parsed) return parsed.status();
            auto query =
                impl.filtered_query(parsed->query, request.filters, request.include_demonyms);
            if (!query) return query.status();
            Xapian::Enquire enquire(impl.db);
            enquire.set_query(*query);
            set_export_sort(enquire, request.sort);
            for (Xapian::doccount first = 0;; first += kPage) {
                const Xapian::MSet page = enquire.get_mset(first, kPage);
                for (auto item = page.begin(); item != page.end(); ++item) {
                    const Xapian::Document doc = item.get_document();
                    auto header = parse_header(doc.get_data());
                    if (!header) return header.status();
                    ExportHit row{header->meta.id,        header->meta.title,
                                  header->meta.kind,      header->meta.publisher,
                                  header->meta.published, item.get_weight(),
                                  {}};
                    add_mention_counts(doc, request.include_demonyms, row);
                    emitted = true;
                    if (!hit(row)) return {};
                }
                if (page.size() < kPage) return {};
            }
        },
        [&] { return !emitted; });
}

}  // namespace consulta
