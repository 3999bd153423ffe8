#pragma once
#include <string>
#include <vector>

#include "searchd/app.h"
#include "searchd/static_files.h"

namespace consulta {

/// One route: every route is GET (and HEAD); other methods on it answer 405.
struct Route {
    std::string name;     ///< as docs/api.md writes it; also the metrics label
    std::string pattern;  ///< the httplib (std::regex) pattern of the path
    RouteHandler handler;
};

/// The route table: the API, then the page's files (an exact alternation of the files found
/// at startup, so anything else is an unknown route).
std::vector<Route> route_table(const StaticFiles& web);

/// The methods a route answers, for Allow headers.
inline constexpr const char* kAllowedMethods = "GET, HEAD, OPTIONS";

}  // namespace consulta
