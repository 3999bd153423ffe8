// In-process search latency on one Consulta index, for the query set of issue 8: Consulta's
// default answer (every facet, 10 hits with snippets), Consulta's facets alone (limit 0), a
// plain Enquire with exact counts (plain_search.h, the ceiling) and Xapian's `quest` (a
// process per query). Interleaved query by query, so that other load falls on all alike.
// With --check it first compares Consulta's answers with the plain Enquire's (check.h).
//
// usage: bench_search_compare --index DIR --samples FILE --label CORPUS
//          [--seconds S] [--max-rounds N] [--quest-runs M] [--check]
//          [--only LABEL] [--variant consulta|facets|enquire]   (one loop, for perf record)
// Appends samples (samples.h); prints a short summary. Exit 1 when a check fails.
#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "bench/sotu/check.h"
#include "bench/sotu/open_searcher.h"
#include "bench/sotu/plain_search.h"
#include "bench/sotu/query_set.h"
#include "bench/sotu/quest_runner.h"
#include "bench/sotu/samples.h"
#include "core/config/settings.h"
#include "core/search/searcher.h"

using namespace consulta;
using namespace consulta::bench;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int kWarmup = 3;
constexpr int kMinRounds = 3;

struct Options {
    std::string index, samples, label;
    double seconds = 20;
    int max_rounds = 300, quest_runs = 20;
    bool check = false;
    std::string only;     ///< one query's label: the loop to profile with perf record
    std::string variant;  ///< consulta, facets or enquire alone, for the same purpose
};

bool parse(int argc, char** argv, Options& o) {
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        const bool has_value = i + 1 < argc;
        if (arg == "--check") o.check = true;
        else if (arg == "--index" && has_value) o.index = argv[++i];
        else if (arg == "--samples" && has_value) o.samples = argv[++i];
        else if (arg == "--label" && has_value) o.label = argv[++i];
        else if (arg == "--seconds" && has_value) o.seconds = std::stod(argv[++i]);
        else if (arg == "--max-rounds" && has_value) o.max_rounds = std::stoi(argv[++i]);
        else if (arg == "--quest-runs" && has_value) o.quest_runs = std::stoi(argv[++i]);
        else if (arg == "--only" && has_value) o.only = argv[++i];
        else if (arg == "--variant" && has_value) o.variant = argv[++i];
        else return false;
    }
    return !o.index.empty() && !o.samples.empty() && !o.label.empty() && o.max_rounds >= 1;
}

double micros_since(Clock::time_point start) {
    return std::chrono::duration<double, std::micro>(Clock::now() - start).count();
}

// One timed call of each variant of one query (or of `only_variant` when given); false when
// Consulta refused the query.
bool time_query(const BenchQuery& query, Searcher& searcher, PlainSearch& plain,
                SampleWriter& out, QuestRunner* quest, const std::string& only_variant = {}) {
    const auto wanted = [&](const char* variant) {
        return only_variant.empty() || only_variant == variant;
    };
    SearchRequest facets_only = query.request;
    facets_only.limit = 0;
    bool ok = true;
    if (wanted("consulta")) {
        const auto start = Clock::now();
        ok = static_cast<bool>(searcher.search(query.request)) && ok;
        out.add("search", query.label, "consulta", "us", micros_since(start));
    }
    if (wanted("facets")) {
        const auto start = Clock::now();
        ok = static_cast<bool>(searcher.search(facets_only)) && ok;
        out.add("search", query.label, "facets", "us", micros_since(start));
    }
    if (wanted("enquire")) {
        const auto start = Clock::now();
        plain.search(query.plain_q, query.plain_filter, 10);
        out.add("search", query.label, "enquire", "us", micros_since(start));
    }
    if (quest && quest->supports(query) && only_variant.empty()) {
        const auto start = Clock::now();
        if (quest->run(query)) out.add("search", query.label, "quest", "us", micros_since(start));
    }
    return ok;
}

}  // namespace

int main(int argc, char** argv) {
    Options o;
    if (!parse(argc, argv, o)) {
        std::fprintf(stderr,
                     "usage: bench_search_compare --index DIR --samples FILE --label CORPUS "
                     "[--seconds S] [--max-rounds N] [--quest-runs M] [--check] [--only LABEL] [--variant consulta|facets|enquire]\n");
        return 2;
    }
    SampleWriter out(o.samples, o.label);
    auto searcher = open_searcher(o.index, Settings{}.searchd.snippets_per_hit);
    if (!out.ok() || !searcher) return 2;
    const Settings settings = default_settings(default_config_dir());
    PlainSearch plain(o.index, settings.indexer.stem_language);
    std::vector<BenchQuery> queries = query_set();
    if (!o.only.empty()) {
        std::erase_if(queries, [&](const BenchQuery& q) { return q.label != o.only; });
        if (queries.empty()) {
            std::fprintf(stderr, "no query labelled %s\n", o.only.c_str());
            return 2;
        }
    }

    bool checks_ok = true;
    if (o.check) {
        auto all_hits = open_searcher(o.index, 0);
        if (!all_hits) return 2;
        for (const BenchQuery& query : queries) {
            const CheckResult r = check_query(query, *searcher, *all_hits, plain);
            std::printf("check %-42s %s\n", query.label.c_str(), r.message.c_str());
            out.add("check", query.label, "consulta=enquire", "ok", r.ok ? 1 : 0);
            checks_ok = checks_ok && r.ok;
        }
    }
    for (const BenchQuery& query : queries) {
        auto response = searcher->search(query.request);
        const PlainAnswer answer = plain.search(query.plain_q, query.plain_filter, 0);
        out.add("search", query.label, "consulta", "total", response ? response->total : -1);
        out.add("search", query.label, "enquire", "total", answer.total);
    }

    QuestRunner quest(o.index, plain.doccount());
    for (int w = 0; w < kWarmup; ++w) {
        for (const BenchQuery& query : queries) {
            SampleWriter discard("/dev/null", o.label);
            if (!time_query(query, *searcher, plain, discard, nullptr)) {
                std::fprintf(stderr, "Consulta refused %s\n", query.label.c_str());
                return 1;
            }
        }
    }
    // Rounds until the time budget or the round cap, whichever comes first; quest (a process
    // per query, slow) only in the first quest_runs rounds.
    const auto started = Clock::now();
    int rounds = 0;
    while (rounds < o.max_rounds &&
           (rounds < kMinRounds ||
            std::chrono::duration<double>(Clock::now() - started).count() < o.seconds)) {
        for (const BenchQuery& query : queries) {
            time_query(query, *searcher, plain, out,
                       rounds < o.quest_runs && quest.available() ? &quest : nullptr, o.variant);
        }
        ++rounds;
    }
    std::printf("search %s: %d interleaved rounds of %zu queries in %.1f s%s\n", o.label.c_str(),
                rounds, queries.size(),
                std::chrono::duration<double>(Clock::now() - started).count(),
                quest.available() ? "" : " (quest not found)");
    return checks_ok ? 0 : 1;
}
