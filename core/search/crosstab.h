#pragma once
// Cross-tabs: two facets of the matching documents against each other, counted in documents
// or in mentions. The counts come from what every Xapian database offers, local or remote
// shard: a ValueCountMatchSpy on the facet slot (documents) and the matching documents' term
// lists, whose wdf is an entity's mention count (mentions).
#include <array>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/entities/gazetteer.h"
#include "core/search/search_types.h"

namespace consulta {

/// The six sections of one kSlotFacets value, each split into its ids.
using FacetSections = std::array<std::vector<std::string>, 6>;
FacetSections split_facet_sections(std::string_view value);

/// The entity axis whose mentions a kMentions cross-tab counts: rows when rows is an entity
/// facet, else cols; nullopt when neither is (kind x published has no mentions to count).
std::optional<FacetType> counted_axis(const CrosstabRequest& request);

/// Sums documents into cells and totals. Ids outside `keep` (per facet, when present) are
/// left out of the table; a document with no kept value on one axis adds nothing.
class CrosstabTally {
public:
    CrosstabTally(FacetType rows, FacetType cols, std::map<FacetType, std::set<std::string>> keep);

    /// One document (or `times` documents with the same facet value) in documents.
    void add_documents(const FacetSections& sections, std::size_t times);

    /// One document in mentions: `mentions(id)` is the mention count of an id of the counted
    /// axis `counted` in this document.
    template <typename MentionCount>
    void add_mentions(const FacetSections& sections, FacetType counted, MentionCount mentions);

    /// The ordered table: years ascending, other values by total descending then label.
    void fill(const Gazetteer& gazetteer, CrosstabResponse& response) const;

private:
    std::vector<std::string> kept(const FacetSections& sections, FacetType type) const;
    void add_cell(const std::string& row, const std::string& col, std::size_t n);

    FacetType rows_, cols_;
    std::map<FacetType, std::set<std::string>> keep_;
    std::map<std::string, std::map<std::string, std::size_t>> cells_;
    std::map<std::string, std::size_t> row_totals_, col_totals_;
    std::size_t total_ = 0;
};

template <typename MentionCount>
void CrosstabTally::add_mentions(const FacetSections& sections, FacetType counted,
                                 MentionCount mentions) {
    const auto rows = kept(sections, rows_), cols = kept(sections, cols_);
    if (rows.empty() || cols.empty()) return;
    const bool by_row = counted == rows_;
    const auto& counted_ids = by_row ? rows : cols;
    const auto& other_ids = by_row ? cols : rows;
    std::size_t all = 0;
    for (const std::string& id : counted_ids) {
        const std::size_t n = mentions(id);
        if (n == 0) continue;
        all += n;
        (by_row ? row_totals_ : col_totals_)[id] += n;
        for (const std::string& other : other_ids) {
            by_row ? add_cell(id, other, n) : add_cell(other, id, n);
        }
    }
    if (all == 0) return;
    for (const std::string& other : other_ids) (by_row ? col_totals_ : row_totals_)[other] += all;
    total_ += all;
}

}  // namespace consulta
