// Searcher::mentions: keyword-in-context rows, paginated or streamed in full.
#include "core/index/document_record.h"
#include "core/index/record_store.h"
#include "core/index/schema.h"
#include "core/search/filter_terms.h"
#include "core/search/mentions.h"
#include "core/search/searcher.h"
#include "core/search/searcher_impl.h"

namespace consulta {

namespace {

// Row types (api.md): the ones asked for; else the types of the entity filters given; else all.
// Entity filters restrict the rows of their type to the ids they name.
Result<MentionSelection> make_selection(const MentionsRequest& request,
                                        const FilterResolver& resolver) {
    MentionSelection selection;
    selection.include_demonyms = request.include_demonyms;
    for (const auto& [facet, values] : request.filters) {
        const auto type = entity_type_of(facet);
        if (!type || values.empty()) continue;
        std::set<std::string>& ids = selection.ids[*type];
        for (const std::string& value : values) {
            auto resolved = resolver.entity_ids(facet, value);
            if (!resolved) {
                return Status{ErrorCode::kBadParameter, std::string(facet_type_name(facet)) + ": " +
                                                            resolved.status().message()};
            }
            ids.insert(resolved->begin(), resolved->end());
        }
    }
    for (const std::string& value : request.member_of) {
        auto mechanism = resolver.member_list(value);
        if (!mechanism) {
            return Status{ErrorCode::kBadParameter, "member_of: " + mechanism.status().message()};
        }
        selection.ids[EntityType::kState].insert((*mechanism)->members.begin(),
                                                 (*mechanism)->members.end());
    }
    if (!request.types.empty()) {
        selection.types.insert(request.types.begin(), request.types.end());
    } else {
        for (const auto& [type, ids] : selection.ids) selection.types.insert(type);
    }
    if (selection.types.empty()) {
        selection.types.insert(std::begin(kAllEntityTypes), std::end(kAllEntityTypes));
    }
    return selection;
}

Xapian::Query docs_query(const std::vector<std::string>& docs) {
    std::vector<std::string> terms;
    for (const std::string& id : docs) terms.push_back(schema::id_term(id));
    return or_of_terms(terms);
}

}  // namespace

Xapian::MSet Searcher::Impl::all_matches_by_id(const Xapian::Query& query) {
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.set_sort_by_value(schema::kSlotDocId, false);
    const Xapian::doccount all = db.get_doccount();
    return enquire.get_mset(0, all, all);
}

Status Searcher::mentions(const MentionsRequest& request,
                          const std::function<bool(const MentionRow&)>& row, std::size_t* total) {
    std::size_t emitted = 0;
    // Rows already handed out cannot be taken back: retry only while none has been.
    return with_shards(
        "mentions",
        [&]() -> Status {
            Impl& impl = *impl_;
            auto parsed = impl.builder.parse(
                request.q, QueryOptions{false, request.include_demonyms, request.resolve_names});
            if (!parsed) return parsed.status();
            auto with_members =
                impl.with_member_of(parsed->query, request.member_of, request.include_demonyms);
            if (!with_members) return with_members.status();
            Xapian::Query query = *with_members;
            if (!request.docs.empty()) {
                query = Xapian::Query(Xapian::Query::OP_FILTER, query, docs_query(request.docs));
            }
            auto filtered = impl.filtered_query(query, request.filters, request.include_demonyms);
            if (!filtered) return filtered.status();
            auto selection = make_selection(request, impl.builder.resolver());
            if (!selection) return selection.status();

            const std::size_t first = request.offset;
            const std::size_t last =
                request.limit ? first + *request.limit : static_cast<std::size_t>(-1);
            std::size_t seen = 0;
            const auto rows_of = count_rows(impl.db, *selection);
            const Xapian::MSet matches = impl.all_matches_by_id(*filtered);
            for (auto item = matches.begin(); item != matches.end(); ++item) {
                const auto found = rows_of.find(*item);
                const std::size_t rows = found == rows_of.end() ? 0 : found->second;
                // Documents wholly before or after the page are counted, never read.
                if (rows == 0 || seen + rows <= first || seen >= last) {
                    seen += rows;
                    continue;
                }
                auto record = read_record(item.get_document(), impl.db);
                if (!record) return record.status();
                CodePointCursor code_points(record->text);
                for (const Mention& m : record->mentions) {
                    if (!selects(*selection, m)) continue;
                    if (seen >= first && seen < last) {
                        ++emitted;
                        if (!row(make_row(*record, m, *impl.gazetteer, request.window,
                                          code_points))) {
                            if (total) *total = seen + 1;
                            return {};
                        }
                    }
                    ++seen;
                }
            }
            if (total) *total = seen;
            return {};
        },
        [&] { return emitted == 0; });
}

}  // namespace consulta
