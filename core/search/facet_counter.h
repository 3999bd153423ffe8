#pragma once
// Exact facet counts over every match, from the facet value slots: the '\n'-joined id lists
// of the entity types, the kind and the publication year.
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "core/search/facet_lists.h"
#include "core/search/search_types.h"

namespace consulta {

/// Counts, for each requested facet, the documents that carry each value, with Xapian's
/// stock ValueCountMatchSpy on the slot that holds all of a document's facets
/// (schema::kSlotFacets): one value read and one map update per match, whatever the number of
/// facets and ids; counts() splits the distinct values once per answer, through the
/// searcher's FacetLists. A stock spy is what a remote shard (xapian-tcpsrv) runs. Attach it
/// to an Enquire whose get_mset() uses check_at_least = doccount so every match is seen.
class FacetCounter {
public:
    /// `include_demonyms` false counts states from the slot that leaves demonyms out.
    /// `lists` must outlive the counter and the counts it gives.
    FacetCounter(std::vector<FacetType> facets, bool include_demonyms, FacetLists& lists);

    void attach(Xapian::Enquire& enquire);

    /// The values of one facet with their counts, in no order (empty when the facet was not
    /// requested). Views into the FacetLists: valid until its next begin_answer().
    const std::vector<FacetCount>& counts(FacetType type) const;

private:
    void split() const;

    std::vector<FacetType> facets_;
    FacetLists* lists_;
    Xapian::ValueCountMatchSpy spy_;
    mutable std::optional<std::vector<std::vector<FacetCount>>> split_;  ///< per facet, made once
};

/// The facet's values sorted by count descending then label, filtered by `keep` when given;
/// the first `limit` of them (all when 0), the others never copied.
std::vector<FacetValue> ranked_facet_values(
    const std::vector<FacetCount>& counts,
    const std::function<bool(const FacetValue&)>& keep = {}, std::size_t limit = 0);

/// The display label of a facet value (a view into `value` or into the gazetteer).
std::string_view facet_label(FacetType type, std::string_view value, const Gazetteer& gazetteer);

}  // namespace consulta
