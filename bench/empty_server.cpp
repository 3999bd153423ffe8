// The ceiling for requests per second: cpp-httplib with consulta-searchd's server settings
// (tcp_nodelay, timeouts, keep-alive limits, backlog, worker count) and a handler that answers
// GET /v1/search with a fixed small JSON body. No index, no logging, no load shedding
// (httplib's own unbounded ThreadPool instead of searchd's WorkQueue).
//
// usage: bench_empty_server [--listen 127.0.0.1:0] [--threads 32]
// Prints "bench_empty_server listening on http://HOST:PORT" on stdout; stops on SIGTERM.
#include <sys/socket.h>

#include <cstdio>
#include <iostream>
#include <string>

#include <httplib.h>

namespace {

// As searchd/server.cpp; kept in step by hand (the empty server must not link searchd).
constexpr int kListenBacklog = 512;
constexpr std::size_t kMaxPayloadBytes = 64 * 1024;
constexpr std::size_t kKeepAliveMaxCount = 100;
constexpr time_t kKeepAliveSeconds = 2;
constexpr time_t kReadTimeoutSeconds = 5;
constexpr time_t kWriteTimeoutSeconds = 10;

constexpr const char* kBody =
    R"({"query":{"q":"trafficking","filters":{},"sort":"relevance","offset":0,"limit":10},)"
    R"("total":0,"took_ms":0.0,"generation":1,"hits":[],"facets":{}})";

class EmptyServer : public httplib::Server {
public:
    void raise_backlog(int backlog) { ::listen(svr_sock_, backlog); }
};

}  // namespace

int main(int argc, char** argv) {
    std::string host = "127.0.0.1";
    int port = 0;
    std::size_t threads = 32;  // searchd's default ([searchd] threads)
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string arg = argv[i], value = argv[i + 1];
        if (arg == "--listen") {
            const auto colon = value.rfind(':');
            host = value.substr(0, colon);
            port = std::stoi(value.substr(colon + 1));
        } else if (arg == "--threads") {
            threads = std::stoul(value);
        }
    }
    EmptyServer server;
    server.set_tcp_nodelay(true);
    server.set_read_timeout(kReadTimeoutSeconds);
    server.set_write_timeout(kWriteTimeoutSeconds);
    server.set_keep_alive_max_count(kKeepAliveMaxCount);
    server.set_keep_alive_timeout(kKeepAliveSeconds);
    server.set_payload_max_length(kMaxPayloadBytes);
    server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    server.Get("/v1/search", [](const httplib::Request&, httplib::Response& res) {
        res.set_content(kBody, "application/json");
    });
    server.Get("/healthz", [](const httplib::Request&, httplib::Response& res) {
        res.set_content(R"({"status":"ok","documents":0,"generation":1})", "application/json");
    });
    port = port == 0 ? server.bind_to_any_port(host) : (server.bind_to_port(host, port) ? port : -1);
    if (port < 0) {
        std::cerr << "bench_empty_server: cannot listen on " << host << "\n";
        return 1;
    }
    server.raise_backlog(kListenBacklog);
    std::cout << "bench_empty_server listening on http://" << host << ":" << port << std::endl;
    return server.listen_after_bind() ? 0 : 1;
}
