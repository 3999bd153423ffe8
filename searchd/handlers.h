#pragma once
// The handlers of the route table. Each is thin: parse -> service -> JSON.
#include <httplib.h>

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

}  // namespace consulta
