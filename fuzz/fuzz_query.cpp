// libFuzzer target: the query pipeline. An input is a query string and filter parameters, as
// a client sends them, through the real route handlers (parameter parsing, the QueryBuilder,
// the Searcher, facets, snippets, mentions and the JSON or CSV rendering) against a real index
// of corpus/. Every answer must be 200, 400 or 404 with a JSON body (CSV for the export), and
// no handler may throw (in searchd a throw becomes a 500).
//
// Input format, one item per line: the first line is q; every further line is name=value (a
// parameter; the name may repeat, as in a query string). A line "route=facets" or
// "route=mentions" adds those routes; the search route always runs. See fuzz/corpus/query/.
#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <regex>
#include <string>
#include <string_view>

#include "core/entities/gazetteer.h"
#include "fuzz/fuzz_support.h"
#include "searchd/handlers.h"
#include "searchd/openapi.h"
#include "searchd/searchers.h"

namespace consulta::fuzz {
namespace {

struct Daemon {
    std::shared_ptr<const Gazetteer> gazetteer;
    std::unique_ptr<SearcherPool> searchers;
    Metrics metrics;
    StaticFiles web;
    std::unique_ptr<App> app;
    Daemon() {
        const std::filesystem::path index = corpus_index();
        auto loaded = Gazetteer::load(project_settings().gazetteers);
        check(loaded.is_ok(), "gazetteer: " + loaded.status().message());
        gazetteer = std::make_shared<const Gazetteer>(std::move(loaded).value());
        searchers = std::make_unique<SearcherPool>(index, gazetteer, project_settings());
        app = std::make_unique<App>(App{project_settings(), *searchers, metrics, web,
                                        openapi_document(), std::make_shared<QueueGauges>()});
    }
};

// The body as a client would receive it: the content, or what a content provider streams.
std::string body_of(httplib::Response& res) {
    if (!res.content_provider_) return res.body;
    std::string streamed;
    httplib::DataSink sink;
    bool done = false;
    sink.write = [&](const char* data, std::size_t size) {
        streamed.append(data, size);
        return true;
    };
    sink.done = [&] { done = true; };
    sink.is_writable = [] { return true; };
    std::size_t offset = 0;
    while (!done) {
        const std::size_t before = streamed.size();
        if (!res.content_provider_(offset, 0, sink)) fail("a streamed answer failed");
        check(done || streamed.size() > before, "a streamed answer makes no progress");
        offset += streamed.size() - before;
    }
    return streamed;
}

void run(const App& app, RouteHandler handler, const std::string& path, const std::string& pattern,
         const httplib::Params& params) {
    httplib::Request req;
    req.method = "GET";
    req.path = path;
    req.params = params;
    if (!std::regex_match(req.path, req.matches, std::regex(pattern))) fail("bad route pattern");
    httplib::Response res;
    RequestNote note;
    try {
        handler(app, req, res, note);
    } catch (const std::exception& e) {
        fail(path + " threw: " + e.what());
    }
    check(res.status == 200 || res.status == 400 || res.status == 404 || res.status == 413,
          path + " answered " + std::to_string(res.status));
    const std::string body = body_of(res);
    const std::string type = res.get_header_value("Content-Type");
    if (type.rfind("application/json", 0) == 0) {
        check(nlohmann::json::accept(body), path + " answered invalid JSON: " + body.substr(0, 200));
    } else if (type == "application/x-ndjson") {
        std::size_t start = 0;
        for (std::size_t end; (end = body.find('\n', start)) != std::string::npos; start = end + 1) {
            check(nlohmann::json::accept(body.substr(start, end - start)), "bad JSON line");
        }
        check(start == body.size(), "JSON Lines export without a final newline");
    } else {
        check(type.rfind("text/csv", 0) == 0, path + " answered type '" + type + "'");
    }
    if (res.status != 200) {
        const auto error = nlohmann::json::parse(body, nullptr, false);
        check(error.is_object() && error.contains("error"), path + " error without an error object");
    }
}

}  // namespace
}  // namespace consulta::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace consulta;
    using namespace consulta::fuzz;
    static Daemon daemon;
    const std::string_view input(reinterpret_cast<const char*>(data), size);

    httplib::Params params;
    bool facets = false, mentions = false;
    std::string facet_type = "state";
    std::size_t start = 0;
    for (bool first = true; start <= input.size(); first = false) {
        std::size_t end = input.find('\n', start);
        if (end == std::string_view::npos) end = input.size();
        const std::string line(input.substr(start, end - start));
        start = end + 1;
        if (first) {
            params.emplace("q", line);
            continue;
        }
        const std::size_t eq = line.find('=');
        const std::string name = line.substr(0, eq);
        const std::string value = eq == std::string::npos ? "" : line.substr(eq + 1);
        if (name == "route") {
            facets = facets || value.rfind("facets", 0) == 0;
            mentions = mentions || value == "mentions";
            if (value.rfind("facets/", 0) == 0 && value.size() > 7 &&
                value.find('/', 7) == std::string::npos) {
                facet_type = value.substr(7);
            }
            continue;
        }
        params.emplace(name, value);
    }
    run(*daemon.app, handle_search, "/v1/search", "/v1/search", params);
    if (facets) {
        run(*daemon.app, handle_facet_values, "/v1/facets/" + facet_type, "/v1/facets/([^/]+)",
            params);
    }
    if (mentions) run(*daemon.app, handle_mentions, "/v1/mentions", "/v1/mentions", params);
    return 0;
}
