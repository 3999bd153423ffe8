// GET /v1/stats, /healthz, /metrics, /openapi.json and the page.
#include "core/search/search_json.h"
#include "searchd/errors.h"
#include "searchd/known_params.h"
#include "searchd/handlers.h"
#include "searchd/params.h"

namespace consulta {

Searcher* local_searcher(const App& app, httplib::Response& res) {
    auto searcher = app.searchers.local();
    if (!searcher) {
        write_error(res, to_api_error(searcher.status()));
        return nullptr;
    }
    (*searcher)->accept_partial(false);
    return *searcher;
}

Searcher* local_searcher(const App& app, const httplib::Request& req, httplib::Response& res) {
    bool partial = false;
    if (auto error = parse_flag(req, "partial", &partial)) {
        write_error(res, *error);
        return nullptr;
    }
    Searcher* searcher = local_searcher(app, res);
    if (searcher) searcher->accept_partial(partial);
    return searcher;
}

nlohmann::json with_shard_report(const Searcher& searcher, const httplib::Request&,
                                 nlohmann::json body) {
    const ShardReport report = searcher.shard_report();
    if (report.total == 0 || !searcher.partial_accepted()) {
        return body;
    }
    body["shards"] = {{"total", report.total},
                      {"answered", report.total - report.missing.size()},
                      {"missing", report.missing}};
    return body;
}

void handle_stats(const App& app, const httplib::Request& req, httplib::Response& res, RequestNote&) {
    if (auto error = check_known_parameters(req, "/v1/stats")) return write_detailed_error(res, *error);
    Searcher* searcher = local_searcher(app, req, res);
    if (!searcher) return;
    auto stats = searcher->stats();
    if (!stats) return write_error(res, to_api_error(stats.status()));
    write_json(res, with_shard_report(*searcher, req, to_json(*stats)));
}

void handle_healthz(const App& app, const httplib::Request&, httplib::Response& res, RequestNote&) {
    Searcher* searcher = local_searcher(app, res);
    if (!searcher) return;
    // Over shards: each shard's state; a missing one makes the daemon degraded, not down
    // (partial=1 still answers), so the status stays 200 with "status": "degraded".
    const std::vector<ShardHealth> shards = searcher->shard_health();
    searcher->accept_partial(true);
    auto stats = searcher->stats();
    if (!stats) return write_error(res, to_api_error(stats.status()));
    nlohmann::json body = {{"status", "ok"}, {"documents", stats->documents}, {"generation", stats->generation}};
    if (!shards.empty()) {
        nlohmann::json list = nlohmann::json::array();
        for (const ShardHealth& shard : shards) {
            nlohmann::json one = {{"name", shard.name}, {"remote", shard.remote}, {"up", shard.up}};
            if (!shard.up) {
                one["error"] = shard.error;
                body["status"] = "degraded";
            }
            list.push_back(std::move(one));
        }
        body["shards"] = std::move(list);
    }
    write_json(res, body);
}

void handle_metrics(const App& app, const httplib::Request&, httplib::Response& res, RequestNote&) {
    MetricsGauges gauges;
    gauges.busy_workers = app.queue->busy.load();
    gauges.queued_connections = app.queue->queued.load();
    gauges.open_connections = app.queue->connections.load();
    // Metrics must answer even when the index cannot be read: that is when they matter.
    if (auto searcher = app.searchers.local()) {
        if (auto stats = (*searcher)->stats()) {
            gauges.index_ok = true;
            gauges.documents = stats->documents;
            gauges.generation = stats->generation;
        }
    }
    write_body(res, app.metrics.render(gauges), "text/plain; version=0.0.4; charset=utf-8");
}

void handle_openapi(const App& app, const httplib::Request&, httplib::Response& res, RequestNote&) {
    write_body(res, std::string(app.openapi), kJsonType);
}

void handle_web(const App& app, const httplib::Request& req, httplib::Response& res, RequestNote&) {
    const StaticFile* file = app.web.find(req.path);
    if (!file) return write_error(res, {ApiCode::kNotFound, "no such page", {}});
    write_body(res, file->content, file->content_type);
    res.set_header("Cache-Control", "no-cache");
}

}  // namespace consulta
