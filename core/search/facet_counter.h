#pragma once
// Exact facet counts over every match, from the facet value slots: the '\n'-joined id lists
// of the entity types, the kind and the publication year.
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "core/entities/gazetteer.h"
#include "core/search/search_types.h"

namespace consulta {

/// Counts, for each requested facet, the documents that carry each value, with Xapian's
/// stock ValueCountMatchSpy on the slot that holds all of a document's facets
/// (schema::kSlotFacets): one value read and one map update per match, whatever the number of
/// facets and ids; counts() splits the distinct values once per answer. A stock spy is what a
/// remote shard (xapian-tcpsrv) runs. Attach it to an Enquire whose get_mset() uses
/// check_at_least = doccount so every match is seen.
class FacetCounter {
public:
    /// `include_demonyms` false counts states from the slot that leaves demonyms out.
    FacetCounter(std::vector<FacetType> facets, bool include_demonyms);

    void attach(Xapian::Enquire& enquire);

    using Counts = std::unordered_map<std::string, std::size_t>;
    /// Value -> document count of one facet (empty when the facet was not requested).
    const Counts& counts(FacetType type) const;

private:
    void split() const;

    std::vector<FacetType> facets_;
    Xapian::ValueCountMatchSpy spy_;
    mutable std::optional<std::vector<Counts>> split_;  ///< per facet section, made once
};

/// The facet's values with labels (gazetteer names; the value itself for year, kind and
/// published), sorted by count descending then label, filtered by `keep` when given.
std::vector<FacetValue> ranked_facet_values(
    FacetType type, const std::unordered_map<std::string, std::size_t>& counts,
    const Gazetteer& gazetteer, const std::function<bool(const FacetValue&)>& keep = {});

/// The display label of a facet value.
std::string facet_label(FacetType type, const std::string& value, const Gazetteer& gazetteer);

}  // namespace consulta
