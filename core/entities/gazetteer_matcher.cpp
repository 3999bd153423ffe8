// The gazetteer's matching structures: a trie over token norms with, at each node, the aliases
// that end there and what they demand of the text (gaps, case, a preceding "the").

#include "core/entities/gazetteer_matcher.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <map>
#include <tuple>

#include "core/entities/text_gap.h"
#include "core/text/tokenizer.h"

namespace consulta {
namespace {

using gazetteer_detail::AliasSpec;
using gazetteer_detail::gap_signature;
using gazetteer_detail::GazetteerData;
using gazetteer_detail::kNoEntity;
using MatchPolicy = gazetteer_detail::MatchPolicy;
using Candidate = Gazetteer::Matcher::Candidate;

// Aliases longer than this many tokens are refused at load time; the matcher's path buffer is
// a fixed array so that matching never allocates.
constexpr std::size_t kMaxAliasTokens = 40;

bool soft_gap(std::string_view signature) { return signature.empty() || signature == "-"; }

/// Whether the text's gap may stand for the alias's gap: the same punctuation, or spaces and
/// hyphens for each other ("Timor Leste" = "Timor-Leste"), or a dropped abbreviation dot
/// ("St Kitts" for "St. Kitts"). Anything else - ". " between sentences, ", " in a list - breaks
/// a multi-word name.
bool gap_accepts(std::string_view alias_gap, std::string_view text_gap) {
    return alias_gap == text_gap || (soft_gap(alias_gap) && soft_gap(text_gap)) ||
           (alias_gap == "." && text_gap.empty());
}

UChar32 first_code_point(std::string_view s, std::int32_t& i) {
    UChar32 c = 0;
    U8_NEXT(reinterpret_cast<const std::uint8_t*>(s.data()), i, static_cast<std::int32_t>(s.size()),
            c);
    return c;
}

/// "Chad" yes; "chad" and "CHAD" no (a heading in capitals says nothing about the word).
bool is_capitalised(std::string_view surface) {
    std::int32_t i = 0;
    const UChar32 first = first_code_point(surface, i);
    if (first < 0 || !(u_isupper(first) || u_istitle(first))) return false;
    bool more_letters = false;
    while (i < static_cast<std::int32_t>(surface.size())) {
        const UChar32 c = first_code_point(surface, i);
        if (c >= 0 && u_islower(c)) return true;
        more_letters = more_letters || (c >= 0 && u_isalpha(c));
    }
    return !more_letters;
}

bool starts_upper(std::string_view surface) {
    std::int32_t i = 0;
    const UChar32 first = first_code_point(surface, i);
    return first >= 0 && (u_isupper(first) || u_istitle(first));
}

std::string_view surface_of(std::string_view text, const Token& token) {
    return text.substr(token.start, token.end - token.start);
}

std::string_view gap_between(std::string_view text, const Token& left, const Token& right) {
    return text.substr(left.end, right.start - left.end);
}

bool accepts(const Candidate& c, std::string_view text, const TokenStream& tokens, std::size_t i,
             std::size_t count, Gazetteer::Matcher::Match& result) {
    for (std::size_t k = 0; k + 1 < count; ++k) {
        const std::string gap = gap_signature(gap_between(text, tokens[i + k], tokens[i + k + 1]));
        if (!gap_accepts(c.gaps[k], gap)) return false;
    }
    for (std::size_t k = 0;
         k < count && c.policy != MatchPolicy::kExact && c.policy != MatchPolicy::kBlock; ++k) {
        const std::string_view surface = surface_of(text, tokens[i + k]);
        if (c.policy == MatchPolicy::kCase && surface != c.surfaces[k]) return false;
        if (c.policy == MatchPolicy::kContext && starts_upper(c.surfaces[k]) &&
            !is_capitalised(surface)) {
            return false;
        }
    }
    if (c.after_the) {
        if (i == 0 || tokens[i - 1].norm != "the" ||
            !gap_signature(gap_between(text, tokens[i - 1], tokens[i])).empty()) {
            return false;
        }
    }
    std::uint32_t end = tokens[i + count - 1].end;
    if (!c.suffix.empty() && text.substr(end).starts_with(c.suffix)) {
        end += static_cast<std::uint32_t>(c.suffix.size());
    }
    // "US$ 2000" is money, not the United States.
    if (c.policy == MatchPolicy::kCase && end < text.size() && text[end] == '$') return false;
    result.candidate = &c;
    result.tokens = count;
    result.start = tokens[i].start;
    result.end = end;
    return true;
}

int policy_rank(MatchPolicy policy) {
    switch (policy) {
        case MatchPolicy::kBlock:
            return 0;
        case MatchPolicy::kCase:
            return 1;
        case MatchPolicy::kContext:
            return 2;
        default:
            return 3;
    }
}

bool is_tagging(MatchPolicy p) {
    return p == MatchPolicy::kExact || p == MatchPolicy::kCase || p == MatchPolicy::kContext ||
           p == MatchPolicy::kBlock;
}

/// An alias after tokenisation.
struct Prepared {
    const AliasSpec* spec = nullptr;
    TokenStream tokens;
    Candidate candidate;
};

Status prepare(Tokenizer& tokenizer, const AliasSpec& spec, Prepared& out) {
    out.spec = &spec;
    out.tokens = tokenizer.tokenize(spec.text);
    // "the Comoros" matches "Comoros" after "the"; the article stays out of the mention.
    if (out.tokens.size() > 1 && out.tokens.front().norm == "the") {
        out.tokens.erase(out.tokens.begin());
        out.candidate.after_the = true;
    }
    if (out.tokens.empty()) {
        return Status(ErrorCode::kConfig, spec.origin + ": '" + spec.text + "' has no words");
    }
    if (out.tokens.size() > kMaxAliasTokens) {
        return Status(ErrorCode::kConfig, spec.origin + ": '" + spec.text + "' is too long");
    }
    Candidate& c = out.candidate;
    c.type = spec.type;
    c.entity = spec.entity;
    c.form = spec.form;
    c.policy = spec.policy;
    c.origin = spec.origin;
    const std::string_view text = spec.text;
    for (std::size_t k = 0; k < out.tokens.size(); ++k) {
        c.surfaces.emplace_back(surface_of(text, out.tokens[k]));
        if (k > 0)
            c.gaps.push_back(gap_signature(gap_between(text, out.tokens[k - 1], out.tokens[k])));
    }
    std::string_view rest = text.substr(out.tokens.back().end);
    while (!rest.empty() && rest.back() == ' ') rest.remove_suffix(1);
    c.suffix = std::string(rest);
    return Status::ok();
}

/// Same words, same punctuation, same article: the later of two such aliases of one entity
/// replaces the earlier (states.tsv overrides iso-codes).
std::string override_key(const Prepared& p) {
    std::string key = p.candidate.after_the ? "the\x1f" : "";
    for (const Token& t : p.tokens) key += t.norm + '\x1f';
    for (const std::string& g : p.candidate.gaps) key += g + '\x1e';
    return key;
}

template <typename Data>
auto& entity_of(Data& data, EntityType type, std::size_t index) {
    return type == EntityType::kState       ? data.states[index]
           : type == EntityType::kMechanism ? data.mechanisms[index]
                                            : data.organisations[index];
}

std::string describe(const GazetteerData& data, const Candidate& c) {
    return std::string(entity_type_name(c.type)) + " " + entity_of(data, c.type, c.entity).id;
}

/// Two aliases that read the same and name different entities make the text ambiguous: that
/// is a gazetteer bug, reported with both places.
Status check_conflict(const GazetteerData& data, const Candidate& existing, const Candidate& c) {
    if (existing.policy == MatchPolicy::kBlock && c.policy == MatchPolicy::kBlock) {
        return Status::ok();
    }
    if (existing.policy == MatchPolicy::kBlock || c.policy == MatchPolicy::kBlock) {
        // A block phrase that is itself a name would silently remove the name ("Georgia" as a
        // block would drop every GE): only longer phrases may be blocks.
        const Candidate& name = existing.policy == MatchPolicy::kBlock ? c : existing;
        const Candidate& block = existing.policy == MatchPolicy::kBlock ? existing : c;
        if (name.gaps != block.gaps || name.after_the != block.after_the) return Status::ok();
        return Status(ErrorCode::kConfig, block.origin + ": this block phrase is also a name of " +
                                              describe(data, name) + " (" + name.origin + ")");
    }
    if ((existing.type == c.type && existing.entity == c.entity) || existing.gaps != c.gaps ||
        existing.after_the != c.after_the) {
        return Status::ok();
    }
    const bool both_case = existing.policy == MatchPolicy::kCase && c.policy == MatchPolicy::kCase;
    if (both_case && existing.surfaces != c.surfaces) return Status::ok();
    return Status(ErrorCode::kConfig, c.origin + ": this alias names " + describe(data, c) +
                                          " but the same words name " + describe(data, existing) +
                                          " (" + existing.origin + ")");
}

std::uint32_t child(Gazetteer::Matcher& m, std::uint32_t node, const std::string& norm) {
    for (const auto& [key, next] : m.nodes[node].children) {
        if (key == norm) return next;
    }
    const auto next = static_cast<std::uint32_t>(m.nodes.size());
    m.nodes[node].children.emplace_back(norm, next);
    m.nodes.emplace_back();
    return next;
}

Status insert(Gazetteer::Matcher& m, const GazetteerData& data, Prepared& p) {
    std::uint32_t node = 0;
    auto root = m.roots.find(p.tokens.front().norm);
    if (root == m.roots.end()) {
        node = static_cast<std::uint32_t>(m.nodes.size());
        m.nodes.emplace_back();
        m.roots.emplace(p.tokens.front().norm, node);
    } else {
        node = root->second;
    }
    for (std::size_t k = 1; k < p.tokens.size(); ++k) node = child(m, node, p.tokens[k].norm);
    auto& candidates = m.nodes[node].candidates;
    for (const Candidate& existing : candidates) {
        if (Status s = check_conflict(data, existing, p.candidate); !s) return s;
    }
    candidates.push_back(std::move(p.candidate));
    return Status::ok();
}

/// "the Emirates" needs its article, "the Comoros" does not once "Comoros" is there too.
void drop_redundant_articles(Gazetteer::Matcher& m) {
    for (auto& node : m.nodes) {
        auto& cs = node.candidates;
        std::erase_if(cs, [&](const Candidate& c) {
            return c.after_the && std::any_of(cs.begin(), cs.end(), [&](const Candidate& o) {
                       return !o.after_the && o.type == c.type && o.entity == c.entity;
                   });
        });
        // Same words, several spellings ("Viet Nam", "Viet-Nam"): the name is tried first.
        std::stable_sort(cs.begin(), cs.end(), [](const Candidate& a, const Candidate& b) {
            return std::pair(policy_rank(a.policy), a.form != MentionForm::kName) <
                   std::pair(policy_rank(b.policy), b.form != MentionForm::kName);
        });
    }
}

void add_resolve_key(Gazetteer::Matcher& m, std::map<std::string, int>& priorities, EntityType type,
                     const std::string& key, std::size_t entity, int priority) {
    if (key.empty()) return;
    auto& keys = m.resolve_keys[static_cast<int>(type)];
    const std::string tagged = std::to_string(static_cast<int>(type)) + key;
    auto it = keys.find(key);
    if (it == keys.end() || priority < priorities[tagged]) {
        keys[key] = entity;
        priorities[tagged] = priority;
    } else if (priority == priorities[tagged] && it->second != entity) {
        it->second = Gazetteer::Matcher::kAmbiguous;
    }
}

void fill_entity_aliases(GazetteerData& data, const std::vector<Prepared>& kept) {
    for (const Prepared& p : kept) {
        const AliasSpec& spec = *p.spec;
        if (spec.entity == kNoEntity || !is_tagging(spec.policy)) continue;
        Entity& entity = entity_of(data, spec.type, spec.entity);
        const bool known = std::any_of(entity.aliases.begin(), entity.aliases.end(),
                                       [&](const Alias& a) { return a.text == spec.text; });
        if (!known) {
            entity.aliases.push_back(
                {spec.text, p.candidate.form, spec.policy != MatchPolicy::kExact});
        }
    }
}

}  // namespace

bool Gazetteer::Matcher::match(std::string_view text, const TokenStream& tokens, std::size_t i,
                               Match& result) const {
    const auto root = roots.find(std::string_view(tokens[i].norm));
    if (root == roots.end()) return false;
    std::uint32_t path[kMaxAliasTokens];
    std::size_t depth = 0;
    std::uint32_t node = root->second;
    path[depth++] = node;
    for (std::size_t j = i + 1; j < tokens.size() && depth < kMaxAliasTokens; ++j) {
        const auto& children = nodes[node].children;
        auto next = std::find_if(children.begin(), children.end(),
                                 [&](const auto& entry) { return entry.first == tokens[j].norm; });
        if (next == children.end()) break;
        node = next->second;
        path[depth++] = node;
    }
    // Longest first: a name inside a longer name is not a mention of its own.
    for (std::size_t d = depth; d > 0; --d) {
        for (const Candidate& c : nodes[path[d - 1]].candidates) {
            if (accepts(c, text, tokens, i, d, result)) return true;
        }
    }
    return false;
}

namespace gazetteer_detail {

std::string resolve_key(const TokenStream& tokens) {
    std::string key;
    const std::size_t first = tokens.size() > 1 && tokens.front().norm == "the" ? 1 : 0;
    for (std::size_t k = first; k < tokens.size(); ++k) {
        if (!key.empty()) key.push_back(' ');
        key += tokens[k].norm;
    }
    return key;
}

Result<std::unique_ptr<Gazetteer::Matcher>> build_matcher(GazetteerData& data) {
    auto matcher = std::make_unique<Gazetteer::Matcher>();
    Tokenizer tokenizer;
    std::vector<Prepared> prepared(data.aliases.size());
    std::map<std::tuple<int, std::size_t, std::string>, std::size_t> latest;
    for (std::size_t i = 0; i < data.aliases.size(); ++i) {
        if (Status s = prepare(tokenizer, data.aliases[i], prepared[i]); !s) return s;
        const AliasSpec& spec = data.aliases[i];
        auto [it, fresh] = latest.try_emplace(
            {static_cast<int>(spec.type), spec.entity, override_key(prepared[i])}, i);
        if (fresh) continue;
        // A spelling variant of a name ("Cote d'Ivoire") is still the name.
        if (prepared[it->second].candidate.form == MentionForm::kName &&
            prepared[i].candidate.form == MentionForm::kAlias) {
            prepared[i].candidate.form = MentionForm::kName;
        }
        if (prepared[i].candidate.suffix.empty()) {
            prepared[i].candidate.suffix = prepared[it->second].candidate.suffix;
        }
        it->second = i;
    }
    std::vector<Prepared> kept;
    for (const auto& entry : latest) kept.push_back(std::move(prepared[entry.second]));
    std::sort(kept.begin(), kept.end(),
              [](const Prepared& a, const Prepared& b) { return a.spec < b.spec; });
    std::map<std::string, int> priorities;
    for (Prepared& p : kept) {
        const AliasSpec& spec = *p.spec;
        if (spec.entity != kNoEntity && spec.policy != MatchPolicy::kOff) {
            add_resolve_key(*matcher, priorities, spec.type, resolve_key(p.tokens), spec.entity,
                            p.candidate.form == MentionForm::kName ? 2 : 3);
        }
    }
    fill_entity_aliases(data, kept);
    for (Prepared& p : kept) {
        if (!is_tagging(p.spec->policy)) continue;
        if (Status s = insert(*matcher, data, p); !s) return s;
    }
    drop_redundant_articles(*matcher);
    matcher->context = std::move(data.context);
    for (std::size_t i = 0; i < data.states.size(); ++i) {
        std::string alpha3 = data.state_alpha3[i];
        std::transform(alpha3.begin(), alpha3.end(), alpha3.begin(), ::tolower);
        add_resolve_key(*matcher, priorities, EntityType::kState, alpha3, i, 1);
    }
    return matcher;
}

}  // namespace gazetteer_detail
}  // namespace consulta
