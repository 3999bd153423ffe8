#include "core/search/facet_counter.h"

#include <algorithm>

#include "core/index/schema.h"
#include "core/search/filter_terms.h"

namespace consulta {
namespace {

Xapian::valueno facet_slot(bool include_demonyms) {
    return include_demonyms ? schema::kSlotFacets : schema::kSlotFacetsNamed;
}

}  // namespace

FacetCounter::FacetCounter(std::vector<FacetType> facets, bool include_demonyms,
                           FacetLists& lists, const Xapian::Database& db, bool local)
    : facets_(std::move(facets)),
      lists_(&lists),
      spy_(facet_slot(include_demonyms)) {
    if (local && !facets_.empty()) {
        if (auto table = FacetTable::of(db, facet_slot(include_demonyms))) {
            table_spy_.emplace(std::move(table));
        }
    }
}

void FacetCounter::attach(Xapian::Enquire& enquire) {
    if (facets_.empty()) return;
    if (table_spy_) {
        enquire.add_matchspy(&*table_spy_);
    } else {
        enquire.add_matchspy(&spy_);
    }
}

bool FacetCounter::count_all() {
    if (!table_spy_) return false;
    table_spy_->count_all();
    return true;
}

void FacetCounter::split() const {
    std::vector<std::size_t> dense;    // count per interned id
    std::vector<std::uint32_t> seen;   // the ids counted, each once
    // Each distinct value once: its count goes to every id in it.
    const auto add = [&](const std::string& value, std::size_t count) {
        for (std::uint32_t id : lists_->decode(value)) {
            if (id >= dense.size()) dense.resize(lists_->id_count(), 0);
            if (dense[id] == 0) seen.push_back(id);
            dense[id] += count;
        }
    };
    if (table_spy_) {
        const std::vector<Xapian::doccount>& counts = table_spy_->counts();
        const std::vector<std::string>& values = table_spy_->table().lists();
        for (std::size_t list = 0; list < counts.size(); ++list) {
            if (counts[list] > 0) add(values[list], counts[list]);
        }
    } else {
        for (auto v = spy_.values_begin(); v != spy_.values_end(); ++v) add(*v, v.get_termfreq());
    }
    std::vector<std::vector<FacetCount>> sections(schema::kFacetSections);
    bool wanted[schema::kFacetSections] = {};
    for (FacetType type : facets_) wanted[static_cast<std::size_t>(type)] = true;
    for (std::uint32_t id : seen) {
        const auto section = static_cast<std::size_t>(lists_->type(id));
        if (wanted[section]) {
            sections[section].push_back({lists_->value(id), lists_->label(id), dense[id]});
        }
    }
    split_ = std::move(sections);
}

const std::vector<FacetCount>& FacetCounter::counts(FacetType type) const {
    if (!split_) split();
    return (*split_)[static_cast<std::size_t>(type)];
}

std::string_view facet_label(FacetType type, std::string_view value, const Gazetteer& gazetteer) {
    const auto entity_type = entity_type_of(type);
    if (!entity_type || *entity_type == EntityType::kYear) return value;
    const Entity* entity = gazetteer.find(*entity_type, value);
    return entity ? std::string_view(entity->name) : value;
}

std::vector<FacetValue> ranked_facet_values(const std::vector<FacetCount>& counts,
                                            const std::function<bool(const FacetValue&)>& keep,
                                            std::size_t limit) {
    std::vector<const FacetCount*> ranked;
    ranked.reserve(counts.size());
    for (const FacetCount& c : counts) {
        // The filter runs before the cut, so that the cut counts kept values only.
        if (keep && !keep(FacetValue{std::string(c.value), std::string(c.label), c.count})) continue;
        ranked.push_back(&c);
    }
    const auto before = [](const FacetCount* a, const FacetCount* b) {
        if (a->count != b->count) return a->count > b->count;
        if (a->label != b->label) return a->label < b->label;
        return a->value < b->value;
    };
    const std::size_t n = limit > 0 ? std::min(limit, ranked.size()) : ranked.size();
    std::partial_sort(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(n),
                      ranked.end(), before);
    std::vector<FacetValue> values;
    values.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        values.push_back({std::string(ranked[i]->value), std::string(ranked[i]->label), ranked[i]->count});
    }
    return values;
}

}  // namespace consulta
