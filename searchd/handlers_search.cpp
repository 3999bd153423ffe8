// GET /v1/search and GET /v1/facets/{type}.
#include <iostream>

#include "core/search/search_json.h"
#include "searchd/errors.h"
#include "searchd/filter_check.h"
#include "searchd/known_params.h"
#include "searchd/handlers.h"
#include "searchd/params.h"

namespace consulta {
namespace {

constexpr std::size_t kChunkBytes = 16 * 1024;

// Every hit, batched into chunks of about 16 KB. A failed write (client gone) or a failed
// search aborts the transfer, so a short file is never mistaken for a complete one.
httplib::ContentProviderWithoutLength export_hits(Searcher* searcher, SearchRequest request,
                                                  SearchFormat format) {
    return [searcher, request = std::move(request), format](std::size_t, httplib::DataSink& sink) {
        try {
            std::string buffer = format == SearchFormat::kCsv ? search_csv_header() : std::string();
            bool written = true;
            auto flush = [&] {
                if (!buffer.empty()) written = sink.write(buffer.data(), buffer.size());
                buffer.clear();
                return written;
            };
            Status status = searcher->export_hits(request, [&](const ExportHit& hit) {
                buffer += format == SearchFormat::kCsv ? search_csv_row(hit)
                                                       : dump_json(to_json(hit)) + "\n";
                return buffer.size() < kChunkBytes || flush();
            });
            if (!status) {
                std::cerr << "consulta-searchd: search export failed: " << status.message()
                          << std::endl;
                return false;
            }
            if (!flush()) return false;
            sink.done();
            return true;
        } catch (const std::exception& e) {
            // Streaming runs after httplib's handler try block: nothing may escape from here.
            std::cerr << "consulta-searchd: search export failed: " << e.what() << std::endl;
            return false;
        }
    };
}

}  // namespace

void handle_search(const App& app, const httplib::Request& req, httplib::Response& res,
                   RequestNote& note) {
    if (auto error = check_known_parameters(req, "/v1/search")) return write_detailed_error(res, *error);
    SearchRequest request;
    if (auto error = parse_search_params(req, app.settings, &request)) {
        return write_error(res, *error);
    }
    if (auto error = check_filter_names(request.filters, app.searchers.gazetteer())) {
        return write_detailed_error(res, *error);
    }
    SearchFormat format = SearchFormat::kJson;
    if (auto error = parse_search_format(req, &format)) return write_error(res, *error);
    Searcher* searcher = local_searcher(app, req, res);
    if (!searcher) return;
    if (format != SearchFormat::kJson) {
        // A dry run first: a bad q or filter still gets its status, impossible once streaming.
        SearchRequest dry = request;
        dry.offset = 0;
        dry.limit = 0;
        dry.facets.clear();
        auto counted = searcher->search(dry);
        if (!counted) return write_error(res, to_api_error(counted.status()));
        note.hits = counted->total;
        const bool csv = format == SearchFormat::kCsv;
        write_stream(res, csv ? "text/csv; charset=utf-8" : "application/x-ndjson",
                     export_hits(searcher, request, format));
        res.set_header("Content-Disposition", csv ? "attachment; filename=\"search.csv\""
                                                  : "attachment; filename=\"search.jsonl\"");
        return;
    }
    auto response = searcher->search(request);
    if (!response) return write_error(res, to_api_error(response.status()));
    note.hits = response->total;
    write_json(res, with_shard_report(*searcher, req, to_json(*response)));
}

void handle_facet_values(const App& app, const httplib::Request& req, httplib::Response& res,
                         RequestNote& note) {
    const std::string name = req.matches[1];
    auto type = parse_facet_type(name);
    if (!type) return write_error(res, {ApiCode::kNotFound, "no facet type '" + name + "'", {}});
    if (auto error = check_known_parameters(req, "/v1/facets/{type}")) {
        return write_detailed_error(res, *error);
    }
    FacetValuesRequest request;
    if (auto error = parse_facet_params(req, app.settings, *type, &request)) {
        return write_error(res, *error);
    }
    if (auto error = check_filter_names(request.filters, app.searchers.gazetteer())) {
        return write_detailed_error(res, *error);
    }
    Searcher* searcher = local_searcher(app, req, res);
    if (!searcher) return;
    auto response = searcher->facet_values(request);
    if (!response) return write_error(res, to_api_error(response.status()));
    note.hits = response->total_values;
    write_json(res, with_shard_report(*searcher, req, to_json(*response)));
}

}  // namespace consulta
