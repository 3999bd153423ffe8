#include "searchd/server.h"

#include <malloc.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <mutex>
#include <regex>
#include <sstream>

#include "core/text/encoding.h"
#include "core/search/query_budget.h"
#include "searchd/errors.h"
#include "searchd/work_queue.h"

namespace consulta {
namespace {

using Clock = std::chrono::steady_clock;

constexpr int kListenBacklog = 512;
constexpr std::size_t kMaxPayloadBytes = 64 * 1024;

// What the access log and metrics need about the request a thread is serving. httplib 0.11
// has no per-request user data; a request is served from start to end on one thread.
struct Trace {
    bool active = false;
    Clock::time_point start;
    std::string_view route = "unmatched";
    std::optional<std::size_t> hits;
};
thread_local Trace t_trace;

// Set by the logger, which httplib calls once per answer: the connection cannot be trusted
// with another request (its request could not be parsed: 400, 414; or the answer says close).
thread_local bool t_close_after = false;

// The socket of the connection a worker serves, for the query budget's "client gone" check;
// -1 when the client already closed its side after sending (then it cannot be told apart).
thread_local int t_connection_fd = -1;

// Memory freed by a large search stays with the allocator unless handed back.
void release_memory() { malloc_trim(0); }

// Range is applied by httplib to every 2xx body, API answers included, and a long list of
// overlapping ranges multiplies a small body thousands of times: no Consulta answer is worth
// resuming, so Range is ignored. `req` is httplib's own non-const Request, passed as const.
void drop_ranges(const httplib::Request& req) { const_cast<httplib::Request&>(req).ranges.clear(); }

bool has_body(const httplib::Request& req) {
    if (req.has_header("Transfer-Encoding")) return true;
    // Two lengths ("0" and "40") leave the end of the request to whoever reads it: a body.
    if (req.get_header_value_count("Content-Length") > 1) return true;
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

// Exposes the listening socket, to raise the backlog compiled into Debian's library (5), and
// replaces httplib's connection loop (a worker per connection, a fresh read buffer per
// request) with the hub and the workers: httplib still parses, routes and writes each request.
class SearchServer::Http : public httplib::Server {
public:
    explicit Http(SearchServer& owner) : owner_(owner) {}
    void raise_backlog(int backlog) { ::listen(svr_sock_, backlog); }
    bool answer(ConnectionStream& stream, bool close_connection, bool& connection_closed) {
        return process_request(stream, close_connection, connection_closed, nullptr);
    }
    std::atomic<Front*> front{nullptr};
    // Orders stop(), on the signal thread, before the Front's shutdown and deletion on the
    // thread that runs listen(): stop() marks the Front stopping under it, and the Front takes
    // it before it shuts down and before it goes. Without it stop() could touch a Front being
    // deleted, and nothing a sanitizer can see would order the two (httplib's own stop flag
    // lives in a library built without ThreadSanitizer).
    std::mutex front_change;

private:
    // httplib's accept loop runs the task queue's job inline (Front::enqueue), which lands
    // here: the socket goes to the hub, and the accept loop goes back to accept().
    bool process_and_close_socket(socket_t sock) override;
    SearchServer& owner_;
};

// httplib's task queue, made by listen_after_bind() and shut down when it returns: it owns
// the hub and the workers of one run.
class SearchServer::Front : public httplib::TaskQueue {
public:
    Front(SearchServer& server, const ServerOptions& options, std::shared_ptr<QueueGauges> gauges,
          Metrics& metrics, std::atomic<Front*>& slot, std::mutex& slot_change)
        : slot_(slot),
          slot_change_(slot_change),
          gauges_(gauges),
          workers_(options.threads, options.max_queued, gauges,
                   [&server](Connection&& c) { server.serve(std::move(c)); }),
          hub_(options.front, [this](Connection&& c) { return workers_.offer(std::move(c)); },
               [&metrics] { metrics.count_shed(); }) {}
    ~Front() override {
        shutdown();
        std::lock_guard lock(slot_change_);
        slot_.store(nullptr);
    }

    void enqueue(std::function<void()> fn) override { fn(); }
    void shutdown() override {
        { std::lock_guard lock(slot_change_); }  // after a stop() under way has marked us
        hub_.stop();
        workers_.shutdown();
    }
    void adopt(int fd) {
        hub_.adopt(fd);
        gauges_->connections.store(hub_.open(), std::memory_order_relaxed);
    }
    void give_back(Connection&& c) {
        hub_.give_back(std::move(c));
        gauges_->connections.store(hub_.open(), std::memory_order_relaxed);
    }
    bool pass_turn(Connection&& c) { return workers_.pass_turn(std::move(c)); }
    void close(Connection& c) {
        hub_.close(c);
        gauges_->connections.store(hub_.open(), std::memory_order_relaxed);
    }
    bool stopping() const { return stopping_.load(); }
    void begin_stop() { stopping_ = true; }

private:
    std::atomic<Front*>& slot_;
    std::mutex& slot_change_;
    std::shared_ptr<QueueGauges> gauges_;
    std::atomic<bool> stopping_{false};
    WorkQueue workers_;
    ConnectionHub hub_;
};

bool SearchServer::Http::process_and_close_socket(socket_t sock) {
    Front* f = front.load();
    if (f == nullptr) {
        ::close(sock);
        return false;
    }
    f->adopt(sock);
    return true;
}

void SearchServer::serve(Connection&& connection) {
    Front& front = *http_->front.load();
    ConnectionStream stream(connection, options_.front.write_timeout);
    while (true) {
        stream.next_request();
        t_close_after = false;
        t_connection_fd = connection.client_done ? -1 : connection.fd;
        const bool last = front.stopping() || connection.client_done ||
                          connection.served + 1 >= options_.front.keep_alive_requests;
        bool closed = false;
        const bool ok = http_->answer(stream, last, closed);
        t_connection_fd = -1;
        finish_reading(stream);
        ++connection.served;
        // (A failed answer may be close_after()'s deliberate one: its bytes are sent too.)
        if (!ok || closed || last || t_close_after) {
            if (!connection.pending_out.empty()) {
                connection.close_after_flush = true;  // the hub sends the rest, then closes
                front.give_back(std::move(connection));
                return;
            }
            break;
        }
        // An answer the client has not taken yet goes out from the hub; the next request
        // is served once it has (the hub dispatches a complete pipelined head itself).
        if (!connection.pending_out.empty()) {
            front.give_back(std::move(connection));
            return;
        }
        switch (check_head(connection.buffer, options_.front)) {
            case HeadState::kComplete:
                // Pipelined: answered in order, one request per turn while others wait.
                if (front.pass_turn(std::move(connection))) return;
                continue;
            case HeadState::kTooLarge:
                send_and_close(connection.fd, head_too_large_answer(options_.front));
                connection.fd = -1;
                front.close(connection);  // counts it closed
                return;
            case HeadState::kIncomplete:
                front.give_back(std::move(connection));
                return;
        }
    }
    front.close(connection);
}

SearchServer::SearchServer(App app, ServerOptions options)
    : app_(std::move(app)), options_(std::move(options)), http_(std::make_unique<Http>(*this)) {
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
    {
        std::lock_guard lock(http_->front_change);
        if (Front* front = http_->front.load()) front->begin_stop();
    }
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
        QueryBudget::Scope budget(query_limits());
        route.handler(app_, req, res, note);
    } catch (const QueryBudgetExceeded& over) {
        res = httplib::Response{};
        switch (over.reason) {
            case QueryBudgetExceeded::Reason::kTime:
                write_error(res, {ApiCode::kQueryTimeout,
                                  "the search took longer than its budget of " +
                                      std::to_string(app_.settings.searchd.query_timeout_ms) +
                                      " ms; narrow it (fewer wildcards, more words)",
                                  {}});
                break;
            case QueryBudgetExceeded::Reason::kMemory:
                write_error(res, {ApiCode::kMemoryExhausted,
                                  "the daemon is over its memory bound; retry", {}});
                break;
            case QueryBudgetExceeded::Reason::kClientGone:
                write_error(res, {ApiCode::kClientGone, "the client closed the connection", {}});
                close_after(res);
                break;
        }
        release_memory();
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
    if (QueryBudget::resident_bytes() > memory_bound() / 2) release_memory();
}

std::size_t SearchServer::memory_bound() const {
    const std::size_t mb = app_.settings.searchd.max_memory_mb;
    return mb == 0 ? SIZE_MAX : mb << 20;
}

QueryLimits SearchServer::query_limits() const {
    QueryLimits limits;
    limits.time = std::chrono::milliseconds(app_.settings.searchd.query_timeout_ms);
    limits.max_resident_bytes = app_.settings.searchd.max_memory_mb << 20;
    const int fd = t_connection_fd;
    if (fd >= 0) {
        // Gone: the client closed its side (end of stream) or reset the connection.
        limits.client_gone = [fd] {
            char byte;
            const ssize_t n = ::recv(fd, &byte, 1, MSG_PEEK | MSG_DONTWAIT);
            return n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR);
        };
    }
    return limits;
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
    // A request httplib could not parse never reached screen(): its end is unknown.
    t_close_after = !t_trace.active || res.get_header_value("Connection") == "close";
    t_trace = Trace{};
}

void SearchServer::install() {
    Http& http = *http_;
    http.set_tcp_nodelay(true);  // off by default in 0.11.4: 40 ms stalls on keep-alive
    // Only what httplib announces in its Keep-Alive header: the hub keeps the time itself.
    http.set_keep_alive_max_count(options_.front.keep_alive_requests);
    http.set_keep_alive_timeout(std::max<time_t>(
        1, std::chrono::duration_cast<std::chrono::seconds>(options_.front.keep_alive).count()));
    http.set_payload_max_length(kMaxPayloadBytes);
    http.new_task_queue = [this] {
        auto* front = new Front(*this, options_, app_.queue, app_.metrics, http_->front,
                                http_->front_change);
        http_->front.store(front);
        return front;
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
