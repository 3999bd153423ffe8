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
#include "core/search/facet_table.h"
#include "core/search/search_types.h"

namespace consulta {

/// Counts, for each requested facet, the documents that carry each value of the slot that
/// holds all of a document's facets (schema::kSlotFacets): the distinct values are counted
/// over the matches, and counts() splits them once per answer, through the searcher's
/// FacetLists. Over one local database the distinct values come from the process's
/// FacetTable (an array look-up per match); otherwise, that is over shards local or remote
/// (xapian-tcpsrv runs only stock spies), from Xapian's stock ValueCountMatchSpy (one value
/// read and one map update per match). Attach it to an Enquire whose get_mset() uses
/// check_at_least = doccount so every match is seen.
class FacetCounter {
public:
    /// `include_demonyms` false counts states from the slot that leaves demonyms out.
    /// `lists` must outlive the counter and the counts it gives. `db` gives the FacetTable
    /// when `local` (no remote part) and one can be had; otherwise the stock spy counts.
    FacetCounter(std::vector<FacetType> facets, bool include_demonyms, FacetLists& lists,
                 const Xapian::Database& db, bool local);

    void attach(Xapian::Enquire& enquire);

    /// Counts every document of the database without a match, when a FacetTable has them
    /// (true); false, and nothing counted, when the counter must be attached to a match.
    bool count_all();

    /// The values of one facet with their counts, in no order (empty when the facet was not
    /// requested). Views into the FacetLists: valid until its next begin_answer().
    const std::vector<FacetCount>& counts(FacetType type) const;

private:
    void split() const;

    std::vector<FacetType> facets_;
    FacetLists* lists_;
    Xapian::ValueCountMatchSpy spy_;
    std::optional<FacetTableSpy> table_spy_;  ///< set when a FacetTable counts instead
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
