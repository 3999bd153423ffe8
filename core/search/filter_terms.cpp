#include "core/search/filter_terms.h"

#include <algorithm>
#include <charconv>

#include "core/index/schema.h"
#include "core/search/ambiguous_names.h"
#include "core/text/normalizer.h"

namespace consulta {

namespace {

// The catalogue's vocabulary (indexer/catalog.h, which core cannot include): a known kind that
// no indexed document has yet is a valid filter that matches nothing, not a typo.
constexpr std::string_view kKnownKinds[] = {"report", "workshop record", "case study",
                                            "presentation"};

std::optional<int> parse_year(std::string_view text) {
    if (text.empty() || text.size() > 4) return std::nullopt;
    int year = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), year);
    if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return year;
}

std::string trim(std::string_view s) {
    const auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return {};
    const auto last = s.find_last_not_of(" \t\r\n");
    return std::string(s.substr(first, last - first + 1));
}

}  // namespace

std::optional<YearRange> parse_year_range(std::string_view text) {
    const std::string value = trim(text);
    const auto dots = value.find("..");
    if (dots == std::string::npos) {
        auto year = parse_year(value);
        if (!year) return std::nullopt;
        return YearRange{*year, *year};
    }
    const std::string_view from = std::string_view(value).substr(0, dots);
    const std::string_view to = std::string_view(value).substr(dots + 2);
    if (from.empty() && to.empty()) return std::nullopt;
    YearRange range;
    if (!from.empty()) {
        auto year = parse_year(from);
        if (!year) return std::nullopt;
        range.first = *year;
    }
    if (!to.empty()) {
        auto year = parse_year(to);
        if (!year) return std::nullopt;
        range.last = *year;
    }
    if (range.first > range.last) return std::nullopt;
    return range;
}

std::optional<EntityType> entity_type_of(FacetType type) {
    switch (type) {
        case FacetType::kState: return EntityType::kState;
        case FacetType::kMechanism: return EntityType::kMechanism;
        case FacetType::kOrganisation: return EntityType::kOrganisation;
        case FacetType::kYear: return EntityType::kYear;
        default: return std::nullopt;
    }
}

Xapian::Query or_of_terms(const std::vector<std::string>& terms) {
    if (terms.empty()) return Xapian::Query::MatchNothing;
    if (terms.size() == 1) return Xapian::Query(terms.front());
    return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

std::vector<std::string> FilterResolver::terms_in_range(std::string_view prefix,
                                                        const YearRange& range) const {
    // Only the years the index holds: a range over a century costs a handful of terms.
    std::vector<std::string> out;
    const std::string p(prefix);
    for (auto t = db_.allterms_begin(p); t != db_.allterms_end(p); ++t) {
        const std::string term = *t;
        auto year = parse_year(std::string_view(term).substr(p.size()));
        if (year && range.contains(*year)) out.push_back(term);
    }
    return out;
}

Result<std::string> FilterResolver::resolve_kind(std::string_view value) const {
    const std::string wanted = normalise_term(trim(value));
    const std::string p(schema::kPrefixKind);
    for (auto t = db_.allterms_begin(p); t != db_.allterms_end(p); ++t) {
        const std::string kind = (*t).substr(p.size());
        if (normalise_term(kind) == wanted) return kind;
    }
    for (std::string_view kind : kKnownKinds) {
        if (kind == wanted) return std::string(kind);
    }
    return Status{ErrorCode::kBadParameter, "unknown kind '" + std::string(value) + "'"};
}

Result<std::vector<std::string>> FilterResolver::entity_ids(FacetType type,
                                                            std::string_view value) const {
    if (type == FacetType::kYear) {
        auto range = parse_year_range(value);
        if (!range) {
            return Status{ErrorCode::kBadParameter,
                          "expected a year or a range like 2000..2010, got '" +
                              std::string(value) + "'"};
        }
        std::vector<std::string> ids;
        if (range->first == range->last) return std::vector{std::to_string(range->first)};
        for (std::string& term : terms_in_range(schema::kPrefixYear, *range)) {
            ids.push_back(term.substr(schema::kPrefixYear.size()));
        }
        return ids;
    }
    const auto entity_type = entity_type_of(type);
    if (!entity_type) return Status{ErrorCode::kBadParameter, "not an entity facet"};
    {
        Tokenizer tokenizer;  // rare next to matching; keeps this const (see Gazetteer::resolve)
        if (const auto* ids = ambiguous_candidates(*entity_type, name_key(value, tokenizer))) {
            std::string list;
            for (const std::string& id : *ids) list += (list.empty() ? "" : ", ") + id;
            return Status{ErrorCode::kBadParameter, "'" + std::string(value) + "' names several " +
                                                        std::string(facet_type_name(type)) +
                                                        "s (" + list + "): filter by id"};
        }
    }
    const Entity* entity = gazetteer_.resolve(*entity_type, trim(value));
    if (!entity) {
        return Status{ErrorCode::kBadParameter, "unknown " + std::string(facet_type_name(type)) +
                                                    " '" + std::string(value) + "'"};
    }
    return std::vector{entity->id};
}

Result<std::vector<std::string>> FilterResolver::terms(FacetType type, std::string_view value,
                                                       bool include_demonyms) const {
    switch (type) {
        case FacetType::kKind: {
            auto kind = resolve_kind(value);
            if (!kind) return kind.status();
            return std::vector{std::string(schema::kPrefixKind) + *kind};
        }
        case FacetType::kPublished: {
            auto range = parse_year_range(value);
            if (!range) {
                return Status{ErrorCode::kBadParameter,
                              "expected a year or a range like 2000..2010, got '" +
                                  std::string(value) + "'"};
            }
            if (range->first == range->last) {
                return std::vector{std::string(schema::kPrefixPublished) +
                                   std::to_string(range->first)};
            }
            return terms_in_range(schema::kPrefixPublished, *range);
        }
        default: break;
    }
    auto ids = entity_ids(type, value);
    if (!ids) return ids.status();
    std::string_view prefix = schema::entity_prefix(*entity_type_of(type));
    if (type == FacetType::kState && !include_demonyms) prefix = schema::kPrefixStateNamed;
    std::vector<std::string> out;
    for (const std::string& id : *ids) out.push_back(std::string(prefix) + id);
    return out;
}

Result<Xapian::Query> FilterResolver::facet_query(FacetType type,
                                                  const std::vector<std::string>& values,
                                                  bool include_demonyms) const {
    std::vector<std::string> all;
    for (const std::string& value : values) {
        auto terms_of_value = terms(type, value, include_demonyms);
        if (!terms_of_value) {
            return Status{ErrorCode::kBadParameter, std::string(facet_type_name(type)) + ": " +
                                                        terms_of_value.status().message()};
        }
        all.insert(all.end(), terms_of_value->begin(), terms_of_value->end());
    }
    return or_of_terms(all);
}

Result<Xapian::Query> FilterResolver::filters_query(const Filters& filters, bool include_demonyms,
                                                    std::optional<FacetType> except) const {
    std::vector<Xapian::Query> parts;
    for (const auto& [type, values] : filters) {
        if (values.empty() || (except && *except == type)) continue;
        auto query = facet_query(type, values, include_demonyms);
        if (!query) return query.status();
        parts.push_back(std::move(*query));
    }
    if (parts.empty()) return match_all();
    if (parts.size() == 1) return parts.front();
    return Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end());
}

Result<const Entity*> FilterResolver::member_list(std::string_view value) const {
    const Entity* mechanism = gazetteer_.resolve(EntityType::kMechanism, trim(value));
    if (!mechanism) {
        return Status{ErrorCode::kBadParameter, "unknown mechanism '" + std::string(value) + "'"};
    }
    if (mechanism->members.empty()) {
        return Status{ErrorCode::kBadParameter,
                      "mechanism '" + mechanism->id +
                          "' has no member list in config/mechanisms.tsv"};
    }
    return mechanism;
}

Result<Xapian::Query> FilterResolver::member_of_query(const std::vector<std::string>& values,
                                                      bool include_demonyms) const {
    const std::string prefix(include_demonyms ? schema::kPrefixState : schema::kPrefixStateNamed);
    std::vector<std::string> terms;
    for (const std::string& value : values) {
        auto mechanism = member_list(value);
        if (!mechanism) return mechanism.status();
        for (const std::string& id : (*mechanism)->members) terms.push_back(prefix + id);
    }
    std::sort(terms.begin(), terms.end());
    terms.erase(std::unique(terms.begin(), terms.end()), terms.end());
    return or_of_terms(terms);
}

}  // namespace consulta
