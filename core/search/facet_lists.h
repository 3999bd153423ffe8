#pragma once
// The facet slot's distinct values, decoded once per searcher rather than once per answer.
//
// A document's facet value is its six facet sections joined (schema::kSlotFacets). Xapian's
// ValueCountMatchSpy counts the distinct values; an answer then gives each value's count to
// every id in it. Decoding a value into ids (a hash look-up and a string per id) cost more
// than the matching; here each distinct value is decoded once into small integers, each id
// is labelled once, and an answer's split is one look-up per distinct value and one integer
// addition per id.
#include <array>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/entities/gazetteer.h"
#include "core/search/search_types.h"

namespace consulta {

class FacetLists {
public:
    /// Past this many bytes of decoded values (some hundred thousand distinct entity lists),
    /// the next request starts with an empty cache.
    static constexpr std::size_t kDefaultMaxBytes = std::size_t{32} << 20;

    /// `gazetteer` gives the labels; it must outlive this cache.
    explicit FacetLists(const Gazetteer& gazetteer, std::size_t max_bytes = kDefaultMaxBytes)
        : gazetteer_(&gazetteer), max_bytes_(max_bytes) {}

    /// The interned ids of every section of `value`, in section order.
    const std::vector<std::uint32_t>& decode(const std::string& value);

    FacetType type(std::uint32_t id) const { return ids_[id].type; }
    std::string_view value(std::uint32_t id) const { return ids_[id].value; }
    /// The display label: the gazetteer's name, or the value itself (years, kind, published).
    std::string_view label(std::uint32_t id) const {
        return ids_[id].name ? std::string_view(*ids_[id].name) : std::string_view(ids_[id].value);
    }
    std::size_t id_count() const { return ids_.size(); }
    std::size_t list_count() const { return lists_.size(); }

    /// Called by the searcher before each request that counts facets: empties the cache when
    /// it has grown past its bound, so its memory stays bounded however varied the
    /// collection. Ids, values and labels from earlier requests are then no longer valid,
    /// which is why it is never called while a request holds counts.
    void begin_answer();

private:
    struct Id {
        FacetType type;
        std::string value;
        const std::string* name;  ///< the gazetteer's, or null: the label is the value
    };
    std::uint32_t intern(FacetType type, std::string_view value);

    const Gazetteer* gazetteer_;
    std::size_t max_bytes_;
    std::deque<Id> ids_;  // a deque: growing it never moves the strings counts view
    std::array<std::unordered_map<std::string, std::uint32_t>, 6> by_value_;  // per section
    std::unordered_map<std::string, std::vector<std::uint32_t>> lists_;
    std::size_t list_bytes_ = 0;
};

/// The documents counted for one facet value.
struct FacetCount {
    std::string_view value, label;
    std::size_t count = 0;
};

}  // namespace consulta
