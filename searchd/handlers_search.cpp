// GET /v1/search and GET /v1/facets/{type}.
#include "core/search/search_json.h"
#include "searchd/errors.h"
#include "searchd/handlers.h"
#include "searchd/params.h"

namespace consulta {

void handle_search(const App& app, const httplib::Request& req, httplib::Response& res,
                   RequestNote& note) {
    SearchRequest request;
    if (auto error = parse_search_params(req, app.settings, &request)) {
        return write_error(res, *error);
    }
    Searcher* searcher = local_searcher(app, req, res);
    if (!searcher) return;
    auto response = searcher->search(request);
    if (!response) return write_error(res, to_api_error(response.status()));
    note.hits = response->total;
    write_json(res, with_shard_report(*searcher, req, to_json(*response)));
}

void handle_facet_values(const App& app, const httplib::Request& req, httplib::Response& res,
                         RequestNote& note) {
    const std::string name = req.matches[1];
    auto type = parse_facet_type(name);
    if (!type) return write_error(res, {ApiCode::kNotFound, "no facet type '" + name + "'", {}});
    FacetValuesRequest request;
    if (auto error = parse_facet_params(req, app.settings, *type, &request)) {
        return write_error(res, *error);
    }
    Searcher* searcher = local_searcher(app, req, res);
    if (!searcher) return;
    auto response = searcher->facet_values(request);
    if (!response) return write_error(res, to_api_error(response.status()));
    note.hits = response->total_values;
    write_json(res, with_shard_report(*searcher, req, to_json(*response)));
}

}  // namespace consulta
