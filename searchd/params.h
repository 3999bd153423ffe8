#pragma once
// Query parameters -> the search service's request structs. Unknown parameters are refused before
// these run (known_params.h); a known parameter with a bad value is an ApiError that names it.
#include <httplib.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/config/settings.h"
#include "core/search/search_types.h"
#include "searchd/document_page.h"
#include "searchd/errors.h"

namespace consulta {

/// How /v1/mentions answers.
enum class MentionsFormat { kJson, kCsv, kJsonl };

/// How /v1/search answers: a JSON page, or every hit streamed as CSV or JSON Lines.
enum class SearchFormat { kJson, kCsv, kJsonl };

/// /v1/search's format: json (default), csv or jsonl; anything else is bad_parameter.
std::optional<ApiError> parse_search_format(const httplib::Request& req, SearchFormat* out);

/// The parsed parameters of /v1/mentions.
struct MentionsParams {
    MentionsRequest request;
    MentionsFormat format = MentionsFormat::kJson;
};

/// /v1/search: q, filters, facets, facet_limit, limit, offset, sort, lenient, debug.
std::optional<ApiError> parse_search_params(const httplib::Request& req, const Settings& settings,
                                            SearchRequest* out);

/// /v1/facets/{type}: q, filters, prefix, limit.
std::optional<ApiError> parse_facet_params(const httplib::Request& req, const Settings& settings,
                                           FacetType type, FacetValuesRequest* out);

/// /v1/mentions: filters, q, doc, type, window, limit, offset, format.
std::optional<ApiError> parse_mentions_params(const httplib::Request& req, const Settings& settings,
                                              MentionsParams* out);

/// /v1/documents/{id}: text, text_offset, text_limit, mentions_offset, mentions_limit.
std::optional<ApiError> parse_document_params(const httplib::Request& req, DocumentPageRequest* out);

/// Every value of a parameter, repeated or comma-separated.
std::vector<std::string> param_values(const httplib::Request& req, const std::string& name);

/// q and the six filters, checked as /v1/search checks them.
std::optional<ApiError> parse_query_and_filters(const httplib::Request& req,
                                                const Settings& settings, std::string* q,
                                                Filters* filters);

/// An integer parameter within [min, max]; absent leaves *out unchanged.
std::optional<ApiError> parse_bounded_param(const httplib::Request& req, const std::string& name,
                                            std::size_t min, std::size_t max, std::size_t* out);

/// The bad_parameter error: "NAME: expected EXPECTED, got 'GOT'".
ApiError bad_parameter(std::string_view name, std::string expected, std::string_view got);

/// A boolean flag: absent = false; 1/true/yes = true; 0/false/no = false; else an error.
std::optional<ApiError> parse_flag(const httplib::Request& req, std::string_view name, bool* out);

/// Whether a path segment can be an id at all: ids are matched exactly, never as paths, so
/// anything with '/', '\\', NUL or control bytes, and "." and "..", is simply unknown. (Files
/// with such bytes in their names get escaped ids: indexer/document_id.h.)
bool is_plausible_id(std::string_view id);

}  // namespace consulta
