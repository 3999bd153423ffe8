#include "searchd/server.h"

#include <sys/socket.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <regex>
#include <sstream>

#include "core/text/encoding.h"
#include "searchd/errors.h"
#include "searchd/work_queue.h"

namespace consulta {
namespace {

using Clock = std::chrono::steady_clock;

constexpr int kListenBacklog = 512;
constexpr std::size_t kMaxPayloadBytes = 64 * 1024;
constexpr std::size_t kKeepAliveMaxCount = 100;
constexpr time_t kKeepAliveSeconds = 2;  // an idle keep-alive connection holds a worker
constexpr time_t kReadTimeoutSeconds = 5;
constexpr time_t kWriteTimeoutSeconds = 10;

// What the access log and metrics need about the request a thread is serving. httplib 0.11
// has no per-request user data; a request is served from start to end on one thread.
struct Trace {
    bool active = false;
    Clock::time_point start;
    std::string_view route = "unmatched";
    std::optional<std::size_t> hits;
};
thread_local Trace t_trace;

// Range is applied by httplib to every 2xx body, API answers included, and a long list of
// overlapping ranges multiplies a small body thousands of times: no Consulta answer is worth
// resuming, so Range is ignored. `req` is httplib's own non-const Request, passed as const.
void drop_ranges(const httplib::Request& req) { const_cast<httplib::Request&>(req).ranges.clear(); }

bool has_body(const httplib::Request& req) {
    if (req.has_header("Transfer-Encoding")) return true;
    const auto length = req.get_header_value("Content-Length");
    return !length.empty() && length != "0";
}

// Paths are percent-decoded by httplib: keep control bytes out of the log's lines.
std::string printable(std::string_view text) {
    std::string out;
    for (unsigned char c : text.substr(0, 512)) {
        if (c < 0x20 || c == 0x7f) {
            char hex[5];
            std::snprintf(hex, sizeof hex, "\\x%02x", c);
            out += hex;
        } else {
            out += static_cast<char>(c);
        }
    }
    return out;
}

void log_line(const std::string& line) {
    // One write per line, so lines of concurrent requests do not interleave.
    std::fwrite(line.data(), 1, line.size(), stderr);
}

// Statuses httplib chose itself (no route, malformed request) get the JSON error shape.
httplib::Server::HandlerResponse fill_error(const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty() || res.has_header("Content-Type")) {
        return httplib::Server::HandlerResponse::Unhandled;
    }
    drop_ranges(req);
    const ApiCode code = api_code_for_status(res.status);
    write_error(
        res,
        {code, code == ApiCode::kNotFound ? "no such route" : "the request cannot be read", {}});
    return httplib::Server::HandlerResponse::Handled;
}

void answer_exception(const httplib::Request& req, httplib::Response& res,
                      std::exception_ptr error) {
    std::string what = "unknown exception";
    try {
        std::rethrow_exception(error);
    } catch (const std::exception& e) {
        what = e.what();
    } catch (...) {
    }
    log_line("consulta-searchd: " + req.method + " " + printable(req.path) +
             " failed: " + printable(what) + "\n");
    res = httplib::Response{};
    write_error(res, {ApiCode::kInternal, "internal error", {}});
}

}  // namespace

// Exposes the listening socket, to raise the backlog compiled into Debian's library (5).
class SearchServer::Http : public httplib::Server {
public:
    void raise_backlog(int backlog) { ::listen(svr_sock_, backlog); }
};

SearchServer::SearchServer(App app, ServerOptions options)
    : app_(std::move(app)), options_(std::move(options)), http_(std::make_unique<Http>()) {
    if (options_.threads == 0) options_.threads = 1;
    if (options_.max_queued == 0) options_.max_queued = 4 * options_.threads;
    if (options_.test_fault) fault_ = std::make_unique<FaultInjector>(*options_.test_fault);
    routes_ = route_table(app_.web);
    for (const auto& route : routes_) patterns_.emplace_back(route.pattern);
    install();
}

SearchServer::~SearchServer() = default;

Result<int> SearchServer::bind() {
    int port = options_.port;
    if (port == 0) {
        port = http_->bind_to_any_port(options_.host);
    } else if (!http_->bind_to_port(options_.host, port)) {
        port = -1;
    }
    if (port < 0) {
        return Status{ErrorCode::kIo,
                      "cannot listen on " + options_.host + ":" + std::to_string(options_.port)};
    }
    http_->raise_backlog(kListenBacklog);
    return port;
}

bool SearchServer::run() { return http_->listen_after_bind(); }

void SearchServer::stop() {
    http_->stop();
    // Held requests go on only now, so they are answered after the listening socket closed.
    if (fault_) fault_->release();
}

bool SearchServer::matches_route(const std::string& path) const {
    for (const auto& pattern : patterns_) {
        if (std::regex_match(path, pattern)) return true;
    }
    return false;
}

std::string SearchServer::allowed_origin(const httplib::Request& req) const {
    const auto origin = req.get_header_value("Origin");
    if (origin.empty()) return {};
    for (const auto& allowed : app_.settings.searchd.cors_origins) {
        if (allowed == "*") return "*";
        if (allowed == origin) return origin;
    }
    return {};
}

void SearchServer::dispatch(const Route& route, const httplib::Request& req,
                            httplib::Response& res) {
    t_trace.route = route.name;
    RequestNote note;
    try {
        if (fault_) fault_->before(route.name);
        route.handler(app_, req, res, note);
    } catch (const std::exception& e) {
        log_line("consulta-searchd: " + route.name + " failed: " + printable(e.what()) + "\n");
        res = httplib::Response{};
        write_error(res, {ApiCode::kInternal, "internal error", {}});
    } catch (...) {
        log_line("consulta-searchd: " + route.name + " failed with an unknown exception\n");
        res = httplib::Response{};
        write_error(res, {ApiCode::kInternal, "internal error", {}});
    }
    t_trace.hits = note.hits;
}

void SearchServer::preflight(const httplib::Request& req, httplib::Response& res) const {
    write_no_content(res);
    res.set_header("Allow", kAllowedMethods);
    if (allowed_origin(req).empty()) return;
    res.set_header("Access-Control-Allow-Methods", kAllowedMethods);
    res.set_header("Access-Control-Allow-Headers", "Accept, Content-Type, If-None-Match");
    res.set_header("Access-Control-Max-Age", "600");
}

httplib::Server::HandlerResponse SearchServer::screen(const httplib::Request& req,
                                                      httplib::Response& res) {
    t_trace = Trace{true, Clock::now(), "unmatched", std::nullopt};
    drop_ranges(req);
    if (WorkQueue::on_shedding_thread()) {
        app_.metrics.count_shed();
        write_error(res, {ApiCode::kOverloaded, "too many requests; retry", {}});
        close_after(res);
        return httplib::Server::HandlerResponse::Handled;
    }
    const bool read_only = req.method == "GET" || req.method == "HEAD" || req.method == "OPTIONS";
    if (read_only && !has_body(req)) {
        // Text that is not UTF-8 cannot be matched, quoted back or put in JSON faithfully:
        // say so and name the parameter, rather than answer for a repaired guess.
        for (const auto& [name, value] : req.params) {
            if (!is_valid_utf8(name) || !is_valid_utf8(value)) {
                const std::string shown = is_valid_utf8(name) ? name : "?";
                write_error(res, {ApiCode::kBadParameter,
                                  shown + ": expected UTF-8 text (percent-encoded UTF-8 bytes)",
                                  shown});
                return httplib::Server::HandlerResponse::Handled;
            }
        }
        return httplib::Server::HandlerResponse::Unhandled;
    }
    // Everything else is answered here, before httplib reads a body (it would read a
    // chunked one of any size, or fail on a POST without Content-Length).
    const bool known_route = matches_route(req.path);
    if (!known_route) {
        write_error(res, {ApiCode::kNotFound, "no such route", {}});
    } else if (!read_only) {
        write_method_not_allowed(res, req.method, kAllowedMethods);
    } else {
        write_error(res, {ApiCode::kTooLarge, "request bodies are not accepted", {}});
    }
    // Unread body bytes must never be parsed as a request of their own.
    if (has_body(req)) close_after(res);
    return httplib::Server::HandlerResponse::Handled;
}

void SearchServer::finish(const httplib::Request& req, httplib::Response& res) const {
    res.set_header("X-Content-Type-Options", "nosniff");
    res.headers.erase("Accept-Ranges");  // httplib offers it on HEAD; Range is ignored
    const std::string origin = allowed_origin(req);
    if (!origin.empty()) {
        res.set_header("Access-Control-Allow-Origin", origin);
        res.set_header("Vary", "Origin");
    }
}

void SearchServer::log_request(const httplib::Request& req, const httplib::Response& res) {
    const double ms =
        t_trace.active
            ? std::chrono::duration<double, std::milli>(Clock::now() - t_trace.start).count()
            : 0.0;
    app_.metrics.observe(t_trace.route, res.status, ms / 1000.0);
    std::ostringstream line;
    line.setf(std::ios::fixed);
    line.precision(2);
    line << req.method << " " << printable(req.path) << " " << res.status << " " << ms << " ms";
    if (t_trace.hits) line << " hits=" << *t_trace.hits;
    line << "\n";
    log_line(line.str());
    t_trace = Trace{};
}

void SearchServer::install() {
    Http& http = *http_;
    http.set_tcp_nodelay(true);  // off by default in 0.11.4: 40 ms stalls on keep-alive
    http.set_read_timeout(kReadTimeoutSeconds);
    http.set_write_timeout(kWriteTimeoutSeconds);
    http.set_keep_alive_max_count(kKeepAliveMaxCount);
    http.set_keep_alive_timeout(kKeepAliveSeconds);
    http.set_payload_max_length(kMaxPayloadBytes);
    auto gauges = app_.queue;
    const std::size_t threads = options_.threads, max_queued = options_.max_queued;
    http.new_task_queue = [gauges, threads, max_queued] {
        return new WorkQueue(threads, max_queued, gauges);
    };

    for (const Route& route : routes_) {
        http.Get(route.pattern,
                 [this, &route](const httplib::Request& req, httplib::Response& res) {
                     dispatch(route, req, res);
                 });
        http.Options(route.pattern, [this](const httplib::Request& req, httplib::Response& res) {
            preflight(req, res);
        });
    }

    http.set_pre_routing_handler(
        [this](const httplib::Request& req, httplib::Response& res) { return screen(req, res); });

    http.set_error_handler(httplib::Server::HandlerWithResponse(fill_error));
    // A backstop: dispatch() catches handler exceptions already. Without this handler,
    // httplib would put e.what() into an EXCEPTION_WHAT response header.
    http.set_exception_handler(answer_exception);
    http.set_post_routing_handler(
        [this](const httplib::Request& req, httplib::Response& res) { finish(req, res); });
    http.set_logger([this](const httplib::Request& req, const httplib::Response& res) {
        log_request(req, res);
    });
}

}  // namespace consulta
