// The HTTP ceiling that includes matching: the plain Enquire of plain_search.h (exact counts,
// ten hits, no facets, no snippets) behind a cpp-httplib handler, with TCP_NODELAY and
// consulta-searchd's server settings (worker count, keep-alive, timeouts). What searchd
// could answer at best if everything it adds to Xapian's matching were free.
//
// usage: bench_enquire_server --index DIR [--listen 127.0.0.1:0] [--threads 32]
// GET /v1/search?q=...&state=XX answers {"total":N,"hits":[{"id":...,"score":...}]}.
// Prints "bench_enquire_server listening on http://HOST:PORT" on stdout; stops on SIGTERM.
#include <cstdio>
#include <iostream>
#include <memory>
#include <string>

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "bench/sotu/plain_search.h"
#include "core/index/schema.h"

namespace {

// As searchd/server.cpp (read there; the ceiling must not link searchd).
constexpr std::size_t kKeepAliveMaxCount = 100;
constexpr time_t kKeepAliveSeconds = 2;
constexpr time_t kReadTimeoutSeconds = 5;
constexpr time_t kWriteTimeoutSeconds = 10;

// A Xapian database is not thread-safe: each worker opens its own on first use.
consulta::bench::PlainSearch& searcher_of_this_thread(const std::string& index) {
    thread_local std::unique_ptr<consulta::bench::PlainSearch> searcher;
    if (!searcher) searcher = std::make_unique<consulta::bench::PlainSearch>(index, "english");
    return *searcher;
}

void handle_search(const std::string& index, const httplib::Request& req, httplib::Response& res) {
    const std::string q = req.get_param_value("q");
    const std::string state = req.get_param_value("state");
    try {
        auto& searcher = searcher_of_this_thread(index);
        const auto answer = searcher.search(
            q, state.empty() ? std::string() : std::string(consulta::schema::kPrefixState) + state, 10);
        nlohmann::json hits = nlohmann::json::array();
        for (const auto& hit : answer.hits) {
            hits.push_back({{"id", searcher.document_id(hit.docid)}, {"score", hit.weight}});
        }
        res.set_content(nlohmann::json{{"total", answer.total}, {"hits", hits}}.dump(),
                        "application/json");
    } catch (const Xapian::Error& e) {
        res.status = 400;
        res.set_content(nlohmann::json{{"error", e.get_description()}}.dump(), "application/json");
    }
}

}  // namespace

int main(int argc, char** argv) {
    std::string index, host = "127.0.0.1";
    int port = 0;
    std::size_t threads = 32;  // searchd's default ([searchd] threads)
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string arg = argv[i], value = argv[i + 1];
        if (arg == "--index") {
            index = value;
        } else if (arg == "--listen") {
            const auto colon = value.rfind(':');
            host = value.substr(0, colon);
            port = std::stoi(value.substr(colon + 1));
        } else if (arg == "--threads") {
            threads = std::stoul(value);
        }
    }
    if (index.empty()) {
        std::cerr << "usage: bench_enquire_server --index DIR [--listen HOST:PORT] [--threads N]\n";
        return 2;
    }
    httplib::Server server;
    server.set_tcp_nodelay(true);
    server.set_read_timeout(kReadTimeoutSeconds);
    server.set_write_timeout(kWriteTimeoutSeconds);
    server.set_keep_alive_max_count(kKeepAliveMaxCount);
    server.set_keep_alive_timeout(kKeepAliveSeconds);
    server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    server.Get("/v1/search", [&index](const httplib::Request& req, httplib::Response& res) {
        handle_search(index, req, res);
    });
    port = port == 0 ? server.bind_to_any_port(host) : (server.bind_to_port(host, port) ? port : -1);
    if (port < 0) {
        std::cerr << "bench_enquire_server: cannot listen on " << host << "\n";
        return 1;
    }
    std::cout << "bench_enquire_server listening on http://" << host << ":" << port << std::endl;
    return server.listen_after_bind() ? 0 : 1;
}
