// Writes bench/RESULTS.md from one run's samples (samples.h) and metadata: medians, p99,
// ratios to the ceilings, and how each figure grows with the corpus. With --require-complete
// it also checks that every figure was produced for every corpus and that every correctness
// check passed, and exits 1 naming what is missing: the smoke test runs it so.
//
// usage: bench_report --samples FILE --meta FILE --out FILE [--extra FILE] [--require-complete]
//   meta: "key<TAB>value" lines (command, mode, date, machine and versions);
//   extra: a markdown fragment appended as it is (the run's log of checks and notes).
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "bench/sotu/query_set.h"
#include "bench/sotu/report_format.h"
#include "bench/sotu/report_shards.h"
#include "bench/sotu/sample_table.h"

using namespace consulta::bench;

namespace {

std::map<std::string, std::string> read_meta(const std::string& path) {
    std::map<std::string, std::string> meta;
    std::ifstream in(path);
    for (std::string line; std::getline(in, line);) {
        const auto tab = line.find('\t');
        if (tab != std::string::npos) meta[line.substr(0, tab)] = line.substr(tab + 1);
    }
    return meta;
}

std::string read_all(const std::string& path) {
    std::ifstream in(path);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// Every figure the run must produce for a corpus, and the checks that must have passed.
std::vector<std::string> missing_figures(const SampleTable& t, const std::string& corpus) {
    std::vector<std::string> missing;
    auto need = [&](const std::string& section, const std::string& subject,
                    const std::string& variant, const std::string& metric) {
        if (!t.summary({corpus, section, subject, variant, metric})) {
            missing.push_back(corpus + " " + section + " " + subject + " " + variant + " " + metric);
        }
    };
    for (const char* tool : {"consulta", "plain", "omindex"}) {
        for (const char* metric : {"wall_s", "mb_s", "maxrss_kb", "index_ratio", "cpu"}) {
            need("index", tool, "-", metric);
        }
    }
    for (const char* tool : {"consulta", "plain"}) need("incremental", tool, "-", "wall_s");
    for (const BenchQuery& q : query_set()) {
        for (const char* variant : {"consulta", "facets", "enquire"}) need("search", q.label, variant, "us");
        if (q.plain_filter.empty()) need("search", q.label, "quest", "us");
        const auto check = t.summary({corpus, "check", q.label, "consulta=enquire", "ok"});
        if (!check) need("check", q.label, "consulta=enquire", "ok");
        else if (check->median != 1) missing.push_back(corpus + " check " + q.label + " FAILED");
    }
    std::vector<std::string> urls = t.subjects(corpus, "http");
    if (urls.empty()) missing.push_back(corpus + " http (no runs)");
    for (const std::string& url : urls) {
        for (const char* target : {"searchd", "ceiling"}) {
            for (const char* metric : {"rps", "p50_ms", "p99_ms"}) need("http", url, target, metric);
            if (t.summary({corpus, "http", url, target, "crashed"})) {
                missing.push_back(corpus + " http " + url + " " + target + " CRASHED");
            }
        }
    }
    for (const char* metric : {"vmrss_kb", "vmhwm_kb"}) need("memory", "searchd", "-", metric);
    for (std::string& m : missing_shard_figures(t, corpus)) missing.push_back(std::move(m));
    return missing;
}

}  // namespace

int main(int argc, char** argv) {
    std::string samples, meta_file, out_file, extra;
    bool require_complete = false;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--require-complete") require_complete = true;
        else if (arg == "--samples" && i + 1 < argc) samples = argv[++i];
        else if (arg == "--meta" && i + 1 < argc) meta_file = argv[++i];
        else if (arg == "--out" && i + 1 < argc) out_file = argv[++i];
        else if (arg == "--extra" && i + 1 < argc) extra = argv[++i];
    }
    SampleTable table;
    if (samples.empty() || out_file.empty() || !table.load(samples)) {
        std::fprintf(stderr, "usage: bench_report --samples FILE --meta FILE --out FILE "
                             "[--extra FILE] [--require-complete]\n");
        return 2;
    }
    std::ofstream out(out_file);
    write_report(out, table, read_meta(meta_file));
    if (!extra.empty()) out << "\n" << read_all(extra);
    out.close();
    if (!out) {
        std::fprintf(stderr, "bench_report: cannot write %s\n", out_file.c_str());
        return 2;
    }
    if (!require_complete) return 0;
    std::vector<std::string> missing;
    for (const std::string& corpus : table.corpora()) {
        for (std::string& m : missing_figures(table, corpus)) missing.push_back(std::move(m));
    }
    if (table.corpora().empty()) missing.push_back("no samples at all");
    for (const std::string& m : missing) std::fprintf(stderr, "missing or failed: %s\n", m.c_str());
    return missing.empty() ? 0 : 1;
}
