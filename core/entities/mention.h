#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace consulta {

/// The entity types. Their names ("state", "mechanism", "organisation", "year") are API strings.
enum class EntityType : std::uint8_t { kState, kMechanism, kOrganisation, kYear };

inline constexpr EntityType kAllEntityTypes[] = {EntityType::kState, EntityType::kMechanism,
                                                 EntityType::kOrganisation, EntityType::kYear};

std::string_view entity_type_name(EntityType type);
std::optional<EntityType> parse_entity_type(std::string_view name);

/// How a mention names its entity. Names ("name", "alias", ...) are API strings.
enum class MentionForm : std::uint8_t {
    kName,          ///< the entity's own name (ISO short name, canonical mechanism name)
    kAlias,         ///< another current name: "the Comoros", "Republic of Korea", "Puebla Process"
    kFormerName,    ///< a historical name of the same entity: "Swaziland", "Burma"
    kAbbreviation,  ///< acronym or short form: "RSA", "UK", "MIDSA"
    kDemonym,       ///< adjective or people: "Mauritian"
    kYear,          ///< a plain year: "in 2006"
    kYearRange,     ///< one end of a range: "(2015-2018)"
    kDate,          ///< the year of a date: "11-13 October 2006"
    kFiscalYear,    ///< a fiscal year: "FY2019", "FY 2019", both years of "FY 2020/21"
    kDecade,        ///< each year of a decade: "the 1990s" (1990..1999), "mid-2010s" (2014..2016)
    kRangeMiddle,   ///< a year between the ends of a range: 2017 of "2016-2018"
};

std::string_view mention_form_name(MentionForm form);
std::optional<MentionForm> parse_mention_form(std::string_view name);

/// One mention of an entity in a text.
struct Mention {
    EntityType type = EntityType::kState;
    std::string entity;          ///< entity id: "ZA", "midsa", "iom", "2006"
    std::uint32_t start = 0;     ///< UTF-8 byte offsets into the text, [start, end)
    std::uint32_t end = 0;
    std::string surface;         ///< text.substr(start, end - start)
    MentionForm form = MentionForm::kName;

    friend bool operator==(const Mention&, const Mention&) = default;
};

}  // namespace consulta
