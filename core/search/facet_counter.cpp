#include "core/search/facet_counter.h"

#include <algorithm>
#include <cmath>

#include "core/index/schema.h"
#include "core/search/filter_terms.h"

namespace consulta {

namespace {

Xapian::valueno slot_of(FacetType type, bool include_demonyms) {
    switch (type) {
        case FacetType::kState:
            return include_demonyms ? schema::kSlotStates : schema::kSlotStatesNamed;
        case FacetType::kMechanism: return schema::kSlotMechanisms;
        case FacetType::kOrganisation: return schema::kSlotOrganisations;
        case FacetType::kYear: return schema::kSlotYears;
        case FacetType::kKind: return schema::kSlotKind;
        case FacetType::kPublished: return schema::kSlotPublished;
    }
    return schema::kSlotStates;
}

}  // namespace

FacetCounter::FacetCounter(std::vector<FacetType> facets, bool include_demonyms) {
    std::sort(facets.begin(), facets.end());
    facets.erase(std::unique(facets.begin(), facets.end()), facets.end());
    for (FacetType type : facets) {
        const bool list = type != FacetType::kKind && type != FacetType::kPublished;
        slots_.push_back({type, list,
                          std::make_unique<Xapian::ValueCountMatchSpy>(slot_of(type, include_demonyms))});
    }
}

void FacetCounter::attach(Xapian::Enquire& enquire) {
    for (Slot& s : slots_) enquire.add_matchspy(s.spy.get());
}

std::unordered_map<std::string, std::size_t> FacetCounter::counts(FacetType type) const {
    std::unordered_map<std::string, std::size_t> out;
    for (const Slot& s : slots_) {
        if (s.type != type) continue;
        for (auto v = s.spy->values_begin(); v != s.spy->values_end(); ++v) {
            const std::string value = *v;
            const std::size_t count = v.get_termfreq();
            if (type == FacetType::kPublished) {
                // Published years stay serialised in the slot: decoded once per distinct value.
                const double year = Xapian::sortable_unserialise(value);
                out[std::to_string(static_cast<long>(std::lround(year)))] += count;
            } else if (!s.list) {
                out[value] += count;
            } else {
                // Each distinct list once: its count goes to every id in it.
                std::string_view rest(value);
                while (!rest.empty()) {
                    const auto newline = rest.find('\n');
                    const std::string_view id = rest.substr(0, newline);
                    if (!id.empty()) out[std::string(id)] += count;
                    if (newline == std::string_view::npos) break;
                    rest.remove_prefix(newline + 1);
                }
            }
        }
    }
    return out;
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
