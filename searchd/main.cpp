// consulta-searchd: arguments, settings, signals; the server does the rest.
#include <pthread.h>
#include <signal.h>
#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <ctime>
#include <iostream>
#include <thread>

#include "core/config/settings.h"
#include "core/entities/gazetteer.h"
#include "core/search/searcher.h"
#include "searchd/openapi.h"
#include "searchd/options.h"
#include "searchd/routes.h"
#include "searchd/server.h"

namespace {

using namespace consulta;
namespace fs = std::filesystem;

constexpr int kExitUsage = 2;
constexpr int kExitNoIndex = 3;

int fail(int code, const std::string& message) {
    std::cerr << "consulta-searchd: " << message << std::endl;
    return code;
}

Result<Settings> settings_for(const CommandLine& line) {
    if (!line.config_file.empty()) return load_settings(line.config_file);
    const fs::path dir = default_config_dir();
    std::error_code ec;
    if (fs::exists(dir / "consulta.toml", ec)) return load_settings(dir / "consulta.toml");
    return default_settings(dir);
}

// SIGTERM and SIGINT are blocked in every thread and taken by sigtimedwait here, so stopping
// needs no handler and no global: the watcher simply calls stop().
void watch_signals(const sigset_t& signals, SearchServer& server, const std::atomic<bool>& done) {
    const timespec tick{0, 200'000'000};
    while (!done.load()) {
        const int signal = sigtimedwait(&signals, nullptr, &tick);
        if (signal == SIGTERM || signal == SIGINT) {
            std::cerr << "consulta-searchd: stopping ("
                      << (signal == SIGTERM ? "SIGTERM" : "SIGINT")
                      << "), finishing requests in flight" << std::endl;
            server.stop();
            return;
        }
    }
}

FrontLimits front_limits(const SearchdSettings& s) {
    using std::chrono::milliseconds;
    using std::chrono::seconds;
    FrontLimits limits;
    limits.head_timeout = seconds(s.head_timeout_seconds);
    limits.keep_alive = seconds(s.keep_alive_seconds);
    limits.write_timeout = seconds(s.write_timeout_seconds);
    limits.max_connections = s.max_connections;
    limits.max_head_bytes = s.max_header_bytes;
    limits.max_headers = s.max_headers;
    return limits;
}

// A stock shell gives 1,024 descriptors; max_connections sockets plus the index need more.
void raise_descriptor_limit(std::size_t connections) {
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return;
    const rlim_t wanted = static_cast<rlim_t>(connections) + 256;
    if (limit.rlim_cur >= wanted) return;
    limit.rlim_cur = std::min(wanted, limit.rlim_max);
    setrlimit(RLIMIT_NOFILE, &limit);
    if (limit.rlim_cur < wanted) {
        std::cerr << "consulta-searchd: only " << limit.rlim_cur
                  << " file descriptors allowed (ulimit -n) for max_connections " << connections
                  << std::endl;
    }
}

}  // namespace

int main(int argc, char** argv) {
    // A client that disconnects mid-answer must not kill the daemon.
    signal(SIGPIPE, SIG_IGN);
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    auto line = parse_command_line(argc, argv);
    if (!line) return fail(kExitUsage, line.status().message() + "\n" + usage());
    if (line->help) return std::cout << usage(), 0;

    auto settings = settings_for(*line);
    if (!settings) return fail(kExitUsage, settings.status().message());
    if (line->listen) settings->searchd.listen = *line->listen;
    if (line->threads) settings->searchd.threads = *line->threads;
    auto listen = parse_listen(settings->searchd.listen);
    if (!listen) return fail(kExitUsage, listen.status().message());

    auto gazetteer = Gazetteer::load(settings->gazetteers);
    if (!gazetteer) return fail(kExitUsage, gazetteer.status().message());
    auto shared = std::make_shared<const Gazetteer>(std::move(gazetteer).value());

    // A missing or foreign index is an operator's mistake: say so now, not as 503s later.
    const fs::path index_dir = line->index_dir;
    if (auto probe = Searcher::open(index_dir, shared, *settings); !probe) {
        return fail(kExitNoIndex, "no usable Consulta index in " + index_dir.string() + " (" +
                                      probe.status().message() +
                                      "); build one with: consulta-indexer --corpus DIR --index " +
                                      index_dir.string());
    }

    const fs::path web_root = settings->searchd.web_root.empty()
                                  ? fs::path(CONSULTA_SEARCHD_WEB_DIR)
                                  : fs::path(settings->searchd.web_root);
    std::vector<std::string> skipped;
    const StaticFiles web = StaticFiles::load(web_root, &skipped);
    if (web.size() == 0) std::cerr << "consulta-searchd: no web page in " << web_root << "\n";
    for (const auto& file : skipped) {
        std::cerr << "consulta-searchd: not serving " << (web_root / file) << "\n";
    }

    Metrics metrics;
    SearcherPool searchers(index_dir, shared, *settings);
    App app{*settings, searchers,          metrics,
            web,       openapi_document(), std::make_shared<QueueGauges>()};
    ServerOptions options{listen->first, listen->second, settings->searchd.threads,
                          line->max_queued.value_or(0), std::nullopt,
                          front_limits(settings->searchd)};
    raise_descriptor_limit(options.front.max_connections);
    if (line->test_fault) {
        auto fault = parse_test_fault(*line->test_fault);
        if (!fault) return fail(kExitUsage, fault.status().message());
        const auto routes = route_table(web);
        const bool known = std::any_of(routes.begin(), routes.end(),
                                       [&](const Route& r) { return r.name == fault->route; });
        if (!known) return fail(kExitUsage, "--test-fault: no route named " + fault->route);
        std::cerr << "consulta-searchd: TESTING ONLY: --test-fault " << *line->test_fault
                  << " is active" << std::endl;
        options.test_fault = std::move(fault).value();
    }
    SearchServer server(app, options);
    auto port = server.bind();
    if (!port) return fail(1, port.status().message());
    const bool v6 = listen->first.find(':') != std::string::npos;
    std::cout << "consulta-searchd listening on http://" << (v6 ? "[" : "") << listen->first
              << (v6 ? "]" : "") << ":" << *port << std::endl;

    std::atomic<bool> done{false};
    std::thread watcher(watch_signals, std::cref(signals), std::ref(server), std::cref(done));
    const bool ok = server.run();
    done = true;
    watcher.join();
    std::cerr << "consulta-searchd: stopped" << std::endl;
    return ok ? 0 : 1;
}
