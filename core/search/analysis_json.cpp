#include "core/search/analysis_json.h"

#include "core/search/search_json.h"

namespace consulta {

using json = nlohmann::json;

namespace {

json axis_json(FacetType type, const std::vector<CrosstabValue>& values) {
    json list = json::array();
    for (const CrosstabValue& v : values) {
        list.push_back({{"id", v.id}, {"label", v.label}, {"total", v.total}});
    }
    return {{"type", facet_type_name(type)}, {"values", std::move(list)}};
}

json year_or_null(int year) { return year > 0 ? json(year) : json(nullptr); }

}  // namespace

std::string_view crosstab_measure_name(CrosstabMeasure measure) {
    return measure == CrosstabMeasure::kMentions ? "mentions" : "documents";
}

std::string_view concordance_sort_name(ConcordanceSort sort) {
    switch (sort) {
        case ConcordanceSort::kDocument: return "doc";
        case ConcordanceSort::kL1: return "L1";
        case ConcordanceSort::kL2: return "L2";
        case ConcordanceSort::kL3: return "L3";
        case ConcordanceSort::kR1: return "R1";
        case ConcordanceSort::kR2: return "R2";
        case ConcordanceSort::kR3: return "R3";
    }
    return "doc";
}

json to_json(const CrosstabResponse& response) {
    const CrosstabRequest& request = response.request;
    json filters = json::object();
    for (const auto& [type, values] : request.filters) {
        if (!values.empty()) filters[std::string(facet_type_name(type))] = values;
    }
    json query = {{"q", request.q},
                  {"filters", std::move(filters)},
                  {"member_of", request.member_of}};
    json members = json::array();
    for (const MembershipView& m : response.member_of) {
        members.push_back({{"mechanism", m.mechanism},
                           {"name", m.name},
                           {"members", m.members},
                           {"members_source", m.source}});
    }
    return {{"query", std::move(query)},
            {"measure", crosstab_measure_name(request.measure)},
            {"rows", axis_json(request.rows, response.rows)},
            {"cols", axis_json(request.cols, response.cols)},
            {"cells", response.cells},
            {"total", response.total},
            {"documents", response.documents},
            {"member_of", std::move(members)},
            {"generation", response.generation}};
}

std::string crosstab_csv(const CrosstabResponse& response) {
    std::string out = csv_field(facet_type_name(response.request.rows));
    for (const CrosstabValue& col : response.cols) out += "," + csv_field(col.id);
    out += ",total\r\n";
    for (std::size_t r = 0; r < response.rows.size(); ++r) {
        out += csv_field(response.rows[r].id);
        for (std::size_t cell : response.cells[r]) out += "," + std::to_string(cell);
        out += "," + std::to_string(response.rows[r].total) + "\r\n";
    }
    out += "total";
    for (const CrosstabValue& col : response.cols) out += "," + std::to_string(col.total);
    out += "," + std::to_string(response.total) + "\r\n";
    return out;
}

json to_json(const ConcordanceRow& row, bool with_page) {
    json j = {{"doc", row.doc},
              {"title", row.title},
              {"published", year_or_null(row.published)},
              {"kind", row.kind},
              {"start", row.start},
              {"end", row.end},
              {"char_start", row.char_start},
              {"char_end", row.char_end},
              {"text", row.text},
              {"left", row.left},
              {"right", row.right},
              {"left_words", row.left_words},
              {"right_words", row.right_words}};
    if (with_page) j["page"] = row.page > 0 ? json(row.page) : json(nullptr);
    return j;
}

std::string concordance_csv_header(bool with_page) {
    return std::string("doc,title,published,kind,start,end,char_start,char_end,left,text,right,"
                       "L1,L2,L3,R1,R2,R3") +
           (with_page ? ",page\r\n" : "\r\n");
}

std::string concordance_csv_row(const ConcordanceRow& row, bool with_page) {
    auto word = [](const std::vector<std::string>& words, std::size_t i) {
        return i < words.size() ? words[i] : std::string();
    };
    const std::string fields[] = {row.doc,
                                  row.title,
                                  row.published > 0 ? std::to_string(row.published) : "",
                                  row.kind,
                                  std::to_string(row.start),
                                  std::to_string(row.end),
                                  std::to_string(row.char_start),
                                  std::to_string(row.char_end),
                                  row.left,
                                  row.text,
                                  row.right,
                                  word(row.left_words, 0),
                                  word(row.left_words, 1),
                                  word(row.left_words, 2),
                                  word(row.right_words, 0),
                                  word(row.right_words, 1),
                                  word(row.right_words, 2)};
    std::string out;
    for (const std::string& field : fields) {
        if (!out.empty()) out += ',';
        out += csv_field(field);
    }
    if (with_page) out += ',' + (row.page > 0 ? std::to_string(row.page) : std::string());
    out += "\r\n";
    return out;
}

}  // namespace consulta
