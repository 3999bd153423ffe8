#pragma once
// Exact facet counts: a MatchSpy that reads the '\n'-joined id lists of the entity value slots
// (a document names many states; Xapian's ValueCountMatchSpy counts single values only), plus
// kind and publication year.
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "core/entities/gazetteer.h"
#include "core/search/search_types.h"

namespace consulta {

/// Counts, for each requested facet, the documents that carry each value. Attach it to an
/// Enquire whose get_mset() uses check_at_least = doccount so every match is seen.
/// Local only: a remote shard (xapian-tcpsrv) cannot run a custom spy.
class FacetCounter : public Xapian::MatchSpy {
public:
    /// `include_demonyms` false counts states from the slot that leaves demonyms out.
    FacetCounter(std::vector<FacetType> facets, bool include_demonyms);

    void operator()(const Xapian::Document& doc, double weight) override;
    std::string name() const override { return "consulta.FacetCounter"; }

    /// Value -> document count of one facet (empty when the facet was not requested).
    std::unordered_map<std::string, std::size_t> counts(FacetType type) const;

private:
    struct StringHash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
    };
    using CountMap = std::unordered_map<std::string, std::size_t, StringHash, std::equal_to<>>;

    struct Slot {
        FacetType type;
        Xapian::valueno slot;
        bool list;  ///< the value holds '\n'-joined ids
        CountMap counts;
    };
    std::vector<Slot> slots_;
};

/// The facet's values with labels (gazetteer names; the value itself for year, kind and
/// published), sorted by count descending then label, filtered by `keep` when given.
std::vector<FacetValue> ranked_facet_values(
    FacetType type, const std::unordered_map<std::string, std::size_t>& counts,
    const Gazetteer& gazetteer, const std::function<bool(const FacetValue&)>& keep = {});

/// The display label of a facet value.
std::string facet_label(FacetType type, const std::string& value, const Gazetteer& gazetteer);

}  // namespace consulta
