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
        slots_.push_back({type, slot_of(type, include_demonyms), list, {}});
    }
}

void FacetCounter::operator()(const Xapian::Document& doc, double) {
    for (Slot& s : slots_) {
        const std::string value = doc.get_value(s.slot);
        if (value.empty()) continue;
        if (!s.list) {
            // Published years stay serialised here and are decoded once per distinct value.
            ++s.counts[value];
            continue;
        }
        std::string_view rest(value);
        while (!rest.empty()) {
            const auto newline = rest.find('\n');
            const std::string_view id = rest.substr(0, newline);
            if (!id.empty()) {
                auto it = s.counts.find(id);
                if (it == s.counts.end()) s.counts.emplace(std::string(id), 1);
                else ++it->second;
            }
            if (newline == std::string_view::npos) break;
            rest.remove_prefix(newline + 1);
        }
    }
}

std::unordered_map<std::string, std::size_t> FacetCounter::counts(FacetType type) const {
    std::unordered_map<std::string, std::size_t> out;
    for (const Slot& s : slots_) {
        if (s.type != type) continue;
        for (const auto& [value, count] : s.counts) {
            if (type == FacetType::kPublished) {
                const double year = Xapian::sortable_unserialise(value);
                out[std::to_string(static_cast<long>(std::lround(year)))] += count;
            } else {
                out.emplace(value, count);
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
