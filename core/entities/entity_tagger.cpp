#include "core/entities/entity_tagger.h"

#include <algorithm>

#include "core/entities/gazetteer_matcher.h"

namespace consulta {

EntityTagger::EntityTagger(const Gazetteer& gazetteer, TaggerOptions options)
    : gazetteer_(gazetteer), years_(options.years) {}

std::vector<Mention> EntityTagger::tag(std::string_view text, const TokenStream& tokens) const {
    const Gazetteer::Matcher& matcher = gazetteer_.matcher();
    std::vector<Mention> mentions;
    Gazetteer::Matcher::Match match;
    // One left-to-right pass over states, mechanisms and organisations together, so that the
    // longest name wins whatever its type ("Abu Dhabi Dialogue" is a mechanism, not a place).
    for (std::size_t i = 0; i < tokens.size();) {
        if (!matcher.match(text, tokens, i, match)) {
            ++i;
            continue;
        }
        i += match.tokens;
        const auto& c = *match.candidate;
        if (c.policy == Gazetteer::Matcher::MatchPolicy::kBlock) continue;
        Mention& m = mentions.emplace_back();
        m.type = c.type;
        m.entity = gazetteer_.entities(c.type)[c.entity].id;
        m.start = match.start;
        m.end = match.end;
        m.surface = std::string(text.substr(m.start, m.end - m.start));
        m.form = c.form;
    }
    // A year inside a name ("... Plan of Action (2018-2030)") belongs to the name.
    std::vector<Mention> years = years_.extract(text, tokens);
    std::erase_if(years, [&](const Mention& year) {
        auto after =
            std::lower_bound(mentions.begin(), mentions.end(), year.start,
                             [](const Mention& m, std::uint32_t start) { return m.end <= start; });
        return after != mentions.end() && after->start < year.end;
    });
    if (years.empty()) return mentions;
    const std::size_t middle = mentions.size();
    mentions.insert(mentions.end(), std::make_move_iterator(years.begin()),
                    std::make_move_iterator(years.end()));
    std::inplace_merge(mentions.begin(), mentions.begin() + static_cast<std::ptrdiff_t>(middle),
                       mentions.end(),
                       [](const Mention& a, const Mention& b) { return a.start < b.start; });
    return mentions;
}

}  // namespace consulta
