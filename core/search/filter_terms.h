#pragma once
// Resolution of filter values (ids, names, aliases, years, ranges) to the index's boolean terms,
// shared by the query prefixes (state:za), the request filters and the mentions export.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "core/common/status.h"
#include "core/entities/gazetteer.h"
#include "core/search/search_types.h"

namespace consulta {

/// A closed range of years; "2006" is {2006, 2006}, "2000.." is {2000, 9999}.
struct YearRange {
    int first = 0;
    int last = 9999;
    bool contains(int year) const { return year >= first && year <= last; }
};

/// Parses "2006", "2000..2010", "2000.." or "..2010"; nullopt when malformed.
std::optional<YearRange> parse_year_range(std::string_view text);

/// The entity type a facet filters on, or nullopt for kind and published.
std::optional<EntityType> entity_type_of(FacetType type);

/// Turns filter values into boolean terms of one index. Holds references: the database and the
/// gazetteer must outlive it. Not thread-safe (the database handle is not).
class FilterResolver {
public:
    FilterResolver(const Xapian::Database& db, const Gazetteer& gazetteer)
        : db_(db), gazetteer_(gazetteer) {}

    /// The terms one value stands for (OR'd; may be empty for a range with no indexed year).
    /// On failure the message names the value but not the facet: "unknown state 'Atlantis'".
    Result<std::vector<std::string>> terms(FacetType type, std::string_view value,
                                           bool include_demonyms) const;

    /// The OR of all values of one facet. On failure the message starts with the facet name:
    /// "state: unknown state 'Atlantis'".
    Result<Xapian::Query> facet_query(FacetType type, const std::vector<std::string>& values,
                                      bool include_demonyms) const;

    /// The AND of every facet's query, leaving out `except` (multi-select facets); MatchAll
    /// when nothing is left.
    Result<Xapian::Query> filters_query(const Filters& filters, bool include_demonyms,
                                        std::optional<FacetType> except = std::nullopt) const;

    /// The entity ids a value of an entity facet stands for (a year range gives every year
    /// in it that the index holds).
    Result<std::vector<std::string>> entity_ids(FacetType type, std::string_view value) const;

    /// The mechanism a member_of value names (id, name or alias), when it has a member list
    /// in config/mechanisms.tsv; kBadParameter otherwise ("unknown mechanism", "no member list").
    Result<const Entity*> member_list(std::string_view value) const;

    /// member_of values -> one query: documents that mention any member state of any of the
    /// named mechanisms (values OR'd, like the values of one filter).
    Result<Xapian::Query> member_of_query(const std::vector<std::string>& values,
                                          bool include_demonyms) const;

private:
    std::vector<std::string> terms_in_range(std::string_view prefix, const YearRange& range) const;
    Result<std::string> resolve_kind(std::string_view value) const;

    const Xapian::Database& db_;
    const Gazetteer& gazetteer_;
};

/// A query that matches every document. Never Xapian::Query::MatchAll: that is one shared
/// object whose reference count Xapian 1.4 updates without atomics, so worker threads copying
/// it at once corrupt it and crash the daemon. MatchNothing holds no object and is safe.
inline Xapian::Query match_all() { return Xapian::Query(std::string()); }

/// An OR of terms as a boolean filter query (MatchNothing when there are none).
Xapian::Query or_of_terms(const std::vector<std::string>& terms);

}  // namespace consulta
