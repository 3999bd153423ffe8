#pragma once
// What every handler gets: the daemon's shared, read-only state, passed in explicitly.
#include <httplib.h>

#include <cstddef>
#include <memory>
#include <optional>
#include <string>

#include "core/config/settings.h"
#include "searchd/metrics.h"
#include "searchd/searchers.h"
#include "searchd/static_files.h"
#include "searchd/work_queue.h"

namespace consulta {

/// The daemon's state as handlers see it. Everything here is thread-safe to use.
struct App {
    const Settings& settings;
    SearcherPool& searchers;  ///< thread-local Searchers
    Metrics& metrics;
    const StaticFiles& web;    ///< the page, read at startup
    std::string_view openapi;  ///< the OpenAPI document, as served
    std::shared_ptr<QueueGauges> queue;
};

/// What a handler tells the access log beyond status and time.
struct RequestNote {
    std::optional<std::size_t> hits;  ///< total matches, for searches
};

/// The one handler signature: parse the request, call the service, write the answer.
using RouteHandler = void (*)(const App& app, const httplib::Request& req, httplib::Response& res,
                              RequestNote& note);

}  // namespace consulta
