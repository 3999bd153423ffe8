#pragma once
// JSON and CSV of the analysis answers: cross-tabs and concordance lines (docs/api.md).
#include <string>

#include <nlohmann/json.hpp>

#include "core/search/search_types.h"

namespace consulta {

nlohmann::json to_json(const CrosstabResponse& response);

/// The cross-tab as CSV: header (row type, column ids, "total"), one line per row id, a last
/// "total" line.
std::string crosstab_csv(const CrosstabResponse& response);

std::string_view crosstab_measure_name(CrosstabMeasure measure);
std::string_view concordance_sort_name(ConcordanceSort sort);

nlohmann::json to_json(const ConcordanceRow& row, bool with_page);
std::string concordance_csv_header(bool with_page);
std::string concordance_csv_row(const ConcordanceRow& row, bool with_page);

}  // namespace consulta
