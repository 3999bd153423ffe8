// In-process search over several layouts of one corpus's index, for the query set of issue 8:
// one database, the same documents in shards read locally (a stub directory), the shards
// served by xapian-tcpsrv (a stub file of `remote HOST:PORT` lines). Per layout, Consulta's
// default answer (every facet, 10 hits with snippets) and the plain Enquire (plain_search.h,
// the ceiling: Xapian opens the same stub itself), interleaved query by query and layout by
// layout, so that other load falls on all alike. First it checks that every layout answers
// as the first one (layout_check.h).
//
// usage: bench_shard_search --layout NAME=PATH [--layout NAME=PATH ...] --samples FILE
//          --label CORPUS [--seconds S] [--max-rounds N]
// Samples (samples.h), section "shards": per query and layout, `us` (Consulta), `enquire_us`,
// `total`, and for every layout but the first `same_total`, `same_ids`, `same_page` and
// `same_facets` (1: as the first layout, layout_check.h); per round and layout, subject
// "all queries", `us` and `enquire_us`: the mean over the queries of that round. Exit 1 when
// a check fails, 2 when a layout cannot be opened.
#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "bench/sotu/layout_check.h"
#include "bench/sotu/open_searcher.h"
#include "bench/sotu/plain_search.h"
#include "bench/sotu/query_set.h"
#include "bench/sotu/samples.h"
#include "core/config/settings.h"

using namespace consulta;
using namespace consulta::bench;
using Clock = std::chrono::steady_clock;

namespace {

constexpr int kWarmup = 3;
constexpr int kMinRounds = 3;

struct Layout {
    std::string name, path;
    std::unique_ptr<Searcher> page, all;
    std::unique_ptr<PlainSearch> plain;
};

struct Options {
    std::vector<Layout> layouts;
    std::string samples, label;
    double seconds = 20;
    int max_rounds = 300;
};

bool parse(int argc, char** argv, Options& o) {
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        const bool has_value = i + 1 < argc;
        if (arg == "--layout" && has_value) {
            const std::string value = argv[++i];
            const auto eq = value.find('=');
            if (eq == std::string::npos || eq == 0) return false;
            o.layouts.push_back({value.substr(0, eq), value.substr(eq + 1), nullptr, nullptr, nullptr});
        } else if (arg == "--samples" && has_value) o.samples = argv[++i];
        else if (arg == "--label" && has_value) o.label = argv[++i];
        else if (arg == "--seconds" && has_value) o.seconds = std::stod(argv[++i]);
        else if (arg == "--max-rounds" && has_value) o.max_rounds = std::stoi(argv[++i]);
        else return false;
    }
    return !o.layouts.empty() && !o.samples.empty() && !o.label.empty() && o.max_rounds >= 1;
}

double micros_since(Clock::time_point start) {
    return std::chrono::duration<double, std::micro>(Clock::now() - start).count();
}

bool open_layout(Layout& layout, const std::string& stem_language) {
    layout.page = open_searcher(layout.path, Settings{}.searchd.snippets_per_hit);
    layout.all = open_searcher(layout.path, 0);
    if (!layout.page || !layout.all) return false;
    try {
        layout.plain = std::make_unique<PlainSearch>(layout.path, stem_language);
    } catch (const Xapian::Error& e) {
        std::fprintf(stderr, "%s: %s\n", layout.path.c_str(), e.get_description().c_str());
        return false;
    }
    return true;
}

// One round: each query on each layout in turn, Consulta then the Enquire. False when
// Consulta refused a query.
bool time_round(const std::vector<BenchQuery>& queries, std::vector<Layout>& layouts, SampleWriter& out) {
    std::vector<double> sum(layouts.size(), 0), plain_sum(layouts.size(), 0);
    bool ok = true;
    for (const BenchQuery& query : queries) {
        for (std::size_t k = 0; k < layouts.size(); ++k) {
            Layout& layout = layouts[k];
            auto start = Clock::now();
            ok = static_cast<bool>(layout.page->search(query.request)) && ok;
            const double us = micros_since(start);
            sum[k] += us;
            out.add("shards", query.label, layout.name, "us", us);
            start = Clock::now();
            layout.plain->search(query.plain_q, query.plain_filter, 10);
            const double plain_us = micros_since(start);
            plain_sum[k] += plain_us;
            out.add("shards", query.label, layout.name, "enquire_us", plain_us);
        }
    }
    for (std::size_t k = 0; k < layouts.size(); ++k) {
        const auto n = static_cast<double>(queries.size());
        out.add("shards", "all queries", layouts[k].name, "us", sum[k] / n);
        out.add("shards", "all queries", layouts[k].name, "enquire_us", plain_sum[k] / n);
    }
    return ok;
}

}  // namespace

int main(int argc, char** argv) {
    Options o;
    if (!parse(argc, argv, o)) {
        std::fprintf(stderr, "usage: bench_shard_search --layout NAME=PATH [--layout NAME=PATH ...] "
                             "--samples FILE --label CORPUS [--seconds S] [--max-rounds N]\n");
        return 2;
    }
    SampleWriter out(o.samples, o.label);
    if (!out.ok()) return 2;
    const Settings settings = default_settings(default_config_dir());
    for (Layout& layout : o.layouts) {
        if (!open_layout(layout, settings.indexer.stem_language)) return 2;
    }
    const std::vector<BenchQuery> queries = query_set();
    const std::size_t every = o.layouts.front().plain->doccount();

    bool checks_ok = true;
    for (const BenchQuery& query : queries) {
        Layout& reference = o.layouts.front();
        auto response = reference.page->search(query.request);
        out.add("shards", query.label, reference.name, "total", response ? response->total : -1);
        for (std::size_t k = 1; k < o.layouts.size(); ++k) {
            Layout& layout = o.layouts[k];
            const auto started = Clock::now();
            const LayoutCheck r = same_answers(query, {*reference.page, *reference.all},
                                               {*layout.page, *layout.all}, every);
            std::printf("check %-8s %-42s %s (%.1f s)\n", layout.name.c_str(), query.label.c_str(),
                        r.message.c_str(), micros_since(started) / 1e6);
            auto ours = layout.page->search(query.request);
            out.add("shards", query.label, layout.name, "total", ours ? ours->total : -1);
            out.add("shards", query.label, layout.name, "same_total", !r.refused && r.total);
            out.add("shards", query.label, layout.name, "same_ids", !r.refused && r.ids);
            out.add("shards", query.label, layout.name, "same_page", !r.refused && r.page);
            out.add("shards", query.label, layout.name, "same_facets", !r.refused && r.facets);
            checks_ok = checks_ok && r.ok();
        }
    }

    for (int w = 0; w < kWarmup; ++w) {
        SampleWriter discard("/dev/null", o.label);
        if (!time_round(queries, o.layouts, discard)) {
            std::fprintf(stderr, "Consulta refused a query in the warm-up\n");
            return 1;
        }
    }
    const auto started = Clock::now();
    int rounds = 0;
    while (rounds < o.max_rounds &&
           (rounds < kMinRounds ||
            std::chrono::duration<double>(Clock::now() - started).count() < o.seconds)) {
        time_round(queries, o.layouts, out);
        ++rounds;
    }
    std::printf("shards %s: %d interleaved rounds of %zu queries on %zu layouts in %.1f s\n",
                o.label.c_str(), rounds, queries.size(), o.layouts.size(),
                std::chrono::duration<double>(Clock::now() - started).count());
    return checks_ok ? 0 : 1;
}
