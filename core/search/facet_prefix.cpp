#include "core/search/facet_prefix.h"

#include <algorithm>

#include "core/search/filter_terms.h"
#include "core/text/normalizer.h"

namespace consulta {

namespace {

bool is_word_byte(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c & 0x80);
}

// True when `prefix` starts `text` or one of its words; both are normalised (lower case ASCII
// letters stay, so a word starts after any other ASCII byte).
bool starts_word(std::string_view text, std::string_view prefix) {
    for (std::size_t k = 0; k + prefix.size() <= text.size(); ++k) {
        if ((k == 0 || !is_word_byte(text[k - 1])) && text.substr(k, prefix.size()) == prefix) {
            return true;
        }
    }
    return false;
}

}  // namespace

bool matches_facet_prefix(FacetType type, const FacetValue& value, std::string_view prefix,
                          const Gazetteer& gazetteer) {
    if (prefix.empty()) return true;
    if (starts_word(normalise_term(value.label), prefix) ||
        starts_word(normalise_term(value.value), prefix)) {
        return true;
    }
    const auto entity_type = entity_type_of(type);
    if (!entity_type || *entity_type == EntityType::kYear) return false;
    const Entity* entity = gazetteer.find(*entity_type, value.value);
    if (!entity) return false;
    // Aliases match from their start only ("sw" finds Eswatini through "Swaziland"): matching
    // inside long official forms would make short prefixes noisy ("bo" would find Venezuela
    // through "Bolivarian Republic of Venezuela").
    for (const Alias& alias : entity->aliases) {
        const std::string folded = normalise_term(alias.text);
        if (folded.compare(0, prefix.size(), prefix) == 0 &&
            std::count(folded.begin(), folded.end(), ' ') < 2) {
            return true;
        }
    }
    return false;
}

}  // namespace consulta
