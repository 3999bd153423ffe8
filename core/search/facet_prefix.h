#pragma once
#include <string>
#include <string_view>

#include "core/entities/gazetteer.h"
#include "core/search/search_types.h"

namespace consulta {

/// Whether a facet value matches a search-as-you-type prefix: `prefix` (already passed through
/// normalise_term) starts the label, the id or an alias, or any word in them ("bo" matches
/// "Bosnia and Herzegovina", "her" matches it too, "south af" matches "South Africa").
bool matches_facet_prefix(FacetType type, const FacetValue& value, std::string_view prefix,
                          const Gazetteer& gazetteer);

}  // namespace consulta
