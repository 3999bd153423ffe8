#include "core/search/snippets.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "core/index/schema.h"

namespace consulta {

namespace {

struct Match {
    std::uint32_t token = 0;  ///< body token number
    int key = 0;              ///< which distinct query term or entity it matches
    bool entity = false;      ///< an entity mention starts at this token
};

bool is_lower_or_digit(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c & 0x80);
}

std::optional<EntityType> entity_type_of_prefix(std::string_view term) {
    if (term.starts_with(schema::kPrefixState) || term.starts_with(schema::kPrefixStateNamed)) {
        return EntityType::kState;
    }
    if (term.starts_with(schema::kPrefixMechanism)) return EntityType::kMechanism;
    if (term.starts_with(schema::kPrefixOrganisation)) return EntityType::kOrganisation;
    if (term.starts_with(schema::kPrefixYear)) return EntityType::kYear;
    return std::nullopt;
}

// The text around some body tokens, tokenised again: exactly the tokens the indexer saw there,
// since tokenising from a token's start gives the same words as tokenising from the text's
// start (tests/unit/stored_text_test.cpp checks this on the corpus).
struct Region {
    std::uint32_t start = 0;  ///< byte offset of text[0] in the document
    std::string text;
    TokenSpans tokens;        ///< offsets in the document, positions = body token numbers

    const TokenSpan* token(std::uint32_t number) const {
        if (tokens.empty() || number < tokens.front().position) return nullptr;
        const std::size_t i = number - tokens.front().position;
        return i < tokens.size() ? &tokens[i] : nullptr;
    }
};

// Reads and tokenises the text holding at least body tokens [first, last].
Result<Region> read_region(StoredText& stored, Tokenizer& tokenizer, std::uint32_t first,
                           std::uint32_t last) {
    const TextLayout& l = stored.layout();
    auto from = stored.checkpoint(first);
    if (!from) return from.status();
    std::uint32_t end = l.text_bytes;
    // The next mapped token after `last` starts where the region may end: no word is cut.
    const std::uint64_t after = std::uint64_t{last} + l.map_stride;
    if (after < l.token_count) {
        auto to = stored.checkpoint(static_cast<std::uint32_t>(after));
        if (!to) return to.status();
        end = to->byte;
    }
    auto text = stored.text(from->byte, end);
    if (!text) return text.status();
    Region region{from->byte, std::move(*text), {}};
    region.tokens = tokenizer.spans(region.text);
    for (TokenSpan& t : region.tokens) {
        t.start += region.start;
        t.end += region.start;
        t.position += from->token;
    }
    return region;
}

std::vector<Match> find_matches(const Xapian::Database& db, Xapian::docid did,
                                const SnippetPlan& plan, const TextLayout& layout) {
    std::vector<Match> matches;
    for (const SnippetPlan::Term& t : plan.terms) {
        const bool entity = !t.term.empty() && !is_lower_or_digit(t.term[0]);
        std::size_t read = 0;
        for (auto p = db.positionlist_begin(did, t.term); p != db.positionlist_end(did, t.term);
             ++p) {
            if (*p < layout.body_start) continue;  // a title word
            const Xapian::termpos token = *p - layout.body_start;
            if (token >= layout.token_count || ++read > kMaxPositionsPerTerm) break;
            matches.push_back({static_cast<std::uint32_t>(token), t.key, entity});
        }
    }
    std::sort(matches.begin(), matches.end(), [](const Match& a, const Match& b) {
        return a.token != b.token ? a.token < b.token : a.key < b.key;
    });
    matches.erase(std::unique(matches.begin(), matches.end(),
                              [](const Match& a, const Match& b) {
                                  return a.token == b.token && a.key == b.key;
                              }),
                  matches.end());
    return matches;
}

// The run of matches [first, last) within `width` tokens holding the most distinct keys,
// then the most matches; the earliest wins a tie. Sliding window: linear in the matches.
std::pair<std::size_t, std::size_t> best_window(const std::vector<Match>& m, std::uint32_t width,
                                                int keys) {
    std::vector<int> counts(static_cast<std::size_t>(keys), 0);
    int distinct = 0;
    std::size_t j = 0;
    std::pair<std::size_t, std::size_t> best{0, 1};
    std::pair<int, std::size_t> best_score{0, 0};
    for (std::size_t i = 0; i < m.size(); ++i) {
        while (j < m.size() && m[j].token - m[i].token < width) {
            if (counts[m[j].key]++ == 0) ++distinct;
            ++j;
        }
        const std::pair<int, std::size_t> score{distinct, j - i};
        if (score > best_score) {
            best_score = score;
            best = {i, j};
        }
        if (--counts[m[i].key] == 0) --distinct;
    }
    return best;
}

bool highlights_mention(const SnippetPlan& plan, const Mention& m) {
    if (!plan.include_demonyms && m.type == EntityType::kState && m.form == MentionForm::kDemonym) {
        return false;
    }
    return plan.entities.count({m.type, m.entity}) > 0;
}

std::size_t utf8_floor(std::string_view text, std::size_t pos) {
    pos = std::min(pos, text.size());
    while (pos > 0 && pos < text.size() && (static_cast<unsigned char>(text[pos]) & 0xC0) == 0x80) {
        --pos;
    }
    return pos;
}

// Widens [ms, me) to about `bytes`, keeps clear of the snippets already chosen, and snaps both
// ends to word boundaries so no word (and no UTF-8 sequence) is cut.
std::pair<std::uint32_t, std::uint32_t> widen(const Region& region, std::uint32_t text_bytes,
                                              std::uint32_t ms, std::uint32_t me,
                                              std::uint32_t bytes,
                                              const std::vector<Snippet>& taken) {
    const std::uint32_t extra = bytes > me - ms ? bytes - (me - ms) : 0;
    std::uint32_t lo = ms > extra / 2 ? ms - extra / 2 : 0;
    std::uint32_t hi = std::min(text_bytes, std::max(me, lo + std::max(bytes, me - ms)));
    if (hi - lo < bytes) lo = hi > bytes ? std::min(ms, hi - bytes) : 0;
    for (const Snippet& s : taken) {
        if (s.end <= ms && lo < s.end) lo = s.end;
        if (s.start >= me && hi > s.start) hi = s.start;
    }
    const TokenSpans& tokens = region.tokens;
    auto first = std::lower_bound(tokens.begin(), tokens.end(), lo,
                                  [](const TokenSpan& t, std::uint32_t off) { return t.start < off; });
    lo = (first != tokens.end() && first->start <= ms) ? first->start : ms;
    auto after = std::upper_bound(tokens.begin(), tokens.end(), hi,
                                  [](std::uint32_t off, const TokenSpan& t) { return off < t.end; });
    hi = (after != tokens.begin() && std::prev(after)->end >= me) ? std::prev(after)->end : me;
    return {lo, hi};
}

// The snippet text[lo, hi) of `region`, its highlights (every matched word and highlighted
// mention inside it) and its pages.
Result<Snippet> cut(const Region& region, StoredText& stored, const std::vector<PageSpan>& pages,
                    std::uint32_t lo, std::uint32_t hi, const std::vector<Match>& all,
                    const SnippetPlan& plan) {
    Snippet s;
    s.start = lo;
    s.end = hi;
    s.text = region.text.substr(lo - region.start, hi - lo);
    std::vector<std::pair<std::uint32_t, std::uint32_t>> spans;
    for (const TokenSpan& t : region.tokens) {
        if (t.start < lo || t.end > hi) continue;
        auto m = std::lower_bound(all.begin(), all.end(), t.position,
                                  [](const Match& a, std::uint32_t tok) { return a.token < tok; });
        for (; m != all.end() && m->token == t.position; ++m) {
            if (!m->entity) {
                spans.emplace_back(t.start, t.end);
                break;
            }
        }
    }
    if (!plan.entities.empty()) {
        auto mentions = stored.mentions(lo, hi);
        if (!mentions) return mentions.status();
        for (const Mention& m : *mentions) {
            if (m.start >= lo && m.end <= hi && highlights_mention(plan, m)) {
                spans.emplace_back(m.start, m.end);
            }
        }
    }
    std::sort(spans.begin(), spans.end());
    for (const auto& [a, b] : spans) {
        // A word that is also a filtered entity's mention is highlighted once.
        if (!s.highlights.empty() && a - lo < s.highlights.back().second) {
            s.highlights.back().second = std::max(s.highlights.back().second, b - lo);
        } else {
            s.highlights.emplace_back(a - lo, b - lo);
        }
    }
    // Researchers cite the page of the match, and need to know when a passage runs onto the next.
    s.page = page_of(pages, s.highlights.empty() ? lo : lo + s.highlights.front().first);
    if (hi > lo) {
        const int first = page_of(pages, lo), last = page_of(pages, hi - 1);
        if (first != last) s.pages = {first, last};
    }
    return s;
}

Result<Snippet> opening(StoredText& stored, Tokenizer& tokenizer,
                        const std::vector<PageSpan>& pages, std::uint32_t width,
                        std::uint32_t bytes, const SnippetPlan& plan) {
    const TextLayout& l = stored.layout();
    if (l.token_count == 0) {
        auto text = stored.text(0, bytes + 4);
        if (!text) return text.status();
        const auto hi = static_cast<std::uint32_t>(utf8_floor(*text, bytes));
        Region region{0, text->substr(0, hi), {}};
        return cut(region, stored, pages, 0, hi, {}, plan);
    }
    auto region = read_region(stored, tokenizer, 0, std::min(l.token_count - 1, width + l.map_stride));
    if (!region) return region.status();
    const TokenSpans& tokens = region->tokens;
    const std::uint32_t lo = tokens.front().start;
    auto after = std::upper_bound(tokens.begin(), tokens.end(), lo + bytes,
                                  [](std::uint32_t off, const TokenSpan& t) { return off < t.end; });
    const std::uint32_t hi =
        after == tokens.begin()
            ? static_cast<std::uint32_t>(region->start + utf8_floor(region->text, lo - region->start + bytes))
            : std::prev(after)->end;
    return cut(*region, stored, pages, lo, std::max(lo, hi), {}, plan);
}

// The terms a document matching `q` may hold: not those a NOT excludes, whose position lists
// would be looked up in every hit only to be found empty.
void add_terms_a_match_may_hold(const Xapian::Query& q, std::set<std::string>& out) {
    const std::size_t n = q.get_num_subqueries();
    if (n == 0) {
        out.insert(q.get_unique_terms_begin(), q.get_unique_terms_end());
        return;
    }
    const bool only_first = q.get_type() == Xapian::Query::OP_AND_NOT;
    for (std::size_t i = 0; i < (only_first ? 1 : n); ++i) {
        add_terms_a_match_may_hold(q.get_subquery(i), out);
    }
}

}  // namespace

SnippetPlan plan_snippets(const Xapian::Query& query, bool include_demonyms,
                          const Xapian::Database& db, StemExpander& expander,
                          std::uint64_t generation) {
    SnippetPlan plan;
    plan.include_demonyms = include_demonyms;
    std::map<std::string, int> keys;
    std::map<std::string, int> term_keys;  // each positional term once
    auto add = [&](const std::string& key_name, const std::string& term) {
        const int key = keys.emplace(key_name, static_cast<int>(keys.size())).first->second;
        if (term_keys.emplace(term, key).second) plan.terms.push_back({term, key});
    };
    std::set<std::string> may_hold;
    add_terms_a_match_may_hold(query, may_hold);
    for (auto t = query.get_unique_terms_begin(); t != query.get_unique_terms_end(); ++t) {
        const std::string term = *t;
        if (term.empty() || !may_hold.count(term)) continue;
        if (is_lower_or_digit(term[0])) {
            add("w" + term, term);
        } else if (term[0] == 'Z') {
            // Title stems (ZS) highlight the same words in the body.
            const std::string stem = term.substr(term.starts_with("ZS") ? 2 : 1);
            for (const std::string& word : expander.expand(db, stem, generation)) {
                add("z" + stem, word);
            }
        } else if (term[0] == 'S') {
            add("w" + term.substr(1), term.substr(1));
        } else if (auto type = entity_type_of_prefix(term)) {
            const std::string id = term.substr(2);
            plan.entities.emplace(*type, id);
            add("e" + std::to_string(static_cast<int>(*type)) + id, term);
        }
    }
    plan.key_count = static_cast<int>(keys.size());
    return plan;
}

Result<std::vector<Snippet>> make_snippets(const Xapian::Database& db, Xapian::docid did,
                                           StoredText& stored, const std::vector<PageSpan>& pages,
                                           const SnippetPlan& plan, Tokenizer& tokenizer,
                                           const SnippetOptions& options) {
    std::vector<Snippet> snippets;
    const TextLayout& l = stored.layout();
    if (options.count == 0 || options.bytes == 0 || l.text_bytes == 0) return snippets;
    const auto bytes = static_cast<std::uint32_t>(std::min<std::size_t>(options.bytes, 1u << 20));
    // A snippet's width in tokens, at this document's average bytes per token.
    const auto width = static_cast<std::uint32_t>(std::max<std::uint64_t>(
        1, std::uint64_t{bytes} * l.token_count / l.text_bytes));

    const std::vector<Match> all = find_matches(db, did, plan, l);
    if (all.empty()) {
        auto s = opening(stored, tokenizer, pages, width, bytes, plan);
        if (!s) return s.status();
        snippets.push_back(std::move(*s));
        return snippets;
    }
    std::vector<Match> left = all;
    while (snippets.size() < options.count && !left.empty()) {
        const auto [first, last] = best_window(left, width, plan.key_count);
        const std::uint32_t t0 = left[first].token, t1 = left[last - 1].token;
        // widen() grows the window by at most `bytes` (about `width` tokens) on either side;
        // read_region() rounds out to checkpoints on its own.
        const std::uint32_t margin = width;
        auto region = read_region(stored, tokenizer, t0 > margin ? t0 - margin : 0,
                                  std::min<std::uint64_t>(l.token_count - 1, std::uint64_t{t1} + margin));
        if (!region) return region.status();
        std::uint32_t ms = UINT32_MAX, me = 0;
        for (std::size_t k = first; k < last; ++k) {
            const TokenSpan* t = region->token(left[k].token);
            if (!t) continue;
            ms = std::min(ms, t->start);
            me = std::max(me, t->end);
            if (left[k].entity) {
                // The window holds the whole mention, which may run over several tokens.
                auto mentions = stored.mentions(t->start, t->end);
                if (!mentions) return mentions.status();
                for (const Mention& m : *mentions) {
                    if (m.start >= t->start && highlights_mention(plan, m)) me = std::max(me, m.end);
                }
            }
        }
        if (ms == UINT32_MAX) break;  // cannot happen with a sound index; never loop on it
        const auto [lo, hi] = widen(*region, l.text_bytes, ms, me, bytes, snippets);
        auto snippet = cut(*region, stored, pages, lo, hi, all, plan);
        if (!snippet) return snippet.status();
        snippets.push_back(std::move(*snippet));
        // Matches inside the passage are shown: the next passage looks elsewhere.
        std::uint32_t covered_from = UINT32_MAX, covered_to = 0;
        for (const TokenSpan& t : region->tokens) {
            if (t.end > lo && t.start < hi) {
                covered_from = std::min(covered_from, t.position);
                covered_to = std::max(covered_to, t.position);
            }
        }
        std::erase_if(left, [&](const Match& m) {
            return (m.token >= t0 && m.token <= t1) ||
                   (m.token >= covered_from && m.token <= covered_to);
        });
    }
    return snippets;
}

}  // namespace consulta
