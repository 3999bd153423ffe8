#pragma once
// Filter values checked against the gazetteer before a search: a value that names several
// entities ("state=Korea") is a 400 ambiguous_entity listing the candidates, never a silent
// choice. (core's FilterResolver refuses it too; this gives the HTTP answer its candidates.)
#include <optional>

#include "core/entities/gazetteer.h"
#include "core/search/search_types.h"
#include "searchd/errors.h"

namespace consulta {

std::optional<DetailedError> check_filter_names(const Filters& filters, const Gazetteer& gazetteer);

}  // namespace consulta
