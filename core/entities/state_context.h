#pragma once
// Private to core/entities: the rules that keep a state name from becoming a state mention when
// the words around it say it is a person or a place inside another place. The word lists are
// data (config/state_context.tsv); this file only applies them.

#include <cstdint>
#include <functional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/text/token.h"

namespace consulta::gazetteer_detail {

/// What the words around a state name say about it. The names are those of the `rule` column of
/// state_context.tsv and of the evaluation's per-rule counts.
enum class ContextVerdict : std::uint8_t {
    kState,        ///< nothing against it: a state mention
    kTitle,        ///< "Mr. Jordan", "Dr. Chad Okoro", "Ambassador Georgia Lewis"
    kSurname,      ///< "Jordan Whitfield-Ames", "Georgia Lewis": a capitalised surname follows
    kPersonVerb,   ///< "Jordan said", "Chad smiled": a verb only a person takes follows
    kUsCityBefore, ///< "Athens, Georgia", "Savannah, Georgia": a US city and a comma before
    kUsStateAfter, ///< "Lebanon, New Hampshire", "Peru, Indiana": a comma and a US state after
    kUsStateList,  ///< "Alabama, Georgia, and Tennessee": next to a US state in a list
};

std::string_view context_verdict_name(ContextVerdict verdict);

/// The lists of state_context.tsv, keyed by token norms ("mr", "new hampshire" as {"new",
/// "hampshire"}). Blocked place names ("New Jersey") are not here: they go into the gazetteer's
/// trie as block phrases, where the longest match already does the work.
struct StateContextLists {
    std::set<std::string, std::less<>> given_names;   ///< state names that are also given names
    std::set<std::string, std::less<>> titles;        ///< honorifics and titles before a name
    std::set<std::string, std::less<>> person_verbs;  ///< verbs only a person takes
    std::set<std::string, std::less<>> not_surnames;  ///< capitalised words after a state name
                                                      ///< that are not surnames: "Government"
    std::set<std::string, std::less<>> state_cues;    ///< words before a name that make it a
                                                      ///< state whatever verb follows: "of"
    std::set<std::string, std::less<>> us_namesakes;  ///< state names that are also names of
                                                      ///< US places: only they meet the two
                                                      ///< rules below ("Rome, Italy" stays IT)
    std::set<std::string, std::less<>> us_state_namesakes;  ///< state names that are also US
                                                      ///< state names (Georgia): only they meet
                                                      ///< the list rule ("Mexico and Texas" stay)
    std::vector<std::vector<std::string>> us_cities;  ///< "Athens", "Salt Lake City"
    std::vector<std::vector<std::string>> us_states;  ///< "Indiana", "New Hampshire"
    std::vector<std::vector<std::string>> us_names;   ///< "USA", "United States": after a comma
                                                      ///< only ("Georgia, USA"), never in a list
                                                      ///< ("Panama and USA" are two states)

    bool empty() const {
        return given_names.empty() && titles.empty() && us_cities.empty() && us_states.empty();
    }
};

/// Judges the state name made of tokens [first, first + count) of `text`.
/// `starts_name(k)` says whether a gazetteer name starts at token k (so that "Jordan Lebanon"
/// in a list without commas is not read as a person); it is called at most once.
ContextVerdict judge_state_context(const StateContextLists& lists, std::string_view text,
                                   const TokenStream& tokens, std::size_t first, std::size_t count,
                                   const std::function<bool(std::size_t)>& starts_name);

}  // namespace consulta::gazetteer_detail
