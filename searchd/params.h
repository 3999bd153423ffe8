#pragma once
// Query parameters -> the search service's request structs. Unknown parameters are refused before
// these run (known_params.h); a known parameter with a bad value is an ApiError that names it.
#include <httplib.h>

#include <optional>
#include <string>
#include <string_view>

#include "core/config/settings.h"
#include "core/search/search_types.h"
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

/// A boolean flag: absent = false; 1/true/yes = true; 0/false/no = false; else an error.
std::optional<ApiError> parse_flag(const httplib::Request& req, std::string_view name, bool* out);

/// Whether a path segment can be an id at all: ids are matched exactly, never as paths, so
/// anything with '/', '..', NUL or control bytes is simply unknown.
bool is_plausible_id(std::string_view id);

}  // namespace consulta
