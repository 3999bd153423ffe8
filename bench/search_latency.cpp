// Search latency of Consulta's Searcher beside Xapian alone, on the same index in the same run.
// Consulta does more per query (alias resolution, exact totals, facet counts over every match,
// multi-select facet passes, snippets from each hit's parsed record); the ceiling for "Xapian
// alone" is a plain QueryParser + Enquire::get_mset(0, 10) in this process, and the peer is
// Xapian's own `quest` program, which pays a process spawn and a database open per query.
//
// usage: bench_search_latency --index DIR [--repeat N] [--quest-runs M] [--quest PATH]
// Prints one row per query: medians and p99 in microseconds, and the ratios.
#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <xapian.h>

#include "core/config/settings.h"
#include "core/entities/gazetteer.h"
#include "core/search/searcher.h"

extern char** environ;

namespace fs = std::filesystem;
using namespace consulta;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int kWarmup = 20;

// One representative query, as Consulta takes it and as Xapian alone takes it. Xapian has no
// alias resolution, so the Xapian form names canonical ids (RSA -> ZA) and its filters are
// boolean terms of the same schema (XS state, XM mechanism, XY mentioned year).
struct BenchQuery {
    std::string name;
    SearchRequest request;
    std::string xapian_q;       // QueryParser syntax, with the boolean prefixes below
    std::string xapian_filter;  // one boolean term to OP_FILTER by, or empty
};

std::vector<BenchQuery> bench_queries() {
    std::vector<BenchQuery> queries;
    auto add = [&](std::string name, std::string q, Filters filters, std::string xq,
                   std::string xfilter) {
        SearchRequest request;  // all facets, 10 hits with snippets: the defaults of /v1/search
        request.q = std::move(q);
        request.filters = std::move(filters);
        queries.push_back({std::move(name), std::move(request), std::move(xq), std::move(xfilter)});
    };
    add("q=trafficking", "trafficking", {}, "trafficking", "");
    add("q=\"human trafficking\"", "\"human trafficking\"", {}, "\"human trafficking\"", "");
    add("q=migration state=ZA", "migration", {{FacetType::kState, {"ZA"}}}, "migration", "XSZA");
    add("q=state:RSA mechanism:midsa", "state:RSA mechanism:midsa", {},
        "state:ZA mechanism:midsa", "");
    add("q= year=2006", "", {{FacetType::kYear, {"2006"}}}, "", "XY2006");
    return queries;
}

struct Stats {
    double median = 0, p99 = 0;
};

Stats stats_of(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    const std::size_t p99 =
        std::min(v.size() - 1, static_cast<std::size_t>(std::ceil(0.99 * v.size())) - 1);
    return {v[v.size() / 2], v[p99]};
}

double micros_since(Clock::time_point start) {
    return std::chrono::duration<double, std::micro>(Clock::now() - start).count();
}

// Consulta's filter terms are XS<id> with no colon; QueryParser's boolean prefixes would write
// XS:ZA for an upper-case value, so the ceiling maps prefix:value to a term itself.
class TermField : public Xapian::FieldProcessor {
public:
    explicit TermField(std::string prefix) : prefix_(std::move(prefix)) {}
    Xapian::Query operator()(const std::string& value) override { return Xapian::Query(prefix_ + value); }

private:
    std::string prefix_;
};

// The ceiling: parse and get the first ten matches, nothing else. The parser is configured as
// Consulta's (AND, english STEM_SOME, boolean prefixes) but built once, as a server would.
class XapianAlone {
public:
    XapianAlone(const fs::path& index, const std::string& stem_language)
        : db_(index.string()), stemmer_(stem_language) {
        parser_.set_database(db_);
        parser_.set_stemmer(stemmer_);
        parser_.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
        parser_.set_default_op(Xapian::Query::OP_AND);
        parser_.add_boolean_prefix("state", (new TermField("XS"))->release());
        parser_.add_boolean_prefix("mechanism", (new TermField("XM"))->release());
        parser_.add_boolean_prefix("year", (new TermField("XY"))->release());
    }

    Xapian::doccount run(const BenchQuery& query) {
        Xapian::Query q = query.xapian_q.empty()
                              ? Xapian::Query::MatchAll
                              : parser_.parse_query(query.xapian_q,
                                                    Xapian::QueryParser::FLAG_DEFAULT |
                                                        Xapian::QueryParser::FLAG_PURE_NOT);
        if (!query.xapian_filter.empty()) {
            q = Xapian::Query(Xapian::Query::OP_FILTER, q, Xapian::Query(query.xapian_filter));
        }
        Xapian::Enquire enquire(db_);
        enquire.set_query(q);
        return enquire.get_mset(0, 10).get_matches_estimated();
    }

private:
    Xapian::Database db_;
    Xapian::Stem stemmer_;
    Xapian::QueryParser parser_;
};

// Runs a program to completion with its output discarded; returns false if it failed.
bool spawn_and_wait(const std::vector<std::string>& args) {
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
    pid_t pid = 0;
    const int rc = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0) return false;
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

// quest takes one query string: the filter is written as a boolean-prefixed term. quest has no
// field processors, so state:ZA becomes XS:ZA and matches nothing in a Consulta index: its rows
// with a state measure spawn, open and parse rather than matching (see bench/README.md).
std::vector<std::string> quest_args(const std::string& quest, const fs::path& index,
                                    const BenchQuery& query) {
    std::string q = query.xapian_q;
    if (query.xapian_filter.starts_with("XS")) q += " state:" + query.xapian_filter.substr(2);
    if (query.xapian_filter.starts_with("XY")) q += " year:" + query.xapian_filter.substr(2);
    return {quest,  "-d", index.string(), "-m", "10", "-s", "english", "-o", "and",
            "-b", "state:XS", "-b", "mechanism:XM", "-b", "year:XY", q};
}

}  // namespace

int main(int argc, char** argv) {
    fs::path index;
    int repeat = 300, quest_runs = 30;
    std::string quest = "/usr/bin/quest";
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string arg = argv[i];
        if (arg == "--index") index = argv[i + 1];
        else if (arg == "--repeat") repeat = std::stoi(argv[i + 1]);
        else if (arg == "--quest-runs") quest_runs = std::stoi(argv[i + 1]);
        else if (arg == "--quest") quest = argv[i + 1];
    }
    if (index.empty() || repeat < 1) {
        std::fprintf(stderr,
                     "usage: bench_search_latency --index DIR [--repeat N] [--quest-runs M] "
                     "[--quest PATH]\n");
        return 2;
    }
    const Settings settings = default_settings(default_config_dir());
    auto gazetteer = Gazetteer::load(settings.gazetteers);
    if (!gazetteer) {
        std::fprintf(stderr, "%s\n", gazetteer.status().message().c_str());
        return 2;
    }
    auto searcher = Searcher::open(
        index, std::make_shared<const Gazetteer>(std::move(gazetteer).value()), settings);
    if (!searcher) {
        std::fprintf(stderr, "%s\n", searcher.status().message().c_str());
        return 3;
    }
    XapianAlone xapian(index, settings.indexer.stem_language);
    const std::vector<BenchQuery> queries = bench_queries();
    const std::size_t n = queries.size();

    // Warm-up, and a check that both sides find the same documents (totals are printed).
    std::vector<std::size_t> ours_total(n), xapian_total(n);
    for (std::size_t i = 0; i < n; ++i) {
        for (int w = 0; w < kWarmup; ++w) {
            auto response = searcher->search(queries[i].request);
            if (!response) {
                std::fprintf(stderr, "%s: %s\n", queries[i].name.c_str(),
                             response.status().message().c_str());
                return 1;
            }
            ours_total[i] = response->total;
            xapian_total[i] = xapian.run(queries[i]);
        }
    }

    // Interleaved, so that load from other processes falls on both sides alike.
    std::vector<std::vector<double>> ours(n), alone(n), quest_us(n);
    std::vector<double> spawn_true;
    for (int r = 0; r < repeat; ++r) {
        for (std::size_t i = 0; i < n; ++i) {
            auto start = Clock::now();
            auto response = searcher->search(queries[i].request);
            ours[i].push_back(micros_since(start));
            start = Clock::now();
            xapian.run(queries[i]);
            alone[i].push_back(micros_since(start));
        }
    }
    bool quest_ok = quest_runs > 0 && fs::exists(quest);
    for (int r = 0; quest_ok && r < quest_runs; ++r) {
        for (std::size_t i = 0; i < n && quest_ok; ++i) {
            const auto start = Clock::now();
            quest_ok = spawn_and_wait(quest_args(quest, index, queries[i]));
            quest_us[i].push_back(micros_since(start));
        }
        const auto start = Clock::now();
        spawn_and_wait({"/bin/true"});
        spawn_true.push_back(micros_since(start));
    }
    if (quest_runs > 0 && !quest_ok) std::fprintf(stderr, "warning: %s failed or missing\n", quest.c_str());

    std::printf("index %s: %d timed runs per query (after %d warm-up), %d quest runs; "
                "microseconds per query\n",
                index.c_str(), repeat, kWarmup, quest_ok ? quest_runs : 0);
    std::printf("%-30s %7s %7s | %11s %11s | %9s %9s | %11s | %10s %10s\n", "query", "total",
                "xapian", "consulta p50", "p99", "enquire p50", "p99", "quest p50",
                "ours/enq", "quest/ours");
    for (std::size_t i = 0; i < n; ++i) {
        const Stats o = stats_of(ours[i]), x = stats_of(alone[i]);
        const double q = quest_ok ? stats_of(quest_us[i]).median : NAN;
        std::printf("%-30s %7zu %7zu | %12.0f %11.0f | %11.1f %9.1f | %11.0f | %9.1fx %9.1fx\n",
                    queries[i].name.c_str(), ours_total[i], xapian_total[i], o.median, o.p99,
                    x.median, x.p99, q, o.median / x.median, q / o.median);
    }
    if (!spawn_true.empty()) {
        std::printf("process spawn floor (/bin/true) p50: %.0f us\n", stats_of(spawn_true).median);
    }
    return 0;
}
