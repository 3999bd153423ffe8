#include "core/search/facet_lists.h"

#include "core/index/schema.h"
#include "core/search/filter_terms.h"

namespace consulta {

static_assert(schema::kFacetSections == 6, "FacetLists keeps one id table per facet section");

void FacetLists::begin_answer() {
    if (list_bytes_ <= max_bytes_) return;
    lists_.clear();
    ids_.clear();
    for (auto& table : by_value_) table.clear();
    list_bytes_ = 0;
}

std::uint32_t FacetLists::intern(FacetType type, std::string_view value) {
    auto& table = by_value_[static_cast<std::size_t>(type)];
    auto [at, added] = table.try_emplace(std::string(value), static_cast<std::uint32_t>(ids_.size()));
    if (!added) return at->second;
    const std::string* name = nullptr;
    const auto entity_type = entity_type_of(type);
    if (entity_type && *entity_type != EntityType::kYear) {
        if (const Entity* entity = gazetteer_->find(*entity_type, value)) name = &entity->name;
    }
    ids_.push_back({type, std::string(value), name});
    return at->second;
}

const std::vector<std::uint32_t>& FacetLists::decode(const std::string& value) {
    if (auto known = lists_.find(value); known != lists_.end()) return known->second;
    std::vector<std::uint32_t> ids;
    std::string_view rest(value);
    for (std::size_t section = 0; section < schema::kFacetSections; ++section) {
        const auto sep = rest.find(schema::kFacetSectionSeparator);
        std::string_view part = rest.substr(0, sep);
        rest = sep == std::string_view::npos ? std::string_view() : rest.substr(sep + 1);
        const auto type = static_cast<FacetType>(section);
        if (type == FacetType::kKind || type == FacetType::kPublished) {
            if (!part.empty()) ids.push_back(intern(type, part));
            continue;
        }
        while (!part.empty()) {
            const auto newline = part.find('\n');
            if (newline != 0) ids.push_back(intern(type, part.substr(0, newline)));
            if (newline == std::string_view::npos) break;
            part.remove_prefix(newline + 1);
        }
    }
    list_bytes_ += value.size() + ids.size() * sizeof(std::uint32_t) + 64;
    return lists_.emplace(value, std::move(ids)).first->second;
}

}  // namespace consulta
