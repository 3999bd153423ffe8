// Search latency over HTTP: consulta-searchd on loopback beside the empty cpp-httplib server
// (bench_empty_server, same settings) in the same run, one keep-alive client, requests
// interleaved. The empty server is the floor: what HTTP and httplib cost on this machine.
//
// usage: bench_http_latency --port P [--ceiling-port E] [--repeat N] [--host 127.0.0.1]
// Prints one row per URL: median and p99 in microseconds, and the difference to the floor.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include <httplib.h>

namespace {

using Clock = std::chrono::steady_clock;

constexpr int kWarmup = 20;

// The five queries of bench_search_latency, all facets and snippets (the defaults), and a
// cheap route.
const std::vector<std::pair<std::string, std::string>> kUrls = {
    {"q=trafficking", "/v1/search?q=trafficking"},
    {"q=\"human trafficking\"", "/v1/search?q=%22human%20trafficking%22"},
    {"q=migration state=ZA", "/v1/search?q=migration&state=ZA"},
    {"q=state:RSA mechanism:midsa", "/v1/search?q=state%3ARSA%20mechanism%3Amidsa"},
    {"q= year=2006", "/v1/search?q=&year=2006"},
    {"/healthz", "/healthz"},
};

struct Stats {
    double median = 0, p99 = 0;
};

Stats stats_of(std::vector<double> v) {
    if (v.empty()) return {NAN, NAN};
    std::sort(v.begin(), v.end());
    const std::size_t p99 =
        std::min(v.size() - 1, static_cast<std::size_t>(std::ceil(0.99 * v.size())) - 1);
    return {v[v.size() / 2], v[p99]};
}

// One GET; the time in microseconds, or a negative number when it did not answer 200.
double timed_get(httplib::Client& client, const std::string& url, std::size_t* bytes) {
    const auto start = Clock::now();
    auto res = client.Get(url.c_str());
    const double us = std::chrono::duration<double, std::micro>(Clock::now() - start).count();
    if (!res || res->status != 200) return -1;
    if (bytes) *bytes = res->body.size();
    return us;
}

}  // namespace

int main(int argc, char** argv) {
    std::string host = "127.0.0.1";
    int port = 0, ceiling_port = 0, repeat = 300;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string arg = argv[i];
        if (arg == "--port") port = std::stoi(argv[i + 1]);
        else if (arg == "--ceiling-port") ceiling_port = std::stoi(argv[i + 1]);
        else if (arg == "--repeat") repeat = std::stoi(argv[i + 1]);
        else if (arg == "--host") host = argv[i + 1];
    }
    if (port <= 0 || repeat < 1) {
        std::fprintf(stderr, "usage: bench_http_latency --port P [--ceiling-port E] [--repeat N]\n");
        return 2;
    }
    httplib::Client ours(host, port), empty(host, ceiling_port);
    for (httplib::Client* c : {&ours, &empty}) {
        c->set_keep_alive(true);
        c->set_tcp_nodelay(true);
        c->set_connection_timeout(2);
        c->set_read_timeout(5);
    }
    const std::size_t n = kUrls.size();
    std::vector<std::size_t> body_bytes(n);
    int errors = 0;
    for (std::size_t i = 0; i < n; ++i) {
        for (int w = 0; w < kWarmup; ++w) {
            if (timed_get(ours, kUrls[i].second, &body_bytes[i]) < 0) ++errors;
            if (ceiling_port > 0) timed_get(empty, kUrls[i].second, nullptr);
        }
    }
    if (errors > 0) {
        std::fprintf(stderr, "consulta-searchd on port %d did not answer 200 (%d errors)\n", port,
                     errors);
        return 1;
    }
    std::vector<std::vector<double>> ours_us(n), empty_us(n);
    for (int r = 0; r < repeat; ++r) {
        for (std::size_t i = 0; i < n; ++i) {
            const double us = timed_get(ours, kUrls[i].second, nullptr);
            us < 0 ? ++errors : (ours_us[i].push_back(us), 0);
            if (ceiling_port > 0) {
                const double e = timed_get(empty, kUrls[i].second, nullptr);
                if (e >= 0) empty_us[i].push_back(e);
            }
        }
    }
    std::printf("http://%s:%d, one keep-alive client, %d requests per URL (after %d warm-up), "
                "%d errors; microseconds per request\n",
                host.c_str(), port, repeat, kWarmup, errors);
    std::printf("%-30s %8s | %12s %9s | %9s %9s | %10s\n", "url", "bytes", "searchd p50", "p99",
                "empty p50", "p99", "p50 diff");
    for (std::size_t i = 0; i < n; ++i) {
        const Stats o = stats_of(ours_us[i]), e = stats_of(empty_us[i]);
        std::printf("%-30s %8zu | %12.0f %9.0f | %9.0f %9.0f | %10.0f\n", kUrls[i].first.c_str(),
                    body_bytes[i], o.median, o.p99, e.median, e.p99, o.median - e.median);
    }
    return errors == 0 ? 0 : 1;
}
