#include "searchd/params.h"

#include <charconv>
#include <cstdint>
#include <vector>

namespace consulta {
namespace {

constexpr std::size_t kMaxOffset = 1'000'000;  // deeper pages are a crawl, not a search
constexpr std::size_t kMaxFacetLimit = 1000;
constexpr std::size_t kMaxMentionsLimit = 1000;
constexpr std::size_t kMaxWindow = 500;
constexpr std::size_t kMaxPrefixBytes = 256;

ApiError bad(std::string_view name, std::string expected, std::string_view got) {
    return {ApiCode::kBadParameter,
            std::string(name) + ": expected " + std::move(expected) + ", got '" + std::string(got) +
                "'",
            std::string(name)};
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

// Every value of a parameter: repeated (?state=BW&state=ZA) and comma lists alike.
std::vector<std::string> list_values(const httplib::Request& req, const std::string& name) {
    std::vector<std::string> values;
    auto [first, last] = req.params.equal_range(name);
    for (auto it = first; it != last; ++it) {
        std::string_view rest = it->second;
        while (true) {
            const auto comma = rest.find(',');
            const auto item = trim(rest.substr(0, comma));
            if (!item.empty()) values.emplace_back(item);
            if (comma == std::string_view::npos) break;
            rest.remove_prefix(comma + 1);
        }
    }
    return values;
}

// Strict: digits only, no sign, no spaces, no exponent.
std::optional<std::size_t> parse_size(std::string_view text) {
    if (text.empty() || text.size() > 18) return std::nullopt;
    std::size_t value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
    return value;
}

std::optional<ApiError> parse_bounded(const httplib::Request& req, const std::string& name,
                                      std::size_t min, std::size_t max, std::size_t* out) {
    if (!req.has_param(name.c_str())) return std::nullopt;
    const std::string text = req.get_param_value(name.c_str());
    auto value = parse_size(text);
    if (!value || *value < min || *value > max) {
        return bad(name, "an integer from " + std::to_string(min) + " to " + std::to_string(max),
                   text);
    }
    *out = *value;
    return std::nullopt;
}

bool is_year(std::string_view s) {
    return !s.empty() && s.size() <= 4 && parse_size(s).has_value();
}

// "2006", "2000..2010", "2000.." and "..2010".
bool is_year_or_range(std::string_view s) {
    const auto dots = s.find("..");
    if (dots == std::string_view::npos) return is_year(s);
    const auto from = s.substr(0, dots), to = s.substr(dots + 2);
    if (from.empty() && to.empty()) return false;
    return (from.empty() || is_year(from)) && (to.empty() || is_year(to));
}

std::optional<ApiError> parse_filters(const httplib::Request& req,
                                      std::initializer_list<FacetType> types, Filters* out) {
    for (FacetType type : types) {
        const std::string name(facet_type_name(type));
        auto values = list_values(req, name);
        if (values.empty()) continue;
        if (type == FacetType::kYear || type == FacetType::kPublished) {
            for (const auto& value : values) {
                if (!is_year_or_range(value)) {
                    return bad(name, "a year such as 2006 or a range such as 2000..2010", value);
                }
            }
        }
        (*out)[type] = std::move(values);
    }
    return std::nullopt;
}

std::optional<ApiError> parse_q(const httplib::Request& req, const Settings& settings,
                                std::string* out) {
    *out = req.get_param_value("q");
    if (out->size() > settings.searchd.max_query_bytes) {
        return ApiError{ApiCode::kTooLarge,
                        "q: " + std::to_string(out->size()) + " bytes, at most " +
                            std::to_string(settings.searchd.max_query_bytes) + " are accepted",
                        "q"};
    }
    if (out->find('\0') != std::string::npos) return bad("q", "text without NUL bytes", "\\0");
    return std::nullopt;
}

std::optional<ApiError> parse_facet_list(const httplib::Request& req, std::vector<FacetType>* out) {
    // Absent: all facets (the struct's default); present and empty ("facets="): none.
    if (!req.has_param("facets")) return std::nullopt;
    out->clear();
    for (const auto& name : list_values(req, "facets")) {
        auto type = parse_facet_type(name);
        if (!type) {
            return bad("facets",
                       "a comma list of state, mechanism, organisation, year, kind, published",
                       name);
        }
        if (std::find(out->begin(), out->end(), *type) == out->end()) out->push_back(*type);
    }
    return std::nullopt;
}

std::optional<ApiError> parse_sort(const httplib::Request& req, SortOrder* out) {
    if (!req.has_param("sort")) return std::nullopt;
    const std::string sort = req.get_param_value("sort");
    if (sort == "relevance")
        *out = SortOrder::kRelevance;
    else if (sort == "year")
        *out = SortOrder::kYearAscending;
    else if (sort == "-year")
        *out = SortOrder::kYearDescending;
    else if (sort == "title")
        *out = SortOrder::kTitle;
    else
        return bad("sort", "relevance, year, -year or title", sort);
    return std::nullopt;
}

constexpr std::initializer_list<FacetType> kSearchFilters = {
    FacetType::kState, FacetType::kMechanism, FacetType::kOrganisation,
    FacetType::kYear,  FacetType::kKind,      FacetType::kPublished};

}  // namespace

std::optional<ApiError> parse_flag(const httplib::Request& req, std::string_view name, bool* out) {
    const std::string key(name);
    if (!req.has_param(key.c_str())) return std::nullopt;
    const std::string value = req.get_param_value(key.c_str());
    if (value == "1" || value == "true" || value == "yes" || value.empty())
        *out = true;
    else if (value == "0" || value == "false" || value == "no")
        *out = false;
    else
        return bad(name, "1 or 0", value);
    return std::nullopt;
}

std::optional<ApiError> parse_search_params(const httplib::Request& req, const Settings& settings,
                                            SearchRequest* out) {
    out->include_demonyms = settings.count_demonyms;
    if (auto e = parse_q(req, settings, &out->q)) return e;
    if (auto e = parse_filters(req, kSearchFilters, &out->filters)) return e;
    if (auto e = parse_facet_list(req, &out->facets)) return e;
    if (auto e = parse_bounded(req, "facet_limit", 0, kMaxFacetLimit, &out->facet_limit)) return e;
    if (auto e = parse_bounded(req, "limit", 0, settings.searchd.max_limit, &out->limit)) return e;
    if (auto e = parse_bounded(req, "offset", 0, kMaxOffset, &out->offset)) return e;
    if (auto e = parse_sort(req, &out->sort)) return e;
    if (auto e = parse_flag(req, "lenient", &out->lenient)) return e;
    out->member_of = list_values(req, "member_of");
    if (auto e = parse_flag(req, "cooccurrence", &out->cooccurrence)) return e;
    if (auto e = parse_flag(req, "resolve", &out->resolve_names)) return e;
    return parse_flag(req, "debug", &out->debug);
}

std::optional<ApiError> parse_search_format(const httplib::Request& req, SearchFormat* out) {
    if (!req.has_param("format")) return std::nullopt;
    const std::string format = req.get_param_value("format");
    if (format == "json")
        *out = SearchFormat::kJson;
    else if (format == "csv")
        *out = SearchFormat::kCsv;
    else if (format == "jsonl")
        *out = SearchFormat::kJsonl;
    else
        return bad("format", "json, csv or jsonl", format);
    return std::nullopt;
}

std::optional<ApiError> parse_facet_params(const httplib::Request& req, const Settings& settings,
                                           FacetType type, FacetValuesRequest* out) {
    out->type = type;
    out->include_demonyms = settings.count_demonyms;
    if (auto e = parse_q(req, settings, &out->q)) return e;
    if (auto e = parse_filters(req, kSearchFilters, &out->filters)) return e;
    out->prefix = req.get_param_value("prefix");
    if (out->prefix.size() > kMaxPrefixBytes) {
        return bad("prefix", "at most " + std::to_string(kMaxPrefixBytes) + " bytes",
                   out->prefix.substr(0, 16) + "...");
    }
    if (auto e = parse_flag(req, "resolve", &out->resolve_names)) return e;
    return parse_bounded(req, "limit", 0, kMaxFacetLimit, &out->limit);
}

std::optional<ApiError> parse_mentions_params(const httplib::Request& req, const Settings& settings,
                                              MentionsParams* out) {
    MentionsRequest& request = out->request;
    request.include_demonyms = settings.count_demonyms;
    if (auto e = parse_q(req, settings, &request.q)) return e;
    if (auto e = parse_filters(
            req,
            {FacetType::kState, FacetType::kMechanism, FacetType::kOrganisation, FacetType::kYear},
            &request.filters)) {
        return e;
    }
    if (auto e = parse_flag(req, "resolve", &request.resolve_names)) return e;
    request.docs = list_values(req, "doc");
    request.member_of = list_values(req, "member_of");
    for (const auto& name : list_values(req, "type")) {
        auto type = parse_entity_type(name);
        if (!type) return bad("type", "state, mechanism, organisation or year", name);
        request.types.push_back(*type);
    }
    if (auto e = parse_bounded(req, "window", 0, kMaxWindow, &request.window)) return e;
    if (auto e = parse_bounded(req, "offset", 0, kMaxOffset, &request.offset)) return e;
    std::size_t limit = *request.limit;
    if (auto e = parse_bounded(req, "limit", 0, kMaxMentionsLimit, &limit)) return e;
    request.limit = limit;
    if (req.has_param("format")) {
        const std::string format = req.get_param_value("format");
        if (format == "json")
            out->format = MentionsFormat::kJson;
        else if (format == "csv")
            out->format = MentionsFormat::kCsv;
        else if (format == "jsonl")
            out->format = MentionsFormat::kJsonl;
        else
            return bad("format", "json, csv or jsonl", format);
    }
    if (out->format != MentionsFormat::kJson) {
        // Exports stream every row: no page.
        request.offset = 0;
        request.limit = std::nullopt;
    }
    return std::nullopt;
}

std::optional<ApiError> parse_document_params(const httplib::Request& req, DocumentPageRequest* out) {
    constexpr std::size_t kMaxOffset = std::size_t{1} << 40;
    if (auto e = parse_flag(req, "text", &out->with_text)) return e;
    if (auto e = parse_bounded(req, "text_offset", 0, kMaxOffset, &out->text_offset)) return e;
    if (auto e = parse_bounded(req, "text_limit", 1, DocumentPageRequest::kMaxTextBytes, &out->text_limit)) return e;
    if (auto e = parse_bounded(req, "mentions_offset", 0, kMaxOffset, &out->mentions_offset)) return e;
    return parse_bounded(req, "mentions_limit", 0, DocumentPageRequest::kMaxMentions, &out->mentions_limit);
}

bool is_plausible_id(std::string_view id) {
    // ".." inside an id ("report..2019") is an ordinary name: ids are never paths.
    if (id.empty() || id.size() > 512 || id == "." || id == "..") {
        return false;
    }
    for (unsigned char c : id) {
        if (c == '/' || c == '\\' || c < 0x20 || c == 0x7f) return false;
    }
    return true;
}

std::vector<std::string> param_values(const httplib::Request& req, const std::string& name) {
    return list_values(req, name);
}

std::optional<ApiError> parse_query_and_filters(const httplib::Request& req,
                                                const Settings& settings, std::string* q,
                                                Filters* filters) {
    if (auto e = parse_q(req, settings, q)) return e;
    return parse_filters(req, kSearchFilters, filters);
}

std::optional<ApiError> parse_bounded_param(const httplib::Request& req, const std::string& name,
                                            std::size_t min, std::size_t max, std::size_t* out) {
    return parse_bounded(req, name, min, max, out);
}

ApiError bad_parameter(std::string_view name, std::string expected, std::string_view got) {
    return bad(name, std::move(expected), got);
}

}  // namespace consulta
