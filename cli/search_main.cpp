// consulta-search: runs one search against a Consulta index and prints the ranked hits and the
// facet counts (or the JSON answer of /v1/search with --json).
// Exit status: 0 done, 2 usage or configuration error, 3 the index cannot be searched.
#include <algorithm>
#include <charconv>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/config/settings.h"
#include "core/entities/gazetteer.h"
#include "core/search/search_json.h"
#include "core/search/searcher.h"

namespace {
using namespace consulta;

constexpr int kExitUsage = 2, kExitIndex = 3;

const char* kUsage =
    "usage: consulta-search --index DIR [QUERY] [options]\n"
    "  QUERY               Xapian query syntax: AND OR NOT, \"phrases\", state:za,\n"
    "                      mechanism:puebla, year:2000..2010, kind:report, title:word\n"
    "  --state ID          filter (repeatable; also --mechanism, --organisation, --year,\n"
    "                      --kind, --published); a name or an alias works too\n"
    "  --limit N           hits to show (default 10; 0 = counts only)\n"
    "  --offset N          hits to skip\n"
    "  --sort ORDER        relevance (default), year, -year or title\n"
    "  --facet-limit N     values per facet (default 10; 0 = all)\n"
    "  --lenient           read a malformed query as plain words instead of failing\n"
    "  --config FILE       settings (default: the project's config/consulta.toml)\n"
    "  --json              print the /v1/search JSON answer\n"
    "  --repeat N          run the search N times and print the fastest and median times\n";

struct Arguments {
    std::string index, config, q;
    bool json = false;
    std::size_t repeat = 0;
    SearchRequest request;
};

bool parse_count(const std::string& text, std::size_t& out) {
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
    return ec == std::errc() && end == text.data() + text.size();
}

bool parse_sort(const std::string& text, SortOrder& out) {
    if (text == "relevance") out = SortOrder::kRelevance;
    else if (text == "year") out = SortOrder::kYearAscending;
    else if (text == "-year") out = SortOrder::kYearDescending;
    else if (text == "title") out = SortOrder::kTitle;
    else return false;
    return true;
}

bool parse_option(const std::string& arg, const std::string& value, Arguments& args,
                  std::string& error) {
    SearchRequest& r = args.request;
    if (auto facet = parse_facet_type(arg.substr(2)); facet && arg.starts_with("--")) {
        r.filters[*facet].push_back(value);
    } else if (arg == "--index") {
        args.index = value;
    } else if (arg == "--config") {
        args.config = value;
    } else if (arg == "--repeat") {
        if (!parse_count(value, args.repeat)) error = "--repeat: expected a number, got '" + value + "'";
    } else if (arg == "--limit" || arg == "--offset" || arg == "--facet-limit") {
        std::size_t& target = arg == "--limit" ? r.limit : arg == "--offset" ? r.offset : r.facet_limit;
        if (!parse_count(value, target)) error = arg + ": expected a number, got '" + value + "'";
    } else if (arg == "--sort") {
        if (!parse_sort(value, r.sort)) {
            error = "--sort: expected relevance, year, -year or title, got '" + value + "'";
        }
    } else {
        error = "unknown option '" + arg + "'";
    }
    return error.empty();
}

bool parse_arguments(int argc, char** argv, Arguments& args, std::string& error) {
    bool have_query = false;
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        if (arg == "--json") {
            args.json = true;
        } else if (arg == "--lenient") {
            args.request.lenient = true;
        } else if (arg.starts_with("--")) {
            if (i + 1 >= argc) {
                error = arg + " needs a value";
                return false;
            }
            if (!parse_option(arg, argv[++i], args, error)) return false;
        } else if (!have_query) {
            args.request.q = arg;
            have_query = true;
        } else {
            error = "more than one query given ('" + args.request.q + "' and '" + arg +
                    "'): quote the query";
            return false;
        }
    }
    if (args.index.empty()) error = "--index is required";
    return error.empty();
}

// Snippet text on one line, the highlights marked [[like this]].
std::string marked(const Snippet& s) {
    std::string out;
    std::size_t at = 0;
    for (const auto& [start, end] : s.highlights) {
        out += s.text.substr(at, start - at) + "[[" + s.text.substr(start, end - start) + "]]";
        at = end;
    }
    out += s.text.substr(at);
    for (char& c : out) {
        if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    }
    return out;
}

void print_text(const SearchResponse& r) {
    std::printf("%zu documents (%.1f ms, generation %llu)\n", r.total, r.took_ms,
                static_cast<unsigned long long>(r.generation));
    if (r.suggestion) std::printf("did you mean: %s\n", r.suggestion->c_str());
    for (const SearchHit& hit : r.hits) {
        std::printf("\n%zu. %s  %s  (%s, %d)  score %.3f\n", hit.rank, hit.id.c_str(),
                    hit.title.c_str(), hit.kind.c_str(), hit.published, hit.score);
        if (!hit.snippets.empty()) std::printf("   %s\n", marked(hit.snippets.front()).c_str());
    }
    for (const auto& [type, values] : r.facets) {
        std::printf("\n%s:", std::string(facet_type_name(type)).c_str());
        for (const FacetValue& v : values) {
            std::printf(" %s", v.value.c_str());
            if (v.label != v.value) std::printf(" (%s)", v.label.c_str());
            std::printf(" %zu;", v.count);
        }
        std::printf("\n");
    }
}

// Latency of the same search run `times` times in one process (warm caches, as in searchd).
void print_timing(Searcher& searcher, const SearchRequest& request, std::size_t times) {
    std::vector<double> ms;
    for (std::size_t i = 0; i < times; ++i) {
        auto response = searcher.search(request);
        if (response) ms.push_back(response->took_ms);
    }
    if (ms.empty()) return;
    std::sort(ms.begin(), ms.end());
    std::printf("%zu runs: fastest %.2f ms, median %.2f ms, slowest %.2f ms\n", ms.size(),
                ms.front(), ms[ms.size() / 2], ms.back());
}

}  // namespace

int main(int argc, char** argv) {
    if (argc == 2 && (std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h")) {
        std::fputs(kUsage, stdout);
        return 0;
    }
    Arguments args;
    std::string error;
    if (!parse_arguments(argc, argv, args, error)) {
        std::fprintf(stderr, "consulta-search: %s\n%s", error.c_str(), kUsage);
        return kExitUsage;
    }
    auto settings = args.config.empty() ? Result<Settings>(default_settings(default_config_dir()))
                                        : load_settings(args.config);
    if (!settings) {
        std::fprintf(stderr, "consulta-search: %s\n", settings.status().message().c_str());
        return kExitUsage;
    }
    auto gazetteer = Gazetteer::load(settings->gazetteers);
    if (!gazetteer) {
        std::fprintf(stderr, "consulta-search: %s\n", gazetteer.status().message().c_str());
        return kExitUsage;
    }
    auto searcher = Searcher::open(args.index,
                                   std::make_shared<const Gazetteer>(std::move(*gazetteer)), *settings);
    if (!searcher) {
        std::fprintf(stderr, "consulta-search: %s\n", searcher.status().message().c_str());
        return kExitIndex;
    }
    auto response = searcher->search(args.request);
    if (!response) {
        const Status& status = response.status();
        std::fprintf(stderr, "consulta-search: %s\n", status.message().c_str());
        const bool usage = status.code() == ErrorCode::kBadQuery ||
                           status.code() == ErrorCode::kBadParameter;
        return usage ? kExitUsage : kExitIndex;
    }
    if (args.repeat > 0) {
        print_timing(*searcher, args.request, args.repeat);
        return 0;
    }
    if (args.json) {
        // Replace rather than throw on invalid UTF-8: a result must always print.
        std::printf("%s\n",
                    to_json(*response).dump(2, ' ', false, nlohmann::json::error_handler_t::replace).c_str());
    } else {
        print_text(*response);
    }
    return 0;
}
