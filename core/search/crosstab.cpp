#include "core/search/crosstab.h"

#include <algorithm>

#include "core/index/schema.h"
#include "core/search/facet_counter.h"
#include "core/search/filter_terms.h"

namespace consulta {

FacetSections split_facet_sections(std::string_view value) {
    FacetSections sections;
    for (std::size_t section = 0; section < schema::kFacetSections; ++section) {
        const auto sep = value.find(schema::kFacetSectionSeparator);
        std::string_view ids = value.substr(0, sep);
        value = sep == std::string_view::npos ? std::string_view() : value.substr(sep + 1);
        while (!ids.empty()) {
            const auto newline = ids.find('\n');
            const std::string_view id = ids.substr(0, newline);
            if (!id.empty()) sections[section].emplace_back(id);
            if (newline == std::string_view::npos) break;
            ids.remove_prefix(newline + 1);
        }
    }
    return sections;
}

std::optional<FacetType> counted_axis(const CrosstabRequest& request) {
    if (entity_type_of(request.rows)) return request.rows;
    if (entity_type_of(request.cols)) return request.cols;
    return std::nullopt;
}

CrosstabTally::CrosstabTally(FacetType rows, FacetType cols,
                             std::map<FacetType, std::set<std::string>> keep)
    : rows_(rows), cols_(cols), keep_(std::move(keep)) {}

std::vector<std::string> CrosstabTally::kept(const FacetSections& sections, FacetType type) const {
    const auto& ids = sections[static_cast<std::size_t>(type)];
    const auto keep = keep_.find(type);
    if (keep == keep_.end()) return ids;
    std::vector<std::string> out;
    for (const std::string& id : ids) {
        if (keep->second.count(id)) out.push_back(id);
    }
    return out;
}

void CrosstabTally::add_cell(const std::string& row, const std::string& col, std::size_t n) {
    cells_[row][col] += n;
}

void CrosstabTally::add_documents(const FacetSections& sections, std::size_t times) {
    const auto rows = kept(sections, rows_), cols = kept(sections, cols_);
    if (rows.empty() || cols.empty()) return;
    for (const std::string& row : rows) {
        row_totals_[row] += times;
        for (const std::string& col : cols) add_cell(row, col, times);
    }
    for (const std::string& col : cols) col_totals_[col] += times;
    total_ += times;
}

namespace {

bool is_year_axis(FacetType type) {
    return type == FacetType::kYear || type == FacetType::kPublished;
}

std::vector<CrosstabValue> ordered(FacetType type, const std::map<std::string, std::size_t>& totals,
                                   const Gazetteer& gazetteer) {
    std::vector<CrosstabValue> values;
    for (const auto& [id, total] : totals) {
        values.push_back({id, std::string(facet_label(type, id, gazetteer)), total});
    }
    std::sort(values.begin(), values.end(), [&](const CrosstabValue& a, const CrosstabValue& b) {
        if (is_year_axis(type)) {
            if (a.id.size() != b.id.size()) return a.id.size() < b.id.size();
            return a.id < b.id;
        }
        if (a.total != b.total) return a.total > b.total;
        if (a.label != b.label) return a.label < b.label;
        return a.id < b.id;
    });
    return values;
}

}  // namespace

void CrosstabTally::fill(const Gazetteer& gazetteer, CrosstabResponse& response) const {
    response.rows = ordered(rows_, row_totals_, gazetteer);
    response.cols = ordered(cols_, col_totals_, gazetteer);
    response.total = total_;
    response.cells.assign(response.rows.size(), std::vector<std::size_t>(response.cols.size(), 0));
    for (std::size_t r = 0; r < response.rows.size(); ++r) {
        const auto row = cells_.find(response.rows[r].id);
        if (row == cells_.end()) continue;
        for (std::size_t c = 0; c < response.cols.size(); ++c) {
            const auto cell = row->second.find(response.cols[c].id);
            if (cell != row->second.end()) response.cells[r][c] = cell->second;
        }
    }
}

}  // namespace consulta
