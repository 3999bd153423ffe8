#include "searchd/filter_check.h"

#include "core/search/ambiguous_names.h"
#include "core/search/filter_terms.h"
#include "core/text/tokenizer.h"

namespace consulta {

std::optional<DetailedError> check_filter_names(const Filters& filters, const Gazetteer& gazetteer) {
    thread_local Tokenizer tokenizer;
    for (const auto& [facet, values] : filters) {
        const auto type = entity_type_of(facet);
        if (!type || *type == EntityType::kYear) continue;
        for (const std::string& value : values) {
            const auto* ids = ambiguous_candidates(*type, name_key(value, tokenizer));
            if (!ids) continue;
            const std::string name(facet_type_name(facet));
            ApiError error{ApiCode::kAmbiguousEntity,
                           name + ": '" + value + "' names several " + name +
                               "s; filter by one of their ids",
                           name};
            nlohmann::json candidates = nlohmann::json::array();
            for (const std::string& id : *ids) {
                const Entity* entity = gazetteer.find(*type, id);
                candidates.push_back({{"id", id}, {"label", entity ? entity->name : id}});
            }
            return DetailedError{error, {{"candidates", std::move(candidates)}}};
        }
    }
    return std::nullopt;
}

}  // namespace consulta
