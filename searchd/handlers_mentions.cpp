// GET /v1/mentions: a JSON page, or every row streamed as CSV or JSON Lines.
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

// Rows are batched into chunks of about 16 KB; a failed write (client gone) or a failed
// search stops the export and aborts the transfer, so a short file is never mistaken for a
// complete one.
httplib::ContentProviderWithoutLength export_rows(Searcher* searcher, MentionsRequest request,
                                                  MentionsFormat format, bool with_page) {
    return [searcher, request = std::move(request), format, with_page](std::size_t,
                                                                       httplib::DataSink& sink) {
        try {
            std::string buffer =
                format == MentionsFormat::kCsv ? mentions_csv_header(with_page) : std::string();
            bool written = true;
            auto flush = [&] {
                if (!buffer.empty()) written = sink.write(buffer.data(), buffer.size());
                buffer.clear();
                return written;
            };
            std::size_t total = 0;
            Status status = searcher->mentions(
                request,
                [&](const MentionRow& row) {
                    buffer += format == MentionsFormat::kCsv
                                  ? mentions_csv_row(row, with_page)
                                  : dump_json(to_json(row, with_page)) + "\n";
                    return buffer.size() < kChunkBytes || flush();
                },
                &total);
            if (!status) {
                std::cerr << "consulta-searchd: mentions export failed: " << status.message()
                          << std::endl;
                return false;
            }
            if (!flush()) return false;
            sink.done();
            return true;
        } catch (const std::exception& e) {
            // Streaming runs after httplib's handler try block: nothing may escape from here.
            std::cerr << "consulta-searchd: mentions export failed: " << e.what() << std::endl;
            return false;
        }
    };
}

void write_export(httplib::Response& res, Searcher* searcher, const MentionsParams& params,
                  bool with_page) {
    const bool csv = params.format == MentionsFormat::kCsv;
    write_stream(res, csv ? "text/csv; charset=utf-8" : "application/x-ndjson",
                 export_rows(searcher, params.request, params.format, with_page));
    res.set_header("Content-Disposition", csv ? "attachment; filename=\"mentions.csv\""
                                              : "attachment; filename=\"mentions.jsonl\"");
}

}  // namespace

void handle_mentions(const App& app, const httplib::Request& req, httplib::Response& res,
                     RequestNote& note) {
    if (auto error = check_known_parameters(req, "/v1/mentions")) return write_detailed_error(res, *error);
    MentionsParams params;
    if (auto error = parse_mentions_params(req, app.settings, &params)) {
        return write_error(res, *error);
    }
    if (auto error = check_filter_names(params.request.filters, app.searchers.gazetteer())) {
        return write_detailed_error(res, *error);
    }
    Searcher* searcher = local_searcher(app, req, res);
    if (!searcher) return;
    auto stats = searcher->stats();
    if (!stats) return write_error(res, to_api_error(stats.status()));
    const bool with_page = stats->has_pages;

    // For exports this is a dry run with no rows: errors (a bad filter, a bad q) still get a
    // proper status, which is impossible once the stream has started.
    MentionsRequest page = params.request;
    if (params.format != MentionsFormat::kJson) page.limit = 0;
    nlohmann::json rows = nlohmann::json::array();
    std::size_t total = 0;
    auto collect = [&](const MentionRow& row) {
        rows.push_back(to_json(row, with_page));
        return true;
    };
    Status status = searcher->mentions(page, collect, &total);
    if (!status) return write_error(res, to_api_error(status));
    note.hits = total;

    if (params.format != MentionsFormat::kJson) {
        return write_export(res, searcher, params, with_page);
    }
    write_json(res, with_shard_report(*searcher, req,
                                      {{"total", total},
                                       {"rows", std::move(rows)},
                                       {"generation", searcher->generation()}}));
}

}  // namespace consulta
