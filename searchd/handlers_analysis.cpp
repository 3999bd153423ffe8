// GET /v1/crosstab and GET /v1/concordance: counts to publish and keyword in context for any
// word, phrase or wildcard.
#include <iostream>

#include "core/search/analysis_json.h"
#include "core/search/concordance.h"
#include "searchd/errors.h"
#include "searchd/handlers.h"
#include "searchd/known_params.h"
#include "searchd/params.h"

namespace consulta {

namespace {

constexpr std::size_t kMaxConcordanceLimit = 1000;
constexpr std::size_t kMaxOffset = 1'000'000;
constexpr std::size_t kMaxWindow = 500;
constexpr std::size_t kChunkBytes = 16 * 1024;

enum class Format { kJson, kCsv, kJsonl };

std::optional<ApiError> parse_format(const httplib::Request& req, bool with_jsonl, Format* out) {
    if (!req.has_param("format")) return std::nullopt;
    const std::string format = req.get_param_value("format");
    if (format == "json")
        *out = Format::kJson;
    else if (format == "csv")
        *out = Format::kCsv;
    else if (format == "jsonl" && with_jsonl)
        *out = Format::kJsonl;
    else
        return bad_parameter("format", with_jsonl ? "json, csv or jsonl" : "json or csv", format);
    return std::nullopt;
}

std::optional<ApiError> parse_axis(const httplib::Request& req, const char* name, FacetType* out) {
    if (!req.has_param(name)) {
        return ApiError{ApiCode::kBadParameter,
                        std::string(name) +
                            ": required, one of state, mechanism, organisation, year, published, "
                            "kind",
                        name};
    }
    const std::string value = req.get_param_value(name);
    auto type = parse_facet_type(value);
    if (!type) {
        return bad_parameter(name, "state, mechanism, organisation, year, published or kind",
                             value);
    }
    *out = *type;
    return std::nullopt;
}

std::optional<ApiError> parse_crosstab(const httplib::Request& req, const Settings& settings,
                                       CrosstabRequest* out, Format* format) {
    out->include_demonyms = settings.count_demonyms;
    if (auto e = parse_query_and_filters(req, settings, &out->q, &out->filters)) return e;
    out->member_of = param_values(req, "member_of");
    if (auto e = parse_flag(req, "resolve", &out->resolve_names)) return e;
    if (auto e = parse_axis(req, "rows", &out->rows)) return e;
    if (auto e = parse_axis(req, "cols", &out->cols)) return e;
    if (req.has_param("measure")) {
        const std::string measure = req.get_param_value("measure");
        if (measure == "documents")
            out->measure = CrosstabMeasure::kDocuments;
        else if (measure == "mentions")
            out->measure = CrosstabMeasure::kMentions;
        else
            return bad_parameter("measure", "documents or mentions", measure);
    }
    return parse_format(req, false, format);
}

std::optional<ApiError> parse_concordance(const httplib::Request& req, const Settings& settings,
                                          ConcordanceRequest* out, Format* format) {
    out->include_demonyms = settings.count_demonyms;
    if (auto e = parse_query_and_filters(req, settings, &out->q, &out->filters)) return e;
    out->member_of = param_values(req, "member_of");
    out->docs = param_values(req, "doc");
    if (auto e = parse_bounded_param(req, "window", 0, kMaxWindow, &out->window)) return e;
    if (auto e = parse_bounded_param(req, "offset", 0, kMaxOffset, &out->offset)) return e;
    std::size_t limit = *out->limit;
    if (auto e = parse_bounded_param(req, "limit", 0, kMaxConcordanceLimit, &limit)) return e;
    out->limit = limit;
    if (req.has_param("sort")) {
        const std::string sort = req.get_param_value("sort");
        auto parsed = parse_concordance_sort(sort);
        if (!parsed) return bad_parameter("sort", "doc, L1, L2, L3, R1, R2 or R3", sort);
        out->sort = *parsed;
    }
    if (auto e = parse_format(req, true, format)) return e;
    if (*format != Format::kJson) {
        out->offset = 0;
        out->limit = std::nullopt;
    }
    return std::nullopt;
}

// Lines are batched into chunks of about 16 KB; a failure aborts the transfer (as mentions).
httplib::ContentProviderWithoutLength export_lines(Searcher* searcher, ConcordanceRequest request,
                                                   Format format, bool with_page) {
    return [searcher, request = std::move(request), format, with_page](std::size_t,
                                                                       httplib::DataSink& sink) {
        try {
            std::string buffer =
                format == Format::kCsv ? concordance_csv_header(with_page) : std::string();
            bool written = true;
            auto flush = [&] {
                if (!buffer.empty()) written = sink.write(buffer.data(), buffer.size());
                buffer.clear();
                return written;
            };
            Status status = searcher->concordance(
                request,
                [&](const ConcordanceRow& row) {
                    buffer += format == Format::kCsv ? concordance_csv_row(row, with_page)
                                                     : dump_json(to_json(row, with_page)) + "\n";
                    return buffer.size() < kChunkBytes || flush();
                },
                nullptr);
            if (!status) {
                std::cerr << "consulta-searchd: concordance export failed: " << status.message()
                          << std::endl;
                return false;
            }
            if (!flush()) return false;
            sink.done();
            return true;
        } catch (const std::exception& e) {
            std::cerr << "consulta-searchd: concordance export failed: " << e.what() << std::endl;
            return false;
        }
    };
}

}  // namespace

void handle_crosstab(const App& app, const httplib::Request& req, httplib::Response& res,
                     RequestNote& note) {
    if (auto error = check_known_parameters(req, "/v1/crosstab")) return write_detailed_error(res, *error);
    CrosstabRequest request;
    Format format = Format::kJson;
    if (auto error = parse_crosstab(req, app.settings, &request, &format)) {
        return write_error(res, *error);
    }
    Searcher* searcher = local_searcher(app, res);
    if (!searcher) return;
    auto response = searcher->crosstab(request);
    if (!response) return write_error(res, to_api_error(response.status()));
    note.hits = response->documents;
    if (format == Format::kCsv) {
        res.set_content(crosstab_csv(*response), "text/csv; charset=utf-8");
        res.set_header("Content-Disposition", "attachment; filename=\"crosstab.csv\"");
        return;
    }
    write_json(res, to_json(*response));
}

void handle_concordance(const App& app, const httplib::Request& req, httplib::Response& res,
                        RequestNote& note) {
    if (auto error = check_known_parameters(req, "/v1/concordance")) {
        return write_detailed_error(res, *error);
    }
    ConcordanceRequest request;
    Format format = Format::kJson;
    if (auto error = parse_concordance(req, app.settings, &request, &format)) {
        return write_error(res, *error);
    }
    Searcher* searcher = local_searcher(app, res);
    if (!searcher) return;
    auto stats = searcher->stats();
    if (!stats) return write_error(res, to_api_error(stats.status()));
    const bool with_page = stats->has_pages;

    // Exports first run without lines, so that a bad q or filter still gets its status.
    ConcordanceRequest page = request;
    if (format != Format::kJson) page.limit = 0;
    nlohmann::json lines = nlohmann::json::array();
    std::size_t total = 0;
    Status status = searcher->concordance(
        page,
        [&](const ConcordanceRow& row) {
            lines.push_back(to_json(row, with_page));
            return true;
        },
        &total);
    if (!status) return write_error(res, to_api_error(status));
    note.hits = total;
    if (format != Format::kJson) {
        const bool csv = format == Format::kCsv;
        write_stream(res, csv ? "text/csv; charset=utf-8" : "application/x-ndjson",
                     export_lines(searcher, request, format, with_page));
        res.set_header("Content-Disposition", csv ? "attachment; filename=\"concordance.csv\""
                                                  : "attachment; filename=\"concordance.jsonl\"");
        return;
    }
    write_json(res, {{"total", total},
                     {"sort", concordance_sort_name(request.sort)},
                     {"lines", std::move(lines)},
                     {"generation", searcher->generation()}});
}

}  // namespace consulta
