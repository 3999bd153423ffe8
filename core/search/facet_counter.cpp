#include "core/search/facet_counter.h"

#include <algorithm>

#include "core/index/schema.h"
#include "core/search/filter_terms.h"

namespace consulta {

FacetCounter::FacetCounter(std::vector<FacetType> facets, bool include_demonyms)
    : facets_(std::move(facets)),
      spy_(include_demonyms ? schema::kSlotFacets : schema::kSlotFacetsNamed) {}

void FacetCounter::attach(Xapian::Enquire& enquire) {
    if (!facets_.empty()) enquire.add_matchspy(&spy_);
}

void FacetCounter::split() const {
    std::vector<Counts> sections(schema::kFacetSections);
    for (auto v = spy_.values_begin(); v != spy_.values_end(); ++v) {
        const std::string value = *v;
        const std::size_t count = v.get_termfreq();
        std::string_view rest(value);
        for (std::size_t section = 0; section < schema::kFacetSections; ++section) {
            const auto sep = rest.find(schema::kFacetSectionSeparator);
            std::string_view ids = rest.substr(0, sep);
            rest = sep == std::string_view::npos ? std::string_view() : rest.substr(sep + 1);
            const auto type = static_cast<FacetType>(section);
            if (std::find(facets_.begin(), facets_.end(), type) == facets_.end()) continue;
            if (type == FacetType::kKind || type == FacetType::kPublished) {
                if (!ids.empty()) sections[section][std::string(ids)] += count;
                continue;
            }
            // Each distinct value once: its count goes to every id in the list.
            while (!ids.empty()) {
                const auto newline = ids.find('\n');
                const std::string_view id = ids.substr(0, newline);
                if (!id.empty()) sections[section][std::string(id)] += count;
                if (newline == std::string_view::npos) break;
                ids.remove_prefix(newline + 1);
            }
        }
    }
    split_ = std::move(sections);
}

const FacetCounter::Counts& FacetCounter::counts(FacetType type) const {
    if (!split_) split();
    return (*split_)[static_cast<std::size_t>(type)];
}

std::string facet_label(FacetType type, const std::string& value, const Gazetteer& gazetteer) {
    const auto entity_type = entity_type_of(type);
    if (!entity_type || *entity_type == EntityType::kYear) return value;
    const Entity* entity = gazetteer.find(*entity_type, value);
    return entity ? entity->name : value;
}

std::vector<FacetValue> ranked_facet_values(
    FacetType type, const std::unordered_map<std::string, std::size_t>& counts,
    const Gazetteer& gazetteer, const std::function<bool(const FacetValue&)>& keep) {
    std::vector<FacetValue> values;
    values.reserve(counts.size());
    for (const auto& [value, count] : counts) {
        FacetValue v{value, facet_label(type, value, gazetteer), count};
        if (!keep || keep(v)) values.push_back(std::move(v));
    }
    std::sort(values.begin(), values.end(), [](const FacetValue& a, const FacetValue& b) {
        if (a.count != b.count) return a.count > b.count;
        if (a.label != b.label) return a.label < b.label;
        return a.value < b.value;
    });
    return values;
}

}  // namespace consulta
