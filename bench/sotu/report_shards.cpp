#include "bench/sotu/report_shards.h"

#include "bench/sotu/query_set.h"
#include "bench/sotu/report_numbers.h"

namespace consulta::bench {

namespace {

constexpr const char* kChecks[] = {"same_total", "same_ids", "same_page", "same_facets"};

// "yes", or how many queries differ from one database on one comparison.
std::string agreement(const SampleTable& t, const std::string& c, const ShardLayout& layout,
                      const std::string& metric) {
    std::size_t seen = 0, differ = 0;
    for (const BenchQuery& q : query_set()) {
        const auto v = median_of(t, {c, "shards", q.label, layout.id, metric});
        if (!v) continue;
        ++seen;
        if (*v != 1) ++differ;
    }
    if (seen == 0) return "—";
    if (differ == 0) return "yes";
    return "**no** (" + std::to_string(differ) + " of " + std::to_string(seen) + ")";
}

void layout_table(std::ostream& out, const SampleTable& t, const std::string& c) {
    const std::vector<std::string> urls = t.subjects(c, "shards-http");
    out << "| layout | indexing MB/s (median / p99) | Consulta µs per query (median / p99) | "
           "÷ one database | plain Enquire µs per query |";
    for (const std::string& url : urls) out << " `" << url << "` req/s; p50 / p99 ms |";
    out << " totals / matching ids / first page / facets as one database |\n|---|---|---|---|---|";
    for (std::size_t i = 0; i < urls.size(); ++i) out << "---|";
    out << "---|\n";
    const auto reference = median_of(t, {c, "shards", "all queries", "db1", "us"});
    for (const ShardLayout& layout : kShardLayouts) {
        const FigureKey per_query{c, "shards", "all queries", layout.id, "us"};
        out << "| " << layout.name << " | " << median_p99(t, {c, "index", layout.index_tool, "-", "mb_s"})
            << " | " << median_p99(t, per_query) << " | " << times(ratio(median_of(t, per_query), reference))
            << " | " << median_p99(t, {c, "shards", "all queries", layout.id, "enquire_us"}) << " |";
        for (const std::string& url : urls) {
            out << " " << num(median_of(t, {c, "shards-http", url, layout.id, "rps"})) << "; "
                << num(median_of(t, {c, "shards-http", url, layout.id, "p50_ms"})) << " / "
                << num(median_of(t, {c, "shards-http", url, layout.id, "p99_ms"})) << " |";
        }
        if (std::string(layout.id) == "db1") {
            out << " (the reference) |\n";
            continue;
        }
        std::string sep;
        out << " ";
        for (const char* check : kChecks) {
            out << sep << agreement(t, c, layout, check);
            sep = " / ";
        }
        out << " |\n";
    }
}

void query_table(std::ostream& out, const SampleTable& t, const std::string& c) {
    out << "\n| query | matches (one db / local / remote) | one database µs | 2 local µs | 2 remote µs "
           "| local ÷ one db | remote ÷ one db | Enquire µs (one db / local / remote) |\n"
           "|---|---|---|---|---|---|---|---|\n";
    for (const BenchQuery& q : query_set()) {
        auto fig = [&](const char* layout, const char* metric) -> FigureKey {
            return {c, "shards", q.label, layout, metric};
        };
        const auto one = median_of(t, fig("db1", "us"));
        out << "| `" << q.label << "` | " << whole(median_of(t, fig("db1", "total"))) << " / "
            << whole(median_of(t, fig("local2", "total"))) << " / "
            << whole(median_of(t, fig("remote2", "total"))) << " | " << median_p99(t, fig("db1", "us"))
            << " | " << median_p99(t, fig("local2", "us")) << " | " << median_p99(t, fig("remote2", "us"))
            << " | " << times(ratio(median_of(t, fig("local2", "us")), one)) << " | "
            << times(ratio(median_of(t, fig("remote2", "us")), one)) << " | "
            << num(median_of(t, fig("db1", "enquire_us"))) << " / "
            << num(median_of(t, fig("local2", "enquire_us"))) << " / "
            << num(median_of(t, fig("remote2", "enquire_us"))) << " |\n";
    }
}

// Over every wrk run of each layout: the number of runs (count) or the sum of a figure.
std::string per_layout(const SampleTable& t, const std::string& c, const std::string& metric, bool count) {
    std::string text;
    for (const ShardLayout& layout : kShardLayouts) {
        std::size_t n = 0;
        double sum = 0;
        for (const std::string& url : t.subjects(c, "shards-http")) {
            const auto s = t.summary({c, "shards-http", url, layout.id, metric});
            if (!s) continue;
            n += s->n;
            sum += s->sum;
        }
        text += (text.empty() ? "" : " / ") + (count ? std::to_string(n) : whole(sum));
    }
    return text;
}

}  // namespace

void write_shards(std::ostream& out, const SampleTable& t, const std::string& c) {
    if (!t.summary({c, "shards", "all queries", "db1", "us"}) && t.subjects(c, "shards-http").empty()) return;
    const auto rounds = t.summary({c, "shards", "all queries", "db1", "us"});
    out << "\n### Shards, " << c << ": one database beside the same documents in 2 shards\n\n"
        << "Indexing: `consulta-indexer` alone and with `--shards 2`, interleaved in the indexing "
           "rounds above. In process (`bench_shard_search`): Consulta's default answer and the plain "
           "`Enquire` over each layout, interleaved query by query and layout by layout; µs per query is "
           "the mean over the six queries of one round (" << (rounds ? rounds->n : 0)
        << " rounds), median / p99 over the rounds. HTTP: one `consulta-searchd` per layout, `wrk -t2 "
           "-c16 --latency`, interleaved layout by layout, medians over the rounds. The remote shards "
           "are two `xapian-tcpsrv` on this machine: their matching takes the same cores as the rest, "
           "and loopback has no network latency.\n\n";
    layout_table(out, t, c);
    query_table(out, t, c);
    out << "\nwrk runs per layout (one db / local / remote): " << per_layout(t, c, "rps", true)
        << "; non-2xx answers in all of them: " << per_layout(t, c, "non2xx", false)
        << "; searchd crashes: " << per_layout(t, c, "crashed", true) << ".\n";
}

std::vector<std::string> missing_shard_figures(const SampleTable& t, const std::string& c) {
    std::vector<std::string> missing;
    auto need = [&](const std::string& section, const std::string& subject, const std::string& variant,
                    const std::string& metric) {
        if (!t.summary({c, section, subject, variant, metric})) {
            missing.push_back(c + " " + section + " " + subject + " " + variant + " " + metric);
        }
    };
    for (const char* metric : {"wall_s", "mb_s", "maxrss_kb", "index_ratio", "cpu"}) {
        need("index", "consulta-shards2", "-", metric);
    }
    for (const ShardLayout& layout : kShardLayouts) {
        need("shards", "all queries", layout.id, "us");
        need("shards", "all queries", layout.id, "enquire_us");
        for (const BenchQuery& q : query_set()) {
            for (const char* metric : {"us", "enquire_us", "total"}) need("shards", q.label, layout.id, metric);
            if (std::string(layout.id) == "db1") continue;
            for (const char* check : kChecks) {
                const auto v = t.summary({c, "shards", q.label, layout.id, check});
                if (!v) need("shards", q.label, layout.id, check);
                else if (v->median != 1) {
                    missing.push_back(c + " shards " + q.label + " " + layout.id + " " + check + " FAILED");
                }
            }
        }
    }
    const std::vector<std::string> urls = t.subjects(c, "shards-http");
    if (urls.empty()) missing.push_back(c + " shards-http (no runs)");
    for (const std::string& url : urls) {
        for (const ShardLayout& layout : kShardLayouts) {
            for (const char* metric : {"rps", "p50_ms", "p99_ms"}) need("shards-http", url, layout.id, metric);
            if (t.summary({c, "shards-http", url, layout.id, "crashed"})) {
                missing.push_back(c + " shards-http " + url + " " + layout.id + " CRASHED");
            }
        }
    }
    return missing;
}

}  // namespace consulta::bench
