#pragma once
// The handlers of the route table. Each is thin: parse -> service -> JSON.
#include <httplib.h>

#include <nlohmann/json.hpp>

#include "core/search/searcher.h"
#include "searchd/app.h"

namespace consulta {

void handle_search(const App& app, const httplib::Request& req, httplib::Response& res,
                   RequestNote& note);
void handle_facet_values(const App& app, const httplib::Request& req, httplib::Response& res,
                         RequestNote& note);
void handle_document(const App& app, const httplib::Request& req, httplib::Response& res,
                     RequestNote& note);
void handle_entity(const App& app, const httplib::Request& req, httplib::Response& res,
                   RequestNote& note);
void handle_mentions(const App& app, const httplib::Request& req, httplib::Response& res,
                     RequestNote& note);
void handle_crosstab(const App& app, const httplib::Request& req, httplib::Response& res,
                     RequestNote& note);
void handle_concordance(const App& app, const httplib::Request& req, httplib::Response& res,
                        RequestNote& note);
void handle_stats(const App& app, const httplib::Request& req, httplib::Response& res,
                  RequestNote& note);
void handle_healthz(const App& app, const httplib::Request& req, httplib::Response& res,
                    RequestNote& note);
void handle_metrics(const App& app, const httplib::Request& req, httplib::Response& res,
                    RequestNote& note);
void handle_openapi(const App& app, const httplib::Request& req, httplib::Response& res,
                    RequestNote& note);
void handle_web(const App& app, const httplib::Request& req, httplib::Response& res,
                RequestNote& note);

/// The calling worker's Searcher; when it cannot be opened, writes the error and returns null.
Searcher* local_searcher(const App& app, httplib::Response& res);
/// The same for a route that accepts partial=1 over a sharded index: a bad value is a 400.
Searcher* local_searcher(const App& app, const httplib::Request& req, httplib::Response& res);
/// Adds "shards": {"total", "answered", "missing"} to the answer of a partial=1 request over a
/// sharded index (docs/api.md).
nlohmann::json with_shard_report(const Searcher& searcher, const httplib::Request& req,
                                 nlohmann::json body);

}  // namespace consulta
