#pragma once
// Which distinct facet value each document of one local database holds, read once per commit
// and shared by every searcher of the process, so that counting a match's facets is one
// array look-up and one addition.
//
// Xapian's ValueCountMatchSpy (what a remote shard runs) reads the facet value of every match
// and updates a std::map of strings: on a facets-only answer that was 44% of the time, as
// much as the matching itself. Over one local database the same counts come from this table:
// document id -> number of its distinct value; the counts of the distinct values are then
// split into per-id counts exactly as the stock spy's are (FacetCounter).
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <xapian.h>

namespace consulta {

class FacetTable {
public:
    /// Documents without a facet value (or past the table) have this list number.
    static constexpr std::uint32_t kNoList = UINT32_MAX;
    /// Past this last document id the table would cost more memory than it saves time
    /// (4 bytes per id): searchers count with the stock spy instead.
    static constexpr Xapian::docid kMaxDocid = 16u << 20;

    /// The table of `slot` for the revision `db` has open, built on first use and shared by
    /// every caller of the process; null when `db` is not one local glass database (a
    /// sharded or remote index) or holds more than kMaxDocid document ids.
    static std::shared_ptr<const FacetTable> of(const Xapian::Database& db, Xapian::valueno slot);

    /// Reads every value of `slot` in `db` (one pass over the value stream).
    FacetTable(const Xapian::Database& db, Xapian::valueno slot);

    std::uint32_t list_of(Xapian::docid did) const {
        return did < list_of_doc_.size() ? list_of_doc_[did] : kNoList;
    }
    /// The distinct values, by list number.
    const std::vector<std::string>& lists() const { return lists_; }
    /// How many documents of the whole database hold each list: the counts of a match of
    /// every document, with no pass over the matches.
    const std::vector<Xapian::doccount>& all_counts() const { return all_counts_; }

private:
    std::vector<std::uint32_t> list_of_doc_;  // by document id
    std::vector<std::string> lists_;
    std::vector<Xapian::doccount> all_counts_;
};

/// Counts the matches' lists through a FacetTable: a MatchSpy for one local database only
/// (it is not serialisable, so a remote shard could not run it; it is never attached there).
class FacetTableSpy : public Xapian::MatchSpy {
public:
    explicit FacetTableSpy(std::shared_ptr<const FacetTable> table)
        : table_(std::move(table)), counts_(table_->lists().size(), 0) {}

    void operator()(const Xapian::Document& doc, double) override {
        const std::uint32_t list = table_->list_of(doc.get_docid());
        if (list != FacetTable::kNoList) ++counts_[list];
    }
    /// Takes the counts of every document in the database, as if it had seen them all.
    void count_all() { counts_ = table_->all_counts(); }

    const FacetTable& table() const { return *table_; }
    /// Matches counted per list number.
    const std::vector<Xapian::doccount>& counts() const { return counts_; }

private:
    std::shared_ptr<const FacetTable> table_;
    std::vector<Xapian::doccount> counts_;
};

}  // namespace consulta
