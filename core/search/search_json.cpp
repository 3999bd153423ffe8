#include "core/search/search_json.h"

namespace consulta {
using nlohmann::json;

namespace {

std::string_view sort_name(SortOrder sort) {
    switch (sort) {
        case SortOrder::kRelevance: return "relevance";
        case SortOrder::kYearAscending: return "year";
        case SortOrder::kYearDescending: return "-year";
        case SortOrder::kTitle: return "title";
    }
    return "relevance";
}

// 0 means "not known": the API says so with null rather than a year 0.
json year_or_null(int year) { return year > 0 ? json(year) : json(nullptr); }

std::string name_of(FacetType type) { return std::string(facet_type_name(type)); }
std::string name_of(EntityType type) { return std::string(entity_type_name(type)); }

json query_json(const SearchRequest& request) {
    json filters = json::object();
    for (const auto& [type, values] : request.filters) {
        if (!values.empty()) filters[name_of(type)] = values;
    }
    json j = {{"q", request.q},
              {"filters", std::move(filters)},
              {"sort", sort_name(request.sort)},
              {"offset", request.offset},
              {"limit", request.limit},
              {"resolve", request.resolve_names}};
    if (!request.member_of.empty()) j["member_of"] = request.member_of;
    return j;
}

json snippet_json(const Snippet& s) {
    json highlights = json::array();
    for (const auto& [start, end] : s.highlights) highlights.push_back({start, end});
    json j = {{"text", s.text}, {"start", s.start}, {"end", s.end}};
    if (s.page > 0) j["page"] = s.page;
    if (!s.pages.empty()) j["pages"] = s.pages;
    j["highlights"] = std::move(highlights);
    return j;
}

json hit_json(const SearchHit& hit) {
    json snippets = json::array();
    for (const Snippet& s : hit.snippets) snippets.push_back(snippet_json(s));
    json entities = json::object();
    for (EntityType type : kAllEntityTypes) {
        auto it = hit.entities.find(type);
        entities[name_of(type)] = it == hit.entities.end() ? json::array() : json(it->second);
    }
    return {{"id", hit.id},
            {"title", hit.title},
            {"kind", hit.kind},
            {"publisher", hit.publisher},
            {"published", year_or_null(hit.published)},
            {"score", hit.score},
            {"rank", hit.rank},
            {"snippets", std::move(snippets)},
            {"entities", std::move(entities)}};
}

json values_json(const std::vector<FacetValue>& values) {
    json out = json::array();
    for (const FacetValue& v : values) {
        out.push_back({{"value", v.value}, {"label", v.label}, {"count", v.count}});
    }
    return out;
}

}  // namespace

// RFC 4180: a field with a comma, a quote, CR or LF is quoted, its quotes doubled.
std::string csv_field(std::string_view field) {
    if (field.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(field);
    std::string out = "\"";
    for (char c : field) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
    return out;
}

json to_json(const SearchResponse& response) {
    json hits = json::array();
    for (const SearchHit& hit : response.hits) hits.push_back(hit_json(hit));
    json facets = json::object();
    for (const auto& [type, values] : response.facets) facets[name_of(type)] = values_json(values);
    json facet_filters = json::object();
    for (const auto& [type, applied] : response.facet_filters) {
        json names = json::array();
        for (FacetType filter : applied) names.push_back(name_of(filter));
        facet_filters[name_of(type)] = std::move(names);
    }
    json query = query_json(response.request);
    json resolved_filters = json::object();
    for (const auto& [type, values] : response.resolved_filters) {
        json list = json::array();
        for (const ResolvedFilter& f : values) {
            list.push_back({{"value", f.value}, {"id", f.id}, {"label", f.label}});
        }
        resolved_filters[name_of(type)] = std::move(list);
    }
    query["resolved_filters"] = std::move(resolved_filters);
    json j = {{"query", std::move(query)},
              {"total", response.total},
              {"took_ms", response.took_ms},
              {"generation", response.generation}};
    if (response.suggestion) j["suggestion"] = *response.suggestion;
    json resolved = json::array();
    for (const ResolvedName& name : response.resolved) {
        resolved.push_back({{"text", name.text},
                            {"type", name_of(name.type)},
                            {"id", name.id},
                            {"label", name.label}});
    }
    j["resolved"] = std::move(resolved);
    json ambiguous = json::array();
    for (const AmbiguousName& name : response.ambiguous) {
        json candidates = json::array();
        for (const auto& [id, label] : name.candidates) {
            candidates.push_back({{"id", id}, {"label", label}});
        }
        ambiguous.push_back(
            {{"text", name.text}, {"type", name_of(name.type)}, {"candidates", std::move(candidates)}});
    }
    j["ambiguous"] = std::move(ambiguous);
    j["hits"] = std::move(hits);
    j["facets"] = std::move(facets);
    j["facet_filters"] = std::move(facet_filters);
    if (response.request.cooccurrence) {
        json cooccurrence = json::object();
        for (const auto& [type, values] : response.cooccurrence) {
            cooccurrence[name_of(type)] = values_json(values);
        }
        j["cooccurrence"] = std::move(cooccurrence);
    }
    if (response.request.debug) j["debug"] = {{"parsed_query", response.parsed_query}};
    return j;
}

json to_json(const ExportHit& hit) {
    json mentions = json::object();
    for (EntityType type : kAllEntityTypes) {
        json counts = json::object();
        auto it = hit.mentions.find(type);
        if (it != hit.mentions.end()) {
            for (const auto& [id, count] : it->second) counts[id] = count;
        }
        mentions[name_of(type)] = std::move(counts);
    }
    return {{"id", hit.id},
            {"title", hit.title},
            {"kind", hit.kind},
            {"publisher", hit.publisher},
            {"published", year_or_null(hit.published)},
            {"score", hit.score},
            {"mentions", std::move(mentions)}};
}

std::string search_csv_header() {
    return "id,title,kind,publisher,published,score,state,mechanism,organisation,year\r\n";
}

std::string search_csv_row(const ExportHit& hit) {
    std::string line = csv_field(hit.id) + "," + csv_field(hit.title) + "," + csv_field(hit.kind) +
                       "," + csv_field(hit.publisher) + "," +
                       (hit.published > 0 ? std::to_string(hit.published) : std::string()) + "," +
                       json(hit.score).dump();
    for (EntityType type : kAllEntityTypes) {
        std::string cell;
        auto it = hit.mentions.find(type);
        if (it != hit.mentions.end()) {
            for (const auto& [id, count] : it->second) {
                cell += (cell.empty() ? "" : ";") + id + "=" + std::to_string(count);
            }
        }
        line += "," + csv_field(cell);
    }
    return line + "\r\n";
}

json to_json(const FacetValuesResponse& response) {
    return {{"type", name_of(response.type)},
            {"total_values", response.total_values},
            {"values", values_json(response.values)},
            {"generation", response.generation}};
}

json to_json(const DocumentView& document) {
    json entities = json::object();
    for (EntityType type : kAllEntityTypes) {
        json list = json::array();
        auto it = document.entities.find(type);
        if (it != document.entities.end()) {
            for (const EntityMentions& e : it->second) {
                json mentions = json::array();
                for (const MentionView& m : e.mentions) {
                    json mj = {{"start", m.start}, {"end", m.end}, {"text", m.text},
                               {"form", mention_form_name(m.form)}};
                    if (m.page > 0) mj["page"] = m.page;
                    mentions.push_back(std::move(mj));
                }
                list.push_back({{"id", e.id}, {"name", e.name}, {"count", e.mentions.size()},
                                {"mentions", std::move(mentions)}});
            }
        }
        entities[name_of(type)] = std::move(list);
    }
    json j = {{"id", document.id},         {"title", document.title},
              {"kind", document.kind},     {"publisher", document.publisher},
              {"published", year_or_null(document.published)},
              {"path", document.path},     {"format", document.format},
              {"bytes", document.bytes},   {"generation", document.generation},
              {"entities", std::move(entities)}};
    if (document.text) j["text"] = *document.text;
    return j;
}

json to_json(const MentionRow& row, bool with_page) {
    json j = {{"doc", row.doc},     {"type", name_of(row.type)}, {"entity", row.entity},
              {"label", row.label}, {"form", mention_form_name(row.form)},
              {"start", row.start}, {"end", row.end},            {"text", row.text},
              {"left", row.left},   {"right", row.right},
              {"char_start", row.char_start}, {"char_end", row.char_end},
              {"title", row.title}, {"published", year_or_null(row.published)},
              {"kind", row.kind}};
    if (with_page) j["page"] = row.page > 0 ? json(row.page) : json(nullptr);
    return j;
}

json to_json(const EntityView& entity) {
    json by_year = json::array();
    for (const YearCount& y : entity.by_year) {
        by_year.push_back({{"year", y.year}, {"documents", y.documents}, {"mentions", y.mentions}});
    }
    json j = {{"type", name_of(entity.type)}, {"id", entity.id}, {"name", entity.name},
              {"aliases", entity.aliases},    {"kind", entity.kind}};
    if (entity.type == EntityType::kMechanism) {
        j["members"] = entity.members;
        j["established"] = year_or_null(entity.established);
        if (!entity.region.empty()) j["region"] = entity.region;
    }
    if (entity.type == EntityType::kState) j["mechanisms"] = entity.mechanisms;
    j["documents"] = entity.documents;
    j["mentions"] = entity.mentions;
    j["by_year"] = std::move(by_year);
    j["generation"] = entity.generation;
    return j;
}

json to_json(const IndexStats& stats) {
    json mentions = json::object();
    for (EntityType type : kAllEntityTypes) {
        auto it = stats.mentions.find(type);
        mentions[name_of(type)] = it == stats.mentions.end() ? 0 : it->second;
    }
    return {{"documents", stats.documents},   {"mentions", std::move(mentions)},
            {"index_bytes", stats.index_bytes}, {"generation", stats.generation},
            {"indexed_at", stats.indexed_at}, {"has_pages", stats.has_pages}};
}

std::string mentions_csv_header(bool with_page) {
    const std::string columns =
        "doc,type,entity,label,form,start,end,text,left,right,title,published,kind,char_start,"
        "char_end";
    return columns + (with_page ? ",page\r\n" : "\r\n");
}

std::string mentions_csv_row(const MentionRow& row, bool with_page) {
    std::string out;
    const std::string fields[] = {row.doc,
                                  name_of(row.type),
                                  row.entity,
                                  row.label,
                                  std::string(mention_form_name(row.form)),
                                  std::to_string(row.start),
                                  std::to_string(row.end),
                                  row.text,
                                  row.left,
                                  row.right,
                                  row.title,
                                  row.published > 0 ? std::to_string(row.published) : "",
                                  row.kind,
                                  std::to_string(row.char_start),
                                  std::to_string(row.char_end)};
    for (const std::string& field : fields) {
        if (!out.empty()) out += ',';
        out += csv_field(field);
    }
    if (with_page) out += ',' + (row.page > 0 ? std::to_string(row.page) : std::string());
    out += "\r\n";
    return out;
}

}  // namespace consulta
