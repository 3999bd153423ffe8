// The person and place rules of config/state_context.tsv, applied to one state name in a text.

#include "core/entities/state_context.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "core/entities/text_gap.h"

namespace consulta::gazetteer_detail {
namespace {

std::string_view surface_of(std::string_view text, const Token& token) {
    return text.substr(token.start, token.end - token.start);
}

std::string_view gap_between(std::string_view text, const Token& left, const Token& right) {
    return text.substr(left.end, right.start - left.end);
}

/// Spaces only, on one line: "Jordan Whitfield" yes; "Jordan-Lebanon", "Jordan, Lebanon",
/// "Chad's", "Jordan\nLebanon" (a list or a table) no.
bool plain_space(std::string_view gap) {
    return !gap.empty() && gap.find('\n') == std::string_view::npos &&
           gap_signature(gap).empty();
}

/// "Lewis", "Whitfield", "O'Neil" yes; "lewis", "USA" (an acronym), "2019" no.
bool is_capitalised_word(std::string_view text, const Token& token) {
    if (token.kind != TokenKind::kWord) return false;
    const std::string_view s = surface_of(text, token);
    std::int32_t i = 0;
    UChar32 c = 0;
    U8_NEXT(reinterpret_cast<const std::uint8_t*>(s.data()), i, static_cast<std::int32_t>(s.size()),
            c);
    if (c < 0 || !(u_isupper(c) || u_istitle(c))) return false;
    while (i < static_cast<std::int32_t>(s.size())) {
        U8_NEXT(reinterpret_cast<const std::uint8_t*>(s.data()), i,
                static_cast<std::int32_t>(s.size()), c);
        if (c >= 0 && u_islower(c)) return true;
    }
    return false;
}

/// Whether the tokens ending at `last` (inclusive) spell `name`, joined by spaces or hyphens.
bool name_ends_at(std::string_view text, const TokenStream& tokens, std::size_t last,
                  const std::vector<std::string>& name) {
    if (name.empty() || last + 1 < name.size()) return false;
    const std::size_t first = last + 1 - name.size();
    for (std::size_t k = 0; k < name.size(); ++k) {
        if (tokens[first + k].norm != name[k]) return false;
        if (k > 0) {
            const std::string g = gap_signature(gap_between(text, tokens[first + k - 1],
                                                            tokens[first + k]));
            if (!g.empty() && g != "-" && g != ".") return false;
        }
    }
    return true;
}

bool name_starts_at(std::string_view text, const TokenStream& tokens, std::size_t first,
                    const std::vector<std::string>& name) {
    return first + name.size() <= tokens.size() &&
           name_ends_at(text, tokens, first + name.size() - 1, name);
}

ContextVerdict person_verdict(const StateContextLists& lists, std::string_view text,
                              const TokenStream& tokens, std::size_t first,
                              const std::function<bool(std::size_t)>& starts_name) {
    // "Mr. Jordan", "Dr. Chad Okoro", "Minister Georgia Lewis".
    if (first > 0 && lists.titles.contains(tokens[first - 1].norm)) {
        const std::string g = gap_signature(gap_between(text, tokens[first - 1], tokens[first]));
        if (g.empty() || g == ".") return ContextVerdict::kTitle;
    }
    const std::size_t next = first + 1;
    if (next >= tokens.size() || !plain_space(gap_between(text, tokens[first], tokens[next]))) {
        return ContextVerdict::kState;
    }
    // "Jordan Whitfield-Ames", "Georgia Lewis"; not "Chad Government", not "Jordan Lebanon".
    if (is_capitalised_word(text, tokens[next]) && !lists.not_surnames.contains(tokens[next].norm) &&
        !starts_name(next)) {
        return ContextVerdict::kSurname;
    }
    // "Jordan said"; not "the delegation of Jordan said".
    if (lists.person_verbs.contains(tokens[next].norm) &&
        (first == 0 || !lists.state_cues.contains(tokens[first - 1].norm))) {
        return ContextVerdict::kPersonVerb;
    }
    return ContextVerdict::kState;
}

/// The token before the list item that starts at `first` ("Alabama" in "Alabama, Georgia",
/// "Alabama and Georgia", "Alabama, and Georgia"), or npos.
std::size_t previous_item(std::string_view text, const TokenStream& tokens, std::size_t first) {
    if (first == 0) return std::string::npos;
    std::size_t k = first - 1;
    const std::string gap = gap_signature(gap_between(text, tokens[k], tokens[first]));
    if (gap == ",") return k;
    if (!gap.empty() || (tokens[k].norm != "and" && tokens[k].norm != "or") || k == 0) {
        return std::string::npos;
    }
    const std::string before = gap_signature(gap_between(text, tokens[k - 1], tokens[k]));
    return before.empty() || before == "," ? k - 1 : std::string::npos;
}

/// The first token of the list item after the one that ends at `last`, or npos.
std::size_t next_item(std::string_view text, const TokenStream& tokens, std::size_t last) {
    std::size_t k = last + 1;
    if (k >= tokens.size()) return std::string::npos;
    const std::string gap = gap_signature(gap_between(text, tokens[last], tokens[k]));
    if (gap != "," && !gap.empty()) return std::string::npos;
    if (tokens[k].norm == "and" || tokens[k].norm == "or") {
        if (k + 1 >= tokens.size() ||
            !gap_signature(gap_between(text, tokens[k], tokens[k + 1])).empty()) {
            return std::string::npos;
        }
        return k + 1;
    }
    return gap == "," ? k : std::string::npos;
}

ContextVerdict place_verdict(const StateContextLists& lists, std::string_view text,
                             const TokenStream& tokens, std::size_t first, std::size_t count) {
    if (count != 1 || !lists.us_namesakes.contains(tokens[first].norm)) {
        return ContextVerdict::kState;
    }
    // "Athens, Georgia": a US city, a comma, the name.
    if (first > 0 && gap_signature(gap_between(text, tokens[first - 1], tokens[first])) == ",") {
        for (const auto& city : lists.us_cities) {
            if (name_ends_at(text, tokens, first - 1, city)) return ContextVerdict::kUsCityBefore;
        }
    }
    // "Lebanon, New Hampshire": the name, a comma, a US state.
    const std::size_t next = first + count;
    if (next < tokens.size() &&
        gap_signature(gap_between(text, tokens[next - 1], tokens[next])) == ",") {
        for (const auto* names : {&lists.us_states, &lists.us_names}) {
            for (const auto& state : *names) {
                if (name_starts_at(text, tokens, next, state)) return ContextVerdict::kUsStateAfter;
            }
        }
    }
    // "North Carolina, Georgia, and Tennessee", "Alabama and Georgia": a list of US states.
    if (!lists.us_state_namesakes.contains(tokens[first].norm)) return ContextVerdict::kState;
    const std::size_t before = previous_item(text, tokens, first);
    const std::size_t after = next_item(text, tokens, first + count - 1);
    for (const auto& state : lists.us_states) {
        if ((before != std::string::npos && name_ends_at(text, tokens, before, state)) ||
            (after != std::string::npos && name_starts_at(text, tokens, after, state))) {
            return ContextVerdict::kUsStateList;
        }
    }
    return ContextVerdict::kState;
}

}  // namespace

std::string_view context_verdict_name(ContextVerdict verdict) {
    switch (verdict) {
        case ContextVerdict::kState:
            return "state";
        case ContextVerdict::kTitle:
            return "title";
        case ContextVerdict::kSurname:
            return "surname";
        case ContextVerdict::kPersonVerb:
            return "person_verb";
        case ContextVerdict::kUsCityBefore:
            return "us_city";
        case ContextVerdict::kUsStateAfter:
            return "us_state";
        case ContextVerdict::kUsStateList:
            return "us_state_list";
    }
    return "state";
}

ContextVerdict judge_state_context(const StateContextLists& lists, std::string_view text,
                                   const TokenStream& tokens, std::size_t first, std::size_t count,
                                   const std::function<bool(std::size_t)>& starts_name) {
    // The person rules are for the names that are also given names or surnames, written as one
    // word: "Jordan" yes, "Republic of Chad" never.
    if (count == 1 && lists.given_names.contains(tokens[first].norm)) {
        if (ContextVerdict v = person_verdict(lists, text, tokens, first, starts_name);
            v != ContextVerdict::kState) {
            return v;
        }
    }
    return place_verdict(lists, text, tokens, first, count);
}

}  // namespace consulta::gazetteer_detail
