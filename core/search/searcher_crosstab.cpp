// Searcher::crosstab: two facets of the matching documents against each other.
#include "core/index/schema.h"
#include "core/search/crosstab.h"
#include "core/search/filter_terms.h"
#include "core/search/searcher.h"
#include "core/search/searcher_impl.h"

namespace consulta {

Result<Xapian::Query> Searcher::Impl::with_member_of(const Xapian::Query& q,
                                                     const std::vector<std::string>& member_of,
                                                     bool include_demonyms) const {
    if (member_of.empty()) return q;
    auto members = builder.resolver().member_of_query(member_of, include_demonyms);
    if (!members) return Status{ErrorCode::kBadParameter, "member_of: " + members.status().message()};
    return Xapian::Query(Xapian::Query::OP_FILTER, q, *members);
}

Result<std::map<EntityType, std::set<std::string>>> Searcher::Impl::named_ids(
    const Filters& filters, const std::vector<std::string>& member_of) const {
    std::map<EntityType, std::set<std::string>> ids;
    for (const auto& [facet, values] : filters) {
        const auto type = entity_type_of(facet);
        if (!type || values.empty()) continue;
        std::set<std::string>& of_type = ids[*type];
        for (const std::string& value : values) {
            auto resolved = builder.resolver().entity_ids(facet, value);
            if (!resolved) {
                return Status{ErrorCode::kBadParameter, std::string(facet_type_name(facet)) + ": " +
                                                            resolved.status().message()};
            }
            of_type.insert(resolved->begin(), resolved->end());
        }
    }
    for (const std::string& value : member_of) {
        auto mechanism = builder.resolver().member_list(value);
        if (!mechanism) {
            return Status{ErrorCode::kBadParameter, "member_of: " + mechanism.status().message()};
        }
        ids[EntityType::kState].insert((*mechanism)->members.begin(), (*mechanism)->members.end());
    }
    return ids;
}

namespace {

FacetType facet_of(EntityType type) {
    switch (type) {
        case EntityType::kState: return FacetType::kState;
        case EntityType::kMechanism: return FacetType::kMechanism;
        case EntityType::kOrganisation: return FacetType::kOrganisation;
        case EntityType::kYear: return FacetType::kYear;
    }
    return FacetType::kState;
}

std::string mention_prefix(EntityType type, bool include_demonyms) {
    if (type == EntityType::kState && !include_demonyms) {
        return std::string(schema::kPrefixStateNamed);
    }
    return std::string(schema::entity_prefix(type));
}

}  // namespace

Result<CrosstabResponse> Searcher::crosstab(const CrosstabRequest& request) {
    return guarded(impl_->db, "crosstab", [&]() -> Result<CrosstabResponse> {
        Impl& impl = *impl_;
        const auto counted = counted_axis(request);
        if (request.measure == CrosstabMeasure::kMentions && !counted) {
            return Status{ErrorCode::kBadParameter,
                          "measure: mentions needs rows or cols to be state, mechanism, "
                          "organisation or year"};
        }
        auto parsed = impl.builder.parse(
            request.q, QueryOptions{false, request.include_demonyms, request.resolve_names});
        if (!parsed) return parsed.status();
        auto base = impl.with_member_of(parsed->query, request.member_of, request.include_demonyms);
        if (!base) return base.status();
        auto query = impl.filtered_query(*base, request.filters, request.include_demonyms);
        if (!query) return query.status();
        auto named = impl.named_ids(request.filters, request.member_of);
        if (!named) return named.status();

        // Entity filters and member_of name the ids the table shows of their type.
        std::map<FacetType, std::set<std::string>> keep;
        for (auto& [type, ids] : *named) keep[facet_of(type)] = std::move(ids);
        CrosstabTally tally(request.rows, request.cols, std::move(keep));

        CrosstabResponse response;
        response.request = request;
        response.generation = impl.current_generation();
        const Xapian::valueno slot =
            request.include_demonyms ? schema::kSlotFacets : schema::kSlotFacetsNamed;
        Xapian::Enquire enquire(impl.db);
        enquire.set_query(*query);
        enquire.set_weighting_scheme(Xapian::BoolWeight());
        const Xapian::doccount all = impl.db.get_doccount();
        if (request.measure == CrosstabMeasure::kDocuments) {
            // Documents with the same facets are one distinct value of the spy.
            Xapian::ValueCountMatchSpy spy(slot);
            enquire.add_matchspy(&spy);
            const Xapian::MSet mset = enquire.get_mset(0, 0, all);
            response.documents = mset.get_matches_estimated();
            for (auto v = spy.values_begin(); v != spy.values_end(); ++v) {
                tally.add_documents(split_facet_sections(*v), v.get_termfreq());
            }
        } else {
            // Mention counts are the wdf of the counted type's entity terms in each document.
            const EntityType type = *entity_type_of(*counted);
            const std::string prefix = mention_prefix(type, request.include_demonyms);
            const Xapian::MSet mset = enquire.get_mset(0, all, all);
            response.documents = mset.size();
            for (auto item = mset.begin(); item != mset.end(); ++item) {
                const Xapian::Document doc = item.get_document();
                const FacetSections sections = split_facet_sections(doc.get_value(slot));
                std::map<std::string, std::size_t> wdf;
                for (auto t = impl.db.termlist_begin(*item); t != impl.db.termlist_end(*item);) {
                    t.skip_to(prefix);
                    if (t == impl.db.termlist_end(*item)) break;
                    const std::string term = *t;
                    if (term.compare(0, prefix.size(), prefix) != 0) break;
                    wdf[term.substr(prefix.size())] = t.get_wdf();
                    ++t;
                    while (t != impl.db.termlist_end(*item)) {
                        const std::string next = *t;
                        if (next.compare(0, prefix.size(), prefix) != 0) break;
                        wdf[next.substr(prefix.size())] = t.get_wdf();
                        ++t;
                    }
                    break;
                }
                tally.add_mentions(sections, *counted, [&](const std::string& id) -> std::size_t {
                    const auto found = wdf.find(id);
                    return found == wdf.end() ? 0 : found->second;
                });
            }
        }
        tally.fill(*impl.gazetteer, response);
        for (const std::string& value : request.member_of) {
            auto mechanism = impl.builder.resolver().member_list(value);
            if (!mechanism) return mechanism.status();
            response.member_of.push_back({(*mechanism)->id, (*mechanism)->name,
                                          (*mechanism)->members_source, (*mechanism)->members});
        }
        return response;
    });
}

}  // namespace consulta
