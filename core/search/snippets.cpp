#include "core/search/snippets.h"

#include <algorithm>
#include <optional>
#include <unordered_map>

#include "core/index/schema.h"

namespace consulta {

namespace {

struct Match {
    std::uint32_t start = 0, end = 0;
    int key = 0;  ///< which distinct query term or entity it matches
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

class MatchFinder {
public:
    MatchFinder(const HighlightTerms& terms, const Xapian::Stem& stemmer)
        : terms_(terms), stemmer_(stemmer) {}

    std::vector<Match> find(const DocumentRecord& record, const TokenStream& tokens) {
        std::vector<Match> matches;
        for (const Token& token : tokens) {
            const int key = token_key(token);
            if (key >= 0) matches.push_back({token.start, token.end, key});
        }
        for (const Mention& m : record.mentions) {
            if (!terms_.include_demonyms && m.type == EntityType::kState &&
                m.form == MentionForm::kDemonym) {
                continue;
            }
            if (terms_.entities.count({m.type, m.entity}) == 0) continue;
            matches.push_back({m.start, m.end, key_of(std::to_string(static_cast<int>(m.type)) + m.entity)});
        }
        std::sort(matches.begin(), matches.end(), [](const Match& a, const Match& b) {
            return a.start != b.start ? a.start < b.start : a.end < b.end;
        });
        return matches;
    }

    int key_count() const { return static_cast<int>(keys_.size()); }

private:
    // Words repeat (Zipf): each distinct norm is looked up and stemmed once per document.
    int token_key(const Token& token) {
        auto cached = by_norm_.find(token.norm);
        if (cached != by_norm_.end()) return cached->second;
        int key = -1;
        if (terms_.words.count(token.norm)) {
            key = key_of("w" + token.norm);
        } else if (!terms_.stems.empty() && token.kind == TokenKind::kWord) {
            const std::string stem = stemmer_(token.norm);
            if (terms_.stems.count(stem)) key = key_of("z" + stem);
        }
        by_norm_.emplace(token.norm, key);
        return key;
    }
    int key_of(const std::string& name) {
        return keys_.emplace(name, static_cast<int>(keys_.size())).first->second;
    }

    const HighlightTerms& terms_;
    const Xapian::Stem& stemmer_;
    std::unordered_map<std::string, int> keys_;
    std::unordered_map<std::string, int> by_norm_;
};

// The run of matches [first, last) within `bytes` holding the most distinct keys, then the
// most matches; the earliest wins a tie. Sliding window: linear in the number of matches.
std::pair<std::size_t, std::size_t> best_window(const std::vector<Match>& m, std::size_t bytes,
                                                int keys) {
    std::vector<int> counts(static_cast<std::size_t>(keys), 0);
    int distinct = 0;
    std::size_t j = 0;
    std::pair<std::size_t, std::size_t> best{0, 1};
    std::pair<int, std::size_t> best_score{0, 0};
    for (std::size_t i = 0; i < m.size(); ++i) {
        j = std::max(j, i);
        while (j < m.size() && m[j].end - m[i].start <= bytes) {
            if (counts[m[j].key]++ == 0) ++distinct;
            ++j;
        }
        const bool oversized = j == i;  // one match longer than a snippet: it stands alone
        const std::pair<int, std::size_t> score =
            oversized ? std::pair<int, std::size_t>{1, 1} : std::pair{distinct, j - i};
        if (score > best_score) {
            best_score = score;
            best = {i, oversized ? i + 1 : j};
        }
        if (!oversized && --counts[m[i].key] == 0) --distinct;
    }
    return best;
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
std::pair<std::size_t, std::size_t> widen(const std::string& text, const TokenStream& tokens,
                                          std::size_t ms, std::size_t me, std::size_t bytes,
                                          const std::vector<Snippet>& taken) {
    const std::size_t extra = bytes > me - ms ? bytes - (me - ms) : 0;
    std::size_t lo = ms > extra / 2 ? ms - extra / 2 : 0;
    std::size_t hi = std::min(text.size(), std::max(me, lo + std::max(bytes, me - ms)));
    if (hi - lo < bytes) lo = hi > bytes ? std::min(ms, hi - bytes) : 0;
    for (const Snippet& s : taken) {
        if (s.end <= ms && lo < s.end) lo = s.end;
        if (s.start >= me && hi > s.start) hi = s.start;
    }
    auto first = std::lower_bound(tokens.begin(), tokens.end(), lo,
                                  [](const Token& t, std::size_t off) { return t.start < off; });
    lo = (first != tokens.end() && first->start <= ms) ? first->start : ms;
    auto after = std::upper_bound(tokens.begin(), tokens.end(), hi,
                                  [](std::size_t off, const Token& t) { return off < t.end; });
    hi = (after != tokens.begin() && std::prev(after)->end >= me) ? std::prev(after)->end : me;
    return {lo, hi};
}

Snippet cut(const DocumentRecord& record, std::size_t lo, std::size_t hi,
            const std::vector<Match>& all) {
    Snippet s;
    s.start = static_cast<std::uint32_t>(lo);
    s.end = static_cast<std::uint32_t>(hi);
    s.text = record.text.substr(lo, hi - lo);
    s.page = page_of(record, s.start);
    for (const Match& m : all) {
        if (m.start < lo || m.end > hi) continue;
        const std::uint32_t a = m.start - s.start, b = m.end - s.start;
        // A word that is also a filtered entity's mention is highlighted once.
        if (!s.highlights.empty() && a < s.highlights.back().second) {
            s.highlights.back().second = std::max(s.highlights.back().second, b);
        } else {
            s.highlights.emplace_back(a, b);
        }
    }
    return s;
}

Snippet opening(const DocumentRecord& record, const TokenStream& tokens, std::size_t bytes) {
    if (tokens.empty()) return cut(record, 0, utf8_floor(record.text, bytes), {});
    const std::size_t lo = tokens.front().start;
    auto after = std::upper_bound(tokens.begin(), tokens.end(), lo + bytes,
                                  [](std::size_t off, const Token& t) { return off < t.end; });
    const std::size_t hi = after == tokens.begin() ? utf8_floor(record.text, lo + bytes)
                                                   : std::prev(after)->end;
    return cut(record, lo, hi, {});
}

}  // namespace

HighlightTerms highlight_terms(const Xapian::Query& query, bool include_demonyms) {
    HighlightTerms out;
    out.include_demonyms = include_demonyms;
    for (auto t = query.get_unique_terms_begin(); t != query.get_unique_terms_end(); ++t) {
        const std::string term = *t;
        if (term.empty()) continue;
        if (is_lower_or_digit(term[0])) {
            out.words.insert(term);
        } else if (term.starts_with("ZS") || term.starts_with("Z")) {
            // Title stems (ZS) highlight the same words in the body.
            const std::size_t skip = term.starts_with("ZS") ? 2 : 1;
            out.stems.insert(term.substr(skip));
        } else if (term[0] == 'S') {
            out.words.insert(term.substr(1));
        } else if (auto type = entity_type_of_prefix(term)) {
            out.entities.emplace(*type, term.substr(2));
        }
    }
    return out;
}

std::vector<Snippet> make_snippets(const DocumentRecord& record, const TokenStream& tokens,
                                   const HighlightTerms& terms, const Xapian::Stem& stemmer,
                                   const SnippetOptions& options) {
    std::vector<Snippet> snippets;
    if (options.count == 0 || record.text.empty()) return snippets;
    MatchFinder finder(terms, stemmer);
    const std::vector<Match> all = finder.find(record, tokens);
    if (all.empty()) {
        snippets.push_back(opening(record, tokens, options.bytes));
        return snippets;
    }
    std::vector<Match> left = all;
    while (snippets.size() < options.count && !left.empty()) {
        const auto [first, last] = best_window(left, options.bytes, finder.key_count());
        std::uint32_t me = 0;
        for (std::size_t k = first; k < last; ++k) me = std::max(me, left[k].end);
        const auto [lo, hi] =
            widen(record.text, tokens, left[first].start, me, options.bytes, snippets);
        snippets.push_back(cut(record, lo, hi, all));
        std::erase_if(left, [&](const Match& m) { return m.start < hi && m.end > lo; });
    }
    return snippets;
}

}  // namespace consulta
