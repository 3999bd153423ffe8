#include "core/index/schema.h"

namespace consulta::schema {

std::string_view entity_prefix(EntityType type) {
    switch (type) {
        case EntityType::kState: return kPrefixState;
        case EntityType::kMechanism: return kPrefixMechanism;
        case EntityType::kOrganisation: return kPrefixOrganisation;
        case EntityType::kYear: return kPrefixYear;
    }
    return kPrefixState;
}

Xapian::valueno entity_slot(EntityType type) {
    switch (type) {
        case EntityType::kState: return kSlotStates;
        case EntityType::kMechanism: return kSlotMechanisms;
        case EntityType::kOrganisation: return kSlotOrganisations;
        case EntityType::kYear: return kSlotYears;
    }
    return kSlotStates;
}

}  // namespace consulta::schema
