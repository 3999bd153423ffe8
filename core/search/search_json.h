#pragma once
// JSON rendering of the search service's results, shared by searchd and consulta-search, in
// the shapes of docs/api.md.
#include <nlohmann/json.hpp>

#include "core/search/search_types.h"

namespace consulta {

nlohmann::json to_json(const SearchResponse& response);
nlohmann::json to_json(const FacetValuesResponse& response);
nlohmann::json to_json(const DocumentView& document);
nlohmann::json to_json(const MentionRow& row, bool with_page);
nlohmann::json to_json(const EntityView& entity);
nlohmann::json to_json(const IndexStats& stats);

/// One RFC 4180 field: quoted when it holds a comma, a quote, CR or LF, its quotes doubled.
std::string csv_field(std::string_view field);

/// One line of the search export as JSON: the hit's fields and "mentions" per type
/// ({"state": {"SZ": 2}, ...}).
nlohmann::json to_json(const ExportHit& hit);

/// The search export's CSV header and one row (CRLF-terminated). Entity columns hold
/// "id=count" pairs joined by ';' ("SZ=2;ZA=1"), in id order.
std::string search_csv_header();
std::string search_csv_row(const ExportHit& hit);

/// The CSV header and one RFC 4180 row (CRLF-terminated) for the mentions export.
std::string mentions_csv_header(bool with_page);
std::string mentions_csv_row(const MentionRow& row, bool with_page);

}  // namespace consulta
