#pragma once
#include <string_view>
#include <vector>

#include "core/entities/gazetteer.h"
#include "core/entities/mention.h"
#include "core/entities/year_extractor.h"
#include "core/text/token.h"

namespace consulta {

struct TaggerOptions {
    YearRules years;
};

/// A name the tagger read and did not tag, and the rule that set it aside: what the evaluation
/// counts per rule (bench and tests), never part of an index.
struct SetAside {
    Mention mention;        ///< what it would have been; entity empty for a block phrase
    std::string_view rule;  ///< "title", "surname", "person_verb", "us_city", "us_state", "block"
};

/// Tags states, mechanisms, organisations and years in one pass over a token stream.
/// Longest match wins and mentions never overlap: "Democratic Republic of the Congo" is CD
/// only, a state inside a mechanism name ("Abu Dhabi Dialogue") is not a state mention.
/// A state name is also judged by the words around it (state_context.tsv): "Dr. Chad Okoro",
/// "Jordan said", "Athens, Georgia" and "Peru, Indiana" are not states.
/// Thread-safe (const).
class EntityTagger {
public:
    EntityTagger(const Gazetteer& gazetteer, TaggerOptions options = {});

    /// Mentions sorted by start offset. `text` is the text the tokens were made from.
    std::vector<Mention> tag(std::string_view text, const TokenStream& tokens) const;
    /// The same, and what was set aside and why, appended to `set_aside` when it is not null.
    std::vector<Mention> tag(std::string_view text, const TokenStream& tokens,
                             std::vector<SetAside>* set_aside) const;

private:
    const Gazetteer& gazetteer_;
    YearExtractor years_;
};

}  // namespace consulta
