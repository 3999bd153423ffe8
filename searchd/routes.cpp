#include "searchd/routes.h"

#include "searchd/handlers.h"

namespace consulta {
namespace {

// Page file names are [A-Za-z0-9._-] (StaticFiles::load enforces it): only '.' is special.
std::string exact_pattern(const std::string& path) {
    std::string pattern;
    for (char c : path) {
        if (c == '.') pattern += '\\';
        pattern += c;
    }
    return pattern;
}

}  // namespace

std::vector<Route> route_table(const StaticFiles& web) {
    std::vector<Route> routes = {
        {"/v1/search", "/v1/search", handle_search},
        {"/v1/documents/{id}", R"(/v1/documents/([^/]+))", handle_document},
        {"/v1/mentions", "/v1/mentions", handle_mentions},
        {"/v1/crosstab", "/v1/crosstab", handle_crosstab},
        {"/v1/concordance", "/v1/concordance", handle_concordance},
        {"/v1/facets/{type}", R"(/v1/facets/([^/]+))", handle_facet_values},
        {"/v1/entities/{type}/{id}", R"(/v1/entities/([^/]+)/([^/]+))", handle_entity},
        {"/v1/stats", "/v1/stats", handle_stats},
        {"/healthz", "/healthz", handle_healthz},
        {"/metrics", "/metrics", handle_metrics},
        {"/openapi.json", "/openapi.json", handle_openapi},
    };
    std::string files;
    for (const auto& path : web.url_paths()) {
        if (path == "/openapi.json") continue;  // the API's own document wins
        files += (files.empty() ? "" : "|") + exact_pattern(path);
    }
    if (!files.empty()) routes.push_back({"/ (page)", files, handle_web});
    return routes;
}

}  // namespace consulta
