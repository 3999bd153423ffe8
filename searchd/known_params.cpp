#include "searchd/known_params.h"

#include <algorithm>
#include <cctype>
#include <map>

namespace consulta {
namespace {

// Filters shared by the search routes.
#define CONSULTA_FILTERS "state", "mechanism", "organisation", "year", "kind", "published"

const std::map<std::string_view, std::vector<std::string_view>>& table() {
    static const auto* routes = new std::map<std::string_view, std::vector<std::string_view>>{
        {"/v1/search",
         {"q", CONSULTA_FILTERS, "member_of", "facets", "facet_limit", "limit", "offset", "sort",
          "lenient", "debug", "resolve", "format", "cooccurrence", "partial"}},
        {"/v1/facets/{type}", {"q", CONSULTA_FILTERS, "prefix", "limit", "resolve", "partial"}},
        {"/v1/mentions",
         {"q", "state", "mechanism", "organisation", "year", "member_of", "doc", "type", "window",
          "limit", "offset", "format", "resolve", "partial"}},
        {"/v1/documents/{id}",
         {"text", "text_offset", "text_limit", "mentions_offset", "mentions_limit", "partial"}},
        {"/v1/entities/{type}/{id}", {"partial"}},
        {"/v1/stats", {"partial"}},
        {"/v1/crosstab",
         {"q", CONSULTA_FILTERS, "organization", "member_of", "rows", "cols", "measure", "format",
          "resolve", "partial"}},
        {"/v1/concordance",
         {"q", CONSULTA_FILTERS, "organization", "member_of", "doc", "window", "offset", "limit",
          "sort", "format", "partial"}},
    };
    return *routes;
}

#undef CONSULTA_FILTERS

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

// Optimal string alignment distance: a swap of two neighbours ("mechansim") costs one.
std::size_t distance(const std::string& a, const std::string& b) {
    std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
    for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
    for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
            }
        }
    }
    return d[a.size()][b.size()];
}

}  // namespace

const std::vector<std::string_view>* known_parameters(std::string_view route) {
    auto it = table().find(route);
    return it == table().end() ? nullptr : &it->second;
}

std::string nearest_parameter(std::string_view name, const std::vector<std::string_view>& known) {
    const std::string wanted = lower(name);
    std::string best;
    std::size_t best_distance = 0;
    for (std::string_view candidate : known) {
        const std::size_t d = distance(wanted, std::string(candidate));
        if (best.empty() || d < best_distance) {
            best = std::string(candidate);
            best_distance = d;
        }
    }
    // Two edits on a name of five letters or more, one on a shorter one: beyond that the
    // "nearest" name is a guess that misleads.
    const std::size_t allowed = wanted.size() >= 5 ? 2 : 1;
    return best_distance <= allowed ? best : std::string();
}

std::optional<DetailedError> check_known_parameters(const httplib::Request& req,
                                               std::string_view route) {
    const auto* known = known_parameters(route);
    if (!known) return std::nullopt;
    for (const auto& [name, value] : req.params) {
        if (std::find(known->begin(), known->end(), name) != known->end()) continue;
        const std::string nearest = nearest_parameter(name, *known);
        ApiError error{ApiCode::kUnknownParameter,
                       "unknown parameter '" + name + "' for " + std::string(route) +
                           (nearest.empty() ? std::string() : " (did you mean '" + nearest + "'?)"),
                       name};
        return DetailedError{error, {{"nearest", nearest.empty() ? nlohmann::json(nullptr)
                                                                 : nlohmann::json(nearest)}}};
    }
    return std::nullopt;
}

}  // namespace consulta
