#include "core/search/concordance.h"

#include <algorithm>

namespace consulta {

Result<std::vector<PatternWord>> parse_pattern(std::string_view q, Tokenizer& tokenizer) {
    std::vector<PatternWord> words;
    std::string piece;
    auto flush = [&]() -> Status {
        if (piece.empty()) return {};
        bool wildcard = false;
        if (piece.back() == '*') {
            wildcard = true;
            piece.pop_back();
        }
        if (piece.find('*') != std::string::npos) {
            return Status{ErrorCode::kBadQuery, "q: '*' may only end a word"};
        }
        const TokenStream tokens = tokenizer.tokenize(piece);
        if (tokens.empty() && wildcard) {
            return Status{ErrorCode::kBadQuery, "q: '*' needs a word before it"};
        }
        for (std::size_t i = 0; i < tokens.size(); ++i) {
            words.push_back({tokens[i].norm, wildcard && i + 1 == tokens.size()});
        }
        piece.clear();
        return {};
    };
    for (char c : q) {
        if (c == ':' || c == '(' || c == ')') {
            return Status{ErrorCode::kBadQuery,
                          "q: a concordance takes a word, a phrase or word* wildcards, not query "
                          "syntax ('" + std::string(1, c) + "')"};
        }
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '"') {
            if (Status s = flush(); !s) return s;
        } else {
            piece += c;
        }
    }
    if (Status s = flush(); !s) return s;
    if (words.empty()) return Status{ErrorCode::kBadQuery, "q: a concordance needs a word"};
    return words;
}

Result<std::vector<std::vector<std::string>>> pattern_terms(const std::vector<PatternWord>& words,
                                                            const Xapian::Database& db) {
    std::vector<std::vector<std::string>> terms;
    for (const PatternWord& word : words) {
        std::vector<std::string>& of_word = terms.emplace_back();
        if (!word.wildcard) {
            of_word.push_back(word.norm);
            continue;
        }
        // Body words are unprefixed and start with a lower-case letter or a digit, so the
        // terms after the prefix are words, never prefixed terms.
        for (auto t = db.allterms_begin(word.norm); t != db.allterms_end(word.norm); ++t) {
            if (of_word.size() == kMaxConcordanceExpansion) {
                return Status{ErrorCode::kBadQuery,
                              "q: '" + word.norm + "*' stands for more than " +
                                  std::to_string(kMaxConcordanceExpansion) + " words"};
            }
            of_word.push_back(*t);
        }
    }
    return terms;
}

Xapian::Query pattern_query(const std::vector<std::vector<std::string>>& terms) {
    std::vector<Xapian::Query> parts;
    for (const auto& of_word : terms) {
        if (of_word.empty()) return Xapian::Query::MatchNothing;
        parts.emplace_back(Xapian::Query::OP_OR, of_word.begin(), of_word.end());
    }
    if (parts.size() == 1) return parts.front();
    return Xapian::Query(Xapian::Query::OP_PHRASE, parts.begin(), parts.end(), parts.size());
}

std::optional<ConcordanceSort> parse_concordance_sort(std::string_view name) {
    std::string n(name);
    for (char& c : n) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (n == "DOC" || n == "DOCUMENT") return ConcordanceSort::kDocument;
    const std::pair<const char*, ConcordanceSort> names[] = {
        {"L1", ConcordanceSort::kL1}, {"L2", ConcordanceSort::kL2}, {"L3", ConcordanceSort::kL3},
        {"R1", ConcordanceSort::kR1}, {"R2", ConcordanceSort::kR2}, {"R3", ConcordanceSort::kR3}};
    for (const auto& [key, sort] : names) {
        if (n == key) return sort;
    }
    return std::nullopt;
}

void sort_lines(std::vector<ConcordanceRow>& lines, ConcordanceSort sort) {
    auto in_document_order = [](const ConcordanceRow& a, const ConcordanceRow& b) {
        if (a.doc != b.doc) return a.doc < b.doc;
        return a.start < b.start;
    };
    if (sort == ConcordanceSort::kDocument) {
        std::stable_sort(lines.begin(), lines.end(), in_document_order);
        return;
    }
    const int n = static_cast<int>(sort);
    const bool left = n <= static_cast<int>(ConcordanceSort::kL3);
    const std::size_t index = static_cast<std::size_t>(left ? n - 1 : n - 4);
    auto word = [&](const ConcordanceRow& row) -> const std::string& {
        static const std::string none;
        const auto& words = left ? row.left_words : row.right_words;
        return index < words.size() ? words[index] : none;
    };
    std::stable_sort(lines.begin(), lines.end(), [&](const ConcordanceRow& a, const ConcordanceRow& b) {
        const std::string &wa = word(a), &wb = word(b);
        if (wa != wb) return wa < wb;
        return in_document_order(a, b);
    });
}

}  // namespace consulta
