#include "core/search/query_text.h"

#include <algorithm>

namespace consulta {

namespace {

enum class ItemKind { kTerm, kBinary, kNot, kOpen, kClose };

struct Item {
    ItemKind kind = ItemKind::kTerm;
    std::size_t start = 0, end = 0;
    bool literal = false;  ///< a boolean prefix with its value: never rewritten
    bool prefixed = false;  ///< any prefix with its value (state:za, title:migration)
};

// The query split the way Xapian's parser sees its structure. Lexing goes on past a mistake,
// so that normalisation and lenient stripping see every item; `problem` keeps the first one.
struct Lexed {
    std::vector<Item> items;
    std::optional<QueryProblem> problem;
    std::size_t max_depth = 0;
    std::optional<std::size_t> open_quote;  ///< offset of an unterminated quote
};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

template <std::size_t N>
bool one_of(std::string_view word, const std::string_view (&list)[N]) {
    return std::find(std::begin(list), std::end(list), word) != std::end(list);
}

bool is_binary_operator(std::string_view word) {
    if (word == "AND" || word == "OR" || word == "XOR") return true;
    for (std::string_view op : {std::string_view("NEAR"), std::string_view("ADJ")}) {
        if (word == op) return true;
        if (word.starts_with(op) && word.size() > op.size() + 1 && word[op.size()] == '/' &&
            std::all_of(word.begin() + op.size() + 1, word.end(),
                        [](char c) { return c >= '0' && c <= '9'; })) {
            return true;
        }
    }
    return false;
}

bool is_operator_word(std::string_view word) { return word == "NOT" || is_binary_operator(word); }

std::string at(std::string_view what, std::size_t offset) {
    return "'" + std::string(what) + "' at offset " + std::to_string(offset);
}

class Lexer {
public:
    explicit Lexer(std::string_view q) : q_(q) {}

    Lexed run() {
        while (i_ < q_.size()) {
            const char c = q_[i_];
            if (is_space(c)) {
                ++i_;
            } else if (c == '(') {
                open_.push_back(i_);
                out_.max_depth = std::max(out_.max_depth, open_.size());
                push(ItemKind::kOpen, i_, i_ + 1);
                ++i_;
            } else if (c == ')') {
                if (open_.empty()) fail("syntax error: unmatched ')' at offset " + std::to_string(i_));
                else open_.pop_back();
                push(ItemKind::kClose, i_, i_ + 1);
                ++i_;
            } else if (c == '"') {
                const std::size_t end = closing_quote(i_, false);
                push(ItemKind::kTerm, i_, end);
                i_ = end;
            } else {
                word();
            }
        }
        if (!open_.empty()) {
            fail("syntax error: unclosed '(' at offset " + std::to_string(open_.back()));
        }
        return std::move(out_);
    }

private:
    void push(ItemKind kind, std::size_t start, std::size_t end, bool literal = false,
              bool prefixed = false) {
        out_.items.push_back({kind, start, end, literal, prefixed});
    }
    void fail(std::string message) {
        if (!out_.problem) out_.problem = QueryProblem{false, std::move(message)};
    }

    // One past the quote that closes the one at `open`; boolean values double a quote to
    // escape it, as Xapian reads them. An unterminated quote runs to the end.
    std::size_t closing_quote(std::size_t open, bool doubled_escapes) {
        for (std::size_t k = open + 1; k < q_.size(); ++k) {
            if (q_[k] != '"') continue;
            if (doubled_escapes && k + 1 < q_.size() && q_[k + 1] == '"') {
                ++k;
                continue;
            }
            return k + 1;
        }
        fail("syntax error: unterminated quote at offset " + std::to_string(open));
        out_.open_quote = open;
        return q_.size();
    }

    void word() {
        const std::size_t start = i_;
        while (i_ < q_.size() && !is_space(q_[i_]) && q_[i_] != '(' && q_[i_] != ')' &&
               q_[i_] != '"') {
            ++i_;
        }
        const std::string_view text = q_.substr(start, i_ - start);
        const std::size_t colon = text.find(':');
        std::string_view name = text.substr(0, colon);
        if (!name.empty() && (name.front() == '+' || name.front() == '-')) name.remove_prefix(1);
        const bool boolean = one_of(name, kBooleanQueryPrefixes);
        if (colon != std::string_view::npos && (boolean || one_of(name, kTextQueryPrefixes))) {
            prefixed(start, text, boolean);
        } else if (is_binary_operator(text)) {
            push(ItemKind::kBinary, start, i_);
        } else if (text == "NOT") {
            push(ItemKind::kNot, start, i_);
        } else {
            push(ItemKind::kTerm, start, i_);
        }
    }

    void prefixed(std::size_t start, std::string_view text, bool boolean) {
        if (!text.ends_with(':')) {
            push(ItemKind::kTerm, start, i_, boolean, true);
        } else if (i_ < q_.size() && q_[i_] == '"') {
            i_ = closing_quote(i_, boolean);
            push(ItemKind::kTerm, start, i_, boolean, true);
        } else {
            fail("syntax error: " + at(text, start) + " needs a value");
            push(ItemKind::kTerm, start, i_, boolean, true);
        }
    }

    std::string_view q_;
    std::size_t i_ = 0;
    std::vector<std::size_t> open_;
    Lexed out_;
};

bool ends_operand(const Item* item) {
    return item && (item->kind == ItemKind::kTerm || item->kind == ItemKind::kClose);
}

bool starts_operand(const Item* item, bool not_allowed) {
    return item && (item->kind == ItemKind::kTerm || item->kind == ItemKind::kOpen ||
                    (not_allowed && item->kind == ItemKind::kNot));
}

// Every operator needs its operands: "AND foo", "foo AND", "a OR OR b", "a NOT".
std::optional<std::string> check_operators(std::string_view q, const std::vector<Item>& items) {
    for (std::size_t k = 0; k < items.size(); ++k) {
        const Item& item = items[k];
        if (item.kind != ItemKind::kBinary && item.kind != ItemKind::kNot) continue;
        const std::string_view op = q.substr(item.start, item.end - item.start);
        const Item* before = k > 0 ? &items[k - 1] : nullptr;
        const Item* after = k + 1 < items.size() ? &items[k + 1] : nullptr;
        if (item.kind == ItemKind::kBinary && !ends_operand(before)) {
            return "syntax error: " + at(op, item.start) + " needs a term before it";
        }
        if (!starts_operand(after, item.kind == ItemKind::kBinary)) {
            return "syntax error: " + at(op, item.start) + " needs a term after it";
        }
    }
    return std::nullopt;
}

bool is_apostrophe_at(std::string_view q, std::size_t i, std::size_t& length) {
    for (std::string_view a : {"'", "\u2019", "\u2018", "\u02BC"}) {
        if (q.substr(i).starts_with(a)) {
            length = a.size();
            return true;
        }
    }
    return false;
}

bool is_ascii_alnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// The tokenizer cuts a possessive "'s" off the token it reports; the query must lose it too,
// or Xapian would read "morocco's" as its own term.
std::size_t possessive_end(std::string_view q, std::size_t end) {
    std::size_t length = 0;
    if (end >= q.size() || !is_apostrophe_at(q, end, length)) return end;
    std::size_t k = end + length;
    if (k < q.size() && (q[k] == 's' || q[k] == 'S')) ++k;
    if (k < q.size() && (is_ascii_alnum(q[k]) || (q[k] & 0x80))) return end;
    return k;
}

// A '*' right after a word character is a wildcard to Xapian's QueryParser.
std::size_t count_wildcards(std::string_view q) {
    std::size_t count = 0;
    for (std::size_t i = 1; i < q.size(); ++i) {
        const auto before = static_cast<unsigned char>(q[i - 1]);
        if (q[i] == '*' && (is_ascii_alnum(q[i - 1]) || before >= 0x80)) ++count;
    }
    return count;
}

}  // namespace

std::optional<QueryProblem> check_query(std::string_view q, const QueryCaps& caps,
                                        Tokenizer& tokenizer) {
    const Lexed lexed = Lexer(q).run();
    if (lexed.max_depth > caps.max_depth) {
        return QueryProblem{true, "query too complex: parentheses nested deeper than " +
                                      std::to_string(caps.max_depth)};
    }
    if (tokenizer.tokenize(q).size() > caps.max_terms) {
        return QueryProblem{true,
                            "query too complex: more than " + std::to_string(caps.max_terms) +
                                " words"};
    }
    if (const std::size_t wildcards = count_wildcards(q); wildcards > caps.max_wildcards) {
        return QueryProblem{true, "query too complex: " + std::to_string(wildcards) +
                                      " wildcards, at most " +
                                      std::to_string(caps.max_wildcards) + " are allowed"};
    }
    if (lexed.problem) return lexed.problem;
    if (auto message = check_operators(q, lexed.items)) return QueryProblem{false, *message};
    return std::nullopt;
}

std::string normalise_query_text(std::string_view q, Tokenizer& tokenizer) {
    const Lexed lexed = Lexer(q).run();
    std::vector<std::pair<std::size_t, std::size_t>> literal;
    for (const Item& item : lexed.items) {
        if (item.literal) literal.emplace_back(item.start, item.end);
    }
    auto is_literal = [&](const Token& t) {
        return std::any_of(literal.begin(), literal.end(),
                           [&](const auto& span) { return t.start < span.second && t.end > span.first; });
    };
    std::string out;
    out.reserve(q.size());
    std::size_t cursor = 0;
    for (const Token& token : tokenizer.tokenize(q)) {
        if (token.start < cursor || is_literal(token)) continue;
        if (is_operator_word(q.substr(token.start, token.end - token.start))) continue;
        out.append(q.substr(cursor, token.start - cursor));
        out += token.norm;
        cursor = possessive_end(q, token.end);
    }
    out.append(q.substr(std::min(cursor, q.size())));
    return out;
}

std::vector<Token> query_words(std::string_view q, Tokenizer& tokenizer) {
    const Lexed lexed = Lexer(q).run();
    std::vector<Token> words;
    for (Token& token : tokenizer.tokenize(q)) {
        const bool literal = std::any_of(lexed.items.begin(), lexed.items.end(), [&](const Item& item) {
            return item.literal && token.start < item.end && token.end > item.start;
        });
        if (literal || is_operator_word(q.substr(token.start, token.end - token.start))) continue;
        words.push_back(std::move(token));
    }
    return words;
}

std::vector<QueryOperand> query_operands(std::string_view q) {
    const Lexed lexed = Lexer(q).run();
    std::vector<QueryOperand> operands;
    auto is_proximity = [&](std::size_t k) {
        if (k >= lexed.items.size() || lexed.items[k].kind != ItemKind::kBinary) return false;
        const std::string_view op =
            q.substr(lexed.items[k].start, lexed.items[k].end - lexed.items[k].start);
        return op.starts_with("NEAR") || op.starts_with("ADJ");
    };
    for (std::size_t k = 0; k < lexed.items.size(); ++k) {
        const Item& item = lexed.items[k];
        if (item.kind != ItemKind::kTerm) continue;
        QueryOperand operand;
        operand.start = item.start;
        operand.end = item.end;
        operand.quoted = q[item.start] == '"';
        operand.prefixed = item.prefixed;
        operand.love_hate = q[item.start] == '+' || q[item.start] == '-';
        operand.beside_proximity = (k > 0 && is_proximity(k - 1)) || is_proximity(k + 1);
        operands.push_back(operand);
    }
    return operands;
}

std::string protect_split_words(std::string_view normalised, Tokenizer& tokenizer,
                                std::vector<std::string>* words) {
    const std::vector<QueryOperand> operands = query_operands(normalised);
    std::string out;
    std::size_t cursor = 0;
    for (const Token& token : tokenizer.tokenize(normalised)) {
        if (token.kind != TokenKind::kWord || token.start < cursor) continue;
        // Xapian reads '.' and ':' between letters as a phrase of two words; ICU does not.
        if (token.norm.find_first_of(".:") == std::string::npos) continue;
        if (token.end < normalised.size() && normalised[token.end] == '*') continue;
        const bool prefixed = std::any_of(operands.begin(), operands.end(), [&](const QueryOperand& o) {
            return o.prefixed && token.start < o.end && token.end > o.start;
        });
        if (prefixed) continue;
        out.append(normalised.substr(cursor, token.start - cursor));
        out += "xcqw" + std::to_string(words->size());
        words->push_back(token.norm);
        cursor = token.end;
    }
    out.append(normalised.substr(std::min(cursor, normalised.size())));
    return out;
}

std::string strip_query_syntax(std::string_view q) {
    const Lexed lexed = Lexer(q).run();
    std::string out(q);
    for (const Item& item : lexed.items) {
        if (item.kind != ItemKind::kTerm) {
            std::fill(out.begin() + item.start, out.begin() + item.end, ' ');
        }
    }
    if (lexed.open_quote) out[*lexed.open_quote] = ' ';
    return out;
}

}  // namespace consulta
