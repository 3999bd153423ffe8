#include "core/search/query_names.h"

#include <algorithm>
#include <set>

#include "core/search/ambiguous_names.h"
#include "core/search/query_text.h"

namespace consulta {
namespace {

constexpr std::size_t kNone = static_cast<std::size_t>(-1);

bool eligible(const QueryOperand& operand) {
    return !operand.prefixed && !operand.love_hate && !operand.beside_proximity;
}

AmbiguousName ambiguous_name(std::string text, EntityType type,
                             const std::vector<std::string>& ids, const Gazetteer& gazetteer) {
    AmbiguousName name{std::move(text), type, {}};
    for (const std::string& id : ids) {
        const Entity* entity = gazetteer.find(type, id);
        name.candidates.emplace_back(id, entity ? entity->name : id);
    }
    return name;
}

}  // namespace

NamesInQuery find_names(std::string_view q, Tokenizer& tokenizer, const EntityTagger& tagger,
                        const Gazetteer& gazetteer) {
    const std::vector<QueryOperand> operands = query_operands(q);
    // The words the tagger may see: those of eligible operands. The words left out leave
    // their text in the gaps, so no name is read across "AND" or across a prefix.
    TokenStream words;
    std::vector<std::size_t> operand_of;
    for (Token& token : tokenizer.tokenize(q)) {
        auto it = std::find_if(operands.begin(), operands.end(), [&](const QueryOperand& o) {
            return token.start >= o.start && token.end <= o.end;
        });
        if (it == operands.end() || !eligible(*it)) continue;
        operand_of.push_back(static_cast<std::size_t>(it - operands.begin()));
        words.push_back(std::move(token));
    }
    NamesInQuery names;
    std::vector<bool> covered(words.size(), false);
    std::set<std::string> ambiguous_keys;
    for (const Mention& m : tagger.tag(q, words)) {
        if (m.type == EntityType::kYear) continue;
        std::size_t first = kNone, last = kNone;
        for (std::size_t k = 0; k < words.size(); ++k) {
            if (words[k].start >= m.start && words[k].end <= m.end) {
                if (first == kNone) first = k;
                last = k;
            }
        }
        if (first == kNone) continue;
        for (std::size_t k = first; k <= last; ++k) covered[k] = true;
        if (m.form == MentionForm::kDemonym) continue;
        // The name must be whole operands: every word of them, and a phrase only on its own.
        const std::size_t op_first = operand_of[first], op_last = operand_of[last];
        const bool quoted = operands[op_first].quoted || operands[op_last].quoted;
        if (quoted && op_first != op_last) continue;
        const bool whole = std::all_of(
            operand_of.begin(), operand_of.end(), [&, k = std::size_t{0}](std::size_t op) mutable {
                const std::size_t word = k++;
                return op < op_first || op > op_last || (word >= first && word <= last);
            });
        if (!whole) continue;
        std::string text(q.substr(m.start, m.end - m.start));
        const std::string key = name_key(text, tokenizer);
        if (const auto* ids = ambiguous_candidates(m.type, key)) {
            if (ambiguous_keys.insert(key).second) {
                names.ambiguous.push_back(ambiguous_name(std::move(text), m.type, *ids, gazetteer));
            }
            continue;
        }
        const Entity* entity = gazetteer.find(m.type, m.entity);
        NameSpan span;
        span.name = {std::move(text), m.type, m.entity, entity ? entity->name : m.entity};
        span.start = operands[op_first].start;
        span.end = operands[op_last].end;
        span.quoted = quoted;
        names.resolved.push_back(std::move(span));
    }
    // Listed names the tagger does not tag at all ("Korea" is resolvable, never tagged).
    for (std::size_t k = 0; k < words.size(); ++k) {
        if (covered[k] || words[k].kind != TokenKind::kWord) continue;
        for (EntityType type : {EntityType::kState, EntityType::kMechanism,
                                EntityType::kOrganisation}) {
            const auto* ids = ambiguous_candidates(type, words[k].norm);
            if (!ids || !ambiguous_keys.insert(words[k].norm).second) continue;
            names.ambiguous.push_back(ambiguous_name(
                std::string(q.substr(words[k].start, words[k].end - words[k].start)), type, *ids,
                gazetteer));
        }
    }
    return names;
}

}  // namespace consulta
