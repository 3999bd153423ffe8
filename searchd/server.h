#pragma once
// The HTTP server: owns httplib::Server, installs the route table and the cross-cutting
// policies (overload, bodies, Range, CORS, errors, access log, metrics), and runs it.
#include <cstddef>
#include <memory>
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "core/common/status.h"
#include "core/search/query_budget.h"
#include "searchd/app.h"
#include "searchd/connection_hub.h"
#include "searchd/routes.h"
#include "searchd/test_fault.h"

namespace consulta {

/// How to listen and how much to take on.
struct ServerOptions {
    std::string host = "127.0.0.1";
    int port = 8080;             ///< 0 = any free port
    std::size_t threads = 8;     ///< worker threads, each with its own Searcher
    std::size_t max_queued = 0;  ///< connections waiting for a worker before 503; 0 = 4 x threads
    std::optional<TestFault> test_fault;  ///< testing only: a fault injected into one route
    FrontLimits front;                    ///< deadlines and caps for clients (connection_hub.h)
};

/// One daemon instance. bind(), then run() on one thread and stop() from any other.
class SearchServer {
public:
    SearchServer(App app, ServerOptions options);
    ~SearchServer();
    SearchServer(const SearchServer&) = delete;
    SearchServer& operator=(const SearchServer&) = delete;

    /// Binds the listening socket; returns the port (the chosen one when options.port is 0).
    Result<int> bind();

    /// Serves until stop(); in-flight requests complete before it returns. False when the
    /// listening socket failed.
    bool run();

    /// Stops accepting and lets run() return once in-flight requests are answered.
    void stop();

private:
    class Http;
    class Front;
    void install();
    void serve(Connection&& connection);
    void dispatch(const Route& route, const httplib::Request& req, httplib::Response& res);
    void preflight(const httplib::Request& req, httplib::Response& res) const;
    httplib::Server::HandlerResponse screen(const httplib::Request& req, httplib::Response& res);
    void finish(const httplib::Request& req, httplib::Response& res) const;
    void log_request(const httplib::Request& req, const httplib::Response& res);
    bool matches_route(const std::string& path) const;
    std::string allowed_origin(const httplib::Request& req) const;
    QueryLimits query_limits() const;
    std::size_t memory_bound() const;

    App app_;
    ServerOptions options_;
    std::vector<Route> routes_;
    std::vector<std::regex> patterns_;
    std::unique_ptr<Http> http_;
    std::unique_ptr<FaultInjector> fault_;  ///< null unless options.test_fault is set
};

}  // namespace consulta
