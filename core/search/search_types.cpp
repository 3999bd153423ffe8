#include "core/search/search_types.h"

namespace consulta {

std::string_view facet_type_name(FacetType type) {
    switch (type) {
        case FacetType::kState: return "state";
        case FacetType::kMechanism: return "mechanism";
        case FacetType::kOrganisation: return "organisation";
        case FacetType::kYear: return "year";
        case FacetType::kKind: return "kind";
        case FacetType::kPublished: return "published";
    }
    return "state";
}

std::optional<FacetType> parse_facet_type(std::string_view name) {
    for (FacetType type : kAllFacetTypes) {
        if (facet_type_name(type) == name) return type;
    }
    // The American spelling is what many clients will type; it names the same facet.
    if (name == "organization") return FacetType::kOrganisation;
    return std::nullopt;
}

}  // namespace consulta
