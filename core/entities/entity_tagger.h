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

/// Tags states, mechanisms, organisations and years in one pass over a token stream.
/// Longest match wins and mentions never overlap: "Democratic Republic of the Congo" is CD
/// only, a state inside a mechanism name ("Abu Dhabi Dialogue") is not a state mention.
/// Thread-safe (const).
class EntityTagger {
public:
    EntityTagger(const Gazetteer& gazetteer, TaggerOptions options = {});

    /// Mentions sorted by start offset. `text` is the text the tokens were made from.
    std::vector<Mention> tag(std::string_view text, const TokenStream& tokens) const;

private:
    const Gazetteer& gazetteer_;
    YearExtractor years_;
};

}  // namespace consulta
