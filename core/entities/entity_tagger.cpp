#include "core/entities/entity_tagger.h"

#include <algorithm>

#include "core/entities/gazetteer_matcher.h"

namespace consulta {

EntityTagger::EntityTagger(const Gazetteer& gazetteer, TaggerOptions options)
    : gazetteer_(gazetteer), years_(options.years) {}

std::vector<Mention> EntityTagger::tag(std::string_view text, const TokenStream& tokens) const {
    return tag(text, tokens, nullptr);
}

std::vector<Mention> EntityTagger::tag(std::string_view text, const TokenStream& tokens,
                                       std::vector<SetAside>* set_aside) const {
    const Gazetteer::Matcher& matcher = gazetteer_.matcher();
    const auto starts_name = [&](std::size_t k) {
        Gazetteer::Matcher::Match next;
        return matcher.match(text, tokens, k, next) &&
               next.candidate->policy != Gazetteer::Matcher::MatchPolicy::kBlock;
    };
    const auto put_aside = [&](const Gazetteer::Matcher::Match& found, std::string_view rule) {
        if (!set_aside) return;
        const auto& c = *found.candidate;
        SetAside& s = set_aside->emplace_back();
        s.mention.type = c.type;
        if (c.entity != gazetteer_detail::kNoEntity) {
            s.mention.entity = gazetteer_.entities(c.type)[c.entity].id;
        }
        s.mention.start = found.start;
        s.mention.end = found.end;
        s.mention.surface = std::string(text.substr(found.start, found.end - found.start));
        s.mention.form = c.form;
        s.rule = rule;
    };
    std::vector<Mention> mentions;
    Gazetteer::Matcher::Match match;
    // One left-to-right pass over states, mechanisms and organisations together, so that the
    // longest name wins whatever its type ("Abu Dhabi Dialogue" is a mechanism, not a place).
    for (std::size_t i = 0; i < tokens.size();) {
        if (!matcher.match(text, tokens, i, match)) {
            ++i;
            continue;
        }
        const std::size_t first = i;
        i += match.tokens;
        const auto& c = *match.candidate;
        if (c.policy == Gazetteer::Matcher::MatchPolicy::kBlock) {
            put_aside(match, "block");
            continue;
        }
        if (c.type == EntityType::kState) {
            const auto verdict = gazetteer_detail::judge_state_context(
                matcher.context, text, tokens, first, match.tokens, starts_name);
            if (verdict != gazetteer_detail::ContextVerdict::kState) {
                put_aside(match, gazetteer_detail::context_verdict_name(verdict));
                continue;
            }
        }
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
