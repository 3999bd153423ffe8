#pragma once
// The query parameters every route accepts: ONE table (known_params.cpp), so that a misspelt
// parameter ("State", "mechansim") is a 400 unknown_parameter naming the nearest known one
// instead of being silently ignored. A new route adds its row there.
#include <httplib.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "searchd/errors.h"

namespace consulta {

/// The parameters of a route, by its name in the route table ("/v1/search",
/// "/v1/documents/{id}"); nullptr for a route that is not listed (the page's files).
const std::vector<std::string_view>* known_parameters(std::string_view route);

/// The nearest of `known` to `name` (case-insensitive edit distance), or "" when none is
/// close enough to be a likely typo.
std::string nearest_parameter(std::string_view name, const std::vector<std::string_view>& known);

/// unknown_parameter for the first parameter of `req` that `route` does not accept.
std::optional<DetailedError> check_known_parameters(const httplib::Request& req, std::string_view route);

}  // namespace consulta
