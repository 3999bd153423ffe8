#include "core/entities/mention.h"

namespace consulta {
namespace {

// One table per enum keeps the API strings and their parsers from drifting apart.
struct TypeName {
    EntityType type;
    std::string_view name;
};
constexpr TypeName kTypeNames[] = {
    {EntityType::kState, "state"},
    {EntityType::kMechanism, "mechanism"},
    {EntityType::kOrganisation, "organisation"},
    {EntityType::kYear, "year"},
};

struct FormName {
    MentionForm form;
    std::string_view name;
};
constexpr FormName kFormNames[] = {
    {MentionForm::kName, "name"},
    {MentionForm::kAlias, "alias"},
    {MentionForm::kFormerName, "former_name"},
    {MentionForm::kAbbreviation, "abbreviation"},
    {MentionForm::kDemonym, "demonym"},
    {MentionForm::kYear, "year"},
    {MentionForm::kYearRange, "year_range"},
    {MentionForm::kDate, "date"},
    {MentionForm::kFiscalYear, "fiscal_year"},
    {MentionForm::kDecade, "decade"},
    {MentionForm::kRangeMiddle, "range_middle"},
};

}  // namespace

std::string_view entity_type_name(EntityType type) {
    for (const auto& entry : kTypeNames) {
        if (entry.type == type) {
            return entry.name;
        }
    }
    return "state";
}

std::optional<EntityType> parse_entity_type(std::string_view name) {
    for (const auto& entry : kTypeNames) {
        if (entry.name == name) {
            return entry.type;
        }
    }
    return std::nullopt;
}

std::string_view mention_form_name(MentionForm form) {
    for (const auto& entry : kFormNames) {
        if (entry.form == form) {
            return entry.name;
        }
    }
    return "name";
}

std::optional<MentionForm> parse_mention_form(std::string_view name) {
    for (const auto& entry : kFormNames) {
        if (entry.name == name) {
            return entry.form;
        }
    }
    return std::nullopt;
}

}  // namespace consulta
